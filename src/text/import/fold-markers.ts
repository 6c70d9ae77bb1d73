/**
 * A draft kept in Vim with folds by marker ("Chapter 1: Inventory {{{1" … "}}}"): the markers are the
 * editor's, not the writer's words. Read so only where several lines end in one, as prose does not.
 */
const OPENS = /[ \t]*\{\{\{\d*[ \t]*$/;
const CLOSES = /^[ \t]*\}\}\}\d*[ \t]*$/;

export function withoutFoldMarkers(text: string): string {
  const lines = text.split('\n');
  if (lines.filter((line) => OPENS.test(line)).length < 2) return text;
  return lines
    .filter((line) => !CLOSES.test(line))
    .map((line) => line.replace(OPENS, ''))
    .join('\n');
}
