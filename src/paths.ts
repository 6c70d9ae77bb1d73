/**
 * Every address of the archive, built in one place: views, feeds, OPDS, the API, mail and
 * redirects use these, so a URL shape changes here alone. Pure: no I/O.
 */

const segment = encodeURIComponent;

export function workPath(workId: number): string {
  return `/works/${workId}`;
}

/** The whole work on one page. */
export function fullWorkPath(workId: number): string {
  return `${workPath(workId)}?view_full_work=true`;
}

/** A work's own pages: `edit`, `delete`, `navigate`, `kudos`, `comments`, `chapters/new` … */
export function workActionPath(workId: number, action: string): string {
  return `${workPath(workId)}/${action}`;
}

export function chapterPath(workId: number, chapterId: number): string {
  return `${workPath(workId)}/chapters/${chapterId}`;
}

export function chapterActionPath(workId: number, chapterId: number, action: string): string {
  return `${chapterPath(workId, chapterId)}/${action}`;
}

/**
 * A paragraph (1-based) of a chapter as comments see it: its comment threads and the form to add
 * one, quoting `quote` from it (the server checks the quote is in the paragraph).
 */
export function passageCommentsPath(workId: number, chapterId: number, paragraph: number, quote?: string): string {
  const query = new URLSearchParams({ paragraph: String(paragraph), ...(quote ? { quote } : {}) });
  return `${chapterActionPath(workId, chapterId, 'comments/new')}?${query.toString()}`;
}

/** Where a comment is read: its chapter's page, or the whole work for a comment on the work. */
export function commentPath(comment: { id: number; workId: number; chapterId: number | null }): string {
  const page =
    comment.chapterId !== null ? chapterPath(comment.workId, comment.chapterId) : fullWorkPath(comment.workId);
  return `${page}#comment-${comment.id}`;
}

export function userPath(login: string): string {
  return `/users/${segment(login)}`;
}

/** A member's own pages: `pseuds`, `bookmarks`, `gifts`, `readings`, `works/feed.atom` … */
export function userActionPath(login: string, action: string): string {
  return `${userPath(login)}/${action}`;
}

export function pseudPath(login: string, pseudName: string): string {
  return `${userPath(login)}/pseuds/${segment(pseudName)}`;
}

/** A member's works list, or one pen name's: /works's filters and sorts over their works. */
export function creatorWorksPath(login: string, pseudName?: string): string {
  return `${pseudName === undefined ? userPath(login) : pseudPath(login, pseudName)}/works`;
}

export function seriesPath(seriesId: number): string {
  return `/series/${seriesId}`;
}

/** A tag's works. */
export function tagPath(name: string): string {
  return `/tags/${segment(name)}/works`;
}

/** A tag's own page (what it is filed under, its synonyms and subtags), with its kind when the name is ambiguous. */
export function tagPagePath(name: string, kind?: string): string {
  return `/tags/${segment(name)}${kind ? `?kind=${segment(kind)}` : ''}`;
}

/** `/works` with a query string (already encoded, or as pairs). */
export function worksSearchPath(query: string | URLSearchParams | Record<string, string> = ''): string {
  const text = typeof query === 'string' ? query : new URLSearchParams(query).toString();
  return text ? `/works?${text}` : '/works';
}

/** The log-in page, coming back to `returnTo` afterwards. */
export function logInPath(returnTo?: string): string {
  return returnTo ? `/login?return_to=${segment(returnTo)}` : '/login';
}

/** A writer's statistics, with the page's choices (sort, direction, period, work) as pairs; empty ones left out. */
export function writerStatsPath(login: string, query: Record<string, string | undefined> = {}): string {
  return withQuery(userActionPath(login, 'stats'), query);
}

/** A writer's statistics table as CSV. */
export function writerStatsCsvPath(login: string, query: Record<string, string | undefined> = {}): string {
  return withQuery(userActionPath(login, 'stats.csv'), query);
}

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const pairs = Object.entries(query).filter(
    (pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '',
  );
  const text = new URLSearchParams(pairs).toString();
  return text ? `${path}?${text}` : path;
}

/** A member's reading history. */
export function readingsPath(login: string): string {
  return userActionPath(login, 'readings');
}

/** The bookmark form for a work or a series. */
export function bookmarkFormPath(target: { kind: 'work' | 'series'; id: number }): string {
  return `/bookmarks/new?${target.kind}=${target.id}`;
}

/** Merging works: the form (GET), its confirmation (`/confirm`) and the merge itself (POST). */
export const MERGE_PATH = '/works/merge';

/** The merge form with these works ticked and numbered 1, 2, … in this order. */
export function mergeFormPath(workIds: number[]): string {
  return `${MERGE_PATH}?${workIds.map((id) => `works=${id}`).join('&')}`;
}

/** A tag's wrangling pages: `edit`, or another step such as `merge`. */
export function tagEditPath(tag: { name: string; kind: string }, step = 'edit'): string {
  return `/tags/${segment(tag.name)}/${step}?kind=${segment(tag.kind)}`;
}

/** What a subscription follows: a work, a series or a member. */
export function subscriptionTargetPath(kind: 'work' | 'series' | 'user', targetId: number, login?: string): string {
  if (kind === 'work') return workPath(targetId);
  if (kind === 'series') return seriesPath(targetId);
  return userPath(login ?? '');
}

export function bookmarkPath(bookmarkId: number): string {
  return `/bookmarks/${bookmarkId}`;
}

/** A bookmark's own pages: `edit`, `delete`. */
export function bookmarkActionPath(bookmarkId: number, action: string): string {
  return `${bookmarkPath(bookmarkId)}/${action}`;
}

/** A comment's own pages: `edit`, `delete`, `reply` … */
export function commentActionPath(commentId: number, action: string): string {
  return `/comments/${commentId}/${action}`;
}

/** An import waiting to be posted (its preview). */
export function importPath(importId: number): string {
  return `/works/import/${importId}`;
}

/** An import's own actions: `post`, `discard`. */
export function importActionPath(importId: number, action: string): string {
  return `${importPath(importId)}/${action}`;
}

/** Site news: the list (a page of it, or one tag's posts), a post, and the feed. */
export function newsPath(postId?: number): string {
  return postId === undefined ? '/news' : `/news/${postId}`;
}

export function newsListPath(page = 1, tag?: string): string {
  const query = [page > 1 ? `page=${page}` : '', tag ? `tag=${segment(tag)}` : ''].filter(Boolean).join('&');
  return query ? `/news?${query}` : '/news';
}

export const NEWS_FEED_PATH = '/news/feed.atom';

/** Where an invitation link leads: the sign-up page with its code. */
export function invitationPath(code: string): string {
  return `/signup?invitation=${segment(code)}`;
}

/** The form to report something: a work, chapter (with its work), comment, bookmark, series, pen name or user. */
export function reportFormPath(kind: string, id: number, workId?: number): string {
  return `/reports/new?kind=${segment(kind)}&id=${id}${workId === undefined ? '' : `&work=${workId}`}`;
}

/** The admin area's pages: '' for the dashboard, `reports`, `roles`, `log`. */
export function adminPath(page = ''): string {
  return page ? `/admin/${page}` : '/admin';
}

/** One entry of the reports queue, or one of its actions (`take`, `status`, `notes`). */
export function adminReportPath(caseId: number, action?: string): string {
  return `/admin/reports/${caseId}${action ? `/${action}` : ''}`;
}

/** A moderator's page for a work, chapter, series, comment or bookmark, or one of its actions (`hide`, `unhide`, `delete`). */
export function moderationPath(kind: string, id: number, action?: string): string {
  return `/admin/moderate/${segment(kind)}/${id}${action ? `/${action}` : ''}`;
}

/** A moderator's page for an account, or one of its actions (`suspend`, `lift`). */
export function accountModerationPath(login: string, action?: string): string {
  return `/admin/users/${segment(login)}${action ? `/${action}` : ''}`;
}

/** A password-reset link (its token is the only thing that opens it). */
export function passwordResetPath(token: string): string {
  return `/password/reset/${segment(token)}`;
}

/** An email-confirmation link. */
export function emailConfirmPath(token: string): string {
  return `/email/confirm/${segment(token)}`;
}

/** A member's "download my data" zip, or its page while it is being built or once it expired. */
export function dataExportPath(exportId: number): string {
  return `/account/export/${exportId}`;
}

/** The list of collections, with a query string (already encoded) when given. */
export function collectionsPath(query = ''): string {
  return query ? `/collections?${query}` : '/collections';
}

/** A collection's profile, or one of its pages: `works`, `bookmarks`, `participants`, `edit`, `items`, `works.atom` … */
export function collectionPath(name: string, page?: string): string {
  return `/collections/${segment(name)}${page ? `/${page}` : ''}`;
}

/** Where a work's creators see its collections and answer invitations. */
export function workCollectionsPath(workId: number): string {
  return workActionPath(workId, 'collections');
}

/** A prompt meme's prompts, with a query string (already encoded) when given. */
export function promptsPath(collectionName: string, query = ''): string {
  return `${collectionPath(collectionName, 'prompts')}${query ? `?${query}` : ''}`;
}

/** One prompt, or one of its pages (`edit`, `claim`, `unclaim`, `delete`). */
export function promptPath(collectionName: string, promptId: number, page?: string): string {
  return `${collectionPath(collectionName, 'prompts')}/${promptId}${page ? `/${page}` : ''}`;
}

/** The posting form, filling a prompt. */
export function fillPromptPath(promptId: number): string {
  return `/works/new?prompt=${promptId}`;
}

/** A member's claims on prompts. */
export function userClaimsPath(login: string): string {
  return `${userPath(login)}/claims`;
}
