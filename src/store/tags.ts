import { sql } from 'kysely';
import { now, type Db, type Tx } from './database.ts';
import { tagKey, type TagKind } from '../domain/works.ts';
import { checkNotCanonical, checkParent, checkSynonym, type WrangledTag } from '../domain/tags.ts';
import { NotFoundError } from '../domain/errors.ts';
import { ancestorIds, filterTagIds, loadTag, TAG_COLUMNS, toWrangledTag, worksTaggedWith } from './tag-graph.ts';
import { noteWorksChanged } from './work-changes.ts';

/** A tag offered while a writer types, with how many readable works use it. */
export interface TagSuggestion {
  name: string;
  uses: number;
}

/** Characters after which a new word of a tag name begins: "John Watson/Sherlock Holmes", "Sherlock (TV)". */
const WORD_BREAKS = [' ', '/', '(', '-', '"'];

/** The typed text as a LIKE pattern fragment that matches itself literally. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class TagStore {
  constructor(private readonly db: Db) {}

  /**
   * Tags of one kind matching what the writer has typed: names starting with it first, then
   * those with a word starting with it, then those merely containing it; within each, the
   * most used first. Only works readers can see count, so a tag that so far exists only on
   * someone's draft or scheduled work is never revealed.
   */
  async suggest(kind: TagKind, typed: string, limit: number): Promise<TagSuggestion[]> {
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
      .where('works.visibility', 'in', ['public', 'registered'])
      .where('works.published_at', '<=', now())
      .groupBy(['tags.id', 'tags.name', 'tags.name_key'])
      .orderBy(sql`case when ${startsWith} then 0 when ${wordStartsWith} then 1 else 2 end`)
      .orderBy('uses', 'desc')
      .orderBy('tags.name_key')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ name: row.name, uses: Number(row.uses) }));
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
      .where('works.visibility', 'in', ['public', 'registered'])
      .where('works.published_at', '<=', now())
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
    const rows = await this.db.selectFrom('tags').select(TAG_COLUMNS).where('tags.name_key', '=', tagKey(name)).execute();
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
      const synonyms = await tx.selectFrom('tags').select((eb) => eb.fn.countAll<number>().as('n')).where('merger_id', '=', tagId).executeTakeFirstOrThrow();
      const children = await tx.selectFrom('tag_parents').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', tagId).executeTakeFirstOrThrow();
      const metaTags = await tx
        .selectFrom('tag_parents')
        .innerJoin('tags', 'tags.id', 'tag_parents.parent_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('tag_parents.child_id', '=', tagId)
        .where('tags.kind', '=', tag.kind)
        .executeTakeFirstOrThrow();
      checkNotCanonical(tag, { synonyms: Number(synonyms.n), children: Number(children.n), metaTags: Number(metaTags.n) });
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
          await linkTags(tx, parentId, target.id);
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
      checkParent(child, parent, parent.kind === child.kind ? await ancestorIds(tx, parent.id, parent.kind) : new Set());
      const added = await linkTags(tx, parentId, childId);
      if (added && parent.kind === child.kind) await noteWorksChanged(tx, await worksTaggedWith(tx, await filterTagIds(tx, childId)));
    });
  }

  async removeParent(childId: number, parentId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const child = await mustLoad(tx, childId);
      const parent = await mustLoad(tx, parentId);
      const removed = await tx.deleteFrom('tag_parents').where('parent_id', '=', parentId).where('child_id', '=', childId).executeTakeFirst();
      if (Number(removed.numDeletedRows) > 0 && parent.kind === child.kind) await noteWorksChanged(tx, await worksTaggedWith(tx, await filterTagIds(tx, childId)));
    });
  }
}

async function mustLoad(tx: Tx, tagId: number): Promise<WrangledTag> {
  const tag = await loadTag(tx, tagId);
  if (!tag) throw new NotFoundError('There is no such tag.');
  return tag;
}

/** Adds a parent link unless it exists; true if it was added. */
async function linkTags(tx: Tx, parentId: number, childId: number): Promise<boolean> {
  const result = await tx.insertInto('tag_parents').values({ parent_id: parentId, child_id: childId }).onConflict((oc) => oc.columns(['parent_id', 'child_id']).doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
