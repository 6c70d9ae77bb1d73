import { createHash } from 'node:crypto';
import pg from 'pg';

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
  /** The columns each named statement answers with, and how to read them (see RowShape). */
  private shapes = new Map<string, RowShape>();
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
    this.shapes.clear();
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
      const answer = this.sendNamed(query, name, text, values as unknown[] | undefined).catch((error: unknown) => {
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

  /**
   * Sends a named statement as a query object of our own: pg copies a configuration object
   * property by property for every statement, and builds each answer's row template afresh
   * (a null-prototype object copied for every row); a named statement's columns are the same
   * at every use, so they are read through the statement's kept RowShape.
   */
  private sendNamed(
    query: (...args: unknown[]) => unknown,
    name: string,
    text: string,
    values: unknown[] | undefined,
  ): Promise<pg.QueryResult> {
    return new Promise((resolve, reject) => {
      const sent = new pg.Query(text, values) as unknown as PgQuery;
      sent.name = name;
      sent.callback = (error, result) => (error ? reject(error) : resolve(result!));
      const result = sent._result;
      const { addFields, parseRow } = result;
      result.addFields = (fields) => {
        let shape = this.shapes.get(name);
        if (!shape?.fits(fields, result._types)) {
          shape = RowShape.of(fields, result._types);
          if (shape) this.shapes.set(name, shape);
        }
        if (!shape) {
          result.parseRow = parseRow;
          addFields.call(result, fields);
          return;
        }
        result.fields = fields;
        result._parsers = shape.parsers;
        result.parseRow = shape.read;
      };
      query(sent);
    });
  }
}

/** The parts of pg's Query and Result (not in its types) that sendNamed sets. */
interface PgResult {
  fields: FieldDescription[];
  _types: TypeParsers | undefined;
  _parsers: Parser[] | undefined;
  addFields(fields: FieldDescription[]): void;
  parseRow(values: (string | null)[]): Record<string, unknown>;
}
interface PgQuery {
  name: string;
  callback: (error: Error | null, result?: pg.QueryResult) => void;
  _result: PgResult;
}
interface FieldDescription {
  name: string;
  dataTypeID: number;
  format: string;
}
type Parser = (value: string) => unknown;
type TypeParsers = { getTypeParser(oid: number, format: string): Parser };

/** The columns of one named statement's answer and their parsers, so that each row is read in one pass. */
class RowShape {
  private constructor(
    private readonly names: string[],
    private readonly types: number[],
    private readonly parsersFrom: TypeParsers | undefined,
    readonly parsers: Parser[],
  ) {}

  /** The shape of these columns; undefined where pg's own reading must be kept (binary columns, a column named __proto__). */
  static of(fields: FieldDescription[], parsersFrom: TypeParsers | undefined): RowShape | undefined {
    if (fields.some((f) => f.format === 'binary' || f.name === '__proto__')) return undefined;
    const from = parsersFrom ?? pg.types;
    return new RowShape(
      fields.map((f) => f.name),
      fields.map((f) => f.dataTypeID),
      parsersFrom,
      fields.map((f) => from.getTypeParser(f.dataTypeID, 'text') as Parser),
    );
  }

  fits(fields: FieldDescription[], parsersFrom: TypeParsers | undefined): boolean {
    if (fields.length !== this.names.length || parsersFrom !== this.parsersFrom) return false;
    for (let i = 0; i < fields.length; i++)
      if (fields[i].name !== this.names[i] || fields[i].dataTypeID !== this.types[i] || fields[i].format === 'binary')
        return false;
    return true;
  }

  /** One row as pg gives it (a later column of the same name wins), built in column order so rows share one hidden class. */
  readonly read = (values: (string | null)[]): Record<string, unknown> => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      row[this.names[i]] = value === null ? null : this.parsers[i](value);
    }
    return row;
  };
}

/** PostgreSQL's answer to a prepared statement whose tables changed shape since it was prepared. */
export function isStalePlan(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '0A000' && typeof message === 'string' && message.includes('cached plan must not change result type');
}
