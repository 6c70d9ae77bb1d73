/**
 * EPUB 3 written by Quire: a zip (fflate) with the mimetype first and stored, the container,
 * the package document, a navigation document plus toc.ncx for older readers, a title page,
 * one XHTML file per chapter, an afterword, and a small style sheet. Checked by epubcheck in
 * the test suite (0 errors, 0 warnings).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { chapterHeading, type DownloadSeries, type DownloadWork } from './document.ts';
import { afterword, chapterPart, frontMatter, seriesFrontMatter, STYLESHEET, type PartOptions } from './parts.ts';
import { htmlToText } from './txt.ts';
import { escapeAttr, escapeXml } from './xhtml.ts';
import { isolateBidi } from '../text/bidi.ts';

interface NavEntry {
  label: string;
  href: string;
  children: NavEntry[];
}

interface ContentDoc {
  file: string;
  title: string;
  language: string;
  rtl: boolean;
  /** epub:type of the page's section. */
  type: string;
  body: string;
}

interface Book {
  identifier: string;
  title: string;
  creators: string[];
  languages: string[];
  rtl: boolean;
  subjects: string[];
  description: string;
  modified: string;
  date: string | null;
  source: string;
  publisher: string;
  collections: { title: string; position?: number }[];
  docs: ContentDoc[];
  nav: NavEntry[];
  /** The first page of the story itself, for the landmarks. */
  start: string;
}

function xhtmlDocument(doc: ContentDoc): string {
  const dir = doc.rtl ? ' dir="rtl"' : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${escapeAttr(doc.language)}" lang="${escapeAttr(doc.language)}"${dir}>
<head>
<title>${escapeXml(doc.title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<section epub:type="${doc.type}">
${doc.body}
</section>
</body>
</html>
`;
}

function navList(entries: NavEntry[]): string {
  return `<ol>${entries.map((e) => `<li><a href="${escapeAttr(e.href)}">${escapeXml(e.label)}</a>${e.children.length > 0 ? navList(e.children) : ''}</li>`).join('\n')}</ol>`;
}

function navDocument(book: Book): string {
  const lang = escapeAttr(book.languages[0]);
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="${lang}" lang="${lang}"${book.rtl ? ' dir="rtl"' : ''}>
<head>
<title>${escapeXml(book.title)}</title>
<link rel="stylesheet" type="text/css" href="style.css"/>
</head>
<body>
<nav epub:type="toc" id="toc">
<h1>Contents</h1>
${navList(book.nav)}
</nav>
<nav epub:type="landmarks" id="landmarks" hidden="hidden">
<h2>Landmarks</h2>
<ol>
<li><a epub:type="titlepage" href="${escapeAttr(book.docs[0].file)}">Title page</a></li>
<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>
<li><a epub:type="bodymatter" href="${escapeAttr(book.start)}">Start of the story</a></li>
</ol>
</nav>
</body>
</html>
`;
}

function ncxDocument(book: Book): string {
  let order = 0;
  let depth = 1;
  const points = (entries: NavEntry[], level: number): string =>
    entries
      .map((e) => {
        order += 1;
        depth = Math.max(depth, level);
        const own = order;
        return `<navPoint id="np-${own}" playOrder="${own}"><navLabel><text>${escapeXml(e.label)}</text></navLabel><content src="${escapeAttr(e.href)}"/>${points(e.children, level + 1)}</navPoint>`;
      })
      .join('\n');
  const map = points(book.nav, 1);
  return `<?xml version="1.0" encoding="UTF-8"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="${escapeAttr(book.languages[0])}">
<head>
<meta name="dtb:uid" content="${escapeAttr(book.identifier)}"/>
<meta name="dtb:depth" content="${depth}"/>
<meta name="dtb:totalPageCount" content="0"/>
<meta name="dtb:maxPageNumber" content="0"/>
</head>
<docTitle><text>${escapeXml(book.title)}</text></docTitle>
<navMap>
${map}
</navMap>
</ncx>
`;
}

function packageDocument(book: Book): string {
  const creators = book.creators.length > 0 ? book.creators : ['Anonymous'];
  const meta = [
    `<dc:identifier id="uid">${escapeXml(book.identifier)}</dc:identifier>`,
    `<dc:title id="title">${escapeXml(book.title)}</dc:title>`,
    ...creators.flatMap((name, i) => [
      `<dc:creator id="creator${i + 1}">${escapeXml(name)}</dc:creator>`,
      `<meta refines="#creator${i + 1}" property="role" scheme="marc:relators">aut</meta>`,
    ]),
    ...book.languages.map((l) => `<dc:language>${escapeXml(l)}</dc:language>`),
    ...book.subjects.map((s) => `<dc:subject>${escapeXml(s)}</dc:subject>`),
    book.description ? `<dc:description>${escapeXml(book.description)}</dc:description>` : '',
    `<dc:publisher>${escapeXml(book.publisher)}</dc:publisher>`,
    `<dc:source>${escapeXml(book.source)}</dc:source>`,
    book.date ? `<dc:date>${book.date.slice(0, 10)}</dc:date>` : '',
    `<meta property="dcterms:modified">${book.modified}</meta>`,
    ...book.collections.flatMap((c, i) => [
      `<meta property="belongs-to-collection" id="collection${i + 1}">${escapeXml(c.title)}</meta>`,
      `<meta refines="#collection${i + 1}" property="collection-type">series</meta>`,
      c.position !== undefined
        ? `<meta refines="#collection${i + 1}" property="group-position">${c.position}</meta>`
        : '',
    ]),
  ].filter(Boolean);
  const items = [
    `<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>`,
    `<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>`,
    `<item id="css" href="style.css" media-type="text/css"/>`,
    ...book.docs.map(
      (d, i) => `<item id="doc${i + 1}" href="${escapeAttr(d.file)}" media-type="application/xhtml+xml"/>`,
    ),
  ];
  const spine = book.docs.map((_, i) => `<itemref idref="doc${i + 1}"/>`);
  spine.splice(1, 0, `<itemref idref="nav" linear="no"/>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid" xml:lang="${escapeAttr(book.languages[0])}">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
${meta.join('\n')}
</metadata>
<manifest>
${items.join('\n')}
</manifest>
<spine toc="ncx"${book.rtl ? ' page-progression-direction="rtl"' : ''}>
${spine.join('\n')}
</spine>
</package>
`;
}

const CONTAINER = `<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
`;

function zipBook(book: Book): Uint8Array {
  const mtime = new Date(book.modified);
  const files: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(CONTAINER),
    'OEBPS/content.opf': strToU8(packageDocument(book)),
    'OEBPS/nav.xhtml': strToU8(navDocument(book)),
    'OEBPS/toc.ncx': strToU8(ncxDocument(book)),
    'OEBPS/style.css': strToU8(STYLESHEET),
  };
  for (const doc of book.docs) files[`OEBPS/${doc.file}`] = strToU8(xhtmlDocument(doc));
  return zipSync(files, { level: 6, mtime });
}

function subjectsOf(work: DownloadWork): string[] {
  return [...work.fandoms, ...work.relationships, ...work.characters, ...work.freeforms];
}

/** The content documents and navigation of one work; `prefix` keeps file names apart in a series. */
function workDocs(
  work: DownloadWork,
  archiveName: string,
  prefix: string,
  origin: string,
  titleInNav: boolean,
): { docs: ContentDoc[]; nav: NavEntry[] } {
  const options: PartOptions = { images: 'link', origin, prefix };
  const base = { language: work.language, rtl: work.rtl };
  const titleFile = `${prefix}title.xhtml`;
  const docs: ContentDoc[] = [
    { ...base, file: titleFile, title: work.title, type: 'titlepage', body: frontMatter(work, archiveName, options) },
  ];
  const chapters: NavEntry[] = [];
  for (const chapter of work.chapters) {
    const file = `${prefix}chapter-${String(chapter.position).padStart(3, '0')}.xhtml`;
    const heading = chapterHeading(work, chapter);
    docs.push({ ...base, file, title: heading, type: 'chapter', body: chapterPart(work, chapter, options) });
    chapters.push({ label: heading, href: file, children: [] });
  }
  const after = afterword(work, options);
  if (after) {
    docs.push({
      ...base,
      file: `${prefix}afterword.xhtml`,
      title: `Afterword: ${isolateBidi(work.title)}`,
      type: 'afterword',
      body: after,
    });
    chapters.push({ label: 'Afterword', href: `${prefix}afterword.xhtml`, children: [] });
  }
  const nav = titleInNav
    ? [{ label: work.title, href: titleFile, children: chapters }]
    : [{ label: 'Title page', href: titleFile, children: [] }, ...chapters];
  return { docs, nav };
}

export function workEpub(work: DownloadWork, archiveName: string, origin: string): Uint8Array {
  const { docs, nav } = workDocs(work, archiveName, '', origin, false);
  return zipBook({
    identifier: work.identifier,
    title: work.title,
    creators: work.creators,
    languages: [work.language],
    rtl: work.rtl,
    subjects: subjectsOf(work),
    description: htmlToText(work.summary, 0),
    modified: work.modified,
    date: work.publishedAt,
    source: work.url,
    publisher: archiveName,
    collections: work.series.map((s) => ({ title: s.title, position: s.position })),
    docs,
    nav,
    start: docs[1].file,
  });
}

export function seriesEpub(series: DownloadSeries, archiveName: string, origin: string): Uint8Array {
  const options: PartOptions = { images: 'link', origin, prefix: 'series-' };
  const docs: ContentDoc[] = [
    {
      file: 'series.xhtml',
      title: series.title,
      language: series.language,
      rtl: series.rtl,
      type: 'titlepage',
      body: seriesFrontMatter(series, archiveName, options),
    },
  ];
  const nav: NavEntry[] = [{ label: series.title, href: 'series.xhtml', children: [] }];
  series.works.forEach((work, i) => {
    const part = workDocs(work, archiveName, `w${i + 1}-`, origin, true);
    docs.push(...part.docs);
    nav.push(...part.nav);
  });
  return zipBook({
    identifier: series.identifier,
    title: series.title,
    creators: series.creators,
    languages: [...new Set([series.language, ...series.works.map((w) => w.language)])],
    rtl: series.rtl,
    subjects: [...new Set(series.works.flatMap(subjectsOf))],
    description: htmlToText(series.summary, 0),
    modified: series.modified,
    date: series.works[0]?.publishedAt ?? null,
    source: series.url,
    publisher: archiveName,
    collections: [{ title: series.title }],
    docs,
    nav,
    start: docs[1]?.file ?? docs[0].file,
  });
}
