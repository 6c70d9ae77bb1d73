/**
 * Plain text downloads: paragraphs wrapped at 78 columns and separated by blank lines, lists
 * with bullets, quotations indented, links and images written out with their addresses, and
 * every note labelled.
 */
import { chapterHeading, languageName, type DownloadSeries, type DownloadWork } from './document.ts';
import { xhtmlTree, type XElement, type XNode } from './xhtml.ts';
import { isolateBidi } from '../text/bidi.ts';

const WIDTH = 78;
const BREAK = '\u2028';

/** Wraps one line at spaces; words longer than the width (or unspaced scripts) stay whole. */
export function wrap(line: string, width: number): string[] {
  if (width <= 0 || line.length <= width) return [line];
  const lines: string[] = [];
  let current = '';
  let length = 0;
  for (const word of line.split(' ')) {
    const size = word.length;
    if (length === 0 && current === '') {
      current = word;
      length = size;
    } else if (length + 1 + size <= width) {
      current += ` ${word}`;
      length += 1 + size;
    } else {
      lines.push(current);
      current = word;
      length = size;
    }
  }
  if (current) lines.push(current);
  return lines;
}

function inlineText(nodes: XNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') out += node;
    else if (node.tag === 'br') out += BREAK;
    else if (node.tag === 'img') out += `[Image${node.attrs.alt ? `: ${node.attrs.alt}` : ''}] (${node.attrs.src})`;
    else if (node.tag === 'rp') continue;
    else if (node.tag === 'rt') out += `(${inlineText(node.children)})`;
    else if (node.tag === 'a') {
      const text = inlineText(node.children);
      const href = node.attrs.href;
      out += href && !href.startsWith('#') && href !== text.trim() ? `${text} (${href.replace(/^mailto:/, '')})` : text;
    } else out += inlineText(node.children);
  }
  return out;
}

function paragraph(text: string, width: number): string | undefined {
  const lines = text
    .replace(/[ \t\r\n\f]+/g, ' ')
    .split(BREAK)
    .map((l) => l.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 0 && lines[0] === '') lines.shift();
  if (lines.length === 0) return undefined;
  return lines.flatMap((l) => wrap(l, width)).join('\n');
}

function indent(block: string, first: string, rest: string): string {
  return block
    .split('\n')
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');
}

function blocks(nodes: XNode[], width: number): string[] {
  const out: string[] = [];
  let inline: XNode[] = [];
  const flush = () => {
    const p = paragraph(inlineText(inline), width);
    if (p) out.push(p);
    inline = [];
  };
  for (const node of nodes) {
    if (
      typeof node === 'string' ||
      [
        'a',
        'abbr',
        'b',
        'bdo',
        'br',
        'cite',
        'code',
        'del',
        'dfn',
        'em',
        'i',
        'img',
        'ins',
        'kbd',
        'mark',
        'q',
        'ruby',
        's',
        'samp',
        'small',
        'span',
        'strong',
        'sub',
        'sup',
        'u',
        'var',
        'wbr',
      ].includes(node.tag)
    ) {
      inline.push(node);
      continue;
    }
    flush();
    out.push(...blockText(node, width));
  }
  flush();
  return out;
}

function blockText(node: XElement, width: number): string[] {
  switch (node.tag) {
    case 'hr':
      return ['* * *'];
    case 'pre': {
      const text = inlineText(node.children)
        .replaceAll(BREAK, '\n')
        .replace(/^\n+|\n+$/g, '');
      return text ? [text] : [];
    }
    case 'ul':
    case 'ol': {
      let n = Number(node.attrs.start ?? '1');
      const items = node.children.flatMap((child) => {
        if (typeof child === 'string') return [];
        if (child.attrs.value) n = Number(child.attrs.value);
        const marker = node.tag === 'ol' ? `${n++}. ` : '- ';
        const body = blocks(child.children, width - marker.length).join('\n\n');
        return body ? [indent(body, marker, ' '.repeat(marker.length))] : [];
      });
      return items.length > 0 ? [items.join('\n')] : [];
    }
    case 'blockquote':
      return blocks(node.children, width - 4).map((b) => indent(b, '    ', '    '));
    case 'table': {
      const rows: string[] = [];
      const collect = (nodes: XNode[]) => {
        for (const child of nodes) {
          if (typeof child === 'string') continue;
          if (child.tag === 'tr')
            rows.push(
              child.children
                .flatMap((cell) =>
                  typeof cell === 'string' ? [] : [blocks(cell.children, 0).join(' ').replace(/\s+/g, ' ')],
                )
                .join(' | '),
            );
          else if (child.tag === 'caption') rows.push(blocks(child.children, 0).join(' '));
          else collect(child.children);
        }
      };
      collect(node.children);
      return rows.length > 0 ? [rows.join('\n')] : [];
    }
    case 'dl':
      return node.children.flatMap((child) =>
        typeof child === 'string'
          ? []
          : child.tag === 'dd'
            ? blocks(child.children, width - 4).map((b) => indent(b, '    ', '    '))
            : blocks(child.children, width),
      );
    default:
      return blocks(node.children, width);
  }
}

/** Stored HTML as plain text paragraphs; width 0 keeps every paragraph on one line. */
export function htmlToText(html: string, width = WIDTH): string {
  if (html.trim() === '') return '';
  return blocks(xhtmlTree(html, { idPrefix: 't-', images: 'keep' }), width).join('\n\n');
}

function labelled(label: string, html: string): string {
  const text = htmlToText(html, WIDTH - 2);
  return text ? `${label}\n\n${indent(text, '  ', '  ').replace(/\n {2}\n/g, '\n\n')}` : '';
}

function rule(title: string): string {
  return `${'='.repeat(Math.min(WIDTH, Math.max(10, [...title].length)))}`;
}

/** Names or tags, each isolated so that one written right to left cannot reorder the next. */
function list(values: string[]): string {
  return values.map(isolateBidi).join(', ');
}

function byline(title: string, creators: string[]): string {
  return `${isolateBidi(title)}\nby ${list(creators) || 'Anonymous'}`;
}

function workText(work: DownloadWork, archiveName: string): string {
  const meta: [string, string][] = [
    ['Rating', work.rating],
    ['Archive Warnings', list(work.warnings)],
    ['Categories', list(work.categories)],
    ['Fandoms', list(work.fandoms)],
    ['Relationships', list(work.relationships)],
    ['Characters', list(work.characters)],
    ['Additional Tags', list(work.freeforms)],
    ['Language', languageName(work.language)],
    ['Series', work.series.map((s) => `Part ${s.position} of ${isolateBidi(s.title)}`).join('; ')],
    ['Words', work.wordCount.toLocaleString('en')],
    ['Chapters', work.chapterProgress],
    ['Published', work.publishedAt?.slice(0, 10) ?? ''],
  ];
  const parts = [
    [
      byline(work.title, work.creators),
      work.gifts.length > 0 ? `for ${list(work.gifts)}` : '',
      work.betas.length > 0 ? `Beta read by ${list(work.betas)}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    meta
      .filter(([, v]) => v)
      .flatMap(([k, v]) => wrap(`${k}: ${v}`, WIDTH))
      .join('\n'),
    wrap(`Posted originally on ${archiveName} at ${work.url}`, WIDTH).join('\n'),
    labelled('Summary:', work.summary),
    labelled('Disclaimer:', work.disclaimer),
    labelled('Notes:', work.notes),
  ];
  for (const chapter of work.chapters) {
    const heading = chapterHeading(work, chapter, isolateBidi);
    parts.push(`${rule(heading)}\n${heading}\n${rule(heading)}`);
    parts.push(
      labelled('Chapter Summary:', chapter.summary),
      labelled('Chapter Notes:', chapter.notes),
      htmlToText(chapter.body),
      labelled('Chapter End Notes:', chapter.endNotes),
    );
  }
  const end = labelled('End Notes:', work.endNotes);
  if (end) parts.push(`${rule('Afterword')}\nAfterword\n${rule('Afterword')}`, end);
  return parts.filter(Boolean).join('\n\n');
}

export function workTxt(work: DownloadWork, archiveName: string): string {
  return `${workText(work, archiveName)}\n`;
}

export function seriesTxt(series: DownloadSeries, archiveName: string): string {
  const head = [
    byline(series.title, series.creators),
    `Works: ${series.works.length}\nPosted originally on ${archiveName} at ${series.url}`,
    labelled('Description:', series.summary),
    labelled('Notes:', series.notes),
  ];
  return `${[...head, ...series.works.map((w) => workText(w, archiveName))].filter(Boolean).join('\n\n\n')}\n`;
}
