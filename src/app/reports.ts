/**
 * Abuse reports: anyone (guest or member) reports what they can see; moderators work through one
 * queue entry per reported thing, with a snapshot of it as it was when reported.
 */
import { isRowId } from '../domain/ids.ts';
import { LogInRequiredError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { commentVisibility } from '../domain/comments.ts';
import {
  REPORT_KIND_LABELS,
  REPORT_LIMITS,
  REPORT_STATUS_LABELS,
  SNAPSHOT_TEXT,
  isReportKind,
  isReportStatus,
  validateReport,
  type ReportInput,
  type ReportKind,
  type ReportSnapshot,
  type ReportStatus,
} from '../domain/reports.ts';
import type { ReportCase, ReportCaseDetail, Work } from '../store/index.ts';
import { chapterPath, commentPath, pseudPath, seriesPath, userActionPath, userPath, workPath } from '../paths.ts';
import { pageNumber } from './audit.ts';
import type { ModuleDeps } from './deps.ts';
import { readableSeries, readableWork } from './readable.ts';
import type { Member, Viewer } from './viewer.ts';
import { excerpt, htmlToPlainText as plainTextOf } from '../text/plain-text.ts';

/** Sanitized HTML as a report keeps it: plain text with its paragraphs, up to SNAPSHOT_TEXT characters. */
function htmlToPlainText(html: string): string {
  return excerpt(plainTextOf(html, { paragraphs: true }), SNAPSHOT_TEXT);
}

const NOTHING_TO_REPORT = 'There is nothing to report at that address. It may have been deleted.';
const NO_ENTRY = 'There is no such report.';

/** What a report is about, as the address and the form name it. */
export interface ReportTargetRef {
  kind: string;
  id: string;
  /** A chapter's work. */
  work?: string;
}

/** A thing someone may report, as they see it: what the form says and what the report keeps. */
export interface ReportTarget {
  kind: ReportKind;
  id: number;
  /** The chapter's work, for the form to send back. */
  workId: number | null;
  /** "the work “The Lighthouse Keeper”": what the form and the confirmation name. */
  label: string;
  path: string;
  snapshot: ReportSnapshot;
}

/** What filing a report came to. */
export type ReportFiling =
  { kind: 'filed'; label: string } | { kind: 'invalid'; errors: Record<string, string>; target: ReportTarget };

export const QUEUE_PAGE_SIZE = 30;

export interface ReportQueue {
  cases: ReportCase[];
  /** The status shown, or null for all. */
  status: ReportStatus | null;
  page: number;
  pages: number;
  total: number;
  /** The viewer is an admin (their pages link to the roles page). */
  admin: boolean;
}

function rowId(value: string | undefined): number {
  const id = /^\d{1,10}$/.test(value ?? '') ? Number(value) : Number.NaN;
  if (!isRowId(id)) throw new NotFoundError(NOTHING_TO_REPORT);
  return id;
}

function creatorNames(work: Work): string[] {
  return work.creators.filter((c) => c.accepted).map((c) => (c.name === c.login ? c.login : `${c.name} (${c.login})`));
}

/** Describes a queue entry in the audit log. */
function caseLabel(entry: ReportCase): string {
  return `Report #${entry.id}: ${REPORT_KIND_LABELS[entry.targetKind]} “${entry.title}”`;
}

export class Reports {
  constructor(private readonly deps: ModuleDeps) {}

  /**
   * The thing to report if this viewer may see it; anything they may not see (a draft, a work for
   * members asked for by a guest, a private bookmark) is not found, as if it were not there.
   */
  async target(viewer: Viewer, ref: ReportTargetRef): Promise<ReportTarget> {
    if (!isReportKind(ref.kind)) throw new NotFoundError(NOTHING_TO_REPORT);
    const id = rowId(ref.id);
    try {
      return await this.describe(viewer, ref.kind, id, ref.work);
    } catch (error) {
      if (error instanceof LogInRequiredError) throw new NotFoundError(NOTHING_TO_REPORT);
      throw error;
    }
  }

  private async describe(viewer: Viewer, kind: ReportKind, id: number, workParam?: string): Promise<ReportTarget> {
    const { store, archive } = this.deps;
    const none = () => new NotFoundError(NOTHING_TO_REPORT);
    switch (kind) {
      case 'work': {
        const { work, creator } = await archive.access.readable(viewer, id);
        const first = work.chapters.find((c) => creator || !c.draft);
        const chapter = first ? await store.works.chapter(work.id, first.id) : undefined;
        return {
          kind,
          id,
          workId: null,
          label: `the work “${work.title}”`,
          path: workPath(work.id),
          snapshot: {
            title: work.title,
            creators: creatorNames(work),
            summary: htmlToPlainText(work.summary),
            text: htmlToPlainText(
              [work.notes, chapter?.body ?? '', work.endNotes].filter((part) => part !== '').join('\n'),
            ),
            facts: [
              ['Rating', work.rating],
              ...work.tags.map((t): [string, string] => [t.kind, t.name]),
              ['Chapters', String(work.chapterCount)],
            ],
          },
        };
      }
      case 'chapter': {
        const { work, creator } = await archive.access.readable(viewer, rowId(workParam));
        const summary = work.chapters.find((c) => c.id === id && (creator || !c.draft));
        const chapter = summary ? await store.works.chapter(work.id, id) : undefined;
        if (!chapter) throw none();
        const name = `Chapter ${chapter.position}${chapter.title ? `: ${chapter.title}` : ''}`;
        return {
          kind,
          id,
          workId: work.id,
          label: `${name} of “${work.title}”`,
          path: chapterPath(work.id, chapter.id),
          snapshot: {
            title: `${work.title}, ${name}`,
            creators: creatorNames(work),
            summary: htmlToPlainText(chapter.summary),
            text: htmlToPlainText([chapter.notes, chapter.body, chapter.endNotes].filter((p) => p !== '').join('\n')),
            facts: [['Rating', work.rating]],
          },
        };
      }
      case 'comment': {
        const comment = await store.comments.find(id);
        if (!comment || comment.deleted) throw none();
        const { work, creator } = await archive.access.readable(viewer, comment.workId);
        if (commentVisibility(comment, viewer?.id ?? null, creator) !== 'full') throw none();
        const author = comment.guest
          ? `${comment.authorName} (guest)`
          : comment.login && comment.authorName !== comment.login
            ? `${comment.authorName} (${comment.login})`
            : (comment.login ?? comment.authorName);
        return {
          kind,
          id,
          workId: null,
          label: `a comment by ${comment.authorName} on “${work.title}”`,
          path: commentPath(comment),
          snapshot: {
            title: `Comment by ${comment.authorName} on “${work.title}”`,
            creators: [author],
            summary: '',
            text: htmlToPlainText(comment.body),
            facts: [['Posted', comment.createdAt.slice(0, 10)]],
          },
        };
      }
      case 'bookmark': {
        const bookmark = await store.bookmarks.find(id);
        if (!bookmark || (bookmark.private && bookmark.userId !== viewer?.id)) throw none();
        const thing =
          bookmark.target.kind === 'work'
            ? await readableWork(this.deps, viewer, bookmark.target.id)
            : await readableSeries(this.deps, viewer, bookmark.target.id);
        if (!thing) throw none();
        const by =
          bookmark.pseudName && bookmark.pseudName !== bookmark.login
            ? `${bookmark.pseudName} (${bookmark.login})`
            : bookmark.login;
        return {
          kind,
          id,
          workId: null,
          label: `${bookmark.login}’s bookmark of “${thing.title}”`,
          path: userActionPath(bookmark.login, 'bookmarks'),
          snapshot: {
            title: `Bookmark by ${bookmark.login} of “${thing.title}”`,
            creators: [by],
            summary: '',
            text: htmlToPlainText(bookmark.notes),
            facts: [
              ...bookmark.tags.map((t): [string, string] => ['Bookmarker’s tag', t]),
              ['Recommendation', bookmark.rec ? 'yes' : 'no'],
            ],
          },
        };
      }
      case 'series': {
        const series = await readableSeries(this.deps, viewer, id);
        if (!series) throw none();
        const owner = series.userId === null ? undefined : await store.users.findById(series.userId);
        return {
          kind,
          id,
          workId: null,
          label: `the series “${series.title}”`,
          path: seriesPath(series.id),
          snapshot: {
            title: series.title,
            creators: owner ? [owner.login] : [],
            summary: htmlToPlainText(series.summary),
            text: htmlToPlainText(series.notes),
            facts: [['Works', String(series.workIds.length)]],
          },
        };
      }
      case 'pseud': {
        const pseud = await store.pseuds.find(id);
        if (!pseud) throw none();
        return {
          kind,
          id,
          workId: null,
          label: `the pen name ${pseud.name} (${pseud.login})`,
          path: pseudPath(pseud.login, pseud.name),
          snapshot: {
            title: `${pseud.name} (${pseud.login})`,
            creators: [pseud.login],
            summary: '',
            text: htmlToPlainText(pseud.description),
            facts: [],
          },
        };
      }
      case 'user': {
        const user = await store.users.findById(id);
        if (!user) throw none();
        const pseuds = await store.pseuds.listForUser(user.id);
        return {
          kind,
          id,
          workId: null,
          label: `the user ${user.login}`,
          path: userPath(user.login),
          snapshot: {
            title: user.login,
            creators: [user.login],
            summary: '',
            text: pseuds
              .map((p) => (p.description ? `${p.name}: ${htmlToPlainText(p.description)}` : p.name))
              .join('\n\n'),
            facts: [['Joined', user.createdAt.slice(0, 10)]],
          },
        };
      }
    }
  }

  /**
   * Files a report from a guest or a member. The reporter learns nothing they could not see
   * already: the answer names the thing as they saw it.
   */
  async file(viewer: Viewer, ref: ReportTargetRef, input: ReportInput): Promise<ReportFiling> {
    const target = await this.target(viewer, ref);
    try {
      const valid = validateReport(input, viewer === null);
      await this.deps.store.reports.file({
        target: { kind: target.kind, id: target.id },
        reason: valid.reason,
        details: valid.details,
        reporterId: viewer?.id ?? null,
        reporterEmail: valid.email,
        snapshot: target.snapshot,
        targetPath: target.path,
      });
      return { kind: 'filed', label: target.label };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return { kind: 'invalid', errors: error.fieldErrors, target };
    }
  }

  /**
   * Files a report by the archive itself about something its spam check held, read as its creator
   * (`member`) sees it: moderators find it in the queue with the reasons.
   */
  async fileBySpamCheck(member: Member, ref: ReportTargetRef, reasons: string[]): Promise<void> {
    const target = await this.target(member, ref);
    await this.deps.store.reports.file({
      target: { kind: target.kind, id: target.id },
      reason: 'spam',
      details: `Held until a moderator looks at it: ${reasons.join('; ')}. Unhide it if it is not spam.`,
      reporterId: null,
      reporterEmail: null,
      byArchive: true,
      snapshot: target.snapshot,
      targetPath: target.path,
    });
  }

  /** The queue, for moderators: entries of one status (or all), most recently active first. */
  async queue(viewer: Viewer, statusParam: string, pageParam: string): Promise<ReportQueue> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const admin = await this.deps.archive.staff.isAdmin(moderator);
    const status = isReportStatus(statusParam) ? statusParam : null;
    const page = pageNumber(pageParam);
    const { cases, total } = await this.deps.store.reports.listCases({
      ...(status ? { statuses: [status] } : {}),
      limit: QUEUE_PAGE_SIZE,
      offset: (page - 1) * QUEUE_PAGE_SIZE,
    });
    return { cases, status, page, total, pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)), admin };
  }

  /** Entries still waiting, newest first, with how many there are (for the dashboard; the caller checked the viewer). */
  async pending(limit: number): Promise<{ cases: ReportCase[]; total: number }> {
    return this.deps.store.reports.listCases({ statuses: ['open', 'in-review'], limit });
  }

  /** One entry with its reports and notes, for moderators. */
  async entry(viewer: Viewer, idParam: string): Promise<{ entry: ReportCaseDetail; admin: boolean }> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const [entry, admin] = await Promise.all([this.load(idParam), this.deps.archive.staff.isAdmin(moderator)]);
    return { entry, admin };
  }

  private async load(idParam: string): Promise<ReportCaseDetail> {
    const id = /^\d{1,10}$/.test(idParam) ? Number(idParam) : Number.NaN;
    const entry = isRowId(id) ? await this.deps.store.reports.findCase(id) : undefined;
    if (!entry) throw new NotFoundError(NO_ENTRY);
    return entry;
  }

  /** The moderator takes the entry: it is theirs, and in review if it was open. */
  async take(viewer: Viewer, idParam: string): Promise<ReportCaseDetail> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const entry = await this.load(idParam);
    await this.deps.store.reports.assign(
      entry.id,
      moderator.id,
      this.deps.archive.audit.entry(moderator, 'report.take', {
        kind: 'report',
        id: entry.id,
        label: caseLabel(entry),
      }),
    );
    return entry;
  }

  /** Moves the entry to another status, with why. */
  async setStatus(viewer: Viewer, idParam: string, statusParam: string, reason: string): Promise<ReportCaseDetail> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const entry = await this.load(idParam);
    if (!isReportStatus(statusParam)) throw new ValidationError({ status: 'Choose a status from the list.' });
    if ([...reason].length > REPORT_LIMITS.reason)
      throw new ValidationError({ reason: `Say why in at most ${REPORT_LIMITS.reason} characters.` });
    if (statusParam === entry.status) return entry;
    await this.deps.store.reports.setStatus(
      entry.id,
      statusParam,
      this.deps.archive.audit.entry(
        moderator,
        'report.status',
        {
          kind: 'report',
          id: entry.id,
          label: `${caseLabel(entry)}: ${REPORT_STATUS_LABELS[entry.status]} → ${REPORT_STATUS_LABELS[statusParam]}`,
        },
        reason,
      ),
    );
    return entry;
  }

  /** Adds an internal note (never shown outside the staff pages, never changed). */
  async addNote(viewer: Viewer, idParam: string, body: string): Promise<ReportCaseDetail> {
    const moderator = await this.deps.archive.staff.requireModerator(viewer);
    const entry = await this.load(idParam);
    const text = body.trim();
    if (text === '') throw new ValidationError({ note: 'Write the note first.' });
    if ([...text].length > REPORT_LIMITS.note)
      throw new ValidationError({ note: `Notes are at most ${REPORT_LIMITS.note.toLocaleString('en')} characters.` });
    await this.deps.store.reports.addNote(
      entry.id,
      moderator,
      text,
      this.deps.archive.audit.entry(
        moderator,
        'report.note',
        { kind: 'report', id: entry.id, label: caseLabel(entry) },
        text,
      ),
    );
    return entry;
  }
}
