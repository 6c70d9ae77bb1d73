/**
 * The download formats, which of them this machine can make, and how downloads are named:
 * the address (`/downloads/12/the-lighthouse-keeper.epub`) and the file name a browser saves.
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Raise when the output of any format changes, so that cached files and ETags are renewed. */
export const FORMAT_VERSION = 2;

export type FormatName = 'epub' | 'azw3' | 'mobi' | 'pdf' | 'html' | 'txt';

export interface Format {
  name: FormatName;
  label: string;
  contentType: string;
  /** Offered for series too. */
  series: boolean;
}

export const FORMATS: readonly Format[] = [
  { name: 'epub', label: 'EPUB', contentType: 'application/epub+zip', series: true },
  { name: 'azw3', label: 'AZW3', contentType: 'application/vnd.amazon.ebook', series: false },
  { name: 'mobi', label: 'MOBI', contentType: 'application/x-mobipocket-ebook', series: false },
  { name: 'pdf', label: 'PDF', contentType: 'application/pdf', series: false },
  { name: 'html', label: 'HTML', contentType: 'text/html; charset=utf-8', series: true },
  { name: 'txt', label: 'Plain text', contentType: 'text/plain; charset=utf-8', series: false },
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

function executableOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** EBOOK_CONVERT_PATH names Calibre's ebook-convert; set but empty, AZW3 and MOBI are off. */
function calibrePath(): string | undefined {
  const configured = process.env.EBOOK_CONVERT_PATH;
  if (configured === undefined) return executableOnPath('ebook-convert');
  if (configured === '') return undefined;
  try {
    accessSync(configured, constants.X_OK);
    return configured;
  } catch {
    return undefined;
  }
}

let detected: { key: string; pdf: boolean; calibre: string | undefined } | undefined;

/**
 * What this machine has: Chromium for PDF, Calibre's ebook-convert for AZW3 and MOBI. Looked
 * up once, and again only when the variables naming them change.
 */
export function tools(): { pdf: boolean; calibre: string | undefined } {
  const key = JSON.stringify([process.env.PATH, process.env.CHROMIUM_PATH, process.env.EBOOK_CONVERT_PATH]);
  if (detected?.key !== key) detected = { key, pdf: existsSync(chromiumPath()), calibre: calibrePath() };
  return { pdf: detected.pdf, calibre: detected.calibre };
}

/** Why this archive cannot make a format, in words for the Download menu; undefined when it can. */
export function unavailableReason(format: Format): string | undefined {
  if (format.name === 'pdf' && !tools().pdf) return 'this archive has no Chromium to print it';
  if ((format.name === 'azw3' || format.name === 'mobi') && tools().calibre === undefined)
    return 'this archive has no Calibre to convert it';
  return undefined;
}

export function available(format: Format): boolean {
  return unavailableReason(format) === undefined;
}

/** The formats of a work or a series, in menu order, whether or not this machine can make them. */
export function menuFormats(kind: 'work' | 'series'): Format[] {
  return FORMATS.filter((f) => kind === 'work' || f.series);
}

/** The formats offered for a work or a series, in menu order. */
export function downloadFormats(kind: 'work' | 'series'): Format[] {
  return menuFormats(kind).filter(available);
}

export function findFormat(name: string): Format | undefined {
  return FORMATS.find((f) => f.name === name);
}

/** "The Lighthouse Keeper!" → "the-lighthouse-keeper"; letters of every script are kept; Latin accents dropped. */
export function slugify(title: string, fallback: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const short = [...slug].slice(0, 80).join('').replace(/-+$/, '');
  return short || fallback;
}

export function workDownloadPath(work: { id: number; title: string }, format: FormatName): string {
  return `/downloads/${work.id}/${encodeURIComponent(slugify(work.title, `work-${work.id}`))}.${format}`;
}

export function seriesDownloadPath(series: { id: number; title: string }, format: FormatName): string {
  return `/downloads/series/${series.id}/${encodeURIComponent(slugify(series.title, `series-${series.id}`))}.${format}`;
}

/** `attachment` with an ASCII file name for old clients and the real title (RFC 6266 / 5987) for the rest. */
export function contentDisposition(title: string, fallback: string, format: FormatName): string {
  const ascii =
    title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._ -]+/g, ' ')
      .trim()
      .replace(/\s+/g, '_')
      .replace(/^[._-]+/, '')
      .slice(0, 80) || fallback;
  const unicode =
    title
      .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^\.+/, '')
      .slice(0, 120) || fallback;
  const encoded = encodeURIComponent(`${unicode}.${format}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.${format}"; filename*=UTF-8''${encoded}`;
}
