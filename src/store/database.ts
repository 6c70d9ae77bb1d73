import {
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  type DatabaseIntrospector,
  type SqliteDatabase,
  type TableMetadata,
  type Transaction,
} from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.ts';
import { OwnChanges, ownChangesPlugin, WorkChangeListener } from './change-listener.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The PostgreSQL schema the archive lives in, when one was chosen. */
  pgSchema?: string;
  /** The better-sqlite3 connection, for the few things only SQLite has (online backup). */
  sqlite?: BetterSqlite3.Database;
  /**
   * PostgreSQL: the connection that LISTENs for work change announcements (opened at the first
   * call, closed with the handle), for the works index to skip asking whether anything changed.
   */
  workChangeListener?(): WorkChangeListener;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back from pg as strings; every count Quire keeps fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/**
 * Kysely's migrator asks the introspector whether its tables exist, and the stock PostgreSQL
 * introspector reads every schema in the database: it fails when another archive (or test run)
 * drops its schema at that moment. Quire only ever needs to know about its own schema.
 */
class OwnSchemaPostgresDialect extends PostgresDialect {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Kysely's own signature
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    const base = super.createIntrospector(db);
    const getTables = async (): Promise<TableMetadata[]> => {
      const result = await sql<{
        name: string;
        schema: string;
      }>`select tablename as name, schemaname as schema from pg_catalog.pg_tables where schemaname = current_schema()`.execute(
        db,
      );
      return result.rows.map((row) => ({ name: row.name, schema: row.schema, isView: false, columns: [] }));
    };
    return { getSchemas: () => base.getSchemas(), getTables, getMetadata: async () => ({ tables: await getTables() }) };
  }
}

export interface OpenOptions {
  /** postgres://… to use PostgreSQL; otherwise SQLite at `sqlitePath`. */
  databaseUrl?: string;
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests run each suite in its own schema). */
  pgSchema?: string;
  poolSize?: number;
  /** Milliseconds before the nth attempt to LISTEN again after that connection failed (see WorkChangeListener). */
  listenRetryDelay?: (attempt: number) => number;
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const own = new OwnChanges();
    const db = new Kysely<Database>({
      dialect: new OwnSchemaPostgresDialect({ pool }),
      plugins: [ownChangesPlugin(own)],
    });
    let listener: WorkChangeListener | undefined;
    return {
      db,
      dialect: 'postgres',
      pgSchema: options.pgSchema,
      workChangeListener: () =>
        (listener ??= new WorkChangeListener({
          client: {
            connectionString: options.databaseUrl,
            ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
          },
          own,
          retryDelay: options.listenRetryDelay,
          onError: (error) => console.warn(`Listening for work changes: ${error.message}; reconnecting.`),
        })),
      async close() {
        await listener?.close();
        await db.destroy();
      },
    };
  }
  const path = options.sqlitePath ?? ':memory:';
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // Reads through a memory map (no read call per page) and a larger page cache: a page view reads
  // a dozen rows scattered over a database of gigabytes at a million works.
  sqlite.pragma('mmap_size = 2147418112');
  sqlite.pragma('cache_size = -65536');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * Kysely prepares every query afresh; preparing was a tenth of a page's time. Queries come from a
 * fixed set of builders, so their SQL texts repeat: keep the prepared statements, bounded. A
 * statement still being iterated is busy, so a second use gets a fresh one.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, size = 1000): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(query: string) {
      const cached = statements.get(query);
      if (cached && !cached.busy) return cached;
      const statement = sqlite.prepare(query);
      if (!cached) {
        if (statements.size >= size) statements.delete(statements.keys().next().value as string);
        statements.set(query, statement);
      }
      return statement;
    },
  };
}

/** True when a write failed because a UNIQUE constraint already holds that value. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function now(): string {
  return new Date().toISOString();
}

/** Typed text as a LIKE pattern fragment that matches itself literally, for `like … escape '\'`. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
