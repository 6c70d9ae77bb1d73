import { sql } from 'kysely';
import { now, type Db, type Tx } from './database.ts';
import { enqueueJob } from './jobs.ts';
import { noteWorkTextChanged } from './search-text.ts';
import { RELEASE_JOB } from './subscriptions.ts';

const BATCH = 500;

/** An item that holds its work back: its creator put it there and the collection has not turned it away. */
function holding(flag: 'unrevealed' | 'anonymous') {
  return sql<number>`case when exists (
    select 1 from collection_items ci
    where ci.work_id = works.id and ci.${sql.ref(flag)} = 1
      and ci.creator_approval = 'approved' and ci.collection_approval <> 'rejected'
  ) then 1 else 0 end`;
}

/**
 * Recomputes `works.unrevealed` and `works.anonymous` from the works' collection items. Call it in
 * the transaction of every change to collection items or to a collection's reveal state.
 *
 * A work whose flags changed is written to the change log (the works index lists it or not) and
 * gets new search text (an anonymous work is not found by its creators' names). A work that just
 * came out (revealed), or whose creators were just named, is announced by the release job, as a
 * scheduled work is when its time comes: subscribers and gift recipients hear of it then, once.
 */
export async function refreshWorkCollectionFlags(tx: Db | Tx, workIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(workIds)];
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const before = await flagsOf(tx, batch);
    await tx
      .updateTable('works')
      .set({ unrevealed: holding('unrevealed'), anonymous: holding('anonymous') })
      .where('id', 'in', batch)
      .execute();
    const after = await flagsOf(tx, batch);
    const changed: number[] = [];
    const toAnnounce: number[] = [];
    for (const [id, was] of before) {
      const is = after.get(id);
      if (!is || (is.unrevealed === was.unrevealed && is.anonymous === was.anonymous)) continue;
      changed.push(id);
      const revealed = was.unrevealed === 1 && is.unrevealed === 0;
      const named = was.anonymous === 1 && is.anonymous === 0 && is.unrevealed === 0;
      if (revealed || named) toAnnounce.push(id);
    }
    if (changed.length > 0) await noteWorkTextChanged(tx, changed);
    const at = now();
    for (const workId of toAnnounce)
      await enqueueJob(tx, { kind: RELEASE_JOB, payload: { workId }, runAt: at, uniqueKey: `reveal:${workId}:${at}` });
  }
}

async function flagsOf(tx: Db | Tx, ids: number[]): Promise<Map<number, { unrevealed: number; anonymous: number }>> {
  const rows = await tx.selectFrom('works').select(['id', 'unrevealed', 'anonymous']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { unrevealed: Number(r.unrevealed), anonymous: Number(r.anonymous) }]));
}
