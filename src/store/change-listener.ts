import {
  ColumnNode,
  InsertQueryNode,
  ReturningNode,
  SelectionNode,
  TableNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';

/** The channel migration 0039's trigger announces new work_changes entries on (payload `schema:id`). */
export const WORK_CHANGES_CHANNEL = 'quire_work_changes';
/** How long an entry this process wrote is waited for (its transaction may have rolled back). */
const OWN_WAIT_MS = 120_000;

/** The newest work_changes entry this process's own connections added (committed or not yet). */
export class OwnChanges {
  newest = 0;
  at = 0;

  note(id: number): void {
    if (id > this.newest) {
      this.newest = id;
      this.at = Date.now();
    }
  }

  /** The newest own entry, 0 once it has been waited for long enough. */
  current(): number {
    if (this.newest > 0 && Date.now() - this.at > OWN_WAIT_MS) this.newest = 0;
    return this.newest;
  }
}

/**
 * A Kysely plugin (PostgreSQL) that has every insert into work_changes return its ids and notes
 * them, so this process's index learns of its own writes at once rather than when their
 * notification comes back.
 */
export function ownChangesPlugin(own: OwnChanges): KyselyPlugin {
  const inserts = new WeakSet<object>();
  return {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      if (!InsertQueryNode.is(node) || node.returning || !node.into || !TableNode.is(node.into)) return node;
      if (node.into.table.identifier.name !== 'work_changes') return node;
      inserts.add(queryId);
      return InsertQueryNode.cloneWith(node, {
        returning: ReturningNode.create([SelectionNode.create(ColumnNode.create('id'))]),
      });
    },
    async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      if (inserts.has(queryId)) for (const row of result.rows) own.note(Number(row.id));
      return result;
    },
  };
}

export interface ListenerOptions {
  /** pg client settings: the pool's connection string and search_path. */
  client: pg.ClientConfig;
  own: OwnChanges;
  /** Milliseconds before the nth reconnect attempt (n from 1); doubling from 250 ms up to 10 s by default. */
  retryDelay?: (attempt: number) => number;
  /** Told of connection failures (the server logs them); silent by default. */
  onError?: (error: Error) => void;
}

/**
 * One dedicated PostgreSQL connection that LISTENs for new work_changes entries and keeps the
 * newest id announced, so the works index can tell without a round trip that nothing changed.
 * While it is not listening (starting, or after its connection failed, until it reconnects) it
 * knows nothing and says so: latestChange() is Infinity and the index asks the database. Once
 * listening again it reads the log's newest id, so writes made meanwhile are caught up.
 */
export class WorkChangeListener {
  private client: pg.Client | null = null;
  private listening = false;
  private newest = 0;
  private attempts = 0;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private connecting: Promise<void> | null = null;
  /** How many times a connection started listening (1 after the first). */
  connects = 0;

  /** The schema whose announcements count (archives in other schemas share the channel). */
  private schema: string | undefined;

  constructor(private readonly options: ListenerOptions) {
    this.connecting = this.connect();
  }

  /** Whether announcements are being received (latestChange can be trusted). */
  get connected(): boolean {
    return this.listening;
  }

  /** The server process id of the listening connection (to watch it, or end it in a test). */
  get backendPid(): number | undefined {
    return this.listening ? (this.client as unknown as { processID?: number } | null)?.processID : undefined;
  }

  /** The newest work_changes id known to exist: announced, or written by this process; Infinity while not listening. */
  latestChange(): number {
    if (!this.listening) return Infinity;
    return Math.max(this.newest, this.options.own.current());
  }

  /** Resolves once the listener has tried to connect (listening or not). */
  async ready(): Promise<void> {
    await this.connecting;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client(this.options.client);
    this.client = client;
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel !== WORK_CHANGES_CHANNEL || !message.payload) return;
      const colon = message.payload.lastIndexOf(':');
      if (message.payload.slice(0, colon) !== this.schema) return;
      const id = Number(message.payload.slice(colon + 1));
      if (id > this.newest) this.newest = id;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${WORK_CHANGES_CHANNEL}`);
      // The schema as the trigger names it (tg_table_schema), whatever case the setting was typed in.
      this.schema = (await client.query<{ schema: string }>('select current_schema() as schema')).rows[0].schema;
      // Entries added before LISTEN took effect were announced to no one: start from the log itself.
      const { rows } = await client.query<{ id: number | null }>('select max(id) as id from work_changes');
      if (this.client !== client || this.closed) return;
      this.newest = Math.max(this.newest, Number(rows[0].id ?? 0));
      this.listening = true;
      this.attempts = 0;
      this.connects++;
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error?: Error): void {
    if (this.client !== client) return;
    this.listening = false;
    this.client = null;
    client.removeAllListeners('notification');
    client.on('error', () => {});
    client.end().catch(() => {});
    if (error) this.options.onError?.(error);
    if (this.closed) return;
    this.attempts++;
    const delay = (this.options.retryDelay ?? ((n) => Math.min(250 * 2 ** (n - 1), 10_000)))(this.attempts);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connecting = this.connect();
    }, delay);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listening = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.connecting?.catch(() => {});
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => {});
  }
}
