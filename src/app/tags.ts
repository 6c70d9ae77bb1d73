/** Tag pages, tag suggestions and wrangling. */
import { isRowId } from '../domain/ids.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { WRANGLED_KINDS, type WrangledTag } from '../domain/tags.ts';
import { FREE_TAG_KINDS, LIMITS, type FreeTagKind, type TagKind } from '../domain/works.ts';
import { parseWorkFilters, readWorkFilterForm } from '../domain/work-filters.ts';
import type { PageRequest, WorkFilters } from '../domain/work-list-query.ts';
import type { WorkBlurb, WorkTag } from '../store/index.ts';
import type { TagAudience, TagFamily, TagSuggestion, UnwrangledTag } from '../store/tags.ts';
import type { WorkListPage } from '../store/work-listing.ts';
import { NO_SIDEBAR } from '../search/work-search.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

/** Works on a tag's works page. */
export const TAG_WORKS_PAGE_SIZE = 20;
/** Works on a tag's own page, newest first. */
const NEWEST = 5;
const SUGGESTIONS = 10;
const SYNONYM_SUGGESTIONS = 5;
/** Tags on a page of the wrangling queue. */
export const WRANGLING_PAGE_SIZE = 50;

/** The order a name's tags are tried in when the address does not say which kind. */
const KIND_ORDER = ['fandom', 'character', 'relationship', 'freeform', 'rating', 'warning', 'category'];
/** The order the API lists a name's tags in. */
const CATALOG_KINDS: TagKind[] = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

/** The tag a /tags/:name address means, and its namesakes in other kinds. */
export interface ResolvedTag {
  tag: WrangledTag;
  namesakes: WrangledTag[];
}

/** What a tag's page shows. */
export interface TagPageView extends ResolvedTag {
  family: TagFamily;
  works: WorkBlurb[];
  total: number;
  /** Undefined for guests (no mute button). */
  muted?: boolean;
  wrangler: boolean;
  /** Admins see the Rename and Delete forms. */
  admin: boolean;
}

/** A page of the works filed under a tag. */
export interface TagWorksView {
  tag: WrangledTag;
  /** Other kinds have a tag of this name. */
  ambiguous: boolean;
  works: WorkBlurb[];
  total: number;
  page: number;
  pageSize: number;
  /** The viewer has muted this tag (or a tag it is filed under). */
  mutedHere: boolean;
}

/** A page of the wrangling queue. */
export interface WranglingQueue {
  kind: (typeof WRANGLED_KINDS)[number];
  counts: Record<string, number>;
  tags: UnwrangledTag[];
  total: number;
  page: number;
  pageSize: number;
}

/** A tag's wrangling form. */
export interface TagEditForm {
  tag: WrangledTag;
  family: TagFamily;
  /** Canonical relationships naming the same people (for a relationship that is not wrangled yet). */
  suggestedSynonyms: TagSuggestion[];
}

/** One step a wrangler takes on a tag. */
export type WranglingStep =
  | { step: 'canonical'; canonical: boolean }
  | { step: 'synonym'; typed: string }
  | { step: 'remove-synonym' }
  /** `fandom`: the typed name is the fandom the tag belongs to, else a meta tag of its own kind. */
  | { step: 'parent'; fandom: boolean; typed: string }
  | { step: 'remove-parent'; parentId: number };

/** A wrangling step refused for something the wrangler can fix; carries the form to show again. */
export class WranglingRefusedError extends ValidationError {
  constructor(
    fieldErrors: Record<string, string>,
    readonly form: TagEditForm,
  ) {
    super(fieldErrors);
  }
}

/** A tag as the API describes it. */
export interface CatalogTagView {
  tag: WorkTag;
  workCount: number;
}

/** Whose reading a tag's uses are counted for: a guest's (public works) or a member's (registered-only works too). */
export function audienceOf(viewer: Viewer): TagAudience {
  return viewer === null ? 'guest' : 'member';
}

/** The API's answer for a tag name no tag has, or none the viewer may learn of. */
function noCatalogTag(name: string): string {
  return `There is no tag called “${name}”.`;
}

function isFreeTagKind(kind: string): kind is FreeTagKind {
  return (FREE_TAG_KINDS as readonly string[]).includes(kind);
}

/** The same refusal under another field of the form. */
function underField(error: unknown, fieldName: string): unknown {
  return error instanceof ValidationError ? new ValidationError({ [fieldName]: error.message }) : error;
}

export class Tags {
  constructor(private readonly deps: ModuleDeps) {}

  /** Whether this viewer wrangles tags (checked on the server for every wrangling page and step). */
  async isWrangler(viewer: Viewer): Promise<boolean> {
    return viewer !== null && (await this.deps.store.roles.has(viewer.id, 'wrangler'));
  }

  /** The viewer as a wrangler: guests are asked to log in, other members are refused. */
  async requireWrangler(viewer: Viewer): Promise<Member> {
    const member = requireMember(viewer);
    if (!(await this.isWrangler(member))) throw new ForbiddenError('Only tag wranglers can change how tags are filed.');
    return member;
  }

  /**
   * The tag a /tags/:name address means to this viewer (with a kind when one name is several kinds'
   * tags), and its namesakes in other kinds. A tag the viewer may not learn of (only on drafts, or for
   * a guest only on works for registered users: see TagStore.isKnownTo) is not found, with the same
   * answer as a name no tag has. Feeds and catalogues ask as a guest (null), whoever reads them.
   */
  async resolve(viewer: Viewer, name: string, kind = '', wrangler?: boolean): Promise<ResolvedTag> {
    const { store } = this.deps;
    const asWrangler = wrangler ?? (await this.isWrangler(viewer));
    const named = (await store.tags.named(name)).sort(
      (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
    );
    const known: WrangledTag[] = [];
    for (const tag of named) if (await store.tags.isKnownTo(tag.id, viewer?.id ?? null, asWrangler)) known.push(tag);
    const tag = kind ? known.find((t) => t.kind === kind) : known[0];
    if (!tag) throw new NotFoundError(`There is no ${kind && known.length > 0 ? `${kind} ` : ''}tag called “${name}”.`);
    return { tag, namesakes: known.filter((t) => t.id !== tag.id) };
  }

  /**
   * The tag an admin renamed from `name` (of `kind`, when given), for the old address to lead to it;
   * undefined when there is none this viewer may learn of.
   */
  async renamedFrom(viewer: Viewer, name: string, kind = ''): Promise<WrangledTag | undefined> {
    const asWrangler = await this.isWrangler(viewer);
    for (const tag of await this.deps.store.tags.renamedFrom(name, kind || undefined))
      if (await this.deps.store.tags.isKnownTo(tag.id, viewer?.id ?? null, asWrangler)) return tag;
    return undefined;
  }

  /** Whether this viewer may learn of the tag with this id (it is on a work they may see, or they wrangle). */
  async isKnownTo(viewer: Viewer, tagId: number): Promise<boolean> {
    return this.deps.store.tags.isKnownTo(tagId, viewer?.id ?? null, await this.isWrangler(viewer));
  }

  /**
   * Existing tags of a kind starting with what was typed, for the posting form's suggestions (for
   * anyone); `canonicalOnly` offers canonical tags only (the wrangling forms). Only works this
   * viewer's audience may read count: a guest is not offered a tag used only on works for
   * registered users, and a guest's counts leave those works out. The answer is the same for
   * every guest and for every member (see `audienceOf`).
   */
  async suggest(viewer: Viewer, kind: string, typed: string, canonicalOnly: boolean): Promise<TagSuggestion[]> {
    const { store } = this.deps;
    if (!isFreeTagKind(kind))
      throw new ValidationError({
        kind: `Say which kind of tag to suggest: kind must be one of ${FREE_TAG_KINDS.join(', ')}.`,
      });
    if (typed.trim() === '')
      throw new ValidationError({ q: 'Say what to suggest tags for: q must hold the start of a tag name.' });
    if ([...typed].length > LIMITS.tagName)
      throw new ValidationError({ q: `A tag name is at most ${LIMITS.tagName} characters, so q must be too.` });
    const audience = audienceOf(viewer);
    return canonicalOnly
      ? store.tags.suggestCanonical(kind, typed, SUGGESTIONS, audience)
      : store.tags.suggest(kind, typed, SUGGESTIONS, audience);
  }

  /** A tag's page for this viewer: where it is filed, its newest works the viewer may see, and whether they muted it. */
  async page(viewer: Viewer, name: string, kind: string): Promise<TagPageView> {
    const { store } = this.deps;
    const wrangler = await this.isWrangler(viewer);
    const { tag, namesakes } = await this.resolve(viewer, name, kind, wrangler);
    const family = await store.tags.family(tag, wrangler, audienceOf(viewer));
    const viewerId = viewer?.id ?? null;
    const { works, total } = family.mergedInto
      ? { works: [], total: 0 }
      : await store.works.list({
          viewerId,
          tagIds: await store.tags.filterTagIdsFor(tag.id),
          muted: await this.deps.archive.mutes.mutedFor(viewer),
          limit: NEWEST,
        });
    const muted = viewerId !== null ? await store.mutes.isMuted(viewerId, 'tag', tag.id) : undefined;
    const admin = await this.deps.archive.staff.isAdmin(viewer);
    const listed = await this.deps.archive.readings.withProgress(viewer, works);
    return { tag, family, namesakes, works: listed, total, muted, wrangler, admin };
  }

  /**
   * A page of the works this viewer may see filed under a tag (its synonyms and subtags included,
   * their mutes left out), through the works index as /works?include_<kind>=name.
   */
  async works(viewer: Viewer, name: string, kind: string, page: number): Promise<TagWorksView> {
    const { search } = this.deps;
    const wrangler = await this.isWrangler(viewer);
    const { tag, namesakes } = await this.resolve(viewer, name, kind, wrangler);
    const viewerId = viewer?.id ?? null;
    const muted = await this.deps.archive.mutes.mutedFor(viewer);
    const { filters } = parseWorkFilters(readWorkFilterForm({}));
    const { works, total } = await search.search(
      { ...filters, include: [{ kind: tag.kind, name: tag.name }], page },
      viewerId,
      TAG_WORKS_PAGE_SIZE,
      viewerId,
      NO_SIDEBAR,
    );
    return {
      tag,
      ambiguous: namesakes.length > 0,
      works: await this.deps.archive.readings.withProgress(viewer, works),
      total,
      page,
      pageSize: TAG_WORKS_PAGE_SIZE,
      mutedHere: muted.tagIds.includes(tag.id),
    };
  }

  /** A page of the tags of one kind waiting to be wrangled (fandoms unless another kind is asked), for wranglers. */
  async queue(viewer: Viewer, asked: string, page: number): Promise<WranglingQueue> {
    const { store } = this.deps;
    await this.requireWrangler(viewer);
    const kind = (WRANGLED_KINDS as readonly string[]).includes(asked)
      ? (asked as (typeof WRANGLED_KINDS)[number])
      : 'fandom';
    const [counts, { tags, total }] = await Promise.all([
      store.tags.unwrangledCounts(),
      store.tags.unwrangled(kind, WRANGLING_PAGE_SIZE, (page - 1) * WRANGLING_PAGE_SIZE),
    ]);
    return { kind, counts, tags, total, page, pageSize: WRANGLING_PAGE_SIZE };
  }

  /** A tag's wrangling form, for wranglers. */
  async editForm(viewer: Viewer, name: string, kind: string): Promise<TagEditForm> {
    return this.form(await this.wranglerTag(viewer, name, kind));
  }

  /**
   * Takes one wrangling step on a tag, for wranglers. Returns what was done (to tell the wrangler)
   * and the tag as it now is; a step refused for something the wrangler can fix throws
   * WranglingRefusedError with the form to show again.
   */
  async wrangle(
    viewer: Viewer,
    name: string,
    kind: string,
    step: WranglingStep,
  ): Promise<{ message: string; tag: WrangledTag }> {
    const { store } = this.deps;
    const tag = await this.wranglerTag(viewer, name, kind);
    try {
      const message = await this.take(tag, step);
      return { message, tag: (await store.tags.find(tag.id)) ?? tag };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const fresh = (await store.tags.find(tag.id)) ?? tag;
      throw new WranglingRefusedError(error.fieldErrors, await this.form(fresh));
    }
  }

  /**
   * The API's description of a tag: its first kind with this name this viewer may learn of (or the
   * kind asked), and how many works the viewer may see carry the name. A tag the viewer may not
   * learn of (only on drafts, or for a guest only on works for registered users) is answered as a
   * name no tag has.
   */
  async catalogTag(viewer: Viewer, name: string, kind?: TagKind): Promise<CatalogTagView> {
    const tags = (await this.catalogTagsNamed(viewer, name))
      .filter((t) => kind === undefined || t.kind === kind)
      .sort((a, b) => CATALOG_KINDS.indexOf(a.kind) - CATALOG_KINDS.indexOf(b.kind));
    if (tags.length === 0) throw new NotFoundError(noCatalogTag(name));
    const { total } = await this.deps.archive.listing.list(
      viewer,
      { tags: [tags[0].name], fandoms: [], ratings: [] },
      { sort: 'updated', order: 'desc', limit: 1 },
    );
    return { tag: tags[0], workCount: total };
  }

  /**
   * The API's page of the works this viewer may see carrying a tag (and the filters' other tags);
   * a tag the viewer may not learn of is answered as a name no tag has, as `catalogTag` answers it.
   */
  async catalogTagWorks(viewer: Viewer, name: string, filters: WorkFilters, page: PageRequest): Promise<WorkListPage> {
    if ((await this.catalogTagsNamed(viewer, name)).length === 0) throw new NotFoundError(noCatalogTag(name));
    return this.deps.archive.listing.list(viewer, { ...filters, tags: [name, ...filters.tags] }, page);
  }

  /** The tags with this name (of any kind) this viewer may learn of, as the API describes tags. */
  private async catalogTagsNamed(viewer: Viewer, name: string): Promise<WorkTag[]> {
    const { store } = this.deps;
    const named = await store.works.tagsNamed(name);
    if (named.length === 0) return [];
    const wrangler = await this.isWrangler(viewer);
    const known: WorkTag[] = [];
    for (const tag of named) if (await store.tags.isKnownTo(tag.id, viewer?.id ?? null, wrangler)) known.push(tag);
    return known;
  }

  /** The tag a wrangling page or step is about; guests log in, members who are not wranglers are refused. */
  private async wranglerTag(viewer: Viewer, name: string, kind: string): Promise<WrangledTag> {
    await this.requireWrangler(viewer);
    return (await this.resolve(viewer, name, kind, true)).tag;
  }

  private async form(tag: WrangledTag): Promise<TagEditForm> {
    const { store } = this.deps;
    // Only wranglers see this form: everything is known to them, uses count as a member's.
    const family = await store.tags.family(tag, true, 'member');
    const suggestedSynonyms =
      tag.kind === 'relationship' && !tag.canonical && tag.mergerId === null
        ? await store.tags.matchingRelationships(tag.name, SYNONYM_SUGGESTIONS, 'member')
        : [];
    return { tag, family, suggestedSynonyms };
  }

  /** Runs one step; returns what to tell the wrangler. */
  private async take(tag: WrangledTag, step: WranglingStep): Promise<string> {
    const { store } = this.deps;
    switch (step.step) {
      case 'canonical':
        if (step.canonical) {
          await store.tags.makeCanonical(tag.id);
          return `“${tag.name}” is canonical.`;
        }
        try {
          await store.tags.makeNotCanonical(tag.id);
        } catch (error) {
          throw underField(error, 'canonical');
        }
        return `“${tag.name}” is no longer canonical.`;
      case 'synonym': {
        const target = await this.typedTag(step.typed, tag.kind, 'synonym', 'canonical tag to file it under');
        await store.tags.makeSynonym(tag.id, target.id);
        return `“${tag.name}” is now a synonym of “${target.name}”: its works are filed there.`;
      }
      case 'remove-synonym':
        await store.tags.removeSynonym(tag.id);
        return `“${tag.name}” is no longer a synonym.`;
      case 'parent': {
        const fieldName = step.fandom ? 'fandom' : 'parent';
        const parent = await this.typedTag(
          step.typed,
          step.fandom ? 'fandom' : tag.kind,
          fieldName,
          step.fandom ? 'fandom' : 'meta tag',
        );
        try {
          await store.tags.addParent(tag.id, parent.id);
        } catch (error) {
          throw step.fandom ? underField(error, 'fandom') : error;
        }
        return parent.kind === tag.kind
          ? `“${parent.name}” is now a meta tag of “${tag.name}”.`
          : `“${tag.name}” now belongs to the fandom “${parent.name}”.`;
      }
      case 'remove-parent': {
        const parent = isRowId(step.parentId) ? await store.tags.find(step.parentId) : undefined;
        if (!parent) throw new ValidationError({ parent: 'That parent tag no longer exists.' });
        await store.tags.removeParent(tag.id, parent.id);
        return `“${parent.name}” is no longer above “${tag.name}”.`;
      }
    }
  }

  /** The tag of this kind a wrangler typed, or a field error. */
  private async typedTag(typed: string, kind: string, fieldName: string, what: string): Promise<WrangledTag> {
    const name = typed.replace(/^[\s,，、]+|[\s,，、]+$/g, '');
    if (name.trim() === '') throw new ValidationError({ [fieldName]: `Type the name of the ${what}.` });
    const found = (await this.deps.store.tags.named(name)).find((t) => t.kind === kind);
    if (!found)
      throw new ValidationError({
        [fieldName]: `There is no ${kind === 'freeform' ? 'additional' : kind} tag called “${name.trim()}”.`,
      });
    return found;
  }
}
