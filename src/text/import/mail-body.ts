/**
 * A mail saved as a file (.eml, "Save As…" in a mail program) keeps its body as it was sent: a
 * header folded onto an indented line, and text in quoted-printable ("=" at the end of a line that
 * goes on, "=E2=80=99" for the bytes of "’"). Read as the mail program shows it: headers unfolded,
 * the body decoded in the charset the headers name.
 */
import iconv from 'iconv-lite';
import { labelledField } from './cues.ts';

const HEADER = /^[\w-]+:/;

export function mailAsShown(text: string): string {
  const end = text.search(/\r?\n\r?\n/);
  if (end === -1) return text;
  const head = text.slice(0, end).split(/\r?\n/);
  if (head.length < 3 || !HEADER.test(head[0]) || !head.every((line) => HEADER.test(line) || /^[ \t]+\S/.test(line)))
    return text;
  const headers: string[] = [];
  for (const line of head)
    if (/^[ \t]/.test(line)) headers[headers.length - 1] += ` ${line.trim()}`;
    else headers.push(line);
  if (!headers.some((h) => /^from:/i.test(h)) || !headers.some((h) => /^(?:subject|date|to):/i.test(h))) return text;
  const body = text.slice(end).replace(/^\r?\n\r?\n/, '');
  const encoding = headers.find((h) => /^content-transfer-encoding:/i.test(h));
  if (!encoding || !/quoted-printable/i.test(encoding)) return `${headers.join('\n')}\n\n${body}`;
  const label = /charset="?([\w-]+)/i.exec(headers.find((h) => /^content-type:/i.test(h)) ?? '')?.[1] ?? 'utf-8';
  // As mail programs read it: "iso-8859-1" and "us-ascii" mean Windows-1252, whose curly quotes old mail holds.
  const charset = /^(?:iso-8859-1|latin-?1|us-ascii|ascii)$/i.test(label) ? 'windows-1252' : label;
  return `${headers.join('\n')}\n\n${quotedPrintable(body, iconv.encodingExists(charset) ? charset : 'utf-8')}`;
}

/** Soft line breaks joined (in a quoted mail, the next line's quote marks with them), then "=XX" bytes decoded. */
function quotedPrintable(body: string, charset: string): string {
  const lines = body.split(/\r?\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    // A paragraph soft-wrapped over thousands of lines is gathered in pieces and joined once.
    const parts = [lines[i]];
    const quote = /^(?:> ?)*/.exec(lines[i])![0];
    while (parts[parts.length - 1].endsWith('=') && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
      const next = lines[++i];
      parts.push(quote !== '' && next.startsWith(quote.trimEnd()) ? next.slice(quote.length) : next);
    }
    out.push(parts.join(''));
  }
  const joined = out.join('\n');
  const chunks: Buffer[] = [];
  let from = 0;
  for (const match of joined.matchAll(/=([0-9A-Fa-f]{2})/g)) {
    chunks.push(Buffer.from(joined.slice(from, match.index), 'utf8'), Buffer.from([parseInt(match[1], 16)]));
    from = match.index + 3;
  }
  chunks.push(Buffer.from(joined.slice(from), 'utf8'));
  return iconv.decode(Buffer.concat(chunks), charset);
}

/** A story forwarded or replied to whole is most of its mail's lines: a reply quoting a few lines of the last part is not. */
const QUOTED_SHARE = 0.6;
const QUOTED_LINES = 10;

/**
 * A story a mail program quotes whole ("> " before each line, as a forward or a reply sends it):
 * the longest run of quoted lines, when it holds most of the file's lines, read without the quote
 * marks, a ">" alone the blank line between paragraphs it was.
 */
export function withoutQuoteMarks(text: string): string {
  const lines = text.split('\n');
  let best: [number, number, number] = [0, 0, 0];
  let start = -1;
  let quoted = 0;
  let filled = 0;
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line !== undefined && line.startsWith('>')) {
      if (start === -1) [start, quoted] = [i, 0];
      quoted++;
      continue;
    }
    if (line !== undefined && line.trim() === '' && start !== -1) continue;
    if (start !== -1 && quoted > best[2]) best = [start, i, quoted];
    start = -1;
    if (line !== undefined && line.trim() !== '') filled++;
  }
  const [from, to, count] = best;
  if (count < QUOTED_LINES || count < QUOTED_SHARE * (filled + count)) return text;
  const story = lines.slice(from, to).map((line) => line.replace(/^> ?/, ''));
  // The mail program wrapped the quoted lines at its width; the rest of the mail is not wrapped so.
  const width = wrapWidth(story);
  const paragraphs: string[] = [];
  let group: string[] = [];
  for (const line of [...story, '']) {
    if (line.trim() !== '') {
      group.push(line);
      continue;
    }
    if (group.length > 0) paragraphs.push(...(width ? unwrapped(group, width) : group));
    paragraphs.push(line);
    group = [];
  }
  return [...lines.slice(0, from), ...paragraphs.slice(0, -1), ...lines.slice(to)].join('\n');
}

/** Mail programs wrap at 60 to 80 columns; a writer's own header lines over the story may run longer. */
const WRAP_WIDTHS = [60, 62, 64, 66, 68, 70, 72, 74, 76, 78, 80];

/** The column the quoted lines were wrapped at: the width half of them or more come within 15 characters of, none between it and 100 but a few. */
function wrapWidth(lines: string[]): number | undefined {
  const lengths = lines.map((line) => line.trimEnd().length).filter((n) => n > 0);
  let best: number | undefined;
  let most = 0;
  for (const width of WRAP_WIDTHS) {
    const near = lengths.filter((n) => n <= width && n > width - 15).length;
    const over = lengths.filter((n) => n > width).length;
    if (near > most && over * 10 <= lengths.length) [best, most] = [width, near];
  }
  return best !== undefined && most * 2 >= lengths.length ? best : undefined;
}

/** Lines wrapped at `width` joined back: a line well short of it ended where its writer ended it, and a header's field ("NOTES: …") starts its own. */
function unwrapped(group: string[], width: number): string[] {
  const out: string[] = [];
  for (const [i, line] of group.entries())
    if (i > 0 && group[i - 1].trimEnd().length >= width - 25 && !labelledField(line.trim()))
      out[out.length - 1] += ` ${line.trim()}`;
    else out.push(line.trim());
  return out;
}
