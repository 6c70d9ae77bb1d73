/** Series: their pages and changing them. */
import { isRowId } from '../domain/ids.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { LIMITS } from '../domain/works.ts';
import { overLimit } from '../domain/limits.ts';
import type { Series, WorkBlurb } from '../store/index.ts';
import { formatUserText } from '../text/sanitize.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

export const NO_SERIES = 'There is no series at this address.';
/** Works on one page of a series. */
export const SERIES_PAGE_SIZE = 20;

/** What a series page shows to one viewer. */
export interface SeriesView {
  series: Series;
  /** The series' works this viewer may read, in series order (all of them: the series' stats count them). */
  works: WorkBlurb[];
  /** The page of `works` listed, SERIES_PAGE_SIZE a page. */
  pageWorks: WorkBlurb[];
  page: number;
  pageSize: number;
  canEdit: boolean;
  /** Undefined for guests. */
  subscribed: boolean | undefined;
  /** The viewer's bookmark of the series (null: none); undefined for guests. */
  bookmarkId: number | null | undefined;
}

/** The series edit form as sent. */
export interface SeriesForm {
  title: string;
  summary: string;
  notes: string;
  complete: boolean;
  /** Works ticked to leave the series. */
  removed: number[];
  /** Each work's part number as typed, by work id. */
  positions: Record<number, string>;
}

export class SeriesOfWorks {
  constructor(private readonly deps: ModuleDeps) {}

  /** The series at this id, whoever may read its works; not found otherwise. */
  async find(idParam: string): Promise<Series> {
    const id = Number(idParam);
    const series = isRowId(id) ? await this.deps.store.series.find(id) : undefined;
    if (!series) throw new NotFoundError(NO_SERIES);
    return series;
  }

  /**
   * Who sees a series, on every path (its page, bookmarks, subscriptions, the API): a viewer who may
   * read one of its works, or may change it. With the works they may read, in series order.
   */
  async visibility(
    viewer: Viewer,
    series: Series,
  ): Promise<{ visible: boolean; works: WorkBlurb[]; canEdit: boolean }> {
    const [works, canEdit] = await Promise.all([
      this.deps.archive.access.inSeries(viewer, series.workIds),
      this.mayEdit(series, viewer),
    ]);
    // A series the moderators hid is its owner's (and staff's, in review) alone.
    return { visible: canEdit || (series.hidden === null && works.length > 0), works, canEdit };
  }

  /** The series at this id if this viewer sees it. */
  async visible(viewer: Viewer, id: number): Promise<Series | undefined> {
    const series = await this.deps.store.series.find(id);
    return series && (await this.visibility(viewer, series)).visible ? series : undefined;
  }

  /**
   * The series page for a viewer: a series with nothing they may read (and not theirs to edit) is
   * not there. `page` is the page of its works to list.
   */
  async page(viewer: Viewer, id: string, page = 1): Promise<SeriesView> {
    const { store } = this.deps;
    const series = await this.find(id);
    const { visible, works, canEdit } = await this.visibility(viewer, series);
    if (!visible) throw new NotFoundError(NO_SERIES);
    const [subscribed, bookmarkId] = viewer
      ? await Promise.all([
          store.subscriptions.isSubscribed(viewer.id, 'series', series.id),
          store.bookmarks.findOwn(viewer.id, { kind: 'series', id: series.id }).then((b) => b?.id ?? null),
        ])
      : [undefined, undefined];
    const start = (page - 1) * SERIES_PAGE_SIZE;
    const pageWorks = await this.deps.archive.readings.withProgress(
      viewer,
      works.slice(start, start + SERIES_PAGE_SIZE),
    );
    return { series, works, pageWorks, page, pageSize: SERIES_PAGE_SIZE, canEdit, subscribed, bookmarkId };
  }

  /** A series the member may change, with the works they may read in it, for the edit form. */
  async editable(viewer: Viewer, id: string): Promise<{ series: Series; works: WorkBlurb[]; member: Member }> {
    const member = requireMember(viewer);
    const series = await this.find(id);
    if (!(await this.mayEdit(series, member))) throw new ForbiddenError("Only the series' creators can change it.");
    return { series, works: await this.deps.archive.access.listable(member, series.workIds), member };
  }

  /** Saves a member's changes to a series: its details, works left out and the reading order. */
  async save(viewer: Viewer, id: string, form: SeriesForm): Promise<Series> {
    const member = requireMember(viewer);
    const { store } = this.deps;
    const series = await this.find(id);
    if (!(await this.mayEdit(series, member))) throw new ForbiddenError("Only the series' creators can change it.");
    const errors: Record<string, string> = {};
    const title = form.title.replace(/\s+/g, ' ').trim();
    if (!title) errors.title = 'Give the series a title.';
    else if (overLimit('Title', title, LIMITS.title)) errors.title = overLimit('Title', title, LIMITS.title)!;
    const summaryError = overLimit('Description', form.summary, LIMITS.summary);
    if (summaryError) errors.summary = summaryError;
    const notesError = overLimit('Notes', form.notes, LIMITS.notes);
    if (notesError) errors.notes = notesError;
    const kept = series.workIds.filter((workId) => !form.removed.includes(workId));
    const parts = kept.map((workId) => ({ id: workId, position: Number(form.positions[workId] ?? '') }));
    if (parts.some((p) => !Number.isInteger(p.position) || p.position < 1))
      errors.order = 'Part numbers are whole numbers from 1 up.';
    else if (new Set(parts.map((p) => p.position)).size !== parts.length)
      errors.order = 'Give every work a different part number.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    await store.series.update(series.id, {
      title,
      summary: formatUserText(form.summary),
      notes: formatUserText(form.notes),
      complete: form.complete,
    });
    for (const workId of series.workIds.filter((w) => !kept.includes(w)))
      await store.series.removeWork(series.id, workId);
    await store.series.reorder(
      series.id,
      [...parts].sort((a, b) => a.position - b.position).map((p) => p.id),
    );
    return series;
  }

  /** Whoever started the series, or has a work in it, may edit it. */
  private async mayEdit(series: Series, viewer: Viewer): Promise<boolean> {
    if (!viewer) return false;
    if (series.userId === viewer.id) return true;
    return (await this.deps.store.series.listForUser(viewer.id)).some((s) => s.id === series.id);
  }
}
