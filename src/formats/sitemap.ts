/**
 * Sitemaps (sitemaps.org protocol 0.9): the index naming each page, and a page of addresses with
 * when each last changed. Addresses are absolute, on the archive's origin.
 */
import { escapeText } from './xml.ts';

const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export interface SitemapEntry {
  /** A path on the archive ("/works/12"). */
  path: string;
  /** ISO 8601 timestamp; left out when empty. */
  lastmod: string;
}

export function sitemapIndexXml(origin: string, pagePaths: string[]): string {
  const entries = pagePaths.map((path) => `<sitemap><loc>${escapeText(origin + path)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${NS}">\n${entries.join('\n')}\n</sitemapindex>\n`;
}

export function sitemapXml(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map(
    (entry) =>
      `<url><loc>${escapeText(origin + entry.path)}</loc>${entry.lastmod ? `<lastmod>${escapeText(entry.lastmod)}</lastmod>` : ''}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${NS}">\n${urls.join('\n')}\n</urlset>\n`;
}
