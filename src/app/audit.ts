/**
 * The audit log: every staff action (role changes, report handling, hiding, suspending …) is
 * written here with who, what, when and why. Lines are added and read, never changed.
 */
import type { AuditEntry, NewAuditEntry } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import type { Member, Viewer } from './viewer.ts';

/** What an action was done to: a kind ('user', 'work', 'report' …), its id if it has one, and its name then. */
export interface AuditTarget {
  kind: string;
  id: number | null;
  label: string;
}

/** What each action key means, as the log page words it. Other modules add their own keys freely. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'role.grant': 'Granted a role',
  'role.revoke': 'Took a role away',
  'report.take': 'Took a report',
  'report.status': 'Changed a report’s status',
  'report.note': 'Added a note to a report',
  'tag.rename': 'Renamed a tag',
  'tag.delete': 'Deleted a tag',
  'news-comment.approve': 'Approved a held news comment',
  'news-comment.delete': 'Deleted a news comment',
};

export const AUDIT_PAGE_SIZE = 50;

export interface AuditPage {
  entries: AuditEntry[];
  page: number;
  pages: number;
  total: number;
  /** The viewer is an admin (their pages link to the roles page). */
  admin: boolean;
}

export class Audit {
  constructor(private readonly deps: ModuleDeps) {}

  /**
   * The log line for one staff action, to hand to the store method that makes the change: it writes
   * the line in the same transaction, so the log never misses an action nor names one that did not
   * happen. `action` is a short key such as 'work.hide'; `reason` is why ('' if none given).
   */
  entry(actor: Member, action: string, target: AuditTarget, reason = ''): NewAuditEntry {
    return {
      actorId: actor.id,
      actorLogin: actor.login,
      action,
      targetKind: target.kind,
      targetId: target.id,
      targetLabel: target.label.slice(0, 1000),
      reason: reason.trim(),
    };
  }

  /** One page of the log, newest first, for staff. `pageParam` as the address gave it. */
  async page(viewer: Viewer, pageParam: string): Promise<AuditPage> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    return { ...(await this.entries(pageParam)), admin: await this.deps.archive.staff.isAdmin(moderator) };
  }

  /** The newest lines, for the dashboard (the caller has checked the viewer). */
  async recent(limit: number): Promise<AuditEntry[]> {
    return (await this.deps.store.auditLog.list({ limit })).entries;
  }

  private async entries(pageParam: string): Promise<Omit<AuditPage, 'admin'>> {
    const page = pageNumber(pageParam);
    const { entries, total } = await this.deps.store.auditLog.list({
      limit: AUDIT_PAGE_SIZE,
      offset: (page - 1) * AUDIT_PAGE_SIZE,
    });
    return { entries, page, total, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
  }
}

/** A page number from an address: anything but a sensible whole number is the first page. */
export function pageNumber(value: string): number {
  const page = /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return page >= 1 ? page : 1;
}
