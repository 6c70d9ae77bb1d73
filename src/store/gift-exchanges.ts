import { sql } from 'kysely';
import { likeLiteral, now, type Db, type Tx } from './database.ts';
import { enqueueJob } from './jobs.ts';
import { addNotifications, type NewNotification } from './notifications.ts';
import {
  parseMatchSettings,
  parseSignUpRules,
  PROMPT_TAG_KINDS,
  type ExchangeSettings,
  type PromptSide,
  type PromptTagKind,
} from '../domain/gift-exchange/sign-up-rules.ts';
import type { Assignment, SignUp } from '../domain/gift-exchange/index.ts';
import { findOrCreateTag } from './tag-graph.ts';
import { loginKey, pseudKey } from '../domain/accounts.ts';

/** The background job that generates an exchange's assignments. */
export const GIFT_EXCHANGE_MATCHING_JOB = 'gift-exchange-matching';

export type MatchingStatus = 'idle' | 'queued' | 'running' | 'done' | 'failed';

export interface GiftExchange extends ExchangeSettings {
  collectionId: number;
  matchingStatus: MatchingStatus;
  /** 0 to 1 while the matching runs. */
  matchingProgress: number;
  matchingMessage: string;
  matchingRun: number;
  generatedAt: string | null;
  sentAt: string | null;
}

export interface PromptTag {
  id: number;
  kind: PromptTagKind;
  name: string;
  canonical: boolean;
}

export interface SignUpPrompt {
  id: number;
  side: PromptSide;
  position: number;
  title: string;
  description: string;
  url: string;
  any: PromptTagKind[];
  tags: PromptTag[];
}

/** Who signed up, as whom and when, without what they asked for and offered. */
export interface SignUpEntry {
  id: number;
  collectionId: number;
  userId: number;
  login: string;
  pseudId: number;
  pseudName: string;
  pinchHitter: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The sign-ups the assignments page lists apart: see `GiftExchangeStore.inGap`. */
export type SignUpGap = 'without-gift' | 'without-assignment' | 'pinch-hitters';

export interface ExchangeSignUp extends SignUpEntry {
  prompts: SignUpPrompt[];
}

/** How the sign-ups list is ordered: oldest first, or by pen name. */
export type SignUpSort = 'date' | 'name';

/** Requests and offers naming one fandom tag. */
export interface FandomCount {
  fandom: string;
  requests: number;
  offers: number;
}

/** An exchange's assignments counted by state, as the assignments page heads its lists. */
export interface AssignmentCounts {
  drafts: number;
  sent: number;
  /** Sent and not defaulted. */
  live: number;
  /** Sent, not defaulted, and its gift posted (not a draft). */
  posted: number;
}

/** A prompt as the use case saves it: tags already resolved (description already sanitized). */
export interface PromptToSave {
  side: PromptSide;
  title: string;
  description: string;
  url: string;
  any: PromptTagKind[];
  tagIds: number[];
  /** Tags the archive does not have yet (exchanges that take any tag), created with the sign-up. */
  newTags?: { kind: PromptTagKind; name: string }[];
}

export interface AssignmentRow {
  id: number;
  collectionId: number;
  giver: { signupId: number; userId: number; login: string; pseudId: number; pseudName: string };
  receiver: { signupId: number; userId: number; login: string; pseudId: number; pseudName: string };
  score: number;
  pinchHit: boolean;
  sentAt: string | null;
  defaultedAt: string | null;
  workId: number | null;
  /** The gift's title, and whether it is posted (not a draft). */
  work: { title: string; posted: boolean } | null;
  fulfilledAt: string | null;
}

type ExchangeRow = {
  collection_id: number;
  rules: string;
  match_settings: string;
  signups_open_at: string;
  signups_close_at: string;
  assignments_due_at: string | null;
  matching_status: string;
  matching_progress: number;
  matching_message: string;
  matching_run: number;
  generated_at: string | null;
  sent_at: string | null;
};

function toExchange(row: ExchangeRow): GiftExchange {
  return {
    collectionId: row.collection_id,
    rules: parseSignUpRules(row.rules),
    match: parseMatchSettings(row.match_settings),
    signupsOpenAt: row.signups_open_at,
    signupsCloseAt: row.signups_close_at,
    assignmentsDueAt: row.assignments_due_at,
    matchingStatus: row.matching_status as MatchingStatus,
    matchingProgress: Number(row.matching_progress) / 1000,
    matchingMessage: row.matching_message,
    matchingRun: Number(row.matching_run),
    generatedAt: row.generated_at,
    sentAt: row.sent_at,
  };
}

function anyKinds(stored: string): PromptTagKind[] {
  return stored.split(',').filter((k): k is PromptTagKind => (PROMPT_TAG_KINDS as readonly string[]).includes(k));
}

/** Gift exchanges: settings, sign-ups with their prompts, matching runs and assignments. */
export class GiftExchangeStore {
  constructor(private readonly db: Db) {}

  async find(collectionId: number): Promise<GiftExchange | undefined> {
    const row = await this.db
      .selectFrom('gift_exchanges')
      .selectAll()
      .where('collection_id', '=', collectionId)
      .executeTakeFirst();
    return row && toExchange(row);
  }

  /** Creates or changes the exchange's settings (a collection has at most one). */
  async save(collectionId: number, settings: ExchangeSettings): Promise<void> {
    const at = now();
    const values = {
      rules: JSON.stringify(settings.rules),
      match_settings: JSON.stringify(settings.match),
      signups_open_at: settings.signupsOpenAt,
      signups_close_at: settings.signupsCloseAt,
      assignments_due_at: settings.assignmentsDueAt,
      updated_at: at,
    };
    await this.db
      .insertInto('gift_exchanges')
      .values({ collection_id: collectionId, ...values, created_at: at })
      .onConflict((oc) => oc.column('collection_id').doUpdateSet(values))
      .execute();
  }

  // ——— sign-ups ———

  async signUpOf(collectionId: number, userId: number): Promise<ExchangeSignUp | undefined> {
    const [signUp] = await this.signUps(collectionId, { userId });
    return signUp;
  }

  /** How many members signed up to give and receive (pinch hitters not counted). */
  async signUpCount(collectionId: number): Promise<number> {
    const row = await this.db
      .selectFrom('gift_exchange_signups')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('collection_id', '=', collectionId)
      .where('pinch_hitter', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async signUp(id: number): Promise<ExchangeSignUp | undefined> {
    const row = await this.db
      .selectFrom('gift_exchange_signups')
      .select('collection_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const [signUp] = await this.signUps(row.collection_id, { id });
    return signUp;
  }

  private signUpRows(collectionId: number) {
    return this.db
      .selectFrom('gift_exchange_signups as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .innerJoin('pseuds as p', 'p.id', 's.pseud_id')
      .select([
        's.id',
        's.collection_id',
        's.user_id',
        'u.login',
        's.pseud_id',
        'p.name as pseud_name',
        's.pinch_hitter',
        's.created_at',
        's.updated_at',
      ])
      .where('s.collection_id', '=', collectionId);
  }

  private static toEntry(r: {
    id: number;
    collection_id: number;
    user_id: number;
    login: string;
    pseud_id: number;
    pseud_name: string;
    pinch_hitter: number;
    created_at: string;
    updated_at: string;
  }): SignUpEntry {
    return {
      id: r.id,
      collectionId: r.collection_id,
      userId: r.user_id,
      login: r.login,
      pseudId: r.pseud_id,
      pseudName: r.pseud_name,
      pinchHitter: Number(r.pinch_hitter) === 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }

  private async withPrompts(entries: SignUpEntry[]): Promise<ExchangeSignUp[]> {
    if (entries.length === 0) return [];
    const prompts = await this.promptsOf(entries.map((e) => e.id));
    return entries.map((e) => ({ ...e, prompts: prompts.get(e.id) ?? [] }));
  }

  /** The exchange's sign-ups (or one member's), oldest first, each with its prompts and their tags. */
  async signUps(
    collectionId: number,
    only: { userId?: number; id?: number; ids?: number[] } = {},
  ): Promise<ExchangeSignUp[]> {
    let query = this.signUpRows(collectionId);
    if (only.userId !== undefined) query = query.where('s.user_id', '=', only.userId);
    if (only.id !== undefined) query = query.where('s.id', '=', only.id);
    if (only.ids !== undefined) {
      if (only.ids.length === 0) return [];
      query = query.where('s.id', 'in', only.ids);
    }
    const rows = await query.orderBy('s.created_at').orderBy('s.id').execute();
    return this.withPrompts(rows.map(GiftExchangeStore.toEntry));
  }

  /** One page of the exchange's sign-ups, with their prompts. */
  async signUpPage(
    collectionId: number,
    page: { sort: SignUpSort; limit: number; offset: number },
  ): Promise<ExchangeSignUp[]> {
    let query = this.signUpRows(collectionId);
    query =
      page.sort === 'name'
        ? query.orderBy('p.name_key').orderBy('s.id')
        : query.orderBy('s.created_at').orderBy('s.id');
    const rows = await query.limit(page.limit).offset(page.offset).execute();
    return this.withPrompts(rows.map(GiftExchangeStore.toEntry));
  }

  /**
   * A few of the sign-ups in one of the gaps the assignments page shows (oldest sign-up first), and how
   * many are in it: participants nobody writes for, participants writing for nobody, and those who may
   * pinch hit (pinch hitters and participants writing for nobody). Defaulted assignments do not count.
   */
  async inGap(collectionId: number, gap: SignUpGap, limit: number): Promise<{ entries: SignUpEntry[]; total: number }> {
    const live = (role: 'giver_signup_id' | 'receiver_signup_id') =>
      sql<boolean>`exists (select 1 from gift_exchange_assignments a where a.${sql.ref(role)} = s.id and a.defaulted_at is null)`;
    const filter =
      gap === 'without-gift'
        ? sql<boolean>`s.pinch_hitter = 0 and not ${live('receiver_signup_id')}`
        : gap === 'without-assignment'
          ? sql<boolean>`s.pinch_hitter = 0 and not ${live('giver_signup_id')}`
          : sql<boolean>`(s.pinch_hitter = 1 or not ${live('giver_signup_id')})`;
    const [rows, count] = await Promise.all([
      this.signUpRows(collectionId).where(filter).orderBy('s.created_at').orderBy('s.id').limit(limit).execute(),
      this.db
        .selectFrom('gift_exchange_signups as s')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('s.collection_id', '=', collectionId)
        .where(filter)
        .executeTakeFirstOrThrow(),
    ]);
    return { entries: rows.map(GiftExchangeStore.toEntry), total: Number(count.n) };
  }

  /** Sign-ups whose username or pen name holds the typed text, those starting with it first (the writer fields' suggestions). */
  async suggestSignUps(collectionId: number, typed: string, limit: number): Promise<SignUpEntry[]> {
    const key = likeLiteral(pseudKey(typed));
    if (key.length === 0 || limit <= 0) return [];
    // SQLite has no default LIKE escape character; PostgreSQL's is the backslash. Name it for both.
    const holds = (column: string, pattern: string) => sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
    const rows = await this.signUpRows(collectionId)
      .where(sql<boolean>`(${holds('u.login_key', `%${key}%`)} or ${holds('p.name_key', `%${key}%`)})`)
      .orderBy(sql`case when ${holds('u.login_key', `${key}%`)} or ${holds('p.name_key', `${key}%`)} then 0 else 1 end`)
      .orderBy('u.login_key')
      .limit(limit)
      .execute();
    return rows.map(GiftExchangeStore.toEntry);
  }

  /** Whether the giver writes, in an assignment not defaulted on, for the receiver (sign-up ids). */
  async writesFor(giverId: number, receiverId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('gift_exchange_assignments')
      .select('id')
      .where('giver_signup_id', '=', giverId)
      .where('receiver_signup_id', '=', receiverId)
      .where('defaulted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The sign-up of the member with this username (any case), without prompts. */
  async signUpByLogin(collectionId: number, login: string): Promise<SignUpEntry | undefined> {
    const row = await this.signUpRows(collectionId).where('u.login_key', '=', loginKey(login)).executeTakeFirst();
    return row && GiftExchangeStore.toEntry(row);
  }

  /** Participants and pinch hitters signed up. */
  async signUpCounts(collectionId: number): Promise<{ participants: number; pinchHitters: number }> {
    const rows = await this.db
      .selectFrom('gift_exchange_signups')
      .select((eb) => ['pinch_hitter', eb.fn.countAll<number>().as('n')])
      .where('collection_id', '=', collectionId)
      .groupBy('pinch_hitter')
      .execute();
    const count = (pinchHitter: number) => Number(rows.find((r) => Number(r.pinch_hitter) === pinchHitter)?.n ?? 0);
    return { participants: count(0), pinchHitters: count(1) };
  }

  /**
   * Requests and offers per fandom, a synonym counted as the tag it was merged into (a prompt
   * naming two fandoms counts for each), and the prompts that accept any fandom.
   */
  async fandomCounts(
    collectionId: number,
  ): Promise<{ fandoms: FandomCount[]; anyFandom: { requests: number; offers: number } }> {
    const fandom = sql<string>`coalesce(m.name, t.name)`;
    const [tagged, any] = await Promise.all([
      this.db
        .selectFrom('gift_exchange_prompt_tags as pt')
        .innerJoin('gift_exchange_prompts as gp', 'gp.id', 'pt.prompt_id')
        .innerJoin('gift_exchange_signups as s', 's.id', 'gp.signup_id')
        .innerJoin('tags as t', 't.id', 'pt.tag_id')
        .leftJoin('tags as m', 'm.id', 't.merger_id')
        .select([fandom.as('name'), 'gp.side', sql<number>`count(distinct gp.id)`.as('n')])
        .where('s.collection_id', '=', collectionId)
        .where('t.kind', '=', 'fandom')
        .groupBy([fandom, 'gp.side'])
        .execute(),
      this.db
        .selectFrom('gift_exchange_prompts as gp')
        .innerJoin('gift_exchange_signups as s', 's.id', 'gp.signup_id')
        .select((eb) => ['gp.side', eb.fn.countAll<number>().as('n')])
        .where('s.collection_id', '=', collectionId)
        .where(sql<string>`',' || gp.any_kinds || ','`, 'like', '%,fandom,%')
        .groupBy('gp.side')
        .execute(),
    ]);
    const byName = new Map<string, FandomCount>();
    for (const r of tagged) {
      const row = byName.get(r.name) ?? { fandom: r.name, requests: 0, offers: 0 };
      row[r.side === 'request' ? 'requests' : 'offers'] += Number(r.n);
      byName.set(r.name, row);
    }
    const anyOf = (side: PromptSide) => Number(any.find((r) => r.side === side)?.n ?? 0);
    return { fandoms: [...byName.values()], anyFandom: { requests: anyOf('request'), offers: anyOf('offer') } };
  }

  private async promptsOf(signUpIds: number[]): Promise<Map<number, SignUpPrompt[]>> {
    const byUp = new Map<number, SignUpPrompt[]>();
    const byId = new Map<number, SignUpPrompt>();
    // In slices: an exchange of thousands of sign-ups must stay under SQLite's variable limit.
    for (let i = 0; i < signUpIds.length; i += 500) {
      const slice = signUpIds.slice(i, i + 500);
      const rows = await this.db
        .selectFrom('gift_exchange_prompts')
        .selectAll()
        .where('signup_id', 'in', slice)
        .orderBy('signup_id')
        .orderBy('side')
        .orderBy('position')
        .execute();
      for (const r of rows) {
        const prompt: SignUpPrompt = {
          id: r.id,
          side: r.side as PromptSide,
          position: r.position,
          title: r.title,
          description: r.description,
          url: r.url,
          any: anyKinds(r.any_kinds),
          tags: [],
        };
        byId.set(r.id, prompt);
        const list = byUp.get(r.signup_id) ?? [];
        list.push(prompt);
        byUp.set(r.signup_id, list);
      }
      const promptIds = rows.map((r) => r.id);
      for (let j = 0; j < promptIds.length; j += 500) {
        const tags = await this.db
          .selectFrom('gift_exchange_prompt_tags as pt')
          .innerJoin('tags as t', 't.id', 'pt.tag_id')
          .select(['pt.prompt_id', 't.id', 't.kind', 't.name', 't.canonical'])
          .where('pt.prompt_id', 'in', promptIds.slice(j, j + 500))
          .orderBy('pt.prompt_id')
          .orderBy('pt.position')
          .execute();
        for (const t of tags)
          byId.get(t.prompt_id)?.tags.push({
            id: t.id,
            kind: t.kind as PromptTagKind,
            name: t.name,
            canonical: Number(t.canonical) === 1,
          });
      }
    }
    return byUp;
  }

  /** Creates or replaces a member's sign-up with these prompts, in one transaction. */
  async saveSignUp(
    collectionId: number,
    member: { userId: number; pseudId: number },
    pinchHitter: boolean,
    prompts: PromptToSave[],
  ): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const at = now();
      const existing = await tx
        .selectFrom('gift_exchange_signups')
        .select('id')
        .where('collection_id', '=', collectionId)
        .where('user_id', '=', member.userId)
        .executeTakeFirst();
      let id: number;
      if (existing) {
        id = existing.id;
        await tx
          .updateTable('gift_exchange_signups')
          .set({ pseud_id: member.pseudId, pinch_hitter: pinchHitter ? 1 : 0, updated_at: at })
          .where('id', '=', id)
          .execute();
        await tx.deleteFrom('gift_exchange_prompts').where('signup_id', '=', id).execute();
      } else {
        const row = await tx
          .insertInto('gift_exchange_signups')
          .values({
            collection_id: collectionId,
            user_id: member.userId,
            pseud_id: member.pseudId,
            pinch_hitter: pinchHitter ? 1 : 0,
            created_at: at,
            updated_at: at,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        id = row.id;
      }
      const positions: Record<PromptSide, number> = { request: 0, offer: 0 };
      for (const prompt of prompts) {
        const row = await tx
          .insertInto('gift_exchange_prompts')
          .values({
            signup_id: id,
            side: prompt.side,
            position: positions[prompt.side]++,
            title: prompt.title,
            description: prompt.description,
            url: prompt.url,
            any_kinds: prompt.any.join(','),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const created = [];
        for (const tag of prompt.newTags ?? []) created.push(await findOrCreateTag(tx, tag.kind, tag.name));
        const tagIds = [...new Set([...prompt.tagIds, ...created])];
        if (tagIds.length > 0)
          await tx
            .insertInto('gift_exchange_prompt_tags')
            .values(tagIds.map((tagId, position) => ({ prompt_id: row.id, tag_id: tagId, position })))
            .execute();
      }
      return id;
    });
  }

  /** The tag of this kind and name, created (unwrangled) when the archive has none: for exchanges that take any tag. */
  tagFor(kind: PromptTagKind, name: string): Promise<number> {
    return findOrCreateTag(this.db, kind, name);
  }

  async deleteSignUp(id: number): Promise<void> {
    await this.db.deleteFrom('gift_exchange_signups').where('id', '=', id).execute();
  }

  /**
   * The sign-ups as the matching takes them: participants (not pinch hitters), each tag as its
   * canonical tag (a synonym counts as the tag it was merged into).
   */
  async matchingInput(collectionId: number): Promise<SignUp[]> {
    const signUps = await this.signUps(collectionId);
    const synonyms = new Map<number, number>();
    const tagIds = [...new Set(signUps.flatMap((s) => s.prompts.flatMap((p) => p.tags.map((t) => t.id))))];
    for (let i = 0; i < tagIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('tags')
        .select(['id', 'merger_id'])
        .where('id', 'in', tagIds.slice(i, i + 500))
        .where('merger_id', 'is not', null)
        .execute();
      for (const r of rows) synonyms.set(r.id, r.merger_id!);
    }
    const prompt = (p: SignUpPrompt) => {
      const tags: Partial<Record<PromptTagKind, number[]>> = {};
      for (const t of p.tags) (tags[t.kind] ??= []).push(synonyms.get(t.id) ?? t.id);
      return { tags, any: p.any };
    };
    return signUps
      .filter((s) => !s.pinchHitter)
      .map((s) => ({
        participantId: s.id,
        requests: s.prompts.filter((p) => p.side === 'request').map(prompt),
        offers: s.prompts.filter((p) => p.side === 'offer').map(prompt),
      }));
  }

  // ——— matching ———

  /** Queues a new matching run; any run under way is superseded (it saves nothing). */
  async startMatching(collectionId: number, seed: number): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('gift_exchanges')
        .select('matching_run')
        .where('collection_id', '=', collectionId)
        .executeTakeFirstOrThrow();
      const run = Number(row.matching_run) + 1;
      await tx
        .updateTable('gift_exchanges')
        .set({ matching_status: 'queued', matching_progress: 0, matching_message: '', matching_run: run })
        .where('collection_id', '=', collectionId)
        .execute();
      await enqueueJob(tx, {
        kind: GIFT_EXCHANGE_MATCHING_JOB,
        payload: { collectionId, run, seed },
        uniqueKey: `${GIFT_EXCHANGE_MATCHING_JOB}:${collectionId}:${run}`,
      });
      return run;
    });
  }

  /** Records progress of a run; false when a newer run superseded it. */
  async matchingProgress(collectionId: number, run: number, progress: number, message: string): Promise<boolean> {
    const result = await this.db
      .updateTable('gift_exchanges')
      .set({ matching_status: 'running', matching_progress: Math.round(progress * 1000), matching_message: message })
      .where('collection_id', '=', collectionId)
      .where('matching_run', '=', run)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async matchingFailed(collectionId: number, run: number, message: string): Promise<void> {
    await this.db
      .updateTable('gift_exchanges')
      .set({ matching_status: 'failed', matching_message: message })
      .where('collection_id', '=', collectionId)
      .where('matching_run', '=', run)
      .execute();
  }

  /**
   * Saves a run's assignments as drafts in place of the previous drafts, unless a newer run began
   * or assignments were sent meanwhile. Returns whether they were saved.
   */
  async saveGenerated(collectionId: number, run: number, assignments: Assignment[], message: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('gift_exchanges')
        .select(['matching_run', 'sent_at'])
        .where('collection_id', '=', collectionId)
        .executeTakeFirst();
      if (!row || Number(row.matching_run) !== run) return false;
      if (row.sent_at !== null) {
        // Sent while this run worked: its result is not wanted, and the page must stop waiting.
        await tx
          .updateTable('gift_exchanges')
          .set({
            matching_status: 'done',
            matching_message: 'The assignments were sent while the matching ran; its result was set aside.',
          })
          .where('collection_id', '=', collectionId)
          .execute();
        return false;
      }
      await tx
        .deleteFrom('gift_exchange_assignments')
        .where('collection_id', '=', collectionId)
        .where('sent_at', 'is', null)
        .execute();
      const at = now();
      for (let i = 0; i < assignments.length; i += 200)
        await tx
          .insertInto('gift_exchange_assignments')
          .values(
            assignments.slice(i, i + 200).map((a) => ({
              collection_id: collectionId,
              giver_signup_id: a.giverId,
              receiver_signup_id: a.receiverId,
              score: a.score,
              pinch_hit: 0,
              sent_at: null,
              defaulted_at: null,
              work_id: null,
              fulfilled_at: null,
              created_at: at,
            })),
          )
          .execute();
      await tx
        .updateTable('gift_exchanges')
        .set({ matching_status: 'done', matching_progress: 1000, matching_message: message, generated_at: at })
        .where('collection_id', '=', collectionId)
        .execute();
      return true;
    });
  }

  // ——— assignments ———

  /**
   * The exchange's assignments (or some), by recipient's pen name; `sent` takes only the sent
   * (true) or the drafts (false), `limit` and `offset` one page of them.
   */
  async assignments(
    collectionId: number,
    only: { giverUserId?: number; id?: number; sent?: boolean; limit?: number; offset?: number } = {},
    db: Db | Tx = this.db,
  ): Promise<AssignmentRow[]> {
    let query = db
      .selectFrom('gift_exchange_assignments as a')
      .innerJoin('gift_exchange_signups as gs', 'gs.id', 'a.giver_signup_id')
      .innerJoin('users as gu', 'gu.id', 'gs.user_id')
      .innerJoin('pseuds as gp', 'gp.id', 'gs.pseud_id')
      .innerJoin('gift_exchange_signups as rs', 'rs.id', 'a.receiver_signup_id')
      .innerJoin('users as ru', 'ru.id', 'rs.user_id')
      .innerJoin('pseuds as rp', 'rp.id', 'rs.pseud_id')
      .leftJoin('works as w', 'w.id', 'a.work_id')
      .select([
        'w.title as work_title',
        'w.visibility as work_visibility',
        'a.id',
        'a.collection_id',
        'a.score',
        'a.pinch_hit',
        'a.sent_at',
        'a.defaulted_at',
        'a.work_id',
        'a.fulfilled_at',
        'gs.id as giver_signup_id',
        'gs.user_id as giver_user_id',
        'gu.login as giver_login',
        'gs.pseud_id as giver_pseud_id',
        'gp.name as giver_pseud_name',
        'rs.id as receiver_signup_id',
        'rs.user_id as receiver_user_id',
        'ru.login as receiver_login',
        'rs.pseud_id as receiver_pseud_id',
        'rp.name as receiver_pseud_name',
      ])
      .where('a.collection_id', '=', collectionId);
    if (only.giverUserId !== undefined) query = query.where('gs.user_id', '=', only.giverUserId);
    if (only.id !== undefined) query = query.where('a.id', '=', only.id);
    if (only.sent !== undefined) query = query.where('a.sent_at', only.sent ? 'is not' : 'is', null);
    query = query.orderBy('rp.name').orderBy('a.id');
    if (only.limit !== undefined) query = query.limit(only.limit).offset(only.offset ?? 0);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: r.id,
      collectionId: r.collection_id,
      giver: {
        signupId: r.giver_signup_id,
        userId: r.giver_user_id,
        login: r.giver_login,
        pseudId: r.giver_pseud_id,
        pseudName: r.giver_pseud_name,
      },
      receiver: {
        signupId: r.receiver_signup_id,
        userId: r.receiver_user_id,
        login: r.receiver_login,
        pseudId: r.receiver_pseud_id,
        pseudName: r.receiver_pseud_name,
      },
      score: Number(r.score),
      pinchHit: Number(r.pinch_hit) === 1,
      sentAt: r.sent_at,
      defaultedAt: r.defaulted_at,
      workId: r.work_id,
      work: r.work_title === null ? null : { title: r.work_title, posted: r.work_visibility !== 'draft' },
      fulfilledAt: r.fulfilled_at,
    }));
  }

  async assignmentCounts(collectionId: number): Promise<AssignmentCounts> {
    const row = await this.db
      .selectFrom('gift_exchange_assignments as a')
      .leftJoin('works as w', 'w.id', 'a.work_id')
      .select([
        sql<number>`sum(case when a.sent_at is null then 1 else 0 end)`.as('drafts'),
        sql<number>`sum(case when a.sent_at is not null then 1 else 0 end)`.as('sent'),
        sql<number>`sum(case when a.sent_at is not null and a.defaulted_at is null then 1 else 0 end)`.as('live'),
        sql<number>`sum(case when a.sent_at is not null and a.defaulted_at is null and w.visibility <> 'draft' then 1 else 0 end)`.as(
          'posted',
        ),
      ])
      .where('a.collection_id', '=', collectionId)
      .executeTakeFirstOrThrow();
    return {
      drafts: Number(row.drafts ?? 0),
      sent: Number(row.sent ?? 0),
      live: Number(row.live ?? 0),
      posted: Number(row.posted ?? 0),
    };
  }

  /** Whether the sign-up gives or receives in any assignment (defaulted ones too). */
  async isAssigned(collectionId: number, signUpId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('gift_exchange_assignments')
      .select('id')
      .where('collection_id', '=', collectionId)
      .where((eb) => eb.or([eb('giver_signup_id', '=', signUpId), eb('receiver_signup_id', '=', signUpId)]))
      .executeTakeFirst();
    return row !== undefined;
  }

  async assignment(id: number): Promise<AssignmentRow | undefined> {
    const row = await this.db
      .selectFrom('gift_exchange_assignments')
      .select('collection_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const [found] = await this.assignments(row.collection_id, { id });
    return found;
  }

  /** A moderator's change to a draft: who writes for this receiver. */
  async setGiver(assignmentId: number, giverSignupId: number, score: number): Promise<void> {
    await this.db
      .updateTable('gift_exchange_assignments')
      .set({ giver_signup_id: giverSignupId, score })
      .where('id', '=', assignmentId)
      .where('sent_at', 'is', null)
      .execute();
  }

  /** A moderator adds a draft by hand (for a receiver the matching left without a giver). */
  async addDraft(collectionId: number, giverSignupId: number, receiverSignupId: number, score: number): Promise<void> {
    await this.db
      .insertInto('gift_exchange_assignments')
      .values({
        collection_id: collectionId,
        giver_signup_id: giverSignupId,
        receiver_signup_id: receiverSignupId,
        score,
        pinch_hit: 0,
        sent_at: null,
        defaulted_at: null,
        work_id: null,
        fulfilled_at: null,
        created_at: now(),
      })
      .execute();
  }

  async deleteDraft(assignmentId: number): Promise<void> {
    await this.db
      .deleteFrom('gift_exchange_assignments')
      .where('id', '=', assignmentId)
      .where('sent_at', 'is', null)
      .execute();
  }

  /** Sends every draft: each giver is told in the inbox and by mail, in the same transaction. */
  async send(collectionId: number, notice: (a: AssignmentRow) => NewNotification): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const drafts = (await this.assignments(collectionId, {}, tx)).filter((a) => a.sentAt === null);
      if (drafts.length === 0) return 0;
      const at = now();
      await tx
        .updateTable('gift_exchange_assignments')
        .set({ sent_at: at })
        .where('collection_id', '=', collectionId)
        .where('sent_at', 'is', null)
        .execute();
      await tx.updateTable('gift_exchanges').set({ sent_at: at }).where('collection_id', '=', collectionId).execute();
      await addNotifications(tx, drafts.map(notice));
      return drafts.length;
    });
  }

  /** The giver steps back from a sent assignment. */
  async markDefaulted(assignmentId: number): Promise<void> {
    await this.db
      .updateTable('gift_exchange_assignments')
      .set({ defaulted_at: now() })
      .where('id', '=', assignmentId)
      .where('defaulted_at', 'is', null)
      .where('work_id', 'is', null)
      .execute();
  }

  /** A pinch hitter takes over a receiver's gift: a sent assignment of its own, the pinch hitter told at once. */
  async assignPinchHitter(
    collectionId: number,
    pinchHitterSignupId: number,
    receiverSignupId: number,
    notice: NewNotification,
  ): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      // Checked again here: a second press of "Assign" must not make a second assignment.
      const already = await tx
        .selectFrom('gift_exchange_assignments')
        .select('id')
        .where('collection_id', '=', collectionId)
        .where('giver_signup_id', '=', pinchHitterSignupId)
        .where('receiver_signup_id', '=', receiverSignupId)
        .where('defaulted_at', 'is', null)
        .executeTakeFirst();
      if (already) return false;
      const at = now();
      await tx
        .insertInto('gift_exchange_assignments')
        .values({
          collection_id: collectionId,
          giver_signup_id: pinchHitterSignupId,
          receiver_signup_id: receiverSignupId,
          score: 0,
          pinch_hit: 1,
          sent_at: at,
          defaulted_at: null,
          work_id: null,
          fulfilled_at: null,
          created_at: at,
        })
        .execute();
      await addNotifications(tx, [notice]);
      return true;
    });
  }
}

/**
 * Inside the transaction that posts a work for an assignment: the assignment is fulfilled by it
 * (again, if the gift posted before was deleted: deleting a work clears its assignments' work).
 */
export async function fulfilAssignment(tx: Tx, assignmentId: number, workId: number): Promise<void> {
  await tx
    .updateTable('gift_exchange_assignments')
    .set({ work_id: workId, fulfilled_at: now() })
    .where('id', '=', assignmentId)
    .where('work_id', 'is', null)
    .execute();
}
