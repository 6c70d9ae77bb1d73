import type { Db } from '../store/database.ts';

/** How long a missing change id is looked for again (a transaction that took it may commit late). */
const GAP_WAIT_MS = 120_000;

export interface WorkChangeRow {
  id: number;
  /** EVERY_WORK (0) for a change shown on many works' pages (see src/store/work-changes.ts). */
  work_id: number;
  /** 1 when only the work's counters changed (hits): its pages may stay. */
  counters_only: number;
}

/**
 * The work change log past `after`, for an index following it: the entries written since, and
 * those of `gaps` (ids skipped earlier because the transaction that took them had not committed)
 * that have appeared meanwhile. Updates `gaps` in place: ids found leave it, new holes join it,
 * holes older than GAP_WAIT_MS are given up. Returns the entries and the newest id now applied.
 */
export async function readWorkChanges(
  db: Db,
  after: number,
  gaps: Map<number, number>,
): Promise<{ rows: WorkChangeRow[]; lastChangeId: number }> {
  const gapIds = [...gaps.keys()];
  const latest = await db
    .selectFrom('work_changes')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  if (Number(latest?.id ?? 0) <= after && gapIds.length === 0) return { rows: [], lastChangeId: after };
  const rows = await db
    .selectFrom('work_changes')
    .select(['id', 'work_id', 'counters_only'])
    .where((eb) => (gapIds.length > 0 ? eb.or([eb('id', '>', after), eb('id', 'in', gapIds)]) : eb('id', '>', after)))
    .orderBy('id')
    .execute();
  const at = Date.now();
  for (const [id, since] of gaps) if (at - since > GAP_WAIT_MS) gaps.delete(id);
  let expected = after + 1;
  for (const row of rows) {
    gaps.delete(row.id);
    if (row.id > after) {
      for (let missing = expected; missing < row.id && missing > after; missing++) gaps.set(missing, at);
      expected = row.id + 1;
    }
  }
  return { rows, lastChangeId: rows.length > 0 ? Math.max(after, rows[rows.length - 1].id) : after };
}

/**
 * The works whose pages an index's listeners should drop, from the entries one catch-up read:
 * every work named by an entry that changed more than counters (EVERY_WORK included), once.
 */
export function worksShownChanged(rows: readonly WorkChangeRow[]): number[] {
  return [...new Set(rows.filter((r) => Number(r.counters_only) !== 1).map((r) => r.work_id))];
}
