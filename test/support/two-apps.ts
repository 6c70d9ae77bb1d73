import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { freshStore, TEST_DATABASE_URL, type TestStore } from './databases.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import type { Dialect } from '../../src/store/database.ts';
import { buildApp } from '../../src/web/app.tsx';
import { loadConfig } from '../../src/config.ts';

/** Two apps on one fresh database, standing for two server processes: each has a store (pool) of its own. */
export interface TwoApps {
  stores: [Store, Store];
  apps: [FastifyInstance, FastifyInstance];
  /** Closes both apps and stores and removes the database. */
  dispose(): Promise<void>;
}

/** One SQLite file opened twice, or one PostgreSQL schema with two pools; `env` as the server's environment. */
export async function twoApps(dialect: Dialect, env: Record<string, string> = {}): Promise<TwoApps> {
  let t: TestStore | undefined;
  let dir: string | undefined;
  let stores: [Store, Store];
  if (dialect === 'sqlite') {
    dir = mkdtempSync(join(tmpdir(), 'quire-two-apps-'));
    stores = [
      await openStore({ sqlitePath: join(dir, 'quire.db') }),
      await openStore({ sqlitePath: join(dir, 'quire.db') }),
    ];
  } else {
    t = await freshStore(dialect);
    stores = [t.store, await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: t.store.handle.pgSchema })];
  }
  const config = loadConfig({ QUIRE_DATA: '/nonexistent', ...env }, { demo: false });
  const apps: [FastifyInstance, FastifyInstance] = [
    await buildApp({ store: stores[0], config }),
    await buildApp({ store: stores[1], config }),
  ];
  return {
    stores,
    apps,
    async dispose() {
      await apps[1].close();
      await apps[0].close();
      if (t) {
        await stores[1].close();
        await t.dispose();
      } else {
        for (const store of stores) await store.close();
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
