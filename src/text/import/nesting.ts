/**
 * How deep a page nests its elements, counted without recursion: when reading a page overflows
 * the stack, the file is blamed only if it really nests that deep; otherwise the fault is the
 * archive's own and is reported as such.
 */
import { Parser } from 'htmlparser2';

/** Nesting beyond this is the file's doing: no story needs it, and readers of it may run out of stack. */
export const TOO_DEEP = 1_000;

/** The most elements a page opens inside each other (void and self-closed elements close at once). */
export function elementDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  const parser = new Parser(
    {
      onopentag() {
        depth++;
        if (depth > deepest) deepest = depth;
      },
      onclosetag() {
        depth = Math.max(0, depth - 1);
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  return deepest;
}
