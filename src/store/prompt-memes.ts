/** Prompt memes: their settings, prompts (with tags), claims and fills. */
import { sql, type ExpressionBuilder } from 'kysely';
import { now, type Db, type Tx } from './database.ts';
import type { Database } from './schema.ts';
import { visibleTo } from './works.ts';
import { noteWorksChanged } from './work-changes.ts';
import { findOrCreateTag } from './tag-graph.ts';
import { parseTagKinds, type PromptFilters, type PromptMemeSettings } from '../domain/prompt-memes.ts';
import { tagKey, type FreeTagKind } from '../domain/works.ts';

export interface PromptTag {
  kind: FreeTagKind;
  name: string;
}

/** A prompt as stored; who posted it is always here (the use case decides who may see it). */
export interface Prompt {
  id: number;
  collectionId: number;
  userId: number;
  login: string;
  pseudId: number;
  pseudName: string;
  title: string;
  /** Sanitized HTML. */
  description: string;
  anonymous: boolean;
  tags: PromptTag[];
  claims: number;
  /** Fills whose work the viewer asked for may see. */
  fills: number;
  createdAt: string;
  updatedAt: string;
}

export interface PromptFields {
  title: string;
  description: string;
  anonymous: boolean;
  pseudId: number;
  tags: PromptTag[];
}

export interface PromptClaim {
  userId: number;
  login: string;
  createdAt: string;
  fulfilledAt: string | null;
}

/** A member's claim with its prompt, for their claims page. */
export interface MemberClaim {
  promptId: number;
  promptTitle: string;
  collectionName: string;
  collectionTitle: string;
  createdAt: string;
  fulfilledAt: string | null;
}

/** A prompt a work answers, for the work's page. */
export interface WorkPrompt {
  promptId: number;
  title: string;
  anonymous: boolean;
  userId: number;
  login: string;
  pseudName: string;
  collectionName: string;
  collectionTitle: string;
}

function toSettings(row: {
  anonymous_allowed: number;
  max_prompts: number;
  open: number;
  opens_at: string | null;
  closes_at: string | null;
  tag_kinds: string;
  fandom_required: number;
}): PromptMemeSettings {
  return {
    anonymousAllowed: Number(row.anonymous_allowed) === 1,
    maxPrompts: Number(row.max_prompts),
    open: Number(row.open) === 1,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    tagKinds: parseTagKinds(row.tag_kinds),
    fandomRequired: Number(row.fandom_required) === 1,
  };
}

/** Fills of the prompt whose work this viewer may see (`visibleTo`: unrevealed works only to their creators). */
function visibleFills(viewerId: number | null) {
  return (eb: ExpressionBuilder<Database, 'prompts'>) =>
    eb
      .selectFrom('prompt_fills as pf')
      .innerJoin('works', 'works.id', 'pf.work_id')
      .whereRef('pf.prompt_id', '=', 'prompts.id')
      .where((w) => visibleTo(viewerId)(w as unknown as ExpressionBuilder<Database, 'works'>));
}

async function writeTags(tx: Tx, promptId: number, tags: PromptTag[]): Promise<void> {
  await tx.deleteFrom('prompt_tags').where('prompt_id', '=', promptId).execute();
  const seen = new Set<number>();
  let position = 0;
  for (const tag of tags) {
    const tagId = await findOrCreateTag(tx, tag.kind, tag.name);
    if (seen.has(tagId)) continue;
    seen.add(tagId);
    await tx.insertInto('prompt_tags').values({ prompt_id: promptId, tag_id: tagId, position: position++ }).execute();
  }
}

/** The pages of a prompt's fills name it: marked changed when it changes or goes. */
async function noteFillsChanged(tx: Tx, promptId: number): Promise<void> {
  const rows = await tx.selectFrom('prompt_fills').select('work_id').where('prompt_id', '=', promptId).execute();
  await noteWorksChanged(
    tx,
    rows.map((r) => r.work_id),
  );
}

/**
 * Links a posted work to a prompt as its fill and marks the poster's claim fulfilled, inside the
 * transaction that posts the work.
 */
export async function addPromptFill(tx: Tx, promptId: number, workId: number, userId: number): Promise<void> {
  const at = now();
  await tx
    .insertInto('prompt_fills')
    .values({ prompt_id: promptId, work_id: workId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['prompt_id', 'work_id']).doNothing())
    .execute();
  await tx
    .updateTable('prompt_claims')
    .set({ fulfilled_at: at })
    .where('prompt_id', '=', promptId)
    .where('user_id', '=', userId)
    .where('fulfilled_at', 'is', null)
    .execute();
}

export class PromptMemeStore {
  constructor(private readonly db: Db) {}

  /** The collection's prompt meme settings; undefined when it is not a prompt meme. */
  async settings(collectionId: number): Promise<PromptMemeSettings | undefined> {
    const row = await this.db
      .selectFrom('prompt_memes')
      .selectAll()
      .where('collection_id', '=', collectionId)
      .executeTakeFirst();
    return row && toSettings(row);
  }

  /** Makes the collection a prompt meme, or changes its settings. */
  async saveSettings(collectionId: number, s: PromptMemeSettings): Promise<void> {
    const at = now();
    const values = {
      anonymous_allowed: s.anonymousAllowed ? 1 : 0,
      max_prompts: s.maxPrompts,
      open: s.open ? 1 : 0,
      opens_at: s.opensAt,
      closes_at: s.closesAt,
      tag_kinds: s.tagKinds.join(','),
      fandom_required: s.fandomRequired ? 1 : 0,
      updated_at: at,
    };
    await this.db
      .insertInto('prompt_memes')
      .values({ collection_id: collectionId, ...values, created_at: at })
      .onConflict((oc) => oc.column('collection_id').doUpdateSet(values))
      .execute();
  }

  async countByUser(collectionId: number, userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('prompts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('collection_id', '=', collectionId)
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async create(collectionId: number, userId: number, fields: PromptFields): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const at = now();
      const row = await tx
        .insertInto('prompts')
        .values({
          collection_id: collectionId,
          user_id: userId,
          pseud_id: fields.pseudId,
          title: fields.title,
          description: fields.description,
          anonymous: fields.anonymous ? 1 : 0,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeTags(tx, row.id, fields.tags);
      return row.id;
    });
  }

  async update(promptId: number, fields: PromptFields): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('prompts')
        .set({
          title: fields.title,
          description: fields.description,
          anonymous: fields.anonymous ? 1 : 0,
          pseud_id: fields.pseudId,
          updated_at: now(),
        })
        .where('id', '=', promptId)
        .execute();
      await writeTags(tx, promptId, fields.tags);
      await noteFillsChanged(tx, promptId);
    });
  }

  /** Deletes a prompt with its claims and links to fills; the fills' works stay. */
  async delete(promptId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await noteFillsChanged(tx, promptId);
      await tx.deleteFrom('prompts').where('id', '=', promptId).execute();
    });
  }

  private base(viewerId: number | null) {
    return this.db
      .selectFrom('prompts')
      .innerJoin('users', 'users.id', 'prompts.user_id')
      .innerJoin('pseuds', 'pseuds.id', 'prompts.pseud_id')
      .selectAll('prompts')
      .select(['users.login', 'pseuds.name as pseud_name'])
      .select((eb) =>
        eb
          .selectFrom('prompt_claims as pc')
          .whereRef('pc.prompt_id', '=', 'prompts.id')
          .select((c) => c.fn.countAll<number>().as('n'))
          .as('claim_count'),
      )
      .select((eb) =>
        visibleFills(viewerId)(eb)
          .select((c) => c.fn.countAll<number>().as('n'))
          .as('fill_count'),
      );
  }

  private async withTags(
    rows: {
      id: number;
      collection_id: number;
      user_id: number;
      login: string;
      pseud_id: number;
      pseud_name: string;
      title: string;
      description: string;
      anonymous: number;
      claim_count: number | null;
      fill_count: number | null;
      created_at: string;
      updated_at: string;
    }[],
  ): Promise<Prompt[]> {
    const ids = rows.map((r) => r.id);
    const tagRows =
      ids.length === 0
        ? []
        : await this.db
            .selectFrom('prompt_tags as pt')
            .innerJoin('tags', 'tags.id', 'pt.tag_id')
            .select(['pt.prompt_id', 'tags.kind', 'tags.name'])
            .where('pt.prompt_id', 'in', ids)
            .orderBy('pt.position')
            .execute();
    return rows.map((r) => ({
      id: r.id,
      collectionId: r.collection_id,
      userId: r.user_id,
      login: r.login,
      pseudId: r.pseud_id,
      pseudName: r.pseud_name,
      title: r.title,
      description: r.description,
      anonymous: Number(r.anonymous) === 1,
      tags: tagRows.filter((t) => t.prompt_id === r.id).map((t) => ({ kind: t.kind as FreeTagKind, name: t.name })),
      claims: Number(r.claim_count ?? 0),
      fills: Number(r.fill_count ?? 0),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  /** One prompt, its fills counted as this viewer may see them. */
  async find(promptId: number, viewerId: number | null): Promise<Prompt | undefined> {
    const row = await this.base(viewerId).where('prompts.id', '=', promptId).executeTakeFirst();
    return row ? (await this.withTags([row]))[0] : undefined;
  }

  /** A page of a collection's prompts, filtered and sorted; claimed and filled as this viewer may see. */
  async list(
    collectionId: number,
    filters: PromptFilters,
    viewerId: number | null,
    limit: number,
    offset: number,
  ): Promise<{ prompts: Prompt[]; total: number }> {
    let query = this.base(viewerId).where('prompts.collection_id', '=', collectionId);
    if (filters.tag !== '')
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('prompt_tags as ft')
            .innerJoin('tags as t', 't.id', 'ft.tag_id')
            .select('ft.prompt_id')
            .whereRef('ft.prompt_id', '=', 'prompts.id')
            .where('t.name_key', '=', tagKey(filters.tag)),
        ),
      );
    if (filters.claimed !== undefined) {
      const claimed = filters.claimed;
      query = query.where((eb) => {
        const exists = eb.exists(
          eb.selectFrom('prompt_claims as cc').select('cc.prompt_id').whereRef('cc.prompt_id', '=', 'prompts.id'),
        );
        return claimed ? exists : eb.not(exists);
      });
    }
    if (filters.filled !== undefined) {
      const filled = filters.filled;
      query = query.where((eb) => {
        const exists = eb.exists(visibleFills(viewerId)(eb).select('pf.work_id'));
        return filled ? exists : eb.not(exists);
      });
    }
    const counted = await query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const ordered =
      filters.sort === 'claims'
        ? query.orderBy(sql`claim_count`, 'desc').orderBy('prompts.id', 'desc')
        : query.orderBy('prompts.id', 'desc');
    const rows = await ordered.limit(limit).offset(offset).execute();
    return { prompts: await this.withTags(rows), total: Number(counted.n) };
  }

  async claims(promptId: number): Promise<PromptClaim[]> {
    const rows = await this.db
      .selectFrom('prompt_claims as pc')
      .innerJoin('users', 'users.id', 'pc.user_id')
      .select(['pc.user_id', 'users.login', 'pc.created_at', 'pc.fulfilled_at'])
      .where('pc.prompt_id', '=', promptId)
      .orderBy('pc.created_at')
      .execute();
    return rows.map((r) => ({
      userId: r.user_id,
      login: r.login,
      createdAt: r.created_at,
      fulfilledAt: r.fulfilled_at,
    }));
  }

  /** Claims a prompt; returns false when the member had claimed it already. */
  async claim(promptId: number, userId: number): Promise<boolean> {
    const row = await this.db
      .insertInto('prompt_claims')
      .values({ prompt_id: promptId, user_id: userId, created_at: now(), fulfilled_at: null })
      .onConflict((oc) => oc.columns(['prompt_id', 'user_id']).doNothing())
      .returning('prompt_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Drops a claim; returns false when there was none. */
  async unclaim(promptId: number, userId: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('prompt_claims')
      .where('prompt_id', '=', promptId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async claimsOf(userId: number): Promise<MemberClaim[]> {
    const rows = await this.db
      .selectFrom('prompt_claims as pc')
      .innerJoin('prompts', 'prompts.id', 'pc.prompt_id')
      .innerJoin('collections as c', 'c.id', 'prompts.collection_id')
      .select(['pc.prompt_id', 'prompts.title', 'c.name', 'c.title as collection_title', 'pc.created_at'])
      .select('pc.fulfilled_at')
      .where('pc.user_id', '=', userId)
      .orderBy('pc.created_at', 'desc')
      .execute();
    return rows.map((r) => ({
      promptId: r.prompt_id,
      promptTitle: r.title,
      collectionName: r.name,
      collectionTitle: r.collection_title,
      createdAt: r.created_at,
      fulfilledAt: r.fulfilled_at,
    }));
  }

  /** The works linked to a prompt, oldest first (the use case keeps those the viewer may read). */
  async fillWorkIds(promptId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('prompt_fills')
      .select('work_id')
      .where('prompt_id', '=', promptId)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => r.work_id);
  }

  /** The prompts a work answers. */
  async promptsOfWork(workId: number): Promise<WorkPrompt[]> {
    return toWorkPrompts(await promptsOfWorkQuery(this.db, workId).execute());
  }
}

/** The prompts a work fills, with their prompters and collections (see PromptMemeStore.promptsOfWork). */
export function promptsOfWorkQuery(db: Db, workId: number) {
  return db
    .selectFrom('prompt_fills as pf')
    .innerJoin('prompts', 'prompts.id', 'pf.prompt_id')
    .innerJoin('users', 'users.id', 'prompts.user_id')
    .innerJoin('pseuds', 'pseuds.id', 'prompts.pseud_id')
    .innerJoin('collections as c', 'c.id', 'prompts.collection_id')
    .select([
      'prompts.id',
      'prompts.title',
      'prompts.anonymous',
      'prompts.user_id',
      'users.login',
      'pseuds.name as pseud_name',
      'c.name',
      'c.title as collection_title',
    ])
    .where('pf.work_id', '=', workId)
    .orderBy('prompts.id');
}

export function toWorkPrompts(
  rows: {
    id: number;
    title: string;
    anonymous: number;
    user_id: number;
    login: string;
    pseud_name: string;
    name: string;
    collection_title: string;
  }[],
): WorkPrompt[] {
  return rows.map((r) => ({
    promptId: r.id,
    title: r.title,
    anonymous: Number(r.anonymous) === 1,
    userId: r.user_id,
    login: r.login,
    pseudName: r.pseud_name,
    collectionName: r.name,
    collectionTitle: r.collection_title,
  }));
}
