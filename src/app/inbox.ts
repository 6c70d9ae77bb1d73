/** A member's inbox of notices: their own notices only, and what they want to hear of. */
import { isRowId } from '../domain/ids.ts';
import { NotFoundError } from '../domain/errors.ts';
import { INBOX_PAGE_SIZE } from '../domain/notifications.ts';
import type { Notice, NotificationPreferences, Store, WorkBlurb } from '../store/index.ts';
import { commentAsShown, type WorkAccess } from './access.ts';
import type { NoticeComment } from './comments.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

/** What a notice says about a work the member may no longer read, by what the notice was about. */
const WITHHELD: Record<Notice['kind'], string> = {
  comment: 'A comment was left on a work that is no longer available.',
  reply: 'A reply was left on a work that is no longer available.',
  'new-chapter': 'A work you followed is no longer available.',
  'new-work': 'A work you followed is no longer available.',
  kudos: 'A work that was given kudos is no longer available.',
  'co-creator-invitation': 'A work you were invited to is no longer available.',
  gift: 'A work given to you is no longer available.',
  'collection-invitation': 'A work invited to a collection is no longer available.',
  'gift-exchange': 'A gift exchange notice is about something no longer available.',
  'prompt-fill': 'A fill of your prompt is no longer available.',
  'data-export': 'Your data download is no longer available.',
};

/** The notice without the work's title or a way to it. */
function withheld(notice: Notice): Notice {
  return {
    ...notice,
    message: WITHHELD[notice.kind] ?? 'A work this notice was about is no longer available.',
    workId: null,
    chapterId: null,
    commentId: null,
  };
}

/** A notice about a comment: stored without who wrote it, named as the comment is shown to the member. */
function aboutComment(notice: Notice): notice is Notice & { commentId: number } {
  return (notice.kind === 'comment' || notice.kind === 'reply') && notice.commentId !== null;
}

/**
 * Notices as the member may see them now (in the inbox and in digest mail): one about a work the
 * member may no longer read (it went back to draft, say) loses the work's title and link, and has
 * them again once the member may read the work. Who may read a work is WorkAccess's rule; a comment
 * or reply notice names the commenter as the work page shows them to the member (commentAsShown).
 */
export async function noticesAsShown(
  store: Store,
  access: WorkAccess,
  member: Member,
  notices: Notice[],
): Promise<Notice[]> {
  const ids = [...new Set(notices.flatMap((n) => (n.workId === null ? [] : [n.workId])))];
  // Most are listed works; the rest (an invitation to a draft, say) are loaded and asked one by one.
  const readable = new Map<number, WorkBlurb>((await access.listable(member, ids)).map((work) => [work.id, work]));
  for (const id of ids) {
    if (readable.has(id)) continue;
    const work = await store.works.find(id);
    if (work && access.mayRead(work, member)) readable.set(id, work);
  }
  const shown: Notice[] = [];
  for (const notice of notices) {
    const work = notice.workId === null ? undefined : readable.get(notice.workId);
    if (notice.workId !== null && !work) shown.push(withheld(notice));
    else if (work && aboutComment(notice)) {
      const comment = await store.comments.find(notice.commentId);
      const name = comment ? commentAsShown(comment, work, member).authorName : 'Someone';
      shown.push({ ...notice, message: `${name} ${notice.message}` });
    } else shown.push(notice);
  }
  return shown;
}

/** One notice as the inbox shows it, with what can be done about it right there. */
export interface InboxItem {
  notice: Notice;
  /** For a comment or reply: the comment as the member may see it now, and the reply form. */
  comment?: NoticeComment;
  /** For a co-creator invitation still waiting: the pen name invited, for Accept and Decline. */
  invitation?: { workId: number; pseudId: number };
}

const NO_NOTICE = 'There is no such notification in your inbox.';

export class Inbox {
  constructor(private readonly deps: ModuleDeps) {}

  /** Whether this archive sends mail (without it, the preferences have no email choices). */
  private get mailEnabled(): boolean {
    return this.deps.config.smtpUrl !== undefined;
  }

  /**
   * One page (from 1) of the member's notices, newest first, with how many there are. A notice is
   * written once, with the work's title in it; a notice about a work the member may no longer read
   * (it went back to draft, say) is shown without the title or a link, and as it was once the
   * member may read the work again. Who may read a work is WorkAccess's rule, asked now.
   */
  async list(viewer: Viewer, page: number): Promise<{ notices: Notice[]; items: InboxItem[]; total: number }> {
    const member = requireMember(viewer);
    const { store, archive } = this.deps;
    const listed = await store.inbox.list(member.id, {
      limit: INBOX_PAGE_SIZE,
      offset: (page - 1) * INBOX_PAGE_SIZE,
    });
    const notices = await noticesAsShown(store, archive.access, member, listed.notices);
    const invitations = notices.some((n) => n.kind === 'co-creator-invitation')
      ? await store.workLinks.invitationsFor(member.id)
      : [];
    const items: InboxItem[] = [];
    for (const notice of notices) {
      const item: InboxItem = { notice };
      // A notice withheld by noticesAsShown has no comment id left: nothing of the comment is looked up.
      if (aboutComment(notice)) item.comment = await archive.comments.forNotice(member, notice.commentId);
      if (notice.kind === 'co-creator-invitation' && notice.workId !== null) {
        const waiting = invitations.find((i) => i.workId === notice.workId);
        if (waiting) item.invitation = { workId: waiting.workId, pseudId: waiting.pseudId };
      }
      items.push(item);
    }
    return { total: listed.total, notices, items };
  }

  /** Marks all of the member's notices read. */
  markAllRead(viewer: Viewer): Promise<void> {
    return this.deps.store.inbox.markAllRead(requireMember(viewer).id);
  }

  /** Marks one of the member's notices read; someone else's is answered as if it did not exist. */
  async markRead(viewer: Viewer, id: number): Promise<void> {
    const member = requireMember(viewer);
    if (!isRowId(id) || !(await this.deps.store.inbox.markRead(member.id, id))) throw new NotFoundError(NO_NOTICE);
  }

  /** Marks one of the member's notices unread again. */
  async markUnread(viewer: Viewer, id: number): Promise<void> {
    const member = requireMember(viewer);
    if (!isRowId(id) || !(await this.deps.store.inbox.markUnread(member.id, id))) throw new NotFoundError(NO_NOTICE);
  }

  /** Deletes one of the member's notices; someone else's is answered as if it did not exist. */
  async delete(viewer: Viewer, id: number): Promise<void> {
    const member = requireMember(viewer);
    if (!isRowId(id) || !(await this.deps.store.inbox.delete(member.id, id))) throw new NotFoundError(NO_NOTICE);
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
