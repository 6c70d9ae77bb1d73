/**
 * Posting and changing works: the one way a work is posted or edited from a form (the HTML form,
 * the JSON API) and filed into the series the form chose, all in one transaction; what a work
 * page shows around the text; downloads; deleting.
 */
import { NotFoundError, ForbiddenError, ValidationError } from '../domain/errors.ts';
import { canRead, LIMITS, validateWork, type ChapterInput, type WorkFields } from '../domain/works.ts';
import { overLimit } from '../domain/limits.ts';
import {
  parsePeopleList,
  PEOPLE_LIMITS,
  validateRelated,
  type PersonRef,
  type Relation,
} from '../domain/work-links.ts';
import { formatChapter, formatWorkFields, type ChapterContent } from '../text/work-text.ts';
import { htmlToPlainText as plainTextOf } from '../text/plain-text.ts';
import { DownloadService, type PreparedDownload } from '../formats/service.ts';
import type { BookmarkThing } from '../formats/api/resources.ts';
import type {
  Bookmark,
  Chapter,
  ChapterSummary,
  Pseud,
  ReadingPosition,
  Series,
  SeriesChoice,
  SeriesPlace,
  Store,
  Work,
  WorkBlurb,
  WorkLinks,
} from '../store/index.ts';
import type { CreditInput, InboundLink } from '../store/work-links.ts';
import type { WorkPageRows } from '../store/work-surroundings.ts';
import type { CollectionFiling } from '../store/collections.ts';
import type { Tx } from '../store/database.ts';
import { withCollectionName, type WorkPromptLink } from './prompt-memes.ts';
import { fulfilAssignment } from '../store/gift-exchanges.ts';
import { filingForAssignment, withoutCollectionName } from './gift-exchanges.ts';
import { withPersonLabel } from '../domain/work-links.ts';
import { accessOf, creatorUserIds, readableChapters, type WorkAccess } from './access.ts';
import type { ModuleDeps } from './deps.ts';
import { emptyWorkForm, isScheduled, workFormValues, type PostingOutcome, type WorkFormValues } from './work-form.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

/** A checked posting form (`checkWorkForm`) with its resolved links. */
export interface Posting {
  fields: WorkFields;
  chapter: ChapterContent;
  creatorPseudIds: number[];
  links?: WorkLinks;
  /** One of the member's series, or a new one of theirs to start. */
  series?: SeriesChoice;
  /** Collections to file the work in, in the same transaction. */
  collections?: CollectionFiling;
  /** Held by the spam check (src/app/work-spam.ts): posted hidden, with this reason. */
  held?: { reason: string };
  /** Runs in the posting transaction once the work is written (a prompt's fill is linked). */
  alsoInTransaction?: (tx: Tx, workId: number) => Promise<void>;
}

/** A checked edit form; what is left out stays as it is. */
export interface Edit {
  fields: WorkFields;
  links?: WorkLinks;
  /** The member's own pen names on the work. */
  creatorPseudIds?: number[];
  series?: SeriesChoice;
  /** Collections to file the work in or take it out of, in the same transaction. */
  collections?: CollectionFiling;
  /** Held by the spam check as a draft is posted: hidden in the same step. */
  held?: { reason: string };
}

/** What the posting and edit forms offer a member: their pen names and their series. */
export interface FormChoices {
  member: Member;
  pseuds: Pseud[];
  series: Series[];
}

/** The edit form of a work, as one of its creators opens it. */
export interface EditForm extends FormChoices {
  work: Work;
  values: WorkFormValues;
  /** Accepted co-creators from other accounts, named on the form. */
  coCreators: { name: string; login: string }[];
}

/** Which parts of the form an edit changes (the API's PATCH leaves out what the body leaves out). */
export interface EditParts {
  links?: boolean;
  creators?: boolean;
  series?: boolean;
}

/** A checked posting or edit form as readers would see it (sanitized), for its Preview; nothing is saved. */
export interface WorkPreview {
  fields: WorkFields;
  /** The first chapter, on the posting form of a new work. */
  chapter?: ChapterContent;
  creators: string[];
  gifts: string[];
  betas: string[];
}

/** The works this one names and the works that name it, as far as the viewer may see them. */
export interface WorkRelations {
  outbound: ({ relation: Relation; work: WorkBlurb } | { relation: Relation; url: string; title: string })[];
  inbound: { relation: Relation; work: WorkBlurb }[];
}

/** What a work page shows around the text for one viewer. */
export interface WorkSurroundings {
  /** For each series the work is in: its place, and the nearest works before and after it this viewer may read. */
  series: { place: SeriesPlace; previous?: number; next?: number }[];
  relations: WorkRelations;
  /** Whether a reader (not a creator, not a guest) follows the work; undefined when no button is shown. */
  subscribed: boolean | undefined;
  /** The viewer's bookmark of the work (null: none yet); undefined for guests. */
  bookmarkId: number | null | undefined;
  /** Whether the work is marked for later; undefined for guests and members who keep no history. */
  markedForLater: boolean | undefined;
  /** Other works the page names or leaves out (a kept guest page changes with them). */
  shownWorkIds: number[];
  /** Where the member stopped last time, when it is somewhere else than this page opens at. */
  resume?: ReadingPosition;
  /** The collections the work is in (approved on both sides). */
  collections: { name: string; title: string }[];
  /** The prompts the work fills, prompters named as this viewer may see them. */
  prompts: WorkPromptLink[];
}

/**
 * The place to offer "Continue where you left off" at: on the work page, unless it opens right
 * there; on the chapter they stopped in, when the paragraph is known; on the whole work, always.
 */
function resumeOffer(
  position: ReadingPosition | undefined,
  shownChapterId: number | null,
  opened: 'chapter' | 'work' | 'full',
): ReadingPosition | undefined {
  if (!position) return undefined;
  const here = position.chapterId === shownChapterId;
  if (opened === 'full') return position;
  if (opened === 'work') return here && !position.paragraph ? undefined : position;
  return here && position.paragraph ? position : undefined;
}

/** The site a download is made for. */
export interface DownloadSite {
  name: string;
  origin: string;
}

/** Accepted co-creators from other accounts, named on the edit form. */
export function otherCreators(work: Work, memberId: number): { name: string; login: string }[] {
  return work.creators
    .filter((c) => c.accepted && c.userId !== memberId)
    .map((c) => ({ name: c.name, login: c.login }));
}

/** Checks the whole posting form at once, so the writer sees every problem in one round. */
export function checkWorkForm(
  values: WorkFormValues,
  ownPseuds: Pseud[],
  withChapter: boolean,
  ownSeries: Series[] = [],
  knownErrors: Record<string, string> = {},
) {
  const errors: Record<string, string> = { ...knownErrors };
  const newSeriesTitle = values.newSeriesTitle.replace(/\s+/g, ' ').trim();
  const seriesId = values.seriesId === '' ? undefined : ownSeries.find((s) => String(s.id) === values.seriesId)?.id;
  if (values.seriesId !== '' && seriesId === undefined) errors.seriesId = 'Choose one of your own series.';
  if (newSeriesTitle && seriesId !== undefined)
    errors.newSeriesTitle = 'Choose an existing series or start a new one, not both.';
  const seriesTitleError = overLimit('The new series title', newSeriesTitle, LIMITS.title);
  if (seriesTitleError) errors.newSeriesTitle = seriesTitleError;
  let fields: WorkFields | undefined;
  let chapter: ChapterContent | undefined;
  try {
    fields = formatWorkFields(validateWork(values));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fieldErrors);
  }
  const ownIds = new Set(ownPseuds.map((p) => String(p.id)));
  const creatorPseudIds = [...new Set(values.creatorPseudIds)].filter((id) => ownIds.has(id)).map(Number);
  if (creatorPseudIds.length === 0) errors.creators = 'Choose at least one of your pen names as creator.';
  if (withChapter) {
    try {
      chapter = formatChapter({ title: values.chapterTitle, summary: '', notes: '', endNotes: '', body: values.body });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const series: SeriesChoice | undefined =
    seriesId !== undefined ? { id: seriesId } : newSeriesTitle ? { title: newSeriesTitle } : undefined;
  return { fields: fields!, chapter, creatorPseudIds, series };
}

function describe(ref: PersonRef): string {
  return ref.login ? `${ref.name} (${ref.login})` : ref.name;
}

export class Works {
  private downloadService: DownloadService | undefined;

  constructor(private readonly deps: ModuleDeps) {}

  private get store(): Store {
    return this.deps.store;
  }

  private get access(): WorkAccess {
    return this.deps.archive.access;
  }

  /** Posts a work by the member, filed into the chosen series: a failed series step posts nothing. Returns its id. */
  async post(member: Member, posting: Posting): Promise<number> {
    const { series, ...work } = posting;
    const id = await this.store.works.create({ ...work, series: series && { userId: member.id, choice: series } });
    await this.deps.archive.workPeople.announce(member, id);
    return id;
  }

  /** Changes a work of the member's (loaded with `access.owned`), filing it into the chosen series in the same transaction. */
  async edit(member: Member, work: WorkBlurb, edit: Edit): Promise<void> {
    if (!creatorUserIds(work).includes(member.id)) throw new ForbiddenError("Only the work's creators can change it.");
    const series = edit.series && { userId: member.id, choice: edit.series };
    await this.store.works.update(work.id, edit.fields, edit.links, series, edit.held, edit.collections);
    if (edit.creatorPseudIds) await this.store.works.setCreatorPseuds(work.id, member.id, edit.creatorPseudIds);
    await this.deps.archive.workPeople.announce(member, work.id, work);
  }

  /** The member's pen names and series, which the posting and edit forms offer; guests are asked to log in. */
  async formChoices(viewer: Viewer): Promise<FormChoices> {
    const member = requireMember(viewer);
    const [pseuds, series] = await Promise.all([
      this.store.pseuds.listForUser(member.id),
      this.store.series.listForUser(member.id),
    ]);
    return { member, pseuds, series };
  }

  /** The empty posting form for a member: their preferred pen name and its disclaimer. */
  async newForm(viewer: Viewer): Promise<FormChoices & { values: WorkFormValues }> {
    await this.deps.archive.recovery.requireMayWrite(viewer, 'post');
    const choices = await this.formChoices(viewer);
    const spamCheck = { website: '', shownAt: await this.deps.archive.workSpam.formShownNow() };
    return { ...choices, values: { ...emptyWorkForm(choices.pseuds), spamCheck } };
  }

  /** The edit form of a work for one of its creators, filled in from the work. */
  async editForm(viewer: Viewer, id: string | number): Promise<EditForm> {
    const { work } = await this.access.owned(viewer, id);
    const choices = await this.formChoices(viewer);
    return {
      ...choices,
      work,
      values: {
        ...workFormValues(work, choices.member.id),
        collections: await this.deps.archive.collections.namesForForm(work.id),
        spamCheck: { website: '', shownAt: await this.deps.archive.workSpam.formShownNow() },
      },
      coCreators: otherCreators(work, choices.member.id),
    };
  }

  /**
   * Posts a work from a filled-in posting form (the HTML form or an API body over `emptyWorkForm`),
   * or saves it as a draft (`action`). Every problem is thrown at once as a ValidationError keyed
   * by form field. `host` is the archive's own host, so addresses of its works name works.
   */
  async postForm(
    viewer: Viewer,
    values: WorkFormValues,
    host: string | undefined,
    action: 'draft' | 'post' = 'post',
  ): Promise<{ id: number; draft: boolean; outcome: PostingOutcome }> {
    const { member, pseuds, series } = await this.formChoices(viewer);
    await this.deps.archive.recovery.requireMayWrite(member, 'post');
    // A gift for an exchange assignment names its recipient and is filed in the exchange's collection.
    const assignmentErrors: Record<string, string> = {};
    const gift = await this.deps.archive.giftExchanges.forPosting(member, values.assignmentId, assignmentErrors);
    const asked = action === 'draft' ? { ...values, visibility: 'draft' } : values;
    const sent = gift ? { ...asked, gifts: withPersonLabel(asked.gifts, gift.recipient) } : asked;
    const { links, errors } = await this.resolveLinks(member, sent, host);
    Object.assign(errors, assignmentErrors);
    // A fill of a prompt is filed in the prompt's collection too (src/app/prompt-memes.ts).
    const fill = await this.deps.archive.promptMemes.fillingFor(member, values.promptId, errors);
    let collectionsTyped = fill ? withCollectionName(values.collections, fill.collectionName) : values.collections;
    // The exchange files its own gifts, even once its collection is closed to other new works.
    if (gift) collectionsTyped = withoutCollectionName(collectionsTyped, gift.collection.name);
    const filing = await this.deps.archive.collections.filingFor(member, collectionsTyped, errors);
    const collections = gift ? filingForAssignment(filing, gift.collection.id, member.id) : filing;
    const valid = checkWorkForm(sent, pseuds, true, series, errors);
    const draft = valid.fields.visibility === 'draft';
    const hold = draft
      ? undefined
      : await this.deps.archive.workSpam.hold(member, {
          typed: values,
          stored: { summary: valid.fields.summary, body: valid.chapter!.body },
          spamFields: values.spamCheck,
        });
    const id = await this.post(member, {
      fields: valid.fields,
      chapter: valid.chapter!,
      creatorPseudIds: valid.creatorPseudIds,
      links,
      series: valid.series,
      collections,
      ...(hold ? { held: { reason: hold.reason } } : {}),
      alsoInTransaction: async (tx, workId) => {
        if (fill) await fill.link(tx, workId);
        if (gift) await fulfilAssignment(tx, gift.assignmentId, workId);
      },
    });
    if (hold) await this.deps.archive.workSpam.report(member, id, hold);
    if (fill && !draft && !hold) await this.deps.archive.promptMemes.announceFill(member, fill.promptId, id);
    const outcome: PostingOutcome = draft
      ? { kind: 'draft' }
      : hold
        ? { kind: 'held' }
        : isScheduled(valid.fields.publishAt)
          ? { kind: 'scheduled', at: valid.fields.publishAt }
          : { kind: 'posted' };
    return { id, draft, outcome };
  }

  /**
   * The posting form (or, with `work`, the edit form of a work of the member's from `access.owned`)
   * checked as Post would check it and rendered as readers will see it; nothing is saved.
   */
  async preview(viewer: Viewer, values: WorkFormValues, host: string | undefined, work?: Work): Promise<WorkPreview> {
    const { member, pseuds, series } = await this.formChoices(viewer);
    const { links, errors } = await this.resolveLinks(member, values, host, work?.id);
    const valid = checkWorkForm(values, pseuds, work === undefined, series, errors);
    const names = (credits: CreditInput[]) => credits.map((c) => c.name);
    return {
      fields: valid.fields,
      chapter: valid.chapter,
      creators: [
        ...pseuds.filter((p) => valid.creatorPseudIds.includes(p.id)).map((p) => p.name),
        ...(work ? otherCreators(work, member.id).map((c) => c.name) : []),
      ],
      gifts: names(links.gifts),
      betas: names(links.betas),
    };
  }

  /**
   * Changes a work of the member's (from `access.owned`) from a filled-in edit form; `parts` left
   * false stay as they are. With `action` 'draft' a draft stays a draft and a posted work goes back
   * to being one (readers stop seeing it until it is posted again).
   */
  async editFromForm(
    member: Member,
    work: Work,
    sent: WorkFormValues,
    host: string | undefined,
    parts: EditParts = {},
    action?: 'draft' | 'post',
  ): Promise<PostingOutcome> {
    const wasDraft = work.visibility === 'draft';
    const values = action === 'draft' ? { ...sent, visibility: 'draft' } : sent;
    // Posting a draft is posting: an account that may not post yet keeps its draft as it was.
    if (wasDraft && values.visibility !== 'draft') await this.deps.archive.recovery.requireMayWrite(member, 'post');
    const { links: withLinks = true, creators = true, series: withSeries = true } = parts;
    const [pseuds, series] = await Promise.all([
      this.store.pseuds.listForUser(member.id),
      withSeries ? this.store.series.listForUser(member.id) : Promise.resolve([]),
    ]);
    const { links, errors } = withLinks
      ? await this.resolveLinks(member, values, host, work.id)
      : { links: undefined, errors: {} };
    const collections = await this.deps.archive.collections.filingFor(member, values.collections, errors, work.id);
    const valid = checkWorkForm(values, pseuds, false, series, errors);
    const hold =
      wasDraft && valid.fields.visibility !== 'draft'
        ? await this.holdDraft(member, work, sent, valid.fields)
        : undefined;
    await this.edit(member, work, {
      fields: valid.fields,
      links,
      creatorPseudIds: creators ? valid.creatorPseudIds : undefined,
      series: withSeries ? valid.series : undefined,
      collections,
      ...(hold ? { held: { reason: hold.reason } } : {}),
    });
    if (hold) await this.deps.archive.workSpam.report(member, work.id, hold);
    const saved = await this.store.works.find(work.id);
    if (!saved || saved.visibility === 'draft') return { kind: 'draft' };
    if (hold) return { kind: 'held' };
    if (isScheduled(saved.publishedAt)) return { kind: 'scheduled', at: saved.publishedAt };
    return wasDraft ? { kind: 'posted' } : { kind: 'saved' };
  }

  /** The spam check on a draft about to be posted: its form, and its first chapter as stored. */
  private async holdDraft(member: Member, work: Work, sent: WorkFormValues, fields: WorkFields) {
    const first = work.chapters[0];
    const chapter = first ? await this.store.works.chapter(work.id, first.id) : undefined;
    const body = chapter?.body ?? '';
    return this.deps.archive.workSpam.hold(member, {
      typed: { ...sent, body: plainTextOf(body) },
      stored: { summary: fields.summary, body },
      spamFields: sent.spamCheck,
    });
  }

  /** Deletes a work of the member's; returns it (for its title) and the member. */
  async delete(viewer: Viewer, id: string | number): Promise<{ work: Work; member: Member }> {
    const owned = await this.access.owned(viewer, id);
    await this.store.works.delete(owned.work.id);
    return owned;
  }

  /** A work this viewer may read, with the chapters they may open and the places it has in series. */
  async detail(
    viewer: Viewer,
    id: string | number,
  ): Promise<{ work: Work; creator: boolean; chapters: ChapterSummary[]; places: SeriesPlace[] }> {
    const { work, creator } = await this.access.readable(viewer, id);
    return {
      work,
      creator,
      chapters: readableChapters(work, creator),
      places: await this.store.series.placesOf(work.id),
    };
  }

  /** The chapter index of a work this viewer may read: the chapters they may open. */
  async chapterIndex(viewer: Viewer, id: string | number): Promise<{ work: Work; readable: ChapterSummary[] }> {
    const { work, creator } = await this.access.readable(viewer, id);
    return { work, readable: readableChapters(work, creator) };
  }

  /** One chapter of a work this viewer may read, with its text; undefined for a chapter they may not open. */
  async chapter(viewer: Viewer, id: string | number, chapterId: string): Promise<Chapter | undefined> {
    const { work, creator } = await this.access.readable(viewer, id);
    const target = readableChapters(work, creator).find((c) => String(c.id) === chapterId);
    return target ? this.store.works.chapter(work.id, target.id) : undefined;
  }

  /**
   * What a work page (one chapter, or the whole work) of a work this viewer may read shows: the
   * chapters they may open, the chapters shown, and everything the page reads with them in one
   * go (on PostgreSQL one statement; see WorkSurroundingsStore.page), for `surroundings`,
   * `Kudos.view` and `Comments.section` to build on.
   */
  async readPage(
    viewer: Viewer,
    address: string,
    work: Work,
    creator: boolean,
    shown: { chapterId?: string; fullWork?: boolean },
  ): Promise<{ readable: ChapterSummary[]; chapters: Chapter[]; rows: WorkPageRows }> {
    const readable = readableChapters(work, creator);
    let chapterId: number | 'all';
    if (shown.chapterId !== undefined) {
      const target = readable.find((c) => String(c.id) === shown.chapterId);
      if (!target) throw new NotFoundError('This work has no such chapter.');
      chapterId = target.id;
    } else chapterId = shown.fullWork || readable.length === 1 ? 'all' : readable[0].id;
    const shownIds = chapterId === 'all' ? readable.map((c) => c.id) : [chapterId];
    const single = shown.fullWork ? null : readable.find((c) => c.id === shownIds[0])!;
    const { archive } = this.deps;
    const { blockersAmong, ...comments } = archive.comments.sectionAsk(work, single, readable.length > 1, shownIds);
    const rows = await this.store.workSurroundings.page({
      workId: work.id,
      chapters: chapterId,
      ...comments,
      ...(await archive.kudos.viewAsk(viewer, address, work)),
      member: viewer ? { userId: viewer.id, subscription: !creator, position: !creator, blockersAmong } : undefined,
    });
    const chapters = rows.chapters.filter((c) => shownIds.includes(c.id));
    // Deleted since the work was read.
    if (chapterId !== 'all' && chapters.length === 0) throw new NotFoundError('This work has no such chapter.');
    return { readable, chapters, rows };
  }

  /**
   * Everything a work page shows around the text of a work this viewer may read: its series, related
   * works, and the reader's own follow, bookmark and for-later state (read with the page, see
   * readPage). Records a member's visit in their history (not for the work's own creators).
   */
  async surroundings(
    viewer: Viewer,
    work: Work,
    creator: boolean,
    shownChapterId: number | null,
    /** chapter: the reader asked for this chapter; work: the work page (its first chapter); full: the whole work. */
    opened: 'chapter' | 'work' | 'full',
    rows: WorkPageRows,
  ): Promise<WorkSurroundings> {
    const shownWorkIds: number[] = [];
    const around = rows.surroundings;
    const [series, relations, collections, prompts] = await Promise.all([
      // A series names its creator: an anonymous work shows none to anyone else.
      work.anonymous && !creator ? [] : this.seriesNeighbours(viewer, work.id, shownWorkIds, around.series),
      this.relations(viewer, work, shownWorkIds, around.inbound),
      this.deps.archive.collections.shownOf(around.collectionItems),
      this.deps.archive.promptMemes.promptsOfWork(viewer, work, around.prompts),
    ]);
    const own = viewer ? rows.member : undefined;
    const subscribed = own && !creator ? own.subscribed : undefined;
    const bookmarkId = own ? own.bookmarkId : undefined;
    let markedForLater: boolean | undefined;
    let resume: ReadingPosition | undefined;
    if (viewer && own) {
      if (!creator) {
        // Where they stopped, read before this visit moves it.
        resume = resumeOffer(own.position, shownChapterId, opened);
        await this.store.readings.record(viewer.id, work.id, shownChapterId, { keepChapter: opened !== 'chapter' });
      }
      markedForLater = own.keepsHistory ? own.markedForLater : undefined;
    }
    return { series, relations, subscribed, bookmarkId, markedForLater, shownWorkIds, resume, collections, prompts };
  }

  private async seriesNeighbours(
    viewer: Viewer,
    workId: number,
    shownWorkIds: number[],
    memberships: { id: number; title: string }[],
  ) {
    const places = await this.store.series.placesFrom(workId, memberships);
    shownWorkIds.push(...places.flatMap((place) => place.workIds));
    return Promise.all(
      places.map(async (place) => {
        const listed = await this.access.inSeries(viewer, place.workIds);
        const readable = place.workIds.filter((id) => id === workId || listed.some((w) => w.id === id));
        const at = readable.indexOf(workId);
        return { place, previous: readable[at - 1], next: readable[at + 1] };
      }),
    );
  }

  private async relations(
    viewer: Viewer,
    work: Work,
    shownWorkIds: number[],
    inbound: InboundLink[],
  ): Promise<WorkRelations> {
    const ids = [
      ...new Set([
        ...work.related.flatMap((r) => (r.targetWorkId === null ? [] : [r.targetWorkId])),
        ...inbound.map((i) => i.workId),
      ]),
    ];
    shownWorkIds.push(...ids);
    const byId = new Map((await this.access.listable(viewer, ids)).map((w) => [w.id, w]));
    return {
      outbound: work.related.flatMap((r): WorkRelations['outbound'] => {
        if (r.targetWorkId === null) return [{ relation: r.relation, url: r.url, title: r.title }];
        const target = byId.get(r.targetWorkId);
        return target ? [{ relation: r.relation, work: target }] : [];
      }),
      inbound: inbound.flatMap((i) => {
        const source = byId.get(i.workId);
        return source ? [{ relation: i.relation, work: source }] : [];
      }),
    };
  }

  /** Adds a chapter to a work of the member's (from `access.owned`); returns it. */
  async addChapter(member: Member, work: WorkBlurb, values: ChapterInput & { draft: boolean }): Promise<Chapter> {
    const chapterId = await this.deps.archive.chapters.add(member, work, values);
    return (await this.store.works.chapter(work.id, chapterId))!;
  }

  /** The bookmarks of a work this viewer may read, as far as they may see them (newest first). */
  async bookmarksOf(viewer: Viewer, id: string | number): Promise<{ bookmark: Bookmark; thing: BookmarkThing }[]> {
    const { work } = await this.access.readable(viewer, id);
    return this.readableBookmarks(viewer, await this.store.bookmarks.listForWork(work.id));
  }

  /** The bookmarks whose work or series this viewer may read, with what they point at (as the bookmark pages show them). */
  async readableBookmarks(
    viewer: Viewer,
    bookmarks: Bookmark[],
  ): Promise<{ bookmark: Bookmark; thing: BookmarkThing }[]> {
    const workIds = [...new Set(bookmarks.flatMap((b) => (b.target.kind === 'work' ? [b.target.id] : [])))];
    const works = await this.access.listable(viewer, workIds);
    const shown: { bookmark: Bookmark; thing: BookmarkThing }[] = [];
    const seriesSeen = new Map<number, string | undefined>();
    for (const bookmark of bookmarks) {
      const target = bookmark.target;
      if (target.kind === 'work') {
        const work = works.find((w) => w.id === target.id);
        if (work) shown.push({ bookmark, thing: { kind: 'work', work } });
        continue;
      }
      if (!seriesSeen.has(target.id)) {
        const series = await this.deps.archive.series.visible(viewer, target.id);
        seriesSeen.set(target.id, series?.title);
      }
      const title = seriesSeen.get(target.id);
      if (title !== undefined) shown.push({ bookmark, thing: { kind: 'series', id: target.id, title } });
    }
    return shown;
  }

  /**
   * A download of a work this viewer may read (guests are asked to log in for registered-only
   * works); the file is prepared only when asked for.
   */
  async download(
    viewer: Viewer,
    id: number,
    site: DownloadSite,
  ): Promise<{ work: Work; prepare: () => Promise<PreparedDownload> }> {
    const { work } = await this.access.readable(viewer, id, 'download it');
    return { work, prepare: () => this.downloads(site).work(work, site.origin) };
  }

  /** A download of the works of a series this viewer may read; a series with none is not there. */
  async seriesDownload(
    viewer: Viewer,
    id: number,
    site: DownloadSite,
  ): Promise<{ series: Series; prepare: () => Promise<PreparedDownload> }> {
    const series = await this.deps.archive.series.visible(viewer, id);
    if (!series) throw new NotFoundError('There is no series at this address.');
    const listed = await this.access.inSeries(viewer, series.workIds);
    const found = await Promise.all(listed.map((w) => this.store.works.find(w.id)));
    const works = found.filter((w): w is Work => w !== undefined);
    if (works.length === 0) throw new NotFoundError('There is no series at this address.');
    return { series, prepare: () => this.downloads(site).series(series, works, site.origin) };
  }

  /** Where an old address of a merged-away work now leads: the work it was merged into, and the chapter its text begins at. */
  async mergedInto(oldWorkId: number): Promise<{ workId: number; chapterId?: number } | undefined> {
    return this.store.merges.redirectFor(oldWorkId);
  }

  /** One download maker (with its cache) for the archive. */
  private downloads(site: DownloadSite): DownloadService {
    this.downloadService ??= new DownloadService(this.store, site.name);
    return this.downloadService;
  }

  /**
   * Turns what the form says about co-creators, gift recipients, beta readers and related works
   * into records: names become pen names where they name one, work addresses become works the
   * writer can see. Every problem is reported at once, keyed by form field.
   */
  private async resolveLinks(
    member: Member,
    values: WorkFormValues,
    archiveHost: string | undefined,
    workId?: number,
  ): Promise<{ links: WorkLinks; errors: Record<string, string> }> {
    const errors: Record<string, string> = {};

    const invitedPseudIds: number[] = [];
    for (const ref of parsePeopleList(values.coCreators)) {
      const pseud = await this.store.pseuds.findByRef(ref);
      if (!pseud)
        errors.coCreators = `No member here goes by “${describe(ref)}”. Write a pen name as “Pen name (username)”.`;
      else if (pseud.userId === member.id)
        errors.coCreators = `“${pseud.name}” is your own pen name: tick it under Creators instead.`;
      else invitedPseudIds.push(pseud.id);
    }
    if (invitedPseudIds.length > PEOPLE_LIMITS.perList)
      errors.coCreators = `Invite at most ${PEOPLE_LIMITS.perList} co-creators.`;

    const credits = async (field: 'gifts' | 'betas'): Promise<CreditInput[]> => {
      const found: CreditInput[] = [];
      const refs = parsePeopleList(values[field]);
      if (refs.length > PEOPLE_LIMITS.perList) errors[field] = `Name at most ${PEOPLE_LIMITS.perList} people.`;
      for (const ref of refs) {
        const tooLong = overLimit(`The name “${[...ref.name].slice(0, 30).join('')}…”`, ref.name, PEOPLE_LIMITS.name);
        if (tooLong) {
          errors[field] = tooLong;
          continue;
        }
        const pseud = await this.store.pseuds.findByRef(ref);
        // "Name (username)" promises a member; a bare name that is no member is credited as typed.
        if (!pseud && ref.login)
          errors[field] =
            `No member here goes by “${describe(ref)}”. Leave out the brackets to credit someone by name.`;
        else if (
          pseud &&
          field === 'gifts' &&
          (await this.store.blocks.blockedBy(member.id, [pseud.userId])).length > 0
        )
          errors[field] = `${pseud.name} does not accept gifts from you.`;
        else if (!found.some((c) => (pseud ? c.pseudId === pseud.id : c.pseudId === null && c.name === ref.name)))
          found.push({ pseudId: pseud?.id ?? null, name: pseud?.name ?? ref.name });
      }
      return found;
    };
    const gifts = await credits('gifts');
    const betas = await credits('betas');

    const checked = validateRelated(values.related, archiveHost);
    Object.assign(errors, checked.errors);
    const related: WorkLinks['related'] = [];
    for (const item of checked.related) {
      const i = item.row;
      if ('url' in item.target) {
        related.push({ relation: item.relation, targetWorkId: null, url: item.target.url, title: item.title });
        continue;
      }
      const targetId = item.target.workId;
      const target = targetId === workId ? undefined : await this.store.works.find(targetId);
      const visible = target && canRead(accessOf(target), member);
      if (targetId === workId) errors[`related-${i}`] = 'A work cannot be related to itself.';
      else if (!visible) errors[`related-${i}`] = `There is no work at /works/${targetId} that you can see.`;
      else related.push({ relation: item.relation, targetWorkId: targetId, url: '', title: '' });
    }
    return { links: { invitedPseudIds, gifts, betas, related }, errors };
  }
}
