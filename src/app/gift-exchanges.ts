/**
 * Gift exchanges: a collection whose owners define a sign-up form; members sign up with requests
 * and offers while sign-ups are open; the maintainers generate assignments (a background job),
 * review and edit them, and send them; participants write their gift, post it "for" their
 * assignment (filed in the collection as a gift to their recipient), or default, and the
 * maintainers assign pinch hitters. Every rule about who may do what in an exchange is here.
 */
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import {
  checkExchangeForm,
  checkPrompts,
  DEFAULT_MATCH_SETTINGS,
  DEFAULT_SIGN_UP_RULES,
  exchangeFormValues,
  isBlankPrompt,
  isTicked,
  PROMPT_SIDES,
  PROMPT_TAG_KINDS,
  readTypedPrompts,
  signUpsOpen,
  tagNameList,
  type ExchangeForm,
  type PromptSide,
  type PromptTagKind,
  type SignUpRules,
  type TypedPrompt,
} from '../domain/gift-exchange/sign-up-rules.ts';
import { compileSettings, compilePrompt, compiledMatchScore, type Prompt } from '../domain/gift-exchange/prompts.ts';
import { isRowId } from '../domain/ids.ts';
import { personLabel, withPersonLabel } from '../domain/work-links.ts';
import { withCollectionName } from './prompt-memes.ts';
import type { WorkFormValues } from './work-form.ts';
import { collectionPath } from '../paths.ts';
import type { Collection, CollectionFiling } from '../store/collections.ts';
import type {
  AssignmentCounts,
  AssignmentRow,
  ExchangeSignUp,
  FandomCount,
  GiftExchange,
  PromptToSave,
  SignUpEntry,
  SignUpPrompt,
  SignUpSort,
} from '../store/gift-exchanges.ts';
import { parsePage } from '../domain/feeds.ts';
import type { NewNotification } from '../store/notifications.ts';
import type { Pseud } from '../store/index.ts';
import { formatUserText } from '../text/sanitize.ts';
import { isolateBidi } from '../text/bidi.ts';
import type { CollectionPowers } from './collections.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

export const NO_EXCHANGE = 'This collection runs no gift exchange.';
export const SIGN_UPS_PAGE_SIZE = 20;
export const ASSIGNMENTS_PAGE_SIZE = 50;
/**
 * How many of each gap the assignments page lists. A maintainer works through those without a gift one at a
 * time, and each one assigned makes room for the next; the writer fields suggest anyone signed up as typed.
 */
export const GAP_SHOWN = 50;
const SUGGESTIONS = 10;
const MAX_SUGGEST_TYPED = 100;
const ONE_CHALLENGE =
  'This collection runs a prompt meme; a collection runs one challenge. Make another collection (a subcollection, say) for the gift exchange.';

export interface ExchangeOverview {
  collection: Collection;
  exchange: GiftExchange;
  powers: CollectionPowers;
  open: boolean;
  /** Sign-ups have closed (matching may begin). */
  closed: boolean;
  signUpCount: number;
  fandomNames: string[];
  /** The viewer's own sign-up, and their sent assignments (to write). */
  mine: ExchangeSignUp | undefined;
  myAssignments: AssignmentView[];
}

/** An assignment as its giver (or a maintainer) sees it: the recipient's requests beside it. */
export interface AssignmentView {
  assignment: AssignmentRow;
  requests: SignUpPrompt[];
}

export interface SignUpFormView {
  collection: Collection;
  exchange: GiftExchange;
  rules: SignUpRules;
  values: Record<string, string>;
  pseuds: Pseud[];
  existing: boolean;
  open: boolean;
  /** Pinch-hit sign-ups are taken once the ordinary ones closed. */
  pinchHitOnly: boolean;
}

export interface SignUpSummary {
  collection: Collection;
  exchange: GiftExchange;
  powers: CollectionPowers;
  participants: number;
  pinchHitters: number;
  /** Those short of offers first. */
  rows: FandomCount[];
  /** Prompts that accept any fandom. */
  anyFandom: { requests: number; offers: number };
}

/** A page of the exchange's sign-ups, for its maintainers. */
export interface SignUpsView {
  collection: Collection;
  exchange: GiftExchange;
  powers: CollectionPowers;
  signUps: ExchangeSignUp[];
  participants: number;
  pinchHitters: number;
  sort: SignUpSort;
  page: number;
  pageSize: number;
}

/** A few of the sign-ups in one gap of the assignments, and how many are in it. */
export interface SignUpGapList {
  entries: SignUpEntry[];
  total: number;
}

export interface MatchingView {
  collection: Collection;
  exchange: GiftExchange;
  powers: CollectionPowers;
  closed: boolean;
  counts: AssignmentCounts;
  /** This page of the drafts and of the sent assignments (by recipient). */
  drafts: AssignmentRow[];
  sent: AssignmentRow[];
  page: number;
  pageSize: number;
  /** The first of the participants nobody is (still) writing for, and how many they are. */
  withoutGift: SignUpGapList;
  /** The first of the participants with no assignment to write, and how many. */
  withoutAssignment: SignUpGapList;
  /** The first of those who may pinch hit, and how many. */
  pinchHitters: SignUpGapList;
}

/** What the posting form needs to post for an assignment. */
export interface AssignmentForPosting {
  assignmentId: number;
  collection: Collection;
  recipient: string;
}

/** A "Collections" field without this short name (any case). */
export function withoutCollectionName(typed: string | undefined, name: string): string | undefined {
  if (typed === undefined) return undefined;
  return typed
    .split(/[\s,]+/)
    .filter((n) => n !== '' && n.toLowerCase() !== name.toLowerCase())
    .join(', ');
}

/** Where a gift for an assignment is filed: its exchange's collection, approved (the moderators assigned it), besides the rest. */
export function filingForAssignment(
  filing: CollectionFiling | undefined,
  collectionId: number,
  memberId: number,
): CollectionFiling {
  const rest = filing ?? { add: [], remove: [], addedBy: memberId };
  return {
    ...rest,
    add: [...rest.add.filter((a) => a.collectionId !== collectionId), { collectionId, approval: 'approved' }],
    remove: rest.remove.filter((id) => id !== collectionId),
  };
}

function plainForm(values: Record<string, string | string[] | undefined>): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(values))
    form[key] = Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
  return form;
}

/** The sign-up form's fields for a saved sign-up. */
function signUpFormValues(signUp: ExchangeSignUp): Record<string, string> {
  const form: Record<string, string> = {
    pseudId: String(signUp.pseudId),
    'pinch-hitter': signUp.pinchHitter ? 'on' : '',
  };
  for (const p of signUp.prompts) {
    const at = `${p.side}-${p.position}`;
    for (const kind of PROMPT_TAG_KINDS)
      form[`${at}-${kind}`] = p.tags
        .filter((t) => t.kind === kind)
        .map((t) => t.name)
        .join(', ');
    for (const kind of p.any) form[`${at}-any-${kind}`] = 'on';
    form[`${at}-title`] = p.title;
    form[`${at}-description`] = p.description;
    form[`${at}-url`] = p.url;
  }
  return form;
}

function promptForMatching(p: SignUpPrompt): Prompt {
  const tags: Partial<Record<PromptTagKind, number[]>> = {};
  for (const t of p.tags) (tags[t.kind] ??= []).push(t.id);
  return { tags, any: p.any };
}

export class GiftExchanges {
  constructor(private readonly deps: ModuleDeps) {}

  private get store() {
    return this.deps.store;
  }

  private async load(
    viewer: Viewer,
    name: string,
  ): Promise<{ collection: Collection; exchange: GiftExchange; powers: CollectionPowers }> {
    const collections = this.deps.archive.collections;
    const collection = await collections.find(name);
    const exchange = await this.store.giftExchanges.find(collection.id);
    if (!exchange) throw new NotFoundError(NO_EXCHANGE);
    return { collection, exchange, powers: await collections.powers(viewer, collection) };
  }

  private async loadForMaintainer(viewer: Viewer, name: string) {
    requireMember(viewer);
    const loaded = await this.load(viewer, name);
    if (!loaded.powers.maintainer)
      throw new ForbiddenError('Only the owners and moderators of this exchange can do that.');
    return loaded;
  }

  private now(): string {
    return new Date().toISOString();
  }

  /** /collections/NAME/exchange: the dates, the viewer's sign-up and assignments. */
  async overview(viewer: Viewer, name: string): Promise<ExchangeOverview> {
    const { collection, exchange, powers } = await this.load(viewer, name);
    const at = this.now();
    const [signUpCount, mine, fandomNames] = await Promise.all([
      this.store.giftExchanges.signUpCount(collection.id),
      viewer ? this.store.giftExchanges.signUpOf(collection.id, viewer.id) : undefined,
      this.fandomNames(exchange.rules.fandomIds),
    ]);
    const myAssignments = viewer ? await this.assignmentsOf(collection.id, viewer.id) : [];
    return {
      collection,
      exchange,
      powers,
      open: signUpsOpen(exchange, at),
      closed: at >= exchange.signupsCloseAt,
      signUpCount,
      fandomNames,
      mine,
      myAssignments,
    };
  }

  /** A member's sent assignments in this exchange, each with the recipient's requests. */
  private async assignmentsOf(collectionId: number, userId: number): Promise<AssignmentView[]> {
    const rows = (await this.store.giftExchanges.assignments(collectionId, { giverUserId: userId })).filter(
      (a) => a.sentAt !== null,
    );
    const receivers = await this.store.giftExchanges.signUps(collectionId, {
      ids: [...new Set(rows.map((a) => a.receiver.signupId))],
    });
    const byId = new Map(receivers.map((s) => [s.id, s]));
    return rows.map((assignment) => ({
      assignment,
      requests: byId.get(assignment.receiver.signupId)?.prompts.filter((p) => p.side === 'request') ?? [],
    }));
  }

  private async fandomNames(ids: number[]): Promise<string[]> {
    const tags = await Promise.all(ids.map((id) => this.store.tags.find(id)));
    return tags.flatMap((t) => (t ? [t.name] : []));
  }

  // ——— settings (owners) ———

  /** The settings form: saved values, or the defaults for a collection that runs no exchange yet. */
  async settingsForm(
    viewer: Viewer,
    name: string,
  ): Promise<{ collection: Collection; powers: CollectionPowers; values: ExchangeForm; existing: boolean }> {
    const member = requireMember(viewer);
    const collections = this.deps.archive.collections;
    const collection = await collections.find(name);
    const powers = await collections.powers(member, collection);
    if (!powers.owner) throw new ForbiddenError('Only the owners of this collection can set up its gift exchange.');
    if (powers.promptMeme) throw new ConflictError(ONE_CHALLENGE);
    const exchange = await this.store.giftExchanges.find(collection.id);
    const start = new Date(Date.now() + 86_400_000).toISOString();
    const end = new Date(Date.now() + 15 * 86_400_000).toISOString();
    const settings = exchange ?? {
      rules: DEFAULT_SIGN_UP_RULES,
      match: DEFAULT_MATCH_SETTINGS,
      signupsOpenAt: start,
      signupsCloseAt: end,
      assignmentsDueAt: null,
    };
    const fandoms = (await this.fandomNames(settings.rules.fandomIds)).join(', ');
    return { collection, powers, values: exchangeFormValues(settings, fandoms), existing: exchange !== undefined };
  }

  /** Saves the exchange's settings; every problem at once, with the form as typed. */
  async saveSettings(viewer: Viewer, name: string, sent: Record<string, string | string[] | undefined>) {
    const member = requireMember(viewer);
    const collections = this.deps.archive.collections;
    const collection = await collections.find(name);
    const powers = await collections.powers(member, collection);
    if (!powers.owner) throw new ForbiddenError('Only the owners of this collection can set up its gift exchange.');
    if (powers.promptMeme) throw new ConflictError(ONE_CHALLENGE);
    const form = plainForm(sent);
    const errors: Record<string, string> = {};
    const settings = checkExchangeForm(form, errors);
    const fandomIds: number[] = [];
    const unknown: string[] = [];
    for (const fandom of tagNameList(form.fandoms ?? '')) {
      const tag = (await this.store.tags.named(fandom)).find((t) => t.kind === 'fandom');
      if (!tag) unknown.push(fandom);
      else fandomIds.push(tag.mergerId ?? tag.id);
    }
    if (unknown.length > 0)
      errors.fandoms = `No fandom tag is called ${unknown.map((n) => `“${n}”`).join(', ')}: check the spelling, or ask a tag wrangler.`;
    const existing = await this.store.giftExchanges.find(collection.id);
    if (existing?.sentAt && settings.signupsCloseAt > this.now())
      errors['signups-close-at'] = 'Assignments were sent: sign-ups cannot open again.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await this.store.giftExchanges.save(collection.id, {
      ...settings,
      rules: { ...settings.rules, fandomIds: [...new Set(fandomIds)] },
    });
    return collection;
  }

  // ——— sign-ups (members) ———

  /** The sign-up form; `resent` re-renders a refused form as sent (whatever the dates say now). */
  async signUpForm(viewer: Viewer, name: string, resent = false): Promise<SignUpFormView> {
    const member = requireMember(viewer);
    const { collection, exchange } = await this.load(member, name);
    const [pseuds, mine] = await Promise.all([
      this.store.pseuds.listForUser(member.id),
      this.store.giftExchanges.signUpOf(collection.id, member.id),
    ]);
    const at = this.now();
    const open = signUpsOpen(exchange, at);
    const pinchHitOnly = !open && at >= exchange.signupsCloseAt;
    if (!open && !pinchHitOnly && !resent)
      throw new ForbiddenError(`Sign-ups open on ${exchange.signupsOpenAt.slice(0, 10)}.`);
    if (pinchHitOnly && mine && !mine.pinchHitter && !resent)
      throw new ConflictError(
        'Sign-ups have closed, so your sign-up can no longer be changed. Ask the moderators if something must change.',
      );
    const preferred = pseuds.find((p) => p.isDefault) ?? pseuds[0];
    const values = mine ? signUpFormValues(mine) : { pseudId: String(preferred?.id ?? ''), 'pinch-hitter': '' };
    if (pinchHitOnly && !mine) values['pinch-hitter'] = 'on';
    return {
      collection,
      exchange,
      rules: exchange.rules,
      values,
      pseuds,
      existing: mine !== undefined,
      open,
      pinchHitOnly,
    };
  }

  /**
   * Saves the member's sign-up (a new one, or changes while sign-ups are open). Each tag name must
   * name a tag of its kind (a canonical one, where the exchange asks for that), fandoms from the
   * exchange's list when it has one. Tags the archive lacks (where any tag is taken) are created
   * with the sign-up, in its transaction, and only when nothing else was wrong.
   */
  async saveSignUp(
    viewer: Viewer,
    name: string,
    sent: Record<string, string | string[] | undefined>,
  ): Promise<{ collection: Collection; created: boolean }> {
    const member = requireMember(viewer);
    await this.deps.archive.recovery.requireMayWrite(member, 'post');
    const { collection, exchange } = await this.load(member, name);
    const form = plainForm(sent);
    const at = this.now();
    const open = signUpsOpen(exchange, at);
    const pinchHitter = isTicked(form['pinch-hitter']);
    const mine = await this.store.giftExchanges.signUpOf(collection.id, member.id);
    // Refused with the form as typed, so that nothing written is lost.
    if (!open && at < exchange.signupsOpenAt)
      throw new ValidationError({ form: `Sign-ups open on ${exchange.signupsOpenAt.slice(0, 10)}.` });
    // After the close only pinch hitters sign up (or change their pinch-hit sign-up).
    if (!open && (!pinchHitter || (mine && !mine.pinchHitter)))
      throw new ValidationError({
        form: 'Sign-ups have closed: sign-ups can no longer be made or changed. You may still offer to pinch hit (tick “Only as a pinch hitter”).',
      });
    const errors: Record<string, string> = {};
    const pseuds = await this.store.pseuds.listForUser(member.id);
    const pseud = pseuds.find((p) => String(p.id) === form.pseudId);
    if (!pseud) errors.pseudId = 'Choose one of your pen names.';
    const rules = exchange.rules;
    const prompts: PromptToSave[] = [];
    for (const side of PROMPT_SIDES) {
      if (pinchHitter && side === 'request') continue;
      const typed = readTypedPrompts(form, side, rules[side].allowed);
      checkPrompts(side, typed, rules[side], errors, { pinchHitter });
      for (const [i, prompt] of typed.entries()) {
        if (isBlankPrompt(prompt)) continue;
        const { tagIds, newTags } = await this.resolveTags(side, i, prompt, rules, errors);
        prompts.push({
          side,
          title: prompt.title,
          description: prompt.description ? formatUserText(prompt.description) : '',
          url: prompt.url,
          any: prompt.any,
          tagIds,
          newTags,
        });
      }
    }
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await this.store.giftExchanges.saveSignUp(
      collection.id,
      { userId: member.id, pseudId: pseud!.id },
      pinchHitter,
      prompts,
    );
    return { collection, created: mine === undefined };
  }

  private async resolveTags(
    side: PromptSide,
    index: number,
    prompt: TypedPrompt,
    rules: SignUpRules,
    errors: Record<string, string>,
  ): Promise<{ tagIds: number[]; newTags: { kind: PromptTagKind; name: string }[] }> {
    const ids: number[] = [];
    const newTags: { kind: PromptTagKind; name: string }[] = [];
    for (const kind of PROMPT_TAG_KINDS) {
      const field = `${side}-${index}-${kind}`;
      const problems: string[] = [];
      for (const typed of prompt.tags[kind]) {
        const found = (await this.store.tags.named(typed)).find((t) => t.kind === kind);
        if (rules.canonicalOnly) {
          if (!found) {
            problems.push(`“${typed}” is not a ${kind === 'freeform' ? 'tag' : `${kind} tag`} of this archive`);
            continue;
          }
          if (!found.canonical) {
            const canonical = found.mergerId === null ? undefined : await this.store.tags.find(found.mergerId);
            problems.push(
              canonical
                ? `“${typed}” is filed as “${canonical.name}”: use that name`
                : `“${typed}” is not yet a canonical tag: choose one the archive suggests`,
            );
            continue;
          }
        }
        const canonicalId = found ? (found.mergerId ?? found.id) : undefined;
        if (
          kind === 'fandom' &&
          rules.fandomIds.length > 0 &&
          (canonicalId === undefined || !rules.fandomIds.includes(canonicalId))
        ) {
          problems.push(`“${typed}” is not one of this exchange's fandoms`);
          continue;
        }
        if (found) ids.push(found.id);
        else newTags.push({ kind, name: typed });
      }
      if (problems.length > 0 && !errors[field]) errors[field] = `${problems.join('; ')}.`;
    }
    return { tagIds: ids, newTags };
  }

  /** Withdraws the member's sign-up while sign-ups are open (a pinch hitter's at any time before assignment). */
  async withdraw(viewer: Viewer, name: string): Promise<Collection> {
    const member = requireMember(viewer);
    const { collection, exchange } = await this.load(member, name);
    const mine = await this.store.giftExchanges.signUpOf(collection.id, member.id);
    if (!mine) throw new NotFoundError('You have not signed up for this exchange.');
    const assigned = await this.store.giftExchanges.isAssigned(collection.id, mine.id);
    if (assigned || (!mine.pinchHitter && !signUpsOpen(exchange, this.now())))
      throw new ConflictError(
        'Sign-ups have closed and assignments are being made: ask the moderators to take you out, or default on your assignment.',
      );
    await this.store.giftExchanges.deleteSignUp(mine.id);
    return collection;
  }

  // ——— maintainers: sign-ups, summary, matching, assignments ———

  /** A page of the sign-ups, with the count of all, oldest first or by pen name. */
  async signUps(viewer: Viewer, name: string, query: { page?: string; sort?: string } = {}): Promise<SignUpsView> {
    const loaded = await this.loadForMaintainer(viewer, name);
    const page = parsePage(query.page ?? '');
    const sort: SignUpSort = query.sort === 'name' ? 'name' : 'date';
    const id = loaded.collection.id;
    const [counts, signUps] = await Promise.all([
      this.store.giftExchanges.signUpCounts(id),
      this.store.giftExchanges.signUpPage(id, {
        sort,
        limit: SIGN_UPS_PAGE_SIZE,
        offset: (page - 1) * SIGN_UPS_PAGE_SIZE,
      }),
    ]);
    return { ...loaded, ...counts, signUps, sort, page, pageSize: SIGN_UPS_PAGE_SIZE };
  }

  /** One sign-up on a page of its own (where the assignments page links). */
  async signUp(viewer: Viewer, name: string, idParam: string) {
    const loaded = await this.loadForMaintainer(viewer, name);
    const signUp = await this.signUpIn(loaded.collection.id, idParam);
    if (!signUp) throw new NotFoundError('There is no such sign-up in this exchange.');
    return { ...loaded, signUp };
  }

  private async signUpIn(collectionId: number, idParam: string | undefined): Promise<ExchangeSignUp | undefined> {
    const id = Number(idParam);
    if (!isRowId(id)) return undefined;
    const [found] = await this.store.giftExchanges.signUps(collectionId, { id });
    return found;
  }

  /** Requests and offers per fandom, so the maintainers see fandoms nobody offers. */
  async summary(viewer: Viewer, name: string): Promise<SignUpSummary> {
    const { collection, exchange, powers } = await this.loadForMaintainer(viewer, name);
    const [counts, { fandoms, anyFandom }] = await Promise.all([
      this.store.giftExchanges.signUpCounts(collection.id),
      this.store.giftExchanges.fandomCounts(collection.id),
    ]);
    const rows = fandoms.sort(
      (a, b) =>
        b.requests - b.offers - (a.requests - a.offers) || b.requests - a.requests || a.fandom.localeCompare(b.fandom),
    );
    return { collection, exchange, powers, ...counts, rows, anyFandom };
  }

  /** The assignments page: a page of the drafts (or of the sent), and who is left without a gift or a recipient. */
  async matching(viewer: Viewer, name: string, pageParam = ''): Promise<MatchingView> {
    const { collection, exchange, powers } = await this.loadForMaintainer(viewer, name);
    const page = parsePage(pageParam);
    const exchanges = this.store.giftExchanges;
    const onPage = { limit: ASSIGNMENTS_PAGE_SIZE, offset: (page - 1) * ASSIGNMENTS_PAGE_SIZE };
    const [counts, drafts, sent, withoutGift, withoutAssignment, pinchHitters] = await Promise.all([
      exchanges.assignmentCounts(collection.id),
      exchanges.assignments(collection.id, { sent: false, ...onPage }),
      exchanges.assignments(collection.id, { sent: true, ...onPage }),
      exchanges.inGap(collection.id, 'without-gift', GAP_SHOWN),
      exchanges.inGap(collection.id, 'without-assignment', GAP_SHOWN),
      exchanges.inGap(collection.id, 'pinch-hitters', GAP_SHOWN),
    ]);
    return {
      collection,
      exchange,
      powers,
      closed: this.now() >= exchange.signupsCloseAt,
      counts,
      drafts,
      sent,
      page,
      pageSize: ASSIGNMENTS_PAGE_SIZE,
      withoutGift,
      withoutAssignment,
      pinchHitters,
    };
  }

  /** Sign-ups whose username or pen name holds what a maintainer typed in a writer or pinch hitter field. */
  async suggestParticipants(viewer: Viewer, name: string, typed: string): Promise<SignUpEntry[]> {
    const { collection } = await this.loadForMaintainer(viewer, name);
    if (typed.length > MAX_SUGGEST_TYPED) return [];
    return this.store.giftExchanges.suggestSignUps(collection.id, typed, SUGGESTIONS);
  }

  /** Assignments are made once sign-ups closed: until then participants may still change what they asked for. */
  private requireClosed(exchange: GiftExchange): void {
    if (this.now() < exchange.signupsCloseAt)
      throw new ConflictError(
        'Sign-ups are still open: close them (in the exchange settings) before making or sending assignments.',
      );
  }

  /** Queues the matching job; its progress shows on the assignments page. */
  async generate(viewer: Viewer, name: string): Promise<Collection> {
    const { collection, exchange } = await this.loadForMaintainer(viewer, name);
    this.requireClosed(exchange);
    if (exchange.sentAt)
      throw new ConflictError('The assignments were sent: they can be changed one by one, not generated again.');
    const seed = Math.floor(Math.random() * 2 ** 31);
    await this.store.giftExchanges.startMatching(collection.id, seed);
    return collection;
  }

  /** A maintainer sets who writes for a receiver in a draft (or adds a draft for a receiver left without). */
  async setGiver(viewer: Viewer, name: string, sent: { assignment?: string; receiver?: string; giver?: string }) {
    const { collection, exchange } = await this.loadForMaintainer(viewer, name);
    if (exchange.sentAt) throw new ConflictError('The assignments were sent: assign a pinch hitter instead.');
    this.requireClosed(exchange);
    const giver = await this.store.giftExchanges.signUpByLogin(collection.id, sent.giver ?? '');
    if (!giver) throw new ValidationError({ giver: `No one signed up for this exchange as “${sent.giver ?? ''}”.` });
    let receiverId: number;
    let assignmentId: number | undefined;
    if (sent.assignment) {
      const assignment = isRowId(Number(sent.assignment))
        ? await this.store.giftExchanges.assignment(Number(sent.assignment))
        : undefined;
      if (!assignment || assignment.collectionId !== collection.id)
        throw new NotFoundError('There is no such assignment.');
      receiverId = assignment.receiver.signupId;
      assignmentId = assignment.id;
    } else {
      const receiver = await this.signUpIn(collection.id, sent.receiver);
      if (!receiver || receiver.pinchHitter) throw new NotFoundError('There is no such participant.');
      receiverId = receiver.id;
    }
    if (giver.id === receiverId)
      throw new ValidationError({ giver: 'A participant cannot be assigned to write for themselves.' });
    const score = await this.score(collection.id, giver.id, receiverId, exchange);
    if (assignmentId === undefined)
      await this.store.giftExchanges.addDraft(collection.id, giver.id, receiverId, score ?? 0);
    else await this.store.giftExchanges.setGiver(assignmentId, giver.id, score ?? 0);
    return { collection, matches: score !== null };
  }

  /** Tags shared by the giver's best offer and the receiver's best request, or null when none match. */
  private async score(
    collectionId: number,
    giverId: number,
    receiverId: number,
    exchange: GiftExchange,
  ): Promise<number | null> {
    const signUps = await this.store.giftExchanges.signUps(collectionId, { ids: [giverId, receiverId] });
    const giver = signUps.find((s) => s.id === giverId);
    const receiver = signUps.find((s) => s.id === receiverId);
    if (!giver || !receiver) return null;
    const settings = compileSettings(exchange.match);
    let best = -1;
    for (const request of receiver.prompts.filter((p) => p.side === 'request'))
      for (const offer of giver.prompts.filter((p) => p.side === 'offer'))
        best = Math.max(
          best,
          compiledMatchScore(
            compilePrompt(promptForMatching(request)),
            compilePrompt(promptForMatching(offer)),
            settings,
          ),
        );
    return best < 0 ? null : best;
  }

  async deleteDraft(viewer: Viewer, name: string, assignmentParam: string): Promise<Collection> {
    const { collection } = await this.loadForMaintainer(viewer, name);
    const assignment = isRowId(Number(assignmentParam))
      ? await this.store.giftExchanges.assignment(Number(assignmentParam))
      : undefined;
    if (!assignment || assignment.collectionId !== collection.id)
      throw new NotFoundError('There is no such assignment.');
    if (assignment.sentAt) throw new ConflictError('This assignment was sent: it can be defaulted, not deleted.');
    await this.store.giftExchanges.deleteDraft(assignment.id);
    return collection;
  }

  private notice(collection: Collection, a: AssignmentRow, pinchHit = false): NewNotification {
    return {
      userId: a.giver.userId,
      kind: 'gift-exchange',
      message: pinchHit
        ? `You are pinch hitting in ${isolateBidi(collection.title)}: write a gift for ${isolateBidi(a.receiver.pseudName)}.`
        : `Your assignment in ${isolateBidi(collection.title)}: write a gift for ${isolateBidi(a.receiver.pseudName)}.`,
      link: collectionPath(collection.name, 'assignments/mine'),
    };
  }

  /** Sends every draft assignment: each giver hears of theirs in the inbox and by mail. */
  async send(viewer: Viewer, name: string): Promise<{ collection: Collection; sent: number }> {
    const { collection, exchange } = await this.loadForMaintainer(viewer, name);
    this.requireClosed(exchange);
    if (exchange.matchingStatus === 'queued' || exchange.matchingStatus === 'running')
      throw new ConflictError('The matching is still running: wait for it to finish before sending.');
    const sent = await this.store.giftExchanges.send(collection.id, (a) => this.notice(collection, a));
    if (sent === 0) throw new ConflictError('There are no assignments to send: generate them first.');
    return { collection, sent };
  }

  /** A maintainer gives a receiver's gift to a pinch hitter (anyone signed up who is not writing for them already). */
  async pinchHit(viewer: Viewer, name: string, sent: { receiver?: string; pinchHitter?: string }) {
    const { collection, exchange } = await this.loadForMaintainer(viewer, name);
    if (!exchange.sentAt) throw new ConflictError('Send the assignments first; until then, edit the drafts.');
    const receiver = await this.signUpIn(collection.id, sent.receiver);
    if (!receiver || receiver.pinchHitter) throw new NotFoundError('There is no such participant.');
    const hitter = await this.store.giftExchanges.signUpByLogin(collection.id, sent.pinchHitter ?? '');
    if (!hitter)
      throw new ValidationError({ pinchHitter: `No one signed up for this exchange as “${sent.pinchHitter ?? ''}”.` });
    if (hitter.id === receiver.id)
      throw new ValidationError({ pinchHitter: 'Nobody can pinch hit for their own gift.' });
    if (await this.store.giftExchanges.writesFor(hitter.id, receiver.id))
      throw new ValidationError({ pinchHitter: `${hitter.pseudName} is already writing for ${receiver.pseudName}.` });
    const row = {
      giver: { userId: hitter.userId, pseudName: hitter.pseudName },
      receiver: { pseudName: receiver.pseudName },
    } as AssignmentRow;
    const assigned = await this.store.giftExchanges.assignPinchHitter(
      collection.id,
      hitter.id,
      receiver.id,
      this.notice(collection, row, true),
    );
    if (!assigned)
      throw new ValidationError({ pinchHitter: `${hitter.pseudName} is already writing for ${receiver.pseudName}.` });
    return collection;
  }

  // ——— participants: their assignments ———

  async myAssignments(viewer: Viewer, name: string) {
    const member = requireMember(viewer);
    const { collection, exchange, powers } = await this.load(member, name);
    return { collection, exchange, powers, assignments: await this.assignmentsOf(collection.id, member.id) };
  }

  /** The giver steps back from their assignment; the maintainers then find a pinch hitter. */
  async default(viewer: Viewer, name: string, assignmentParam: string): Promise<Collection> {
    const member = requireMember(viewer);
    const { collection } = await this.load(member, name);
    const assignment = isRowId(Number(assignmentParam))
      ? await this.store.giftExchanges.assignment(Number(assignmentParam))
      : undefined;
    if (
      !assignment ||
      assignment.collectionId !== collection.id ||
      assignment.giver.userId !== member.id ||
      !assignment.sentAt
    )
      throw new NotFoundError('You have no such assignment.');
    if (assignment.workId !== null) throw new ConflictError('You already posted your gift for this assignment.');
    await this.store.giftExchanges.markDefaulted(assignment.id);
    return collection;
  }

  /** The posting form filled in for an assignment: the exchange's collection, the recipient, the assignment. */
  async prefill(viewer: Viewer, assignmentParam: string, values: WorkFormValues): Promise<WorkFormValues> {
    const member = requireMember(viewer);
    const errors: Record<string, string> = {};
    const found = await this.forPosting(member, assignmentParam, errors);
    if (!found) throw new NotFoundError(errors.assignment ?? 'You have no such assignment.');
    return {
      ...values,
      assignmentId: String(found.assignmentId),
      collections: withCollectionName(values.collections, found.collection.name),
      gifts: withPersonLabel(values.gifts, found.recipient),
    };
  }

  /**
   * The assignment a member posts a work for (the posting form's `assignment`): theirs, sent,
   * neither defaulted nor fulfilled. Problems go into `errors`.
   */
  async forPosting(
    member: Member,
    assignmentParam: string | undefined,
    errors: Record<string, string> = {},
  ): Promise<AssignmentForPosting | undefined> {
    if (!assignmentParam) return undefined;
    const assignment = isRowId(Number(assignmentParam))
      ? await this.store.giftExchanges.assignment(Number(assignmentParam))
      : undefined;
    const collection = assignment && (await this.store.collections.find(assignment.collectionId));
    if (!assignment || !collection || assignment.giver.userId !== member.id || !assignment.sentAt) {
      errors.assignment = 'You have no such assignment.';
      return undefined;
    }
    if (assignment.defaultedAt) errors.assignment = 'You defaulted on this assignment.';
    else if (assignment.workId !== null) errors.assignment = 'You already posted a work for this assignment.';
    if (errors.assignment) return undefined;
    return {
      assignmentId: assignment.id,
      collection,
      recipient: personLabel(assignment.receiver.pseudName, assignment.receiver.login),
    };
  }
}
