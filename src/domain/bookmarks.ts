/**
 * Rules for bookmarks: what a member may write on one (notes, their own tags, private, rec, the
 * pen name it is shown under). Pure: no I/O.
 */
import { ValidationError } from './errors.ts';
import { LIMITS, parseTagList } from './works.ts';
import { characterCount, overLimit } from './limits.ts';

export const BOOKMARK_LIMITS = { notes: 5_000, tags: LIMITS.userTags, tagName: LIMITS.tagName } as const;

/** What a bookmark is of: a work or a series. */
export type BookmarkTarget = { kind: 'work'; id: number } | { kind: 'series'; id: number };

export interface BookmarkInput {
  notes: string;
  tags: string;
  private: boolean;
  rec: boolean;
  pseudId: string;
}

/** A checked bookmark; `notes` is still as typed (the web layer sanitizes it). */
export interface BookmarkFields {
  notes: string;
  tags: string[];
  private: boolean;
  rec: boolean;
  pseudId: number;
}

export function validateBookmark(input: BookmarkInput, ownPseudIds: number[]): BookmarkFields {
  const errors: Record<string, string> = {};
  const notes = input.notes.trim();
  const notesError = overLimit('Notes', notes, BOOKMARK_LIMITS.notes);
  if (notesError) errors.notes = notesError;
  const tags = parseTagList(input.tags);
  if (tags.length > BOOKMARK_LIMITS.tags)
    errors.tags = `Use at most ${BOOKMARK_LIMITS.tags} tags (you gave ${tags.length}).`;
  const long = tags.find((t) => characterCount(t) > BOOKMARK_LIMITS.tagName);
  if (long !== undefined)
    errors.tags = overLimit(`The tag “${[...long].slice(0, 40).join('')}…”`, long, BOOKMARK_LIMITS.tagName)!;
  const pseudId = Number(input.pseudId);
  if (!ownPseudIds.includes(pseudId)) errors.pseudId = 'Choose one of your own pen names to bookmark as.';
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { notes, tags, private: input.private, rec: input.rec, pseudId };
}

/**
 * When a merge leaves one member with two bookmarks of the same work, the one on the remaining
 * work stays and takes in the other: both notes (the remaining one's first), both tag lists,
 * a rec if either was, and public only if both were (nothing private becomes public).
 */
export function foldBookmarks(kept: FoldableBookmark, moved: FoldableBookmark): FoldableBookmark {
  const notes = [kept.notes, moved.notes].filter((n) => n.trim() !== '');
  return {
    notes: notes.length === 2 && notes[0] === notes[1] ? notes[0] : notes.join('\n'),
    tags: parseTagList([...kept.tags, ...moved.tags].join(',')).slice(0, BOOKMARK_LIMITS.tags),
    private: kept.private || moved.private,
    rec: kept.rec || moved.rec,
  };
}

export interface FoldableBookmark {
  notes: string;
  tags: string[];
  private: boolean;
  rec: boolean;
}
