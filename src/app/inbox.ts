/** A member's inbox of notices: their own notices only, and what they want to hear of. */
import { NotFoundError } from '../domain/errors.ts';
import { INBOX_PAGE_SIZE } from '../domain/notifications.ts';
import type { Notice, NotificationPreferences } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

export class Inbox {
  constructor(private readonly deps: ModuleDeps) {}

  /** Whether this archive sends mail (without it, the preferences have no email choices). */
  private get mailEnabled(): boolean {
    return this.deps.config.smtpUrl !== undefined;
  }

  /** One page (from 1) of the member's notices, newest first, with how many there are. */
  list(viewer: Viewer, page: number): Promise<{ notices: Notice[]; total: number }> {
    return this.deps.store.inbox.list(requireMember(viewer).id, {
      limit: INBOX_PAGE_SIZE,
      offset: (page - 1) * INBOX_PAGE_SIZE,
    });
  }

  /** Marks all of the member's notices read. */
  markAllRead(viewer: Viewer): Promise<void> {
    return this.deps.store.inbox.markAllRead(requireMember(viewer).id);
  }

  /** Marks one of the member's notices read; someone else's is answered as if it did not exist. */
  async markRead(viewer: Viewer, id: number): Promise<void> {
    const member = requireMember(viewer);
    if (!Number.isSafeInteger(id) || id <= 0 || !(await this.deps.store.inbox.markRead(member.id, id)))
      throw new NotFoundError('There is no such notification in your inbox.');
  }

  /** The member's notification preferences, whether the archive sends mail at all, and where it goes. */
  async preferences(viewer: Viewer): Promise<{ prefs: NotificationPreferences; mailEnabled: boolean; email: string }> {
    const member = requireMember(viewer);
    const prefs = await this.deps.store.inbox.preferences(member.id);
    return { prefs, mailEnabled: this.mailEnabled, email: member.email };
  }

  /**
   * Saves the member's notification preferences as chosen on the form. Without mail on this
   * archive the form has no email boxes, so the earlier email choices stay.
   */
  async savePreferences(viewer: Viewer, chosen: NotificationPreferences): Promise<void> {
    const member = requireMember(viewer);
    const { inbox } = this.deps.store;
    let prefs = chosen;
    if (!this.mailEnabled) {
      const current = await inbox.preferences(member.id);
      prefs = Object.fromEntries(
        Object.entries(chosen).map(([kind, choice]) => [
          kind,
          { inbox: choice.inbox, email: current[kind as keyof NotificationPreferences].email },
        ]),
      ) as NotificationPreferences;
    }
    await inbox.setPreferences(member.id, prefs);
  }
}
