/**
 * A saved page's text outside the box that holds the story (readers' comments, a second post, an
 * "About" box): read after the story's parts are found, so that it moves none of them, and shown
 * apart in the preview under each file's own pieces, where the writer can move any of it into the work.
 */
import type { SourceBlock } from './blocks.ts';
import { piece, type Piece } from './part-pieces.ts';
import type { ReadFile } from './read.ts';
import { countWords as words } from '../../domain/wordcount.ts';

export const OUTSIDE_REASON = 'on the page, outside the box that holds the story: not read as the story';

/**
 * Outside text is mostly the page's (readers' comments, the blog's lines); where its paragraphs of prose
 * come to half the story's length or more (a second post, another chapter), the preview asks to check
 * them; not readers' comments the page names as such, or every comment of a well-read post would be marked.
 */
const PROSE_WORDS = 12;
const SHARE_OF_STORY = 0.5;

/** Adds each file's outside pieces after that file's last piece; `numbered` is the count of blocks the parts were found in. */
export function showOutside(pieces: (Piece & { file: number })[], files: ReadFile[], numbered: number): void {
  let block = numbered;
  for (const [file, read] of files.entries()) {
    const outside: SourceBlock[] = read.outside ?? [];
    if (outside.length === 0) continue;
    let after = pieces.length;
    while (after > 0 && pieces[after - 1].file > file) after--;
    const story = pieces.filter((p) => p.file === file && p.part === 'text').reduce((sum, p) => sum + words(p.text), 0);
    const prose = new Set(outside.filter((source) => !source.chrome && words(source.text) >= PROSE_WORDS));
    const check = [...prose].reduce((sum, source) => sum + words(source.text), 0) >= SHARE_OF_STORY * story;
    const shown = outside.map((source) => ({
      ...piece(block++, 'metadata', source.text, null, OUTSIDE_REASON, {
        html: source.html,
        ...(check && prose.has(source) ? { unsure: true } : {}),
      }),
      file,
    }));
    pieces.splice(after, 0, ...shown);
  }
}
