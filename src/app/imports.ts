/** Importing a work from files or pasted text: the import in progress, its corrections and posting it. */
import { isRowId } from '../domain/ids.ts';
import { BusyError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { PendingImport, PendingImportListing, Pseud } from '../store/index.ts';
import type { RelatedLink } from '../store/work-links.ts';
import {
  buildWork,
  IMPORT_LIMITS,
  ImportWorkers,
  medianParagraphWords,
  type ImportedWork,
  type ImportFile,
  type KnownTags,
} from '../text/import/index.ts';
import {
  correctPreview,
  CorrectionError,
  groupPreview,
  workTitle,
  type Corrections,
  type PreviewGroups,
} from '../text/import/corrections.ts';
import { applyPreviewEdit, parsePreviewEdit, PreviewEditError, type EditResult } from '../text/import/preview-edits.ts';
import type { ModuleDeps } from './deps.ts';
import {
  importPosting,
  initialChoices,
  listingTitle,
  ownPseudId,
  parseRevision,
  type ImportChoices,
  type ImportState,
} from './import-state.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';
import { htmlToPlainText as plainTextOf } from '../text/plain-text.ts';

export const NO_IMPORT = 'There is no import at this address: it was posted or discarded, or it expired.';
export const IMPORT_CHANGED =
  'This import was changed in another window or tab after this page was opened. Here it is as it is now: make your changes again.';

export const READING_YOUR_OTHER_UPLOAD =
  'The archive is still reading your other upload; when it is done (within a minute or two) it will be under “Your imports in progress” on this page. Nothing of this one was saved: if it is another story, send it again then.';

/** The longest one upload can be read for, waiting included: a member's turn never outlives it. */
const LONGEST_READ_MS = IMPORT_LIMITS.waitMs + IMPORT_LIMITS.timeoutMs + 30_000;

export type Import = PendingImport<ImportState>;

/** What the upload page lists for a member. */
export interface UploadPage {
  pseuds: Pseud[];
  /** The pen name the form starts on: the default one. */
  preferredPseud: Pseud | undefined;
  inProgress: PendingImportListing[];
}

/** What the preview page of an import shows. */
export interface ImportPreview {
  work: ImportedWork;
  groups: PreviewGroups;
  title: string;
  pseuds: Pseud[];
  /** Earlier works the import names, and whether one of the writer's works has that title. */
  related: { title: string; linked: boolean }[];
}

/** The preview form as sent: its revision (as typed), corrections and posting choices. */
export interface ImportForm {
  revision: string;
  corrections: Corrections;
  choices: ImportChoices;
}

/**
 * A preview form that could not be taken: the import as it now is, and why. `changed`: another
 * tab saved it first; `uncorrectable`: the corrections do not fit the text; `invalid`: the work
 * cannot be posted as it stands.
 */
export interface ImportRefusal {
  refused: 'changed' | 'uncorrectable' | 'invalid';
  pending: Import;
  errors: Record<string, string>;
}

function importId(value: string): number {
  const id = Number(value);
  if (!isRowId(id)) throw new NotFoundError(NO_IMPORT);
  return id;
}

export class Imports {
  constructor(private readonly deps: ModuleDeps) {}

  /** The member's pen names and imports in progress, for the upload form. */
  async uploadPage(viewer: Viewer): Promise<UploadPage> {
    const member = requireMember(viewer);
    await this.deps.archive.recovery.requireMayWrite(member, 'post');
    const [pseuds, inProgress] = await Promise.all([
      this.deps.store.pseuds.listForUser(member.id),
      this.deps.store.imports.listForUser(member.id),
    ]);
    return { pseuds, preferredPseud: pseuds.find((p) => p.isDefault) ?? pseuds[0], inProgress };
  }

  /** Reads a member's upload into a new import under one of their pen names; returns its id. Throws ImportError for unreadable input. */
  async start(viewer: Viewer, files: ImportFile[], chosenPseudId: string): Promise<number> {
    const member = requireMember(viewer);
    await this.deps.archive.recovery.requireMayWrite(member, 'post');
    const { store } = this.deps;
    const pseudId = ownPseudId(await store.pseuds.listForUser(member.id), chosenPseudId);
    if (pseudId === undefined) throw new ValidationError({ pseudId: 'Choose one of your pen names.' });
    // In a worker thread, within a memory and time budget: a hostile file never holds up pages.
    // Paragraphs lost in the upload come back at the length of the writer's own posted works.
    const paragraphWords = medianParagraphWords(await store.imports.recentChapterBodies(member.id));
    const knownTags = await this.knownTags();
    const work = await this.oneAtATime(member, () =>
      ImportWorkers.shared().importWork(files, knownTags, paragraphWords),
    );
    const state: ImportState = {
      files: files.map((f) => f.name),
      preview: work.preview,
      choices: initialChoices(work, pseudId),
    };
    return store.imports.create(member.id, listingTitle(state), state);
  }

  /**
   * One upload read at a time per member, counted in the database so it holds across every
   * process and machine: a member cannot hold more than one of the archive's import threads.
   */
  private async oneAtATime<T>(member: Member, read: () => Promise<T>): Promise<T> {
    const { rateLimits } = this.deps.store;
    const key = `import-reading:${member.id}`;
    const { count, resetsAt } = await rateLimits.hit(key, LONGEST_READ_MS);
    // The other upload is read by then at the latest, or its turn (left by a process that stopped) ends.
    const secondsLeft = Math.max(1, Math.ceil((resetsAt - Date.now()) / 1000));
    if (count > 1) throw new BusyError(READING_YOUR_OTHER_UPLOAD, 'member', secondsLeft);
    try {
      return await read();
    } finally {
      // Not forgotten (the database did not answer), the turn ends by itself when its window does.
      await rateLimits.forget(key).catch(() => undefined);
    }
  }

  /** One of the member's imports in progress. */
  async find(viewer: Viewer, id: string): Promise<Import> {
    const member = requireMember(viewer);
    const pending = await this.deps.store.imports.find<ImportState>(member.id, importId(id));
    if (!pending) throw new NotFoundError(NO_IMPORT);
    return pending;
  }

  /** The preview page of a member's import: the work as it would be posted, and their pen names. */
  async preview(viewer: Viewer, pending: Import): Promise<ImportPreview> {
    const member = requireMember(viewer);
    const { state } = pending;
    const work = buildWork(state.preview);
    const [pseuds, related] = await Promise.all([
      this.deps.store.pseuds.listForUser(member.id),
      this.relatedOf(member, work),
    ]);
    return {
      work,
      groups: groupPreview(state.preview),
      title: workTitle(state.preview),
      pseuds,
      related: related.shown,
    };
  }

  /**
   * Saves the member's corrections and choices to their import, so nothing they did is lost
   * whatever happens next; a form made from an older revision is refused.
   */
  async save(viewer: Viewer, id: string, form: ImportForm): Promise<{ saved: Import } | ImportRefusal> {
    const member = requireMember(viewer);
    const { store } = this.deps;
    const pending = await this.find(member, id);
    const revision = parseRevision(form.revision);
    if (revision !== pending.revision) return { refused: 'changed', pending, errors: { revision: IMPORT_CHANGED } };
    let state: ImportState;
    try {
      state = {
        ...pending.state,
        preview: correctPreview(pending.state.preview, form.corrections),
        choices: form.choices,
      };
    } catch (error) {
      if (!(error instanceof CorrectionError)) throw error;
      return { refused: 'uncorrectable', pending, errors: { parts: error.message } };
    }
    const saved = await store.imports.update(member.id, pending.id, revision, listingTitle(state), state);
    if (saved === undefined) {
      const now = await store.imports.find<ImportState>(member.id, pending.id);
      if (!now) throw new NotFoundError(NO_IMPORT);
      return { refused: 'changed', pending: now, errors: { revision: IMPORT_CHANGED } };
    }
    return { saved: { ...pending, state, revision: saved } };
  }

  /**
   * Applies one edit of the preview (split a paragraph, join two, move a sentence between notes
   * and story) on top of the form as sent, so the moves and choices made on the page are kept too.
   * Returns the saved import, the piece to show and what was done, or why it could not be done.
   */
  async edit(
    viewer: Viewer,
    id: string,
    form: ImportForm,
    edit: string,
    sentenceField?: (piece: number) => string,
  ): Promise<{ saved: Import; focus: number; message: string } | ImportRefusal> {
    const member = requireMember(viewer);
    const { store } = this.deps;
    const pending = await this.find(member, id);
    const revision = parseRevision(form.revision);
    if (revision !== pending.revision) return { refused: 'changed', pending, errors: { revision: IMPORT_CHANGED } };
    let state: ImportState;
    let done: EditResult;
    try {
      const { corrections } = form;
      const shown = pending.state.preview;
      const moved = correctPreview(shown, { parts: corrections.parts, chapterTitles: new Map() });
      done = applyPreviewEdit(moved, parsePreviewEdit(edit, sentenceField));
      // Titles last, and only those typed differently from what the page showed: the edit's piece numbers stay as shown.
      const chapters = groupPreview(shown).chapters;
      const typed = (title: string, was: string | undefined) => title.replace(/\s+/g, ' ').trim() !== was;
      const titles: Corrections = {
        parts: new Map(),
        chapterTitles: new Map([...corrections.chapterTitles].filter(([c, t]) => typed(t, chapters[c]?.title))),
        ...(corrections.title !== undefined && typed(corrections.title, workTitle(shown))
          ? { title: corrections.title }
          : {}),
      };
      const preview = correctPreview(done.preview, titles);
      // A title given where there was none adds a piece, maybe before the edited one.
      const wanted = done.preview.pieces[done.focus];
      const shifted = done.focus + preview.pieces.length - done.preview.pieces.length;
      const focus = preview.pieces[shifted]?.text === wanted?.text ? shifted : done.focus;
      done = { ...done, preview, focus };
      state = { ...pending.state, preview, choices: form.choices };
    } catch (error) {
      if (!(error instanceof CorrectionError) && !(error instanceof PreviewEditError)) throw error;
      if (error instanceof CorrectionError)
        return { refused: 'uncorrectable', pending, errors: { parts: error.message } };
      // The edit does not fit, but the rest of the form does: it is kept, as "Update preview" keeps it.
      const kept = await this.save(member, id, form);
      if ('refused' in kept) return kept;
      return { refused: 'uncorrectable', pending: kept.saved, errors: { parts: error.message } };
    }
    const saved = await store.imports.update(member.id, pending.id, revision, listingTitle(state), state);
    if (saved === undefined) {
      const now = await store.imports.find<ImportState>(member.id, pending.id);
      if (!now) throw new NotFoundError(NO_IMPORT);
      return { refused: 'changed', pending: now, errors: { revision: IMPORT_CHANGED } };
    }
    return { saved: { ...pending, state, revision: saved }, focus: done.focus, message: done.message };
  }

  /**
   * Saves the form and posts the member's import as their work (or a draft), using the import up
   * in the same transaction. Returns the new work's id, or why it could not be posted.
   */
  async post(
    viewer: Viewer,
    id: string,
    form: ImportForm,
    draft: boolean,
  ): Promise<{ workId: number; held: boolean } | ImportRefusal> {
    const member = requireMember(viewer);
    await this.deps.archive.recovery.requireMayWrite(member, 'post');
    const { store } = this.deps;
    const result = await this.save(member, id, form);
    if ('refused' in result) return result;
    const { saved } = result;
    const work = buildWork(saved.state.preview);
    const pseuds = await store.pseuds.listForUser(member.id);
    let posting;
    try {
      posting = importPosting(work, saved.state.choices, pseuds, draft);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { refused: 'invalid', pending: saved, errors: error.fieldErrors };
    }
    const { links } = await this.relatedOf(member, work);
    const [chapter, ...moreChapters] = posting.chapters;
    const fields = posting.fields;
    const hold =
      fields.visibility === 'draft'
        ? undefined
        : await this.deps.archive.workSpam.hold(member, {
            typed: {
              title: fields.title,
              summary: plainTextOf(fields.summary),
              notes: plainTextOf(fields.notes),
              endNotes: plainTextOf(fields.endNotes),
              body: posting.chapters.map((c) => plainTextOf(c.body)).join('\n'),
            },
            stored: { summary: fields.summary, body: chapter.body },
          });
    const workId = await store.works.create({
      fields,
      chapter,
      moreChapters,
      creatorPseudIds: posting.creatorPseudIds,
      links: { invitedPseudIds: [], gifts: [], betas: [], related: links },
      alsoInTransaction: (tx) => store.imports.useUp(tx, member.id, saved.id, saved.revision),
      ...(hold ? { held: { reason: hold.reason } } : {}),
    });
    if (hold) await this.deps.archive.workSpam.report(member, workId, hold);
    return { workId, held: hold !== undefined };
  }

  /** Discards one of the member's imports. */
  async discard(viewer: Viewer, id: string): Promise<void> {
    const member = requireMember(viewer);
    if (!(await this.deps.store.imports.discard(member.id, importId(id)))) throw new NotFoundError(NO_IMPORT);
  }

  private async knownTags(): Promise<KnownTags> {
    const [fandoms, characters] = await Promise.all([
      this.deps.store.tags.namesInUse('fandom'),
      this.deps.store.tags.namesInUse('character'),
    ]);
    return { fandoms, characters };
  }

  /** Earlier works the import names ("sequel to …"), linked when one of the writer's own works has that title. */
  private async relatedOf(
    member: Member,
    work: ImportedWork,
  ): Promise<{ shown: { title: string; linked: boolean }[]; links: RelatedLink[] }> {
    if (work.related.length === 0) return { shown: [], links: [] };
    const { works } = await this.deps.store.works.list({ viewerId: member.id, userId: member.id, limit: 10_000 });
    const shown: { title: string; linked: boolean }[] = [];
    const links: RelatedLink[] = [];
    for (const mention of work.related) {
      const earlier = works.find((w) => w.title.toLowerCase() === mention.title.toLowerCase());
      shown.push({ title: mention.title, linked: earlier !== undefined });
      if (earlier) links.push({ relation: 'sequel-of', targetWorkId: earlier.id, url: '', title: '' });
    }
    return { shown, links };
  }
}
