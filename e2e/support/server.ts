import type { AddressInfo } from 'node:net';
import { openStore, type Store } from '../../src/store/index.ts';
import { buildApp } from '../../src/web/app.tsx';
import { loadConfig, type Config } from '../../src/config.ts';

export interface RunningServer {
  /** Origin of the server, e.g. `http://127.0.0.1:41234`, without a trailing slash. */
  base: string;
  /** The archive's store, for what a test sets up outside the browser (e.g. granting a role). */
  store: Store;
  close(): Promise<void>;
}

/** A real Quire server on a free local port, over a fresh in-memory SQLite archive. */
export async function startServer(overrides: Partial<Config> = {}): Promise<RunningServer> {
  const store = await openStore({ sqlitePath: ':memory:' });
  // No ceiling on all pages per address (tests load many from one address); a test sets one to check it.
  const config = loadConfig({ QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off' }, { demo: false, ...overrides });
  const app = await buildApp({ store, config });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    store,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
