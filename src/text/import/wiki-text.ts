/**
 * A page of a personal wiki saved as its source text: a Zim Desktop Wiki page file
 * ("Content-Type: text/x-zim-wiki" over "====== Title ======"), a TiddlyWiki tiddler (.tid: "title:",
 * "created:" … fields over "! Heading"), a MediaWiki or DokuWiki page's wikitext ("== Chapter One ==",
 * "'''bold'''", "{{Infobox | title = …}}"). The wiki's marks are the writer's formatting, not words:
 * the page is read as the Markdown it means, its fields as a header's labelled lines, and what the
 * wiki shows no reader as typed (a comment, a macro, category links) is set apart, kept as read.
 */

export type WikiKind = 'zim' | 'tiddlywiki' | 'mediawiki' | 'dokuwiki';

export interface WikiPage {
  kind: WikiKind;
  /** The page's fields ("Title", "A Crooked Frame"), as a header's labelled lines. */
  fields: [string, string][];
  /** The page's own lines the wiki keeps for itself (the file's format lines, its dates). */
  fileLines: string[];
  /** The body as Markdown, HTML in it escaped. */
  markdown: string;
  /** Paragraphs of `markdown` the wiki shows no reader as typed: comments, macros, category links. */
  apart: Map<string, string>;
}

const ZIM_HEADER = /^Content-Type: text\/x-zim-wiki\s*$/;
const TID_FIELD = /^([a-z][a-z0-9_.-]*):[ \t]?(.*)$/;
/** A line of the page's heading marks: "== Chapter One ==", "====== The Woolly Bell ======". */
const EQUALS_HEADING = /^(={1,6})[ \t]*([^=\n].*?)[ \t]*\1[ \t]*$/;
const TIDDLY_HEADING = /^(!{1,6})[ \t]*(\S.*)$/;
/** The longest line read as a heading: the heading pattern is tried on no longer one. */
const HEADING_LENGTH = 300;
/** How much of a file is looked at to tell a wiki page. */
const HEAD = 20_000;

/** The file's wiki, when it is a wiki page's source; undefined for any other text. */
export function wikiKind(text: string): WikiKind | undefined {
  const lines = text.slice(0, HEAD).split('\n');
  if (ZIM_HEADER.test(lines[0] ?? '')) return 'zim';
  if (tiddlerFields(lines)) return 'tiddlywiki';
  const headings = lines.filter((line) => headingLine('mediawiki', line));
  if (headings.length < 2) return undefined;
  // "== Chapter 2 ==" alone is how many writers head a chapter in plain text: the wiki's other marks tell its page.
  const head = lines.join('\n');
  if (/'''\S|^\{\{|\[\[Category:/m.test(head)) return 'mediawiki';
  const italic = /(?<![:\w])\/\/\S[^/\n]*\/\//.test(head);
  return italic && headings.some((line) => line.startsWith('=====')) ? 'dokuwiki' : undefined;
}

/** A tiddler's field lines at the top of a .tid file: a title and one of TiddlyWiki's own fields. */
function tiddlerFields(lines: string[]): [string, string][] | undefined {
  const fields: [string, string][] = [];
  for (const line of lines) {
    if (line.trim() === '') break;
    const match = TID_FIELD.exec(line);
    if (!match) return undefined;
    fields.push([match[1], match[2].trim()]);
  }
  const names = new Set(fields.map(([name]) => name));
  const tiddly =
    fields.some(([name, value]) => name === 'type' && value.startsWith('text/vnd.tiddlywiki')) ||
    fields.some(([name, value]) => (name === 'created' || name === 'modified') && /^\d{14,17}$/.test(value));
  return names.has('title') && tiddly ? fields : undefined;
}

/** The page read as Markdown, or undefined when the text is no wiki page. */
export function wikiPage(text: string): WikiPage | undefined {
  const kind = wikiKind(text);
  if (!kind) return undefined;
  const lines = text.split('\n');
  const page: WikiPage = { kind, fields: [], fileLines: [], markdown: '', apart: new Map() };
  let body = lines;
  if (kind === 'zim' || kind === 'tiddlywiki') {
    const end = lines.findIndex((line) => line.trim() === '');
    const header = end === -1 ? lines : lines.slice(0, end);
    body = end === -1 ? [] : lines.slice(end + 1);
    if (kind === 'zim') page.fileLines.push(...header);
    else for (const line of header) tiddlerField(page, line);
  }
  const out: string[] = [];
  const levels = headingLevels(kind, body);
  let quote = false;
  for (let i = 0; i < body.length; i++) {
    const line = body[i];
    if (kind === 'mediawiki' && line.startsWith('{{') && out.every((l) => l.trim() === '')) {
      i = infobox(page, body, i);
      continue;
    }
    if (kind === 'tiddlywiki' && /^<<<\s*$/.test(line)) {
      quote = !quote;
      out.push('');
      continue;
    }
    const converted = convertLine(page, kind, line, levels);
    out.push(quote && converted.trim() !== '' ? `> ${converted}` : converted);
  }
  page.markdown = out.join('\n');
  return page;
}

/** A tiddler's field: its title and tags as a header's lines, the wiki's own dates and names kept apart. */
function tiddlerField(page: WikiPage, line: string): void {
  const match = TID_FIELD.exec(line);
  if (!match) return void page.fileLines.push(line);
  const [, name, value] = match;
  if (name === 'title') page.fields.push(['Title', value.trim()]);
  else if (name === 'tags') page.fields.push(['Tags', tiddlyTags(value).join(', ')]);
  else page.fileLines.push(line);
}

/** "fic Lymond [[Game of Kings era]] finished": words, and a bracketed tag as one. */
function tiddlyTags(value: string): string[] {
  return [...value.matchAll(/\[\[([^\]]*)\]\]|(\S+)/g)].map((m) => (m[1] ?? m[2]).trim()).filter(Boolean);
}

/** "{{FicInfobox | title = … | author = … }}" opening the page: its fields; the index of its last line. */
function infobox(page: WikiPage, lines: string[], start: number): number {
  let end = start;
  while (end < lines.length && !lines[end].includes('}}')) end++;
  if (end === lines.length) end = start;
  const inside = lines
    .slice(start, end + 1)
    .join('\n')
    .replace(/^\{\{[^|\n]*/, '')
    .replace(/\}\}\s*$/, '');
  for (const cell of inside.split('|')) {
    const match = /^\s*([^=\n]+?)\s*=\s*([\s\S]*?)\s*$/.exec(cell);
    if (match && match[2] !== '') page.fields.push([capitalised(match[1]), inline('mediawiki', match[2])]);
    else if (cell.trim() !== '') page.fileLines.push(cell.trim());
  }
  return end;
}

const capitalised = (name: string) => name[0].toUpperCase() + name.slice(1);

/** Each count of "=" (or "!") the page's headings use, as a Markdown level, the page's top heading level 1. */
function headingLevels(kind: WikiKind, lines: string[]): Map<number, number> {
  const counts = new Set<number>();
  for (const line of lines) {
    const match = headingLine(kind, line);
    if (match) counts.add(match[1].length);
  }
  // Zim and DokuWiki mark a higher heading with more "=", MediaWiki and TiddlyWiki with fewer.
  const higherFirst = [...counts].sort((a, b) => (kind === 'zim' || kind === 'dokuwiki' ? b - a : a - b));
  return new Map(higherFirst.map((count, i) => [count, Math.min(i + 1, 6)]));
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** "color:grey;Characters are …" inside TiddlyWiki's "@@…@@": the words, without the style's. */
function unstyled(styled: string): string {
  let text = styled;
  for (;;) {
    const style = /^(?:[\w-]+:[^;\s]*;|\.[\w-]+\s)/.exec(text);
    if (!style) return text;
    text = text.slice(style[0].length);
  }
}

function headingLine(kind: WikiKind, line: string): RegExpExecArray | null {
  if (line.length > HEADING_LENGTH) return null;
  return (kind === 'tiddlywiki' ? TIDDLY_HEADING : EQUALS_HEADING).exec(line);
}

function convertLine(page: WikiPage, kind: WikiKind, line: string, levels: Map<number, number>): string {
  const heading = headingLine(kind, line);
  if (heading) return `${'#'.repeat(levels.get(heading[1].length) ?? 1)} ${inline(kind, heading[2])}`;
  const trimmed = line.trim();
  const apart = apartLine(kind, trimmed);
  if (apart) {
    page.apart.set(trimmed, apart);
    return `\n${escapeHtml(trimmed)}\n`;
  }
  if (kind === 'zim' && /^(?:@[\p{L}\p{N}_-]+\s*)+$/u.test(trimmed)) {
    page.fields.push([
      'Tags',
      trimmed
        .split(/\s+/)
        .map((tag) => tag.slice(1))
        .join(', '),
    ]);
    return '';
  }
  // A numbered list's "#" (MediaWiki, TiddlyWiki) would read as a Markdown heading.
  const listed = kind === 'mediawiki' || kind === 'tiddlywiki' ? line.replace(/^#+[ \t]*(?=\S)/, '1. ') : line;
  return inline(kind, listed);
}

/** What a line the wiki shows no reader as typed is: a comment, a macro's call, the page's categories. */
function apartLine(kind: WikiKind, line: string): string | undefined {
  if (/^<!--[\s\S]*-->$/.test(line)) return 'a comment (“<!-- … -->”), which the wiki does not show';
  if (kind === 'tiddlywiki' && line.startsWith('<<') && line.endsWith('>>'))
    return 'a macro (“<<…>>”), which the wiki replaces with what it makes';
  if (kind === 'mediawiki' && /^(?:\[\[Category:[^\]]*\]\]\s*)+$/i.test(line))
    return 'the page’s categories, which the wiki lists under the page';
  return undefined;
}

/**
 * A line's inline marks as Markdown's; links as the words they show. A mark's words are looked for
 * over 300 characters at most, so that a line of marks never closed is read once, not once a mark.
 */
function inline(kind: WikiKind, text: string): string {
  let line = escapeHtml(text);
  if (kind === 'mediawiki') {
    line = line
      .replace(/'''''(.{1,300}?)'''''/g, '***$1***')
      .replace(/'''(.{1,300}?)'''/g, '**$1**')
      .replace(/''(.{1,300}?)''/g, '*$1*')
      .replace(/\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]/g, '$1');
  } else {
    line = line.replace(/(?<![:\w])\/\/(?=\S)(.{1,300}?)(?<=\S)\/\//g, '*$1*');
    if (kind === 'tiddlywiki')
      line = line
        .replace(/''(.{1,300}?)''/g, '**$1**')
        .replace(/@@(.{0,300}?)@@/g, (_, styled: string) => unstyled(styled))
        .replace(/\[\[([^\]|]*)(?:\|[^\]]*)?\]\]/g, '$1');
    else line = line.replace(/\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]/g, '$1');
  }
  return line;
}
