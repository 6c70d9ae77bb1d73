/**
 * Collections: creating and keeping them (owners), moderating their works (owners and moderators),
 * taking part (members), filing works and bookmarks into them, and revealing them. Every rule
 * about who may do what with a collection is here.
 */
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import {
  checkCollectionForm,
  COLLECTION_LIMITS,
  COLLECTIONS_PAGE_SIZE,
  collectionNameError,
  isCollectionName,
  parseCollectionNames,
  revealDateField,
  type CollectionFormValues,
} from '../domain/collections.ts';
import { FEED_PAGE_SIZE, parsePage } from '../domain/feeds.ts';
import { PAGE_SIZE, parseWorkFilters, readWorkFilterForm, type WorkFilters } from '../domain/work-filters.ts';
import { isRowId } from '../domain/ids.ts';
import { NO_SIDEBAR, type WorkSearchResult } from '../search/work-search.ts';
import type {
  Approval,
  Collection,
  CollectionCounts,
  CollectionFields,
  CollectionFiling,
  CollectionItem,
  CollectionParticipant,
  CollectionRole,
  RevealKind,
  WorkCollectionItem,
} from '../store/collections.ts';
import type { Bookmark, Pseud, Work, WorkBlurb } from '../store/index.ts';
import type { BookmarkThing } from '../formats/api/resources.ts';
import type { GiftExchange } from '../store/gift-exchanges.ts';
import type { PromptMemeSettings } from '../domain/prompt-memes.ts';
import { formatUserText } from '../text/sanitize.ts';
import { creatorUserIds } from './access.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

export const NO_COLLECTION = 'There is no collection at this address.';
/** Works shown on a collection's profile. */
const RECENT_WORKS = 5;

/** What a viewer may do with one collection. */
export interface CollectionPowers {
  role: CollectionRole | undefined;
  /** Owners: settings, roles, deleting. */
  owner: boolean;
  /** Owners and moderators: the items queue, invitations, reveals. */
  maintainer: boolean;
  /** The collection runs a gift exchange. */
  giftExchange: boolean;
  /** The collection runs a prompt meme (a collection runs one challenge at most). */
  promptMeme: boolean;
}

export interface CollectionProfile {
  collection: Collection;
  parent: Collection | undefined;
  children: Collection[];
  maintainers: CollectionParticipant[];
  counts: CollectionCounts;
  recent: WorkBlurb[];
  powers: CollectionPowers;
  /** The viewer's own works not yet in it, for "Add my work" (members who may add only). */
  ownWorks: WorkBlurb[];
  /** The viewer's bookmarks not yet in it, for "Add my bookmark". */
  ownBookmarks: { id: number; title: string }[];
  /** Whether the collection is a prompt meme (src/app/prompt-memes.ts): its profile links to the prompts. */
  promptMeme: boolean;
}

export interface CatalogCollection {
  collection: Collection;
  parent: Collection | undefined;
  children: Collection[];
  maintainers: CollectionParticipant[];
  exchange: GiftExchange | undefined;
  promptMeme: PromptMemeSettings | undefined;
}

export interface ParticipantsView {
  collection: Collection;
  participants: CollectionParticipant[];
  powers: CollectionPowers;
  /** The viewer's pen names, to join under (members not in it yet). */
  pseuds: Pseud[];
}

export interface ItemsView {
  collection: Collection;
  items: CollectionItem[];
  powers: CollectionPowers;
}

export interface CollectionList {
  collections: Collection[];
  total: number;
  page: number;
  pageSize: number;
}

/** The /collections search form as sent. */
export interface CollectionListQuery {
  q: string;
  status: string;
  sort: string;
  page: string;
}

export type ItemAction = 'approve' | 'reject' | 'remove';
export type WorkItemAnswer = 'accept' | 'decline' | 'remove';

function trimmedForm(values: CollectionFormValues): CollectionFormValues {
  return { ...values, name: values.name.trim() };
}

/** The form's values for an existing collection. */
export function collectionFormValues(collection: Collection): CollectionFormValues {
  return {
    name: collection.name,
    title: collection.title,
    description: collection.description,
    rules: collection.rules,
    faq: collection.faq,
    parentId: collection.parentId === null ? '' : String(collection.parentId),
    pseudId: '',
    open: collection.open,
    moderated: collection.moderated,
    unrevealed: collection.unrevealed,
    anonymous: collection.anonymous,
    revealWorksAt: revealDateField(collection.revealWorksAt),
    revealCreatorsAt: revealDateField(collection.revealCreatorsAt),
  };
}

export class Collections {
  constructor(private readonly deps: ModuleDeps) {}

  private get store() {
    return this.deps.store;
  }

  /** The collection with this short name; not found otherwise. */
  async find(name: string): Promise<Collection> {
    const collection = isCollectionName(name) ? await this.store.collections.findByName(name) : undefined;
    if (!collection) throw new NotFoundError(NO_COLLECTION);
    return collection;
  }

  async powers(viewer: Viewer, collection: Collection): Promise<CollectionPowers> {
    const [role, exchange, promptMeme] = await Promise.all([
      viewer ? this.store.collections.roleOf(collection.id, viewer.id) : undefined,
      this.store.giftExchanges.find(collection.id),
      this.deps.archive.promptMemes.isPromptMeme(collection.id),
    ]);
    return {
      role,
      owner: role === 'owner',
      maintainer: role === 'owner' || role === 'moderator',
      giftExchange: exchange !== undefined,
      promptMeme,
    };
  }

  private async requireOwner(viewer: Viewer, name: string): Promise<{ member: Member; collection: Collection }> {
    const member = requireMember(viewer);
    const collection = await this.find(name);
    if (!(await this.powers(member, collection)).owner)
      throw new ForbiddenError('Only the owners of this collection can change its settings.');
    return { member, collection };
  }

  private async requireMaintainer(viewer: Viewer, name: string): Promise<{ member: Member; collection: Collection }> {
    const member = requireMember(viewer);
    const collection = await this.find(name);
    if (!(await this.powers(member, collection)).maintainer)
      throw new ForbiddenError('Only the owners and moderators of this collection can do that.');
    return { member, collection };
  }

  /** /collections: searched by title or short name, open or closed, by title or newest first. */
  async list(query: CollectionListQuery): Promise<CollectionList> {
    const page = parsePage(query.page);
    const open = query.status === 'open' ? true : query.status === 'closed' ? false : undefined;
    const { collections, total } = await this.store.collections.list({
      q: query.q.slice(0, 200),
      open,
      sort: query.sort === 'newest' ? 'newest' : 'title',
      limit: COLLECTIONS_PAGE_SIZE,
      offset: (page - 1) * COLLECTIONS_PAGE_SIZE,
    });
    return { collections, total, page, pageSize: COLLECTIONS_PAGE_SIZE };
  }

  /** A collection's profile as this viewer sees it. */
  async profile(viewer: Viewer, name: string): Promise<CollectionProfile> {
    const { store } = this.deps;
    const collection = await this.find(name);
    const [parent, children, participants, counts, powers, recent] = await Promise.all([
      collection.parentId === null ? undefined : store.collections.find(collection.parentId),
      store.collections.children(collection.id),
      store.collections.participants(collection.id),
      store.collections.counts(collection.id),
      this.powers(viewer, collection),
      this.recentWorks(viewer, collection),
    ]);
    const mayAdd = viewer !== null && (collection.open || powers.maintainer);
    const [ownWorks, ownBookmarks] = mayAdd
      ? await Promise.all([this.ownWorksNotIn(viewer, collection), this.ownBookmarksNotIn(viewer, collection)])
      : [[], []];
    return {
      collection,
      parent,
      children,
      maintainers: participants.filter((p) => p.role !== 'member'),
      counts,
      recent,
      powers,
      ownWorks,
      ownBookmarks,
      promptMeme: await this.deps.archive.promptMemes.isPromptMeme(collection.id),
    };
  }

  /**
   * A collection as the API describes it: what it is (a gift exchange, with its sign-up dates and whether
   * assignments went out; a prompt meme, with whether it takes prompts), its parent and sub-collections,
   * and its maintainers. Its works are listed by the works list's `collection` parameter.
   */
  async catalogCollection(name: string): Promise<CatalogCollection> {
    const { store } = this.deps;
    const collection = await this.find(name);
    const [parent, children, participants, exchange, promptMeme] = await Promise.all([
      collection.parentId === null ? undefined : store.collections.find(collection.parentId),
      store.collections.children(collection.id),
      store.collections.participants(collection.id),
      store.giftExchanges.find(collection.id),
      store.promptMemes.settings(collection.id),
    ]);
    return {
      collection,
      parent,
      children,
      maintainers: participants.filter((p) => p.role !== 'member'),
      exchange,
      promptMeme,
    };
  }

  private async recentWorks(viewer: Viewer, collection: Collection): Promise<WorkBlurb[]> {
    const { filters } = parseWorkFilters(readWorkFilterForm({ sort: 'updated' }));
    const result = await this.search(viewer, collection, filters, RECENT_WORKS, true);
    return result.works;
  }

  /** The works search over the collection's revealed, approved works, as this viewer may see them. */
  private async search(
    viewer: Viewer,
    collection: Collection,
    filters: WorkFilters,
    pageSize = PAGE_SIZE,
    noSidebar = false,
  ): Promise<WorkSearchResult> {
    const viewerId = viewer?.id ?? null;
    const within = await this.store.collections.workIds(collection.id);
    return this.deps.search.search(filters, viewerId, pageSize, viewerId, {
      ...(noSidebar ? NO_SIDEBAR : {}),
      within,
    });
  }

  /** /collections/NAME/works: /works's filters, sorts and sidebar over the collection's works. */
  async works(
    viewer: Viewer,
    name: string,
    filters: WorkFilters | null,
  ): Promise<{ collection: Collection; result: WorkSearchResult | null }> {
    const collection = await this.find(name);
    const found = filters && (await this.search(viewer, collection, filters));
    const result = found && (await this.deps.archive.readings.inResult(viewer, found));
    return { collection, result };
  }

  /** A page of the collection's works a guest may read, newest first (its Atom feed). */
  async feedWorks(name: string, pageParam: string) {
    const collection = await this.find(name);
    const page = parsePage(pageParam);
    const { filters } = parseWorkFilters(readWorkFilterForm({ sort: 'updated' }));
    const { works, total } = await this.search(null, collection, { ...filters, page }, FEED_PAGE_SIZE, true);
    return { collection, page, works, total };
  }

  /** /collections/NAME/bookmarks: its bookmarks of works and series this viewer may read. */
  async bookmarks(
    viewer: Viewer,
    name: string,
  ): Promise<{ collection: Collection; bookmarks: { bookmark: Bookmark; thing: BookmarkThing }[] }> {
    const collection = await this.find(name);
    const ids = await this.store.collections.bookmarkIds(collection.id);
    const found = (await Promise.all(ids.map((id) => this.store.bookmarks.find(id)))).filter(
      (b): b is Bookmark => b !== undefined && !b.private && b.hidden === null,
    );
    return { collection, bookmarks: await this.deps.archive.works.readableBookmarks(viewer, found) };
  }

  // ——— creating and changing ———

  /** The form for a new collection: the member's pen names and the collections they own (possible parents). */
  async newForm(viewer: Viewer): Promise<{ pseuds: Pseud[]; parents: Collection[] }> {
    const member = requireMember(viewer);
    await this.deps.archive.recovery.requireMayWrite(member, 'post');
    const [pseuds, parents] = await Promise.all([
      this.store.pseuds.listForUser(member.id),
      this.store.collections.ownedBy(member.id),
    ]);
    return { pseuds, parents };
  }

  /** Creates a collection; the member is its first owner under the pen name chosen. Returns its short name. */
  async create(viewer: Viewer, sent: CollectionFormValues): Promise<string> {
    const member = requireMember(viewer);
    await this.deps.archive.recovery.requireMayWrite(member, 'post');
    const values = trimmedForm(sent);
    const { pseuds, parents } = await this.newForm(member);
    const errors: Record<string, string> = {};
    const nameError = collectionNameError(values.name);
    if (nameError) errors.name = nameError;
    else if (await this.store.collections.findByName(values.name))
      errors.name = 'That short name is taken: choose another.';
    const pseud =
      pseuds.find((p) => String(p.id) === values.pseudId) ?? (values.pseudId === '' ? pseuds[0] : undefined);
    if (!pseud) errors.pseudId = 'Choose one of your pen names.';
    const fields = this.checkFields(values, parents, errors);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await this.store.collections.create(values.name, fields, { userId: member.id, pseudId: pseud!.id });
    return values.name;
  }

  private checkFields(
    values: CollectionFormValues,
    parents: Collection[],
    errors: Record<string, string>,
    current?: Collection,
  ): CollectionFields {
    const checked = checkCollectionForm(values, errors, current);
    let parentId: number | null = null;
    if (values.parentId !== '') {
      const parent = parents.find((p) => String(p.id) === values.parentId && p.id !== current?.id);
      if (!parent) errors.parentId = 'Choose one of the collections you own as the parent.';
      else parentId = parent.id;
    }
    return {
      title: checked.title,
      description: formatUserText(checked.description),
      rules: formatUserText(checked.rules),
      faq: formatUserText(checked.faq),
      parentId,
      open: values.open,
      moderated: values.moderated,
      unrevealed: values.unrevealed,
      anonymous: values.anonymous,
      revealWorksAt: checked.revealWorksAt,
      revealCreatorsAt: checked.revealCreatorsAt,
    };
  }

  /** The settings form of a collection, for its owners; with the parents it may have. */
  async editForm(
    viewer: Viewer,
    name: string,
  ): Promise<{ collection: Collection; parents: Collection[]; hasChildren: boolean }> {
    const { member, collection } = await this.requireOwner(viewer, name);
    const [parents, children] = await Promise.all([
      this.store.collections.ownedBy(member.id),
      this.store.collections.children(collection.id),
    ]);
    // A collection with subcollections stays at the top: one level is all there is.
    return {
      collection,
      parents: children.length > 0 ? [] : parents.filter((p) => p.id !== collection.id),
      hasChildren: children.length > 0,
    };
  }

  /** Saves the settings (the short name stays); turning unrevealed or anonymous off reveals at once. */
  async save(viewer: Viewer, name: string, values: CollectionFormValues): Promise<Collection> {
    const { collection, parents } = await this.editForm(viewer, name);
    const errors: Record<string, string> = {};
    const fields = this.checkFields(values, parents, errors, collection);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await this.store.collections.update(collection.id, fields);
    // Unticking "unrevealed" or "anonymous" is revealing by hand; ticking them holds back works added from now on.
    if (collection.unrevealed && !fields.unrevealed) await this.store.collections.reveal(collection.id, 'works');
    if (collection.anonymous && !fields.anonymous) await this.store.collections.reveal(collection.id, 'creators');
    return collection;
  }

  /** Deletes a collection (owners only, once confirmed); its works stay, out of it. */
  async delete(viewer: Viewer, name: string, confirmed: boolean): Promise<Collection> {
    const { collection } = await this.requireOwner(viewer, name);
    if (!confirmed)
      throw new ValidationError({ confirm: 'Tick the box to confirm that the collection is to be deleted.' });
    await this.store.collections.delete(collection.id);
    return collection;
  }

  // ——— participants ———

  async participants(viewer: Viewer, name: string): Promise<ParticipantsView> {
    const collection = await this.find(name);
    const [participants, powers, pseuds] = await Promise.all([
      this.store.collections.participants(collection.id),
      this.powers(viewer, collection),
      viewer ? this.store.pseuds.listForUser(viewer.id) : Promise.resolve([]),
    ]);
    return { collection, participants, powers, pseuds };
  }

  /** Joins as a member: anyone may join an open collection; a closed one takes members an owner adds. */
  async join(viewer: Viewer, name: string, pseudId: string): Promise<Collection> {
    const member = requireMember(viewer);
    const collection = await this.find(name);
    if (await this.store.collections.roleOf(collection.id, member.id)) return collection;
    if (!collection.open) throw new ForbiddenError('This collection is closed: its owners add members by invitation.');
    const pseuds = await this.store.pseuds.listForUser(member.id);
    const pseud = pseuds.find((p) => String(p.id) === pseudId) ?? (pseudId === '' ? pseuds[0] : undefined);
    if (!pseud) throw new ValidationError({ pseudId: 'Choose one of your pen names.' });
    await this.store.collections.setParticipant(collection.id, member.id, pseud.id, 'member');
    return collection;
  }

  /** Leaves a collection; the last owner cannot (delete it instead, or make someone else an owner first). */
  async leave(viewer: Viewer, name: string): Promise<Collection> {
    const member = requireMember(viewer);
    const collection = await this.find(name);
    await this.ensureOwnerLeft(collection, member.id);
    await this.store.collections.removeParticipant(collection.id, member.id);
    return collection;
  }

  private async ensureOwnerLeft(collection: Collection, leavingUserId: number): Promise<void> {
    const participants = await this.store.collections.participants(collection.id);
    const owners = participants.filter((p) => p.role === 'owner');
    if (owners.length === 1 && owners[0].userId === leavingUserId)
      throw new ValidationError({
        role: 'A collection needs an owner: make someone else an owner first, or delete the collection.',
      });
  }

  /** Owners add a member by username (under their default pen name), with a role. */
  async addParticipant(viewer: Viewer, name: string, login: string, role: string): Promise<Collection> {
    const { collection } = await this.requireOwner(viewer, name);
    const chosen = this.parseRole(role);
    const user = login.trim() === '' ? undefined : await this.store.users.findByLogin(login.trim());
    if (!user) throw new ValidationError({ login: `There is no member called “${login.trim()}”.` });
    const pseuds = await this.store.pseuds.listForUser(user.id);
    const pseud = pseuds.find((p) => p.isDefault) ?? pseuds[0];
    if (!pseud) throw new ValidationError({ login: `${user.login} has no pen name.` });
    const current = await this.store.collections.roleOf(collection.id, user.id);
    if (current) await this.changeRole(collection, user.id, chosen);
    else await this.store.collections.setParticipant(collection.id, user.id, pseud.id, chosen);
    return collection;
  }

  /** Owners change a participant's role, or take them out (`remove`). */
  async setRole(viewer: Viewer, name: string, userIdParam: string, role: string): Promise<Collection> {
    const { collection } = await this.requireOwner(viewer, name);
    const userId = Number(userIdParam);
    if (!isRowId(userId) || !(await this.store.collections.roleOf(collection.id, userId)))
      throw new NotFoundError('That member does not take part in this collection.');
    if (role === 'remove') {
      await this.ensureOwnerLeft(collection, userId);
      await this.store.collections.removeParticipant(collection.id, userId);
    } else await this.changeRole(collection, userId, this.parseRole(role));
    return collection;
  }

  private async changeRole(collection: Collection, userId: number, role: CollectionRole): Promise<void> {
    if (role !== 'owner') await this.ensureOwnerLeft(collection, userId);
    await this.store.collections.setRole(collection.id, userId, role);
  }

  private parseRole(role: string): CollectionRole {
    if (role === 'owner' || role === 'moderator' || role === 'member') return role;
    throw new ValidationError({ role: 'Choose a role: owner, moderator or member.' });
  }

  // ——— items ———

  /** The maintainers' queue: every work and bookmark in the collection, waiting or not. */
  async items(viewer: Viewer, name: string): Promise<ItemsView> {
    const { member, collection } = await this.requireMaintainer(viewer, name);
    const [items, powers] = await Promise.all([
      this.store.collections.items(collection.id),
      this.powers(member, collection),
    ]);
    return { collection, items, powers };
  }

  /** A maintainer approves, rejects or removes items of the collection. */
  async moderate(viewer: Viewer, name: string, itemIds: string[], action: string): Promise<Collection> {
    const { collection } = await this.requireMaintainer(viewer, name);
    const ids: number[] = [];
    for (const raw of itemIds) {
      const item = isRowId(Number(raw)) ? await this.store.collections.item(Number(raw)) : undefined;
      if (!item || item.collectionId !== collection.id) throw new NotFoundError('That item is not in this collection.');
      ids.push(item.id);
    }
    if (ids.length === 0) throw new ValidationError({ items: 'Choose at least one item.' });
    if (action === 'approve') await this.store.collections.setApproval(ids, 'collection', 'approved');
    else if (action === 'reject') await this.store.collections.setApproval(ids, 'collection', 'rejected');
    else if (action === 'remove') await this.store.collections.removeItems(ids);
    else throw new ValidationError({ action: 'Choose approve, reject or remove.' });
    return collection;
  }

  /** "Reveal works" or "Reveal creators", by hand. */
  async reveal(viewer: Viewer, name: string, what: string): Promise<Collection> {
    const { collection } = await this.requireMaintainer(viewer, name);
    if (what !== 'works' && what !== 'creators')
      throw new ValidationError({ what: 'Choose whether to reveal works or creators.' });
    await this.store.collections.reveal(collection.id, what as RevealKind);
    return collection;
  }

  /**
   * A maintainer invites a work (by its address or number): it joins once its creators accept,
   * and they are told in their inbox.
   */
  async inviteWork(
    viewer: Viewer,
    name: string,
    workRef: string,
  ): Promise<{ collection: Collection; work: WorkBlurb }> {
    const { member, collection } = await this.requireMaintainer(viewer, name);
    const id = /(?:^|\/works\/)(\d{1,15})\/?(?:[?#].*)?$/.exec(workRef.trim())?.[1];
    const works = id ? await this.deps.archive.access.listable(member, [Number(id)]) : [];
    const work = works[0];
    if (!work) throw new ValidationError({ work: 'Give the address or number of a posted work you can read.' });
    const creators = creatorUserIds(work);
    const own = creators.includes(member.id);
    const added = await this.store.collections.addWork(
      collection,
      work.id,
      { collectionApproval: 'approved', creatorApproval: own ? 'approved' : 'pending', addedBy: member.id },
      own
        ? undefined
        : {
            userIds: creators,
            message: `${member.login} invited your work ${work.title} to the collection ${collection.title}.`,
          },
    );
    if (!added) throw new ValidationError({ work: `${work.title} is already in this collection or invited to it.` });
    return { collection, work };
  }

  /** "Add my work" from the collection's page: one of the member's own works. */
  async addOwnWork(
    viewer: Viewer,
    name: string,
    workIdParam: string,
  ): Promise<{ collection: Collection; pending: boolean }> {
    const member = requireMember(viewer);
    const collection = await this.find(name);
    const powers = await this.powers(member, collection);
    this.requireOpen(collection, powers);
    const work = (await this.ownWorksNotIn(member, collection)).find((w) => String(w.id) === workIdParam);
    if (!work) throw new ValidationError({ work: 'Choose one of your works that is not in this collection yet.' });
    const approval = this.approvalFor(collection, powers);
    await this.store.collections.addWork(collection, work.id, {
      collectionApproval: approval,
      creatorApproval: 'approved',
      addedBy: member.id,
    });
    return { collection, pending: approval === 'pending' };
  }

  /** "Add my bookmark" from the collection's page: one of the member's public bookmarks. */
  async addOwnBookmark(
    viewer: Viewer,
    name: string,
    bookmarkIdParam: string,
  ): Promise<{ collection: Collection; pending: boolean }> {
    const member = requireMember(viewer);
    const collection = await this.find(name);
    const powers = await this.powers(member, collection);
    this.requireOpen(collection, powers);
    const bookmark = (await this.ownBookmarksNotIn(member, collection)).find((b) => String(b.id) === bookmarkIdParam);
    if (!bookmark)
      throw new ValidationError({
        bookmark: 'Choose one of your public bookmarks that is not in this collection yet.',
      });
    const approval = this.approvalFor(collection, powers);
    await this.store.collections.addBookmark(collection.id, bookmark.id, approval, member.id);
    return { collection, pending: approval === 'pending' };
  }

  private requireOpen(collection: Collection, powers: CollectionPowers): void {
    if (!collection.open && !powers.maintainer)
      throw new ForbiddenError(`The collection ${collection.title} is closed: it takes no new works.`);
  }

  /** A moderated collection queues what members add; its maintainers' own additions join at once. */
  private approvalFor(collection: Collection, powers: CollectionPowers): Approval {
    return collection.moderated && !powers.maintainer ? 'pending' : 'approved';
  }

  private async ownWorksNotIn(member: Member, collection: Collection): Promise<WorkBlurb[]> {
    const [ids, items] = await Promise.all([
      this.store.works.idsByUser(member.id),
      this.store.collections.itemsOfWorkIds(collection.id),
    ]);
    const taken = new Set(items);
    const free = ids.filter((id) => !taken.has(id));
    if (free.length === 0) return [];
    const { works } = await this.store.works.list({ viewerId: member.id, ids: free, limit: free.length });
    return works.filter((w) => w.visibility !== 'draft' && !w.hidden).sort((a, b) => a.title.localeCompare(b.title));
  }

  private async ownBookmarksNotIn(member: Member, collection: Collection): Promise<{ id: number; title: string }[]> {
    const [bookmarks, taken] = await Promise.all([
      this.store.bookmarks.listForUser(member.id, false),
      this.store.collections.bookmarkIdsAll(collection.id),
    ]);
    const free = bookmarks.filter((b) => !b.private && b.hidden === null && !taken.has(b.id));
    const shown = await this.deps.archive.works.readableBookmarks(member, free);
    return shown.map(({ bookmark, thing }) => ({
      id: bookmark.id,
      title: thing.kind === 'work' ? thing.work.title : `Series: ${thing.title}`,
    }));
  }

  // ——— a work's collections, for its creators ———

  /** The collections a work is in or invited to, for its creators (invitations to answer). */
  async workItems(viewer: Viewer, workIdParam: string): Promise<{ work: Work; items: WorkCollectionItem[] }> {
    const { work } = await this.deps.archive.access.owned(viewer, workIdParam);
    return { work, items: await this.store.collections.itemsOfWork(work.id) };
  }

  /** A creator accepts or declines a collection's invitation, or takes the work out of a collection. */
  async answer(viewer: Viewer, workIdParam: string, itemIdParam: string, answer: string): Promise<WorkCollectionItem> {
    const { items } = await this.workItems(viewer, workIdParam);
    const item = items.find((i) => String(i.itemId) === itemIdParam);
    if (!item) throw new NotFoundError('Your work is not in that collection.');
    if (answer === 'accept') await this.store.collections.setApproval([item.itemId], 'creator', 'approved');
    else if (answer === 'decline') await this.store.collections.setApproval([item.itemId], 'creator', 'rejected');
    else if (answer === 'remove') await this.store.collections.removeItems([item.itemId]);
    else throw new ValidationError({ answer: 'Choose accept, decline or remove.' });
    return item;
  }

  /** The collections a work page names: those it is in on both sides. */
  async inCollections(workId: number): Promise<{ name: string; title: string }[]> {
    return this.shownOf(await this.store.collections.itemsOfWork(workId));
  }

  /** Of a work's collection items, the collections its page names (both sides said yes). */
  shownOf(items: WorkCollectionItem[]): { name: string; title: string }[] {
    return items
      .filter((i) => i.collectionApproval === 'approved' && i.creatorApproval === 'approved')
      .map((i) => ({ name: i.collection.name, title: i.collection.title }));
  }

  /** The short names of the collections a work is in (its creators' side said yes), for the edit form. */
  async namesForForm(workId: number): Promise<string> {
    const items = await this.store.collections.itemsOfWork(workId);
    return items
      .filter((i) => i.creatorApproval === 'approved')
      .map((i) => i.collection.name)
      .join(', ');
  }

  /**
   * The posting or edit form's "Collections" field: each short name must name a collection open to
   * the writer. Problems go into `errors` (the form shows them with everything as typed); without
   * any, where to file the work. `typed` undefined (an API client that did not send it) changes nothing.
   */
  async filingFor(
    member: Member,
    typed: string | undefined,
    errors: Record<string, string>,
    workId?: number,
  ): Promise<CollectionFiling | undefined> {
    if (typed === undefined) return undefined;
    const names = parseCollectionNames(typed);
    if (names.length > COLLECTION_LIMITS.perWork) {
      errors.collections = `A work may be added to at most ${COLLECTION_LIMITS.perWork} collections at a time.`;
      return undefined;
    }
    const found = await this.store.collections.findByNames(names.filter(isCollectionName));
    const byKey = new Map(found.map((c) => [c.name.toLowerCase(), c]));
    const current = workId === undefined ? [] : await this.store.collections.itemsOfWork(workId);
    const problems: string[] = [];
    const add: CollectionFiling['add'] = [];
    for (const name of names) {
      const collection = byKey.get(name.toLowerCase());
      if (!collection) {
        problems.push(`There is no collection called “${name}”.`);
        continue;
      }
      const already = current.find((i) => i.collection.id === collection.id);
      if (already && already.creatorApproval === 'approved') continue;
      const powers = await this.powers(member, collection);
      // An invitation is accepted by naming the collection, even once it closed.
      if (!collection.open && !powers.maintainer && !already) {
        problems.push(`The collection “${collection.title}” (${collection.name}) is closed: it takes no new works.`);
        continue;
      }
      add.push({
        collectionId: collection.id,
        approval: already ? already.collectionApproval : this.approvalFor(collection, powers),
      });
    }
    if (problems.length > 0) {
      errors.collections = problems.join(' ');
      return undefined;
    }
    const keys = new Set(names.map((n) => n.toLowerCase()));
    const remove = current
      .filter((i) => i.creatorApproval === 'approved' && !keys.has(i.collection.name.toLowerCase()))
      .map((i) => i.collection.id);
    return { add, remove, addedBy: member.id };
  }
}
