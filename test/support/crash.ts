// Support for the crash test (test/crash.test.ts): the real server as a child process that can be
// killed, and a browser stand-in over real HTTP (cookies, the csrf-token meta tag, forms as sent).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from './databases.ts';

/** The story generator's seeded generator, so a failing run can be repeated with the same seed. */
export { seededRandom } from './story-generator.ts';

const QUIRE = new URL('../../bin/quire', import.meta.url).pathname;

/** A word found nowhere else: a fixed prefix and the counter in letters, all of one length (no word is the start of another). */
export function uniqueWord(prefix: string, n: number): string {
  let letters = '';
  for (let i = 0; i < 6; i++) {
    letters = String.fromCharCode(97 + (n % 26)) + letters;
    n = Math.floor(n / 26);
  }
  return `${prefix}${letters}`;
}

/** `bin/quire serve` in one process, started and killed as an operator (or the kernel) would. */
export class ServerProcess {
  private child?: ChildProcessWithoutNullStreams;
  private exited?: Promise<void>;
  /** Everything the processes printed on stderr, for the failure message. */
  stderr = '';
  port = 0;

  constructor(
    private readonly env: Record<string, string>,
    private readonly cwd: string,
  ) {}

  async start(): Promise<void> {
    const child = spawn(QUIRE, ['serve', '--no-demo'], {
      cwd: this.cwd,
      env: {
        ...process.env,
        DATABASE_URL: '',
        SMTP_URL: '',
        BASE_URL: '',
        QUIRE_DEMO: '0',
        WORKERS: '1',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        // The load comes from five addresses, far past the ceiling on all pages per address.
        RATE_LIMIT_PAGES: 'off',
        ...this.env,
      },
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.port = await new Promise<number>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(
        () => reject(new Error(`the server did not start in 60 s: ${out}${this.stderr}`)),
        60_000,
      );
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Quire is serving http:\/\/\S+:(\d+)/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${signal ?? code} before serving: ${out}${this.stderr}`));
      });
    });
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  /** Sends the kill now, without waiting (from inside a response handler). */
  killNow(): void {
    this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }

  /** Server log lines at level error or above (pino's JSON, level ≥ 50). */
  errorLines(): string[] {
    return this.stderr.split('\n').filter((line) => {
      const level = /"level":(\d+)/.exec(line);
      return level !== null && Number(level[1]) >= 50;
    });
  }
}

/** A PostgreSQL database of its own for the server (which takes a DATABASE_URL, not a schema). */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `quire_crash_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    // Databases of crash test runs that died before dropping theirs (the pid is in the name).
    const { rows } = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'quire\\_crash\\_%'",
    );
    for (const { datname } of rows) {
      const pid = Number(/^quire_crash_(\d+)_/.exec(datname)?.[1]);
      if (!Number.isInteger(pid) || pid === process.pid) continue;
      try {
        process.kill(pid, 0);
      } catch {
        await admin.query(`drop database if exists ${datname} with (force)`);
      }
    }
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await again.connect();
      try {
        await again.query(`drop database if exists ${name} with (force)`);
      } finally {
        await again.end();
      }
    },
  };
}

export interface HttpResponse {
  status: number;
  location?: string;
  body: string;
}

export type Fields = Record<string, string | string[]>;

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&');
}

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  const inner = tag.replace(/^<\w+/, '').replace(/\/?>$/, '');
  for (const match of inner.matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g))
    found[match[1].toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  return found;
}

/**
 * The fields a browser would send for the form whose action is `action` (the first such form on
 * the page that `accept` takes), as the page filled it in: hidden and text inputs, ticked boxes and
 * radios, selected options (else the first), textareas. Null when the page has no such form.
 */
export function formFields(
  html: string,
  action: string,
  accept: (fields: Fields) => boolean = () => true,
): Fields | null {
  for (const form of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const open = /^<form\b[^>]*>/.exec(form[0])![0];
    if (attributes(open).action !== action) continue;
    const fields: Fields = {};
    const add = (name: string, value: string) => {
      const had = fields[name];
      fields[name] = had === undefined ? value : [had, value].flat();
    };
    for (const control of form[0].matchAll(
      /<input\b[^>]*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea>|<select\b[^>]*>([\s\S]*?)<\/select>/g,
    )) {
      const tag = /^<\w+\b[^>]*>/.exec(control[0])![0];
      const attrs = attributes(tag);
      if (!attrs.name || 'disabled' in attrs) continue;
      if (tag.startsWith('<textarea')) add(attrs.name, decodeEntities(control[1] ?? '').replace(/^\n/, ''));
      else if (tag.startsWith('<select')) {
        const options = [...(control[2] ?? '').matchAll(/<option\b[^>]*>([^<]*)/g)].map((o) => ({
          attrs: attributes(/^<option\b[^>]*>/.exec(o[0])![0]),
          text: decodeEntities(o[1]),
        }));
        const chosen = options.find((o) => 'selected' in o.attrs) ?? options[0];
        if (chosen) add(attrs.name, chosen.attrs.value ?? chosen.text);
      } else {
        const type = (attrs.type ?? 'text').toLowerCase();
        if (type === 'submit' || type === 'button' || type === 'file' || type === 'reset') continue;
        if ((type === 'checkbox' || type === 'radio') && !('checked' in attrs)) continue;
        add(attrs.name, attrs.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''));
      }
    }
    if (accept(fields)) return fields;
  }
  return null;
}

/**
 * A browser stand-in over real HTTP: keeps cookies, picks the CSRF token out of the pages it
 * reads, and connects from its own loopback address (each member is a different reader to the
 * per-address rate limits, as real readers would be).
 */
export class Browser {
  /** Form posts sent and not yet answered, by every browser: how many writes a kill cuts off. */
  static postsInFlight = 0;
  private cookies = new Map<string, string>();
  csrfToken?: string;
  private agent: http.Agent;
  port = 0;

  constructor(readonly localAddress: string) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  }

  close(): void {
    this.agent.destroy();
  }

  private keep(setCookie: string[] | undefined): void {
    for (const header of setCookie ?? []) {
      const [pair, ...attrs] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const options = Object.fromEntries(
        attrs.map((a) => {
          const i = a.indexOf('=');
          return i < 0 ? [a.trim().toLowerCase(), ''] : [a.slice(0, i).trim().toLowerCase(), a.slice(i + 1).trim()];
        }),
      );
      const expired =
        value === '' ||
        options['max-age'] === '0' ||
        (options.expires !== undefined && Date.parse(options.expires) <= Date.now());
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
      // A new CSRF secret voids the token of pages read before.
      if (name === '_csrf') this.csrfToken = undefined;
    }
  }

  request(method: 'GET' | 'POST', path: string, fields?: Fields): Promise<HttpResponse> {
    let payload: string | undefined;
    if (fields) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one);
      payload = params.toString();
    }
    if (method === 'POST') Browser.postsInFlight++;
    const answered = new Promise<HttpResponse>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          localAddress: this.localAddress,
          agent: this.agent,
          method,
          path,
          headers: {
            cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            accept: 'text/html',
            ...(payload !== undefined
              ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload) }
              : {}),
          },
          timeout: 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            this.keep(response.headers['set-cookie']);
            const body = Buffer.concat(chunks).toString('utf8');
            const token = /<meta name="csrf-token" content="([^"]+)"/.exec(body);
            if (token) this.csrfToken = decodeEntities(token[1]);
            const location = response.headers.location;
            resolve({ status: response.statusCode ?? 0, location, body });
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${method} ${path} timed out`)));
      request.on('error', reject);
      request.end(payload);
    });
    return method === 'POST' ? answered.finally(() => Browser.postsInFlight--) : answered;
  }

  get(path: string): Promise<HttpResponse> {
    return this.request('GET', path);
  }

  /** Posts a form with the token of the pages read (reading the home page first when none was). */
  async post(path: string, fields: Fields): Promise<HttpResponse> {
    if (!this.csrfToken) await this.get('/');
    return this.request('POST', path, { ...fields, _csrf: this.csrfToken ?? '' });
  }
}

/** Whether an error is the connection dying with the server (the request was never acknowledged). */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  return (
    code === 'ECONNRESET' ||
    code === 'ECONNREFUSED' ||
    code === 'EPIPE' ||
    /socket hang up|ECONNRESET|ECONNREFUSED|EPIPE/.test(String((error as Error).message))
  );
}
