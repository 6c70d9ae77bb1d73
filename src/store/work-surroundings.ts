import { PostgresAdapter, sql, type Expression, type RawBuilder } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Db } from './database.ts';
import { chaptersQuery, toChapter, type Chapter } from './works.ts';
import {
  kudosCountsQuery,
  kudosLeftQuery,
  kudosLoginsQuery,
  toWorkKudos,
  type Visitor,
  type WorkKudos,
} from './kudos.ts';
import { passageCountsQuery, toComment, toPassageCounts, workCommentsQuery, type Comment } from './comments.ts';
import { subscribedQuery } from './subscriptions.ts';
import { ownBookmarkIdQuery } from './bookmarks.ts';
import { pseudsOfUserQuery, toPseud, type Pseud } from './pseuds.ts';
import { blockedByQuery } from './blocks.ts';
import {
  readingPositionQuery,
  readingStateQuery,
  toReadingPosition,
  toReadingState,
  type ReadingPosition,
} from './readings.ts';
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

/** What a rendered work or chapter page reads, once the viewer may read the work (see WorkSurroundingsStore.page). */
export interface WorkPageAsk {
  workId: number;
  /** The chapter whose text is shown, or all of the work's chapters. */
  chapters: number | 'all';
  /** The comments of this chapter only; undefined: of the whole work. */
  commentsOfChapter: number | undefined;
  /** Chapters whose commented paragraphs are marked (none: not asked). */
  passageChapterIds: number[];
  /** Kudos givers named, at most. */
  kudosNamesShown: number;
  /** Whether this visitor left kudos; undefined: not asked. */
  kudosLeftBy: Visitor | undefined;
  /** The member reading, and which of their own things about the work are asked. */
  member?: {
    userId: number;
    subscription: boolean;
    position: boolean;
    /** Of these users (the work's creators), the ones who blocked the member. */
    blockersAmong: number[];
  };
}

export interface WorkPageRows {
  surroundings: WorkSurroundingRows;
  /** The chapters asked for, in order (none when the one asked for is gone). */
  chapters: Chapter[];
  kudos: WorkKudos;
  /** Whether the visitor asked about left kudos (undefined when not asked). */
  kudosLeft: boolean | undefined;
  comments: Comment[];
  passageCounts: { chapterId: number; paragraph: number; count: number }[];
  member?: {
    /** undefined when not asked. */
    subscribed: boolean | undefined;
    bookmarkId: number | null;
    /** Where they stopped (undefined when not asked or nowhere). */
    position: ReadingPosition | undefined;
    keepsHistory: boolean;
    markedForLater: boolean;
    pseuds: Pseud[];
    blockedBy: number[];
  };
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

  /**
   * Everything a rendered work or chapter page reads besides the work itself: the chapter text,
   * the surroundings above, kudos, comments and the paragraphs' comment counts, and a member's own
   * follow, bookmark and reading state. Each part is its store's own query; on PostgreSQL they are
   * sent as one statement (JSON per part), on SQLite one by one. Nothing here decides who may see
   * what: the caller has already checked the work, and filters what comes back (src/app).
   */
  async page(ask: WorkPageAsk): Promise<WorkPageRows> {
    const { db } = this;
    const { workId, member } = ask;
    const chapterId = ask.chapters === 'all' ? undefined : ask.chapters;
    const passages = ask.passageChapterIds.length > 0;
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) {
      const [surroundings, chapters, logins, counts, left, comments, passageCounts, own] = await Promise.all([
        this.of(workId),
        chaptersQuery(db, workId, chapterId).execute(),
        kudosLoginsQuery(db, workId, ask.kudosNamesShown).execute(),
        kudosCountsQuery(db, workId).executeTakeFirstOrThrow(),
        ask.kudosLeftBy && kudosLeftQuery(db, workId, ask.kudosLeftBy).executeTakeFirst(),
        workCommentsQuery(db, workId, ask.commentsOfChapter).execute(),
        passages ? passageCountsQuery(db, ask.passageChapterIds).execute() : [],
        member &&
          Promise.all([
            member.subscription && subscribedQuery(db, member.userId, 'work', workId).executeTakeFirst(),
            ownBookmarkIdQuery(db, member.userId, { kind: 'work', id: workId }).executeTakeFirst(),
            member.position && readingPositionQuery(db, member.userId, workId).executeTakeFirst(),
            readingStateQuery(db, member.userId, workId).executeTakeFirst(),
            pseudsOfUserQuery(db, member.userId).execute(),
            member.blockersAmong.length > 0 ? blockedByQuery(db, member.userId, member.blockersAmong).execute() : [],
          ]),
      ]);
      return {
        surroundings,
        chapters: chapters.map(toChapter),
        kudos: toWorkKudos(logins, counts),
        kudosLeft: ask.kudosLeftBy ? left !== undefined : undefined,
        comments: comments.map(toComment),
        passageCounts: toPassageCounts(passageCounts),
        member:
          member && own
            ? {
                subscribed: member.subscription ? own[0] !== undefined : undefined,
                bookmarkId: own[1]?.id ?? null,
                position: own[2] ? toReadingPosition(own[2]) : undefined,
                ...toReadingState(own[3]),
                pseuds: own[4].map(toPseud),
                blockedBy: own[5].map((b) => b.blocker_id),
              }
            : undefined,
      };
    }
    const none = sql<null>`null`;
    const row = await db
      .selectNoFrom((eb) => [
        jsonArrayFrom(seriesOfWorkQuery(db, workId)).as('series'),
        jsonArrayFrom(inboundQuery(db, workId)).as('inbound'),
        jsonArrayFrom(itemsOfWorkQuery(db, workId)).as('items'),
        jsonArrayFrom(promptsOfWorkQuery(db, workId)).as('prompts'),
        jsonArrayFrom(chaptersQuery(db, workId, chapterId)).as('chapters'),
        jsonArrayFrom(kudosLoginsQuery(db, workId, ask.kudosNamesShown)).as('kudos_logins'),
        jsonObjectFrom(kudosCountsQuery(db, workId)).as('kudos_counts'),
        orNone(ask.kudosLeftBy && eb.exists(kudosLeftQuery(db, workId, ask.kudosLeftBy))).as('kudos_left'),
        jsonArrayFrom(workCommentsQuery(db, workId, ask.commentsOfChapter)).as('comments'),
        orNone(passages && jsonArrayFrom(passageCountsQuery(db, ask.passageChapterIds))).as('passage_counts'),
        orNone(member?.subscription && eb.exists(subscribedQuery(db, member.userId, 'work', workId))).as('subscribed'),
        (member ? ownBookmarkIdQuery(db, member.userId, { kind: 'work', id: workId }) : none).as('bookmark_id'),
        orNone(member?.position && jsonObjectFrom(readingPositionQuery(db, member.userId, workId))).as('position'),
        orNone(member && jsonObjectFrom(readingStateQuery(db, member.userId, workId))).as('reading_state'),
        orNone(member && jsonArrayFrom(pseudsOfUserQuery(db, member.userId))).as('pseuds'),
        orNone(
          member &&
            member.blockersAmong.length > 0 &&
            jsonArrayFrom(blockedByQuery(db, member.userId, member.blockersAmong)),
        ).as('blocked_by'),
      ])
      .executeTakeFirstOrThrow();
    return {
      surroundings: {
        series: row.series,
        inbound: toInbound(row.inbound),
        collectionItems: toWorkCollectionItems(row.items),
        prompts: toWorkPrompts(row.prompts),
      },
      chapters: row.chapters.map(toChapter),
      kudos: toWorkKudos(row.kudos_logins, row.kudos_counts!),
      kudosLeft: ask.kudosLeftBy ? row.kudos_left === true : undefined,
      comments: row.comments.map(toComment),
      passageCounts: toPassageCounts(row.passage_counts ?? []),
      member: member
        ? {
            subscribed: member.subscription ? row.subscribed === true : undefined,
            bookmarkId: row.bookmark_id ?? null,
            position: toReadingPosition(row.position),
            ...toReadingState(row.reading_state),
            pseuds: (row.pseuds ?? []).map(toPseud),
            blockedBy: (row.blocked_by ?? []).map((b) => b.blocker_id),
          }
        : undefined,
    };
  }
}

/** A part of the page's statement, or SQL null where it is not asked for. */
function orNone<T>(part: RawBuilder<T> | Expression<T> | false | undefined | null): RawBuilder<T | null> {
  return (part || sql<null>`null`) as RawBuilder<T | null>;
}
