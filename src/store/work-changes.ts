import { now, type Db, type Tx } from './database.ts';

/**
 * Appends works to the change log the search index follows (table work_changes). Call it inside
 * the transaction of any write that changes how a work filters or sorts: its tags or their
 * wrangling, title/summary/notes/creators, visibility or publication, counters, deletion.
 */
export async function noteWorksChanged(db: Db | Tx, workIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(workIds)];
  if (ids.length === 0) return;
  const changedAt = now();
  for (let start = 0; start < ids.length; start += 500) {
    await db
      .insertInto('work_changes')
      .values(ids.slice(start, start + 500).map((work_id) => ({ work_id, changed_at: changedAt })))
      .execute();
  }
}
