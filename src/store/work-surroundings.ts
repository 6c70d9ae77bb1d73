import { PostgresAdapter } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from './database.ts';
import { seriesOfWorkQuery } from './series.ts';
import { inboundQuery, toInbound, type InboundLink } from './work-links.ts';
import { itemsOfWorkQuery, toWorkCollectionItems, type WorkCollectionItem } from './collections.ts';
import { promptsOfWorkQuery, toWorkPrompts, type WorkPrompt } from './prompt-memes.ts';

/** What a work's page shows around the work, read together (see WorkSurroundingsStore.of). */
export interface WorkSurroundingRows {
  /** The series it is in, as SeriesStore.placesFrom takes them. */
  series: { id: number; title: string }[];
  inbound: InboundLink[];
  collectionItems: WorkCollectionItem[];
  prompts: WorkPrompt[];
}

export class WorkSurroundingsStore {
  constructor(private readonly db: Db) {}

  /**
   * The series, inbound relations, collections and prompts of one work: on PostgreSQL in one
   * statement (one round trip and one execution where they were four, a rendered work page's
   * cost there being mostly per statement; bench/RESULTS.md, issue 17, 5 Dec 2026), on SQLite
   * as the four statements they are on their own.
   */
  async of(workId: number): Promise<WorkSurroundingRows> {
    if (!(this.db.getExecutor().adapter instanceof PostgresAdapter)) {
      const [series, inbound, items, prompts] = await Promise.all([
        seriesOfWorkQuery(this.db, workId).execute(),
        inboundQuery(this.db, workId).execute(),
        itemsOfWorkQuery(this.db, workId).execute(),
        promptsOfWorkQuery(this.db, workId).execute(),
      ]);
      return {
        series,
        inbound: toInbound(inbound),
        collectionItems: toWorkCollectionItems(items),
        prompts: toWorkPrompts(prompts),
      };
    }
    // json_agg keeps each subquery's order.
    const row = await this.db
      .selectNoFrom(() => [
        jsonArrayFrom(seriesOfWorkQuery(this.db, workId)).as('series'),
        jsonArrayFrom(inboundQuery(this.db, workId)).as('inbound'),
        jsonArrayFrom(itemsOfWorkQuery(this.db, workId)).as('items'),
        jsonArrayFrom(promptsOfWorkQuery(this.db, workId)).as('prompts'),
      ])
      .executeTakeFirstOrThrow();
    return {
      series: row.series,
      inbound: toInbound(row.inbound),
      collectionItems: toWorkCollectionItems(row.items),
      prompts: toWorkPrompts(row.prompts),
    };
  }
}
