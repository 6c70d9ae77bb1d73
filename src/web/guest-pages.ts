import { EVERY_WORK, isRowId } from '../domain/ids.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GuestPageOptions } from '../config.ts';
import { READING_COOKIE } from './session.ts';
import { syncIndexFor } from './index-sync.ts';
import { readsCurrent } from './read-your-writes.ts';

/**
 * Pages as guests see them, kept per process and served again without querying or rendering:
 * most readers are not logged in and ask for the same works and listings. A member's pages are
 * never kept (they show the member's own state).
 *
 * - A work or chapter page is dropped as soon as its work, or a work it links to or leaves out
 *   (series neighbours, related works), is in the change log: any process's write to it (edits,
 *   chapters, comments, kudos, tags and their wrangling or names, its creators' names, series,
 *   collections, visibility, deletion), and a change to what it shows of others (the name of a
 *   member who left kudos or comments there: src/store/work-changes.ts, noteWorksShowingChanged);
 *   see DbWorkIndex.sync. EVERY_WORK in the log drops every kept page. A change of counters only
 *   (a hit) keeps it: its hit count may lag by up to `maxAgeMs` (10 minutes by default).
 * - A listing (/works, tag pages, the home page) is dropped when the works index changes in
 *   anything but counters; its counts (hits, kudos …) may lag by up to `listingMaxAgeMs` (30 s).
 *
 * A page's CSRF token belongs to one browser: it is kept as a placeholder and each answer gets
 * its own reader's token.
 */
export type GuestPageKind = 'work' | 'listing';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Marks a GET route whose guest pages may be kept (see GuestPages). */
    guestPage?: GuestPageKind;
  }
  interface FastifyRequest {
    /** Set when this guest page may be kept once rendered. */
    guestPage: { key: string; kind: GuestPageKind; contentVersion: number } | undefined;
    /** The work a work page shows, set by the route (for counting hits on kept pages and dropping them). */
    guestPageWork: { id: number; createdAt: string } | undefined;
    /** Set when the page shown is not a reading of the work (the adult-content notice): serving it counts no hit. */
    guestPageNoReading: boolean;
    /** Other works the page links to or leaves out (series neighbours, related works): it is dropped when they change too. */
    guestPageShows: number[];
    /** The CSRF token put into this response's page, if any. */
    csrfToken: string | undefined;
  }
}

const CSRF_PLACEHOLDER = '\u0000quire-csrf\u0000';
const ADULT_COOKIE = 'quire_view_adult';

interface Page {
  /** The HTML, with CSRF_PLACEHOLDER where each reader's own token goes. */
  body: string;
  kind: GuestPageKind;
  work: { id: number; createdAt: string } | undefined;
  /** Works besides `work` whose change drops the page. */
  shows?: number[];
  /** False when serving the page is no reading of `work` (counts no hit). */
  reading?: boolean;
  contentVersion: number;
  at: number;
}

/** A kept page: its UTF-8 bytes cut where the token goes, ready to send without encoding again. */
interface Entry extends Omit<Page, 'body'> {
  parts: Buffer[];
  bytes: number;
}

/** The page for one reader: the kept bytes with their token. */
export function pageBytes(entry: Entry, token: () => string): Buffer {
  if (entry.parts.length === 1) return entry.parts[0];
  const tokenBytes = Buffer.from(token());
  return Buffer.concat(entry.parts.flatMap((part, i) => (i === 0 ? [part] : [tokenBytes, part])));
}

export class GuestPages {
  private entries = new Map<string, Entry>();
  private keysOfWork = new Map<number, Set<string>>();
  private bytes = 0;

  constructor(private readonly options: GuestPageOptions) {}

  get enabled(): boolean {
    return this.options.maxBytes > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string, contentVersion: number, now = Date.now()): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const maxAgeMs =
      entry.kind === 'listing' ? (this.options.listingMaxAgeMs ?? this.options.maxAgeMs) : this.options.maxAgeMs;
    if (
      now - entry.at >= maxAgeMs ||
      now < entry.at ||
      (entry.kind === 'listing' && entry.contentVersion !== contentVersion)
    ) {
      this.delete(key);
      return undefined;
    }
    // Least recently used goes first: a use moves the entry to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, page: Page): void {
    this.delete(key);
    const { body, ...rest } = page;
    const parts = body.split(CSRF_PLACEHOLDER).map((part) => Buffer.from(part));
    const entry: Entry = { ...rest, parts, bytes: parts.reduce((n, part) => n + part.length, 0) };
    if (entry.bytes > this.options.maxBytes / 8) return;
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const id of this.dependencies(entry)) {
      const keys = this.keysOfWork.get(id) ?? new Set<string>();
      keys.add(key);
      this.keysOfWork.set(id, keys);
    }
    while (this.bytes > this.options.maxBytes) this.delete(this.entries.keys().next().value!);
  }

  /** Drops the pages of these works, or every page for EVERY_WORK. */
  forgetWorks(workIds: Iterable<number>): void {
    for (const id of workIds) {
      if (id === EVERY_WORK) {
        this.entries.clear();
        this.keysOfWork.clear();
        this.bytes = 0;
        return;
      }
      for (const key of this.keysOfWork.get(id) ?? []) this.delete(key);
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const id of this.dependencies(entry)) {
      const keys = this.keysOfWork.get(id);
      keys?.delete(key);
      if (keys?.size === 0) this.keysOfWork.delete(id);
    }
  }

  private dependencies(entry: Entry): Set<number> {
    return new Set([...(entry.work ? [entry.work.id] : []), ...(entry.shows ?? [])]);
  }
}

/** What besides the address changes a guest's page: reading settings, the adult-content notice, and (on a work) whether they left kudos. */
async function keyOf(request: FastifyRequest, kind: GuestPageKind): Promise<string> {
  let key = `${request.url}\n${request.cookies[READING_COOKIE] ?? ''}\n${request.cookies[ADULT_COOKIE] ?? ''}`;
  if (kind === 'work') {
    const id = Number((request.params as { id?: string }).id);
    if (isRowId(id))
      key += `\n${(await request.server.quire.archive.kudos.hasLeft(null, request.ip, id)) ? 'kudos' : ''}`;
  }
  return key;
}

/** Serves kept guest pages and keeps new ones (routes opt in with `config: { guestPage }`). */
export function registerGuestPages(app: FastifyInstance, pages: GuestPages): void {
  app.decorateRequest('guestPage', undefined);
  app.decorateRequest('guestPageWork', undefined);
  app.decorateRequest('guestPageShows', null as unknown as number[]);
  app.decorateRequest('guestPageNoReading', false);
  app.addHook('onRequest', async (request) => {
    request.guestPageShows = [];
  });
  app.decorateRequest('csrfToken', undefined);
  if (!pages.enabled) return;
  const { search } = app.quire;
  search.index.onWorksChanged((workIds) => pages.forgetWorks(workIds));

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const kind = request.routeOptions.config.guestPage;
    if (!kind || request.method !== 'GET' || request.viewer || request.flash) return;
    // Applies every process's writes first, which drops the pages they changed.
    await syncIndexFor(request);
    const key = await keyOf(request, kind);
    const entry = pages.get(key, search.index.contentVersion);
    app.metrics?.guestPage(request.routeOptions.url, entry !== undefined);
    if (!entry) {
      request.guestPage = { key, kind, contentVersion: search.index.contentVersion };
      return;
    }
    if (entry.work && entry.reading !== false)
      await app.quire.archive.visitors.countHit(null, request.ip, entry.work, false);
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(pageBytes(entry, () => reply.generateCsrf()));
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const page = request.guestPage;
    if (!page || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
    // A page that sets its own cookie (other than the CSRF secret) does something per reader.
    const cookies = reply.getHeader('set-cookie');
    if (cookies !== undefined && [cookies].flat().some((c) => !String(c).startsWith('_csrf='))) return payload;
    if (page.kind === 'work' && !request.guestPageWork) return payload;
    // Read from a replica that had not yet replayed what the works index has applied: right for now, not to keep.
    if (!readsCurrent(request)) return payload;
    const body = request.csrfToken ? payload.split(request.csrfToken).join(CSRF_PLACEHOLDER) : payload;
    pages.set(page.key, {
      body,
      kind: page.kind,
      work: request.guestPageWork,
      shows: request.guestPageShows,
      reading: !request.guestPageNoReading,
      contentVersion: page.contentVersion,
      at: Date.now(),
    });
    return payload;
  });
}
