/**
 * Rules for works: AO3's fixed vocabularies (ratings, archive warnings, categories), the limits
 * of every field, and who may read a work. Pure: no I/O.
 */
import { ValidationError } from './errors.ts';
import { characterCount, overLimit } from './limits.ts';

export const RATINGS = ['Not Rated', 'General Audiences', 'Teen And Up Audiences', 'Mature', 'Explicit'] as const;
export type Rating = (typeof RATINGS)[number];

export const WARNINGS = [
  'Creator Chose Not To Use Archive Warnings',
  'Graphic Depictions Of Violence',
  'Major Character Death',
  'No Archive Warnings Apply',
  'Rape/Non-Con',
  'Underage Sex',
] as const;
export type Warning = (typeof WARNINGS)[number];

export const CATEGORIES = ['F/F', 'F/M', 'Gen', 'M/M', 'Multi', 'Other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const VISIBILITIES = ['public', 'registered', 'draft'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const COMMENT_POLICIES = ['everyone', 'registered', 'nobody'] as const;
export type CommentPolicy = (typeof COMMENT_POLICIES)[number];

/** The free-text tag kinds a writer types, comma-separated. */
export const FREE_TAG_KINDS = ['fandom', 'relationship', 'character', 'freeform'] as const;
export type FreeTagKind = (typeof FREE_TAG_KINDS)[number];
export type TagKind = FreeTagKind | 'rating' | 'warning' | 'category';

export const LIMITS = {
  title: 255,
  summary: 1_250,
  notes: 5_000,
  disclaimer: 5_000,
  chapterTitle: 255,
  chapterText: 510_000,
  tagName: 150,
  userTags: 75,
  expectedChapters: 10_000,
} as const;

/** Languages offered on the posting form: code and the name in that language. */
export const LANGUAGES: readonly (readonly [string, string])[] = [
  ['en', 'English'],
  ['es', 'Español'],
  ['fr', 'Français'],
  ['de', 'Deutsch'],
  ['it', 'Italiano'],
  ['pt', 'Português'],
  ['nl', 'Nederlands'],
  ['pl', 'Polski'],
  ['ru', 'Русский'],
  ['uk', 'Українська'],
  ['cs', 'Čeština'],
  ['sv', 'Svenska'],
  ['fi', 'Suomi'],
  ['da', 'Dansk'],
  ['no', 'Norsk'],
  ['tr', 'Türkçe'],
  ['el', 'Ελληνικά'],
  ['he', 'עברית'],
  ['ar', 'العربية'],
  ['fa', 'فارسی'],
  ['hi', 'हिन्दी'],
  ['id', 'Bahasa Indonesia'],
  ['vi', 'Tiếng Việt'],
  ['th', 'ไทย'],
  ['zh', '中文'],
  ['ja', '日本語'],
  ['ko', '한국어'],
  ['tl', 'Filipino'],
  ['hu', 'Magyar'],
  ['ro', 'Română'],
  ['ca', 'Català'],
];
const LANGUAGE_CODES = new Set(LANGUAGES.map(([code]) => code));
export const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa']);

/** Splits "Draco Malfoy, Hermione  Granger, draco malfoy" into distinct, tidy tag names. */
export function parseTagList(input: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const raw of input.split(/[,，、]/)) {
    const name = raw.replace(/\s+/g, ' ').trim().normalize('NFC');
    const key = name.toLowerCase();
    if (name && !seen.has(key)) {
      seen.add(key);
      names.push(name);
    }
  }
  return names;
}

export function tagKey(name: string): string {
  return name.replace(/\s+/g, ' ').trim().normalize('NFC').toLowerCase();
}

export interface WorkInput {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  disclaimer: string;
  rating: string;
  warnings: string[];
  categories: string[];
  fandoms: string;
  relationships: string;
  characters: string;
  freeforms: string;
  language: string;
  visibility: string;
  commentPolicy: string;
  moderated: boolean;
  expectedChapters: string;
  complete: boolean;
  /** Empty for "now"; otherwise a date (backdate) or date and time (schedule), in UTC. */
  publishAt: string;
  /** Ask search engines and AI crawlers not to index the work; left out: unchanged. */
  noindex?: boolean;
  /** Let readers comment on a paragraph or sentence; left out: unchanged (on for a new work). */
  passageComments?: boolean;
}

export interface WorkFields {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  disclaimer: string;
  rating: Rating;
  warnings: Warning[];
  categories: Category[];
  tags: Record<FreeTagKind, string[]>;
  language: string;
  visibility: Visibility;
  commentPolicy: CommentPolicy;
  moderated: boolean;
  expectedChapters: number | null;
  complete: boolean;
  publishAt: string | null;
  /** Ask search engines and AI crawlers not to index the work; undefined: unchanged. */
  noindex?: boolean;
  /** Let readers comment on a paragraph or sentence; undefined: unchanged. */
  passageComments?: boolean;
}

/** Parses "2026-01-31" or "2026-01-31T18:00" (UTC) into an ISO timestamp, or undefined when malformed. */
export function parsePublishAt(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, m, d, hh = '00', mm = '00'] = match;
  const date = new Date(Date.UTC(+y, +m - 1, +d, +hh, +mm));
  if (date.getUTCFullYear() !== +y || date.getUTCMonth() !== +m - 1 || date.getUTCDate() !== +d || +hh > 23 || +mm > 59)
    return undefined;
  return date.toISOString();
}

export function validateWork(input: WorkInput): WorkFields {
  const errors: Record<string, string | undefined> = {};
  const title = input.title.replace(/\s+/g, ' ').trim();
  errors.title = title.length === 0 ? 'Give the work a title.' : overLimit('Title', title, LIMITS.title);
  errors.summary = overLimit('Summary', input.summary.trim(), LIMITS.summary);
  errors.notes = overLimit('Beginning notes', input.notes.trim(), LIMITS.notes);
  errors.endNotes = overLimit('End notes', input.endNotes.trim(), LIMITS.notes);
  errors.disclaimer = overLimit('Disclaimer', input.disclaimer.trim(), LIMITS.disclaimer);

  const rating = RATINGS.find((r) => r === input.rating);
  if (!rating) errors.rating = 'Choose a rating.';
  const warnings = WARNINGS.filter((w) => input.warnings.includes(w));
  if (warnings.length === 0)
    errors.warnings = 'Choose at least one archive warning (or "Creator Chose Not To Use Archive Warnings").';
  const categories = CATEGORIES.filter((c) => input.categories.includes(c));

  const tags = {
    fandom: parseTagList(input.fandoms),
    relationship: parseTagList(input.relationships),
    character: parseTagList(input.characters),
    freeform: parseTagList(input.freeforms),
  };
  if (tags.fandom.length === 0) errors.fandoms = 'Name at least one fandom (use "Original Work" for original fiction).';
  for (const kind of FREE_TAG_KINDS) {
    const long = tags[kind].find((name) => characterCount(name) > LIMITS.tagName);
    if (long)
      errors[`${kind === 'freeform' ? 'freeforms' : `${kind}s`}`] = overLimit(
        `The tag “${[...long].slice(0, 40).join('')}…”`,
        long,
        LIMITS.tagName,
      );
  }
  const userTagCount = FREE_TAG_KINDS.reduce((n, kind) => n + tags[kind].length, 0);
  if (userTagCount > LIMITS.userTags)
    errors.freeforms = `A work may have at most ${LIMITS.userTags} fandom, relationship, character and additional tags in all (this one has ${userTagCount}).`;

  const language = input.language.trim() || 'en';
  if (!LANGUAGE_CODES.has(language)) errors.language = 'Choose a language from the list.';
  const visibility = VISIBILITIES.find((v) => v === input.visibility) ?? 'public';
  const commentPolicy = COMMENT_POLICIES.find((p) => p === input.commentPolicy) ?? 'everyone';

  let expectedChapters: number | null = null;
  const expected = input.expectedChapters.trim();
  if (expected !== '' && expected !== '?') {
    const n = Number(expected);
    if (!Number.isInteger(n) || n < 1 || n > LIMITS.expectedChapters)
      errors.expectedChapters = 'Expected chapters is a whole number, or ? when you do not know yet.';
    else expectedChapters = n;
  }

  let publishAt: string | null = null;
  if (input.publishAt.trim() !== '') {
    const parsed = parsePublishAt(input.publishAt);
    if (!parsed)
      errors.publishAt = 'Give the publication date as YYYY-MM-DD, or YYYY-MM-DD HH:MM (UTC) to schedule it.';
    else publishAt = parsed;
  }

  const found = Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1])));
  if (Object.keys(found).length > 0) throw new ValidationError(found);
  return {
    title,
    summary: input.summary.trim(),
    notes: input.notes.trim(),
    endNotes: input.endNotes.trim(),
    disclaimer: input.disclaimer.trim(),
    rating: rating!,
    warnings,
    categories,
    tags,
    language,
    visibility,
    commentPolicy,
    moderated: input.moderated,
    expectedChapters,
    complete: input.complete,
    publishAt,
    ...(input.noindex === undefined ? {} : { noindex: input.noindex }),
    ...(input.passageComments === undefined ? {} : { passageComments: input.passageComments }),
  };
}

export interface ChapterInput {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  body: string;
}

export function validateChapter(input: ChapterInput): ChapterInput {
  const errors: Record<string, string | undefined> = {
    chapterTitle: overLimit('Chapter title', input.title.trim(), LIMITS.chapterTitle),
    chapterSummary: overLimit('Chapter summary', input.summary.trim(), LIMITS.summary),
    chapterNotes: overLimit('Chapter notes', input.notes.trim(), LIMITS.notes),
    chapterEndNotes: overLimit('Chapter end notes', input.endNotes.trim(), LIMITS.notes),
    body:
      input.body.trim() === ''
        ? 'The chapter has no text yet.'
        : overLimit('Chapter text', input.body, LIMITS.chapterText),
  };
  const found = Object.fromEntries(Object.entries(errors).filter((e): e is [string, string] => Boolean(e[1])));
  if (Object.keys(found).length > 0) throw new ValidationError(found);
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    notes: input.notes.trim(),
    endNotes: input.endNotes.trim(),
    body: input.body,
  };
}

/** Chapters shown as AO3 does: "3/10", or "3/?" while the end is not known. */
export function chapterProgress(posted: number, expected: number | null, complete: boolean): string {
  if (complete) return `${posted}/${Math.max(posted, expected ?? posted)}`;
  return `${posted}/${expected ?? '?'}`;
}

export interface ReadableWork {
  visibility: Visibility;
  publishedAt: string | null;
  /** Accounts with an accepted creatorship. */
  creatorUserIds: number[];
  /** Accounts invited as co-creators: they may read the work (drafts too) to decide, not change it. */
  invitedUserIds?: number[];
  /** Hidden by the archive's moderators: only its creators (and staff, asked apart) may read it. */
  hidden?: boolean;
  /** In a collection that has not revealed it: only its creators (and the collection's maintainers, asked apart) may read it. */
  unrevealed?: boolean;
}

export type Viewer = { id: number } | null;

/** Creators see everything of their work; others see it once it is out. */
export function isCreator(work: ReadableWork, viewer: Viewer): boolean {
  return viewer !== null && work.creatorUserIds.includes(viewer.id);
}

export function canRead(work: ReadableWork, viewer: Viewer, now = new Date().toISOString()): boolean {
  if (isCreator(work, viewer)) return true;
  if (work.hidden) return false;
  if (viewer !== null && work.invitedUserIds?.includes(viewer.id)) return true;
  if (work.unrevealed) return false;
  if (work.visibility === 'draft') return false;
  if (work.publishedAt === null || work.publishedAt > now) return false;
  return work.visibility === 'public' || viewer !== null;
}

/** The name an anonymous work's byline shows in place of its creators. */
export const ANONYMOUS = 'Anonymous';

/**
 * The creators a byline names: the accepted ones, or none while a collection keeps the work
 * anonymous (every byline then says "Anonymous": pages, lists, feeds, downloads, the API).
 */
export function shownCreators<C extends { accepted: boolean }>(work: { anonymous?: boolean; creators: C[] }): C[] {
  return work.anonymous ? [] : work.creators.filter((c) => c.accepted);
}
