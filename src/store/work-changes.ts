import { EVERY_WORK } from '../domain/ids.ts';
import { now, type Db, type Tx } from './database.ts';

/** See EVERY_WORK (src/domain/ids.ts): the entry that drops every kept guest page. */
export { EVERY_WORK };

/** Past this many works, a change that shows on their pages is noted as EVERY_WORK instead. */
const SHOWN_WORKS_NOTED_ONE_BY_ONE = 1_000;

/**
 * Appends works to the change log the search index follows (table work_changes). Call it inside
 * the transaction of any write that changes how a work filters or sorts: its tags or their
 * wrangling, title/summary/notes/creators, visibility or publication, counters, deletion; or what
 * its page shows. `countersOnly`: only counters a page may show a little late changed (hits).
 */
export async function noteWorksChanged(
  db: Db | Tx,
  workIds: Iterable<number>,
  { countersOnly = false }: { countersOnly?: boolean } = {},
): Promise<void> {
  const ids = [...new Set(workIds)];
  if (ids.length === 0) return;
  const changedAt = now();
  for (let start = 0; start < ids.length; start += 500) {
    await db
      .insertInto('work_changes')
      .values(
        ids
          .slice(start, start + 500)
          .map((work_id) => ({ work_id, changed_at: changedAt, ...(countersOnly ? { counters_only: 1 } : {}) })),
      )
      .execute();
  }
}

/** Works whose counters changed, nothing else (hits): the index re-sorts them, kept guest pages stay. */
export async function noteWorkCountersChanged(db: Db | Tx, workIds: Iterable<number>): Promise<void> {
  await noteWorksChanged(db, workIds, { countersOnly: true });
}

/**
 * Works whose pages show something that changed elsewhere (a member's name on their kudos or
 * comments, a collection's title): noted one by one when few, else as EVERY_WORK, so that a
 * member who left kudos on 50,000 works does not have every process re-read them.
 */
export async function noteWorksShowingChanged(db: Db | Tx, workIds: Iterable<number>): Promise<void> {
  const ids = [...new Set(workIds)];
  await noteWorksChanged(db, ids.length > SHOWN_WORKS_NOTED_ONE_BY_ONE ? [EVERY_WORK] : ids);
}

/**
 * A member's username (`userId`) or pen names (`pseudIds`) changed or went: notes the works whose
 * pages show them besides their own works (those the caller notes): comments, kudos (by
 * username), gift and beta credits, prompts the works fill. Call before deleting the rows.
 */
export async function noteMemberNameChanged(
  db: Db | Tx,
  who: { userId: number } | { pseudIds: number[] },
): Promise<void> {
  if ('pseudIds' in who && who.pseudIds.length === 0) return;
  const byUser = 'userId' in who;
  const pseudIds = byUser ? db.selectFrom('pseuds').select('id').where('user_id', '=', who.userId) : who.pseudIds;
  // One after another: in a transaction, PostgreSQL answers one statement at a time anyway.
  const comments = await db
    .selectFrom('comments')
    .select('work_id')
    .distinct()
    .$call((qb) => (byUser ? qb.where('user_id', '=', who.userId) : qb.where('pseud_id', 'in', who.pseudIds)))
    .execute();
  const kudos = byUser
    ? await db.selectFrom('kudos').select('work_id').distinct().where('user_id', '=', who.userId).execute()
    : [];
  const credits = await db
    .selectFrom('work_credits')
    .select('work_id')
    .distinct()
    .where('pseud_id', 'in', pseudIds)
    .execute();
  const prompts = await db
    .selectFrom('prompt_fills')
    .innerJoin('prompts', 'prompts.id', 'prompt_fills.prompt_id')
    .select('prompt_fills.work_id')
    .distinct()
    .$call((qb) =>
      byUser ? qb.where('prompts.user_id', '=', who.userId) : qb.where('prompts.pseud_id', 'in', who.pseudIds),
    )
    .execute();
  await noteWorksShowingChanged(
    db,
    [...comments, ...kudos, ...credits, ...prompts].map((r) => r.work_id),
  );
}
