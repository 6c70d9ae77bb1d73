import type { Bookmark, Series, Store, WorkBlurb } from '../../store/index.ts';
import type { BookmarkThing } from '../../formats/api/resources.ts';

/** The series' works this viewer may read, in series order (the series page's rule). */
export async function readableSeriesWorks(store: Store, series: Series, viewerId: number | null): Promise<WorkBlurb[]> {
  if (series.workIds.length === 0) return [];
  const { works } = await store.works.list({ viewerId, ids: series.workIds, limit: series.workIds.length });
  return series.workIds.flatMap((id) => works.find((w) => w.id === id) ?? []);
}

/** A series is shown when the viewer may read one of its works, or may edit it. */
export async function seriesVisible(
  store: Store,
  series: Series,
  works: WorkBlurb[],
  viewerId: number | null,
): Promise<boolean> {
  if (works.length > 0) return true;
  if (viewerId === null) return false;
  if (series.userId === viewerId) return true;
  return (await store.series.listForUser(viewerId)).some((s) => s.id === series.id);
}

/** The bookmarks whose work or series this viewer may read, with what they point at (as the bookmark pages show them). */
export async function readableBookmarks(
  store: Store,
  bookmarks: Bookmark[],
  viewerId: number | null,
): Promise<{ bookmark: Bookmark; thing: BookmarkThing }[]> {
  const workIds = [...new Set(bookmarks.flatMap((b) => (b.target.kind === 'work' ? [b.target.id] : [])))];
  const { works } =
    workIds.length > 0 ? await store.works.list({ viewerId, ids: workIds, limit: workIds.length }) : { works: [] };
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
      const series = await store.series.find(target.id);
      const visible = series
        ? await seriesVisible(store, series, await readableSeriesWorks(store, series, viewerId), viewerId)
        : false;
      seriesSeen.set(target.id, visible ? series!.title : undefined);
    }
    const title = seriesSeen.get(target.id);
    if (title !== undefined) shown.push({ bookmark, thing: { kind: 'series', id: target.id, title } });
  }
  return shown;
}
