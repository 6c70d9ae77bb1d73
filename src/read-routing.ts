import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Where one request's statements may go when the archive has read replicas (DATABASE_REPLICA_URLS):
 * the web layer sets it for each request, src/store/database.ts reads it for each statement. Without
 * one (jobs, the command line, tests, start-up) every statement goes to the primary.
 */
export interface ReadRouting {
  /** Plain reads may go to a replica (a GET or HEAD); writes and transactions never do. */
  readonly replica: boolean;
  /** The primary's WAL position of this reader's last write: only a replica that has replayed that far serves them. */
  minLsn?: bigint;
  /** Tables this request wrote: its later reads of them go to the primary. `*`: a write whose tables are not known. */
  readonly wrote: Set<string>;
  /** The replica this request reads from once chosen (one per request, so its reads agree with each other); -1: the primary. */
  replicaIndex?: number;
  /** That replica's replay position as last checked when it was chosen (-1 when not known yet). */
  replicaLsn?: bigint;
}

/** The longest one statement may take on a replica (DATABASE_REPLICA_STATEMENT_TIMEOUT_MS) before the primary answers it instead. */
export const DEFAULT_REPLICA_STATEMENT_TIMEOUT_MS = 10_000;

const storage = new AsyncLocalStorage<ReadRouting>();

export function newReadRouting(options: { replica: boolean; minLsn?: bigint }): ReadRouting {
  return { replica: options.replica, minLsn: options.minLsn, wrote: new Set() };
}

/**
 * Raises the position this reader must see, once known after the request began (an API token's
 * last write): a replica already chosen that had not replayed that far is not read from again.
 */
export function requireLsn(routing: ReadRouting, lsn: bigint | undefined): void {
  if (lsn === undefined || (routing.minLsn !== undefined && routing.minLsn >= lsn)) return;
  routing.minLsn = lsn;
  if (routing.replicaIndex !== undefined && routing.replicaIndex >= 0 && (routing.replicaLsn ?? -1n) < lsn)
    routing.replicaIndex = undefined;
}

/** The routing of the request being served, if any. */
export function currentReadRouting(): ReadRouting | undefined {
  return storage.getStore();
}

/** Runs `fn` (and everything it starts) under `routing`. */
export function withReadRouting<T>(routing: ReadRouting, fn: () => T): T {
  return storage.run(routing, fn);
}

/**
 * Runs `fn` with every statement on the primary, whatever the request allows: for reads that decide
 * a security question (a token that was just revoked must not still work on a lagging replica).
 */
export function onPrimary<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** A PostgreSQL LSN ("16/B374D848") as a number that compares; undefined when it is not one. */
export function parseLsn(text: string | undefined | null): bigint | undefined {
  const match = text ? /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text) : null;
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}
