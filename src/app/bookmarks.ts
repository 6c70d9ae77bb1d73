/** Bookmarks: making, changing, listing and removing them. */
import { shownCreators } from '../domain/works.ts';
import { isRowId } from '../domain/ids.ts';
import { LogInRequiredError, NotFoundError } from '../domain/errors.ts';
import { validateBookmark, type BookmarkInput, type BookmarkTarget } from '../domain/bookmarks.ts';
import type { Bookmark, Pseud, Work } from '../store/index.ts';
import type { ListedWork } from './readings.ts';
import { formatUserText } from '../text/sanitize.ts';
import { NO_WORK } from './access.ts';
import type { ModuleDeps } from './deps.ts';
import { readableSeries, readableWork } from './readable.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';
import {
  matchesBookmark,
  NO_BOOKMARK_FILTER,
  type BookmarkFilter,
  type FilterableBookmark,
} from '../domain/bookmark-filters.ts';
import { htmlToPlainText } from '../text/plain-text.ts';

const NOTHING_TO_BOOKMARK = 'There is nothing to bookmark at that address.';
const NO_BOOKMARK = 'You have no such bookmark.';
/** Bookmarks on one page of a member's bookmarks, as AO3 pages them. */
const BOOKMARK_PAGE_SIZE = 20;

/** What a bookmark points at, as far as the viewer may read it. */
export type BookmarkedThing = { kind: 'work'; work: ListedWork } | { kind: 'series'; id: number; title: string };

export interface ShownBookmark {
  bookmark: Bookmark;
  thing: BookmarkedThing;
}

/** The bookmark form for one work or series, as a member may fill it in. */
export interface BookmarkForm {
  target: BookmarkTarget;
  /** The work's or series' title. */
  title: string;
  /** The member's pen names, to bookmark as one of them. */
  pseuds: Pseud[];
  values: BookmarkInput;
  /** The member's bookmark of it, when there is one (saving the form changes it). */
  bookmarkId?: number;
}

function positiveId(value: string): number | undefined {
  const id = Number(value);
  return value !== '' && isRowId(id) ? id : undefined;
}

function targetOf(kind: string, idValue: string): BookmarkTarget {
  const id = positiveId(idValue);
  if ((kind !== 'work' && kind !== 'series') || id === undefined) throw new NotFoundError(NOTHING_TO_BOOKMARK);
  return { kind, id };
}

function valuesOf(bookmark: Bookmark, pseuds: Pseud[]): BookmarkInput {
  return {
    notes: bookmark.notes,
    tags: bookmark.tags.join(', '),
    private: bookmark.private,
    rec: bookmark.rec,
    pseudId: String(bookmark.pseudId ?? pseuds[0].id),
  };
}

export class Bookmarks {
  constructor(private readonly deps: ModuleDeps) {}

  /**
   * The form for a member bookmarking a work or series they may read (`kind` and `id` as sent);
   * with `bookmarkId` and its values when they have bookmarked it already (one bookmark each).
   */
  async form(viewer: Viewer, kind: string, id: string): Promise<BookmarkForm> {
    const member = requireMember(viewer);
    const target = targetOf(kind, id);
    const title = await this.readableTitle(member, target);
    if (title === undefined) throw new NotFoundError(NOTHING_TO_BOOKMARK);
    const { store } = this.deps;
    const [existing, pseuds] = await Promise.all([
      store.bookmarks.findOwn(member.id, target),
      store.pseuds.listForUser(member.id),
    ]);
    if (existing) return { target, title, pseuds, values: valuesOf(existing, pseuds), bookmarkId: existing.id };
    const values = {
      notes: '',
      tags: '',
      private: false,
      rec: false,
      pseudId: String((pseuds.find((p) => p.isDefault) ?? pseuds[0]).id),
    };
    return { target, title, pseuds, values };
  }

  /** The form for a member changing one of their own bookmarks, while they may still read what it is of. */
  async editForm(viewer: Viewer, id: string): Promise<BookmarkForm & { bookmarkId: number }> {
    const member = requireMember(viewer);
    const bookmark = await this.own(member, id);
    const title = await this.readableTitle(member, bookmark.target);
    if (title === undefined) throw new NotFoundError(NO_BOOKMARK);
    const pseuds = await this.deps.store.pseuds.listForUser(member.id);
    return { target: bookmark.target, title, pseuds, values: valuesOf(bookmark, pseuds), bookmarkId: bookmark.id };
  }

  /**
   * Saves a member's bookmark from a form `form` or `editForm` gave them (new, or the one it
   * changes); a ValidationError says what to fix. Returns the member, for the way back.
   */
  async save(viewer: Viewer, form: BookmarkForm, input: BookmarkInput): Promise<Member> {
    const member = requireMember(viewer);
    const fields = validateBookmark(
      input,
      form.pseuds.map((p) => p.id),
    );
    await this.deps.store.bookmarks.save(member.id, form.target, { ...fields, notes: formatUserText(fields.notes) });
    return member;
  }

  /** Deletes one of a member's own bookmarks, also of a work they may no longer read; returns the member. */
  async remove(viewer: Viewer, id: string): Promise<Member> {
    const member = requireMember(viewer);
    const bookmark = await this.own(member, id);
    await this.deps.store.bookmarks.remove(member.id, bookmark.id);
    return member;
  }

  /** A member's bookmarks as this viewer may see them: private ones only to their owner, of what the viewer may read. */
  async ofMember(
    viewer: Viewer,
    login: string,
    page = 1,
    filter: BookmarkFilter = NO_BOOKMARK_FILTER,
  ): Promise<{
    login: string;
    bookmarks: ShownBookmark[];
    total: number;
    /** Every bookmark this viewer may see, before the filter. */
    unfiltered: number;
    page: number;
    pageSize: number;
  }> {
    const user = await this.deps.store.users.findByLogin(login);
    if (!user) throw new NotFoundError('There is no user with that name.');
    const bookmarks = await this.deps.store.bookmarks.listForUser(user.id, viewer?.id === user.id);
    // Filtered and paged after the check, so that the counts and the pages hold only what this viewer may see.
    const shown = await this.shown(viewer, bookmarks);
    const matching = shown.filter((item) => matchesBookmark(filter, filterable(item)));
    const start = (page - 1) * BOOKMARK_PAGE_SIZE;
    return {
      login: user.login,
      bookmarks: matching.slice(start, start + BOOKMARK_PAGE_SIZE),
      total: matching.length,
      unfiltered: shown.length,
      page,
      pageSize: BOOKMARK_PAGE_SIZE,
    };
  }

  /** A work's bookmarks, for a viewer who may read the work (to anyone else it is not there). */
  async ofWork(viewer: Viewer, id: string): Promise<{ work: Work; bookmarks: ShownBookmark[] }> {
    // Unlike the work page, a guest is not invited to log in for a members-only work here.
    const { work } = await this.deps.archive.access.readable(viewer, id).catch((error: unknown) => {
      throw error instanceof LogInRequiredError ? new NotFoundError(NO_WORK) : error;
    });
    const bookmarks = await this.shown(viewer, await this.deps.store.bookmarks.listForWork(work.id));
    return { work, bookmarks };
  }

  /** The member's bookmark of a work or series (null: none yet); undefined for guests, who get no button. */
  async ownId(viewer: Viewer, target: BookmarkTarget): Promise<number | null | undefined> {
    if (!viewer) return undefined;
    return (await this.deps.store.bookmarks.findOwn(viewer.id, target))?.id ?? null;
  }

  private async own(member: Member, idValue: string): Promise<Bookmark> {
    const id = positiveId(idValue);
    const bookmark = id === undefined ? undefined : await this.deps.store.bookmarks.find(id);
    if (!bookmark || bookmark.userId !== member.id) throw new NotFoundError(NO_BOOKMARK);
    return bookmark;
  }

  /** The title of what is bookmarked, when this member may read it. */
  private async readableTitle(member: Member, target: BookmarkTarget): Promise<string | undefined> {
    const thing =
      target.kind === 'work'
        ? await readableWork(this.deps, member, target.id)
        : await readableSeries(this.deps, member, target.id);
    return thing?.title;
  }

  /** The bookmarks whose work or series this viewer may read, with what they point at. */
  private async shown(viewer: Viewer, bookmarks: Bookmark[]): Promise<ShownBookmark[]> {
    const workIds = [...new Set(bookmarks.flatMap((b) => (b.target.kind === 'work' ? [b.target.id] : [])))];
    const listed = await this.deps.archive.access.listable(viewer, workIds);
    // How far the member read each work, as every list of works tells it.
    const works = new Map((await this.deps.archive.readings.withProgress(viewer, listed)).map((w) => [w.id, w]));
    const result: ShownBookmark[] = [];
    for (const bookmark of bookmarks) {
      const target = bookmark.target;
      if (target.kind === 'work') {
        const work = works.get(target.id);
        if (work) result.push({ bookmark, thing: { kind: 'work', work } });
      } else {
        const series = await readableSeries(this.deps, viewer, target.id);
        if (series) result.push({ bookmark, thing: { kind: 'series', id: target.id, title: series.title } });
      }
    }
    return result;
  }
}

/** What the bookmark filters look at in a shown bookmark. */
function filterable({ bookmark, thing }: ShownBookmark): FilterableBookmark {
  return {
    kind: thing.kind,
    title: thing.kind === 'work' ? thing.work.title : thing.title,
    notes: htmlToPlainText(bookmark.notes),
    rec: bookmark.rec,
    bookmarkTags: bookmark.tags,
    workTags: thing.kind === 'work' ? thing.work.tags.map((t) => t.name) : [],
    creators: thing.kind === 'work' ? shownCreators(thing.work).map((c) => c.name) : [],
  };
}
