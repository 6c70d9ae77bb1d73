import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/web/app.tsx';
import { loadConfig, type Config } from '../../src/config.ts';
import { freshStore, type TestStore } from './databases.ts';
import type { Dialect } from '../../src/store/database.ts';

/** A form's fields; a list for a field sent more than once (checkbox groups). */
export type FormFields = Record<string, string | string[]>;

export function formBody(form: FormFields): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) params.append(name, one);
  return params.toString();
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  location?: string;
}

/**
 * A browser stand-in over `app.inject`: keeps cookies, and sends the CSRF token that the
 * pages it fetched carried, as a browser submitting a form from that page would.
 */
export class Agent {
  private cookies = new Map<string, string>();
  csrfToken?: string;
  remoteAddress = '127.0.0.1';
  /** The User-Agent header this browser sends, when a test sets one. */
  userAgent?: string;

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(response: { cookies: { name: string; value: string; expires?: Date; maxAge?: number }[] }) {
    for (const cookie of response.cookies) {
      const expired =
        (cookie.expires && cookie.expires.getTime() <= Date.now()) || cookie.maxAge === 0 || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
      // A new or dropped CSRF secret (log-in, log-out) voids the token of pages seen before, as in a browser.
      if (cookie.name === '_csrf') this.csrfToken = undefined;
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  dropCookie(name: string): void {
    this.cookies.delete(name);
  }

  async request(method: 'GET' | 'POST', url: string, form?: FormFields): Promise<Response> {
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: {
        cookie: this.cookieHeader(),
        ...(this.userAgent ? { 'user-agent': this.userAgent } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { payload: formBody(form) } : {}),
    });
    this.keep(response as unknown as { cookies: { name: string; value: string; expires?: Date; maxAge?: number }[] });
    const token = /name="csrf-token" content="([^"]+)"/.exec(response.body);
    if (token) this.csrfToken = token[1];
    const location = response.headers.location;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      location: typeof location === 'string' ? location : undefined,
    };
  }

  /** Sends a multipart/form-data form with files, as a browser sends a form with a file input. */
  async upload(
    url: string,
    fields: FormFields,
    files: { field: string; name: string; bytes: Uint8Array }[],
  ): Promise<Response> {
    if (!this.csrfToken) await this.get('/');
    const form = new FormData();
    form.append('_csrf', this.csrfToken ?? '');
    for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) form.append(name, one);
    for (const file of files) form.append(file.field, new Blob([file.bytes as Uint8Array<ArrayBuffer>]), file.name);
    const encoded = new globalThis.Response(form);
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.cookieHeader(), 'content-type': encoded.headers.get('content-type')! },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    this.keep(response as unknown as { cookies: { name: string; value: string; expires?: Date; maxAge?: number }[] });
    const location = response.headers.location;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body,
      location: typeof location === 'string' ? location : undefined,
    };
  }

  get(url: string): Promise<Response> {
    return this.request('GET', url);
  }

  /** Submits a form as a browser would from a page of this site (fetching one first for the token). */
  async submit(url: string, fields: FormFields): Promise<Response> {
    if (!this.csrfToken) await this.get('/');
    return this.request('POST', url, { _csrf: this.csrfToken ?? '', ...fields });
  }

  /** The pen name the posting form ticks by default for this (logged-in) agent. */
  async defaultPseudId(): Promise<string> {
    const form = await this.get('/works/new');
    const match = /name="creatorPseudIds" value="(\d+)" checked/.exec(form.body);
    if (!match) throw new Error('the posting form has no default pen name ticked');
    return match[1];
  }

  /** Posts a work through the form: a minimal valid one, with whatever the test changes. Returns its address. */
  async postWork(fields: Record<string, string> = {}): Promise<string> {
    const response = await this.submit('/works', {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Untitled',
      creatorPseudIds: await this.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
      body: 'Some text.',
      ...fields,
    });
    if (response.status !== 303)
      throw new Error(`posting failed with ${response.status}: ${visibleText(response.body).slice(0, 300)}`);
    return response.location!;
  }

  async signUp(login: string, password = 'correct horse battery', email = `${login}@example.org`): Promise<Response> {
    const response = await this.submit('/signup', {
      login,
      email,
      password,
      passwordConfirmation: password,
      acceptTerms: '1',
    });
    if (response.status !== 303) throw new Error(`sign-up of ${login} failed with ${response.status}`);
    return response;
  }
}

export interface TestApp extends TestStore {
  app: FastifyInstance;
  agent(): Agent;
}

export async function testApp(dialect: Dialect, overrides: Partial<Config> = {}): Promise<TestApp> {
  const testStore = await freshStore(dialect);
  // No ceiling on all pages per address (tests load many from one address); a test sets one to check it.
  const config = loadConfig({ QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off' }, { demo: false, ...overrides });
  const app = await buildApp({ store: testStore.store, config });
  return {
    ...testStore,
    app,
    agent: () => new Agent(app),
    async dispose() {
      await app.close();
      await testStore.dispose();
    },
  };
}

/** The text of the page with tags removed and whitespace folded, for asserting what a reader sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
