/**
 * What a download contains, independent of its format: a work (or a series of works) with its
 * front matter and posted chapters, and the archive it came from. Built from store records by
 * pure functions, so every format renders the same thing.
 */
import { createHash } from 'node:crypto';
import { LANGUAGES, RIGHT_TO_LEFT, shownCreators } from '../domain/works.ts';
import type { Chapter, SeriesPlace, Work, WorkBlurb } from '../store/index.ts';
import type { Series } from '../store/series.ts';

export interface DownloadArchive {
  name: string;
  /** e.g. "https://quire.example"; links in the download point here. */
  origin: string;
  /** A UUID made once per archive: work identifiers are derived from it. */
  uuid: string;
}

export interface DownloadChapter {
  position: number;
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  body: string;
}

export interface DownloadWork {
  id: number;
  title: string;
  url: string;
  language: string;
  rtl: boolean;
  creators: string[];
  gifts: string[];
  /** Beta readers, as the work page credits them. */
  betas: string[];
  rating: string;
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  freeforms: string[];
  summary: string;
  notes: string;
  endNotes: string;
  disclaimer: string;
  series: { title: string; position: number; url: string }[];
  publishedAt: string | null;
  revisedAt: string | null;
  complete: boolean;
  chapterProgress: string;
  wordCount: number;
  chapters: DownloadChapter[];
  /** "urn:uuid:…", the same for every download of this work from this archive. */
  identifier: string;
  /** When its content last changed, as EPUB wants it: YYYY-MM-DDThh:mm:ssZ. */
  modified: string;
}

export interface DownloadSeries {
  id: number;
  title: string;
  url: string;
  summary: string;
  notes: string;
  complete: boolean;
  creators: string[];
  language: string;
  rtl: boolean;
  works: DownloadWork[];
  identifier: string;
  modified: string;
}

/** A name-based (version 5) UUID, so that the same work always gets the same identifier. */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1')
    .update(Buffer.concat([ns, Buffer.from(name, 'utf8')]))
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function epubDate(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

export function languageName(code: string): string {
  return LANGUAGES.find(([c]) => c === code)?.[1] ?? code;
}

export function creatorNames(work: Pick<WorkBlurb, 'creators' | 'anonymous'>): string[] {
  return shownCreators(work).map((c) => (c.name === c.login ? c.name : `${c.name} (${c.login})`));
}

function progress(posted: number, expected: number | null, complete: boolean): string {
  if (complete) return `${posted}/${Math.max(posted, expected ?? posted)}`;
  return `${posted}/${expected ?? '?'}`;
}

/** The chapters every reader of the download gets: the posted ones the moderators have not hidden, in order. */
export function postedChapters<T extends { draft: boolean; hidden: unknown }>(chapters: T[]): T[] {
  return chapters.filter((c) => !c.draft && !c.hidden);
}

function latest(dates: (string | null | undefined)[]): string {
  return dates.filter((d): d is string => Boolean(d)).reduce((a, b) => (a > b ? a : b));
}

/**
 * `chapters: 'all'` is the creator's own copy (their data export): drafts and chapters hidden by
 * moderators too, which no reader's download has.
 */
export function downloadWork(
  work: Work,
  chapters: Chapter[],
  places: Pick<SeriesPlace, 'seriesId' | 'title' | 'position'>[],
  archive: DownloadArchive,
  { chapters: which = 'posted' }: { chapters?: 'posted' | 'all' } = {},
): DownloadWork {
  const names = (kind: string) => work.tags.filter((t) => t.kind === kind).map((t) => t.name);
  const posted = which === 'all' ? chapters : postedChapters(chapters);
  return {
    id: work.id,
    title: work.title,
    url: `${archive.origin}/works/${work.id}`,
    language: work.language,
    rtl: RIGHT_TO_LEFT.has(work.language),
    creators: creatorNames(work),
    gifts: work.credits.filter((c) => c.role === 'gift' && !c.refused).map((c) => c.name),
    betas: work.credits.filter((c) => c.role === 'beta' && !c.refused).map((c) => c.name),
    rating: work.rating,
    warnings: names('warning'),
    categories: names('category'),
    fandoms: names('fandom'),
    relationships: names('relationship'),
    characters: names('character'),
    freeforms: names('freeform'),
    summary: work.summary,
    notes: work.notes,
    endNotes: work.endNotes,
    disclaimer: work.disclaimer,
    series: places.map((p) => ({
      title: p.title,
      position: p.position,
      url: `${archive.origin}/series/${p.seriesId}`,
    })),
    publishedAt: work.publishedAt,
    revisedAt: work.revisedAt,
    complete: work.complete,
    chapterProgress: progress(posted.length, work.expectedChapters, work.complete),
    wordCount: posted.reduce((n, c) => n + c.wordCount, 0),
    chapters: posted.map((c, i) => ({
      position: i + 1,
      title: c.title,
      summary: c.summary,
      notes: c.notes,
      endNotes: c.endNotes,
      body: c.body,
    })),
    identifier: `urn:uuid:${uuidV5(archive.uuid, `work:${work.id}`)}`,
    modified: epubDate(latest([work.updatedAt, work.revisedAt, ...posted.map((c) => c.updatedAt)])),
  };
}

export function downloadSeries(series: Series, works: DownloadWork[], archive: DownloadArchive): DownloadSeries {
  const creators = [...new Set(works.flatMap((w) => w.creators))];
  const language = works[0]?.language ?? 'en';
  return {
    id: series.id,
    title: series.title,
    url: `${archive.origin}/series/${series.id}`,
    summary: series.summary,
    notes: series.notes,
    complete: series.complete,
    creators,
    language,
    rtl: RIGHT_TO_LEFT.has(language),
    works,
    identifier: `urn:uuid:${uuidV5(archive.uuid, `series:${series.id}:${works.map((w) => w.id).join(',')}`)}`,
    modified: epubDate(latest([series.updatedAt, ...works.map((w) => w.modified)])),
  };
}

/** user: how the format writes the titles in it (isolated; escaped where the format needs it). */
export function chapterHeading(
  work: Pick<DownloadWork, 'title' | 'chapters'>,
  chapter: DownloadChapter,
  user: (text: string) => string = (text) => text,
): string {
  if (work.chapters.length === 1) return user(chapter.title || work.title);
  return chapter.title ? `Chapter ${chapter.position}: ${user(chapter.title)}` : `Chapter ${chapter.position}`;
}
