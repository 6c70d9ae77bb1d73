/** Where downloads live: `/downloads/:workId/:slug.:ext` and `/downloads/series/:seriesId/:slug.:ext`. */

/** A URL-safe, lowercased form of a title: "Über die Brücke!" → "uber-die-brucke". */
export function slugify(title: string, fallback = 'work'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}

export function downloadPath(work: { id: number; title: string }, ext: string): string {
  return `/downloads/${work.id}/${slugify(work.title)}.${ext}`;
}

export function seriesDownloadPath(series: { id: number; title: string }, ext: string): string {
  return `/downloads/series/${series.id}/${slugify(series.title, 'series')}.${ext}`;
}
