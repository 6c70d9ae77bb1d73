import type { FastifyInstance, InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { Parser } from 'htmlparser2';
import type { Store } from '../../src/store/index.ts';
import { INDEXED_LIST_PARAMETERS, WORK_LIST_PARAMETERS } from '../../src/domain/work-list-query.ts';
import { Agent, type FormFields } from './http.ts';
import { createToken, newWork, registeredRoutes } from './api.ts';

/**
 * Hostile requests against every route: what a fuzzer, a broken client or a curious reader sends.
 * Used by test/web/hostile-requests.test.ts; kept here so an investigation script can run the same
 * requests against an app built with a logger.
 */

type Json = Record<string, unknown>;

/** Values put where an id, a login, a tag name or a file name goes in a path (already percent-encoded). */
export const HOSTILE_PATH_VALUES: readonly string[] = [
  '0',
  '-1',
  '99999999999999999999',
  // One past PostgreSQL's 32-bit ids (serial): a safe integer, but no row's id.
  '2147483648',
  '1e3',
  'abc',
  '%00',
  'x'.repeat(10_000),
  '%FF%FE',
  '..%2F..',
  '%2e%2e',
  encodeURIComponent('\u202Egpj.exe \u{1F642}'),
  encodeURIComponent('\u0661\u0662\u0663'),
];

/** The path values also sent by a guest (the ones that reach storage and its limits). */
const GUEST_PATH_VALUES: readonly string[] = ['%00', '%FF%FE', '99999999999999999999', 'x'.repeat(10_000)];

/** Query values (already percent-encoded, invalid encodings on purpose). */
const HOSTILE_QUERY_VALUES: readonly string[] = [
  '-1',
  'abc',
  '0',
  '99999999999999999999',
  '1e400',
  '%00',
  '%FF%FE',
  '%',
  '%E0%A4%A',
  encodeURIComponent('\u202E\u{1F642}'),
  '__proto__',
];

/** Query names the pages and the API read (more than any one route takes, on purpose). */
const QUERY_NAMES: readonly string[] = [
  ...new Set([
    'page',
    'kind',
    'q',
    'return_to',
    'cursor',
    'limit',
    'sort',
    'order',
    'work',
    'series',
    'view_full_work',
    'view_adult',
    'show',
    'form',
    'canonical',
    'works',
    ...WORK_LIST_PARAMETERS,
    ...INDEXED_LIST_PARAMETERS,
  ]),
];
/** The query names sent one at a time (each with its own hostile value), on every GET route. */
const QUERY_NAMES_ONE_BY_ONE: readonly string[] = [
  'page',
  'kind',
  'q',
  'return_to',
  'cursor',
  'limit',
  'sort',
  'order',
  'work',
  'series',
  'view_full_work',
  'view_adult',
  'show',
  'form',
  'canonical',
  'works',
  'tag',
  'rating',
  'words_from',
  'updated_since',
  'updated_from',
  'user',
];

/** Hostile values for a form field. Arrays are sent as the field repeated. */
const HOSTILE_FIELD_VALUES: readonly (string | string[])[] = [
  '',
  'x'.repeat(200_000),
  'a\u0000b',
  ['1', '2'],
  '-1',
  '99999999999999999999',
  '2147483648',
  'abc',
  '\u202E\u{1F642}',
  ' ',
];

/** Hostile values for a field of a JSON body. */
const HOSTILE_JSON_VALUES: readonly unknown[] = [
  '',
  'x'.repeat(200_000),
  'a\u0000b',
  ['x', 'y'],
  { $gt: '' },
  -1,
  1e308,
  // Past a 64-bit integer column.
  2 ** 64,
  null,
  true,
  '\uD800',
  [[[[[]]]]],
];

/** Raw JSON bodies that are not what any route expects. */
const MALFORMED_JSON: readonly (string | Buffer)[] = [
  '{"title":',
  '',
  'null',
  '[]',
  '"x"',
  '1',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '['.repeat(5000) + ']'.repeat(5000),
  Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), Buffer.from('"}')]),
  '\uFEFF{"title":"BOM"}',
];

/** Hostile Host headers sent with every GET. */
const HOSTILE_HOSTS: readonly string[] = ['127.0.0.1:99999', 'evil.example/<x>', ''];

/** Fields sent to a POST route whose form the crawl did not find: every name the forms use, with plain values. */
const GENERIC_FIELDS: FormFields = {
  title: 'A title',
  body: 'Some text.',
  summary: '',
  notes: '',
  endNotes: '',
  disclaimer: '',
  rating: 'General Audiences',
  warnings: 'No Archive Warnings Apply',
  categories: 'Gen',
  fandoms: 'Original Work',
  relationships: '',
  characters: '',
  freeforms: '',
  language: 'en',
  visibility: 'public',
  commentPolicy: 'everyone',
  expectedChapters: '1',
  complete: '1',
  publishAt: '',
  chapterTitle: '',
  chapterSummary: '',
  chapterNotes: '',
  chapterEndNotes: '',
  kind: 'work',
  id: '1',
  pseudId: '1',
  name: 'A name',
  description: '',
  text: 'Some text.',
  tags: '',
  login: 'someone',
  email: 'someone@example.org',
  identifier: 'someone',
  password: 'not the password',
  currentPassword: 'not the password',
  passwordConfirmation: 'not the password',
  tokenName: 'a token',
  theme: 'light',
  fontSize: 'medium',
  lineWidth: 'medium',
  synonym: 'Other',
  parent_kind: 'fandom',
  parent_id: '1',
  parentId: '1',
  works: ['1', '2'],
  revision: '1',
  return_to: '/',
  query: 'q=storm',
  mode: 'keep',
  guestName: 'Guest',
  guestEmail: 'guest@example.org',
  chapterId: '1',
  chapter: '1',
  seriesId: '',
  newSeriesTitle: '',
  gifts: '',
  betas: '',
  coCreators: '',
  relatedTitle: '',
  relatedTarget: '',
  relatedRelation: '',
  defaultDisclaimer: '',
  form: 'new-work',
  user: '1',
  canonical: '1',
};

export interface Finding {
  method: string;
  url: string;
  what: string;
  status: number;
  detail?: string;
}

export interface HostileReport {
  routes: string[];
  requests: number;
  statuses: Record<string, number>;
  serverErrors: Finding[];
  /** Writes answered 4xx or 5xx that changed a row count (tables refusals write on purpose left out). */
  halfWritten: Finding[];
  /** POST routes no page of the archive has a form for: sent the generic fields. */
  formless: string[];
}

interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A browser that sends whatever it is told: keeps cookies and the page's CSRF token, nothing else. */
class RawClient {
  private cookies = new Map<string, string>();
  csrfToken = '';
  private address = 0;

  constructor(
    private readonly app: FastifyInstance,
    readonly bearer?: string,
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** A new address for every request, so the per-address rate limits do not stand in front of the routes. */
  private nextAddress(): string {
    const n = ++this.address;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  async send(options: InjectOptions & { url: string }): Promise<RawResponse> {
    const headers: Record<string, string> = {
      ...(this.cookies.size > 0 ? { cookie: this.cookieHeader() } : {}),
      ...(this.bearer && options.url.startsWith('/api/') ? { authorization: `Bearer ${this.bearer}` } : {}),
      ...((options.headers ?? {}) as Record<string, string>),
    };
    let response;
    try {
      response = await this.app.inject({ remoteAddress: this.nextAddress(), ...options, headers });
    } catch (error) {
      // The request never got an answer: as bad as a 5xx for whoever sent it.
      return { status: 599, body: `no answer: ${(error as Error).message}`, headers: {} };
    }
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired =
        (cookie.expires && cookie.expires.getTime() <= Date.now()) || cookie.maxAge === 0 || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="csrf-token" content="([^"]+)"/.exec(response.body);
    if (token) this.csrfToken = token[1];
    return { status: response.statusCode, body: response.body, headers: response.headers };
  }

  async logIn(login: string, password: string): Promise<void> {
    await this.send({ method: 'GET', url: '/login' });
    const response = await this.send({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: this.csrfToken, identifier: login, password }).toString(),
    });
    if (response.status !== 303) throw new Error(`log-in of ${login} failed with ${response.status}`);
    await this.send({ method: 'GET', url: '/' });
  }
}

/** A small archive: two members, three works (public with two chapters, draft, registered-only), a comment, a bookmark, a series, tags. */
export interface Fixture {
  writer: { login: string; password: string; id: number; pseudId: number; token: string };
  /** The reader logs in with the writer's password. */
  reader: { login: string; id: number };
  works: { public: number; draft: number; registered: number };
  chapters: number[];
  seriesId: number;
  commentId: number;
  bookmarkId: number;
  notificationId: number;
  creditId: number;
  tokenId: number;
  savedSearch: { id: number; feedToken: string };
  tag: string;
  workSlug: string;
  seriesSlug: string;
}

const idOf = (path: string) => Number(path.split('/').pop());

export async function buildFixture(app: FastifyInstance, store: Store): Promise<Fixture> {
  const password = 'correct horse battery';
  const writer = new Agent(app);
  await writer.signUp('hostile_writer', password);
  const reader = new Agent(app);
  await reader.signUp('hostile_reader', password);
  const db = store.handle.db;
  const userId = async (login: string) =>
    (await db.selectFrom('users').select('id').where('login', '=', login).executeTakeFirstOrThrow()).id;
  const writerId = await userId('hostile_writer');
  const readerId = await userId('hostile_reader');

  const publicWork = await writer.postWork({
    title: 'Harbour Lights',
    freeforms: 'Storms, Found Family',
    characters: 'Keeper',
    newSeriesTitle: 'Harbour Cycle',
    expectedChapters: '2',
    complete: '',
    gifts: 'hostile_reader',
  });
  const second = await writer.submit(`${publicWork}/chapters`, { chapterTitle: 'Thaw', body: 'The ice gave way.' });
  if (second.status !== 303) throw new Error(`adding a chapter failed with ${second.status}`);
  const draft = await writer.postWork({ title: 'Not Yet', visibility: 'draft' });
  const registered = await writer.postWork({ title: 'Members Only', visibility: 'registered' });

  const comment = await reader.submit(`${publicWork}/comments`, { body: 'Lovely.' });
  if (comment.status !== 303) throw new Error(`commenting failed with ${comment.status}`);
  let bookmarkForm = await reader.get(`/bookmarks/new?work=${idOf(publicWork)}`);
  if (bookmarkForm.status === 303) bookmarkForm = await reader.get(bookmarkForm.location!);
  const bookmarked = await reader.submit('/bookmarks', {
    kind: 'work',
    id: String(idOf(publicWork)),
    pseudId: /name="pseudId" value="(\d+)"/.exec(bookmarkForm.body)![1],
    notes: 'A favourite.',
    tags: 'favourite',
  });
  if (bookmarked.status !== 303) throw new Error(`bookmarking failed with ${bookmarked.status}`);

  const token = await createToken(writer, 'hostile');
  await store.roles.grant(writerId, 'wrangler');
  const savedSearch = await store.savedSearches.create(writerId, 'Storms', 'q=storm');

  const work = idOf(publicWork);
  const first = <T>(row: T | undefined, what: string): T => {
    if (row === undefined) throw new Error(`the fixture has no ${what}`);
    return row;
  };
  const chapters = await db
    .selectFrom('chapters')
    .select('id')
    .where('work_id', '=', work)
    .orderBy('position')
    .execute();
  const series = first(await db.selectFrom('series').select('id').executeTakeFirst(), 'series');
  const commentRow = first(await db.selectFrom('comments').select('id').executeTakeFirst(), 'comment');
  const bookmark = first(await db.selectFrom('bookmarks').select('id').executeTakeFirst(), 'bookmark');
  const notification = first(
    await db.selectFrom('notifications').select('id').where('user_id', '=', writerId).executeTakeFirst(),
    'notification',
  );
  const credit = first(await db.selectFrom('work_credits').select('id').executeTakeFirst(), 'gift');
  const apiToken = first(await db.selectFrom('api_tokens').select('id').executeTakeFirst(), 'API token');
  const pseud = first(
    await db.selectFrom('pseuds').select('id').where('user_id', '=', writerId).executeTakeFirst(),
    'pen name',
  );
  return {
    writer: { login: 'hostile_writer', password, id: writerId, pseudId: pseud.id, token },
    reader: { login: 'hostile_reader', id: readerId },
    works: { public: work, draft: idOf(draft), registered: idOf(registered) },
    chapters: chapters.map((c) => c.id),
    seriesId: series.id,
    commentId: commentRow.id,
    bookmarkId: bookmark.id,
    notificationId: notification.id,
    creditId: credit.id,
    tokenId: apiToken.id,
    savedSearch: { id: savedSearch.id, feedToken: savedSearch.feedToken },
    tag: 'Storms',
    workSlug: 'harbour-lights',
    seriesSlug: 'harbour-cycle',
  };
}

interface Route {
  method: 'GET' | 'POST' | 'PATCH';
  template: string;
  params: string[];
}

/** Every route the app registered, with the names of its parameters ("*" for a wildcard). */
export function everyRoute(app: FastifyInstance): Route[] {
  return registeredRoutes(app, '/')
    .map((line) => {
      const [method, rawTemplate] = line.split(' ') as [Route['method'], string];
      // printRoutes joins parameters of one node with "|" (":token|:id"): GET reads the feed token, POST the id.
      const template = rawTemplate.replace(/:(\w+)\|:(\w+)/, (_all, a: string, b: string) =>
        method === 'GET' ? `:${a}` : `:${b}`,
      );
      const params = [...template.matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? '*');
      return { method, template, params };
    })
    .filter((route) => ['GET', 'POST', 'PATCH'].includes(route.method));
}

/** The real value of a path parameter, from the fixture. */
function realValue(fixture: Fixture, route: Route, param: string): string {
  const segments = route.template.split('/');
  const before = segments[segments.indexOf(`:${param}`) - 1];
  switch (param) {
    case 'login':
      return fixture.writer.login;
    case 'pseud':
      return fixture.writer.login;
    case 'name':
      return fixture.tag;
    case 'chapterId':
      return String(fixture.chapters[0]);
    case 'workId':
      return String(fixture.works.public);
    case 'pseudId':
      return String(fixture.writer.pseudId);
    case 'answer':
      return 'accept';
    case 'token':
      return fixture.savedSearch.feedToken;
    case 'file':
      return route.template.includes('/series/') ? `${fixture.seriesSlug}.epub` : `${fixture.workSlug}.epub`;
    case '*':
      return 'no-such-page';
  }
  switch (before) {
    case 'series':
      return String(fixture.seriesId);
    case 'comments':
      return String(fixture.commentId);
    case 'bookmarks':
      return String(fixture.bookmarkId);
    case 'inbox':
      return String(fixture.notificationId);
    case 'gifts':
      return String(fixture.creditId);
    case 'api-tokens':
      return String(fixture.tokenId);
    case 'saved-searches':
      return String(fixture.savedSearch.id);
    case 'import':
      return '1';
    default:
      return String(fixture.works.public);
  }
}

function fill(route: Route, values: Record<string, string>): string {
  return route.template.replace(/:(\w+)|\*/g, (all, name: string | undefined) => values[name ?? '*'] ?? all);
}

function realValues(fixture: Fixture, route: Route): Record<string, string> {
  return Object.fromEntries(route.params.map((p) => [p, encodeURIComponent(realValue(fixture, route, p))]));
}

/** The address with each parameter in turn given each hostile value (the others real). */
function pathVariants(fixture: Fixture, route: Route): { url: string; what: string }[] {
  const real = realValues(fixture, route);
  const variants = [{ url: fill(route, real), what: 'real ids' }];
  for (const param of route.params)
    for (const value of HOSTILE_PATH_VALUES)
      variants.push({
        url: fill(route, { ...real, [param]: value }),
        what: `:${param}=${value.length > 40 ? `${value.slice(0, 10)}…(${value.length})` : value}`,
      });
  return variants;
}

interface FoundForm {
  action: string;
  fields: [string, string][];
}

/** The POST forms of a page, with the values they would send as the page stands. */
export function formsOf(html: string): FoundForm[] {
  const forms: FoundForm[] = [];
  let current: FoundForm | undefined;
  let textarea: { name: string; text: string } | undefined;
  let select: { name: string; first?: string; chosen?: string } | undefined;
  let option: { value?: string; selected: boolean; text: string } | undefined;
  const parser = new Parser(
    {
      onopentag(tag, attrs) {
        if (tag === 'form' && (attrs.method ?? '').toLowerCase() === 'post') {
          current = { action: attrs.action ?? '', fields: [] };
          forms.push(current);
        }
        if (!current) return;
        if (tag === 'input' || tag === 'button') {
          const type = (attrs.type ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase();
          if (!attrs.name || type === 'file') return;
          if ((type === 'checkbox' || type === 'radio') && attrs.checked === undefined) return;
          if (type === 'submit' && current.fields.some(([n]) => n === attrs.name)) return;
          current.fields.push([attrs.name, attrs.value ?? (type === 'checkbox' ? 'on' : '')]);
        } else if (tag === 'textarea' && attrs.name) textarea = { name: attrs.name, text: '' };
        else if (tag === 'select' && attrs.name) select = { name: attrs.name };
        else if (tag === 'option' && select)
          option = { value: attrs.value, selected: attrs.selected !== undefined, text: '' };
      },
      ontext(text) {
        if (textarea) textarea.text += text;
        if (option) option.text += text;
      },
      onclosetag(tag) {
        if (tag === 'form') current = undefined;
        else if (tag === 'textarea' && textarea && current) {
          current.fields.push([textarea.name, textarea.text.replace(/^\n/, '')]);
          textarea = undefined;
        } else if (tag === 'option' && option && select) {
          const value = option.value ?? option.text;
          select.first ??= value;
          if (option.selected) select.chosen = value;
          option = undefined;
        } else if (tag === 'select' && select && current) {
          const value = select.chosen ?? select.first;
          if (value !== undefined) current.fields.push([select.name, value]);
          select = undefined;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return forms;
}

function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/(:\w+|\*)/)
    .map((part) => (part.startsWith(':') ? '[^/]+' : part === '*' ? '.*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

function fieldsOf(pairs: [string, string][]): FormFields {
  const fields: FormFields = {};
  for (const [name, value] of pairs) {
    const had = fields[name];
    fields[name] = had === undefined ? value : [...[had].flat(), value];
  }
  return fields;
}

/** urlencoded with the values as given (already encoded when `raw`). */
function encodeForm(fields: FormFields, raw = false): string {
  return Object.entries(fields)
    .flatMap(([name, value]) =>
      [value].flat().map((one) => `${encodeURIComponent(name)}=${raw ? one : encodeURIComponent(one)}`),
    )
    .join('&');
}

/**
 * Tables a refused request may write to on purpose, left out of the half-written-rows check:
 * - autosaves: a member's form that failed validation is kept as typed (Drafts.keepRejected, src/app/drafts.ts),
 *   so nothing they typed is lost, and POST /autosave keeps a draft whatever else is wrong with it;
 * - pending_forms: a guest's form refused for want of a session is kept until they log in (Drafts.keepUntilLogIn);
 * - rate_limit_counters: a refused request still counts against the rate limits (src/store/rate-limits.ts);
 * - the FTS5 shadow tables of SQLite's search index (work_search_data, _idx, _docsize, _config, _content and
 *   the chapter_search ones): SQLite's own bookkeeping, which it may write on any statement; the indexed
 *   rows themselves (work_search, chapter_search) stay counted.
 */
const WRITTEN_BY_REFUSALS = new Set(['autosaves', 'pending_forms', 'rate_limit_counters']);
const isFtsShadowTable = (name: string) => /^(work|chapter)_search_(data|idx|docsize|config|content)$/.test(name);

async function rowCounter(store: Store): Promise<() => Promise<Map<string, number>>> {
  const db = store.handle.db;
  const tables = (await db.introspection.getTables())
    .map((t) => t.name)
    .filter((name) => !WRITTEN_BY_REFUSALS.has(name) && !isFtsShadowTable(name) && !name.startsWith('kysely_'))
    .sort();
  const query = tables.map((name) => `select '${name}' as name, count(*) as n from "${name}"`).join(' union all ');
  return async () => {
    const result = await sql<{ name: string; n: number | string }>`${sql.raw(query)}`.execute(db);
    return new Map(result.rows.map((row) => [row.name, Number(row.n)]));
  };
}

function differences(before: Map<string, number>, after: Map<string, number>): string[] {
  return [...after]
    .filter(([name, n]) => before.get(name) !== n)
    .map(([name, n]) => `${name} ${before.get(name)}→${n}`);
}

/** Routes that end things (sessions, works, the account) go last, so the others meet the archive as it was set up. */
function destructiveRank(route: Route): number {
  if (route.template === '/logout') return 4;
  if (route.template === '/account/delete') return 3;
  if (/\/(delete|leave|revoke|discard|refuse|clear|merge|unblock|block|password|email)$/.test(route.template))
    return route.template.startsWith('/works/:id') ? 2 : 1;
  return 0;
}

const short = (value: string, max = 160) => (value.length > max ? `${value.slice(0, max)}…(${value.length})` : value);

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 12)}…(${text.length})` : text;
}

/** Runs every hostile request; returns what answered 5xx and what a refused write left behind. */
export async function sendHostileRequests(
  app: FastifyInstance,
  store: Store,
  fixture: Fixture,
): Promise<HostileReport> {
  const routes = everyRoute(app);
  const report: HostileReport = {
    routes: routes.map((r) => `${r.method} ${r.template}`),
    requests: 0,
    statuses: {},
    serverErrors: [],
    halfWritten: [],
    formless: [],
  };
  const member = new RawClient(app, fixture.writer.token);
  await member.logIn(fixture.writer.login, fixture.writer.password);
  const guest = new RawClient(app);
  await guest.send({ method: 'GET', url: '/' });

  const record = (method: string, url: string, what: string, response: RawResponse) => {
    report.requests++;
    const bucket = `${Math.floor(response.status / 100)}xx`;
    report.statuses[bucket] = (report.statuses[bucket] ?? 0) + 1;
    if (response.status >= 500) {
      let detail: string | undefined;
      try {
        detail = JSON.stringify((JSON.parse(response.body) as Json).error ?? '').slice(0, 200);
      } catch {
        detail = undefined;
      }
      report.serverErrors.push({ method, url: short(url), what, status: response.status, detail });
    }
  };

  // 1. Every GET with real ids, as the writer: the pages' forms tell what each POST route reads.
  const formsByRoute = new Map<string, FoundForm>();
  const postRoutes = routes.filter((r) => r.method === 'POST');
  const reader = new RawClient(app);
  await reader.logIn(fixture.reader.login, fixture.writer.password);
  const crawl = async (url: string, client = member) => {
    const response = await client.send({ method: 'GET', url });
    record('GET', url, 'crawl', response);
    if (!String(response.headers['content-type']).startsWith('text/html')) return;
    for (const form of formsOf(response.body)) {
      const path = form.action.split('?')[0];
      const route = postRoutes.find((r) => templatePattern(r.template).test(path));
      const key = route && `${route.method} ${route.template}`;
      if (key && !formsByRoute.has(key)) formsByRoute.set(key, form);
    }
  };
  const gets = routes.filter((r) => r.method === 'GET');
  for (const route of gets) await crawl(fill(route, realValues(fixture, route)));
  for (const url of [
    `/works/${fixture.works.public}/chapters/${fixture.chapters[1]}`,
    `/works/${fixture.works.draft}`,
    `/works/${fixture.works.draft}/edit`,
    `/bookmarks/new?work=${fixture.works.public}`,
    `/bookmarks/new?series=${fixture.seriesId}`,
    `/works/merge?works=${fixture.works.public}&works=${fixture.works.draft}`,
    `/users/${fixture.reader.login}`,
    `/works?q=storm`,
  ])
    await crawl(url);
  // The forms the writer is not shown (kudos on their own work, logging in) are on the reader's and a guest's pages.
  for (const route of gets) await crawl(fill(route, realValues(fixture, route)), reader);
  for (const url of ['/login', '/signup']) await crawl(url, guest);

  // 2. Every GET: hostile path values, hostile query strings, hostile Host headers; as the writer and as a guest.
  // GETs write nothing that matters here, so they go several at a time.
  const requests: (() => Promise<void>)[] = [];
  const get = (client: RawClient, url: string, what: string, headers?: Record<string, string>) =>
    requests.push(async () => record('GET', url, what, await client.send({ method: 'GET', url, headers })));
  for (const [index, route] of gets.entries()) {
    const real = fill(route, realValues(fixture, route));
    for (const { url, what } of pathVariants(fixture, route)) {
      get(member, url, what);
      if (GUEST_PATH_VALUES.some((value) => what.endsWith(`=${value}`) || what.includes(`=${value.slice(0, 10)}…`)))
        get(guest, url, `${what} (guest)`);
    }
    const names = route.template.startsWith('/api/') ? WORK_LIST_PARAMETERS : QUERY_NAMES;
    const queries: { query: string; what: string }[] = [];
    for (const value of HOSTILE_QUERY_VALUES)
      queries.push({ query: names.map((n) => `${n}=${value}`).join('&'), what: `every parameter=${value}` });
    queries.push({ query: names.map((n) => `${n}=1&${n}=2`).join('&'), what: 'every parameter twice' });
    queries.push({ query: names.map((n) => `${n}[]=1&${n}[a]=2`).join('&'), what: 'bracketed names' });
    queries.push({ query: '%zz=1&&=&a==b&%00=%00', what: 'broken pairs' });
    for (const [i, name] of QUERY_NAMES_ONE_BY_ONE.entries()) {
      // Each name with one hostile value, a different one on each route and for each name.
      const n = i + index;
      if (n % 4 === 0) queries.push({ query: `${name}=1&${name}=2`, what: `${name} twice` });
      else if (n % 4 === 1) queries.push({ query: `${name}=${'9'.repeat(5000)}`, what: `${name}=9…(5000)` });
      else {
        const value = HOSTILE_QUERY_VALUES[n % HOSTILE_QUERY_VALUES.length];
        queries.push({ query: `${name}=${value}`, what: `${name}=${value}` });
      }
    }
    for (const { query, what } of queries) get(member, `${real}?${query}`, what);
    for (const { query, what } of queries.slice(0, 5)) get(guest, `${real}?${query}`, `${what} (guest)`);
    for (const host of HOSTILE_HOSTS) {
      get(member, real, `Host: ${host}`, { host });
      get(guest, real, `Host: ${host} (guest)`, { host });
    }
    if (route.template.startsWith('/api/'))
      for (const authorization of [
        'Bearer ' + 'x'.repeat(10_000),
        'Bearer quire_\u0000',
        'Basic Zm9vOmJhcg==',
        'Bearer',
      ])
        get(guest, real, `Authorization: ${short(authorization, 20)}`, { authorization });
  }
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = requests.shift(); next; next = requests.shift()) await next();
    }),
  );

  // 3. Every POST and PATCH, one at a time, with the row counts of every table around each.
  // The readings of the GETs above are written now, not by the timer in the middle of a POST's count.
  await app.quire.archive.visitors.flush();
  const counts = await rowCounter(store);
  let before = await counts();
  const send = async (
    client: RawClient,
    method: 'POST' | 'PATCH',
    url: string,
    what: string,
    payload: string | Buffer | undefined,
    contentType: string | undefined,
  ) => {
    const response = await client.send({
      method,
      url,
      ...(contentType ? { headers: { 'content-type': contentType } } : {}),
      ...(payload !== undefined ? { payload } : {}),
    });
    record(method, url, what, response);
    // A guest's kudos wait for the next batch: written now, they count against the request that left them.
    await app.quire.archive.kudos.flush();
    const after = await counts();
    // Refused: a 4xx, or a 5xx (whose page promises that nothing was half-saved).
    if (response.status >= 400) {
      const changed = differences(before, after);
      if (changed.length > 0)
        report.halfWritten.push({ method, url: short(url), what, status: response.status, detail: changed.join(', ') });
    }
    before = after;
  };
  const form = 'application/x-www-form-urlencoded';
  const writes = routes
    .filter((r) => r.method !== 'GET')
    .map((route, index) => ({ route, index }))
    .sort((a, b) => destructiveRank(a.route) - destructiveRank(b.route) || a.index - b.index);

  for (const { route, index } of writes) {
    const key = `${route.method} ${route.template}`;
    if (route.template.startsWith('/api/')) {
      await sendApiWrites(route, fixture, (url, what, payload, contentType) =>
        send(member, route.method as 'POST' | 'PATCH', url, what, payload, contentType),
      );
      continue;
    }
    const found = formsByRoute.get(key);
    if (!found) report.formless.push(key);
    const query = found?.action.includes('?') ? `?${found.action.split('?')[1]}` : '';
    const base: FormFields = found
      ? fieldsOf(found.fields.filter(([name]) => name !== '_csrf'))
      : { ...GENERIC_FIELDS };
    const real = fill(route, realValues(fixture, route)) + query;
    const post = (url: string, what: string, fields: FormFields, raw = false) =>
      send(member, 'POST', url, what, `_csrf=${encodeURIComponent(member.csrfToken)}&${encodeForm(fields, raw)}`, form);

    // The fields as the form has them, at each hostile address.
    for (const { url, what } of pathVariants(fixture, route).slice(1)) await post(url + query, what, base);
    // Every field at once given one hostile value.
    const names = Object.keys(base);
    for (const value of HOSTILE_FIELD_VALUES)
      await post(real, `every field=${describe(value)}`, Object.fromEntries(names.map((n) => [n, value])));
    // Invalid UTF-8: percent-escapes that decode to no character, and raw bytes.
    await post(real, 'every field=%FF%FE', Object.fromEntries(names.map((n) => [n, '%FF%FE%C0%AF'])), true);
    await send(
      member,
      'POST',
      real,
      'raw invalid UTF-8 bytes',
      Buffer.concat([
        Buffer.from(`_csrf=${encodeURIComponent(member.csrfToken)}&${encodeForm(base)}`),
        ...names.map((n) =>
          Buffer.concat([Buffer.from(`&${encodeURIComponent(n)}=`), Buffer.from([0xff, 0xfe, 0xc0])]),
        ),
      ]),
      form,
    );
    // The CSRF token itself sent twice; a body that is not a form at all.
    await send(
      member,
      'POST',
      real,
      '_csrf twice',
      `_csrf=${encodeURIComponent(member.csrfToken)}&_csrf=${encodeURIComponent(member.csrfToken)}&${encodeForm(base)}`,
      form,
    );
    await send(
      member,
      'POST',
      real,
      'JSON body with objects for fields',
      JSON.stringify({
        _csrf: member.csrfToken,
        ...Object.fromEntries(names.map((n) => [n, { $gt: '', length: 1e9 }])),
      }),
      'application/json',
    );
    await send(member, 'POST', real, 'malformed JSON', `{"_csrf":"${member.csrfToken}",`, 'application/json');
    // One field at a time, the others as the form has them.
    for (const [i, name] of names.entries()) {
      const value = HOSTILE_FIELD_VALUES[(i + index) % HOSTILE_FIELD_VALUES.length];
      await post(real, `${name}=${describe(value)}`, { ...base, [name]: value });
    }
    // A guest sending the form (with a token from a page, but no session).
    await send(
      guest,
      'POST',
      real,
      'guest',
      `_csrf=${encodeURIComponent(guest.csrfToken)}&${encodeForm({ ...base, ...(names[0] ? { [names[0]]: ['1', '2'] } : {}) })}`,
      form,
    );
  }
  const order = (a: Finding, b: Finding) =>
    a.url.localeCompare(b.url) || a.what.localeCompare(b.what) || a.method.localeCompare(b.method);
  report.serverErrors.sort(order);
  return report;
}

type ApiSend = (url: string, what: string, payload: string | Buffer | undefined, contentType?: string) => Promise<void>;

async function sendApiWrites(route: Route, fixture: Fixture, send: ApiSend): Promise<void> {
  const json = 'application/json';
  const base: Json = route.template.endsWith('/chapters')
    ? { title: 'More', body: 'More text.' }
    : route.method === 'PATCH'
      ? { title: 'Harbour Lights' }
      : newWork();
  const real = fill(route, realValues(fixture, route));
  for (const { url, what } of pathVariants(fixture, route).slice(1)) await send(url, what, JSON.stringify(base), json);
  const keys = [
    ...new Set([
      ...Object.keys(base),
      ...Object.keys(newWork()),
      'summary',
      'notes',
      'visibility',
      'language',
      'complete',
      'expectedChapters',
      'characters',
      'relationships',
      'freeforms',
      'categories',
      'series',
      'draft',
      'position',
      'body',
    ]),
  ];
  // Every hostile value in the title; three of them (a different three for each) in every other field.
  for (const [i, key] of keys.entries())
    for (const [j, value] of HOSTILE_JSON_VALUES.entries())
      if (key === 'title' || (j - i * 3 + 3 * HOSTILE_JSON_VALUES.length) % HOSTILE_JSON_VALUES.length < 3)
        await send(real, `${key}=${describe(value)}`, JSON.stringify({ ...base, [key]: value }), json);
  if ('chapter' in base)
    for (const value of HOSTILE_JSON_VALUES)
      await send(real, `chapter.body=${describe(value)}`, JSON.stringify({ ...base, chapter: { body: value } }), json);
  for (const body of MALFORMED_JSON) await send(real, `malformed JSON ${describe(String(body))}`, body, json);
  await send(real, 'form body to the API', encodeForm(GENERIC_FIELDS), 'application/x-www-form-urlencoded');
  await send(real, 'text/plain body', JSON.stringify(base), 'text/plain');
  await send(real, 'no body', undefined);
}
