/**
 * What the archive's moderators do: hide, unhide and delete works, chapters, series, comments and
 * bookmarks, and suspend, ban and reinstate accounts. Every action needs a moderator (see Staff),
 * a reason, and goes to the audit log. What a hidden thing means for readers is applied where
 * each is read (WorkAccess, SeriesOfWorks, the comment and bookmark rules, the store's listings).
 */
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { isRowId } from '../domain/ids.ts';
import {
  isHideableKind,
  suspendedAt,
  suspensionEnd,
  validateReason,
  type HideableKind,
  type Suspension,
} from '../domain/moderation.ts';
import type { HiddenByModerators, NewAuditEntry, User } from '../store/index.ts';
import { excerpt, htmlToPlainText } from '../text/plain-text.ts';
import type { ModuleDeps } from './deps.ts';
import type { Member, Viewer } from './viewer.ts';

/** Something moderators can act on, as their page shows it. */
export interface ModeratedThing {
  kind: HideableKind;
  id: number;
  /** What it is, in words: "the work “Title”", "a comment by X on “Title”". */
  label: string;
  /** Where readers find it. */
  path: string;
  /** The accounts that made it (logins), for a link to their moderation page. */
  creatorLogins: string[];
  hidden: HiddenByModerators | null;
  /** Plain text of what it says (a comment's or bookmark's text, a work's summary), for review. */
  excerpt: string;
}

/** An account as the moderation page shows it. */
export interface ModeratedAccount {
  user: Pick<User, 'id' | 'login' | 'createdAt'>;
  suspension: Suspension | null;
  /** The suspension holds now (it may have run out). */
  suspended: boolean;
  /** Works only this account created: what a ban may hide. */
  soleWorkCount: number;
  /** Usernames the account gave up, the latest first. */
  previousLogins: { login: string; changedAt: string }[];
}

export interface SuspensionForm {
  days: string;
  ban: boolean;
  reason: string;
  /** On a ban: hide every work the account alone created. */
  hideWorks: boolean;
}

const NOTHING = 'There is nothing of that kind at this address.';

/** How far back marking a comment as spam reaches for its copies. */
export const SPAM_DAYS = 7;

function plain(html: string): string {
  return excerpt(htmlToPlainText(html), 600);
}

function rowId(value: string | number): number {
  const id = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!isRowId(id)) throw new NotFoundError(NOTHING);
  return id;
}

export class Moderation {
  constructor(private readonly deps: ModuleDeps) {}

  /** The thing at this address, for a moderator about to act on it. */
  async thing(viewer: Viewer, kindValue: string, idValue: string | number): Promise<ModeratedThing> {
    await this.deps.archive.staff.requireModerator(viewer);
    return this.find(kindValue, idValue);
  }

  /** Hides it from everyone but its creators (who are shown the reason) and staff. */
  async hide(
    viewer: Viewer,
    kindValue: string,
    idValue: string | number,
    reasonTyped: string,
  ): Promise<ModeratedThing> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const reason = validateReason(reasonTyped);
    const thing = await this.find(kindValue, idValue);
    if (thing.hidden) throw new ValidationError({ reason: 'It is already hidden.' });
    await this.setHidden(thing, { reason }, this.line(moderator, `${thing.kind}.hide`, thing, reason));
    return { ...thing, hidden: { at: new Date().toISOString(), reason } };
  }

  /** Shows it again to whoever may otherwise see it. */
  async unhide(
    viewer: Viewer,
    kindValue: string,
    idValue: string | number,
    reasonTyped: string,
  ): Promise<ModeratedThing> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const reason = validateReason(reasonTyped);
    const thing = await this.find(kindValue, idValue);
    if (!thing.hidden) throw new ValidationError({ reason: 'It is not hidden.' });
    await this.setHidden(thing, null, this.line(moderator, `${thing.kind}.unhide`, thing, reason));
    return { ...thing, hidden: null };
  }

  /** Deletes it for good (a comment leaves its thread's placeholder); reports keep their snapshot. */
  async delete(
    viewer: Viewer,
    kindValue: string,
    idValue: string | number,
    reasonTyped: string,
  ): Promise<ModeratedThing> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const reason = validateReason(reasonTyped);
    const thing = await this.find(kindValue, idValue);
    const { store } = this.deps;
    // The store writes the line in the same transaction as the deletion.
    const audit = this.line(moderator, `${thing.kind}.delete`, thing, reason);
    switch (thing.kind) {
      case 'work':
        await store.works.delete(thing.id, audit);
        break;
      case 'chapter': {
        const chapter = await this.chapter(thing.id);
        await store.works.deleteChapter(chapter.workId, chapter.id, audit);
        break;
      }
      case 'series':
        await store.series.delete(thing.id, audit);
        break;
      case 'comment':
        await store.comments.delete(thing.id, audit);
        break;
      case 'bookmark': {
        const bookmark = await store.bookmarks.find(thing.id);
        if (!bookmark) throw new NotFoundError(NOTHING);
        await store.bookmarks.remove(bookmark.userId, bookmark.id, audit);
        break;
      }
    }
    return thing;
  }

  /**
   * Marks a comment as spam: it and every comment with the same text, or from the same guest
   * address, in the last SPAM_DAYS days are deleted in one step, and the address is held: its next
   * comments wait for approval. Returns how many comments went.
   */
  async markSpam(
    viewer: Viewer,
    idValue: string | number,
    reasonTyped: string,
  ): Promise<{ removed: number; held: boolean }> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const reason = validateReason(reasonTyped);
    const thing = await this.find('comment', idValue);
    const { store } = this.deps;
    const since = new Date(Date.now() - SPAM_DAYS * 86_400_000).toISOString();
    const family = await store.comments.spamFamily(thing.id, since);
    const { addressKey } = family;
    // The comments go, the address is held and the line is written in one transaction.
    await store.comments.deleteSpam(family.ids, {
      alsoInTransaction: addressKey
        ? (tx) => store.heldAddresses.holdIn(tx, addressKey, reason, moderator.id)
        : undefined,
      audit: this.line(
        moderator,
        'comment.spam',
        thing,
        `${reason} (${family.ids.length} ${family.ids.length === 1 ? 'comment' : 'comments'} removed${addressKey ? '; address held for review' : ''})`,
      ),
    });
    return { removed: family.ids.length, held: family.addressKey !== null };
  }

  /** An account as its moderation page shows it. */
  async account(viewer: Viewer, login: string): Promise<ModeratedAccount> {
    await this.deps.archive.staff.requireModerator(viewer);
    return this.accountOf(await this.user(login));
  }

  /** Suspends the account for some days, or bans it (optionally hiding every work it alone created). */
  async suspend(viewer: Viewer, login: string, form: SuspensionForm): Promise<ModeratedAccount> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const user = await this.user(login);
    const errors: Record<string, string> = {};
    let until: string | null = null;
    let reason = '';
    try {
      until = suspensionEnd(form.days, form.ban);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
    try {
      reason = validateReason(form.reason);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
    if (user.id === moderator.id) errors.days = 'You cannot suspend your own account.';
    else if (await this.deps.archive.staff.isAdmin(user))
      errors.days = 'An admin cannot be suspended; an admin must first take the role away.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const { store, archive } = this.deps;
    const target = { kind: 'user', id: user.id, label: user.login };
    // The suspension or ban, the works a ban hides and every line for them: one transaction.
    await store.users.setSuspension(
      user.id,
      { until, reason },
      {
        audit: archive.audit.entry(moderator, until === null ? 'user.ban' : 'user.suspend', target, reason),
        alsoInTransaction:
          until === null && form.hideWorks
            ? async (tx) => {
                const hidden = await store.works.hideSoleCreatorWorksIn(tx, user.id, reason);
                await store.auditLog.insertIn(
                  tx,
                  hidden.map((work) =>
                    archive.audit.entry(
                      moderator,
                      'work.hide',
                      { kind: 'work', id: work.id, label: work.title },
                      `Banned account ${user.login}: ${reason}`,
                    ),
                  ),
                );
              }
            : undefined,
      },
    );
    return this.accountOf((await this.deps.store.users.findById(user.id)) ?? user);
  }

  /** Ends a suspension or ban early. Works hidden with a ban stay hidden until unhidden one by one. */
  async lift(viewer: Viewer, login: string, reasonTyped: string): Promise<ModeratedAccount> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const reason = validateReason(reasonTyped);
    const user = await this.user(login);
    if (!user.suspension) throw new ValidationError({ reason: 'This account is not suspended.' });
    await this.deps.store.users.setSuspension(user.id, null, {
      audit: this.deps.archive.audit.entry(
        moderator,
        'user.reinstate',
        { kind: 'user', id: user.id, label: user.login },
        reason,
      ),
    });
    return this.accountOf({ ...user, suspension: null });
  }

  private async user(login: string) {
    const user = await this.deps.store.users.findByLogin(login);
    if (!user) throw new NotFoundError('There is no user with that name.');
    return user;
  }

  private async accountOf(user: { id: number; login: string; createdAt: string; suspension: Suspension | null }) {
    return {
      user: { id: user.id, login: user.login, createdAt: user.createdAt },
      suspension: user.suspension,
      suspended: suspendedAt(user.suspension),
      soleWorkCount: (await this.deps.store.works.soleCreatorWorkIds(user.id)).length,
      previousLogins: await this.deps.archive.usernames.previousLogins(user.id),
    };
  }

  /** The log line for an action on this thing, for the store to write with the change. */
  private line(moderator: Member, action: string, thing: ModeratedThing, reason: string): NewAuditEntry {
    return this.deps.archive.audit.entry(
      moderator,
      action,
      { kind: thing.kind, id: thing.id, label: thing.label },
      reason,
    );
  }

  private async setHidden(
    thing: ModeratedThing,
    hidden: { reason: string } | null,
    audit: NewAuditEntry,
  ): Promise<void> {
    const { store } = this.deps;
    switch (thing.kind) {
      case 'work':
        return store.works.setHiddenByModerators(thing.id, hidden, audit);
      case 'chapter': {
        const chapter = await this.chapter(thing.id);
        return store.works.setChapterHiddenByModerators(chapter.workId, chapter.id, hidden, audit);
      }
      case 'series':
        return store.series.setHiddenByModerators(thing.id, hidden, audit);
      case 'comment':
        return store.comments.setHiddenByModerators(thing.id, hidden, audit);
      case 'bookmark':
        return store.bookmarks.setHiddenByModerators(thing.id, hidden, audit);
    }
  }

  private async chapter(id: number) {
    const chapter = await this.deps.store.works.chapterById(id);
    if (!chapter) throw new NotFoundError(NOTHING);
    return chapter;
  }

  /** Loads what a kind and id name, described for the moderation page and the log. */
  private async find(kindValue: string, idValue: string | number): Promise<ModeratedThing> {
    if (!isHideableKind(kindValue)) throw new NotFoundError(NOTHING);
    const id = rowId(idValue);
    const { store } = this.deps;
    const loginsOf = (work: { creators: { login: string; accepted: boolean }[] }) => [
      ...new Set(work.creators.filter((c) => c.accepted).map((c) => c.login)),
    ];
    switch (kindValue) {
      case 'work': {
        const work = await store.works.find(id);
        if (!work) break;
        return {
          kind: 'work',
          id,
          label: `the work “${work.title}”`,
          path: `/works/${id}`,
          creatorLogins: loginsOf(work),
          hidden: work.hidden,
          excerpt: plain(work.summary),
        };
      }
      case 'chapter': {
        const chapter = await store.works.chapterById(id);
        const work = chapter ? await store.works.find(chapter.workId) : undefined;
        if (!chapter || !work) break;
        return {
          kind: 'chapter',
          id,
          label: `chapter ${chapter.position}${chapter.title ? ` (“${chapter.title}”)` : ''} of “${work.title}”`,
          path: `/works/${work.id}/chapters/${id}`,
          creatorLogins: loginsOf(work),
          hidden: chapter.hidden,
          excerpt: plain(chapter.body),
        };
      }
      case 'series': {
        const series = await store.series.find(id);
        if (!series) break;
        const owner = series.userId === null ? undefined : await store.users.findById(series.userId);
        return {
          kind: 'series',
          id,
          label: `the series “${series.title}”`,
          path: `/series/${id}`,
          creatorLogins: owner ? [owner.login] : [],
          hidden: series.hidden,
          excerpt: plain(series.summary),
        };
      }
      case 'comment': {
        const comment = await store.comments.find(id);
        if (!comment || comment.deleted) break;
        const work = await store.works.find(comment.workId);
        return {
          kind: 'comment',
          id,
          label: `a comment by ${comment.authorName} on “${work?.title ?? 'a deleted work'}”`,
          path: `/comments/${id}`,
          creatorLogins: comment.login ? [comment.login] : [],
          hidden: comment.hidden,
          excerpt: plain(comment.body),
        };
      }
      case 'bookmark': {
        const bookmark = await store.bookmarks.find(id);
        if (!bookmark) break;
        const title =
          bookmark.target.kind === 'work'
            ? (await store.works.find(bookmark.target.id))?.title
            : (await store.series.find(bookmark.target.id))?.title;
        return {
          kind: 'bookmark',
          id,
          label: `a bookmark by ${bookmark.login} of “${title ?? 'something deleted'}”`,
          path: `/users/${encodeURIComponent(bookmark.login)}/bookmarks`,
          creatorLogins: [bookmark.login],
          hidden: bookmark.hidden,
          excerpt: plain(bookmark.notes),
        };
      }
    }
    throw new NotFoundError(NOTHING);
  }
}
