/**
 * "Download my data": a member asks, a background job builds one zip of everything of theirs
 * (src/jobs/data-exports.ts), and the member alone may fetch it for DATA_EXPORT_DAYS.
 *
 * The zip is kept in the database row, not in the data directory: any app server may build it
 * and any other may send it (DESIGN.md: sessions and jobs live in the database for the same
 * reason), and deleting the row, or the account, deletes the file with it.
 */
import { NotFoundError } from '../domain/errors.ts';
import { isRowId } from '../domain/ids.ts';
import { downloadWork } from '../formats/document.ts';
import { workEpub } from '../formats/epub.ts';
import { workHtml } from '../formats/html.ts';
import { dataExportZip, type ExportedWork } from '../formats/data-export.tsx';
import type { Store } from '../store/index.ts';
import type { DataExport } from '../store/data-exports.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

/** How long a built export may be downloaded. */
export const DATA_EXPORT_DAYS = 7;
/** Exports a member may ask for in 24 hours. */
export const DATA_EXPORTS_PER_DAY = 3;

export type { DataExport };

/** Asking for an export that cannot start now: one is being built (409), or too many were asked for today (429). */
export class DataExportRefused extends Error {
  constructor(
    message: string,
    readonly status: 409 | 429,
  ) {
    super(message);
    this.name = 'DataExportRefused';
  }
}

/** What the export's address shows: the file, or why there is none. */
export type DataExportDownload =
  | { state: 'ready'; file: Uint8Array; filename: string; export: DataExport }
  | { state: 'pending' | 'expired' | 'failed'; export: DataExport };

const NO_EXPORT = 'There is no data download at this address.';

export class DataExports {
  constructor(private readonly deps: ModuleDeps) {}

  /** Starts building the member's export; refused while one is under way or past the daily number. */
  async ask(viewer: Viewer): Promise<DataExport> {
    const member = requireMember(viewer);
    const { dataExports } = this.deps.store;
    const asked = await dataExports.ask(member.id, DATA_EXPORTS_PER_DAY);
    if ('refused' in asked) {
      if (asked.refused === 'pending')
        throw new DataExportRefused(
          'Your data is already being prepared. You will get a notice when it is ready; ask again after that if you need a newer copy.',
          409,
        );
      throw new DataExportRefused(
        `You have asked for your data ${DATA_EXPORTS_PER_DAY} times in the last 24 hours. Please wait a day before asking again.`,
        429,
      );
    }
    const made = await dataExports.find(asked.exportId);
    if (!made) throw new NotFoundError(NO_EXPORT);
    return made;
  }

  /** The member's newest export (for the account page), whatever its state. */
  async latest(viewer: Viewer): Promise<DataExport | undefined> {
    return this.deps.store.dataExports.latest(requireMember(viewer).id);
  }

  /** The member's own export by the id in its address; anyone else's (staff included) is not there. */
  async download(viewer: Viewer, id: string): Promise<DataExportDownload> {
    const member = requireMember(viewer);
    const wanted = /^\d{1,15}$/.test(id) ? Number(id) : NaN;
    const { dataExports } = this.deps.store;
    const found = isRowId(wanted) ? await dataExports.find(wanted) : undefined;
    if (!found || found.userId !== member.id) throw new NotFoundError(NO_EXPORT);
    if (found.state === 'ready') {
      const file = await dataExports.file(found.id, member.id);
      if (file)
        return {
          state: 'ready',
          file,
          filename: `${member.login}-data-${(found.readyAt ?? found.createdAt).slice(0, 10)}.zip`,
          export: found,
        };
      // Past its time but not yet swept by the periodic job: it has expired all the same.
      return { state: 'expired', export: { ...found, state: 'expired' } };
    }
    return { state: found.state, export: found };
  }
}

/** The date an export made now stops being downloadable. */
export function exportExpiry(from = Date.now()): string {
  return new Date(from + DATA_EXPORT_DAYS * 86_400_000).toISOString();
}

function isDraftWork(work: { visibility: string; publishedAt: string | null }): boolean {
  return work.visibility === 'draft' || work.publishedAt === null || work.publishedAt > new Date().toISOString();
}

/**
 * Builds the zip of one waiting export and keeps it, with the inbox notice. Returns the export
 * when it became ready; undefined when there was nothing to do (not waiting any more, or its
 * member is gone).
 */
export async function buildDataExport(
  store: Store,
  site: { archiveName: string; origin: string },
  exportId: number,
): Promise<DataExport | undefined> {
  const wanted = await store.dataExports.find(exportId);
  if (!wanted || wanted.state !== 'pending') return undefined;
  const [user, records] = await Promise.all([
    store.users.findById(wanted.userId),
    store.dataExports.records(wanted.userId),
  ]);
  if (!user || !records) {
    await store.dataExports.markFailed(exportId);
    return undefined;
  }
  const archive = { name: site.archiveName, origin: site.origin, uuid: await store.downloads.archiveUuid() };
  const works: ExportedWork[] = [];
  for (const workId of (await store.works.idsByUser(user.id)).sort((a, b) => a - b)) {
    const work = await store.works.find(workId);
    if (!work) continue;
    const [chapters, places] = await Promise.all([store.works.chaptersOf(workId), store.series.placesOf(workId)]);
    // The creator's own copy: drafts and chapters hidden by moderators too.
    const doc = downloadWork(work, chapters, places, archive, { chapters: 'all' });
    works.push({
      doc,
      draft: isDraftWork(work),
      unpostedChapters: chapters.filter((c) => c.draft || c.hidden !== null).length,
      epub: workEpub(doc, site.archiveName, site.origin),
      html: workHtml(doc, site.archiveName, site.origin),
    });
  }
  const subscriptions = await store.subscriptions.listForUser(user.id);
  const createdAt = new Date().toISOString();
  const zip = dataExportZip({
    archiveName: site.archiveName,
    origin: site.origin,
    login: user.login,
    createdAt,
    works,
    records,
    subscriptions,
  });
  const expiresAt = exportExpiry();
  const message = `Your data download is ready. It can be downloaded from your account page until ${expiresAt.slice(0, 10)}.`;
  if (!(await store.dataExports.markReady(exportId, zip, expiresAt, message))) return undefined;
  return store.dataExports.find(exportId);
}
