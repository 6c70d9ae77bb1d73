/**
 * The JSON shapes the public API answers with (described by schemas.ts): plain objects built from
 * the store's records, with nothing a reader may not see (no emails, no invited co-creators).
 */
import type {
  Bookmark,
  Chapter,
  ChapterSummary,
  Pseud,
  Series,
  SeriesPlace,
  User,
  Work,
  WorkBlurb,
  WorkTag,
} from '../../store/index.ts';
import type { ApiToken } from '../../store/api-tokens.ts';
import { encodeCursor, type Cursor } from '../../domain/work-list-query.ts';
import { sanitizeUserHtml } from '../../text/sanitize.ts';
import { collectionPath, promptPath, workPath, chapterPath, seriesPath, pseudPath, userPath } from '../../paths.ts';
import type { CatalogCollection } from '../../app/collections.ts';
import type { ShownPrompt } from '../../app/prompt-memes.ts';
import { shownCreators } from '../../domain/works.ts';

export const API_PREFIX = '/api/v1';

const enc = encodeURIComponent;

export function tagResource(tag: WorkTag) {
  return { id: tag.id, kind: tag.kind, name: tag.name };
}

export function workResource(work: WorkBlurb) {
  return {
    id: work.id,
    title: work.title,
    summary: work.summary,
    rating: work.rating,
    tags: work.tags.map(tagResource),
    language: work.language,
    visibility: work.visibility,
    complete: work.complete,
    expectedChapters: work.expectedChapters,
    chapterCount: work.chapterCount,
    publishedAt: work.publishedAt,
    updatedAt: work.revisedAt ?? work.updatedAt,
    // An anonymous work (a collection keeps its creators unnamed) lists none: `anonymous` says why.
    creators: shownCreators(work).map((c) => ({ pseudId: c.pseudId, pseud: c.name, login: c.login })),
    anonymous: work.anonymous === true,
    stats: {
      words: work.wordCount,
      kudos: work.kudosCount,
      hits: work.hits,
      comments: work.commentCount,
      bookmarks: work.bookmarkCount,
    },
    links: { html: workPath(work.id), api: `${API_PREFIX}/works/${work.id}` },
  };
}

export function chapterSummaryResource(workId: number, chapter: ChapterSummary) {
  return {
    id: chapter.id,
    position: chapter.position,
    title: chapter.title,
    draft: chapter.draft,
    publishedAt: chapter.publishedAt,
    words: chapter.wordCount,
    links: {
      html: chapterPath(workId, chapter.id),
      api: `${API_PREFIX}/works/${workId}/chapters/${chapter.id}`,
    },
  };
}

export function workDetailResource(work: Work, chapters: ChapterSummary[], series: SeriesPlace[]) {
  return {
    ...workResource(work),
    notes: work.notes,
    endNotes: work.endNotes,
    disclaimer: work.disclaimer,
    commentPolicy: work.commentPolicy,
    passageComments: work.passageComments !== false,
    chapters: chapters.map((c) => chapterSummaryResource(work.id, c)),
    series: series.map((s) => ({
      id: s.seriesId,
      title: s.title,
      position: s.position,
      links: { html: seriesPath(s.seriesId), api: `${API_PREFIX}/series/${s.seriesId}` },
    })),
  };
}

/** One chapter with its text; the HTML is sanitized again on the way out, whatever wrote it. */
export function chapterResource(chapter: Chapter) {
  return {
    ...chapterSummaryResource(chapter.workId, chapter),
    workId: chapter.workId,
    summary: sanitizeUserHtml(chapter.summary),
    notes: sanitizeUserHtml(chapter.notes),
    endNotes: sanitizeUserHtml(chapter.endNotes),
    body: sanitizeUserHtml(chapter.body),
  };
}

export function seriesResource(series: Series, works: WorkBlurb[]) {
  return {
    id: series.id,
    title: series.title,
    summary: series.summary,
    notes: series.notes,
    complete: series.complete,
    createdAt: series.createdAt,
    updatedAt: series.updatedAt,
    stats: { works: works.length, words: works.reduce((n, w) => n + w.wordCount, 0) },
    works: works.map(workResource),
    links: { html: seriesPath(series.id), api: `${API_PREFIX}/series/${series.id}` },
  };
}

/** What a collection is; its works are the works list's `collection=NAME`. */
export function collectionResource(found: CatalogCollection) {
  const { collection: c, exchange, promptMeme } = found;
  return {
    name: c.name,
    title: c.title,
    kind: exchange ? 'gift-exchange' : promptMeme ? 'prompt-meme' : 'collection',
    description: c.description,
    rules: c.rules,
    faq: c.faq,
    open: c.open,
    moderated: c.moderated,
    unrevealed: c.unrevealed,
    anonymous: c.anonymous,
    revealWorksAt: c.revealWorksAt,
    revealCreatorsAt: c.revealCreatorsAt,
    parent: found.parent?.name ?? null,
    children: found.children.map((child) => child.name),
    maintainers: found.maintainers.map((m) => ({ pseud: m.pseudName, login: m.login, role: m.role })),
    giftExchange: exchange
      ? {
          signupsOpenAt: exchange.signupsOpenAt,
          signupsCloseAt: exchange.signupsCloseAt,
          assignmentsDueAt: exchange.assignmentsDueAt,
          assignmentsSent: exchange.sentAt !== null,
        }
      : null,
    promptMeme: promptMeme
      ? {
          open: promptMeme.open,
          opensAt: promptMeme.opensAt,
          closesAt: promptMeme.closesAt,
          anonymousAllowed: promptMeme.anonymousAllowed,
        }
      : null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    links: {
      html: collectionPath(c.name),
      api: `${API_PREFIX}/collections/${enc(c.name)}`,
      works: `${API_PREFIX}/works?collection=${enc(c.name)}`,
    },
  };
}

/** A prompt of a prompt meme; `prompter` is null where the viewer may not know who posted it. */
export function promptResource(meme: string, prompt: ShownPrompt) {
  return {
    id: prompt.id,
    title: prompt.title,
    description: prompt.description,
    tags: prompt.tags.map((tag) => ({ kind: tag.kind, name: tag.name })),
    anonymous: prompt.anonymous,
    prompter: prompt.prompter ? { pseud: prompt.prompter.pseudName, login: prompt.prompter.login } : null,
    claims: prompt.claims,
    fills: prompt.fills,
    createdAt: prompt.createdAt,
    links: { html: promptPath(meme, prompt.id) },
  };
}

export function pseudResource(login: string, pseud: Pseud) {
  return {
    id: pseud.id,
    name: pseud.name,
    login,
    description: pseud.description,
    isDefault: pseud.isDefault,
    createdAt: pseud.createdAt,
    links: {
      html: pseudPath(login, pseud.name),
      api: `${API_PREFIX}/users/${enc(login)}/pseuds/${enc(pseud.name)}`,
      works: `${API_PREFIX}/users/${enc(login)}/pseuds/${enc(pseud.name)}/works`,
    },
  };
}

export function userResource(user: User, pseuds: Pseud[], workCount: number) {
  return {
    id: user.id,
    login: user.login,
    joinedAt: user.createdAt,
    workCount,
    pseuds: pseuds.map((p) => pseudResource(user.login, p)),
    links: {
      html: userPath(user.login),
      api: `${API_PREFIX}/users/${enc(user.login)}`,
      works: `${API_PREFIX}/users/${enc(user.login)}/works`,
      bookmarks: `${API_PREFIX}/users/${enc(user.login)}/bookmarks`,
    },
  };
}

/** What a bookmark points at, as far as the viewer may see it. */
export type BookmarkThing = { kind: 'work'; work: WorkBlurb } | { kind: 'series'; id: number; title: string };

export function bookmarkResource(bookmark: Bookmark, thing: BookmarkThing) {
  return {
    id: bookmark.id,
    login: bookmark.login,
    pseud: bookmark.pseudName,
    notes: bookmark.notes,
    tags: bookmark.tags,
    rec: bookmark.rec,
    private: bookmark.private,
    createdAt: bookmark.createdAt,
    updatedAt: bookmark.updatedAt,
    target:
      thing.kind === 'work'
        ? { kind: 'work' as const, work: workResource(thing.work) }
        : {
            kind: 'series' as const,
            series: {
              id: thing.id,
              title: thing.title,
              links: { html: seriesPath(thing.id), api: `${API_PREFIX}/series/${thing.id}` },
            },
          },
  };
}

export function apiTokenResource(token: ApiToken) {
  return { id: token.id, name: token.name, createdAt: token.createdAt, lastUsedAt: token.lastUsedAt };
}

/** A page of a longer list: the items, how many there are in all, and the cursor of the next page. */
/** A page of a list; `next` is where the next page starts (a keyset cursor, or one already encoded). */
export function pageResource<T>(items: T[], total: number, limit: number, next: Cursor | string | undefined) {
  return {
    items,
    total,
    limit,
    nextCursor: next === undefined ? null : typeof next === 'string' ? next : encodeCursor(next),
  };
}

export function errorResource(code: string, message: string, fields?: Record<string, string>) {
  return { error: { code, message, ...(fields && Object.keys(fields).length > 0 ? { fields } : {}) } };
}
