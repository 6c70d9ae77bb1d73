import { describe } from 'node:test';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from '../../src/store/index.ts';
import type { Dialect } from '../../src/store/database.ts';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_DATABASE_URL} (${(error as Error).message}). Start it with ` +
        '`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`, or set TEST_DATABASE_URL.',
      { cause: error },
    );
  }
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestStore {
  store: Store;
  /** Closes the store and removes everything the test wrote. */
  dispose(): Promise<void>;
}

let sweptLeftovers = false;

/** Drops the schemas of test processes that died before cleaning up (their pid is in the name). */
async function sweepLeftoverSchemas(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ nspname: string }>(
    "select nspname from pg_namespace where nspname like 'quire\\_test\\_%'",
  );
  for (const { nspname } of rows) {
    const pid = Number(/^quire_test_(\d+)_/.exec(nspname)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      process.kill(pid, 0);
    } catch {
      await client.query(`DROP SCHEMA IF EXISTS ${nspname} CASCADE`);
    }
  }
}

/** A fresh, migrated, empty archive database: in-memory SQLite, or a new PostgreSQL schema. */
export async function freshStore(dialect: Dialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = await openStore({ sqlitePath: ':memory:' });
    return { store, dispose: () => store.close() };
  }
  const schema = `quire_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(async (client) => {
    if (!sweptLeftovers) {
      sweptLeftovers = true;
      await sweepLeftoverSchemas(client);
    }
    await client.query(`CREATE SCHEMA ${schema}`);
  });
  const store = await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, poolSize: 20 });
  return {
    store,
    async dispose() {
      await store.close();
      await withAdminClient((client) => client.query(`DROP SCHEMA ${schema} CASCADE`));
    },
  };
}

/** Runs the same suite once on SQLite and once on PostgreSQL. */
export function describeEachDatabase(name: string, suite: (dialect: Dialect) => void): void {
  for (const dialect of DIALECTS) describe(`${name} [${dialect}]`, () => suite(dialect));
}

/**
 * Runs the same suite on SQLite (in-memory index) and on PostgreSQL with each way of searching:
 * the in-memory index and PostgreSQL itself (SEARCH_ENGINE=postgres).
 */
export function describeEachSearch(
  name: string,
  suite: (dialect: Dialect, engine: 'memory' | 'postgres') => void,
): void {
  for (const [dialect, engine] of [
    ['sqlite', 'memory'],
    ['postgres', 'memory'],
    ['postgres', 'postgres'],
  ] as const)
    describe(`${name} [${dialect}, search by ${engine}]`, () => suite(dialect, engine));
}
