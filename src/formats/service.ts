/**
 * Makes downloads of works and series the caller has already found readable: fingerprints
 * them (for ETags and the cache) from what the file shows, without loading chapter text, and
 * builds a format only when the cache misses.
 */
import { createHash } from 'node:crypto';
import { strToU8 } from 'fflate';
import type { Store, Work } from '../store/index.ts';
import type { Series } from '../store/series.ts';
import type { ChapterStamp } from '../store/downloads.ts';
import { DownloadCache } from './cache.ts';
import { downloadSeries, downloadWork, postedChapters, type DownloadArchive, type DownloadWork } from './document.ts';
import { seriesEpub, workEpub } from './epub.ts';
import { FORMAT_VERSION, type FormatName } from './formats.ts';
import { seriesHtml, workHtml } from './html.ts';
import { seriesTxt, workTxt } from './txt.ts';
import { renderPdf } from './pdf.ts';
import { convertEpub } from './calibre.ts';
import { NOINDEX_DIRECTIVES } from '../domain/crawlers.ts';
import { shownCreators } from '../domain/works.ts';

export interface PreparedDownload {
  title: string;
  /** File name used when the title has nothing usable in ASCII. */
  fallbackName: string;
  /** Changes whenever anything the file shows changes. */
  fingerprint: string;
  lastModified: Date;
  /** Whether shared caches may keep it: every part is public. */
  public: boolean;
  /** Robots directives when a work in it (or one of its creators) asked not to be indexed: sent as X-Robots-Tag. */
  robots?: string;
  build(format: FormatName): Promise<{ file: Uint8Array; cached: boolean }>;
}

interface WorkSource {
  work: Work;
  stamps: ChapterStamp[];
  places: { seriesId: number; title: string; position: number }[];
  fingerprint: string;
  /** Set when the work or one of its creators asked not to be indexed (the HTML file says so too). */
  robots: string | undefined;
}

function hash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}

function isPublic(work: Work): boolean {
  return work.visibility === 'public' && work.publishedAt !== null && work.publishedAt <= new Date().toISOString();
}

function latest(dates: (string | null)[]): Date {
  const iso = dates.filter((d): d is string => d !== null).reduce((a, b) => (a > b ? a : b));
  return new Date(iso);
}

export class DownloadService {
  private readonly cache: DownloadCache;
  private uuid: Promise<string> | undefined;

  constructor(
    private readonly store: Store,
    private readonly archiveName: string,
    cacheBytes?: number,
  ) {
    this.cache = new DownloadCache(cacheBytes);
  }

  private async archive(origin: string): Promise<DownloadArchive> {
    this.uuid ??= this.store.downloads.archiveUuid().catch((error) => {
      this.uuid = undefined;
      throw error;
    });
    return { name: this.archiveName, origin, uuid: await this.uuid };
  }

  private async source(work: Work, origin: string): Promise<WorkSource> {
    const [stamps, allPlaces, optedOut] = await Promise.all([
      this.store.downloads.chapterStamps(work.id),
      this.store.series.placesOf(work.id),
      this.store.crawlers.workOptedOut(work.id),
    ]);
    const robots = optedOut ? NOINDEX_DIRECTIVES : undefined;
    const places = allPlaces.map((p) => ({ seriesId: p.seriesId, title: p.title, position: p.position }));
    const fingerprint = hash([
      FORMAT_VERSION,
      origin,
      this.archiveName,
      work.id,
      work.title,
      work.summary,
      work.notes,
      work.endNotes,
      work.disclaimer,
      work.rating,
      work.language,
      work.complete,
      work.expectedChapters,
      work.publishedAt,
      work.revisedAt,
      work.updatedAt,
      shownCreators(work).map((c) => [c.name, c.login]),
      work.tags.map((t) => [t.kind, t.name]),
      work.credits.map((c) => [c.role, c.name, c.refused]),
      places,
      postedChapters(stamps).map((c) => [c.id, c.position, c.updatedAt]),
      ...(robots ? [robots] : []),
    ]);
    return { work, stamps, places, fingerprint, robots };
  }

  private async document(source: WorkSource, origin: string): Promise<DownloadWork> {
    const chapters = await this.store.works.chaptersOf(source.work.id);
    return downloadWork(source.work, chapters, source.places, await this.archive(origin));
  }

  async work(work: Work, origin: string): Promise<PreparedDownload> {
    const source = await this.source(work, origin);
    const slot = `work:${work.id}`;
    const make = async (format: FormatName): Promise<Uint8Array> => {
      if (format === 'azw3' || format === 'mobi')
        return convertEpub((await this.cache.get(`${slot}:epub`, source.fingerprint, () => make('epub'))).file, format);
      const doc = await this.document(source, origin);
      switch (format) {
        case 'epub':
          return workEpub(doc, this.archiveName, origin);
        case 'html':
          return strToU8(workHtml(doc, this.archiveName, origin, 'keep', source.robots));
        case 'txt':
          return strToU8(workTxt(doc, this.archiveName));
        case 'pdf':
          return renderPdf(workHtml(doc, this.archiveName, origin, 'link'));
      }
    };
    return {
      title: work.title,
      fallbackName: `work-${work.id}`,
      fingerprint: source.fingerprint,
      lastModified: latest([work.updatedAt, work.revisedAt, ...postedChapters(source.stamps).map((s) => s.updatedAt)]),
      public: isPublic(work),
      robots: source.robots,
      build: (format) => this.cache.get(`${slot}:${format}`, source.fingerprint, () => make(format)),
    };
  }

  /** A series download of the given works (those the viewer may read), in series order. */
  async series(series: Series, works: Work[], origin: string): Promise<PreparedDownload> {
    const sources = await Promise.all(works.map((w) => this.source(w, origin)));
    const fingerprint = hash([
      FORMAT_VERSION,
      origin,
      series.id,
      series.title,
      series.summary,
      series.notes,
      series.complete,
      series.updatedAt,
      sources.map((s) => [s.work.id, s.fingerprint]),
    ]);
    const slot = `series:${series.id}:${works.map((w) => w.id).join(',')}`;
    // The series file holds every work's text: one work's choice not to be indexed covers it.
    const robots = sources.find((s) => s.robots)?.robots;
    const make = async (format: FormatName): Promise<Uint8Array> => {
      const archive = await this.archive(origin);
      const docs = await Promise.all(sources.map((s) => this.document(s, origin)));
      const doc = downloadSeries(series, docs, archive);
      switch (format) {
        case 'epub':
          return seriesEpub(doc, this.archiveName, origin);
        case 'html':
          return strToU8(seriesHtml(doc, this.archiveName, origin, 'keep', robots));
        case 'txt':
          return strToU8(seriesTxt(doc, this.archiveName));
        default:
          throw new Error(`series downloads have no ${format} format`);
      }
    };
    return {
      title: series.title,
      fallbackName: `series-${series.id}`,
      fingerprint,
      lastModified: latest([
        series.updatedAt,
        ...sources.flatMap((s) => [
          s.work.updatedAt,
          s.work.revisedAt,
          ...postedChapters(s.stamps).map((c) => c.updatedAt),
        ]),
      ]),
      public: works.every(isPublic) && works.length === series.workIds.length,
      robots,
      build: (format) => this.cache.get(`${slot}:${format}`, fingerprint, () => make(format)),
    };
  }
}
