import { PostgresAdapter, sql, type ExpressionBuilder, type Selectable } from 'kysely';
import { jsonArrayFrom as pgJsonArrayFrom } from 'kysely/helpers/postgres';
import { jsonArrayFrom as sqliteJsonArrayFrom } from 'kysely/helpers/sqlite';
import { now, type Db, type Tx } from './database.ts';
import type { ChaptersTable, Database, WorksTable } from './schema.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import type { ChapterContent } from '../text/work-text.ts';
import { announceChapter, announceRelease, announceWork, scheduleRelease } from './subscriptions.ts';
import { noteWorksChanged } from './work-changes.ts';
import { noteWorkTextChanged } from './search-text.ts';
import { fileWorkInSeries, type SeriesChoice } from './series.ts';
import { fileWorkInCollections, type CollectionFiling } from './collections.ts';
import {
  CREDIT_COLUMNS,
  toCredit,
  toRelated,
  writeWorkLinks,
  WorkLinkStore,
  type Credit,
  type RelatedLink,
  type WorkLinks,
} from './work-links.ts';
import {
  FREE_TAG_KINDS,
  tagKey,
  type CommentPolicy,
  type Rating,
  type TagKind,
  type Visibility,
  type WorkFields,
} from '../domain/works.ts';
import { hiddenOf, type HiddenByModerators } from './hidden.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';
import { reanchorPassageComments } from './comments.ts';
import { followChapterOrder } from './readings.ts';
import { findOrCreateTag } from './tag-graph.ts';

export interface WorkTag {
  id: number;
  kind: TagKind;
  name: string;
}

export interface Creator {
  pseudId: number;
  name: string;
  login: string;
  userId: number;
  accepted: boolean;
}

export interface ChapterSummary {
  id: number;
  position: number;
  title: string;
  draft: boolean;
  publishedAt: string | null;
  wordCount: number;
  /** Hidden by the archive's moderators: readers other than its creators and staff never see it. */
  hidden: HiddenByModerators | null;
}

/** A work as lists show it (AO3's "blurb"). */
export interface WorkBlurb {
  id: number;
  title: string;
  summary: string;
  rating: Rating;
  language: string;
  visibility: Visibility;
  commentPolicy: CommentPolicy;
  moderated: boolean;
  /** False when its creators turned comments on a paragraph or sentence off (on by default; always set from the store). */
  passageComments?: boolean;
  expectedChapters: number | null;
  complete: boolean;
  publishedAt: string | null;
  revisedAt: string | null;
  createdAt: string;
  updatedAt: string;
  wordCount: number;
  chapterCount: number;
  hits: number;
  kudosCount: number;
  commentCount: number;
  bookmarkCount: number;
  /** Hidden by the archive's moderators: gone for everyone but its creators and staff. */
  hidden: HiddenByModerators | null;
  /** Its creators ask search engines and AI crawlers not to index it (this work's own choice). */
  noindex?: boolean;
  /** In a collection that has not revealed it: read only by its creators and the collection's maintainers (always set from the store). */
  unrevealed?: boolean;
  /** In a collection that has not revealed its creators: every byline says "Anonymous" (always set from the store). */
  anonymous?: boolean;
  creators: Creator[];
  tags: WorkTag[];
}

export interface Work extends WorkBlurb {
  notes: string;
  endNotes: string;
  disclaimer: string;
  chapters: ChapterSummary[];
  /** Gift recipients (refused ones included, flagged) and beta readers. */
  credits: Credit[];
  related: RelatedLink[];
  /**
   * The work or one of its accepted creators asks not to be indexed (read by `find`, with the
   * work: its pages need no statement of their own for it).
   */
  optedOut?: boolean;
}

export interface Chapter extends ChapterContent {
  id: number;
  workId: number;
  position: number;
  draft: boolean;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  hidden: HiddenByModerators | null;
}

export type { ChapterContent };

/** Work fields with their HTML fields already sanitized. */
export type WorkContent = WorkFields;

/** A JSON array selected with jsonArrayFrom: parsed by pg on PostgreSQL, text from SQLite. */
/** An accepted creator of the work who asked that nothing of theirs be indexed. */
export function optedOutCreator(eb: ExpressionBuilder<Database, 'works'>) {
  return eb.exists(
    eb
      .selectFrom('creatorships as oc')
      .innerJoin('pseuds as op', 'op.id', 'oc.pseud_id')
      .innerJoin('users as ou', 'ou.id', 'op.user_id')
      .select('oc.work_id')
      .whereRef('oc.work_id', '=', 'works.id')
      .where('oc.accepted', '=', 1)
      .where('ou.noindex', '=', 1),
  );
}

function jsonRows<T>(value: T[] | string): T[] {
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value;
}

function toBlurb(row: Selectable<WorksTable>): Omit<WorkBlurb, 'creators' | 'tags'> {
  return {
    id: row.id,
    title: row.title,
    summary: row.summary,
    rating: row.rating as Rating,
    language: row.language,
    visibility: row.visibility as Visibility,
    commentPolicy: row.comment_policy as CommentPolicy,
    moderated: row.moderated === 1,
    passageComments: row.passage_comments !== 0,
    expectedChapters: row.expected_chapters,
    complete: row.complete === 1,
    publishedAt: row.published_at,
    revisedAt: row.revised_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    wordCount: row.word_count,
    chapterCount: row.chapter_count,
    hits: row.hits,
    kudosCount: row.kudos_count,
    commentCount: row.comment_count,
    bookmarkCount: row.bookmark_count,
    hidden: hiddenOf(row),
    noindex: row.noindex === 1,
    unrevealed: row.unrevealed === 1,
    anonymous: row.anonymous === 1,
  };
}

/** A work's chapters in order, or the one of them with this id. */
export function chaptersQuery(db: Db, workId: number, chapterId?: number) {
  const query = db.selectFrom('chapters').selectAll().where('work_id', '=', workId);
  return chapterId === undefined ? query.orderBy('position') : query.where('id', '=', chapterId);
}

export function toChapter(row: Selectable<ChaptersTable>): Chapter {
  return {
    id: row.id,
    workId: row.work_id,
    position: row.position,
    title: row.title,
    summary: row.summary,
    notes: row.notes,
    endNotes: row.end_notes,
    body: row.body,
    wordCount: row.word_count,
    draft: row.draft === 1,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    hidden: hiddenOf(row),
  };
}

const TAG_ORDER: TagKind[] = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

function workColumns(fields: WorkContent) {
  return {
    title: fields.title,
    summary: fields.summary,
    notes: fields.notes,
    end_notes: fields.endNotes,
    disclaimer: fields.disclaimer,
    rating: fields.rating,
    language: fields.language,
    visibility: fields.visibility,
    comment_policy: fields.commentPolicy,
    moderated: fields.moderated ? 1 : 0,
    expected_chapters: fields.expectedChapters,
    complete: fields.complete ? 1 : 0,
    // Left as it is by whatever does not know the choice (imports, older API clients).
    ...(fields.noindex === undefined ? {} : { noindex: fields.noindex ? 1 : 0 }),
    ...(fields.passageComments === undefined ? {} : { passage_comments: fields.passageComments ? 1 : 0 }),
  };
}

export interface ListOptions {
  viewerId: number | null;
  limit: number;
  offset?: number;
  pseudId?: number;
  userId?: number;
  tagName?: string;
  /** Only works tagged with any of these tags (see TagStore.filterTagIdsFor). */
  tagIds?: number[];
  /** Leaves out works with any of these tags or by any of these creators (the viewer's mutes). */
  muted?: { tagIds: number[]; userIds: number[] };
  /** Only these works (e.g. a series' works). */
  ids?: number[];
  /** Only works whose creators may be named to the viewer (a series' works: the series names its creator). */
  named?: boolean;
}

/** Works a viewer may see now: released to them, or their own (drafts and scheduled ones too). */
export function visibleTo(viewerId: number | null, at = now()) {
  return (eb: ExpressionBuilder<Database, 'works'>) => {
    const released = eb.and([
      eb('works.visibility', viewerId === null ? '=' : 'in', viewerId === null ? 'public' : ['public', 'registered']),
      eb('works.published_at', '<=', at),
      eb('works.hidden_at', 'is', null),
      eb('works.unrevealed', '=', 0),
    ]);
    if (viewerId === null) return released;
    return eb.or([
      released,
      eb.exists(
        eb
          .selectFrom('creatorships as vc')
          .innerJoin('pseuds as vp', 'vp.id', 'vc.pseud_id')
          .select('vc.work_id')
          .whereRef('vc.work_id', '=', 'works.id')
          .where('vc.accepted', '=', 1)
          .where('vp.user_id', '=', viewerId),
      ),
    ]);
  };
}

/** Works whose creators may be named to this viewer: not anonymous, or their own. */
function namedOrOwn(viewerId: number | null) {
  return (eb: ExpressionBuilder<Database, 'works'>) =>
    viewerId === null
      ? eb('works.anonymous', '=', 0)
      : eb.or([
          eb('works.anonymous', '=', 0),
          eb.exists(
            eb
              .selectFrom('creatorships as oc')
              .innerJoin('pseuds as op', 'op.id', 'oc.pseud_id')
              .select('oc.work_id')
              .whereRef('oc.work_id', '=', 'works.id')
              .where('oc.accepted', '=', 1)
              .where('op.user_id', '=', viewerId),
          ),
        ]);
}

const NO_LINKS: WorkLinks = { invitedPseudIds: [], gifts: [], betas: [], related: [] };

/** A posting form's series choice, with whose a new series would be. */
export interface InSeries {
  userId: number;
  choice: SeriesChoice;
}

/** A work's creators as the work pages and listings read them (creatorships joined to pseuds and users). */
const CREATOR_COLUMNS = [
  'creatorships.work_id',
  'creatorships.accepted',
  'pseuds.id as pseud_id',
  'pseuds.name',
  'users.login',
  'users.id as user_id',
] as const;

export class WorkStore {
  private readonly links: WorkLinkStore;

  constructor(private readonly db: Db) {
    this.links = new WorkLinkStore(db);
  }

  /**
   * Posts a work with its first chapter (and any further chapters, as an import brings them),
   * creators, invitations, credits, related works and tags, all or nothing.
   */
  async create(input: {
    fields: WorkContent;
    chapter: ChapterContent;
    moreChapters?: ChapterContent[];
    creatorPseudIds: number[];
    links?: WorkLinks;
    /** The series to file the work into (a new one is started for `userId`); failing to undoes the work. */
    series?: InSeries;
    /** Runs in the same transaction once the work is written (an import uses up its preview); throwing undoes the work. */
    alsoInTransaction?: (tx: Tx, workId: number) => Promise<void>;
    /** Held for the moderators from the start (the spam check): hidden, with the reason its creators read. */
    held?: { reason: string };
    /** Collections to file the work in (before it is announced: an unrevealed one holds it back). */
    collections?: CollectionFiling;
  }): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const at = now();
      const publishedAt = input.fields.visibility === 'draft' ? null : (input.fields.publishAt ?? at);
      const work = await tx
        .insertInto('works')
        .values({
          ...workColumns(input.fields),
          published_at: publishedAt,
          revised_at: publishedAt,
          created_at: at,
          updated_at: at,
          ...(input.held ? { hidden_at: at, hidden_reason: input.held.reason } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('creatorships')
        .values(
          input.creatorPseudIds.map((pseudId, position) => ({
            work_id: work.id,
            pseud_id: pseudId,
            position,
            accepted: 1,
          })),
        )
        .execute();
      await tx
        .insertInto('chapters')
        .values(
          [input.chapter, ...(input.moreChapters ?? [])].map((chapter, index) => ({
            work_id: work.id,
            position: index + 1,
            title: chapter.title,
            summary: chapter.summary,
            notes: chapter.notes,
            end_notes: chapter.endNotes,
            body: chapter.body,
            word_count: chapter.wordCount,
            draft: 0,
            published_at: publishedAt,
            created_at: at,
            updated_at: at,
            // Out now: they come out with the work, which is announced as a whole.
            announced_at: publishedAt !== null && publishedAt <= at ? at : null,
          })),
        )
        .execute();
      await this.retag(tx, work.id, input.fields);
      await writeWorkLinks(tx, work.id, input.links ?? NO_LINKS);
      await this.recount(tx, work.id);
      await noteWorkTextChanged(tx, [work.id]);
      if (input.collections) await fileWorkInCollections(tx, work.id, input.collections);
      await announceWork(tx, work.id);
      if (publishedAt !== null && publishedAt > at) await scheduleRelease(tx, work.id, publishedAt);
      if (input.series) await fileWorkInSeries(tx, input.series.userId, work.id, input.series.choice);
      await input.alsoInTransaction?.(tx, work.id);
      return work.id;
    });
  }

  /**
   * Changes a work's own fields, tags and links (its chapters are edited one by one); links left out
   * stay as they are. A series given files the work into it, all or nothing.
   */
  async update(
    workId: number,
    fields: WorkContent,
    links?: WorkLinks,
    series?: InSeries,
    /** Held for the moderators as it is posted (the spam check): hidden in the same step. */
    held?: { reason: string },
    /** Collections to file the work in or take it out of (before it is announced). */
    collections?: CollectionFiling,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('works')
        .select(['published_at', 'visibility'])
        .where('id', '=', workId)
        .executeTakeFirst();
      if (!current) throw new NotFoundError('That work no longer exists.');
      const at = now();
      // Leaving draft publishes it now (or at the chosen time); a chosen date always wins.
      let publishedAt = current.published_at;
      if (fields.publishAt) publishedAt = fields.publishAt;
      else if (publishedAt === null && fields.visibility !== 'draft') publishedAt = at;
      if (fields.visibility === 'draft') publishedAt = fields.publishAt ?? current.published_at;
      await tx
        .updateTable('works')
        .set({
          ...workColumns(fields),
          published_at: fields.visibility === 'draft' && current.visibility === 'draft' ? null : publishedAt,
          updated_at: at,
          ...(held ? { hidden_at: at, hidden_reason: held.reason } : {}),
        })
        .where('id', '=', workId)
        .execute();
      if (publishedAt !== null) {
        await tx
          .updateTable('chapters')
          .set({ published_at: publishedAt })
          .where('work_id', '=', workId)
          .where('draft', '=', 0)
          .where('published_at', 'is', null)
          .execute();
        // Chapters scheduled with the work move with it when it is rescheduled.
        if (current.published_at !== null && current.published_at > at && publishedAt !== current.published_at) {
          await tx
            .updateTable('chapters')
            .set({ published_at: publishedAt })
            .where('work_id', '=', workId)
            .where('draft', '=', 0)
            .where('published_at', '=', current.published_at)
            .execute();
        }
        await tx
          .updateTable('works')
          .set({ revised_at: publishedAt })
          .where('id', '=', workId)
          .where('revised_at', 'is', null)
          .execute();
      }
      await this.retag(tx, workId, fields);
      if (links) await writeWorkLinks(tx, workId, links);
      await this.recount(tx, workId);
      await noteWorkTextChanged(tx, [workId]);
      if (collections) await fileWorkInCollections(tx, workId, collections);
      const wasOut = current.visibility !== 'draft' && current.published_at !== null && current.published_at <= at;
      if (!wasOut) await announceRelease(tx, workId);
      if (fields.visibility !== 'draft' && publishedAt !== null && publishedAt > at)
        await scheduleRelease(tx, workId, publishedAt);
      if (series) await fileWorkInSeries(tx, series.userId, workId, series.choice);
    });
  }

  private async retag(tx: Tx, workId: number, fields: WorkContent): Promise<void> {
    const wanted: [TagKind, string][] = [
      ['rating', fields.rating],
      ...fields.warnings.map((w): [TagKind, string] => ['warning', w]),
      ...fields.categories.map((c): [TagKind, string] => ['category', c]),
      ...FREE_TAG_KINDS.flatMap((kind) => fields.tags[kind].map((name): [TagKind, string] => [kind, name])),
    ];
    await tx.deleteFrom('taggings').where('work_id', '=', workId).execute();
    const seen = new Set<number>();
    let position = 0;
    for (const [kind, name] of wanted) {
      const tagId = await findOrCreateTag(tx, kind, name);
      if (seen.has(tagId)) continue;
      seen.add(tagId);
      await tx.insertInto('taggings').values({ work_id: workId, tag_id: tagId, position: position++ }).execute();
    }
  }

  /** Word and chapter counts come from the posted chapters, recomputed in the same transaction. */
  private async recount(tx: Tx, workId: number): Promise<void> {
    const totals = await tx
      .selectFrom('chapters')
      .select((eb) => [
        eb.fn.coalesce(eb.fn.sum<number>('word_count'), sql<number>`0`).as('words'),
        eb.fn.countAll<number>().as('chapters'),
      ])
      .where('work_id', '=', workId)
      .where('draft', '=', 0)
      .where('hidden_at', 'is', null)
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('works')
      .set({ word_count: Number(totals.words), chapter_count: Number(totals.chapters) })
      .where('id', '=', workId)
      .execute();
  }

  async find(workId: number): Promise<Work | undefined> {
    // One statement (on PostgreSQL one round trip, where it was six): the work with its creators,
    // tags, chapters, credits and related works as JSON arrays, put in order here.
    const jsonArrayFrom =
      this.db.getExecutor().adapter instanceof PostgresAdapter ? pgJsonArrayFrom : sqliteJsonArrayFrom;
    const row = await this.db
      .selectFrom('works')
      .selectAll('works')
      .select((eb) => [
        jsonArrayFrom(
          eb
            .selectFrom('creatorships')
            .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
            .innerJoin('users', 'users.id', 'pseuds.user_id')
            .select([...CREATOR_COLUMNS, 'creatorships.position'])
            .whereRef('creatorships.work_id', '=', 'works.id'),
        ).as('creators_json'),
        jsonArrayFrom(
          eb
            .selectFrom('taggings')
            .innerJoin('tags', 'tags.id', 'taggings.tag_id')
            .select(['taggings.work_id', 'tags.id', 'tags.kind', 'tags.name', 'taggings.position'])
            .whereRef('taggings.work_id', '=', 'works.id'),
        ).as('tags_json'),
        jsonArrayFrom(
          eb
            .selectFrom('chapters')
            .select(['id', 'position', 'title', 'draft', 'published_at', 'word_count', 'hidden_at', 'hidden_reason'])
            .whereRef('chapters.work_id', '=', 'works.id'),
        ).as('chapters_json'),
        jsonArrayFrom(
          eb
            .selectFrom('work_credits')
            .leftJoin('pseuds', 'pseuds.id', 'work_credits.pseud_id')
            .leftJoin('users', 'users.id', 'pseuds.user_id')
            .select([...CREDIT_COLUMNS, 'work_credits.position'])
            .whereRef('work_credits.work_id', '=', 'works.id'),
        ).as('credits_json'),
        jsonArrayFrom(
          eb
            .selectFrom('related_works')
            .select(['relation', 'target_work_id', 'url', 'title', 'position'])
            .whereRef('related_works.work_id', '=', 'works.id'),
        ).as('related_json'),
        optedOutCreator(eb).as('creator_opted_out'),
      ])
      .where('works.id', '=', workId)
      .executeTakeFirst();
    if (!row) return undefined;
    const { creators_json, tags_json, chapters_json, credits_json, related_json, creator_opted_out, ...work } = row;
    const byPosition = (a: { position: number }, b: { position: number }) => a.position - b.position;
    const [decorated] = this.decorateWith(
      [work],
      jsonRows(creators_json).sort(byPosition),
      jsonRows(tags_json).sort(byPosition),
    );
    const chapters = jsonRows(chapters_json).sort(byPosition);
    return {
      ...decorated,
      notes: work.notes,
      endNotes: work.end_notes,
      disclaimer: work.disclaimer,
      chapters: chapters.map((c) => ({
        id: c.id,
        position: c.position,
        title: c.title,
        draft: c.draft === 1,
        publishedAt: c.published_at,
        wordCount: c.word_count,
        hidden: hiddenOf(c),
      })),
      credits: jsonRows(credits_json)
        .sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : a.position - b.position))
        .map(toCredit),
      related: jsonRows(related_json).sort(byPosition).map(toRelated),
      optedOut: work.noindex === 1 || Boolean(creator_opted_out),
    };
  }

  async chapter(workId: number, chapterId: number): Promise<Chapter | undefined> {
    const row = await chaptersQuery(this.db, workId, chapterId).executeTakeFirst();
    return row ? toChapter(row) : undefined;
  }

  /** A chapter by its own id, whichever work it is in. */
  async chapterById(chapterId: number): Promise<Chapter | undefined> {
    const row = await this.db.selectFrom('chapters').selectAll().where('id', '=', chapterId).executeTakeFirst();
    return row ? toChapter(row) : undefined;
  }

  async chaptersOf(workId: number): Promise<Chapter[]> {
    const rows = await chaptersQuery(this.db, workId).execute();
    return rows.map(toChapter);
  }

  private async decorate(rows: Selectable<WorksTable>[]): Promise<WorkBlurb[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [creators, tags] = await Promise.all([this.creatorsOf(ids), this.tagsOf(ids)]);
    return this.decorateWith(rows, creators, tags);
  }

  private creatorsOf(ids: number[]) {
    return this.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .innerJoin('users', 'users.id', 'pseuds.user_id')
      .select(CREATOR_COLUMNS)
      .where('creatorships.work_id', 'in', ids)
      .orderBy('creatorships.position')
      .execute();
  }

  private tagsOf(ids: number[]) {
    return this.db
      .selectFrom('taggings')
      .innerJoin('tags', 'tags.id', 'taggings.tag_id')
      .select(['taggings.work_id', 'tags.id', 'tags.kind', 'tags.name'])
      .where('taggings.work_id', 'in', ids)
      .orderBy('taggings.position')
      .execute();
  }

  private decorateWith(
    rows: Selectable<WorksTable>[],
    creators: Awaited<ReturnType<WorkStore['creatorsOf']>>,
    tags: Awaited<ReturnType<WorkStore['tagsOf']>>,
  ): WorkBlurb[] {
    return rows.map((row) => ({
      ...toBlurb(row),
      creators: creators
        .filter((c) => c.work_id === row.id)
        .map((c) => ({
          pseudId: c.pseud_id,
          name: c.name,
          login: c.login,
          userId: c.user_id,
          accepted: c.accepted === 1,
        })),
      tags: tags
        .filter((t) => t.work_id === row.id)
        .map((t) => ({ id: t.id, kind: t.kind as TagKind, name: t.name }))
        .sort((a, b) => TAG_ORDER.indexOf(a.kind) - TAG_ORDER.indexOf(b.kind)),
    }));
  }

  /** Works a viewer may see, newest update first; drafts and scheduled works only for their creators. */
  async list(options: ListOptions): Promise<{ works: WorkBlurb[]; total: number }> {
    let query = this.db.selectFrom('works').where(visibleTo(options.viewerId));
    // Listed under a creator, a work a collection keeps anonymous would be named: only its creators see it there.
    if (options.named || options.pseudId !== undefined || options.userId !== undefined)
      query = query.where(namedOrOwn(options.viewerId));
    if (options.pseudId !== undefined) {
      const pseudId = options.pseudId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('creatorships as c')
            .select('c.work_id')
            .whereRef('c.work_id', '=', 'works.id')
            .where('c.pseud_id', '=', pseudId)
            .where('c.accepted', '=', 1),
        ),
      );
    }
    if (options.userId !== undefined) {
      const userId = options.userId;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('creatorships as c')
            .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
            .select('c.work_id')
            .whereRef('c.work_id', '=', 'works.id')
            .where('p.user_id', '=', userId)
            .where('c.accepted', '=', 1),
        ),
      );
    }
    if (options.ids !== undefined) {
      if (options.ids.length === 0) return { works: [], total: 0 };
      query = query.where('works.id', 'in', options.ids);
    }
    if (options.tagName !== undefined) {
      const key = tagKey(options.tagName);
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('taggings as tg')
            .innerJoin('tags as t', 't.id', 'tg.tag_id')
            .select('tg.work_id')
            .whereRef('tg.work_id', '=', 'works.id')
            .where('t.name_key', '=', key),
        ),
      );
    }
    if (options.tagIds !== undefined) {
      if (options.tagIds.length === 0) return { works: [], total: 0 };
      const tagIds = options.tagIds;
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('taggings as tg')
            .select('tg.work_id')
            .whereRef('tg.work_id', '=', 'works.id')
            .where('tg.tag_id', 'in', tagIds),
        ),
      );
    }
    const muted = options.muted;
    if (muted && muted.tagIds.length > 0) {
      query = query.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('taggings as mt')
              .select('mt.work_id')
              .whereRef('mt.work_id', '=', 'works.id')
              .where('mt.tag_id', 'in', muted.tagIds),
          ),
        ),
      );
    }
    if (muted && muted.userIds.length > 0) {
      query = query.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('creatorships as mc')
              .innerJoin('pseuds as mp', 'mp.id', 'mc.pseud_id')
              .select('mc.work_id')
              .whereRef('mc.work_id', '=', 'works.id')
              .where('mc.accepted', '=', 1)
              .where('mp.user_id', 'in', muted.userIds),
          ),
        ),
      );
    }
    const offset = options.offset ?? 0;
    const rows = await query
      .selectAll('works')
      .orderBy(sql`coalesce(works.revised_at, works.updated_at)`, 'desc')
      .orderBy('works.id', 'desc')
      .limit(options.limit)
      .offset(offset)
      .execute();
    // A first page that holds every match (fewer than asked for, or all the ids asked about) is
    // its own count: no second statement (a page of search results, on PostgreSQL a round trip).
    const whole = offset === 0 && (rows.length < options.limit || (options.ids?.length ?? Infinity) <= options.limit);
    const [works, total] = await Promise.all([
      this.decorate(rows),
      whole
        ? rows.length
        : query
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
            .then((row) => Number(row.n)),
    ]);
    return { works, total };
  }

  /** Replaces one creator's pen names on a work (co-creators' stay as they are). */
  async setCreatorPseuds(workId: number, userId: number, pseudIds: number[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const own = await tx.selectFrom('pseuds').select('id').where('user_id', '=', userId).execute();
      const ownIds = own.map((p) => p.id);
      const wanted = pseudIds.filter((id) => ownIds.includes(id));
      if (wanted.length === 0) return;
      await tx
        .deleteFrom('creatorships')
        .where('work_id', '=', workId)
        .where('pseud_id', 'in', ownIds)
        .where('pseud_id', 'not in', wanted)
        .execute();
      const present = await tx
        .selectFrom('creatorships')
        .select(['pseud_id', 'position'])
        .where('work_id', '=', workId)
        .execute();
      let position = Math.max(-1, ...present.map((c) => c.position));
      for (const pseudId of wanted) {
        if (present.some((c) => c.pseud_id === pseudId)) continue;
        await tx
          .insertInto('creatorships')
          .values({ work_id: workId, pseud_id: pseudId, position: ++position, accepted: 1 })
          .execute();
      }
      await noteWorkTextChanged(tx, [workId]);
    });
  }

  /** Appends a chapter; a posted one (not a draft) makes the work "updated" now. */
  async addChapter(workId: number, content: ChapterContent, draft: boolean, postedAt?: string): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const work = await tx.selectFrom('works').select(['published_at']).where('id', '=', workId).executeTakeFirst();
      if (!work) throw new NotFoundError('That work no longer exists.');
      const last = await tx
        .selectFrom('chapters')
        .select((eb) => eb.fn.max<number>('position').as('p'))
        .where('work_id', '=', workId)
        .executeTakeFirstOrThrow();
      const at = postedAt ?? now();
      const publishedAt = draft || work.published_at === null ? null : work.published_at > at ? work.published_at : at;
      const row = await tx
        .insertInto('chapters')
        .values({
          work_id: workId,
          position: Number(last.p ?? 0) + 1,
          title: content.title,
          summary: content.summary,
          notes: content.notes,
          end_notes: content.endNotes,
          body: content.body,
          word_count: content.wordCount,
          draft: draft ? 1 : 0,
          published_at: publishedAt,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await this.touch(tx, workId, publishedAt);
      await this.recount(tx, workId);
      await noteWorksChanged(tx, [workId]);
      await announceChapter(tx, workId, row.id);
      if (publishedAt !== null && publishedAt > now()) await scheduleRelease(tx, workId, publishedAt);
      return row.id;
    });
  }

  /** Saves a chapter; posting a draft chapter makes the work "updated" now. */
  async updateChapter(workId: number, chapterId: number, content: ChapterContent, draft: boolean): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const current = await tx
        .selectFrom('chapters')
        .select(['draft', 'published_at', 'body'])
        .where('work_id', '=', workId)
        .where('id', '=', chapterId)
        .executeTakeFirst();
      if (!current) throw new NotFoundError('That chapter no longer exists.');
      const work = await tx
        .selectFrom('works')
        .select('published_at')
        .where('id', '=', workId)
        .executeTakeFirstOrThrow();
      const at = now();
      const becomesPosted = current.draft === 1 && !draft;
      const publishedAt = draft
        ? current.published_at
        : (current.published_at ??
          (work.published_at === null ? null : work.published_at > at ? work.published_at : at));
      await tx
        .updateTable('chapters')
        .set({
          title: content.title,
          summary: content.summary,
          notes: content.notes,
          end_notes: content.endNotes,
          body: content.body,
          word_count: content.wordCount,
          draft: draft ? 1 : 0,
          published_at: publishedAt,
          updated_at: at,
        })
        .where('id', '=', chapterId)
        .execute();
      if (current.body !== content.body) await reanchorPassageComments(tx, chapterId, content.body, current.body);
      if (becomesPosted) await this.touch(tx, workId, publishedAt);
      await this.recount(tx, workId);
      await noteWorksChanged(tx, [workId]);
      if (becomesPosted) await announceChapter(tx, workId, chapterId);
      if (becomesPosted && publishedAt !== null && publishedAt > at) await scheduleRelease(tx, workId, publishedAt);
    });
  }

  /** Removes a chapter and closes the gap in the numbering. The last chapter of a work stays. */
  async deleteChapter(workId: number, chapterId: number, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const chapters = await tx
        .selectFrom('chapters')
        .select(['id', 'draft', 'hidden_at'])
        .where('work_id', '=', workId)
        .orderBy('position')
        .execute();
      if (!chapters.some((c) => c.id === chapterId)) throw new NotFoundError('That chapter no longer exists.');
      if (chapters.length === 1)
        throw new ValidationError({ chapter: 'A work needs at least one chapter. Delete the whole work instead.' });
      const before = chapters.map((c) => c.id);
      const after = before.filter((id) => id !== chapterId);
      // Readers' places move with their chapters (and off this one) before it goes.
      const readable = new Set(chapters.filter((c) => c.draft === 0 && c.hidden_at === null).map((c) => c.id));
      await followChapterOrder(tx, workId, before, after, readable);
      await tx.deleteFrom('chapters').where('id', '=', chapterId).execute();
      await this.renumber(tx, workId, after);
      await this.recount(tx, workId);
      await noteWorksChanged(tx, [workId]);
      await insertAuditLines(tx, audit);
    });
  }

  /** Puts the chapters in the given order (every chapter of the work, each once). */
  async reorderChapters(workId: number, orderedIds: number[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const chapters = await tx
        .selectFrom('chapters')
        .select('id')
        .where('work_id', '=', workId)
        .orderBy('position')
        .execute();
      const known = new Set(chapters.map((c) => c.id));
      if (
        orderedIds.length !== known.size ||
        new Set(orderedIds).size !== known.size ||
        orderedIds.some((id) => !known.has(id))
      ) {
        throw new ValidationError({ order: 'The new order must list every chapter of the work exactly once.' });
      }
      await this.renumber(tx, workId, orderedIds);
      await followChapterOrder(
        tx,
        workId,
        chapters.map((c) => c.id),
        orderedIds,
      );
      await tx.updateTable('works').set({ updated_at: now() }).where('id', '=', workId).execute();
      await noteWorksChanged(tx, [workId]);
    });
  }

  /** Numbers the chapters from 1 in this order: two statements, however many chapters the work has. */
  private async renumber(tx: Tx, workId: number, orderedIds: number[]): Promise<void> {
    if (orderedIds.length === 0) return;
    const places = sql.join(
      orderedIds.map((id, i) => sql`when ${id} then cast(${-(i + 1)} as integer)`),
      sql` `,
    );
    // Negative first, so that no two chapters share a position in between, whatever constraints come later.
    await tx
      .updateTable('chapters')
      .set({ position: sql<number>`case id ${places} end` })
      .where('work_id', '=', workId)
      .where('id', 'in', orderedIds)
      .execute();
    await tx
      .updateTable('chapters')
      .set({ position: sql<number>`-position` })
      .where('work_id', '=', workId)
      .where('id', 'in', orderedIds)
      .execute();
  }

  /** Marks the work as changed, and as "updated" for readers when a chapter came out. */
  private async touch(tx: Tx, workId: number, chapterPublishedAt: string | null): Promise<void> {
    const at = now();
    await tx.updateTable('works').set({ updated_at: at }).where('id', '=', workId).execute();
    if (chapterPublishedAt !== null) {
      await tx
        .updateTable('works')
        .set({ revised_at: chapterPublishedAt })
        .where('id', '=', workId)
        .where((eb) => eb.or([eb('revised_at', 'is', null), eb('revised_at', '<', chapterPublishedAt)]))
        .execute();
    }
  }

  /** The works a user is an accepted creator of (drafts too). */
  async idsByUser(userId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select('creatorships.work_id')
      .distinct()
      .where('pseuds.user_id', '=', userId)
      .where('creatorships.accepted', '=', 1)
      .execute();
    return rows.map((r) => r.work_id);
  }

  async countByUser(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('creatorships')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select((eb) => eb.fn.count<number>('creatorships.work_id').distinct().as('n'))
      .where('pseuds.user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Deletes the work; `audit` (a moderator's deletion) is logged in the same transaction. */
  async delete(workId: number, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('works').where('id', '=', workId).execute();
      await noteWorksChanged(tx, [workId]);
      await insertAuditLines(tx, audit);
    });
  }

  /**
   * Hides the work from everyone but its creators and staff, with the reason they are shown; `null`
   * shows it again. `audit` is logged in the same transaction.
   */
  async setHiddenByModerators(workId: number, hidden: { reason: string } | null, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await setWorkHidden(tx, workId, hidden);
      await insertAuditLines(tx, audit);
    });
  }

  /**
   * Inside a transaction another method opened (an account's ban): hides every work the account
   * alone created that is not hidden yet. Returns those works, for the log.
   */
  async hideSoleCreatorWorksIn(tx: Tx, userId: number, reason: string): Promise<{ id: number; title: string }[]> {
    const rows = await tx
      .selectFrom('works')
      .select(['id', 'title'])
      .where('id', 'in', soleCreatorWorks(tx, userId))
      .where('hidden_at', 'is', null)
      .orderBy('id')
      .execute();
    for (const row of rows) await setWorkHidden(tx, row.id, { reason });
    return rows;
  }

  /** Hides one chapter the same way; the work's chapter and word counts leave it out while it is hidden. */
  async setChapterHiddenByModerators(
    workId: number,
    chapterId: number,
    hidden: { reason: string } | null,
    audit?: AuditLines,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('chapters')
        .set({ hidden_at: hidden ? now() : null, hidden_reason: hidden?.reason ?? null })
        .where('id', '=', chapterId)
        .where('work_id', '=', workId)
        .execute();
      await this.recount(tx, workId);
      await noteWorksChanged(tx, [workId]);
      await insertAuditLines(tx, audit);
    });
  }

  /** Every work an account is the only accepted creator of (what a ban may hide). */
  /**
   * For the spam check of a member's first works: how many works they have posted (accepted
   * creatorships, drafts not counted) and how many of those since `since`.
   */
  async postingHistory(userId: number, since: string): Promise<{ posted: number; recent: number }> {
    // From the member's own pen names to their works (an index walk), never across all works.
    const row = await this.db
      .selectFrom('works')
      .where(
        'works.id',
        'in',
        this.db
          .selectFrom('creatorships as c')
          .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
          .select('c.work_id')
          .where('p.user_id', '=', userId)
          .where('c.accepted', '=', 1),
      )
      .where('works.published_at', 'is not', null)
      .where('works.visibility', '<>', 'draft')
      .select((eb) => [
        eb.fn.countAll<number>().as('posted'),
        eb.fn.sum<number>(eb.case().when('works.published_at', '>=', since).then(1).else(0).end()).as('recent'),
      ])
      .executeTakeFirstOrThrow();
    return { posted: Number(row.posted), recent: Number(row.recent ?? 0) };
  }

  /**
   * Whether a work posted since `since` by someone else has this summary or a chapter with this
   * text (as stored, after formatting); empty strings never match.
   */
  async sameTextOnOthersWorks(
    userId: number,
    texts: { summary: string; body: string },
    since: string,
  ): Promise<boolean> {
    if (texts.summary === '' && texts.body === '') return false;
    const row = await this.db
      .selectFrom('works')
      .select('works.id')
      .where('works.visibility', 'in', ['public', 'registered'])
      .where('works.published_at', '>=', since)
      .where((eb) =>
        eb.or([
          ...(texts.summary === '' ? [] : [eb('works.summary', '=', texts.summary)]),
          ...(texts.body === ''
            ? []
            : [
                eb.exists(
                  eb
                    .selectFrom('chapters')
                    .select('chapters.id')
                    .whereRef('chapters.work_id', '=', 'works.id')
                    .where('chapters.body', '=', texts.body),
                ),
              ]),
        ]),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('creatorships as c')
              .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
              .select('c.work_id')
              .whereRef('c.work_id', '=', 'works.id')
              .where('p.user_id', '=', userId),
          ),
        ),
      )
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async soleCreatorWorkIds(userId: number): Promise<number[]> {
    const rows = await soleCreatorWorks(this.db, userId).execute();
    return rows.map((r) => r.work_id).sort((a, b) => a - b);
  }

  async tagsNamed(name: string): Promise<WorkTag[]> {
    const rows = await this.db
      .selectFrom('tags')
      .select(['id', 'kind', 'name'])
      .where('name_key', '=', tagKey(name))
      .execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind as TagKind, name: r.name }));
  }
}

/** Hides a work (or shows it again, with `null`) inside a transaction. */
async function setWorkHidden(tx: Tx, workId: number, hidden: { reason: string } | null): Promise<void> {
  await tx
    .updateTable('works')
    .set({ hidden_at: hidden ? now() : null, hidden_reason: hidden?.reason ?? null })
    .where('id', '=', workId)
    .execute();
  await noteWorksChanged(tx, [workId]);
}

/** The works one account is the only accepted creator of, as a query (`work_id`). */
function soleCreatorWorks(db: Db | Tx, userId: number) {
  return db
    .selectFrom('creatorships as c')
    .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
    .select('c.work_id')
    .where('c.accepted', '=', 1)
    .groupBy('c.work_id')
    .having((eb) => eb.fn.count(sql`distinct p.user_id`), '=', 1)
    .having((eb) => eb.fn.max('p.user_id'), '=', userId);
}
