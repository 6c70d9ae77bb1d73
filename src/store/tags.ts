import { sql, type ExpressionBuilder } from 'kysely';
import type { Database } from './schema.ts';
import { likeLiteral, now, type Db, type Tx } from './database.ts';
import { tagKey, type TagKind } from '../domain/works.ts';
import {
  checkNotCanonical,
  checkParent,
  checkSynonym,
  relationshipKey,
  relationshipParts,
  type WrangledTag,
} from '../domain/tags.ts';
import { NotFoundError } from '../domain/errors.ts';
import { ancestorIds, filterTagIds, loadTag, TAG_COLUMNS, toWrangledTag, worksTaggedWith } from './tag-graph.ts';
import { noteWorksChanged } from './work-changes.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';

/** A tag offered while a writer types, with how many readable works use it. */
export interface TagSuggestion {
  name: string;
  uses: number;
}

/** Characters after which a new word of a tag name begins: "John Watson/Sherlock Holmes", "Sherlock (TV)". */
const WORD_BREAKS = [' ', '/', '(', '-', '"'];

/** Everything a tag page shows about a tag's place among other tags. */
export interface TagFamily {
  /** The canonical tag a synonym files its works under. */
  mergedInto?: WrangledTag;
  synonyms: WrangledTag[];
  /** Meta tags: parents of the same kind. */
  metaTags: WrangledTag[];
  /** Fandoms a character, relationship or additional tag belongs to. */
  fandoms: WrangledTag[];
  /** Subtags: children of the same kind. */
  subTags: WrangledTag[];
  /** For a fandom: its characters, relationships and additional tags. */
  members: WrangledTag[];
}

/** A tag no wrangler has looked at yet (neither canonical nor a synonym), with its uses on all works. */
export interface UnwrangledTag {
  id: number;
  name: string;
  uses: number;
}

/**
 * Whose reading a tag's uses are counted for: a guest reads public works only, a member also works
 * released to registered users. (The same split as `visibleTo` in works.ts; creators' own works and
 * wranglers are asked about apart.)
 */
export type TagAudience = 'guest' | 'member';
// Queries that count uses take the audience last and default to 'member' (what they counted before
// guests were told apart); the application layer always says whose answer it asks for.

/** The audience of a viewer id: a guest for null. */
function audienceOf(viewerId: number | null): TagAudience {
  return viewerId === null ? 'guest' : 'member';
}

/** The visibilities of the released works this audience may read. */
function readableVisibilities(audience: TagAudience): string[] {
  return audience === 'guest' ? ['public'] : ['public', 'registered'];
}

/**
 * Tags whose name this audience may learn: canonical ones (wranglers made them public on purpose),
 * and those on a released work the audience may read (not only on drafts or scheduled works, and
 * for guests not only on works for registered users).
 */
function knownToReaders(audience: TagAudience) {
  return (eb: ExpressionBuilder<Database, 'tags'>) =>
    eb.or([
      eb('tags.canonical', '=', 1),
      eb.exists(
        eb
          .selectFrom('taggings as kt')
          .innerJoin('works as kw', 'kw.id', 'kt.work_id')
          .select('kt.work_id')
          .whereRef('kt.tag_id', '=', 'tags.id')
          .where('kw.visibility', 'in', readableVisibilities(audience))
          .where('kw.published_at', '<=', now())
          .where('kw.hidden_at', 'is', null)
          .where('kw.unrevealed', '=', 0),
      ),
    ]);
}

export class TagStore {
  constructor(private readonly db: Db) {}

  /**
   * Tags of one kind matching what the writer has typed: names starting with it first, then
   * those with a word starting with it, then those merely containing it; within each, the
   * most used first. Only works this audience may read count, so a tag that so far exists only on
   * someone's draft or scheduled work (or, for a guest, only on works for registered users) is
   * never revealed.
   */
  async suggest(
    kind: TagKind,
    typed: string,
    limit: number,
    audience: TagAudience = 'member',
  ): Promise<TagSuggestion[]> {
    const key = likeLiteral(tagKey(typed));
    if (key.length === 0 || limit <= 0) return [];
    // SQLite has no default LIKE escape character; PostgreSQL's is the backslash. Name it for both.
    const startsWith = sql<boolean>`tags.name_key like ${`${key}%`} escape '\\'`;
    const wordStartsWith = sql.join(
      WORD_BREAKS.map((mark) => sql`tags.name_key like ${`%${likeLiteral(mark)}${key}%`} escape '\\'`),
      sql` or `,
    );
    const rows = await this.db
      .selectFrom('tags')
      .innerJoin('taggings', 'taggings.tag_id', 'tags.id')
      .innerJoin('works', 'works.id', 'taggings.work_id')
      .select(['tags.name', 'tags.name_key'])
      .select((eb) => eb.fn.countAll<number>().as('uses'))
      .where('tags.kind', '=', kind)
      .where(sql<boolean>`tags.name_key like ${`%${key}%`} escape '\\'`)
      .where('works.visibility', 'in', readableVisibilities(audience))
      .where('works.published_at', '<=', now())
      .where('works.hidden_at', 'is', null)
      .where('works.unrevealed', '=', 0)
      .groupBy(['tags.id', 'tags.name', 'tags.name_key'])
      .orderBy(sql`case when ${startsWith} then 0 when ${wordStartsWith} then 1 else 2 end`)
      .orderBy('uses', 'desc')
      .orderBy('tags.name_key')
      .limit(limit)
      .execute();
    const found = rows.map((row) => ({ name: row.name, uses: Number(row.uses) }));
    if (kind !== 'relationship') return found;
    // "Hermione/Draco" also offers the canonical "Draco Malfoy/Hermione Granger", first.
    const matching = await this.matchingRelationships(typed, limit, audience);
    const offered = new Set(matching.map((tag) => tag.name));
    return [...matching, ...found.filter((tag) => !offered.has(tag.name))].slice(0, limit);
  }

  /**
   * Canonical tags of one kind matching the typed text, ranked like `suggest`, for wrangling
   * forms (a synonym's canonical tag, a parent). Canonical tags are public, so those not yet on
   * any readable work are offered too; `uses` counts the works this audience may read.
   */
  async suggestCanonical(
    kind: TagKind,
    typed: string,
    limit: number,
    audience: TagAudience = 'member',
  ): Promise<TagSuggestion[]> {
    const key = likeLiteral(tagKey(typed));
    if (key.length === 0 || limit <= 0) return [];
    const startsWith = sql<boolean>`tags.name_key like ${`${key}%`} escape '\\'`;
    const wordStartsWith = sql.join(
      WORD_BREAKS.map((mark) => sql`tags.name_key like ${`%${likeLiteral(mark)}${key}%`} escape '\\'`),
      sql` or `,
    );
    const at = now();
    const rows = await this.db
      .selectFrom('tags')
      .select(['tags.name', 'tags.name_key'])
      .select((eb) => visibleUses(eb, at, audience))
      .where('tags.kind', '=', kind)
      .where('tags.canonical', '=', 1)
      .where(sql<boolean>`tags.name_key like ${`%${key}%`} escape '\\'`)
      .orderBy(sql`case when ${startsWith} then 0 when ${wordStartsWith} then 1 else 2 end`)
      .orderBy('uses', 'desc')
      .orderBy('tags.name_key')
      .limit(limit)
      .execute();
    const found = rows.map((row) => ({ name: row.name, uses: Number(row.uses ?? 0) }));
    if (kind !== 'relationship') return found;
    const matching = await this.matchingRelationships(typed, limit, audience);
    const offered = new Set(matching.map((tag) => tag.name));
    return [...matching, ...found.filter((tag) => !offered.has(tag.name))].slice(0, limit);
  }

  /** Every tag of one kind on a work readers can see (drafts' tags stay private), for matching names in imported text. */
  async namesInUse(kind: TagKind): Promise<string[]> {
    const rows = await this.db
      .selectFrom('tags')
      .innerJoin('taggings', 'taggings.tag_id', 'tags.id')
      .innerJoin('works', 'works.id', 'taggings.work_id')
      .select('tags.name')
      .distinct()
      .where('tags.kind', '=', kind)
      .where('works.visibility', 'in', readableVisibilities('member'))
      .where('works.published_at', '<=', now())
      .where('works.hidden_at', 'is', null)
      .where('works.unrevealed', '=', 0)
      .execute();
    return rows.map((row) => row.name);
  }

  /**
   * The tags a filter on this tag must match: the tag (or, for a synonym, its canonical tag), its
   * subtags of the same kind at any depth, and the synonyms of all of these.
   */
  filterTagIdsFor(tagId: number): Promise<number[]> {
    return filterTagIds(this.db, tagId);
  }

  find(tagId: number): Promise<WrangledTag | undefined> {
    return loadTag(this.db, tagId);
  }

  /** Tags with this name, one per kind at most (a name may be a fandom and a character). */
  async named(name: string): Promise<WrangledTag[]> {
    const rows = await this.db
      .selectFrom('tags')
      .select(TAG_COLUMNS)
      .where('tags.name_key', '=', tagKey(name))
      .execute();
    return rows.map(toWrangledTag);
  }

  /** Makes a tag canonical; a synonym stops being one, and its works are filed under it again. */
  async makeCanonical(tagId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const tag = await mustLoad(tx, tagId);
      if (tag.canonical) return;
      await tx.updateTable('tags').set({ canonical: 1, merger_id: null }).where('id', '=', tagId).execute();
      if (tag.mergerId !== null) await noteWorksChanged(tx, await worksTaggedWith(tx, [tagId]));
    });
  }

  /** Makes a canonical tag an ordinary one again, once no synonym, subtag or meta tag hangs on it. */
  async makeNotCanonical(tagId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const tag = await mustLoad(tx, tagId);
      if (!tag.canonical) return;
      const synonyms = await tx
        .selectFrom('tags')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('merger_id', '=', tagId)
        .executeTakeFirstOrThrow();
      const children = await tx
        .selectFrom('tag_parents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('parent_id', '=', tagId)
        .executeTakeFirstOrThrow();
      const metaTags = await tx
        .selectFrom('tag_parents')
        .innerJoin('tags', 'tags.id', 'tag_parents.parent_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tag_parents.child_id', '=', tagId)
        .where('tags.kind', '=', tag.kind)
        .executeTakeFirstOrThrow();
      checkNotCanonical(tag, {
        synonyms: Number(synonyms.n),
        children: Number(children.n),
        metaTags: Number(metaTags.n),
      });
      await tx.updateTable('tags').set({ canonical: 0 }).where('id', '=', tagId).execute();
    });
  }

  /**
   * Files a tag under a canonical tag of the same kind. A canonical tag with works may become a
   * synonym: its synonyms, subtags, meta tags and fandom links move to the new canonical tag
   * (links that would make a loop are dropped), so no synonym ever points at a synonym.
   */
  async makeSynonym(tagId: number, canonicalId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const tag = await mustLoad(tx, tagId);
      const target = await mustLoad(tx, canonicalId);
      checkSynonym(tag, target, target.mergerId !== null ? await loadTag(tx, target.mergerId) : undefined);
      if (tag.mergerId === target.id) return;
      const affected = await worksTaggedWith(tx, await filterTagIds(tx, tagId));
      await tx.updateTable('tags').set({ merger_id: target.id }).where('merger_id', '=', tagId).execute();
      let targetGotMetaTag = false;
      const links = await tx
        .selectFrom('tag_parents')
        .innerJoin('tags as p', 'p.id', 'tag_parents.parent_id')
        .innerJoin('tags as c', 'c.id', 'tag_parents.child_id')
        .select(['tag_parents.parent_id', 'tag_parents.child_id', 'p.kind as parent_kind', 'c.kind as child_kind'])
        .where((eb) => eb.or([eb('tag_parents.parent_id', '=', tagId), eb('tag_parents.child_id', '=', tagId)]))
        .execute();
      for (const link of links) {
        const sameKind = link.parent_kind === link.child_kind;
        if (link.parent_id === tagId) {
          const childId = link.child_id;
          if (childId === target.id) continue;
          if (sameKind && (await ancestorIds(tx, target.id, target.kind)).has(childId)) continue;
          await linkTags(tx, target.id, childId);
        } else {
          const parentId = link.parent_id;
          if (parentId === target.id) continue;
          if (sameKind && (await ancestorIds(tx, parentId, target.kind)).has(target.id)) continue;
          if ((await linkTags(tx, parentId, target.id)) && sameKind) targetGotMetaTag = true;
        }
      }
      // A synonym keeps its fandoms (they say where the name is used); meta and subtag links and children go.
      await tx.deleteFrom('tag_parents').where('parent_id', '=', tagId).execute();
      await tx
        .deleteFrom('tag_parents')
        .where('child_id', '=', tagId)
        .where((eb) => eb('parent_id', 'in', eb.selectFrom('tags').select('id').where('kind', '=', tag.kind)))
        .execute();
      await tx.updateTable('tags').set({ canonical: 0, merger_id: target.id }).where('id', '=', tagId).execute();
      // The target's own works (and its subtags' and synonyms') now filter under the meta tags it took over.
      if (targetGotMetaTag) affected.push(...(await worksTaggedWith(tx, await filterTagIds(tx, target.id))));
      await noteWorksChanged(tx, affected);
    });
  }

  /** Stops a tag being a synonym: its works are filed under it alone again. */
  async removeSynonym(tagId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const tag = await mustLoad(tx, tagId);
      if (tag.mergerId === null) return;
      await tx.updateTable('tags').set({ merger_id: null }).where('id', '=', tagId).execute();
      await noteWorksChanged(tx, await worksTaggedWith(tx, [tagId]));
    });
  }

  /** Puts a tag under a meta tag of its kind, or a character, relationship or additional tag under a fandom. */
  async addParent(childId: number, parentId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const child = await mustLoad(tx, childId);
      const parent = await mustLoad(tx, parentId);
      checkParent(
        child,
        parent,
        parent.kind === child.kind ? await ancestorIds(tx, parent.id, parent.kind) : new Set(),
      );
      const added = await linkTags(tx, parentId, childId);
      if (added && parent.kind === child.kind)
        await noteWorksChanged(tx, await worksTaggedWith(tx, await filterTagIds(tx, childId)));
    });
  }

  /**
   * Gives a tag a new name (same kind); false if another tag of that kind has the name. Works keep
   * the tag; every work filed under it is noted changed so listings and search learn the name.
   */
  async rename(tagId: number, name: string, audit?: AuditLines): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const tag = await mustLoad(tx, tagId);
      const key = tagKey(name);
      const clash = await tx
        .selectFrom('tags')
        .select('id')
        .where('kind', '=', tag.kind)
        .where('name_key', '=', key)
        .where('id', '<>', tagId)
        .executeTakeFirst();
      if (clash) return false;
      await tx.updateTable('tags').set({ name, name_key: key }).where('id', '=', tagId).execute();
      // The old name leads to the tag from now on; the new one is the tag's own again.
      const oldKey = tagKey(tag.name);
      if (oldKey !== key) {
        await tx.deleteFrom('tag_renames').where('kind', '=', tag.kind).where('name_key', '=', oldKey).execute();
        await tx
          .insertInto('tag_renames')
          .values({ kind: tag.kind, name_key: oldKey, tag_id: tagId, renamed_at: now() })
          .execute();
        await tx.deleteFrom('tag_renames').where('kind', '=', tag.kind).where('name_key', '=', key).execute();
      }
      await noteWorksChanged(tx, await worksTaggedWith(tx, await filterTagIds(tx, tagId)));
      await insertAuditLines(tx, audit);
      return true;
    });
  }

  /**
   * The tags once called `name` and renamed by an admin since, as they are called now (of `kind`
   * only, when given); none when no tag had that name.
   */
  async renamedFrom(name: string, kind?: string): Promise<WrangledTag[]> {
    let query = this.db
      .selectFrom('tag_renames')
      .innerJoin('tags', 'tags.id', 'tag_renames.tag_id')
      .select(TAG_COLUMNS)
      .where('tag_renames.name_key', '=', tagKey(name));
    if (kind) query = query.where('tag_renames.kind', '=', kind);
    const rows = await query.orderBy('tag_renames.renamed_at', 'desc').execute();
    return rows.map(toWrangledTag);
  }

  /**
   * Deletes a tag: off every work, out of the tag graph (its synonyms become unwrangled tags of their
   * own, links to parents and children go), and out of members' mutes; one transaction.
   */
  async delete(tagId: number, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await mustLoad(tx, tagId);
      // Works filed under it through synonyms or subtags filter differently afterwards too.
      const works = await worksTaggedWith(tx, await filterTagIds(tx, tagId));
      await tx.deleteFrom('taggings').where('tag_id', '=', tagId).execute();
      await tx
        .deleteFrom('tag_parents')
        .where((eb) => eb.or([eb('parent_id', '=', tagId), eb('child_id', '=', tagId)]))
        .execute();
      await tx.updateTable('tags').set({ merger_id: null }).where('merger_id', '=', tagId).execute();
      await tx.deleteFrom('mutes').where('target_kind', '=', 'tag').where('target_id', '=', tagId).execute();
      await tx.deleteFrom('tags').where('id', '=', tagId).execute();
      await noteWorksChanged(tx, works);
      await insertAuditLines(tx, audit);
    });
  }

  async removeParent(childId: number, parentId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const child = await mustLoad(tx, childId);
      const parent = await mustLoad(tx, parentId);
      const removed = await tx
        .deleteFrom('tag_parents')
        .where('parent_id', '=', parentId)
        .where('child_id', '=', childId)
        .executeTakeFirst();
      if (Number(removed.numDeletedRows) > 0 && parent.kind === child.kind)
        await noteWorksChanged(tx, await worksTaggedWith(tx, await filterTagIds(tx, childId)));
    });
  }

  /**
   * May this viewer learn that the tag exists? Canonical tags are public; other tags are known
   * through the works the viewer may read: a guest's public works, a member's registered-only works
   * too. A tag only on drafts or scheduled works is known to wranglers and to the creators of those
   * works alone (and one only on works for registered users is not known to guests).
   */
  async isKnownTo(tagId: number, viewerId: number | null, wrangler: boolean): Promise<boolean> {
    if (wrangler) return true;
    const known = await this.db
      .selectFrom('tags')
      .select('tags.id')
      .where('tags.id', '=', tagId)
      .where(knownToReaders(audienceOf(viewerId)))
      .executeTakeFirst();
    if (known) return true;
    if (viewerId === null) return false;
    const own = await this.db
      .selectFrom('taggings')
      .innerJoin('creatorships', 'creatorships.work_id', 'taggings.work_id')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select('taggings.work_id')
      .where('taggings.tag_id', '=', tagId)
      .where('creatorships.accepted', '=', 1)
      .where('pseuds.user_id', '=', viewerId)
      .executeTakeFirst();
    return own !== undefined;
  }

  /**
   * Synonyms, parents and children of a tag; names this audience may not learn are left out unless
   * `wrangler`.
   */
  async family(tag: WrangledTag, wrangler: boolean, audience: TagAudience): Promise<TagFamily> {
    const knownHere = knownToReaders(audience);
    const known = <T extends { where: (f: typeof knownHere) => T }>(query: T): T =>
      wrangler ? query : query.where(knownHere);
    const byName = (a: WrangledTag, b: WrangledTag) => a.name.localeCompare(b.name);
    const synonyms = (
      await known(this.db.selectFrom('tags').select(TAG_COLUMNS).where('tags.merger_id', '=', tag.id)).execute()
    )
      .map(toWrangledTag)
      .sort(byName);
    const parents = (
      await known(
        this.db
          .selectFrom('tag_parents')
          .innerJoin('tags', 'tags.id', 'tag_parents.parent_id')
          .select(TAG_COLUMNS)
          .where('tag_parents.child_id', '=', tag.id),
      ).execute()
    )
      .map(toWrangledTag)
      .sort(byName);
    const children = (
      await known(
        this.db
          .selectFrom('tag_parents')
          .innerJoin('tags', 'tags.id', 'tag_parents.child_id')
          .select(TAG_COLUMNS)
          .where('tag_parents.parent_id', '=', tag.id),
      ).execute()
    )
      .map(toWrangledTag)
      .sort(byName);
    return {
      mergedInto: tag.mergerId !== null ? await loadTag(this.db, tag.mergerId) : undefined,
      synonyms,
      metaTags: parents.filter((p) => p.kind === tag.kind),
      fandoms: parents.filter((p) => p.kind === 'fandom' && tag.kind !== 'fandom'),
      subTags: children.filter((c) => c.kind === tag.kind),
      members: children.filter((c) => c.kind !== tag.kind),
    };
  }

  /** Tags of one kind waiting for a wrangler, most used first (drafts count: wranglers see every tag). */
  async unwrangled(kind: TagKind, limit: number, offset: number): Promise<{ tags: UnwrangledTag[]; total: number }> {
    const base = this.db
      .selectFrom('tags')
      .where('tags.kind', '=', kind)
      .where('tags.canonical', '=', 0)
      .where('tags.merger_id', 'is', null);
    const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base
      .leftJoin('taggings', 'taggings.tag_id', 'tags.id')
      .select(['tags.id', 'tags.name', 'tags.name_key'])
      .select((eb) => eb.fn.count<number>('taggings.work_id').as('uses'))
      .groupBy(['tags.id', 'tags.name', 'tags.name_key'])
      .orderBy('uses', 'desc')
      .orderBy('tags.name_key')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      tags: rows.map((row) => ({ id: row.id, name: row.name, uses: Number(row.uses) })),
      total: Number(total.n),
    };
  }

  /** How many tags of each kind wait for a wrangler. */
  async unwrangledCounts(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('tags')
      .select(['kind'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('canonical', '=', 0)
      .where('merger_id', 'is', null)
      .groupBy('kind')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.kind, Number(row.n)]));
  }

  /**
   * Canonical relationships that name the same people as the typed one, once its characters are
   * wrangled: "Hermione/Draco" finds "Draco Malfoy/Hermione Granger" (see relationshipKey). `uses`
   * counts the works this audience may read.
   */
  async matchingRelationships(
    typed: string,
    limit: number,
    audience: TagAudience = 'member',
  ): Promise<TagSuggestion[]> {
    const parts = relationshipParts(typed);
    if (!parts || limit <= 0) return [];
    const partKeys = parts.names.map((name) => tagKey(name));
    const characters = await characterNames(this.db, partKeys);
    const wanted = relationshipKey(typed, (key) => characters.canonicalKey.get(key));
    // Candidates name each person by their canonical name or one of its synonyms.
    let query = this.db
      .selectFrom('tags')
      .select(TAG_COLUMNS)
      .select('tags.name_key')
      .where('tags.kind', '=', 'relationship');
    for (const key of partKeys) {
      const canonical = characters.canonicalKey.get(key) ?? key;
      const names = [...new Set([canonical, key, ...(characters.synonymKeys.get(canonical) ?? [])])];
      query = query.where((eb) =>
        eb.or(names.map((name) => sql<boolean>`tags.name_key like ${`%${likeLiteral(name)}%`} escape '\\'`)),
      );
    }
    const candidates = await query.limit(500).execute();
    const candidateParts = candidates.flatMap(
      (row) => relationshipParts(row.name)?.names.map((name) => tagKey(name)) ?? [],
    );
    const all = await characterNames(this.db, [...new Set(candidateParts)]);
    const canonicalIds = new Set<number>();
    for (const row of candidates) {
      if (relationshipKey(row.name, (key) => all.canonicalKey.get(key)) !== wanted) continue;
      if (row.merger_id !== null) canonicalIds.add(row.merger_id);
      else if (Number(row.canonical) === 1) canonicalIds.add(row.id);
    }
    if (canonicalIds.size === 0) return [];
    const ids = [...canonicalIds];
    const rows = await this.db
      .selectFrom('tags')
      .select(['tags.name', 'tags.name_key'])
      .select((eb) => visibleUses(eb, now(), audience))
      .where('tags.id', 'in', ids)
      .execute();
    return rows
      .map((row) => ({ name: row.name, uses: Number(row.uses ?? 0), key: row.name_key }))
      .sort((a, b) => b.uses - a.uses || a.key.localeCompare(b.key))
      .slice(0, limit)
      .map(({ name, uses }) => ({ name, uses }));
  }
}

async function mustLoad(tx: Tx, tagId: number): Promise<WrangledTag> {
  const tag = await loadTag(tx, tagId);
  if (!tag) throw new NotFoundError('There is no such tag.');
  return tag;
}

/** Adds a parent link unless it exists; true if it was added. */
async function linkTags(tx: Tx, parentId: number, childId: number): Promise<boolean> {
  const result = await tx
    .insertInto('tag_parents')
    .values({ parent_id: parentId, child_id: childId })
    .onConflict((oc) => oc.columns(['parent_id', 'child_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** For character name keys: the name key of each one's canonical tag, and the synonyms' keys of those canonical tags. */
async function characterNames(
  db: Db,
  keys: string[],
): Promise<{ canonicalKey: Map<string, string>; synonymKeys: Map<string, string[]> }> {
  const canonicalKey = new Map<string, string>();
  const synonymKeys = new Map<string, string[]>();
  if (keys.length === 0) return { canonicalKey, synonymKeys };
  const rows = await db
    .selectFrom('tags')
    .leftJoin('tags as m', 'm.id', 'tags.merger_id')
    .select(['tags.id', 'tags.name_key', 'tags.canonical', 'm.id as merger_id', 'm.name_key as merger_key'])
    .where('tags.kind', '=', 'character')
    .where('tags.name_key', 'in', keys)
    .execute();
  const canonicalIds = new Map<number, string>();
  for (const row of rows) {
    if (row.merger_key) {
      canonicalKey.set(row.name_key, row.merger_key);
      canonicalIds.set(row.merger_id!, row.merger_key);
    } else if (Number(row.canonical) === 1) {
      canonicalKey.set(row.name_key, row.name_key);
      canonicalIds.set(row.id, row.name_key);
    }
  }
  if (canonicalIds.size > 0) {
    const synonyms = await db
      .selectFrom('tags')
      .select(['merger_id', 'name_key'])
      .where('merger_id', 'in', [...canonicalIds.keys()])
      .execute();
    for (const row of synonyms) {
      const key = canonicalIds.get(row.merger_id!)!;
      synonymKeys.set(key, [...(synonymKeys.get(key) ?? []), row.name_key]);
    }
  }
  return { canonicalKey, synonymKeys };
}

/** How many released works this audience may read carry the tag or one of its synonyms (for ordering suggestions). */
function visibleUses(eb: ExpressionBuilder<Database, 'tags'>, at: string, audience: TagAudience) {
  return eb
    .selectFrom('taggings')
    .innerJoin('tags as s', 's.id', 'taggings.tag_id')
    .innerJoin('works', 'works.id', 'taggings.work_id')
    .select((inner) => inner.fn.count<number>('taggings.work_id').distinct().as('n'))
    .where((inner) =>
      inner.or([inner('s.id', '=', inner.ref('tags.id')), inner('s.merger_id', '=', inner.ref('tags.id'))]),
    )
    .where('works.visibility', 'in', readableVisibilities(audience))
    .where('works.published_at', '<=', at)
    .where('works.hidden_at', 'is', null)
    .where('works.unrevealed', '=', 0)
    .as('uses');
}
