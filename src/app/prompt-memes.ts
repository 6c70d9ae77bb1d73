/**
 * Prompt memes: a collection's owners turn it into one; its members post prompts (tagged,
 * optionally anonymous); anyone logged in claims them and posts fills, works linked to the prompt
 * and filed in the collection. Every rule about who may do what with prompts, and who may see a
 * prompter's name or a fill, is here.
 */
import type { PromptListRequest } from '../domain/prompt-list-query.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { isRowId } from '../domain/ids.ts';
import { parsePage } from '../domain/feeds.ts';
import {
  ANONYMOUS_PROMPTER,
  checkPromptForm,
  checkPromptMemeForm,
  DEFAULT_PROMPT_MEME_FORM,
  EMPTY_PROMPT_FORM,
  parsePromptFilters,
  promptingClosedReason,
  promptMemeFormValues,
  PROMPTS_PAGE_SIZE,
  type PromptFilters,
  type PromptFormValues,
  type PromptListQuery,
  type PromptMemeFormValues,
  type PromptMemeSettings,
} from '../domain/prompt-memes.ts';
import { ANONYMOUS, FREE_TAG_KINDS } from '../domain/works.ts';
import { publicUser } from '../domain/accounts.ts';
import type { Collection } from '../store/collections.ts';
import type { Pseud, WorkBlurb } from '../store/index.ts';
import type { Tx } from '../store/database.ts';
import {
  addPromptFill,
  type MemberClaim,
  type Prompt,
  type PromptClaim,
  type PromptTag,
  type WorkPrompt,
} from '../store/prompt-memes.ts';
import { formatUserText } from '../text/sanitize.ts';
import type { ListedWork } from './readings.ts';
import type { WorkFormValues } from './work-form.ts';
import type { CollectionPowers } from './collections.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

export const NO_PROMPT = 'There is no prompt at this address.';
export const NOT_A_PROMPT_MEME = 'This collection is not a prompt meme.';

/** A prompt as one viewer may see it: the prompter named only to themselves and the maintainers when anonymous. */
export interface ShownPrompt {
  id: number;
  title: string;
  description: string;
  tags: PromptTag[];
  anonymous: boolean;
  /** undefined: shown as "Anonymous". */
  prompter: { login: string; pseudName: string } | undefined;
  claims: number;
  fills: number;
  createdAt: string;
  /** The viewer posted it. */
  own: boolean;
  /** The viewer claimed it. */
  claimed: boolean;
}

export interface PromptsPage {
  collection: Collection;
  settings: PromptMemeSettings;
  powers: CollectionPowers;
  prompts: ShownPrompt[];
  total: number;
  page: number;
  pageSize: number;
  filters: PromptFilters;
  /** Why the viewer may not post a prompt now (undefined: they may). */
  cannotPrompt: string | undefined;
}

export interface PromptPage {
  collection: Collection;
  settings: PromptMemeSettings;
  powers: CollectionPowers;
  prompt: ShownPrompt;
  /** `login` undefined: the claimer is not named to this viewer (an anonymous collection). */
  claims: (Omit<PromptClaim, 'login'> & { login: string | undefined })[];
  /** Fills whose work the viewer may read. */
  fills: ListedWork[];
  /** The viewer may change or delete it. */
  mayEdit: boolean;
}

export interface PromptFormView {
  collection: Collection;
  settings: PromptMemeSettings;
  pseuds: Pseud[];
}

/** The prompt a posting form fills, once checked: linked to the work in the transaction that posts it. */
export interface PromptFilling {
  promptId: number;
  collectionName: string;
  /** Runs inside the posting transaction. */
  link: (tx: Tx, workId: number) => Promise<void>;
}

/** A prompt a work fills, as its page names it. */
export interface WorkPromptLink {
  promptId: number;
  title: string;
  /** The prompter's pen name, or "Anonymous". */
  prompter: string;
  collectionName: string;
  collectionTitle: string;
}

/** "Fill this prompt": what the new-work form starts with. */
export interface FillStart {
  promptId: number;
  promptTitle: string;
  collectionName: string;
  tags: PromptTag[];
}

function promptId(param: string): number {
  const id = Number(param);
  if (!/^\d{1,15}$/.test(param) || !isRowId(id)) throw new NotFoundError(NO_PROMPT);
  return id;
}

/** The prompt form's values for an existing prompt. */
export function promptFormValues(prompt: Prompt): PromptFormValues {
  const names = (kind: (typeof FREE_TAG_KINDS)[number]) =>
    prompt.tags
      .filter((t) => t.kind === kind)
      .map((t) => t.name)
      .join(', ');
  return {
    title: prompt.title,
    description: prompt.description,
    fandoms: names('fandom'),
    relationships: names('relationship'),
    characters: names('character'),
    freeforms: names('freeform'),
    anonymous: prompt.anonymous,
    pseudId: String(prompt.pseudId),
  };
}

/** Adds a collection's short name to a typed "Collections" field unless it is named there already. */
export function withCollectionName(typed: string | undefined, name: string): string {
  const current = (typed ?? '').trim();
  const names = current.split(/[\s,]+/).map((n) => n.toLowerCase());
  if (names.includes(name.toLowerCase())) return current;
  return current === '' ? name : `${current}, ${name}`;
}

export class PromptMemes {
  constructor(private readonly deps: ModuleDeps) {}

  private get store() {
    return this.deps.store;
  }

  private get collections() {
    return this.deps.archive.collections;
  }

  /** The collection and its prompt meme settings; not found when it is not a prompt meme. */
  private async meme(name: string): Promise<{ collection: Collection; settings: PromptMemeSettings }> {
    const collection = await this.collections.find(name);
    const settings = await this.store.promptMemes.settings(collection.id);
    if (!settings) throw new NotFoundError(NOT_A_PROMPT_MEME);
    return { collection, settings };
  }

  /** Whether the collection is a prompt meme (for its profile's link). */
  async isPromptMeme(collectionId: number): Promise<boolean> {
    return (await this.store.promptMemes.settings(collectionId)) !== undefined;
  }

  // ——— settings (owners) ———

  async settingsForm(
    viewer: Viewer,
    name: string,
  ): Promise<{ collection: Collection; values: PromptMemeFormValues; existing: boolean }> {
    const member = requireMember(viewer);
    const collection = await this.collections.find(name);
    if (!(await this.collections.powers(member, collection)).owner)
      throw new ForbiddenError('Only the owners of this collection can change its prompt meme settings.');
    const settings = await this.store.promptMemes.settings(collection.id);
    return {
      collection,
      values: settings ? promptMemeFormValues(settings) : DEFAULT_PROMPT_MEME_FORM,
      existing: settings !== undefined,
    };
  }

  /** Makes the collection a prompt meme, or saves its settings (owners only). */
  async saveSettings(viewer: Viewer, name: string, values: PromptMemeFormValues): Promise<Collection> {
    const { collection } = await this.settingsForm(viewer, name);
    if (await this.store.giftExchanges.find(collection.id))
      throw new ConflictError(
        'This collection runs a gift exchange; a collection runs one challenge. Make another collection (a subcollection, say) for the prompt meme.',
      );
    const errors: Record<string, string> = {};
    const settings = checkPromptMemeForm(values, errors);
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await this.store.promptMemes.saveSettings(collection.id, settings);
    return collection;
  }

  // ——— seeing prompts ———

  private shown(prompt: Prompt, viewer: Viewer, powers: CollectionPowers, claimed: boolean): ShownPrompt {
    const own = viewer !== null && viewer.id === prompt.userId;
    const named = !prompt.anonymous || own || powers.maintainer;
    return {
      id: prompt.id,
      title: prompt.title,
      description: prompt.description,
      tags: prompt.tags,
      anonymous: prompt.anonymous,
      prompter: named ? { login: prompt.login, pseudName: prompt.pseudName } : undefined,
      claims: prompt.claims,
      fills: prompt.fills,
      createdAt: prompt.createdAt,
      own,
      claimed,
    };
  }

  private async claimedIds(viewer: Viewer): Promise<Set<number>> {
    if (!viewer) return new Set();
    return new Set((await this.store.promptMemes.claimsOf(viewer.id)).map((c) => c.promptId));
  }

  /** Why this viewer may not post a prompt in the meme now, or undefined when they may. */
  private async cannotPrompt(
    viewer: Viewer,
    collection: Collection,
    settings: PromptMemeSettings,
    powers: CollectionPowers,
  ): Promise<string | undefined> {
    if (!viewer) return 'Log in and join the collection to post prompts.';
    if (!powers.role) return 'Join the collection (on its Participants page) to post prompts.';
    const closed = promptingClosedReason(settings);
    if (closed) return closed;
    if (settings.maxPrompts > 0) {
      const posted = await this.store.promptMemes.countByUser(collection.id, viewer.id);
      if (posted >= settings.maxPrompts)
        return `You have posted ${posted} ${posted === 1 ? 'prompt' : 'prompts'}, the most this prompt meme takes from one member.`;
    }
    return undefined;
  }

  /** /collections/NAME/prompts: filtered by tag, claimed and filled, newest or most claimed first, in pages. */
  async list(viewer: Viewer, name: string, query: PromptListQuery): Promise<PromptsPage> {
    const { collection, settings } = await this.meme(name);
    const page = parsePage(query.page);
    const filters = parsePromptFilters(query);
    const powers = await this.collections.powers(viewer, collection);
    const [{ prompts, total }, claimed, cannotPrompt] = await Promise.all([
      this.store.promptMemes.list(
        collection.id,
        filters,
        viewer?.id ?? null,
        PROMPTS_PAGE_SIZE,
        (page - 1) * PROMPTS_PAGE_SIZE,
      ),
      this.claimedIds(viewer),
      this.cannotPrompt(viewer, collection, settings, powers),
    ]);
    return {
      collection,
      settings,
      powers,
      prompts: prompts.map((p) => this.shown(p, viewer, powers, claimed.has(p.id))),
      total,
      page,
      pageSize: PROMPTS_PAGE_SIZE,
      filters,
      cannotPrompt,
    };
  }

  /** A page of a prompt meme's prompts for the API, as this viewer may see them (prompters of anonymous ones unnamed). */
  async catalogPrompts(
    viewer: Viewer,
    name: string,
    asked: PromptListRequest,
  ): Promise<{ prompts: ShownPrompt[]; total: number }> {
    const { collection } = await this.meme(name);
    const [powers, { prompts, total }, claimed] = await Promise.all([
      this.collections.powers(viewer, collection),
      this.store.promptMemes.list(collection.id, asked.filters, viewer?.id ?? null, asked.limit, asked.offset),
      this.claimedIds(viewer),
    ]);
    return { prompts: prompts.map((p) => this.shown(p, viewer, powers, claimed.has(p.id))), total };
  }

  private async load(
    viewer: Viewer,
    name: string,
    idParam: string,
  ): Promise<{ collection: Collection; settings: PromptMemeSettings; prompt: Prompt; powers: CollectionPowers }> {
    const { collection, settings } = await this.meme(name);
    const prompt = await this.store.promptMemes.find(promptId(idParam), viewer?.id ?? null);
    if (!prompt || prompt.collectionId !== collection.id) throw new NotFoundError(NO_PROMPT);
    return { collection, settings, prompt, powers: await this.collections.powers(viewer, collection) };
  }

  /** One prompt with its claims and the fills this viewer may read. */
  async show(viewer: Viewer, name: string, idParam: string): Promise<PromptPage> {
    const { collection, settings, prompt, powers } = await this.load(viewer, name, idParam);
    const [claims, fillIds] = await Promise.all([
      this.store.promptMemes.claims(prompt.id),
      this.store.promptMemes.fillWorkIds(prompt.id),
    ]);
    const listed = await this.deps.archive.access.listable(viewer, fillIds);
    const { works: fills } = await this.deps.archive.readings.inResult(viewer, { works: listed });
    const claimed = viewer !== null && claims.some((c) => c.userId === viewer.id);
    // In an anonymous collection a claim would name a fill's creator: claimers are named to themselves and the maintainers only.
    const shownClaims = claims.map((c) =>
      collection.anonymous && !powers.maintainer && c.userId !== viewer?.id ? { ...c, login: undefined } : c,
    );
    return {
      collection,
      settings,
      powers,
      prompt: this.shown(prompt, viewer, powers, claimed),
      claims: shownClaims,
      fills,
      mayEdit: viewer !== null && (viewer.id === prompt.userId || powers.maintainer),
    };
  }

  /** Where /prompts/ID leads: the prompt's page under its collection. */
  async collectionNameOf(idParam: string): Promise<string> {
    const prompt = await this.store.promptMemes.find(promptId(idParam), null);
    const collection = prompt && (await this.store.collections.find(prompt.collectionId));
    if (!collection) throw new NotFoundError(NO_PROMPT);
    return collection.name;
  }

  // ——— posting prompts (members) ———

  /** The new prompt form: members of the collection only, while prompting is open. */
  async newForm(viewer: Viewer, name: string): Promise<PromptFormView & { values: PromptFormValues }> {
    const member = requireMember(viewer);
    const { collection, settings } = await this.meme(name);
    const powers = await this.collections.powers(member, collection);
    const refusal = await this.cannotPrompt(member, collection, settings, powers);
    if (refusal) throw new ForbiddenError(refusal);
    const pseuds = await this.store.pseuds.listForUser(member.id);
    const preferred = pseuds.find((p) => p.isDefault) ?? pseuds[0];
    return { collection, settings, pseuds, values: { ...EMPTY_PROMPT_FORM, pseudId: String(preferred?.id ?? '') } };
  }

  private checkPrompt(
    values: PromptFormValues,
    settings: PromptMemeSettings,
    pseuds: Pseud[],
  ): { title: string; description: string; anonymous: boolean; pseudId: number; tags: PromptTag[] } {
    const errors: Record<string, string> = {};
    const checked = checkPromptForm(values, settings, errors);
    const pseud =
      pseuds.find((p) => String(p.id) === values.pseudId) ?? (values.pseudId === '' ? pseuds[0] : undefined);
    if (!pseud) errors.pseudId = 'Choose one of your pen names.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    return {
      title: checked.title,
      description: formatUserText(checked.description),
      anonymous: checked.anonymous,
      pseudId: pseud!.id,
      tags: checked.tags,
    };
  }

  /** Posts a prompt; returns its id. */
  async post(viewer: Viewer, name: string, values: PromptFormValues): Promise<{ collection: Collection; id: number }> {
    const member = requireMember(viewer);
    await this.deps.archive.recovery.requireMayWrite(member, 'post');
    const { collection, settings, pseuds } = await this.newForm(member, name);
    const fields = this.checkPrompt(values, settings, pseuds);
    const id = await this.store.promptMemes.create(collection.id, member.id, fields);
    return { collection, id };
  }

  /** The edit form of a prompt: its prompter, or the collection's maintainers. */
  async editForm(
    viewer: Viewer,
    name: string,
    idParam: string,
  ): Promise<PromptFormView & { prompt: Prompt; values: PromptFormValues }> {
    const member = requireMember(viewer);
    const { collection, settings, prompt, powers } = await this.load(member, name, idParam);
    if (prompt.userId !== member.id && !powers.maintainer)
      throw new ForbiddenError('Only the prompter and the collection’s maintainers can change this prompt.');
    // A maintainer changing someone's prompt keeps the prompter's pen name.
    const pseuds =
      prompt.userId === member.id
        ? await this.store.pseuds.listForUser(member.id)
        : [{ id: prompt.pseudId, name: prompt.pseudName } as Pseud];
    return { collection, settings, pseuds, prompt, values: promptFormValues(prompt) };
  }

  async save(viewer: Viewer, name: string, idParam: string, values: PromptFormValues): Promise<Collection> {
    const { collection, settings, pseuds, prompt } = await this.editForm(viewer, name, idParam);
    // Only the prompter decides whether they are named; a prompt already anonymous may stay so
    // after the owners stop taking new anonymous prompts.
    const own = prompt.userId === requireMember(viewer).id;
    const sent = own ? values : { ...values, anonymous: prompt.anonymous };
    const allowed = settings.anonymousAllowed || (prompt.anonymous && sent.anonymous);
    const fields = this.checkPrompt(sent, { ...settings, anonymousAllowed: allowed }, pseuds);
    await this.store.promptMemes.update(prompt.id, fields);
    return collection;
  }

  /** Deletes a prompt (its prompter or a maintainer); works posted as its fills stay. */
  async delete(viewer: Viewer, name: string, idParam: string): Promise<Collection> {
    const { collection, prompt } = await this.editForm(viewer, name, idParam);
    await this.store.promptMemes.delete(prompt.id);
    return collection;
  }

  // ——— claims ———

  /** Claims a prompt (any member but its prompter); claiming twice changes nothing. */
  async claim(viewer: Viewer, name: string, idParam: string): Promise<{ collection: Collection; prompt: Prompt }> {
    const member = requireMember(viewer);
    const { collection, prompt } = await this.load(member, name, idParam);
    if (prompt.userId === member.id)
      throw new ValidationError({ claim: 'This is your own prompt: you cannot claim it (you may still fill it).' });
    await this.store.promptMemes.claim(prompt.id, member.id);
    return { collection, prompt };
  }

  async unclaim(viewer: Viewer, name: string, idParam: string): Promise<{ collection: Collection; prompt: Prompt }> {
    const member = requireMember(viewer);
    const { collection, prompt } = await this.load(member, name, idParam);
    if (!(await this.store.promptMemes.unclaim(prompt.id, member.id)))
      throw new ValidationError({ claim: 'You have not claimed this prompt.' });
    return { collection, prompt };
  }

  /** /users/LOGIN/claims: a member's own claims (nobody else's). */
  async claimsOf(viewer: Viewer, login: string): Promise<MemberClaim[]> {
    const member = requireMember(viewer);
    if (member.login.toLowerCase() !== login.toLowerCase())
      throw new ForbiddenError('Only the member themselves can see their claims.');
    return this.store.promptMemes.claimsOf(member.id);
  }

  // ——— fills ———

  /** "Fill this prompt": the prompt the new-work form starts from (any member may fill a prompt they can see). */
  async fillStart(viewer: Viewer, idParam: string): Promise<FillStart> {
    requireMember(viewer);
    const prompt = await this.store.promptMemes.find(promptId(idParam), null);
    const collection = prompt && (await this.store.collections.find(prompt.collectionId));
    if (!prompt || !collection) throw new NotFoundError(NO_PROMPT);
    return { promptId: prompt.id, promptTitle: prompt.title, collectionName: collection.name, tags: prompt.tags };
  }

  /** The posting form filling a prompt: the prompt named, its collection and its fandoms, relationships and characters filled in. */
  async prefill(viewer: Viewer, idParam: string, empty: WorkFormValues): Promise<WorkFormValues> {
    const start = await this.fillStart(viewer, idParam);
    const names = (kind: PromptTag['kind']) =>
      start.tags
        .filter((t) => t.kind === kind)
        .map((t) => t.name)
        .join(', ');
    return {
      ...empty,
      promptId: String(start.promptId),
      collections: withCollectionName(empty.collections, start.collectionName),
      fandoms: names('fandom'),
      relationships: names('relationship'),
      characters: names('character'),
    };
  }

  /**
   * The posting form's hidden "prompt" field: the prompt the work fills, or a problem in `errors`.
   * Empty or missing: no prompt.
   */
  async fillingFor(
    member: Member,
    typed: string | undefined,
    errors: Record<string, string>,
  ): Promise<PromptFilling | undefined> {
    if (typed === undefined || typed.trim() === '') return undefined;
    const id = Number(typed.trim());
    const prompt = isRowId(id) ? await this.store.promptMemes.find(id, null) : undefined;
    const collection = prompt && (await this.store.collections.find(prompt.collectionId));
    if (!prompt || !collection) {
      errors.prompt = 'The prompt this work was to fill is gone: post it without, or choose another prompt.';
      return undefined;
    }
    return {
      promptId: prompt.id,
      collectionName: collection.name,
      link: (tx, workId) => addPromptFill(tx, prompt.id, workId, member.id),
    };
  }

  /**
   * Tells the prompter a fill of their prompt was posted: naming the work and its creators when
   * they may read it and see who made it; otherwise only that a fill will be shown once revealed.
   */
  async announceFill(member: Member, promptIdValue: number, workId: number): Promise<void> {
    const prompt = await this.store.promptMemes.find(promptIdValue, null);
    const work = await this.store.works.find(workId);
    if (!prompt || !work || prompt.userId === member.id) return;
    const found = await this.store.users.findById(prompt.userId);
    const collection = await this.store.collections.find(prompt.collectionId);
    if (!found || !collection) return;
    const prompter = publicUser(found);
    const where = `your prompt “${prompt.title}” in ${collection.title}`;
    const readable = this.deps.archive.access.mayRead(work, prompter);
    const byline = work.anonymous
      ? ANONYMOUS
      : work.creators
          .filter((c) => c.accepted)
          .map((c) => c.name)
          .join(', ');
    await this.store.inbox.add([
      readable
        ? {
            userId: prompter.id,
            kind: 'prompt-fill',
            workId: work.id,
            actorUserId: member.id,
            message: `${byline} posted ${work.title}, a fill of ${where}.`,
          }
        : {
            userId: prompter.id,
            kind: 'prompt-fill',
            actorUserId: member.id,
            message: `A fill of ${where} was posted; you can read it once the collection shows it.`,
          },
    ]);
  }

  /** The prompts a work answers, as the work page names them to this viewer. */
  async promptsOfWork(viewer: Viewer, work: WorkBlurb, read?: WorkPrompt[]): Promise<WorkPromptLink[]> {
    const prompts = read ?? (await this.store.promptMemes.promptsOfWork(work.id));
    const shown: WorkPromptLink[] = [];
    for (const p of prompts) {
      let named = !p.anonymous || (viewer !== null && viewer.id === p.userId);
      if (!named && viewer) {
        const collection = await this.store.collections.findByName(p.collectionName);
        named = collection !== undefined && (await this.collections.powers(viewer, collection)).maintainer;
      }
      shown.push({
        promptId: p.promptId,
        title: p.title,
        prompter: named ? p.pseudName : ANONYMOUS_PROMPTER,
        collectionName: p.collectionName,
        collectionTitle: p.collectionTitle,
      });
    }
    return shown;
  }
}
