/**
 * The XHTML pieces every rich format shares: the front matter (AO3's "preface"), a chapter
 * with its notes, the afterword, the series' own page, and the style sheet.
 */
import {
  chapterHeading,
  languageName,
  type DownloadChapter,
  type DownloadSeries,
  type DownloadWork,
} from './document.ts';
import { escapeAttr, escapeXml, toXhtml, type XhtmlOptions } from './xhtml.ts';

export interface PartOptions {
  images: XhtmlOptions['images'];
  origin: string;
  /** Distinguishes the ids of several works in one file (a series). */
  prefix: string;
}

function user(html: string, idPrefix: string, options: PartOptions): string {
  return toXhtml(html, { idPrefix, images: options.images, baseUrl: options.origin });
}

function date(iso: string | null): string {
  return iso ? iso.slice(0, 10) : '';
}

/** User text (a title, a name, a tag) isolated, so that its direction cannot reorder the text around it. */
export function bdi(text: string): string {
  return `<bdi>${escapeXml(text)}</bdi>`;
}

function list(values: string[]): string {
  return values.map(bdi).join(', ');
}

function row(label: string, value: string): string {
  return value ? `<dt>${escapeXml(label)}</dt><dd>${value}</dd>` : '';
}

/** A section of user HTML under a heading, or nothing when the writer left it empty. */
function notesBlock(
  className: string,
  heading: string,
  level: number,
  html: string,
  idPrefix: string,
  options: PartOptions,
): string {
  const body = user(html, idPrefix, options);
  if (!body) return '';
  return `<div class="${className}"><h${level}>${escapeXml(heading)}</h${level}><div class="userstuff">${body}</div></div>`;
}

export function frontMatter(work: DownloadWork, archiveName: string, options: PartOptions, headingLevel = 1): string {
  const p = options.prefix;
  const stats = [
    work.publishedAt ? `Published: ${date(work.publishedAt)}` : '',
    work.revisedAt && work.revisedAt !== work.publishedAt
      ? `${work.complete ? 'Completed' : 'Updated'}: ${date(work.revisedAt)}`
      : '',
    `Words: ${work.wordCount.toLocaleString('en')}`,
    `Chapters: ${work.chapterProgress}`,
  ].filter(Boolean);
  const series = work.series
    .map((s) => `Part ${s.position} of <a href="${escapeAttr(s.url)}">${bdi(s.title)}</a>`)
    .join('<br/>');
  return [
    `<div class="preface">`,
    `<h${headingLevel} class="work-title">${bdi(work.title)}</h${headingLevel}>`,
    `<p class="byline">by ${list(work.creators) || 'Anonymous'}</p>`,
    work.gifts.length > 0 ? `<p class="gift">for ${list(work.gifts)}</p>` : '',
    work.betas.length > 0 ? `<p class="beta">Beta read by ${list(work.betas)}</p>` : '',
    `<dl class="tags">`,
    row('Rating:', escapeXml(work.rating)),
    row('Archive Warnings:', list(work.warnings)),
    row('Categories:', list(work.categories)),
    row('Fandoms:', list(work.fandoms)),
    row('Relationships:', list(work.relationships)),
    row('Characters:', list(work.characters)),
    row('Additional Tags:', list(work.freeforms)),
    row('Language:', escapeXml(languageName(work.language))),
    row('Series:', series),
    row('Stats:', escapeXml(stats.join(' · '))),
    `</dl>`,
    `<p class="source">Posted originally on ${escapeXml(archiveName)} at <a href="${escapeAttr(work.url)}">${escapeXml(work.url)}</a>.</p>`,
    notesBlock('summary', 'Summary', headingLevel + 1, work.summary, `${p}s-`, options),
    notesBlock('disclaimer', 'Disclaimer', headingLevel + 1, work.disclaimer, `${p}d-`, options),
    notesBlock('notes', 'Notes', headingLevel + 1, work.notes, `${p}n-`, options),
    `</div>`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function chapterPart(
  work: DownloadWork,
  chapter: DownloadChapter,
  options: PartOptions,
  headingLevel = 2,
): string {
  const c = `${options.prefix}c${chapter.position}`;
  return [
    `<h${headingLevel} class="chapter-title">${chapterHeading(work, chapter, bdi)}</h${headingLevel}>`,
    notesBlock('chapter-summary', 'Chapter Summary', headingLevel + 1, chapter.summary, `${c}s-`, options),
    notesBlock('chapter-notes', 'Chapter Notes', headingLevel + 1, chapter.notes, `${c}n-`, options),
    `<div class="userstuff chapter-text">${user(chapter.body, `${c}-`, options)}</div>`,
    notesBlock('chapter-end-notes', 'Chapter End Notes', headingLevel + 1, chapter.endNotes, `${c}e-`, options),
  ]
    .filter(Boolean)
    .join('\n');
}

/** The work's end notes and the series it belongs to; empty when there is neither. */
export function afterword(work: DownloadWork, options: PartOptions, headingLevel = 2): string {
  const notes = user(work.endNotes, `${options.prefix}e-`, options);
  if (!notes && work.series.length === 0) return '';
  const series = work.series
    .map((s) => `<li>Part ${s.position} of <a href="${escapeAttr(s.url)}">${bdi(s.title)}</a></li>`)
    .join('');
  return [
    `<div class="afterword">`,
    `<h${headingLevel}>Afterword</h${headingLevel}>`,
    notes
      ? `<div class="end-notes"><h${headingLevel + 1}>End Notes</h${headingLevel + 1}><div class="userstuff">${notes}</div></div>`
      : '',
    series
      ? `<div class="series"><h${headingLevel + 1}>Series this work belongs to</h${headingLevel + 1}><ul>${series}</ul></div>`
      : '',
    `</div>`,
  ].join('\n');
}

export function seriesFrontMatter(series: DownloadSeries, archiveName: string, options: PartOptions): string {
  const words = series.works.reduce((n, w) => n + w.wordCount, 0);
  const works = series.works.map((w) => `<li>${bdi(w.title)} by ${list(w.creators) || 'Anonymous'}</li>`).join('');
  return [
    `<div class="preface">`,
    `<h1 class="work-title">${bdi(series.title)}</h1>`,
    `<p class="byline">by ${list(series.creators) || 'Anonymous'}</p>`,
    `<dl class="tags">`,
    row('Works:', String(series.works.length)),
    row('Words:', words.toLocaleString('en')),
    row('Complete:', series.complete ? 'Yes' : 'No'),
    `</dl>`,
    `<p class="source">Posted originally on ${escapeXml(archiveName)} at <a href="${escapeAttr(series.url)}">${escapeXml(series.url)}</a>.</p>`,
    notesBlock('summary', 'Description', 2, series.summary, 'series-s-', options),
    notesBlock('notes', 'Notes', 2, series.notes, 'series-n-', options),
    works ? `<h2>Works in this series</h2><ol class="series-works">${works}</ol>` : '',
    `</div>`,
  ].join('\n');
}

/** A small style sheet that leaves fonts and sizes to the reader's device. */
export const STYLESHEET = `body { margin: 0 2%; line-height: 1.5; }
h1, h2, h3, h4 { line-height: 1.25; }
.work-title { text-align: center; margin-top: 1.5em; }
.byline, .gift, .beta { text-align: center; }
dl.tags { margin: 1.5em 0; }
dl.tags dt { font-weight: bold; margin-top: 0.4em; }
dl.tags dd { margin-left: 1.5em; }
.source { font-size: 0.9em; }
.summary, .notes, .disclaimer, .chapter-summary, .chapter-notes, .chapter-end-notes, .end-notes, .afterword .series { margin: 1em 0; padding-left: 1em; border-left: 3px solid #999; }
.chapter-title { margin-top: 2em; }
.userstuff p { margin: 0 0 1em; }
.userstuff blockquote { margin: 1em 1.5em; }
.userstuff table { border-collapse: collapse; margin: 1em 0; }
.userstuff td, .userstuff th { border: 1px solid #999; padding: 0.2em 0.4em; vertical-align: top; }
.userstuff img { max-width: 100%; height: auto; }
.userstuff hr { margin: 1.5em auto; width: 40%; }
.align-left { text-align: left; } .align-right { text-align: right; } .align-center { text-align: center; } .align-justify { text-align: justify; }
.float-left { float: left; margin: 0 1em 0.5em 0; } .float-right { float: right; margin: 0 0 0.5em 1em; }
.big { font-size: larger; } .mono { font-family: monospace; }
[dir="rtl"] .summary, [dir="rtl"] .notes, [dir="rtl"] .chapter-notes, [dir="rtl"] .chapter-summary, [dir="rtl"] .chapter-end-notes, [dir="rtl"] .end-notes { border-left: 0; border-right: 3px solid #999; padding-left: 0; padding-right: 1em; }
`;
