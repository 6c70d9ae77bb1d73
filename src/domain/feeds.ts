/**
 * Rules for feeds and catalogs. Feed readers and e-reader apps ask anonymously and their
 * answers may be cached and shared, so they only ever show what a guest may read.
 */
import { ValidationError } from './errors.ts';
import { canRead, type ReadableWork } from './works.ts';

/** Entries per page of a feed of works. */
export const FEED_PAGE_SIZE = 20;
/** Entries per page of a navigation catalog (fandoms, tags, series). */
export const NAVIGATION_PAGE_SIZE = 50;
/** The newest chapters a work's feed carries (each with its text). */
export const CHAPTER_FEED_SIZE = 20;

const MAX_PAGE = 100_000;

export function guestMayRead(work: ReadableWork, now = new Date().toISOString()): boolean {
  return canRead(work, null, now);
}

/** Chapters a guest may read: posted (not drafts), out, and not hidden by the moderators. */
export function guestChapters<T extends { draft: boolean; publishedAt: string | null; hidden: unknown }>(
  chapters: T[],
  now = new Date().toISOString(),
): T[] {
  return chapters.filter((c) => !c.draft && !c.hidden && c.publishedAt !== null && c.publishedAt <= now);
}

/** ?page=N as a page number from 1; absent means 1. */
export function parsePage(value: string): number {
  if (value === '') return 1;
  if (!/^\d{1,6}$/.test(value) || Number(value) < 1 || Number(value) > MAX_PAGE) {
    throw new ValidationError({
      page: `The page must be a whole number from 1 to ${MAX_PAGE.toLocaleString('en')}, not “${value.slice(0, 20)}”.`,
    });
  }
  return Number(value);
}

/** What a search asks for: trimmed, at most 200 characters, not empty. */
export function parseSearchQuery(value: string): string {
  const query = value.replace(/\s+/g, ' ').trim();
  if (query === '')
    throw new ValidationError({ q: 'Say what to search for: q must hold a word of a title, summary, tag or creator.' });
  if ([...query].length > 200) throw new ValidationError({ q: 'A search is at most 200 characters.' });
  return query;
}
