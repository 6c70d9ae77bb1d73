import {
  AliasNode,
  DeleteQueryNode,
  InsertQueryNode,
  Kysely,
  MergeQueryNode,
  PostgresDialect,
  PostgresDriver,
  RawNode,
  SelectQueryNode,
  sql,
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  TableNode,
  UpdateQueryNode,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Driver,
  type KyselyPlugin,
  type OperationNode,
  type QueryResult,
  type SqliteDatabase,
  type TableMetadata,
  type Transaction,
  type TransactionSettings,
} from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.ts';
import { OwnChanges, ownChangesPlugin, WorkChangeListener } from './change-listener.ts';
import { PreparedStatements } from './prepared-statements.ts';
import {
  currentReadRouting,
  DEFAULT_REPLICA_STATEMENT_TIMEOUT_MS,
  parseLsn,
  type ReadRouting,
} from '../read-routing.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;

export interface DatabaseHandle {
  db: Db;
  /**
   * The same database with every statement on the primary, even in a request that may read from a
   * replica: for this process's works index, which must follow the primary (it decides what a
   * member who just posted sees listed). The same as `db` without replicas.
   */
  primaryDb: Db;
  /** PostgreSQL with read replicas (DATABASE_REPLICA_URLS): where reads go, see ReplicaRouter. */
  replicas?: ReplicaRouter;
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

/** How long a replica's replay position is trusted before it is asked again. */
const REPLAY_CHECK_MS = 100;
/** How long a replica that could not be reached, or took too long, is passed over before it is tried again. */
const REPLICA_RETRY_MS = 5_000;
/** How often the primary's WAL position is noted, to tell how far behind each replica is. */
const PRIMARY_SAMPLE_MS = 1_000;
/** How long the primary's noted positions are kept at least, to tell a replica's lag in seconds. */
const LAG_HISTORY_MS = 60_000;
/** The most a replica may lag (DATABASE_REPLICA_MAX_LAG_SECONDS) unless told. */
export const DEFAULT_REPLICA_MAX_LAG_MS = 30_000;
/** How much longer than that a replica that does not answer at all (stopped, cut off) is waited for. */
const SILENT_REPLICA_GRACE_MS = 1_000;

/** Errors that say the server could not be reached or went away (not that the statement was wrong). */
function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (/^(ECONN|ETIMEDOUT|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EPIPE)/.test(code)) return true;
    // 08: connection exceptions; 57P01–57P03: the server is shutting down or cannot take connections.
    if (/^08|^57P0[1-3]$/.test(code)) return true;
  }
  return typeof message === 'string' && /Connection terminated|connection timeout/i.test(message);
}

/** A replica statement that got no answer at all within its time (the server's own timeout did not fire). */
class ReplicaTimeoutError extends Error {
  readonly code = 'QUIRE_REPLICA_TIMEOUT';
}

/**
 * What a failed replica statement says about the replica: `down` (it cannot be reached), `slow`
 * (the statement ran past DATABASE_REPLICA_STATEMENT_TIMEOUT_MS), `busy` (every connection of its
 * pool stayed in use while the statement waited for one: pg-pool's "timeout exceeded when trying
 * to connect", unlike a connection attempt that timed out, "Connection terminated due to
 * connection timeout"), or `error` (anything else: a read cancelled by replay, a wrong statement).
 */
export type ReplicaFallback = 'down' | 'slow' | 'busy' | 'error';

function fallbackFor(error: unknown): ReplicaFallback {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof message === 'string' && /^timeout exceeded when trying to connect/i.test(message)) return 'busy';
  // 57014: cancelled by statement_timeout (a replica's connections are opened with one).
  if (code === '57014' || error instanceof ReplicaTimeoutError) return 'slow';
  return isConnectionError(error) ? 'down' : 'error';
}

/** A replica's address for the log, /health and /metrics: host and port only, never the user or password. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}`;
  } catch {
    return 'a replica';
  }
}

/** What /health and /metrics tell about one replica (src/app/operations.ts). */
export interface ReplicaStatus {
  /** host:port */
  name: string;
  /** It answered when last asked (false: it could not be reached, and is tried again every 5 s). */
  reachable: boolean;
  /** Reads may go to it now: it answers, was not too slow in the last 5 s, and lags less than the cap. */
  inRotation: boolean;
  /** `serving`, or why it is out of rotation: `down`, `slow`, or `lagging` (past DATABASE_REPLICA_MAX_LAG_SECONDS). */
  state: 'serving' | 'down' | 'slow' | 'lagging';
  /** WAL bytes the primary had written at its last noted position that the replica had not replayed (null: not known). */
  lagBytes: number | null;
  /** How long ago the primary had what the replica has replayed, to the second the positions are noted at (null: not known). */
  lagSeconds: number | null;
  /** Statements this process read from it. */
  statements: number;
  /** Statements this process meant to read from it that the primary answered instead, by why. */
  fallbacks: Record<ReplicaFallback, number>;
}

class Replica {
  /** The WAL position it had replayed when last asked (-1: not asked yet). */
  replayLsn = -1n;
  checkedAt = 0;
  /** While down: when it is next checked in the background. */
  downUntil = 0;
  /** It failed to connect and has not answered since: statements go to the primary. */
  down = false;
  /** A statement ran past the timeout there: passed over until this time. */
  slowUntil = 0;
  statements = 0;
  readonly fallbacks: Record<ReplicaFallback, number> = { down: 0, slow: 0, busy: 0, error: 0 };
  private checking: Promise<void> | null = null;

  constructor(
    readonly pool: pg.Pool,
    readonly name: string,
    private readonly router: ReplicaRouter,
  ) {}

  /**
   * Runs one statement on a client of this replica's pool. The server cancels it after the
   * statement timeout it was connected with; a server that does not answer at all is given up on
   * a little later, and the client must then be given back with an error (it is closed).
   */
  query<R extends pg.QueryResultRow>(client: pg.PoolClient, text: string, values: readonly unknown[]) {
    const ms = this.router.statementTimeoutMs;
    const running = client.query<R>(text, [...values]);
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new ReplicaTimeoutError(`no answer within ${ms + SILENT_REPLICA_GRACE_MS} ms`)),
        ms + SILENT_REPLICA_GRACE_MS,
      );
    });
    running.catch(() => {});
    return Promise.race([running, silent]).finally(() => clearTimeout(timer));
  }

  /** Asks how far it has replayed (one query shared by everyone asking meanwhile). */
  check(): Promise<void> {
    this.checking ??= (async () => {
      let client: pg.PoolClient | undefined;
      try {
        client = await this.pool.connect();
        const { rows } = await this.query<{ lsn: string | null }>(
          client,
          // A server that is not in recovery (a replica URL naming a primary) is as current as it gets.
          'select (case when pg_is_in_recovery() then pg_last_wal_replay_lsn() else pg_current_wal_lsn() end)::text as lsn',
          [],
        );
        client.release();
        const lsn = parseLsn(rows[0]?.lsn);
        if (lsn !== undefined && lsn > this.replayLsn) this.replayLsn = lsn;
        this.checkedAt = Date.now();
        this.router.answered(this);
      } catch (error) {
        client?.release(error as Error);
        this.router.failed(this, error);
      }
    })().finally(() => (this.checking = null));
    return this.checking;
  }
}

/**
 * Sends plain reads of web requests that allow it to streaming read replicas, everything else to the
 * primary. A request pins one replica (chosen round-robin among those that answer); a reader with a
 * WAL position to see (their own last write, from a cookie) gets a replica only once it has replayed
 * that far, else the primary. A statement that fails there runs again on the primary: a replica that
 * cannot be reached is passed over for a few seconds, and so is one where a statement ran past the
 * statement timeout (slow); one whose connections were all busy is not (only that statement moves).
 * The log says once when a replica goes out and when it comes back.
 */
export class ReplicaRouter {
  readonly replicas: Replica[];
  private next = 0;
  /** The primary's WAL position after the latest change the works index applied, and whether it is being read. */
  private changeLsn = 0n;
  private changeSeq = 0;
  private changePending = false;
  /** The primary's WAL position, noted every second: a replica must have replayed what it was `maxLagMs` ago. */
  private samples: { at: number; lsn: bigint }[] = [];
  private sampler: NodeJS.Timeout | undefined;

  constructor(
    private readonly primary: pg.Pool,
    pools: pg.Pool[],
    private readonly warn: (message: string) => void = (message) => console.warn(message),
    private readonly maxLagMs = DEFAULT_REPLICA_MAX_LAG_MS,
    readonly statementTimeoutMs = DEFAULT_REPLICA_STATEMENT_TIMEOUT_MS,
  ) {
    this.sampler = setInterval(() => void this.samplePrimary(), PRIMARY_SAMPLE_MS);
    this.sampler.unref();
    void this.samplePrimary();
    this.replicas = pools.map((pool) => {
      const replica = new Replica(pool, describeUrl(String(pool.options.connectionString)), this);
      // An idle connection that breaks (the replica restarts) must not take the process down.
      pool.on('error', (error) => this.failed(replica, error));
      return replica;
    });
  }

  private async samplePrimary(): Promise<void> {
    try {
      const lsn = parseLsn(await this.primaryLsn());
      if (lsn === undefined) return;
      const now = Date.now();
      this.samples.push({ at: now, lsn });
      // Keep the newest sample old enough to bound the lag (and tell it in seconds), and everything after it.
      const keep = Math.max(this.maxLagMs, LAG_HISTORY_MS);
      while (this.samples.length > 1 && this.samples[1].at <= now - keep) this.samples.shift();
    } catch {
      // The primary not answering shows on every page; the bound stays at the last position known.
    }
  }

  /**
   * The position a replica must have replayed to serve anyone: the primary's `maxLagMs` ago (or
   * when this process started, before that long has passed). A replica further behind — replay
   * paused, cut off from the primary — is passed over for the primary, so it never shows what
   * was hidden, deleted or changed long ago.
   */
  private lagFloor(now: number): bigint {
    let floor = this.samples[0]?.lsn ?? 0n;
    for (const sample of this.samples) if (sample.at <= now - this.maxLagMs) floor = sample.lsn;
    return floor;
  }

  /** The replica for this request's next plain read, or undefined for the primary. */
  async choose(routing: ReadRouting): Promise<Replica | undefined> {
    const now = Date.now();
    const floor = this.lagFloor(now);
    const need = routing.minLsn !== undefined && routing.minLsn > floor ? routing.minLsn : floor;
    if (routing.replicaIndex !== undefined) {
      const pinned = this.replicas[routing.replicaIndex];
      return pinned && !pinned.down && pinned.slowUntil <= now ? pinned : undefined;
    }
    const count = this.replicas.length;
    for (let i = 0; i < count; i++) {
      const index = (this.next + i) % count;
      const replica = this.replicas[index];
      if (replica.down) {
        // Only a check in the background tries it again: no reader waits on a replica that failed.
        this.retryIfDue(replica, now);
        continue;
      }
      if (replica.slowUntil > now) continue;
      const stale = now - replica.checkedAt >= REPLAY_CHECK_MS;
      if (replica.replayLsn < need) {
        if (!stale) continue;
        await replica.check();
        if (replica.down || replica.replayLsn < need) continue;
      } else if (stale) {
        void replica.check();
      }
      this.next = index + 1;
      routing.replicaIndex = index;
      routing.replicaLsn = replica.replayLsn;
      return replica;
    }
    routing.replicaIndex = -1;
    return undefined;
  }

  private retryIfDue(replica: Replica, now: number): void {
    if (replica.downUntil > now) return;
    replica.downUntil = now + REPLICA_RETRY_MS;
    void replica.check();
  }

  /** A statement on `replica` answered. */
  served(replica: Replica): void {
    replica.statements++;
  }

  /**
   * A statement or check on `replica` failed (its statement, if any, runs again on the primary):
   * unreachable keeps it out until a check in the background answers; too slow keeps it out for a
   * few seconds; all its connections busy, or a statement that failed there, changes nothing.
   */
  failed(replica: Replica, error: unknown, statement = false): void {
    const kind = fallbackFor(error);
    if (statement) replica.fallbacks[kind]++;
    if (kind === 'slow') {
      const first = replica.slowUntil <= Date.now();
      replica.slowUntil = Date.now() + REPLICA_RETRY_MS;
      if (first)
        this.warn(
          `Read replica ${replica.name} is slow (${(error as Error).message}; DATABASE_REPLICA_STATEMENT_TIMEOUT_MS is ${this.statementTimeoutMs}); reading from the primary for ${REPLICA_RETRY_MS / 1000} s.`,
        );
      return;
    }
    if (kind !== 'down') return;
    replica.downUntil = Date.now() + REPLICA_RETRY_MS;
    if (replica.down) return;
    replica.down = true;
    this.warn(
      `Read replica ${replica.name} cannot be reached (${(error as Error).message}); reading from the primary until it answers.`,
    );
  }

  answered(replica: Replica): void {
    if (!replica.down) return;
    replica.down = false;
    replica.downUntil = 0;
    this.warn(`Read replica ${replica.name} answers again.`);
  }

  /**
   * Each replica as /health and /metrics show it, asked afresh how far it has replayed (for at most
   * a second: a replica that does not answer shows what was last known).
   */
  async status(): Promise<ReplicaStatus[]> {
    const now = Date.now();
    const asking = this.replicas.map((replica) => {
      if (replica.down) this.retryIfDue(replica, now);
      return replica.down || now - replica.checkedAt < REPLAY_CHECK_MS ? undefined : replica.check();
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(asking), new Promise((resolve) => (timer = setTimeout(resolve, 1_000)))]).finally(
      () => clearTimeout(timer),
    );
    const at = Date.now();
    const floor = this.lagFloor(at);
    const latest = this.samples.at(-1);
    return this.replicas.map((replica) => {
      const known = !replica.down && replica.replayLsn >= 0n;
      const state = replica.down
        ? 'down'
        : replica.slowUntil > at
          ? 'slow'
          : known && replica.replayLsn < floor
            ? 'lagging'
            : 'serving';
      let lagSeconds: number | null = null;
      if (known && latest) {
        // The first noted position the replica has not replayed: the primary had it that long ago.
        const ahead = this.samples.find((sample) => sample.lsn > replica.replayLsn);
        lagSeconds = ahead ? Math.round((at - ahead.at) / 100) / 10 : 0;
      }
      return {
        name: replica.name,
        reachable: !replica.down,
        inRotation: state === 'serving',
        state,
        lagBytes: known && latest ? Number(latest.lsn > replica.replayLsn ? latest.lsn - replica.replayLsn : 0n) : null,
        lagSeconds,
        statements: replica.statements,
        fallbacks: { ...replica.fallbacks },
      };
    });
  }

  /** The primary's current WAL position ("0/3000000"): what a reader who just wrote must see. */
  async primaryLsn(): Promise<string> {
    const { rows } = await this.primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
    return rows[0].lsn;
  }

  /**
   * Told when the works index applied changes (read from the primary): a page read from a replica
   * is only as current as the index once that replica has replayed past the primary's position now.
   */
  noteChange(): void {
    const seq = ++this.changeSeq;
    this.changePending = true;
    this.primaryLsn().then(
      (text) => {
        const lsn = parseLsn(text) ?? 0n;
        if (lsn > this.changeLsn) this.changeLsn = lsn;
        if (seq === this.changeSeq) this.changePending = false;
      },
      () => {},
    );
  }

  /**
   * Whether what this request read is known to hold every change the works index has applied: it read
   * only from the primary, or from a replica that had replayed past them. A page read from a replica
   * behind that is still right for the moment but is not kept for others (src/web/guest-pages.ts).
   */
  readsCurrent(routing: ReadRouting): boolean {
    if (routing.replicaIndex === undefined || routing.replicaIndex < 0) return true;
    return !this.changePending && (routing.replicaLsn ?? -1n) >= this.changeLsn;
  }

  async destroy(): Promise<void> {
    clearInterval(this.sampler);
    await Promise.all(this.replicas.map((replica) => replica.pool.end()));
  }
}

/** Queries run through `handle.primaryDb`, which never go to a replica. */
const primaryOnlyQueries = new WeakSet<object>();
const primaryOnlyPlugin: KyselyPlugin = {
  transformQuery({ node, queryId }) {
    primaryOnlyQueries.add(queryId);
    return node;
  },
  transformResult: async ({ result }) => result,
};

/** Raw statements run through `replicaReads(db)`: read-only, so they may go to a replica like a plain SELECT. */
const replicaReadQueries = new WeakSet<object>();
const replicaReadPlugin: KyselyPlugin = {
  transformQuery({ node, queryId }) {
    replicaReadQueries.add(queryId);
    return node;
  },
  transformResult: async ({ result }) => result,
};

/**
 * The same database, for raw SQL the routing cannot look into that only reads (a search statement,
 * and the `set`/`reset` of a setting around it in a `db.connection()` block): in a request that may
 * read from a replica, it goes to one under the same rules as a plain SELECT (the reader's own last
 * write, the lag cap, the statement timeout), unless the request wrote anything before it.
 */
export function replicaReads(db: Db): Db {
  return db.withPlugin(replicaReadPlugin);
}

/** A SELECT that neither locks rows nor holds a writing WITH. Raw SQL is not looked into: it goes to the primary. */
function isPlainSelect(node: OperationNode): boolean {
  if (!SelectQueryNode.is(node)) return false;
  if (node.endModifiers?.length) return false;
  return !node.with?.expressions.some((cte) => !SelectQueryNode.is(cte.expression));
}

function tableName(node: OperationNode | undefined): string | undefined {
  if (node && AliasNode.is(node)) return tableName(node.node);
  return node && TableNode.is(node) ? node.table.identifier.name : undefined;
}

/** The tables a writing statement changes; `*` when they cannot be told. */
function writtenTables(node: OperationNode): string[] {
  const named = (names: (string | undefined)[]) => (names.every((n) => n !== undefined) ? names : ['*']) as string[];
  if (InsertQueryNode.is(node)) return named([tableName(node.into)]);
  if (UpdateQueryNode.is(node)) return named([tableName(node.table)]);
  if (DeleteQueryNode.is(node)) return named(node.from.froms.map(tableName));
  if (MergeQueryNode.is(node)) return named([tableName(node.into)]);
  if (RawNode.is(node)) return [];
  return ['*'];
}

/** Whether a statement reads a table this request wrote (identifiers are quoted in Kysely's SQL). */
function readsWritten(routing: ReadRouting, text: string): boolean {
  if (routing.wrote.size === 0) return false;
  if (routing.wrote.has('*')) return true;
  for (const table of routing.wrote) if (text.includes(`"${table}"`)) return true;
  return false;
}

/**
 * One connection as Kysely sees it: the primary's, taken when a statement needs it and kept from
 * then on (a transaction, a pinned connection), or for each plain read a replica's, taken and given
 * back around that one statement.
 */
type PgConnection = Parameters<PostgresDriver['releaseConnection']>[0];

class RoutingConnection implements DatabaseConnection {
  private primaryConnection: PgConnection | null = null;
  /** A replica's client, taken for the first read sent there and kept until release (one statement, or a `db.connection()` block). */
  private replicaClient: { replica: Replica; client: pg.PoolClient; setting?: boolean } | null = null;

  constructor(
    private readonly primary: PostgresDriver,
    private readonly router: ReplicaRouter,
  ) {}

  async onPrimary(): Promise<PgConnection> {
    this.primaryConnection ??= (await this.primary.acquireConnection()) as PgConnection;
    return this.primaryConnection;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const routing = currentReadRouting();
    if (routing) {
      const rawRead = replicaReadQueries.has(compiled.queryId);
      const read = rawRead || isPlainSelect(compiled.query);
      if (
        read &&
        routing.replica &&
        !this.primaryConnection &&
        !primaryOnlyQueries.has(compiled.queryId) &&
        // Raw SQL names its tables unquoted: after any write of the request, it reads on the primary.
        !(rawRead ? routing.wrote.size > 0 : readsWritten(routing, compiled.sql))
      ) {
        const answer = await this.onReplica<R>(routing, compiled);
        if (answer) return answer;
      }
      if (!read) {
        const raw = RawNode.is(compiled.query) && !/^\s*select\b/i.test(compiled.sql);
        for (const table of raw ? ['*'] : writtenTables(compiled.query)) routing.wrote.add(table);
      }
    }
    return (await this.onPrimary()).executeQuery<R>(compiled);
  }

  /**
   * Runs a read on this request's replica; undefined when there is none to read from or it failed
   * there (unreachable, too slow, all its connections busy, cancelled by replay): the primary answers.
   */
  private async onReplica<R>(routing: ReadRouting, compiled: CompiledQuery): Promise<QueryResult<R> | undefined> {
    let held = this.replicaClient;
    if (!held) {
      const replica = await this.router.choose(routing);
      if (!replica) return undefined;
      try {
        held = this.replicaClient = { replica, client: await replica.pool.connect() };
      } catch (error) {
        this.router.failed(replica, error, true);
        return undefined;
      }
    }
    const { replica, client } = held;
    try {
      const { rows } = await replica.query(client, compiled.sql, compiled.parameters);
      this.router.served(replica);
      // A `set` whose `reset` does not come back here (the block wrote meanwhile) must not stay with the pool's connection.
      if (/^\s*(re)?set\b/i.test(compiled.sql)) held.setting = /^\s*set\b/i.test(compiled.sql);
      return { rows: (rows ?? []) as R[] };
    } catch (error) {
      // Closed rather than given back: it may hold a setting of this block, or a statement still running.
      this.replicaClient = null;
      client.release(error as Error);
      this.router.failed(replica, error, true);
      return undefined;
    }
  }

  async *streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    yield* (await this.onPrimary()).streamQuery<R>(compiled, chunkSize ?? 100);
  }

  async release(): Promise<void> {
    const connection = this.primaryConnection;
    this.primaryConnection = null;
    const held = this.replicaClient;
    this.replicaClient = null;
    held?.client.release(held.setting === true);
    if (connection) await this.primary.releaseConnection(connection);
  }
}

/** Kysely's PostgreSQL driver for the primary, and reads routed to replicas (see ReplicaRouter). */
class RoutingDriver implements Driver {
  constructor(
    private readonly primary: PostgresDriver,
    private readonly router: ReplicaRouter,
  ) {}

  async init(): Promise<void> {
    await this.primary.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new RoutingConnection(this.primary, this.router);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.primary.beginTransaction(await (connection as RoutingConnection).onPrimary(), settings);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.primary.commitTransaction(await (connection as RoutingConnection).onPrimary());
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.primary.rollbackTransaction(await (connection as RoutingConnection).onPrimary());
  }

  async savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    await this.primary.savepoint(await (connection as RoutingConnection).onPrimary(), name, compile);
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    await this.primary.rollbackToSavepoint(await (connection as RoutingConnection).onPrimary(), name, compile);
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: Parameters<NonNullable<Driver['savepoint']>>[2],
  ): Promise<void> {
    await this.primary.releaseSavepoint(await (connection as RoutingConnection).onPrimary(), name, compile);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    await (connection as RoutingConnection).release();
  }

  async destroy(): Promise<void> {
    await this.router.destroy();
    await this.primary.destroy();
  }
}

class RoutingPostgresDialect extends OwnSchemaPostgresDialect {
  constructor(
    private readonly primaryConfig: { pool: pg.Pool },
    private readonly router: ReplicaRouter,
  ) {
    super(primaryConfig);
  }

  override createDriver(): Driver {
    return new RoutingDriver(new PostgresDriver(this.primaryConfig), this.router);
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
  /** postgres://… of streaming read replicas of `databaseUrl` (see ReplicaRouter). */
  replicaUrls?: string[];
  /** The most a replica may lag behind the primary and still be read from (milliseconds). */
  replicaMaxLagMs?: number;
  /** The longest one statement may run on a replica before the primary answers it instead (milliseconds). */
  replicaStatementTimeoutMs?: number;
  /** Connections per replica (default: `poolSize`). */
  replicaPoolSize?: number;
  /** Send repeated statements as prepared statements (default); false for a transaction-pooling proxy. */
  preparedStatements?: boolean;
}

export function openDatabase(options: OpenOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const searchPath = options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {};
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10, ...searchPath });
    // Repeated statements are prepared once per connection (see PreparedStatements).
    const prepared = new PreparedStatements(options.preparedStatements ?? true);
    prepared.attach(pool);
    const own = new OwnChanges();
    const replicas =
      options.replicaUrls && options.replicaUrls.length > 0
        ? new ReplicaRouter(
            pool,
            options.replicaUrls.map((url) =>
              prepared.attach(
                new pg.Pool({
                  connectionString: url,
                  max: options.replicaPoolSize ?? options.poolSize ?? 10,
                  // A replica that does not answer is passed over quickly for the primary.
                  connectionTimeoutMillis: 2_000,
                  // The server cancels a read that takes longer (a lock held by replay, a query gone bad).
                  statement_timeout: options.replicaStatementTimeoutMs ?? DEFAULT_REPLICA_STATEMENT_TIMEOUT_MS,
                  ...searchPath,
                }),
              ),
            ),
            undefined,
            options.replicaMaxLagMs,
            options.replicaStatementTimeoutMs,
          )
        : undefined;
    const db = new Kysely<Database>({
      dialect: replicas ? new RoutingPostgresDialect({ pool }, replicas) : new OwnSchemaPostgresDialect({ pool }),
      plugins: [ownChangesPlugin(own)],
    });
    let listener: WorkChangeListener | undefined;
    return {
      db,
      primaryDb: replicas ? db.withPlugin(primaryOnlyPlugin) : db,
      replicas,
      dialect: 'postgres',
      pgSchema: options.pgSchema,
      workChangeListener: () =>
        (listener ??= new WorkChangeListener({
          client: { connectionString: options.databaseUrl, ...searchPath },
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
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, primaryDb: db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
}

/**
 * Transactions take SQLite's write lock when they begin (`begin immediate`), not at their first
 * write. Most of them read before they write; begun deferred, one whose snapshot another server
 * process wrote past meanwhile cannot be upgraded to a writer and fails at once with "database is
 * locked", without the busy timeout's wait. Begun immediate, it waits its turn instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly options: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(options);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.options);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
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
