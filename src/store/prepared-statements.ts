import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * Distinct statement texts named at most (beyond them, statements are sent unnamed): each
 * connection may hold this many prepared statements and their plans in the server's memory.
 */
const MAX_NAMED = 300;
/** Statements with more parameters (long lists of ids, many rows at once) are sent unnamed: their texts rarely repeat. */
const MAX_PARAMETERS = 50;
/** A text is named from its second use: one-off texts (a list of 437 ids) stay unnamed. */
const NAME_FROM_USE = 2;
/** Texts seen once that are remembered, past which the count starts again. */
const MAX_SEEN = 20_000;

/**
 * Names the statements a pool's connections send again and again, so that PostgreSQL parses
 * each once per connection and can reuse its plan, instead of parsing and planning every
 * statement afresh (Kysely sends each query unnamed). Pages send a dozen small statements from a
 * fixed set of builders: parsing and planning them was more than half of PostgreSQL's CPU time
 * per rendered page (bench/RESULTS.md, "PostgreSQL page throughput: where the time goes").
 *
 * A prepared `select *` fails with "cached plan must not change result type" once a migration
 * (another process's, in a rolling upgrade) adds a column to its table. Then every name is given
 * up (statements are prepared again under new names) and the statement is sent again unnamed;
 * inside a transaction the transaction has already failed, so the error is passed on and only
 * that transaction fails.
 */
export class PreparedStatements {
  private names = new Map<string, string>();
  private seen = new Map<string, number>();
  private generation = 0;

  /** `enabled` false: every statement is sent unnamed (DATABASE_PREPARED_STATEMENTS=off). */
  constructor(private readonly enabled = true) {}

  /** The name to send `text` under, or undefined to send it unnamed. */
  nameFor(text: string): string | undefined {
    const named = this.names.get(text);
    if (named !== undefined) return named;
    if (
      this.names.size >= MAX_NAMED ||
      !/^\s*(select|insert|update|delete|with)\b/i.test(text) ||
      text.includes(`$${MAX_PARAMETERS + 1}`) ||
      // Several statements in one text run only unprepared.
      text.includes(';')
    )
      return undefined;
    const uses = (this.seen.get(text) ?? 0) + 1;
    if (uses < NAME_FROM_USE) {
      if (this.seen.size >= MAX_SEEN) this.seen.clear();
      this.seen.set(text, uses);
      return undefined;
    }
    this.seen.delete(text);
    const name = `quire${this.generation}_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    this.names.set(text, name);
    return name;
  }

  /** Gives up every name (after a schema change): statements are prepared again under new ones. */
  renew(): void {
    this.generation++;
    this.names.clear();
    this.seen.clear();
  }

  /** How many texts are named now (for tests). */
  get size(): number {
    return this.names.size;
  }

  /** Has every connection of `pool` send repeated statements as named (prepared) statements. */
  attach(pool: pg.Pool): pg.Pool {
    if (!this.enabled) return pool;
    pool.on('connect', (client) => this.wrap(client));
    return pool;
  }

  private wrap(client: pg.PoolClient): void {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let inTransaction = false;
    const wrapped = (...args: unknown[]): unknown => {
      const [text, values, callback] = args;
      // Only the forms Kysely and pg's Pool.query use: query(text, values?) and query(text, values, callback).
      if (
        args.length > 3 ||
        typeof text !== 'string' ||
        (values !== undefined && !Array.isArray(values)) ||
        (callback !== undefined && typeof callback !== 'function')
      )
        return query(...args);
      const lead = text.trimStart().slice(0, 20).toLowerCase();
      if (lead.startsWith('begin') || lead.startsWith('start transaction')) inTransaction = true;
      else if (lead.startsWith('commit') || lead.startsWith('end') || /^rollback\s*$/.test(lead)) inTransaction = false;
      const name = this.nameFor(text);
      if (name === undefined) return query(...args);
      const sentInTransaction = inTransaction;
      const answer = (query({ name, text, values }) as Promise<pg.QueryResult>).catch((error: unknown) => {
        if (!isStalePlan(error)) throw error;
        this.renew();
        if (sentInTransaction) throw error;
        return query(text, values) as Promise<pg.QueryResult>;
      });
      if (typeof callback !== 'function') return answer;
      answer.then(
        (result) => (callback as (error: Error | null, result?: pg.QueryResult) => void)(null, result),
        (error: Error) => (callback as (error: Error | null) => void)(error),
      );
      return undefined;
    };
    client.query = wrapped as typeof client.query;
  }
}

/** PostgreSQL's answer to a prepared statement whose tables changed shape since it was prepared. */
export function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}
