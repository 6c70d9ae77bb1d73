/**
 * The HTML download: one self-contained file (styles inline, no scripts) with the front
 * matter, a table of contents and every chapter. Written as polyglot XHTML, so it reads the
 * same as HTML and as XML. The PDF is printed from it, with images turned into links.
 */
import { chapterHeading, type DownloadSeries, type DownloadWork } from './document.ts';
import { afterword, bdi, chapterPart, frontMatter, seriesFrontMatter, STYLESHEET, type PartOptions } from './parts.ts';
import { escapeAttr, escapeXml, type XhtmlOptions } from './xhtml.ts';

// EPUB style sheets may not set unicode-bidi (reading systems isolate <bdi> themselves); browsers may lack the default.
const SCREEN = `bdi { unicode-bidi: isolate; }
body { max-width: 42em; margin: 0 auto; padding: 1em; font-family: Georgia, serif; }
.toc ol { padding-left: 1.5em; }
.chapter { border-top: 1px solid #ccc; margin-top: 2em; }
@media print { .chapter { break-before: page; border-top: 0; } a { color: inherit; } }
`;

function page(title: string, language: string, rtl: boolean, body: string, robots?: string): string {
  const lang = escapeAttr(language);
  return `<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="${lang}" xml:lang="${lang}"${rtl ? ' dir="rtl"' : ''}>
<head>
<meta charset="UTF-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
${robots ? `<meta name="robots" content="${escapeAttr(robots)}"/>\n` : ''}<title>${escapeXml(title)}</title>
<style>
${STYLESHEET}${SCREEN}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function workBody(work: DownloadWork, archiveName: string, options: PartOptions, level: number): string {
  const p = options.prefix;
  const toc =
    work.chapters.length > 1
      ? `<nav class="toc" aria-label="Chapters of ${escapeAttr(work.title)}"><h${level + 1}>Contents</h${level + 1}><ol>${work.chapters
          .map((c) => `<li><a href="#${p}chapter-${c.position}">${chapterHeading(work, c, bdi)}</a></li>`)
          .join('')}</ol></nav>`
      : '';
  const chapters = work.chapters.map(
    (c) =>
      `<section class="chapter" id="${p}chapter-${c.position}">\n${chapterPart(work, c, options, level + 1)}\n</section>`,
  );
  return `<article class="work" lang="${escapeAttr(work.language)}" xml:lang="${escapeAttr(work.language)}" dir="${work.rtl ? 'rtl' : 'ltr'}" id="${p}work">
${frontMatter(work, archiveName, options, level)}
${toc}
${chapters.join('\n')}
${afterword(work, options, level + 1)}
</article>`;
}

export function workHtml(
  work: DownloadWork,
  archiveName: string,
  origin: string,
  images: XhtmlOptions['images'] = 'keep',
  /** Robots directives for the file's head, when the work asked not to be indexed. */
  robots?: string,
): string {
  return page(
    work.title,
    work.language,
    work.rtl,
    workBody(work, archiveName, { images, origin, prefix: '' }, 1),
    robots,
  );
}

export function seriesHtml(
  series: DownloadSeries,
  archiveName: string,
  origin: string,
  images: XhtmlOptions['images'] = 'keep',
  robots?: string,
): string {
  const front = seriesFrontMatter(series, archiveName, { images, origin, prefix: 'series-' });
  const works = series.works.map((w, i) => workBody(w, archiveName, { images, origin, prefix: `w${i + 1}-` }, 1));
  return page(series.title, series.language, series.rtl, `${front}\n${works.join('\n')}`, robots);
}
