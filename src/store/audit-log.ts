import { now, type Db, type Tx } from './database.ts';

/** One line of the audit log: who did what to what, when and why. */
export interface AuditEntry {
  id: number;
  actorId: number | null;
  actorLogin: string;
  /** What was done, as a short key: 'role.grant', 'report.status' … */
  action: string;
  targetKind: string;
  targetId: number | null;
  /** The target as it was named when the action was taken. */
  targetLabel: string;
  reason: string;
  createdAt: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'createdAt'>;

/**
 * The log lines a staff action writes: store methods that staff actions call take these and write
 * them inside their own transaction, so the change and its lines commit together or not at all.
 */
export type AuditLines = NewAuditEntry | readonly NewAuditEntry[];

/** Writes log lines with the given connection or transaction (none when `lines` is undefined or empty). */
export async function insertAuditLines(db: Db | Tx, lines: AuditLines | undefined): Promise<void> {
  const entries = lines === undefined ? [] : Array.isArray(lines) ? lines : [lines as NewAuditEntry];
  if (entries.length === 0) return;
  const at = now();
  await db
    .insertInto('audit_log')
    .values(
      entries.map((entry) => ({
        actor_id: entry.actorId,
        actor_login: entry.actorLogin,
        action: entry.action,
        target_kind: entry.targetKind,
        target_id: entry.targetId,
        target_label: entry.targetLabel,
        reason: entry.reason,
        created_at: at,
      })),
    )
    .execute();
}

/**
 * The audit log of staff actions. Append-only by design: this store can add a line and read
 * lines, and has no way to change or remove one.
 */
export class AuditLogStore {
  constructor(private readonly db: Db) {}

  /** Writes one line on its own. A staff action passes its line to the store method that makes the change instead. */
  async insert(entry: NewAuditEntry): Promise<void> {
    await insertAuditLines(this.db, entry);
  }

  /** Writes lines inside a transaction another store method opened (see `alsoInTransaction` hooks). */
  async insertIn(tx: Tx, lines: AuditLines): Promise<void> {
    await insertAuditLines(tx, lines);
  }

  /** Newest first. */
  async list(options: { limit: number; offset?: number }): Promise<{ entries: AuditEntry[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(options.limit)
        .offset(options.offset ?? 0)
        .execute(),
      this.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return {
      entries: rows.map((r) => ({
        id: r.id,
        actorId: r.actor_id,
        actorLogin: r.actor_login,
        action: r.action,
        targetKind: r.target_kind,
        targetId: r.target_id,
        targetLabel: r.target_label,
        reason: r.reason,
        createdAt: r.created_at,
      })),
      total: Number(total.n),
    };
  }
}
