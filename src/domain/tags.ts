/**
 * Tag wrangling rules: canonical tags, synonyms (a synonym files its works under its canonical
 * tag), meta tags over subtags of the same kind, and fandoms over their characters,
 * relationships and additional tags. Also the matching key of relationship names. Pure: no I/O.
 */
import { ValidationError } from './errors.ts';
import { tagKey, type TagKind } from './works.ts';

/** What the rules need to know of a tag. */
export interface WrangledTag {
  id: number;
  kind: TagKind;
  name: string;
  canonical: boolean;
  /** The canonical tag this one is a synonym of. */
  mergerId: number | null;
}

/** What filing a tagging needs to know of a tag (the works index holds only this much per tag). */
export type FilingTag = Pick<WrangledTag, 'id' | 'kind' | 'mergerId'>;

/** Kinds that may be filed under a fandom (besides fandoms as meta tags of fandoms). */
export const FANDOM_CHILD_KINDS: readonly TagKind[] = ['character', 'relationship', 'freeform'];

/** Kinds wranglers work on (ratings, warnings and categories are fixed by the archive). */
export const WRANGLED_KINDS = ['fandom', 'character', 'relationship', 'freeform'] as const;

export const KIND_LABELS: Record<TagKind, string> = {
  rating: 'Rating',
  warning: 'Archive Warning',
  category: 'Category',
  fandom: 'Fandom',
  relationship: 'Relationship',
  character: 'Character',
  freeform: 'Additional Tag',
};

/** A tag named by its kind: "fandom tag", "additional tag" (not "additional tag tag"). */
export function kindTag(kind: TagKind): string {
  return kind === 'freeform' ? 'additional tag' : `${KIND_LABELS[kind].toLowerCase()} tag`;
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The same with its article: "a fandom tag", "an additional tag", "an archive warning tag". */
export function aKindTag(kind: TagKind): string {
  const noun = kindTag(kind);
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The tag a tagging files a work under: the canonical tag of a synonym, else the tag itself. */
export function filedUnder<T extends FilingTag>(tag: T, tagsById: ReadonlyMap<number, T>): T {
  return tag.mergerId !== null ? (tagsById.get(tag.mergerId) ?? tag) : tag;
}

/**
 * The tags a work with these taggings is found under: each tag's canonical tag (a synonym's
 * merger, else the tag itself) and every meta tag above that through parents of the same kind.
 * Fandom parents of characters and relationships are not included: they attach, they do not file.
 */
export function effectiveTagIds<T extends FilingTag>(
  tagIds: Iterable<number>,
  tagsById: ReadonlyMap<number, T>,
  parentsByChild: ReadonlyMap<number, readonly number[]>,
): Set<number> {
  const found = new Set<number>();
  const pending: T[] = [];
  for (const id of tagIds) {
    const tag = tagsById.get(id);
    if (!tag) continue;
    const filed = filedUnder(tag, tagsById);
    if (!found.has(filed.id)) {
      found.add(filed.id);
      pending.push(filed);
    }
  }
  while (pending.length > 0) {
    const child = pending.pop()!;
    for (const parentId of parentsByChild.get(child.id) ?? []) {
      const parent = tagsById.get(parentId);
      if (!parent || parent.kind !== child.kind || found.has(parent.id)) continue;
      found.add(parent.id);
      pending.push(parent);
    }
  }
  return found;
}

/** May `tag` become a synonym of `target`? Throws a ValidationError saying why not. */
export function checkSynonym(tag: WrangledTag, target: WrangledTag, targetMerger?: WrangledTag): void {
  if (tag.id === target.id) throw new ValidationError({ synonym: 'A tag cannot be a synonym of itself.' });
  if (target.kind !== tag.kind) {
    throw new ValidationError({
      synonym: `“${target.name}” is ${aKindTag(target.kind)}; a synonym must be of the same kind (${kindTag(tag.kind)}).`,
    });
  }
  if (target.mergerId !== null) {
    const hint = targetMerger ? ` Choose its canonical tag, “${targetMerger.name}”.` : '';
    throw new ValidationError({ synonym: `“${target.name}” is itself a synonym.${hint}` });
  }
  if (!target.canonical)
    throw new ValidationError({
      synonym: `“${target.name}” is not canonical: make it canonical first, then file synonyms under it.`,
    });
}

/** What hangs on a tag, for deciding whether it may stop being canonical. */
export interface TagLinks {
  synonyms: number;
  /** Subtags of the same kind, and for a fandom its characters, relationships and additional tags. */
  children: number;
  /** Meta tags of the same kind. */
  metaTags: number;
}

/** May a canonical tag stop being canonical? Not while synonyms, subtags or meta tags hang on it. */
export function checkNotCanonical(tag: WrangledTag, links: TagLinks): void {
  const held: string[] = [];
  if (links.synonyms > 0) held.push(`${links.synonyms} ${links.synonyms === 1 ? 'synonym' : 'synonyms'}`);
  if (links.children > 0) held.push(`${links.children} child ${links.children === 1 ? 'tag' : 'tags'}`);
  if (links.metaTags > 0) held.push(`${links.metaTags} meta ${links.metaTags === 1 ? 'tag' : 'tags'}`);
  if (held.length > 0)
    throw new ValidationError({
      canonical: `“${tag.name}” still has ${held.join(' and ')}: move or remove them before it stops being canonical.`,
    });
}

/**
 * May `parent` be a parent of `child`? A parent of the same kind is a meta tag: both must be
 * canonical and the link must not make a loop (`ancestorsOfParent`: every tag above `parent`
 * through parents of that kind). Otherwise the parent must be a fandom and the child a
 * character, relationship or additional tag.
 */
export function checkParent(child: WrangledTag, parent: WrangledTag, ancestorsOfParent: ReadonlySet<number>): void {
  if (child.id === parent.id) throw new ValidationError({ parent: 'A tag cannot be its own parent.' });
  if (parent.kind === child.kind) {
    if (!parent.canonical)
      throw new ValidationError({ parent: `“${parent.name}” is not canonical: only canonical tags can be meta tags.` });
    if (!child.canonical)
      throw new ValidationError({
        parent: `“${child.name}” is not canonical: only canonical tags can have meta tags.`,
      });
    if (ancestorsOfParent.has(child.id))
      throw new ValidationError({
        parent: `“${child.name}” is already above “${parent.name}”: making it a subtag would make a loop.`,
      });
    return;
  }
  if (parent.kind === 'fandom' && FANDOM_CHILD_KINDS.includes(child.kind)) return;
  throw new ValidationError({
    parent: `${capitalized(aKindTag(child.kind))} can have meta tags of its own kind${FANDOM_CHILD_KINDS.includes(child.kind) ? ' and fandoms' : ''} as parents, not ${aKindTag(parent.kind)} like “${parent.name}”.`,
  });
}

/** A relationship's two sorts: romantic/sexual ("A/B") and platonic ("A & B"). */
export type RelationshipSort = '/' | '&';

/** The character names of a relationship tag and its sort, or undefined if it is not one ("Slow Burn", "A/B & C"). */
export function relationshipParts(name: string): { sort: RelationshipSort; names: string[] } | undefined {
  const hasSlash = name.includes('/');
  const hasAmpersand = / & /.test(name) || /^&|&$/.test(name.trim());
  if (hasSlash === hasAmpersand) return undefined;
  const sort: RelationshipSort = hasSlash ? '/' : '&';
  const names = name.split(sort).map((part) => part.replace(/\s+/g, ' ').trim());
  if (names.length < 2 || names.some((part) => part === '')) return undefined;
  return { sort, names };
}

/**
 * The key under which relationship names match: each character resolved to its canonical name
 * (`canonicalCharacterKey` maps a character's name key to its canonical tag's name key, for
 * canonical tags and synonyms alike), order ignored, "/" and "&" kept apart. So "Hermione/Draco"
 * and "Draco Malfoy/Hermione Granger" share a key once "Hermione" and "Draco" are wrangled,
 * while "Draco & Hermione" does not. A name that is no relationship keys as itself.
 */
export function relationshipKey(name: string, canonicalCharacterKey: (nameKey: string) => string | undefined): string {
  const parts = relationshipParts(name);
  if (!parts) return tagKey(name);
  const keys = parts.names.map((part) => {
    const key = tagKey(part);
    return canonicalCharacterKey(key) ?? key;
  });
  keys.sort();
  return keys.join(parts.sort === '/' ? '/' : ' & ');
}
