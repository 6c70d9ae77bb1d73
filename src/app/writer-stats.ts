/**
 * Statistics for writers: the figures of a member's posted works, in total and over time, and how
 * far readers got through a work. Only the writer and the archive's admins see them; to everyone
 * else the page does not exist.
 */
import { NotFoundError } from '../domain/errors.ts';
import { isRowId } from '../domain/ids.ts';
import { utcDay } from '../domain/kudos.ts';
import {
  chapterReach,
  firstShownDay,
  groupByPeriod,
  parseDirection,
  parsePeriod,
  parseStatSort,
  sortWorkStats,
  totalsOf,
  workStatsCsv,
  type ChapterReach,
  type PeriodFigures,
  type SortDirection,
  type StatFigures,
  type StatPeriod,
  type StatSort,
  type WorkStatsRow,
} from '../domain/work-stats.ts';
import type { ModuleDeps } from './deps.ts';
import type { Viewer } from './viewer.ts';

/** What the page was asked for (query parameters as typed; anything unknown falls back to the default). */
export interface WriterStatsQuery {
  sort?: string;
  direction?: string;
  period?: string;
  /** A work's id, or empty for all works. */
  work?: string;
}

export interface WriterStats {
  login: string;
  /** The writer's posted works, sorted as asked. */
  works: WorkStatsRow[];
  totals: StatFigures;
  sort: StatSort;
  direction: SortDirection;
  period: StatPeriod;
  /** The work the charts are for; null: all the writer's works together. */
  chosenWork: WorkStatsRow | null;
  /** The figures per period, oldest first, from `shownFrom` to today. */
  overTime: PeriodFigures[];
  shownFrom: string;
  /** The first day the archive kept daily figures: nothing earlier is known day by day. */
  since: string;
  today: string;
  /** For a chosen work of more than one chapter: how many readers reached each chapter. */
  reach: ChapterReach[] | null;
}

export class WriterStatsModule {
  constructor(private readonly deps: ModuleDeps) {}

  /** The statistics page of a writer, for the writer themselves or an admin. */
  async stats(viewer: Viewer, login: string, query: WriterStatsQuery, today = utcDay()): Promise<WriterStats> {
    const writer = await this.writer(viewer, login);
    const { store } = this.deps;
    const sort = parseStatSort(query.sort);
    const direction = parseDirection(query.direction, sort);
    const period = parsePeriod(query.period);
    const [rows, since] = await Promise.all([store.workStats.worksOf(writer.id), store.workStats.since()]);
    let chosenWork: WorkStatsRow | null = null;
    const asked = (query.work ?? '').trim();
    if (asked !== '') {
      const id = Number(asked);
      chosenWork = (isRowId(id) && rows.find((r) => r.workId === id)) || null;
      if (!chosenWork) throw new NotFoundError(`That work is not one of ${writer.login}’s posted works.`);
    }
    const shownFrom = firstShownDay(period, since, today);
    const ids = chosenWork ? [chosenWork.workId] : rows.map((r) => r.workId);
    const reachOf = chosenWork && chosenWork.chapterCount > 1 ? chosenWork.workId : null;
    const [days, furthest, posted] = await Promise.all([
      store.workStats.daily(ids, shownFrom),
      reachOf === null ? undefined : store.workStats.furthestChapters(reachOf),
      reachOf === null ? undefined : store.workStats.postedChapterPositions(reachOf),
    ]);
    return {
      login: writer.login,
      works: sortWorkStats(rows, sort, direction),
      totals: totalsOf(rows),
      sort,
      direction,
      period,
      chosenWork,
      overTime: groupByPeriod(days, period, shownFrom, today),
      shownFrom,
      since,
      today,
      reach: furthest && posted ? chapterReach(furthest, posted) : null,
    };
  }

  /** The works table as CSV (sorted as asked), for the writer or an admin. */
  async csv(
    viewer: Viewer,
    login: string,
    query: Pick<WriterStatsQuery, 'sort' | 'direction'>,
    workUrl: (id: number) => string,
  ): Promise<{ login: string; csv: string }> {
    const writer = await this.writer(viewer, login);
    const sort = parseStatSort(query.sort);
    const rows = sortWorkStats(
      await this.deps.store.workStats.worksOf(writer.id),
      sort,
      parseDirection(query.direction, sort),
    );
    return { login: writer.login, csv: workStatsCsv(rows, workUrl) };
  }

  /** The writer whose statistics these are, when the viewer is them or an admin; otherwise not found. */
  private async writer(viewer: Viewer, login: string): Promise<{ id: number; login: string }> {
    const user = await this.deps.store.users.findByLogin(login);
    const allowed =
      user !== undefined &&
      viewer !== null &&
      (viewer.id === user.id || (await this.deps.archive.staff.isAdmin(viewer)));
    if (!user || !allowed) throw new NotFoundError('There is no such page.');
    return { id: user.id, login: user.login };
  }
}
