import type { Selectable } from 'kysely';
import { now, type Db, type Tx } from './database.ts';
import type { TagsTable } from './schema.ts';
import type { WrangledTag } from '../domain/tags.ts';
import { tagKey, type TagKind } from '../domain/works.ts';

/** Reads of the wrangled tag graph (synonyms and parents) shared by the tag stores, inside or outside a transaction. */

export function toWrangledTag(
  row: Pick<Selectable<TagsTable>, 'id' | 'kind' | 'name' | 'canonical' | 'merger_id'>,
): WrangledTag {
  return {
    id: row.id,
    kind: row.kind as TagKind,
    name: row.name,
    canonical: Number(row.canonical) === 1,
    mergerId: row.merger_id,
  };
}

export const TAG_COLUMNS = ['tags.id', 'tags.kind', 'tags.name', 'tags.canonical', 'tags.merger_id'] as const;

export async function loadTag(db: Db | Tx, tagId: number): Promise<WrangledTag | undefined> {
  const row = await db.selectFrom('tags').select(TAG_COLUMNS).where('tags.id', '=', tagId).executeTakeFirst();
  return row ? toWrangledTag(row) : undefined;
}

export async function loadTags(db: Db | Tx, tagIds: number[]): Promise<WrangledTag[]> {
  if (tagIds.length === 0) return [];
  const rows = await db.selectFrom('tags').select(TAG_COLUMNS).where('tags.id', 'in', tagIds).execute();
  return rows.map(toWrangledTag);
}

/** Tags of the same kind below these, through any number of subtag links (not including the starting tags). */
export async function descendantIds(db: Db | Tx, tagIds: number[], kind: string): Promise<Set<number>> {
  const found = new Set<number>();
  let frontier = [...tagIds];
  const seen = new Set(tagIds);
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('tag_parents')
      .innerJoin('tags', 'tags.id', 'tag_parents.child_id')
      .select('tag_parents.child_id')
      .where('tag_parents.parent_id', 'in', frontier)
      .where('tags.kind', '=', kind)
      .execute();
    frontier = [];
    for (const { child_id } of rows) {
      if (seen.has(child_id)) continue;
      seen.add(child_id);
      found.add(child_id);
      frontier.push(child_id);
    }
  }
  return found;
}

/** Meta tags of the same kind above this tag, through any number of links. */
export async function ancestorIds(db: Db | Tx, tagId: number, kind: string): Promise<Set<number>> {
  const found = new Set<number>();
  let frontier = [tagId];
  while (frontier.length > 0) {
    const rows = await db
      .selectFrom('tag_parents')
      .innerJoin('tags', 'tags.id', 'tag_parents.parent_id')
      .select('tag_parents.parent_id')
      .where('tag_parents.child_id', 'in', frontier)
      .where('tags.kind', '=', kind)
      .execute();
    frontier = [];
    for (const { parent_id } of rows) {
      if (found.has(parent_id) || parent_id === tagId) continue;
      found.add(parent_id);
      frontier.push(parent_id);
    }
  }
  return found;
}

/**
 * The tags a filter on this tag matches: its canonical tag (a synonym stands for its canonical
 * tag), the subtags below that of the same kind, and the synonyms of all of them.
 */
export async function filterTagIds(db: Db | Tx, tagId: number): Promise<number[]> {
  const tag = await loadTag(db, tagId);
  if (!tag) return [];
  const root = tag.mergerId ?? tag.id;
  const ids = new Set([root, ...(await descendantIds(db, [root], tag.kind))]);
  const list = [...ids];
  for (let start = 0; start < list.length; start += 500) {
    const synonyms = await db
      .selectFrom('tags')
      .select('id')
      .where('merger_id', 'in', list.slice(start, start + 500))
      .execute();
    for (const { id } of synonyms) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

/** Every work tagged with any of these tags, drafts included (the change log covers them all). */
export async function worksTaggedWith(db: Db | Tx, tagIds: number[]): Promise<number[]> {
  const works = new Set<number>();
  for (let start = 0; start < tagIds.length; start += 500) {
    const rows = await db
      .selectFrom('taggings')
      .select('work_id')
      .distinct()
      .where('tag_id', 'in', tagIds.slice(start, start + 500))
      .execute();
    for (const { work_id } of rows) works.add(work_id);
  }
  return [...works];
}

/** The tag of this kind and name (matched as tags are: case and spacing aside), created unwrangled when there is none. */
export async function findOrCreateTag(db: Db | Tx, kind: TagKind, name: string): Promise<number> {
  const key = tagKey(name);
  await db
    .insertInto('tags')
    .values({ kind, name, name_key: key, created_at: now() })
    .onConflict((oc) => oc.columns(['kind', 'name_key']).doNothing())
    .execute();
  const row = await db
    .selectFrom('tags')
    .select('id')
    .where('kind', '=', kind)
    .where('name_key', '=', key)
    .executeTakeFirstOrThrow();
  return row.id;
}
