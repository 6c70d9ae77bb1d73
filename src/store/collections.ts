import { sql, type Selectable } from 'kysely';
import { isUniqueViolation, likeLiteral, now, type Db, type Tx } from './database.ts';
import type { CollectionsTable } from './schema.ts';
import { enqueueJob } from './jobs.ts';
import { addNotifications } from './notifications.ts';
import { refreshWorkCollectionFlags } from './collection-flags.ts';
import { noteWorksChanged, noteWorksShowingChanged } from './work-changes.ts';
import { ValidationError } from '../domain/errors.ts';

/** The job that reveals a collection's works or creators on the date its maintainers chose. */
export const COLLECTION_REVEAL_JOB = 'collection-reveal';

export type CollectionRole = 'owner' | 'moderator' | 'member';
export type Approval = 'approved' | 'pending' | 'rejected';
/** What a reveal brings out: the works themselves, or their creators' names. */
export type RevealKind = 'works' | 'creators';

export interface Collection {
  id: number;
  name: string;
  title: string;
  description: string;
  rules: string;
  faq: string;
  parentId: number | null;
  open: boolean;
  moderated: boolean;
  unrevealed: boolean;
  anonymous: boolean;
  revealWorksAt: string | null;
  revealCreatorsAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A collection's settings as its form saves them (description, rules and FAQ already sanitized). */
export interface CollectionFields {
  title: string;
  description: string;
  rules: string;
  faq: string;
  parentId: number | null;
  open: boolean;
  moderated: boolean;
  unrevealed: boolean;
  anonymous: boolean;
  revealWorksAt: string | null;
  revealCreatorsAt: string | null;
}

export interface CollectionParticipant {
  userId: number;
  login: string;
  pseudId: number;
  pseudName: string;
  role: CollectionRole;
  createdAt: string;
}

/** One work or bookmark in a collection, as the maintainers' queue lists it. */
export interface CollectionItem {
  id: number;
  collectionId: number;
  workId: number | null;
  bookmarkId: number | null;
  /** The work's title (of the bookmarked work, for a bookmark). */
  title: string;
  /** The work's creators' pen names (the bookmarker's, for a bookmark). */
  byline: string;
  collectionApproval: Approval;
  creatorApproval: Approval;
  unrevealed: boolean;
  anonymous: boolean;
  createdAt: string;
}

/** A work's place in one collection, as the work's creators see it. */
export interface WorkCollectionItem {
  itemId: number;
  collection: { id: number; name: string; title: string };
  collectionApproval: Approval;
  creatorApproval: Approval;
  unrevealed: boolean;
  anonymous: boolean;
}

export interface CollectionListOptions {
  /** Words of the title or short name. */
  q?: string;
  open?: boolean;
  sort: 'title' | 'newest';
  limit: number;
  offset: number;
}

export interface CollectionCounts {
  works: number;
  bookmarks: number;
  participants: number;
}

/** Where a posting form files its work: collections and whether each needs a maintainer's approval first. */
export interface CollectionFiling {
  add: { collectionId: number; approval: Approval }[];
  /** Collections the writer took the work out of (edit form). */
  remove: number[];
  addedBy: number;
}

function toCollection(row: Selectable<CollectionsTable>): Collection {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    description: row.description,
    rules: row.rules,
    faq: row.faq,
    parentId: row.parent_id,
    open: Number(row.open) === 1,
    moderated: Number(row.moderated) === 1,
    unrevealed: Number(row.unrevealed) === 1,
    anonymous: Number(row.anonymous) === 1,
    revealWorksAt: row.reveal_works_at,
    revealCreatorsAt: row.reveal_creators_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function columns(fields: CollectionFields) {
  return {
    title: fields.title,
    description: fields.description,
    rules: fields.rules,
    faq: fields.faq,
    parent_id: fields.parentId,
    open: fields.open ? 1 : 0,
    moderated: fields.moderated ? 1 : 0,
    unrevealed: fields.unrevealed ? 1 : 0,
    anonymous: fields.anonymous ? 1 : 0,
    reveal_works_at: fields.revealWorksAt,
    reveal_creators_at: fields.revealCreatorsAt,
  };
}

/** The lower-case form short names are unique by. */
export function collectionNameKey(name: string): string {
  return name.toLowerCase();
}

/** Queues the reveal jobs of the dates a collection has (one per collection, kind and date). */
async function scheduleReveals(tx: Tx, collectionId: number, fields: CollectionFields): Promise<void> {
  const dates: [RevealKind, string | null][] = [
    ['works', fields.revealWorksAt],
    ['creators', fields.revealCreatorsAt],
  ];
  for (const [what, at] of dates) {
    if (!at) continue;
    await enqueueJob(tx, {
      kind: COLLECTION_REVEAL_JOB,
      payload: { collectionId, what },
      runAt: at,
      uniqueKey: `${COLLECTION_REVEAL_JOB}:${collectionId}:${what}:${at}`,
    });
  }
}

/**
 * After items changed: the works' unrevealed and anonymous flags recomputed (the lead's rule, which
 * also announces what came out), and their pages, which name their collections, marked changed.
 */
async function itemsChanged(tx: Tx, workIds: number[]): Promise<void> {
  if (workIds.length === 0) return;
  await refreshWorkCollectionFlags(tx, workIds);
  await noteWorksChanged(tx, workIds);
}

/** Work ids of the items of these collections. */
async function workIdsIn(tx: Db | Tx, collectionIds: number[]): Promise<number[]> {
  if (collectionIds.length === 0) return [];
  const rows = await tx
    .selectFrom('collection_items')
    .select('work_id')
    .where('collection_id', 'in', collectionIds)
    .where('work_id', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.work_id!))];
}

/** The work of an item, or of the bookmark an item holds (bookmarks do not hold works back). */
async function itemWorkIds(tx: Db | Tx, itemIds: number[]): Promise<number[]> {
  if (itemIds.length === 0) return [];
  const rows = await tx
    .selectFrom('collection_items')
    .select('work_id')
    .where('id', 'in', itemIds)
    .where('work_id', 'is not', null)
    .execute();
  return rows.map((r) => r.work_id!);
}

/**
 * Adds works to collections (or takes them out) inside the transaction that posts or changes them,
 * each new item copying its collection's unrevealed and anonymous settings, then recomputes the
 * works' flags in the same transaction.
 */
export async function fileWorkInCollections(tx: Tx, workId: number, filing: CollectionFiling): Promise<void> {
  const at = now();
  for (const { collectionId, approval } of filing.add) {
    const collection = await tx
      .selectFrom('collections')
      .select(['unrevealed', 'anonymous'])
      .where('id', '=', collectionId)
      .executeTakeFirst();
    if (!collection) continue;
    const existing = await tx
      .selectFrom('collection_items')
      .select(['id', 'creator_approval'])
      .where('collection_id', '=', collectionId)
      .where('work_id', '=', workId)
      .executeTakeFirst();
    if (existing) {
      // Named on the form after an invitation, or after being taken out: the creator says yes.
      if (existing.creator_approval !== 'approved')
        await tx
          .updateTable('collection_items')
          .set({ creator_approval: 'approved' })
          .where('id', '=', existing.id)
          .execute();
      continue;
    }
    await tx
      .insertInto('collection_items')
      .values({
        collection_id: collectionId,
        work_id: workId,
        bookmark_id: null,
        collection_approval: approval,
        creator_approval: 'approved',
        unrevealed: Number(collection.unrevealed),
        anonymous: Number(collection.anonymous),
        added_by: filing.addedBy,
        created_at: at,
      })
      .execute();
  }
  if (filing.remove.length > 0)
    await tx
      .deleteFrom('collection_items')
      .where('work_id', '=', workId)
      .where('collection_id', 'in', filing.remove)
      .execute();
  if (filing.add.length > 0 || filing.remove.length > 0) await itemsChanged(tx, [workId]);
}

/**
 * Before an account goes: each collection it alone owns passes to the participant who has kept it
 * longest (its moderators first, then its members), so that no collection is left without a keeper.
 */
export async function handOverCollections(tx: Tx, userId: number): Promise<void> {
  const owned = await tx
    .selectFrom('collection_participants')
    .select('collection_id')
    .where('user_id', '=', userId)
    .where('role', '=', 'owner')
    .execute();
  for (const { collection_id: collectionId } of owned) {
    const others = await tx
      .selectFrom('collection_participants')
      .select(['user_id', 'role'])
      .where('collection_id', '=', collectionId)
      .where('user_id', '!=', userId)
      .orderBy(sql`case role when 'owner' then 0 when 'moderator' then 1 else 2 end`)
      .orderBy('created_at')
      .orderBy('user_id')
      .limit(1)
      .executeTakeFirst();
    if (!others || others.role === 'owner') continue;
    await tx
      .updateTable('collection_participants')
      .set({ role: 'owner' })
      .where('collection_id', '=', collectionId)
      .where('user_id', '=', others.user_id)
      .execute();
  }
}

export class CollectionStore {
  constructor(private readonly db: Db) {}

  /** Creates a collection with its first owner; a taken short name is a ValidationError on `name`. */
  async create(name: string, fields: CollectionFields, owner: { userId: number; pseudId: number }): Promise<number> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const at = now();
        const row = await tx
          .insertInto('collections')
          .values({ name, name_key: collectionNameKey(name), ...columns(fields), created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('collection_participants')
          .values({
            collection_id: row.id,
            user_id: owner.userId,
            pseud_id: owner.pseudId,
            role: 'owner',
            created_at: at,
          })
          .execute();
        await scheduleReveals(tx, row.id, fields);
        return row.id;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ValidationError({ name: 'That short name is taken: choose another.' });
      throw error;
    }
  }

  /** Saves a collection's settings; new reveal dates are queued. */
  async update(id: number, fields: CollectionFields): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('collections')
        .set({ ...columns(fields), updated_at: now() })
        .where('id', '=', id)
        .execute();
      await scheduleReveals(tx, id, fields);
      // Its works' pages show its title, and so do the fills of its prompts.
      const fills = await tx
        .selectFrom('prompt_fills')
        .innerJoin('prompts', 'prompts.id', 'prompt_fills.prompt_id')
        .select('prompt_fills.work_id')
        .where('prompts.collection_id', '=', id)
        .execute();
      await noteWorksShowingChanged(tx, [...(await workIdsIn(tx, [id])), ...fills.map((f) => f.work_id)]);
    });
  }

  /** Deletes a collection (and its subcollections): their works come out of them at once. */
  async delete(id: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const children = await tx.selectFrom('collections').select('id').where('parent_id', '=', id).execute();
      const workIds = await workIdsIn(tx, [id, ...children.map((c) => c.id)]);
      await tx
        .deleteFrom('collection_items')
        .where('collection_id', 'in', [id, ...children.map((c) => c.id)])
        .execute();
      await tx.deleteFrom('collections').where('parent_id', '=', id).execute();
      await tx.deleteFrom('collections').where('id', '=', id).execute();
      await itemsChanged(tx, workIds);
    });
  }

  async findByName(name: string): Promise<Collection | undefined> {
    const row = await this.db
      .selectFrom('collections')
      .selectAll()
      .where('name_key', '=', collectionNameKey(name))
      .executeTakeFirst();
    return row && toCollection(row);
  }

  async find(id: number): Promise<Collection | undefined> {
    const row = await this.db.selectFrom('collections').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toCollection(row);
  }

  /** Collections by short name (any case), for the posting form's field. */
  async findByNames(names: string[]): Promise<Collection[]> {
    if (names.length === 0) return [];
    const rows = await this.db
      .selectFrom('collections')
      .selectAll()
      .where('name_key', 'in', names.map(collectionNameKey))
      .execute();
    return rows.map(toCollection);
  }

  /** A page of collections, searched by title or short name. */
  async list(options: CollectionListOptions): Promise<{ collections: Collection[]; total: number }> {
    let query = this.db.selectFrom('collections');
    const words = (options.q ?? '').trim().toLowerCase();
    if (words) {
      const pattern = `%${likeLiteral(words)}%`;
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`lower(collections.title) like ${pattern} escape '\\'`,
          sql<boolean>`collections.name_key like ${pattern} escape '\\'`,
        ]),
      );
    }
    if (options.open !== undefined) query = query.where('open', '=', options.open ? 1 : 0);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    let rows = query.selectAll();
    rows =
      options.sort === 'newest'
        ? rows.orderBy('created_at', 'desc').orderBy('id', 'desc')
        : rows.orderBy(sql`lower(collections.title)`).orderBy('id');
    const page = await rows.limit(options.limit).offset(options.offset).execute();
    return { collections: page.map(toCollection), total: Number(total.n) };
  }

  /** A collection's subcollections, by title. */
  async children(id: number): Promise<Collection[]> {
    const rows = await this.db
      .selectFrom('collections')
      .selectAll()
      .where('parent_id', '=', id)
      .orderBy(sql`lower(collections.title)`)
      .execute();
    return rows.map(toCollection);
  }

  /** Top-level collections a member owns: the parents a new collection may have. */
  async ownedBy(userId: number): Promise<Collection[]> {
    const rows = await this.db
      .selectFrom('collections')
      .innerJoin('collection_participants as cp', 'cp.collection_id', 'collections.id')
      .selectAll('collections')
      .where('cp.user_id', '=', userId)
      .where('cp.role', '=', 'owner')
      .where('collections.parent_id', 'is', null)
      .orderBy(sql`lower(collections.title)`)
      .execute();
    return rows.map(toCollection);
  }

  async participants(id: number): Promise<CollectionParticipant[]> {
    const rows = await this.db
      .selectFrom('collection_participants as cp')
      .innerJoin('users', 'users.id', 'cp.user_id')
      .innerJoin('pseuds', 'pseuds.id', 'cp.pseud_id')
      .select(['cp.user_id', 'users.login', 'cp.pseud_id', 'pseuds.name', 'cp.role', 'cp.created_at'])
      .where('cp.collection_id', '=', id)
      .orderBy(sql`case cp.role when 'owner' then 0 when 'moderator' then 1 else 2 end`)
      .orderBy('pseuds.name')
      .execute();
    return rows.map((r) => ({
      userId: r.user_id,
      login: r.login,
      pseudId: r.pseud_id,
      pseudName: r.name,
      role: r.role as CollectionRole,
      createdAt: r.created_at,
    }));
  }

  async roleOf(collectionId: number, userId: number): Promise<CollectionRole | undefined> {
    const row = await this.db
      .selectFrom('collection_participants')
      .select('role')
      .where('collection_id', '=', collectionId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.role as CollectionRole | undefined;
  }

  /** Adds a participant, or changes their role (and pen name). */
  async setParticipant(collectionId: number, userId: number, pseudId: number, role: CollectionRole): Promise<void> {
    await this.db
      .insertInto('collection_participants')
      .values({ collection_id: collectionId, user_id: userId, pseud_id: pseudId, role, created_at: now() })
      .onConflict((oc) => oc.columns(['collection_id', 'user_id']).doUpdateSet({ role, pseud_id: pseudId }))
      .execute();
  }

  async setRole(collectionId: number, userId: number, role: CollectionRole): Promise<void> {
    await this.db
      .updateTable('collection_participants')
      .set({ role })
      .where('collection_id', '=', collectionId)
      .where('user_id', '=', userId)
      .execute();
  }

  async removeParticipant(collectionId: number, userId: number): Promise<void> {
    await this.db
      .deleteFrom('collection_participants')
      .where('collection_id', '=', collectionId)
      .where('user_id', '=', userId)
      .execute();
  }

  /** Whether the member owns or moderates a collection holding the work: who may read it before it is revealed. */
  async maintainsCollectionOf(userId: number, workId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('collection_items as ci')
      .innerJoin('collection_participants as cp', 'cp.collection_id', 'ci.collection_id')
      .select('ci.id')
      .where('ci.work_id', '=', workId)
      .where('cp.user_id', '=', userId)
      .where('cp.role', 'in', ['owner', 'moderator'])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * The works in the collection on both sides (approved by it and by their creators), newest
   * first. Unless `withUnrevealed`, works still held back by any collection are left out: the list
   * everyone but the maintainers sees (the works search then applies the reader's own visibility).
   */
  async workIds(collectionId: number, { withUnrevealed = false } = {}): Promise<number[]> {
    let query = this.db
      .selectFrom('collection_items as ci')
      .innerJoin('works', 'works.id', 'ci.work_id')
      .select('ci.work_id')
      .where('ci.collection_id', '=', collectionId)
      .where('ci.collection_approval', '=', 'approved')
      .where('ci.creator_approval', '=', 'approved');
    if (!withUnrevealed) query = query.where('ci.unrevealed', '=', 0).where('works.unrevealed', '=', 0);
    const rows = await query.orderBy('ci.id', 'desc').execute();
    return rows.map((r) => r.work_id!);
  }

  /** The bookmarks in the collection (approved on both sides), newest first. */
  async bookmarkIds(collectionId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('collection_items')
      .select('bookmark_id')
      .where('collection_id', '=', collectionId)
      .where('bookmark_id', 'is not', null)
      .where('collection_approval', '=', 'approved')
      .where('creator_approval', '=', 'approved')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => r.bookmark_id!);
  }

  /** Every work with an item in the collection, whatever its state. */
  async itemsOfWorkIds(collectionId: number): Promise<number[]> {
    return workIdsIn(this.db, [collectionId]);
  }

  /** Every bookmark with an item in the collection, whatever its state. */
  async bookmarkIdsAll(collectionId: number): Promise<Set<number>> {
    const rows = await this.db
      .selectFrom('collection_items')
      .select('bookmark_id')
      .where('collection_id', '=', collectionId)
      .where('bookmark_id', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.bookmark_id!));
  }

  /** How many works, bookmarks and participants the public profile counts. */
  async counts(collectionId: number): Promise<CollectionCounts> {
    const [works, bookmarks, participants] = await Promise.all([
      this.workIds(collectionId),
      this.bookmarkIds(collectionId),
      this.db
        .selectFrom('collection_participants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('collection_id', '=', collectionId)
        .executeTakeFirstOrThrow(),
    ]);
    return { works: works.length, bookmarks: bookmarks.length, participants: Number(participants.n) };
  }

  /**
   * Every item of the collection for its maintainers, newest first: works by title and pen names
   * (drafts and works the archive's moderators hid are left out), bookmarks by their work and bookmarker.
   */
  async items(collectionId: number): Promise<CollectionItem[]> {
    const works = await this.db
      .selectFrom('collection_items as ci')
      .innerJoin('works', 'works.id', 'ci.work_id')
      .select([
        'ci.id',
        'ci.collection_id',
        'ci.work_id',
        'ci.bookmark_id',
        'works.title',
        'ci.collection_approval',
        'ci.creator_approval',
        'ci.unrevealed',
        'ci.anonymous',
        'ci.created_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('creatorships as c')
          .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
          .whereRef('c.work_id', '=', 'works.id')
          .where('c.accepted', '=', 1)
          .select(sql<string>`min(p.name)`.as('byline'))
          .as('byline'),
      )
      .where('ci.collection_id', '=', collectionId)
      .where('works.visibility', '<>', 'draft')
      .where('works.hidden_at', 'is', null)
      .execute();
    const bookmarks = await this.db
      .selectFrom('collection_items as ci')
      .innerJoin('bookmarks as b', 'b.id', 'ci.bookmark_id')
      .innerJoin('users as u', 'u.id', 'b.user_id')
      .leftJoin('works', 'works.id', 'b.work_id')
      .select([
        'ci.id',
        'ci.collection_id',
        'ci.work_id',
        'ci.bookmark_id',
        'works.title',
        'u.login as byline',
        'ci.collection_approval',
        'ci.creator_approval',
        'ci.unrevealed',
        'ci.anonymous',
        'ci.created_at',
      ])
      .where('ci.collection_id', '=', collectionId)
      .where('b.private', '=', 0)
      .where('b.hidden_at', 'is', null)
      .execute();
    return [...works, ...bookmarks]
      .map((r) => ({
        id: r.id,
        collectionId: r.collection_id,
        workId: r.work_id,
        bookmarkId: r.bookmark_id,
        title: r.title ?? 'a series',
        byline: r.byline ?? '',
        collectionApproval: r.collection_approval as Approval,
        creatorApproval: r.creator_approval as Approval,
        unrevealed: Number(r.unrevealed) === 1,
        anonymous: Number(r.anonymous) === 1,
        createdAt: r.created_at,
      }))
      .sort((a, b) => b.id - a.id);
  }

  async item(itemId: number): Promise<(CollectionItem & { addedBy: number | null }) | undefined> {
    const row = await this.db.selectFrom('collection_items').selectAll().where('id', '=', itemId).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      collectionId: row.collection_id,
      workId: row.work_id,
      bookmarkId: row.bookmark_id,
      title: '',
      byline: '',
      collectionApproval: row.collection_approval as Approval,
      creatorApproval: row.creator_approval as Approval,
      unrevealed: Number(row.unrevealed) === 1,
      anonymous: Number(row.anonymous) === 1,
      createdAt: row.created_at,
      addedBy: row.added_by,
    };
  }

  /** The collections a work is in or was invited to, for its creators (and, approved ones, for its page). */
  async itemsOfWork(workId: number): Promise<WorkCollectionItem[]> {
    return toWorkCollectionItems(await itemsOfWorkQuery(this.db, workId).execute());
  }

  /**
   * Puts a work in a collection from the collection's side: added by its creator (`creator`
   * approved) or invited by a maintainer (`invitation`, waiting for the creator, who is told).
   * An item already there is left as it is; returns whether one was added.
   */
  async addWork(
    collection: Collection,
    workId: number,
    sides: { collectionApproval: Approval; creatorApproval: Approval; addedBy: number },
    invitation?: { userIds: number[]; message: string },
  ): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const existing = await tx
        .selectFrom('collection_items')
        .select('id')
        .where('collection_id', '=', collection.id)
        .where('work_id', '=', workId)
        .executeTakeFirst();
      if (existing) return false;
      await tx
        .insertInto('collection_items')
        .values({
          collection_id: collection.id,
          work_id: workId,
          bookmark_id: null,
          collection_approval: sides.collectionApproval,
          creator_approval: sides.creatorApproval,
          unrevealed: collection.unrevealed ? 1 : 0,
          anonymous: collection.anonymous ? 1 : 0,
          added_by: sides.addedBy,
          created_at: now(),
        })
        .execute();
      if (invitation)
        await addNotifications(
          tx,
          invitation.userIds.map((userId) => ({
            userId,
            kind: 'collection-invitation' as const,
            workId,
            actorUserId: sides.addedBy,
            message: invitation.message,
          })),
        );
      await itemsChanged(tx, [workId]);
      return true;
    });
  }

  /** Puts a bookmark in a collection; returns whether one was added. */
  async addBookmark(collectionId: number, bookmarkId: number, collectionApproval: Approval, addedBy: number) {
    const result = await this.db
      .insertInto('collection_items')
      .values({
        collection_id: collectionId,
        work_id: null,
        bookmark_id: bookmarkId,
        collection_approval: collectionApproval,
        creator_approval: 'approved',
        added_by: addedBy,
        created_at: now(),
      })
      .onConflict((oc) => oc.columns(['collection_id', 'bookmark_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    return result !== undefined;
  }

  /** Sets one side's answer on items (a maintainer's approval, a creator's acceptance). */
  async setApproval(itemIds: number[], side: 'collection' | 'creator', approval: Approval): Promise<void> {
    if (itemIds.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('collection_items')
        .set(side === 'collection' ? { collection_approval: approval } : { creator_approval: approval })
        .where('id', 'in', itemIds)
        .execute();
      await itemsChanged(tx, await itemWorkIds(tx, itemIds));
    });
  }

  async removeItems(itemIds: number[]): Promise<void> {
    if (itemIds.length === 0) return;
    await this.db.transaction().execute(async (tx) => {
      const workIds = await itemWorkIds(tx, itemIds);
      await tx.deleteFrom('collection_items').where('id', 'in', itemIds).execute();
      await itemsChanged(tx, workIds);
    });
  }

  /**
   * Reveals a collection's works (or their creators): its items and the collection itself stop
   * holding them back, and the works come out everywhere in the same transaction. Revealing
   * works before creators keeps them anonymous. Doing it twice changes nothing.
   */
  async reveal(collectionId: number, what: RevealKind): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const flag = what === 'works' ? 'unrevealed' : 'anonymous';
      await tx
        .updateTable('collection_items')
        .set(what === 'works' ? { unrevealed: 0 } : { anonymous: 0 })
        .where('collection_id', '=', collectionId)
        .where(flag, '=', 1)
        .execute();
      await tx
        .updateTable('collections')
        .set(
          what === 'works'
            ? { unrevealed: 0, reveal_works_at: null, updated_at: now() }
            : { anonymous: 0, reveal_creators_at: null, updated_at: now() },
        )
        .where('id', '=', collectionId)
        .execute();
      await itemsChanged(tx, await workIdsIn(tx, [collectionId]));
    });
  }

  /**
   * The scheduled reveal: reveals when the collection still asks for it on a date that has come
   * (a date moved later, or a reveal done by hand, leaves nothing to do).
   */
  async revealIfDue(collectionId: number, what: RevealKind, at = now()): Promise<boolean> {
    const collection = await this.find(collectionId);
    if (!collection) return false;
    const due = what === 'works' ? collection.revealWorksAt : collection.revealCreatorsAt;
    if (!due || due > at) return false;
    await this.reveal(collectionId, what);
    return true;
  }
}

/** The collection items of one work with their collections, by title (see CollectionStore.itemsOfWork). */
export function itemsOfWorkQuery(db: Db, workId: number) {
  return db
    .selectFrom('collection_items as ci')
    .innerJoin('collections as c', 'c.id', 'ci.collection_id')
    .select([
      'ci.id',
      'c.id as collection_id',
      'c.name',
      'c.title',
      'ci.collection_approval',
      'ci.creator_approval',
      'ci.unrevealed',
      'ci.anonymous',
    ])
    .where('ci.work_id', '=', workId)
    .orderBy(sql`lower(c.title)`);
}

export function toWorkCollectionItems(
  rows: {
    id: number;
    collection_id: number;
    name: string;
    title: string;
    collection_approval: string;
    creator_approval: string;
    unrevealed: number;
    anonymous: number;
  }[],
): WorkCollectionItem[] {
  return rows.map((r) => ({
    itemId: r.id,
    collection: { id: r.collection_id, name: r.name, title: r.title },
    collectionApproval: r.collection_approval as Approval,
    creatorApproval: r.creator_approval as Approval,
    unrevealed: Number(r.unrevealed) === 1,
    anonymous: Number(r.anonymous) === 1,
  }));
}
