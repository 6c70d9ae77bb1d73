import type { Selectable } from 'kysely';
import { noteWorkTextChanged } from './search-text.ts';
import { announceWorkInSeries } from './subscriptions.ts';
import { now, type Db, type Tx } from './database.ts';
import { noteWorksChanged } from './work-changes.ts';
import type { SeriesTable } from './schema.ts';
import { hiddenOf, type HiddenByModerators } from './hidden.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';

export interface Series {
  id: number;
  userId: number | null;
  title: string;
  summary: string;
  notes: string;
  complete: boolean;
  createdAt: string;
  updatedAt: string;
  /** Work ids in reading order (every work, whoever may read it). */
  workIds: number[];
  /** Hidden by the archive's moderators: only its owner and staff see it. */
  hidden: HiddenByModerators | null;
}

/** Where one work stands in one series, for "Part N of …" with its neighbours. */
export interface SeriesPlace {
  seriesId: number;
  title: string;
  position: number;
  workIds: number[];
}

export interface SeriesFields {
  title: string;
  summary: string;
  notes: string;
  complete: boolean;
}

function toSeries(row: Selectable<SeriesTable>, workIds: number[]): Series {
  return {
    id: row.id,
    userId: row.user_id,
    title: row.title,
    summary: row.summary,
    notes: row.notes,
    complete: row.complete === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    hidden: hiddenOf(row),
    workIds,
  };
}

export class SeriesStore {
  constructor(private readonly db: Db) {}

  async create(userId: number, fields: SeriesFields): Promise<number> {
    return createSeries(this.db, userId, fields);
  }

  async update(seriesId: number, fields: SeriesFields): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const before = await tx.selectFrom('series').select('title').where('id', '=', seriesId).executeTakeFirst();
      await tx
        .updateTable('series')
        .set({
          title: fields.title,
          summary: fields.summary,
          notes: fields.notes,
          complete: fields.complete ? 1 : 0,
          updated_at: now(),
        })
        .where('id', '=', seriesId)
        .execute();
      // Its works are found by the series title, and their pages show it (and whether it is complete).
      if (before) await noteWorkTextChanged(tx, await worksInSeries(tx, seriesId));
    });
  }

  async find(seriesId: number): Promise<Series | undefined> {
    const row = await this.db.selectFrom('series').selectAll().where('id', '=', seriesId).executeTakeFirst();
    if (!row) return undefined;
    const works = await this.db
      .selectFrom('series_works')
      .select('work_id')
      .where('series_id', '=', seriesId)
      .orderBy('position')
      .execute();
    return toSeries(
      row,
      works.map((w) => w.work_id),
    );
  }

  /** Series a user started or has works in: the ones they may add works to. */
  async listForUser(userId: number): Promise<Series[]> {
    const rows = await this.db
      .selectFrom('series')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb('user_id', '=', userId),
          eb.exists(
            eb
              .selectFrom('series_works as sw')
              .innerJoin('creatorships as c', 'c.work_id', 'sw.work_id')
              .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
              .select('sw.series_id')
              .whereRef('sw.series_id', '=', 'series.id')
              .where('p.user_id', '=', userId),
          ),
        ]),
      )
      .orderBy('title')
      .execute();
    return rows.map((row) => toSeries(row, []));
  }

  /** Adds a work at the end of a series (or leaves it where it is). */
  async addWork(seriesId: number, workId: number): Promise<void> {
    await this.db.transaction().execute((tx) => addWorkToSeries(tx, seriesId, workId));
  }

  async removeWork(seriesId: number, workId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('series_works').where('series_id', '=', seriesId).where('work_id', '=', workId).execute();
      await noteWorkTextChanged(tx, [workId, ...(await worksInSeries(tx, seriesId))]);
    });
  }

  async reorder(seriesId: number, orderedWorkIds: number[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('series_works').select('work_id').where('series_id', '=', seriesId).execute();
      const known = new Set(current.map((w) => w.work_id));
      if (
        orderedWorkIds.length !== known.size ||
        new Set(orderedWorkIds).size !== known.size ||
        orderedWorkIds.some((id) => !known.has(id))
      ) {
        throw new ValidationError({ order: 'The new order must list every work of the series exactly once.' });
      }
      for (const [i, workId] of orderedWorkIds.entries()) {
        await tx
          .updateTable('series_works')
          .set({ position: i + 1 })
          .where('series_id', '=', seriesId)
          .where('work_id', '=', workId)
          .execute();
      }
      // Each work's page links to the works before and after it.
      await noteWorksChanged(tx, orderedWorkIds);
      await tx.updateTable('series').set({ updated_at: now() }).where('id', '=', seriesId).execute();
    });
  }

  /** Every series a work belongs to, with its place in each. */
  async placesOf(workId: number): Promise<SeriesPlace[]> {
    return this.placesFrom(workId, await seriesOfWorkQuery(this.db, workId).execute());
  }

  /** The places of a work in the series it is in, read with seriesOfWorkQuery (see WorkSurroundingsStore). */
  async placesFrom(workId: number, memberships: { id: number; title: string }[]): Promise<SeriesPlace[]> {
    const places: SeriesPlace[] = [];
    for (const membership of memberships) {
      const works = await this.db
        .selectFrom('series_works')
        .select('work_id')
        .where('series_id', '=', membership.id)
        .orderBy('position')
        .execute();
      const workIds = works.map((w) => w.work_id);
      places.push({ seriesId: membership.id, title: membership.title, position: workIds.indexOf(workId) + 1, workIds });
    }
    return places;
  }

  /** Hides a series from everyone but its owner and staff; `null` shows it again. `audit` is logged with it. */
  async setHiddenByModerators(seriesId: number, hidden: { reason: string } | null, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('series')
        .set({ hidden_at: hidden ? now() : null, hidden_reason: hidden?.reason ?? null })
        .where('id', '=', seriesId)
        .execute();
      const works = await tx.selectFrom('series_works').select('work_id').where('series_id', '=', seriesId).execute();
      // Its works' pages and kept guest pages named the series: they change with it.
      await noteWorksChanged(
        tx,
        works.map((w) => w.work_id),
      );
      await insertAuditLines(tx, audit);
    });
  }

  /** Deletes the series (its works stay); `audit` (a moderator's deletion) is logged with it. */
  async delete(seriesId: number, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const workIds = await worksInSeries(tx, seriesId);
      await tx.deleteFrom('series').where('id', '=', seriesId).execute();
      await noteWorkTextChanged(tx, workIds);
      await insertAuditLines(tx, audit);
    });
  }
}

/** Where a posting form files a work: one of the writer's series, or a new one to start. */
export type SeriesChoice = { id: number } | { title: string };

async function createSeries(db: Db | Tx, userId: number, fields: SeriesFields): Promise<number> {
  const at = now();
  const row = await db
    .insertInto('series')
    .values({
      user_id: userId,
      title: fields.title,
      summary: fields.summary,
      notes: fields.notes,
      complete: fields.complete ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Adds a work at the end of a series (or leaves it where it is), inside the caller's transaction. */
async function addWorkToSeries(tx: Tx, seriesId: number, workId: number): Promise<void> {
  const series = await tx.selectFrom('series').select('id').where('id', '=', seriesId).executeTakeFirst();
  if (!series) throw new NotFoundError('That series no longer exists.');
  const present = await tx
    .selectFrom('series_works')
    .select('work_id')
    .where('series_id', '=', seriesId)
    .where('work_id', '=', workId)
    .executeTakeFirst();
  if (present) return;
  const last = await tx
    .selectFrom('series_works')
    .select((eb) => eb.fn.max<number>('position').as('p'))
    .where('series_id', '=', seriesId)
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('series_works')
    .values({ series_id: seriesId, work_id: workId, position: Number(last.p ?? 0) + 1 })
    .execute();
  await announceWorkInSeries(tx, seriesId, workId);
  // The work's search text names the series; the pages of the works around it link to it.
  await noteWorkTextChanged(tx, await worksInSeries(tx, seriesId));
  await tx.updateTable('series').set({ updated_at: now() }).where('id', '=', seriesId).execute();
}

/**
 * Files a work into the series a posting form chose (a new series is started for `userId`), in
 * the transaction that posts or changes the work: if this fails, the work is not posted either.
 */
export async function fileWorkInSeries(tx: Tx, userId: number, workId: number, choice: SeriesChoice): Promise<void> {
  const seriesId =
    'id' in choice
      ? choice.id
      : await createSeries(tx, userId, { title: choice.title, summary: '', notes: '', complete: false });
  await addWorkToSeries(tx, seriesId, workId);
}

async function worksInSeries(db: Db | Tx, seriesId: number): Promise<number[]> {
  return (await db.selectFrom('series_works').select('work_id').where('series_id', '=', seriesId).execute()).map(
    (r) => r.work_id,
  );
}

/** The series a work is in that are shown with it, by id. */
export function seriesOfWorkQuery(db: Db, workId: number) {
  return (
    db
      .selectFrom('series_works')
      .innerJoin('series', 'series.id', 'series_works.series_id')
      .select(['series.id', 'series.title'])
      .where('series_works.work_id', '=', workId)
      // A series the moderators hid is named on none of its works' pages or downloads.
      .where('series.hidden_at', 'is', null)
      .orderBy('series.id')
  );
}
