/**
 * What a member may bookmark or follow: a work or series they may read. Bookmarks and
 * subscriptions share these; a target that is missing or hidden is simply undefined.
 */
import type { Series, Work } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import type { Viewer } from './viewer.ts';

/** The work if there is one at this id and the viewer may read it (WorkAccess's rule). */
export async function readableWork(deps: ModuleDeps, viewer: Viewer, id: number): Promise<Work | undefined> {
  const work = await deps.store.works.find(id);
  return work && deps.archive.access.mayRead(work, viewer) ? work : undefined;
}

/** The series if the viewer sees it (the series rule, SeriesOfWorks.visibility). */
export async function readableSeries(deps: ModuleDeps, viewer: Viewer, id: number): Promise<Series | undefined> {
  return deps.archive.series.visible(viewer, id);
}
