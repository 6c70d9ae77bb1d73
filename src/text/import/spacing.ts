/**
 * Line endings and odd spaces: CRLF and CR become LF; no-break, thin and other typographic
 * spaces become plain spaces; zero-width characters, stray byte-order marks and control
 * characters go; trailing spaces are trimmed. Words are never touched.
 */
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F]/g;
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

export function normalizeSpacing(text: string): string {
  return text
    .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
    .replace(/\f/g, '\n\n')
    .replace(ODD_SPACES, ' ')
    .replace(INVISIBLE, '')
    .replace(/[ \t]+(?=\n|$)/g, '');
}
