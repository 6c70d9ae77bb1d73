/**
 * RTF (TextEdit's default, WordPad, Word's "Rich Text", Scrivener's export) to the HTML the other
 * formats become: paragraphs, bold, italics, underline, centred lines, line breaks, Word's heading
 * styles, footnotes after the text; the document's stated title and author from its \info group.
 *
 * Our own reader over iconv-lite: the npm RTF readers either drop text (rtf-parser and
 * @iarna/rtf-to-html lose a last paragraph without \par and print \uN's fallback characters) or do
 * something else (rtf-stream-parser only unwraps Outlook's encapsulated mail; rtf.js draws into a
 * browser DOM). It reads what it can of a damaged file: unbalanced braces are tolerated, a file
 * cut off ends where it ends, and nesting past MAX_DEPTH keeps its text without keeping more state.
 */
import iconv from 'iconv-lite';
import { escapeHtml } from './blocks.ts';

export interface RtfContent {
  html: string;
  title: string | null;
  author: string | null;
}

/** The signature every RTF file starts with, whatever it is named. */
export function isRtf(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < 64 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return [0x7b, 0x5c, 0x72, 0x74, 0x66].every((b, k) => bytes[i + k] === b);
}

const MAX_DEPTH = 200;

/** Windows' \fcharset numbers to the code page their bytes are in. */
const CHARSET_CODEPAGE: Record<number, number> = {
  77: 10000,
  128: 932,
  129: 949,
  134: 936,
  136: 950,
  161: 1253,
  162: 1254,
  163: 1258,
  177: 1255,
  178: 1256,
  186: 1257,
  204: 1251,
  222: 874,
  238: 1250,
  254: 437,
};
const SYMBOL_CHARSET = 2;

function encodingOf(codepage: number): string {
  const name =
    codepage === 10000 ? 'macintosh' : codepage >= 1250 && codepage <= 1258 ? `windows${codepage}` : `cp${codepage}`;
  return iconv.encodingExists(name) ? name : 'windows1252';
}

/** Text that control words stand for. */
const SYMBOLS: Record<string, string> = {
  emdash: '—',
  endash: '–',
  lquote: '‘',
  rquote: '’',
  ldblquote: '“',
  rdblquote: '”',
  bullet: '•',
  emspace: ' ',
  enspace: ' ',
  qmspace: ' ',
  tab: ' ',
  '~': '\u00a0',
  _: '-',
  '-': '',
};

/** Groups whose text is not the story: tables of fonts, colours and styles, pictures, page headers … */
const SKIPPED = new Set([
  'colortbl',
  'pict',
  'object',
  'header',
  'headerl',
  'headerr',
  'headerf',
  'footer',
  'footerl',
  'footerr',
  'footerf',
  'fldinst',
  'nonshppict',
  'shprslt',
  'themedata',
  'colorschememapping',
  'datastore',
  'xmlnstbl',
  'listtable',
  'listoverridetable',
  'rsidtbl',
  'generator',
  'bkmkstart',
  'bkmkend',
  'xe',
  'tc',
  'private',
]);

type Destination = 'body' | 'footnote' | 'skip' | 'fonttbl' | 'stylesheet' | 'info' | 'title' | 'author';

interface GroupState {
  destination: Destination;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  hidden: boolean;
  font: number;
  /** How many fallback characters follow each \uN. */
  uc: number;
  centred: boolean;
  style: number;
}

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

interface Paragraph {
  runs: Run[];
  centred: boolean;
  style: number;
}

class RtfReader {
  private readonly input: Buffer;
  private pos = 0;
  private state: GroupState;
  private readonly stack: GroupState[] = [];
  /** Groups opened past MAX_DEPTH, read in the state of the deepest one kept. */
  private overflow = 0;
  private atGroupStart = false;
  private defaultCodepage = 1252;
  private defaultFont = 0;
  private readonly fontCodepages = new Map<number, number>();
  private readonly symbolFonts = new Set<number>();
  private fontBeingRead = 0;
  private readonly styleNames = new Map<number, string>();
  private pendingBytes: number[] = [];
  private skipFallback = 0;
  private readonly paragraphs: { body: Paragraph[]; footnote: Paragraph[] } = { body: [], footnote: [] };
  private readonly open: { body: Run[]; footnote: Run[] } = { body: [], footnote: [] };
  private readonly info = { title: '', author: '' };

  constructor(bytes: Uint8Array) {
    this.input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.state = {
      destination: 'body',
      bold: false,
      italic: false,
      underline: false,
      hidden: false,
      font: 0,
      uc: 1,
      centred: false,
      style: 0,
    };
  }

  read(): RtfContent {
    const input = this.input;
    const start = input.indexOf('{\\rtf');
    this.pos = start < 0 ? 0 : start;
    while (this.pos < input.length) {
      const byte = input[this.pos];
      if (byte === 0x7b) {
        this.pos++;
        this.openGroup();
      } else if (byte === 0x7d) {
        this.pos++;
        this.closeGroup();
      } else if (byte === 0x5c) {
        this.pos++;
        this.control();
      } else if (byte === 0x0a || byte === 0x0d) {
        this.pos++;
      } else {
        this.atGroupStart = false;
        if (this.skipFallback > 0) {
          this.skipFallback--;
          this.pos++;
          continue;
        }
        let end = this.pos;
        while (end < input.length && ![0x7b, 0x7d, 0x5c, 0x0a, 0x0d].includes(input[end])) end++;
        // Control characters are not text (WordPad ends its files with a NUL); a tab is a space.
        for (let k = this.pos; k < end; k++)
          if (input[k] >= 0x20) this.pendingBytes.push(input[k]);
          else if (input[k] === 0x09) this.pendingBytes.push(0x20);
        this.pos = end;
      }
    }
    this.flushBytes();
    this.endParagraph('body');
    this.endParagraph('footnote');
    const html = [...this.paragraphs.body, ...this.paragraphs.footnote]
      .map((p) => this.paragraphHtml(p))
      .filter((p) => p !== '')
      .join('\n');
    const clean = (s: string) => s.replace(/\s+/g, ' ').trim() || null;
    return { html, title: clean(this.info.title), author: clean(this.info.author) };
  }

  private openGroup(): void {
    this.flushBytes();
    this.skipFallback = 0;
    this.atGroupStart = true;
    if (this.stack.length >= MAX_DEPTH) {
      this.overflow++;
      return;
    }
    this.stack.push(this.state);
    this.state = { ...this.state };
  }

  private closeGroup(): void {
    this.flushBytes();
    this.skipFallback = 0;
    this.atGroupStart = false;
    if (this.overflow > 0) {
      this.overflow--;
      return;
    }
    const closed = this.state;
    // A brace too many (or text after the end) is read on in the document's state: nothing is lost.
    const outer = this.stack.pop();
    if (!outer) return;
    if (closed.destination === 'footnote' && outer.destination !== 'footnote') this.endParagraph('footnote');
    this.state = outer;
  }

  private control(): void {
    const input = this.input;
    const first = input[this.pos];
    if (first === undefined) return;
    const isLetter = (b: number | undefined) =>
      b !== undefined && ((b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a));
    if (!isLetter(first)) {
      this.pos++;
      this.symbol(String.fromCharCode(first));
      return;
    }
    let end = this.pos;
    while (isLetter(input[end]) && end - this.pos < 32) end++;
    const word = input.toString('latin1', this.pos, end);
    let paramEnd = end;
    if (input[paramEnd] === 0x2d) paramEnd++;
    while (input[paramEnd] >= 0x30 && input[paramEnd] <= 0x39 && paramEnd - end < 11) paramEnd++;
    const param =
      paramEnd > end && !(paramEnd === end + 1 && input[end] === 0x2d)
        ? Number(input.toString('latin1', end, paramEnd))
        : null;
    if (param === null) paramEnd = end;
    this.pos = input[paramEnd] === 0x20 ? paramEnd + 1 : paramEnd;
    if (word === 'bin' && param !== null && param > 0) {
      this.pos += param;
      return;
    }
    if (this.skipFallback > 0 && word !== 'par') {
      this.skipFallback--;
      return;
    }
    this.word(word, param);
  }

  private symbol(char: string): void {
    const groupStart = this.atGroupStart;
    this.atGroupStart = false;
    if (char === "'") {
      const hex = this.input.toString('latin1', this.pos, this.pos + 2);
      if (/^[0-9a-f]{2}$/i.test(hex)) this.pos += 2;
      if (this.skipFallback > 0) {
        this.skipFallback--;
        return;
      }
      if (/^[0-9a-f]{2}$/i.test(hex)) this.pendingBytes.push(parseInt(hex, 16));
      return;
    }
    if (this.skipFallback > 0) {
      this.skipFallback--;
      return;
    }
    if (char === '*') {
      if (groupStart) this.state.destination = 'skip';
      return;
    }
    if (char === '\n' || char === '\r') return this.word('par', null);
    if (char === '\\' || char === '{' || char === '}') return this.text(char);
    if (char in SYMBOLS) return this.text(SYMBOLS[char]);
  }

  private word(word: string, param: number | null): void {
    const groupStart = this.atGroupStart;
    this.atGroupStart = false;
    const state = this.state;
    const on = param !== 0;
    if (word === 'u' && param !== null) {
      this.text(String.fromCharCode(param < 0 ? param + 65536 : param));
      this.skipFallback = state.uc;
      return;
    }
    if (word in SYMBOLS) return this.text(SYMBOLS[word]);
    switch (word) {
      case 'ansicpg':
        if (param !== null && param > 0) this.defaultCodepage = param;
        return;
      case 'mac':
        this.defaultCodepage = 10000;
        return;
      case 'pc':
        this.defaultCodepage = 437;
        return;
      case 'pca':
        this.defaultCodepage = 850;
        return;
      case 'deff':
        this.defaultFont = param ?? 0;
        state.font = this.defaultFont;
        return;
      case 'uc':
        state.uc = Math.max(0, Math.min(param ?? 1, 10));
        return;
      case 'f':
        if (state.destination === 'fonttbl') this.fontBeingRead = param ?? 0;
        else this.setFormat(() => (state.font = param ?? 0));
        return;
      case 'fcharset':
        if (state.destination !== 'fonttbl' || param === null) return;
        if (param === SYMBOL_CHARSET) this.symbolFonts.add(this.fontBeingRead);
        else if (CHARSET_CODEPAGE[param]) this.fontCodepages.set(this.fontBeingRead, CHARSET_CODEPAGE[param]);
        return;
      case 'cpg':
        if (state.destination === 'fonttbl' && param !== null && param > 0)
          this.fontCodepages.set(this.fontBeingRead, param);
        return;
      case 's':
        state.style = param ?? 0;
        return;
      case 'b':
        return this.setFormat(() => (state.bold = on));
      case 'i':
        return this.setFormat(() => (state.italic = on));
      case 'ulnone':
        return this.setFormat(() => (state.underline = false));
      case 'v':
        return this.setFormat(() => (state.hidden = on));
      case 'plain':
        return this.setFormat(() => {
          Object.assign(state, { bold: false, italic: false, underline: false, hidden: false, font: this.defaultFont });
        });
      case 'pard':
        state.centred = false;
        state.style = 0;
        return;
      case 'qc':
        state.centred = true;
        return;
      case 'ql':
      case 'qr':
      case 'qj':
      case 'qd':
        state.centred = false;
        return;
      case 'par':
      case 'page':
      case 'sect':
      case 'cell':
      case 'nestcell':
        if (state.destination === 'body' || state.destination === 'footnote') this.endParagraph(state.destination);
        return;
      case 'line':
        return this.text('\n');
    }
    if (/^ul[a-z]*$/.test(word) && word !== 'ulc') return this.setFormat(() => (state.underline = on));
    if (!groupStart) return;
    // A destination: the group's first control word says what its text is.
    if (word === 'fonttbl') state.destination = 'fonttbl';
    else if (word === 'stylesheet') state.destination = 'stylesheet';
    else if (word === 'info') state.destination = 'info';
    else if (word === 'footnote') state.destination = state.destination === 'body' ? 'footnote' : 'skip';
    else if (state.destination === 'info') state.destination = word === 'title' || word === 'author' ? word : 'skip';
    else if (SKIPPED.has(word)) state.destination = 'skip';
  }

  /** Text already read keeps the formatting it was read in. */
  private setFormat(change: () => void): void {
    this.flushBytes();
    change();
  }

  private text(text: string): void {
    this.flushBytes();
    this.append(text);
  }

  private flushBytes(): void {
    if (this.pendingBytes.length === 0) return;
    const bytes = Buffer.from(this.pendingBytes);
    this.pendingBytes = [];
    const font = this.state.font;
    if (this.state.destination === 'body' && this.symbolFonts.has(font)) {
      // Symbol fonts draw their own pictures for these bytes; a list's bullet is the one a story holds.
      this.append([...bytes].map((b) => (b === 0xb7 ? '•' : b < 0x80 ? String.fromCharCode(b) : '')).join(''));
      return;
    }
    const codepage = this.fontCodepages.get(font) ?? this.defaultCodepage;
    this.append(iconv.decode(bytes, encodingOf(codepage)));
  }

  private append(text: string): void {
    const state = this.state;
    switch (state.destination) {
      case 'title':
      case 'author':
        this.info[state.destination] += text;
        return;
      case 'stylesheet': {
        const name = (this.styleNames.get(state.style) ?? '') + text;
        this.styleNames.set(state.style, name);
        return;
      }
      case 'body':
      case 'footnote': {
        if (state.hidden || text === '') return;
        const runs = this.open[state.destination];
        const last = runs.at(-1);
        if (last && last.bold === state.bold && last.italic === state.italic && last.underline === state.underline)
          last.text += text;
        else runs.push({ text, bold: state.bold, italic: state.italic, underline: state.underline });
        return;
      }
    }
  }

  private endParagraph(where: 'body' | 'footnote'): void {
    this.flushBytes();
    const runs = this.open[where];
    this.open[where] = [];
    if (runs.some((r) => r.text.trim() !== ''))
      this.paragraphs[where].push({ runs, centred: this.state.centred, style: this.state.style });
  }

  private paragraphHtml(paragraph: Paragraph): string {
    const runs = paragraph.runs.map((run) => ({ ...run }));
    runs[0].text = runs[0].text.trimStart();
    runs[runs.length - 1].text = runs[runs.length - 1].text.trimEnd();
    const inner = runs
      .map((run) => {
        let html = escapeHtml(run.text).replace(/\n/g, '<br>');
        if (run.text.trim() === '') return html;
        if (run.underline) html = `<u>${html}</u>`;
        if (run.italic) html = `<em>${html}</em>`;
        if (run.bold) html = `<strong>${html}</strong>`;
        return html;
      })
      .join('');
    const styleName = (this.styleNames.get(paragraph.style) ?? '').replace(/;.*$/s, '').trim().toLowerCase();
    const level = /^heading ([1-6])$/.exec(styleName)?.[1] ?? { title: '1', subtitle: '2' }[styleName];
    if (level && paragraph.style !== 0) return `<h${level}>${inner}</h${level}>`;
    return paragraph.centred ? `<p style="text-align: center">${inner}</p>` : `<p>${inner}</p>`;
  }
}

export function rtfToHtml(bytes: Uint8Array): RtfContent {
  return new RtfReader(bytes).read();
}
