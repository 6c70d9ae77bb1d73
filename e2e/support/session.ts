import { after, before } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { Config } from '../../src/config.ts';
import { startServer, type RunningServer } from './server.ts';
import { launchBrowser, newContext } from './browser.ts';

export interface BrowserSession {
  /** The test server's origin; valid once the suite's `before` ran. */
  readonly base: string;
  readonly server: RunningServer;
  readonly browser: Browser;
  /** A page in a new browser profile (no cookies: a guest until it signs up or logs in). */
  freshPage(options?: BrowserContextOptions): Promise<Page>;
}

/**
 * A Quire server and a Chromium for the enclosing describe(): started in its `before`, and
 * closed (every profile opened with freshPage too) in its `after`. Call it inside describe().
 * `context` is merged into every profile's options (e.g. `{ bypassCSP: true }` where axe-core runs).
 */
export function browserSession({
  config = {},
  context = {},
}: { config?: Partial<Config>; context?: BrowserContextOptions } = {}): BrowserSession {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  before(async () => {
    server = await startServer(config);
    browser = await launchBrowser();
  });

  after(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await server?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('browserSession() is used before its before() hook ran');
    return value;
  };

  return {
    get base() {
      return started(server).base;
    },
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
    async freshPage(options: BrowserContextOptions = {}) {
      const profile = await newContext(started(browser), started(server).base, { ...context, ...options });
      contexts.push(profile);
      return profile.newPage();
    },
  };
}
