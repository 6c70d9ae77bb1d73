/**
 * One input file to blocks, whatever its format: plain text, Markdown, HTML (a saved page or
 * an AO3 download), .docx, RTF or EPUB. Text goes through decoding, mojibake repair, spacing and
 * paragraph restoration; what each step did is reported for the writer's warnings.
 */
import iconv from 'iconv-lite';
import { marked } from 'marked';
import { parse as parseToml } from 'smol-toml';
import { labelToName } from 'whatwg-encoding';
import { parse as parseYaml } from 'yaml';
import { escapeHtml, statedWithin, type SourceBlock } from './blocks.ts';
import { labelledField, fieldShaped } from './cues.ts';
import { decodeBytes } from './decode.ts';
import { docxToHtml } from './docx.ts';
import { readEpub, type EpubContent } from './epub.ts';
import { ImportError, MAX_IMPORT_BYTES } from './errors.ts';
import { calloutsAsNotes, commentsLeftOut } from './callouts.ts';
import { withoutFoldMarkers } from './fold-markers.ts';
import { htmlToBlocks } from './html.ts';
import { mailAsShown, withoutQuoteMarks } from './mail-body.ts';
import { mboxBlocks } from './mbox.ts';
import { namedNodeBlocks, nodeTreeBlocks } from './node-tree.ts';
import { outlineAsParagraphs, withoutOutlineColumns } from './outline.ts';
import type { PastedText } from './paste.ts';
import { repairMojibake } from './mojibake.ts';
import { elementDepth, TOO_DEEP } from './nesting.ts';
import { restoreParagraphs, textToBlocks } from './paragraphs.ts';
import { isRtf, rtfToHtml } from './rtf.ts';
import { normalizeSpacing, shortenSpaceRuns } from './spacing.ts';
import { emptyTags, type ImportedTags } from './tags.ts';
import { wikiPage, type WikiKind, type WikiPage } from './wiki-text.ts';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export type ImportFormat = 'text' | 'markdown' | 'html' | 'docx' | 'rtf' | 'epub';

/** What reading one file found and did, shown to the writer. */
export interface FileReport {
  name: string;
  format: ImportFormat;
  /** "AO3 download", "saved web page", "HTML" … for formatted input. */
  layout: string | null;
  encoding: string | null;
  encodingGuessed: boolean;
  /** Layers of UTF-8-read-as-Windows-1252 undone, with a few examples. */
  mojibakeLayers: number;
  mojibakeExamples: string[];
  paragraphsRestored: boolean;
  cutMidCharacter: boolean;
  /** A saved page's text outside the story could not be read (nested thousands deep); the story was. */
  outsideUnread?: boolean;
}

export interface ReadFile {
  report: FileReport;
  blocks: SourceBlock[];
  /** A saved page's text outside the story's box (see html.ts), shown apart in the preview. */
  outside?: SourceBlock[];
  tags: ImportedTags;
  language: string | null;
}

function extension(name: string): string {
  return /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
}

function startsWithBytes(bytes: Uint8Array, ...prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Formats a writer may try that Quire cannot read, named so the message can say what to do instead. */
function refuseKnownBinary(bytes: Uint8Array): void {
  if (startsWithBytes(bytes, 0x25, 0x50, 0x44, 0x46))
    throw new ImportError('PDF files cannot be imported; save the story as .docx, .html or .txt instead.');
  if (startsWithBytes(bytes, 0xd0, 0xcf, 0x11, 0xe0))
    throw new ImportError('this is an old Word .doc file; save it as .docx and import that.');
  if (
    startsWithBytes(bytes, 0x89, 0x50, 0x4e, 0x47) ||
    startsWithBytes(bytes, 0xff, 0xd8, 0xff) ||
    startsWithBytes(bytes, 0x47, 0x49, 0x46, 0x38)
  ) {
    throw new ImportError('this is a picture, not a story.');
  }
}

function isZip(bytes: Uint8Array): boolean {
  return startsWithBytes(bytes, 0x50, 0x4b, 0x03, 0x04);
}

/** A zip is a .docx when it holds word/document.xml, an EPUB when it starts with its mimetype entry. */
function zipKind(bytes: Uint8Array, name: string): 'docx' | 'epub' {
  const ext = extension(name);
  if (ext === 'docx' || ext === 'epub') return ext;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  if (head.includes('application/epub+zip')) return 'epub';
  if (head.includes('word/') || head.includes('[Content_Types].xml')) return 'docx';
  throw new ImportError(
    'this is a zip archive but neither a .docx nor an EPUB; unpack it and import the story files inside.',
  );
}

function looksLikeHtml(text: string, ext: string): boolean {
  if (['html', 'htm', 'xhtml', 'mhtml'].includes(ext)) return true;
  if (['txt', 'text', 'md', 'markdown'].includes(ext)) return false;
  return /^\s*(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html|<body[\s>]|<p[\s>])/i.test(text.slice(0, 1000));
}

/** An HTML file that states its charset is read in it when its bytes are not UTF-8. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const label = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
  // As browsers read it: a page that says "iso-8859-1" or "ascii" means Windows-1252, whose curly
  // quotes and dashes old pages hold (bytes 0x80-0x9f, control characters in strict Latin-1).
  const name = label ? labelToName(label) : null;
  return name && iconv.encodingExists(name) ? name.toLowerCase() : undefined;
}

function emptyReport(name: string, format: ImportFormat): FileReport {
  return {
    name,
    format,
    layout: null,
    encoding: null,
    encodingGuessed: false,
    mojibakeLayers: 0,
    mojibakeExamples: [],
    paragraphsRestored: false,
    cutMidCharacter: false,
  };
}

function fromHtml(html: string, report: FileReport, file: number, paragraphWords?: number): ReadFile {
  const repaired = repairMojibake(html);
  report.mojibakeLayers = repaired.layers;
  report.mojibakeExamples = repaired.examples;
  let source: ReturnType<typeof htmlToBlocks>;
  const page = normalizeSpacing(repaired.text);
  try {
    source = htmlToBlocks(page, file);
  } catch (error) {
    // The page is read by recursion, element in element: thousands deep overflow the stack.
    if (!(error instanceof RangeError) || elementDepth(page) < TOO_DEEP) throw error;
    throw new ImportError(
      'it nests its elements inside each other thousands of levels deep, more than can be read. Save the story as .txt or .docx and import that.',
    );
  }
  report.layout = source.layout;
  if (source.pasted) return fromPaste(source.pasted, report, file, paragraphWords);
  if (source.outsideUnread) report.outsideUnread = true;
  return { report, blocks: source.blocks, tags: source.tags, language: source.language, outside: source.outside };
}

/**
 * A paste page's paste read as the text file it is, under the paste's title and its poster. A title
 * that only repeats the text's own first line with more words round it ("Návštěvníci – Kompjútr má
 * rýmu (fanfikce)" over "KOMPJÚTR MÁ RÝMU") is the site's line; the text's own heads the work.
 */
function fromPaste(pasted: PastedText, report: FileReport, file: number, paragraphWords?: number): ReadFile {
  const restored = restoreParagraphs(textToBlocks(pasted.text, file), { targetWords: paragraphWords });
  report.paragraphsRestored = restored.restored;
  const blocks = [...restored.blocks];
  const head: SourceBlock[] = [];
  if (pasted.title) {
    const at = blocks.findIndex((b) => b.text.trim() !== '');
    const line = at === -1 ? '' : blocks[at].text.split('\n')[0];
    const repeats = line !== '' && ` ${key(pasted.title)} `.includes(` ${key(line)} `);
    const cased = repeats ? casedWithin(pasted.title, line) : undefined;
    const title: SourceBlock = { kind: 'paragraph', text: pasted.title, file, gap: 1 };
    if (cased) {
      // The text's line in capitals, the same words in the paste's title written as a title is: the title's
      // casing is offered, and the capitals line is set apart (shown, not lost).
      blocks.splice(at, 1, ...statedWithin(blocks[at], line, { part: 'metadata' }));
      head.push({ ...title, chrome: true }, { ...title, text: cased, stated: { part: 'title' } });
    } else {
      if (repeats) blocks.splice(at, 1, ...statedWithin(blocks[at], line, { part: 'title' }));
      head.push(repeats ? { ...title, chrome: true } : { ...title, stated: { part: 'title' } });
    }
  }
  if (pasted.poster)
    head.push({
      kind: 'paragraph',
      text: pasted.poster,
      file,
      gap: 1,
      stated: { part: 'author', why: 'who posted the paste, as the page says' },
    });
  return { report, blocks: [...head, ...blocks], tags: emptyTags(), language: null };
}

/**
 * The words of `line`, written in capitals, as `title` writes them ("Kompjútr má rýmu" for "KOMPJÚTR MÁ
 * RÝMU" in "Návštěvníci – Kompjútr má rýmu (fanfikce)"); undefined when the line is not in capitals or
 * the title does not hold it with other casing.
 */
function casedWithin(title: string, line: string): string | undefined {
  const words = line.trim();
  if (words !== words.toUpperCase() || words === words.toLowerCase()) return undefined;
  const at = title.toLocaleLowerCase().indexOf(words.toLocaleLowerCase());
  if (at === -1) return undefined;
  const found = title.slice(at, at + words.length);
  return found.toLocaleUpperCase() === words.toLocaleUpperCase() && found !== words ? found : undefined;
}

/**
 * Markdown's front matter, as blogs and static sites keep it: YAML between "---" lines (Jekyll,
 * Obsidian) or TOML between "+++" lines (Hugo). Each key becomes a labelled header line ("Title: …")
 * for the header reading to place. Front matter that is not a mapping is left as it is.
 */
function frontMatter(text: string): { fields: string; body: string } {
  const yaml = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  const toml = yaml ? null : /^\uFEFF?\+\+\+[ \t]*\r?\n([\s\S]*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)/.exec(text);
  const match = yaml ?? toml;
  if (!match) return { fields: '', body: text };
  let data: unknown;
  try {
    data = yaml ? parseYaml(match[1]) : parseToml(match[1]);
  } catch {
    return { fields: '', body: text };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { fields: '', body: text };
  // Lists as "a, b, c"; dates as written; nested mappings as JSON, so nothing in them is lost.
  const shown = (value: unknown): string =>
    Array.isArray(value)
      ? value.map(shown).join(', ')
      : value instanceof Date
        ? value.toISOString().slice(0, 10)
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value);
  const fields = Object.entries(data as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `<p>${escapeHtml(key[0].toUpperCase() + key.slice(1))}: ${escapeHtml(shown(value))}</p>`)
    .join('\n');
  return { fields, body: text.slice(match[0].length) };
}

const tooDeepMarkdown = () =>
  new ImportError(
    'its Markdown nests quotes or lists inside each other thousands of levels deep, more than can be read. Import it as .txt instead.',
  );
/** A line opening 1,000 quotes inside each other: marked reads the rest of the line again for each. */
const QUOTES_TOO_DEEP = /^(?:[ \t]{0,3}>){1000}/m;

/**
 * Markdown read by marked, its long runs of spaces cut first: a list indented ever deeper, line
 * after line, took marked minutes. marked reads quotes and lists inside each other by recursion;
 * thousands of levels overflow the stack, which is said as the file's fault (marked is not ours to mend).
 */
async function markdownToHtml(markdown: string): Promise<string> {
  const text = shortenSpaceRuns(markdown);
  if (QUOTES_TOO_DEEP.test(text)) throw tooDeepMarkdown();
  try {
    return await marked.parse(text, { gfm: true });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw tooDeepMarkdown();
  }
}

/** How far down a Markdown file its header's labelled lines are looked for. */
const FIELD_LINES_TOP = 40;

/**
 * "Title: Ashfall, Lightly" / "Author: steel_pusher_88" / "Rating: General" on lines of their own at
 * a Markdown file's top (iA Writer's, Notion's export): Markdown runs lines with no blank between them
 * into one paragraph, which would read as one long title. Each labelled line, under a labelled line,
 * stands apart, as the writer sees it.
 */
function fieldLinesApart(markdown: string): string {
  const lines = markdown.split('\n');
  const top = lines.slice(0, FIELD_LINES_TOP);
  let labelled = false;
  const out: string[] = [];
  for (const line of top) {
    const trimmed = line.trim();
    const field = trimmed !== '' && (labelledField(trimmed) !== undefined || fieldShaped(trimmed) !== undefined);
    if (field && labelled) out.push('');
    out.push(line);
    labelled = field && (labelled || labelledField(trimmed) !== undefined);
  }
  return [...out, ...lines.slice(FIELD_LINES_TOP)].join('\n');
}

/** A fence's opening or closing line: three or more backticks or tildes, an info string after an opening one. */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/u;

/**
 * "~~~" alone between blank lines, as writers in Byword or iA Writer break a scene: Markdown reads it as
 * a code block's fence that runs on (unclosed, to the file's end), and the story under it would show as
 * code. A fence's opening line has its code right under it; a line of tildes with a blank line under it,
 * outside a code block, is the writer's scene break, kept as text.
 */
function tildeBreaksAsText(markdown: string): string {
  const lines = markdown.split('\n');
  let open: string | undefined;
  return lines
    .map((line, i) => {
      const fence = FENCE.exec(line);
      if (!fence) return line;
      if (open !== undefined) {
        if (fence[1][0] === open[0] && fence[1].length >= open.length && fence[2].trim() === '') open = undefined;
        return line;
      }
      const blankAround = (lines[i + 1] ?? '').trim() === '' && (i === 0 || lines[i - 1].trim() === '');
      if (fence[1][0] === '~' && fence[2].trim() === '' && blankAround) return line.replace('~', '\\~');
      open = fence[1];
      return line;
    })
    .join('\n');
}

/** `paragraphWords`: the length collapsed text's paragraphs are restored to (the writer's own, when known). */
export async function readFile(
  input: ImportFile,
  file = 0,
  maxBytes = MAX_IMPORT_BYTES,
  paragraphWords?: number,
): Promise<ReadFile> {
  const { name, bytes } = input;
  try {
    if (bytes.length === 0) throw new ImportError('the file is empty.');
    if (bytes.length > maxBytes) {
      throw new ImportError(
        `the file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${(maxBytes / 1048576).toFixed(0)} MB. Split it into chapters and import them together.`,
      );
    }
    refuseKnownBinary(bytes);
    if (isZip(bytes) || ['docx', 'epub'].includes(extension(name))) {
      if (!isZip(bytes))
        throw new ImportError(
          `this is not a real .${extension(name)} file (it is not a zip archive); it may be damaged or renamed.`,
        );
      if (zipKind(bytes, name) === 'docx') return fromHtml(await docxToHtml(bytes), emptyReport(name, 'docx'), file);
      const epub = await readEpub(bytes);
      return fromEpub(epub, emptyReport(name, 'epub'), file);
    }
    if (isRtf(bytes)) return fromRtf(bytes, emptyReport(name, 'rtf'), file);
    if (extension(name) === 'rtf')
      throw new ImportError(
        'this is not a real .rtf file (it does not start with {\\rtf); it may be damaged or renamed.',
      );
    let decoded = decodeBytes(bytes);
    const ext = extension(name);
    const html = looksLikeHtml(decoded.text, ext);
    if (html && decoded.guessed) {
      const charset = declaredCharset(bytes);
      if (charset)
        decoded = { ...decoded, text: iconv.decode(Buffer.from(bytes), charset), encoding: charset, guessed: false };
    }
    const guessedMarkdown = !html && !['md', 'markdown'].includes(ext) && markdownInText(decoded.text);
    const format: ImportFormat = html
      ? 'html'
      : ['md', 'markdown'].includes(ext) || guessedMarkdown
        ? 'markdown'
        : 'text';
    const report: FileReport = {
      ...emptyReport(name, format),
      encoding: decoded.encoding,
      encodingGuessed: decoded.guessed,
      cutMidCharacter: decoded.cutMidCharacter,
    };
    if (format === 'html') return fromHtml(decoded.text, report, file, paragraphWords);
    const wiki = format === 'text' ? wikiPage(normalizeSpacing(decoded.text)) : undefined;
    if (wiki) return fromWiki(wiki, report, file);
    if (format === 'markdown') {
      const { fields, body } = frontMatter(decoded.text);
      const outline = outlineAsParagraphs(tildeBreaksAsText(body));
      const typed = fieldLinesApart(calloutsAsNotes(guessedMarkdown ? asTypedMarkdown(outline) : outline));
      const read = fromHtml(fields + (await markdownToHtml(typed)), report, file);
      return { ...read, blocks: commentsLeftOut(read.blocks) };
    }
    const repaired = repairMojibake(decoded.text);
    report.mojibakeLayers = repaired.layers;
    report.mojibakeExamples = repaired.examples;
    // An outliner's text export (Dynalist's, Workflowy's) bullets every line as its Markdown export does.
    const text = outlineAsParagraphs(
      withoutFoldMarkers(normalizeSpacing(withoutQuoteMarks(mailAsShown(withoutOutlineColumns(repaired.text))))),
      true,
    );
    if (text.trim() === '') throw new ImportError('the file has no text in it.');
    const toBlocks = (part: string) => {
      const restored = restoreParagraphs(textToBlocks(part, file), { targetWords: paragraphWords });
      report.paragraphsRestored ||= restored.restored;
      return restored.blocks;
    };
    const blocks = mboxBlocks(text, file, toBlocks) ?? nodeTreeBlocks(text, file) ?? namedNodeBlocks(toBlocks(text));
    return { report, blocks, tags: emptyTags(), language: null };
  } catch (error) {
    if (error instanceof ImportError && !error.file) throw new ImportError(error.message, name);
    throw error;
  }
}

const WIKI_LAYOUT: Record<WikiKind, string> = {
  zim: 'Zim wiki page',
  tiddlywiki: 'TiddlyWiki tiddler',
  mediawiki: 'MediaWiki page source',
  dokuwiki: 'DokuWiki page source',
};

/**
 * A wiki page's source read as the Markdown it means (see wiki-text.ts): its fields head it as a
 * header's labelled lines, the wiki's own lines about the file and what it shows no reader as typed
 * (a comment, a macro, the page's categories) are kept as read, set apart from the story.
 */
async function fromWiki(page: WikiPage, report: FileReport, file: number): Promise<ReadFile> {
  const fields = page.fields.map(([name, value]) => `<p>${escapeHtml(name)}: ${escapeHtml(value)}</p>`).join('\n');
  const read = fromHtml(fields + (await markdownToHtml(page.markdown)), report, file);
  const why = `the ${WIKI_LAYOUT[page.kind]}’s own lines about its file`;
  const fileLines: SourceBlock[] = page.fileLines.length
    ? [{ kind: 'paragraph', text: page.fileLines.join('\n'), file, gap: 1, stated: { part: 'metadata', why } }]
    : [];
  const blocks = read.blocks.map((block): SourceBlock => {
    const apart = block.kind === 'paragraph' && !block.stated ? page.apart.get(block.text.trim()) : undefined;
    return apart ? { ...block, stated: { part: 'metadata', why: apart } } : block;
  });
  return { ...read, report: { ...read.report, layout: WIKI_LAYOUT[page.kind] }, blocks: [...fileLines, ...blocks] };
}

/**
 * Markdown saved as plain text (Ulysses's and iA Writer's exports, an Obsidian note renamed .txt): its
 * "#" headings and "**bold**" or "_by …_" marks are the writer's formatting, not words. A "#" heading
 * at the top, another below, and emphasis marks, so that a story's "#1" or a line of hashtags does
 * not count.
 */
function markdownInText(text: string): boolean {
  const head = text.slice(0, 200_000);
  // marked takes long over a very long line of marks; a file of such lines is read as the text it is.
  if (/[^\n]{5000}/.test(head)) return false;
  const headings = head.match(/^#{1,6} +\S[^\n]{0,200}$/gm)?.length ?? 0;
  if (headings < 2 || !/^\s*# +\S/.test(head)) return false;
  return /(?:^|\s)(?:\*\*\S[^*\n]{0,200}\*\*|_\S[^_\n]{0,200}_)(?:\s|$|[.,:;!?])/m.test(head);
}

/**
 * Markdown guessed in a text file: what the writer typed as text stays text, "<Dean> where r u"
 * and "1999. That was the year" included (not an HTML tag, not a numbered list).
 */
function asTypedMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/^(\s{0,3}\d{1,9})([.)])(?=\s)/gm, '$1\\$2');
}

/** An RTF file's stated title and author, placed as EPUB's are: only when the text does not show them. */
function fromRtf(bytes: Uint8Array, report: FileReport, file: number): ReadFile {
  const rtf = rtfToHtml(bytes);
  if (rtf.html === '') throw new ImportError('the file has no text in it.');
  const read = fromHtml(rtf.html, report, file);
  const blocks = [...read.blocks];
  const shown = blocks.map((b) => key(b.text));
  // A title the file states and its first line shows is that line; the creator goes under it.
  const titleShown = rtf.title !== null && shown[0] === key(rtf.title);
  if (titleShown) blocks[0] = { ...blocks[0], stated: { part: 'title' } };
  else if (rtf.title && !shown.includes(key(rtf.title)))
    blocks.unshift({ kind: 'paragraph', text: rtf.title, file, gap: 1, stated: { part: 'title' } });
  const underTitle = blocks[0].stated?.part === 'title' ? 1 : 0;
  // Word fills in the account's name (a placeholder one is no one's); it is stated only under a stated title,
  // as a line above an unstated one would be read as the story's start.
  const author =
    rtf.author && !/^(?:(?:microsoft )?office user|windows user|user|owner|admin(?:istrator)?)$/i.test(rtf.author)
      ? rtf.author
      : null;
  if (author && underTitle === 1 && !shown.some((text) => ` ${text} `.includes(` ${key(author)} `)))
    blocks.splice(underTitle, 0, {
      kind: 'paragraph',
      text: author,
      file,
      gap: 1,
      stated: { part: 'author', why: 'the author the document’s properties name' },
    });
  return { ...read, blocks };
}

/** Text compared as words, whatever its punctuation and case. */
function key(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function fromEpub(epub: EpubContent, report: FileReport, file: number): ReadFile {
  const read = fromHtml(
    epub.documents.map((doc) => `<div class="epub-document">${doc}</div>`).join('\n'),
    report,
    file,
  );
  const stated: SourceBlock[] = [];
  const mentioned = (text: string) => read.blocks.some((b) => key(b.text) === key(text));
  if (epub.title && !mentioned(epub.title) && read.report.layout !== 'AO3 download')
    stated.push({ kind: 'paragraph', text: epub.title, file, gap: 1, stated: { part: 'title' } });
  if (epub.description && read.report.layout !== 'AO3 download') {
    const summary = htmlToBlocks(
      /<[a-z]/i.test(epub.description) ? epub.description : `<p>${escapeHtml(epub.description)}</p>`,
      file,
    ).blocks;
    if (!summary.every((b) => mentioned(b.text)))
      stated.push(...summary.map((b): SourceBlock => ({ ...b, stated: { part: 'summary' } })));
  }
  if (read.report.layout !== 'AO3 download')
    read.tags.freeforms.push(...epub.subjects.filter((s) => !read.tags.freeforms.includes(s)));
  const language = epub.language?.toLowerCase().split('-')[0] ?? null;
  return { ...read, blocks: [...stated, ...read.blocks], language: read.language ?? language };
}
