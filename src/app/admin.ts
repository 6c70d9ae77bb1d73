/** The admin area: the staff dashboard, and roles managed by admins. */
import { ValidationError } from '../domain/errors.ts';
import type { AuditEntry, Comment, ReportCase, Role, User } from '../store/index.ts';
import { LastAdminError, ROLES, isRole } from '../store/roles.ts';
import type { ModuleDeps } from './deps.ts';
import type { StaffPowers } from './staff.ts';
import type { Viewer } from './viewer.ts';

const DASHBOARD_ROWS = 10;

/** A comment awaiting approval, with the title of its work. */
export interface HeldComment {
  comment: Comment;
  workTitle: string;
}

export interface Dashboard {
  powers: StaffPowers;
  reports: { cases: ReportCase[]; total: number };
  heldComments: { comments: HeldComment[]; total: number };
  /** News comments the spam check held, for admins to approve (empty for moderators). */
  heldNewsComments: { comments: { id: number; postId: number; postTitle: string; name: string }[]; total: number };
  signUps: User[];
  actions: AuditEntry[];
}

/** A member holding one or more staff roles. */
export interface StaffMember {
  login: string;
  userId: number;
  roles: { role: Role; grantedAt: string }[];
}

/** The role form as sent: fields as typed. */
export interface RoleForm {
  login: string;
  role: string;
  reason: string;
}

/** The roles an admin may grant, in the order the page lists them. */
export const GRANTABLE_ROLES: readonly Role[] = ROLES;

export const ROLE_LABELS: Record<Role, string> = { wrangler: 'Wrangler', moderator: 'Moderator', admin: 'Admin' };

export class Admin {
  constructor(private readonly deps: ModuleDeps) {}

  /** What needs the staff's attention: open reports, held comments, new accounts, the latest actions. */
  async dashboard(viewer: Viewer): Promise<Dashboard> {
    const { store, archive } = this.deps;
    const member = await archive.staff.requireModerator(viewer);
    const [powers, reports, held, signUps, actions, heldNews] = await Promise.all([
      archive.staff.powers(member),
      archive.reports.pending(DASHBOARD_ROWS),
      store.comments.listHeld(DASHBOARD_ROWS),
      store.users.newest(DASHBOARD_ROWS),
      archive.audit.recent(DASHBOARD_ROWS),
      archive.staff.isAdmin(member).then((admin) => (admin ? archive.news.held(DASHBOARD_ROWS) : undefined)),
    ]);
    const works = new Map<number, string>();
    for (const workId of new Set(held.comments.map((c) => c.workId))) {
      works.set(workId, (await store.works.find(workId))?.title ?? '(deleted work)');
    }
    return {
      powers,
      reports,
      heldComments: {
        comments: held.comments.map((comment) => ({ comment, workTitle: works.get(comment.workId) ?? '' })),
        total: held.total,
      },
      heldNewsComments: {
        comments: (heldNews?.comments ?? []).map((c) => ({
          id: c.id,
          postId: c.postId,
          postTitle: c.postTitle,
          name: c.name,
        })),
        total: heldNews?.total ?? 0,
      },
      signUps,
      actions,
    };
  }

  /** Everyone holding a staff role, by login, for admins. */
  async staffList(viewer: Viewer): Promise<StaffMember[]> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const { store } = this.deps;
    const byUser = new Map<number, StaffMember>();
    for (const role of ROLES) {
      for (const holder of await store.roles.holders(role)) {
        let entry = byUser.get(holder.userId);
        if (!entry) {
          const user = await store.users.findById(holder.userId);
          if (!user) continue;
          entry = { login: user.login, userId: user.id, roles: [] };
          byUser.set(holder.userId, entry);
        }
        entry.roles.push({ role, grantedAt: holder.grantedAt });
      }
    }
    return [...byUser.values()].sort((a, b) => a.login.localeCompare(b.login));
  }

  /** An admin gives a member a role. Returns what happened, for the page to say. */
  async grant(viewer: Viewer, form: RoleForm): Promise<{ login: string; role: Role; changed: boolean }> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const { user, role, reason } = await this.check(form);
    // The line is written in the grant's transaction, and only when the member did not have the role.
    const changed = await this.deps.store.roles.grant(
      user.id,
      role,
      this.deps.archive.audit.entry(
        admin,
        'role.grant',
        { kind: 'user', id: user.id, label: `${user.login}: ${ROLE_LABELS[role]}` },
        reason,
      ),
    );
    return { login: user.login, role, changed };
  }

  /**
   * An admin takes a role away. The archive always keeps at least one admin: the store counts the
   * admins in the revocation's own transaction, so two admins revoking each other at once leave one.
   */
  async revoke(viewer: Viewer, form: RoleForm): Promise<{ login: string; role: Role; changed: boolean }> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const { user, role, reason } = await this.check(form);
    let changed: boolean;
    try {
      changed = await this.deps.store.roles.revoke(
        user.id,
        role,
        this.deps.archive.audit.entry(
          admin,
          'role.revoke',
          { kind: 'user', id: user.id, label: `${user.login}: ${ROLE_LABELS[role]}` },
          reason,
        ),
      );
    } catch (error) {
      if (!(error instanceof LastAdminError)) throw error;
      throw new ValidationError({
        login: `${user.login} is the archive’s only admin. Make another member an admin first, so that someone can still run the archive.`,
      });
    }
    return { login: user.login, role, changed };
  }

  private async check(form: RoleForm): Promise<{ user: User; role: Role; reason: string }> {
    const errors: Record<string, string> = {};
    const login = form.login.trim();
    const user = login ? await this.deps.store.users.findByLogin(login) : undefined;
    if (!login) errors.login = 'Enter the username of the member.';
    else if (!user) errors.login = `There is no member called ${login}.`;
    if (!isRole(form.role)) errors.role = 'Choose a role from the list.';
    if ([...form.reason].length > 1000) errors.reason = 'Say why in at most 1,000 characters.';
    if (Object.keys(errors).length > 0 || !user || !isRole(form.role)) throw new ValidationError(errors);
    return { user, role: form.role, reason: form.reason.trim() };
  }
}
