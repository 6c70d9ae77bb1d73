import type { Tx } from './database.ts';
import { recountKudos } from './kudos.ts';
import { recountBookmarks } from './bookmarks.ts';
import { addToDailyStats } from './work-stats.ts';

/**
 * What deleting an account changes beyond the rows its foreign keys remove with it (sessions, API
 * tokens, data exports and their files, autosaves, reading history, subscriptions, inbox
 * notices…). Call `before` inside the deleting transaction before the user row goes, and the
 * function it returns after: others' subscriptions to and mutes of the member go, and the kudos
 * and bookmark counts of the works the member gave them to are counted again without theirs.
 */
export async function accountDeletionTraces(tx: Tx, userId: number): Promise<() => Promise<void>> {
  const [kudosWorks, bookmarkWorks, subscribedWorks] = await Promise.all([
    tx.selectFrom('kudos').select('work_id').distinct().where('user_id', '=', userId).execute(),
    tx
      .selectFrom('bookmarks')
      .select('work_id')
      .distinct()
      .where('user_id', '=', userId)
      .where('work_id', 'is not', null)
      .execute(),
    tx
      .selectFrom('subscriptions')
      .select('target_id')
      .where('user_id', '=', userId)
      .where('target_kind', '=', 'work')
      .execute(),
  ]);
  await tx.deleteFrom('subscriptions').where('target_kind', '=', 'user').where('target_id', '=', userId).execute();
  await tx.deleteFrom('mutes').where('target_kind', '=', 'user').where('target_id', '=', userId).execute();
  return async () => {
    // Works deleted with the account are gone; recounting a missing row changes nothing.
    for (const { work_id } of kudosWorks) await recountKudos(tx, work_id);
    for (const { work_id } of bookmarkWorks) if (work_id !== null) await recountBookmarks(tx, work_id);
    // Their subscriptions went with the account: the writers' daily figures say so.
    for (const { target_id } of subscribedWorks) await addToDailyStats(tx, target_id, { subscriptions: -1 });
  };
}
