import { sql } from 'kysely';
import { noteWorkTextChanged } from './search-text.ts';
import { now, type Db, type Dialect, type Tx } from './database.ts';
import type { Database } from './schema.ts';
import { recountComments } from './comments.ts';
import { foldBookmarksForMerge, recountBookmarks } from './bookmarks.ts';
import {
  planMerge,
  settleRelations,
  settleSeries,
  uniteCredits,
  type MergePart,
  type MergePlan,
} from '../domain/merge.ts';
import { tagKey, type Rating, type TagKind, type Visibility } from '../domain/works.ts';
import { recountKudos } from './kudos.ts';
import { moveDailyStats } from './work-stats.ts';

/** A work of the viewer's, as the merge form lists it. */
export interface MergeCandidate {
  id: number;
  title: string;
  visibility: Visibility;
  publishedAt: string | null;
  chapterCount: number;
  wordCount: number;
}

/**
 * Rows that belong to a work and simply follow it into the remaining work. `unique` names the
 * columns that, together with work_id, a work may hold only once: a merged-away row that would
 * repeat one the remaining work already has is dropped.
 *
 * Counters of rows that may be dropped as repeats (kudos, comments, bookmarks) are recounted from
 * the rows after the move, never summed. Hits are summed: their rows are kept for two days only,
 * so the counter is the record.
 */
const ROWS_THAT_FOLLOW_THE_WORK: RowsThatFollow[] = [
  { table: 'creatorships', unique: ['pseud_id'] },
  // One kudos per member and one per guest on the merged work; a visitor's hits of one day count once.
  { table: 'kudos', unique: ['user_id'], alsoUnique: ['guest_key'] },
  { table: 'work_hits', unique: ['visitor_key', 'day'] },
  // Comments keep their chapter (and their thread) as they move.
  { table: 'comments', unique: [] },
  // One per member and work: repeats are folded into the kept one first (foldBookmarksForMerge).
  { table: 'bookmarks', unique: ['user_id'] },
  // A reader's history and Mark for later: one row per member and work, the remaining work's kept.
  { table: 'readings', unique: ['user_id'] },
];

/** alsoUnique: a second set of columns the table keeps unique per work (kudos: members, and guests). */
interface RowsThatFollow {
  table: keyof Database;
  unique: string[];
  alsoUnique?: string[];
}

async function moveRows(
  tx: Tx,
  { table, unique, alsoUnique }: RowsThatFollow,
  fromId: number,
  toId: number,
): Promise<void> {
  for (const columns of [unique, alsoUnique ?? []]) {
    if (columns.length === 0) continue;
    const same = sql.join(
      columns.map((column) => sql`kept.${sql.ref(column)} = moved.${sql.ref(column)}`),
      sql` and `,
    );
    await sql`delete from ${sql.table(table)} as moved where moved.work_id = ${fromId}
      and exists (select 1 from ${sql.table(table)} as kept where kept.work_id = ${toId} and ${same})`.execute(tx);
  }
  await sql`update ${sql.table(table)} set work_id = ${toId} where work_id = ${fromId}`.execute(tx);
}

/** The works to merge as the rules see them, in the order asked for; ids not found are left out. */
async function loadParts(db: Db, ids: number[]): Promise<MergePart[]> {
  if (ids.length === 0) return [];
  const [works, creators, tags, chapters] = await Promise.all([
    db.selectFrom('works').selectAll().where('id', 'in', ids).execute(),
    db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select(['creatorships.work_id', 'creatorships.pseud_id', 'creatorships.accepted', 'pseuds.user_id'])
      .where('creatorships.work_id', 'in', ids)
      .orderBy('creatorships.position')
      .execute(),
    db
      .selectFrom('taggings')
      .innerJoin('tags', 'tags.id', 'taggings.tag_id')
      .select(['taggings.work_id', 'tags.kind', 'tags.name'])
      .where('taggings.work_id', 'in', ids)
      .orderBy('taggings.position')
      .execute(),
    db
      .selectFrom('chapters')
      .select(['id', 'work_id', 'title', 'summary', 'notes', 'end_notes', 'draft', 'word_count'])
      .where('work_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  return ids.flatMap((id) => {
    const work = works.find((w) => w.id === id);
    if (!work) return [];
    return [
      {
        id: work.id,
        title: work.title,
        summary: work.summary,
        notes: work.notes,
        endNotes: work.end_notes,
        disclaimer: work.disclaimer,
        rating: work.rating as Rating,
        visibility: work.visibility as Visibility,
        publishedAt: work.published_at,
        revisedAt: work.revised_at,
        complete: work.complete === 1,
        expectedChapters: work.expected_chapters,
        tags: tags.filter((t) => t.work_id === id).map((t) => ({ kind: t.kind as TagKind, name: t.name })),
        creators: creators
          .filter((c) => c.work_id === id)
          .map((c) => ({ pseudId: c.pseud_id, userId: c.user_id, accepted: c.accepted === 1 })),
        chapters: chapters
          .filter((c) => c.work_id === id)
          .map((c) => ({
            id: c.id,
            title: c.title,
            summary: c.summary,
            notes: c.notes,
            endNotes: c.end_notes,
            draft: c.draft === 1,
            wordCount: c.word_count,
          })),
        counters: {
          hits: work.hits,
          kudosCount: work.kudos_count,
          commentCount: work.comment_count,
          bookmarkCount: work.bookmark_count,
        },
      },
    ];
  });
}

export class MergeStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  /** Every work the user is an accepted creator of, oldest first: the ones they may merge. */
  async candidates(userId: number): Promise<MergeCandidate[]> {
    const rows = await this.db
      .selectFrom('works')
      .select(['id', 'title', 'visibility', 'published_at', 'chapter_count', 'word_count'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('creatorships as c')
            .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
            .select('c.work_id')
            .whereRef('c.work_id', '=', 'works.id')
            .where('p.user_id', '=', userId)
            .where('c.accepted', '=', 1),
        ),
      )
      .orderBy(sql`coalesce(published_at, created_at)`)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      visibility: r.visibility as Visibility,
      publishedAt: r.published_at,
      chapterCount: r.chapter_count,
      wordCount: r.word_count,
    }));
  }

  /** What merging these works in this order would make, changing nothing. */
  async preview(viewerId: number, workIds: number[]): Promise<MergePlan> {
    return planMerge(workIds, await loadParts(this.db, workIds), viewerId);
  }

  /** Merges the works into the first of them, all or nothing, and returns what was done. */
  async merge(viewerId: number, workIds: number[]): Promise<MergePlan> {
    return this.db.transaction().execute(async (tx) => {
      if (this.dialect === 'postgres' && workIds.length > 0) {
        // Two merges sharing a work wait for each other instead of both reading the old state.
        await tx.selectFrom('works').select('id').where('id', 'in', workIds).orderBy('id').forUpdate().execute();
      }
      const plan = planMerge(workIds, await loadParts(tx, workIds), viewerId);
      const remainingId = plan.remaining.id;
      const mergedAwayIds = plan.mergedAway.map((p) => p.id);
      const openingChapters = await this.openingChapters(tx, mergedAwayIds);
      await this.moveChapters(tx, plan);
      await this.moveFurthestChapters(tx, plan);
      await foldBookmarksForMerge(tx, [remainingId, ...mergedAwayIds]);
      for (const rows of ROWS_THAT_FOLLOW_THE_WORK)
        for (const id of mergedAwayIds) await moveRows(tx, rows, id, remainingId);
      await this.settleCreators(tx, plan);
      await this.retag(tx, plan);
      await this.moveCredits(tx, plan);
      await this.moveRelations(tx, remainingId, mergedAwayIds);
      await noteWorkTextChanged(tx, [remainingId, ...mergedAwayIds]);
      await this.moveSeriesPlaces(tx, remainingId, mergedAwayIds);
      await this.updateWork(tx, plan);
      await recountKudos(tx, remainingId);
      await recountComments(tx, remainingId);
      await recountBookmarks(tx, remainingId);
      await this.redirect(tx, remainingId, mergedAwayIds, openingChapters);
      // The writer's daily figures of every part are added into the remaining work's, day by day.
      await moveDailyStats(tx, mergedAwayIds, remainingId);
      await tx.deleteFrom('works').where('id', 'in', mergedAwayIds).execute();
      return plan;
    });
  }

  /**
   * Where an old address now leads, when its work was merged away (and no live work has the id):
   * the work, and the chapter its text begins at while that chapter is still there and posted.
   */
  async redirectFor(oldWorkId: number): Promise<{ workId: number; chapterId?: number } | undefined> {
    const row = await this.db
      .selectFrom('work_redirects')
      .leftJoin('chapters', (join) =>
        join
          .onRef('chapters.id', '=', 'work_redirects.chapter_id')
          .onRef('chapters.work_id', '=', 'work_redirects.work_id')
          .on('chapters.draft', '=', 0),
      )
      .select(['work_redirects.work_id', 'chapters.id as chapter_id'])
      .where('work_redirects.old_work_id', '=', oldWorkId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('works').select('works.id').where('works.id', '=', oldWorkId))))
      .executeTakeFirst();
    return row ? { workId: row.work_id, ...(row.chapter_id !== null ? { chapterId: row.chapter_id } : {}) } : undefined;
  }

  private async moveChapters(tx: Tx, plan: MergePlan): Promise<void> {
    // Two passes so that no two chapters share a position in between, as WorkStore.renumber does.
    for (const chapter of plan.chapters) {
      await tx
        .updateTable('chapters')
        .set({
          work_id: plan.remaining.id,
          position: -chapter.position,
          title: chapter.title,
          summary: chapter.summary,
          notes: chapter.notes,
          end_notes: chapter.endNotes,
        })
        .where('id', '=', chapter.id)
        .execute();
    }
    for (const chapter of plan.chapters)
      await tx.updateTable('chapters').set({ position: chapter.position }).where('id', '=', chapter.id).execute();
  }

  /**
   * A reader's furthest chapter of a merged-away work (a place in that work, see ReadingStore.record)
   * keeps naming the same chapter: it moves past the chapters placed before that work's. A reader of
   * several of the works keeps one reading (the remaining work's, see ROWS_THAT_FOLLOW_THE_WORK), which
   * takes the furthest of them. Before the readings move (the remaining work's own chapters keep their
   * places).
   */
  private async moveFurthestChapters(tx: Tx, plan: MergePlan): Promise<void> {
    for (const part of plan.mergedAway) {
      const placedBefore = plan.chapters.findIndex((c) => c.workId === part.id);
      if (placedBefore <= 0) continue;
      await tx
        .updateTable('readings')
        .set((eb) => ({ furthest_position: eb('furthest_position', '+', placedBefore) }))
        .where('work_id', '=', part.id)
        .where('furthest_position', 'is not', null)
        .execute();
      await sql`update readings set furthest_position = (select moved.furthest_position from readings as moved
          where moved.work_id = ${part.id} and moved.user_id = readings.user_id)
        where readings.work_id = ${plan.remaining.id} and exists (select 1 from readings as moved
          where moved.work_id = ${part.id} and moved.user_id = readings.user_id
            and moved.furthest_position > coalesce(readings.furthest_position, 0))`.execute(tx);
    }
  }

  private async settleCreators(tx: Tx, plan: MergePlan): Promise<void> {
    for (const [position, creator] of plan.creators.entries()) {
      await tx
        .updateTable('creatorships')
        .set({ position, accepted: creator.accepted ? 1 : 0 })
        .where('work_id', '=', plan.remaining.id)
        .where('pseud_id', '=', creator.pseudId)
        .execute();
    }
  }

  /** Every tag of the merged work tags one of the parts already, so each one exists. */
  private async retag(tx: Tx, plan: MergePlan): Promise<void> {
    const tagIds: number[] = [];
    for (const tag of plan.tags) {
      const row = await tx
        .selectFrom('tags')
        .select('id')
        .where('kind', '=', tag.kind)
        .where('name_key', '=', tagKey(tag.name))
        .executeTakeFirstOrThrow();
      tagIds.push(row.id);
    }
    await tx.deleteFrom('taggings').where('work_id', '=', plan.remaining.id).execute();
    await tx
      .insertInto('taggings')
      .values([...new Set(tagIds)].map((tagId, position) => ({ work_id: plan.remaining.id, tag_id: tagId, position })))
      .execute();
  }

  private async moveCredits(tx: Tx, plan: MergePlan): Promise<void> {
    const partIds = [plan.remaining.id, ...plan.mergedAway.map((p) => p.id)];
    const rows = await tx
      .selectFrom('work_credits')
      .selectAll()
      .where('work_id', 'in', partIds)
      .orderBy('role')
      .orderBy('position')
      .orderBy('id')
      .execute();
    const inPartOrder = partIds.flatMap((id) => rows.filter((r) => r.work_id === id));
    const { keep, drop } = uniteCredits(
      inPartOrder.map((r) => ({
        id: r.id,
        workId: r.work_id,
        role: r.role,
        pseudId: r.pseud_id,
        name: r.name,
        refused: r.refused === 1,
      })),
    );
    if (drop.length > 0) await tx.deleteFrom('work_credits').where('id', 'in', drop).execute();
    for (const credit of keep) {
      await tx
        .updateTable('work_credits')
        .set({ work_id: plan.remaining.id, position: credit.position, refused: credit.refused ? 1 : 0 })
        .where('id', '=', credit.id)
        .execute();
    }
  }

  private async moveRelations(tx: Tx, remainingId: number, mergedAwayIds: number[]): Promise<void> {
    const linking = await tx
      .selectFrom('related_works')
      .select('work_id')
      .where('target_work_id', 'in', mergedAwayIds)
      .execute();
    const concerned = [...new Set([remainingId, ...mergedAwayIds, ...linking.map((r) => r.work_id)])];
    const rows = await tx
      .selectFrom('related_works')
      .select(['id', 'work_id', 'relation', 'position', 'target_work_id', 'url'])
      .where('work_id', 'in', concerned)
      .execute();
    const { keep, drop } = settleRelations(
      rows.map((r) => ({
        id: r.id,
        workId: r.work_id,
        relation: r.relation,
        position: r.position,
        targetWorkId: r.target_work_id,
        url: r.url,
      })),
      remainingId,
      mergedAwayIds,
    );
    if (drop.length > 0) await tx.deleteFrom('related_works').where('id', 'in', drop).execute();
    for (const row of keep) {
      await tx
        .updateTable('related_works')
        .set({ work_id: row.workId, target_work_id: row.targetWorkId, position: row.position })
        .where('id', '=', row.id)
        .execute();
    }
  }

  private async moveSeriesPlaces(tx: Tx, remainingId: number, mergedAwayIds: number[]): Promise<void> {
    const memberships = await tx
      .selectFrom('series_works')
      .select('series_id')
      .distinct()
      .where('work_id', 'in', mergedAwayIds)
      .execute();
    for (const { series_id: seriesId } of memberships) {
      const works = await tx
        .selectFrom('series_works')
        .select('work_id')
        .where('series_id', '=', seriesId)
        .orderBy('position')
        .execute();
      const settled = settleSeries(
        works.map((w) => w.work_id),
        remainingId,
        mergedAwayIds,
      );
      await tx.deleteFrom('series_works').where('series_id', '=', seriesId).execute();
      await tx
        .insertInto('series_works')
        .values(settled.map((workId, i) => ({ series_id: seriesId, work_id: workId, position: i + 1 })))
        .execute();
      await tx.updateTable('series').set({ updated_at: now() }).where('id', '=', seriesId).execute();
    }
  }

  private async updateWork(tx: Tx, plan: MergePlan): Promise<void> {
    const totals = await tx
      .selectFrom('chapters')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('word_count'), sql<number>`0`).as('words'),
        eb.fn.countAll<number>().as('chapters'),
      ])
      .where('work_id', '=', plan.remaining.id)
      .where('draft', '=', 0)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('works')
      .set({
        rating: plan.rating,
        complete: plan.complete ? 1 : 0,
        expected_chapters: plan.expectedChapters,
        published_at: plan.publishedAt,
        revised_at: plan.revisedAt,
        // Its end notes now close its own last chapter (see planMerge).
        end_notes: '',
        // Every part's disclaimer (see planMerge).
        disclaimer: plan.disclaimer,
        updated_at: now(),
        word_count: Number(totals.words),
        chapter_count: Number(totals.chapters),
        hits: plan.counters.hits,
        kudos_count: plan.counters.kudosCount,
        comment_count: plan.counters.commentCount,
        bookmark_count: plan.counters.bookmarkCount,
      })
      .where('id', '=', plan.remaining.id)
      .execute();
  }

  /** The first chapter of each work, before the chapters move. */
  private async openingChapters(tx: Tx, workIds: number[]): Promise<Map<number, number>> {
    const rows = await tx
      .selectFrom('chapters')
      .select(['work_id', 'id'])
      .where('work_id', 'in', workIds)
      .orderBy('position', 'desc')
      .execute();
    return new Map(rows.map((r) => [r.work_id, r.id]));
  }

  /**
   * Old addresses lead to the remaining work, including those that led to a merged-away one (no
   * chains); a bare old address leads on to the chapter where that work's text now begins.
   */
  private async redirect(
    tx: Tx,
    remainingId: number,
    mergedAwayIds: number[],
    openingChapters: Map<number, number>,
  ): Promise<void> {
    await tx
      .updateTable('work_redirects')
      .set({ work_id: remainingId })
      .where('work_id', 'in', mergedAwayIds)
      .execute();
    const at = now();
    await tx
      .insertInto('work_redirects')
      .values(
        mergedAwayIds.map((oldWorkId) => ({
          old_work_id: oldWorkId,
          work_id: remainingId,
          chapter_id: openingChapters.get(oldWorkId) ?? null,
          created_at: at,
        })),
      )
      .execute();
  }
}
