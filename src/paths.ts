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
