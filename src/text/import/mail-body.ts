/**
 * A mail saved as a file (.eml, "Save As…" in a mail program) keeps its body as it was sent: a
 * header folded onto an indented line, and text in quoted-printable ("=" at the end of a line that
 * goes on, "=E2=80=99" for the bytes of "’"). Read as the mail program shows it: headers unfolded,
 * the body decoded in the charset the headers name.
 */
import iconv from 'iconv-lite';

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
