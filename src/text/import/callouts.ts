/**
 * Note apps export their callouts (a boxed note with an icon or a kind) in their own Markdown:
 * Obsidian as a quote opening "> [!note] Author's note", Notion as a raw <aside> opening with its
 * icon ("<aside>\n💡 **Author's note:** …\n</aside>"). Read as they are, the kind's marker stands in
 * the note's words and a saved page's <aside> (a sidebar) is left out with the page's menus. The
 * callout's title is its label ("Author's note:"), and a Notion callout's words are paragraphs.
 */
import type { SourceBlock } from './blocks.ts';

const OBSIDIAN = /^([ \t]*>[ \t]*)\[![\w-]+\][+-]?[ \t]*(.*)$/gmu;
const ASIDE_OPEN = /^[ \t]*<aside>[ \t]*$/u;
const ASIDE_CLOSE = /^[ \t]*<\/aside>[ \t]*$/u;
const ICON = /^(?:\p{Extended_Pictographic}|\p{Emoji_Presentation})\uFE0F?[ \t]*/u;

export function calloutsAsNotes(markdown: string): string {
  const lines = markdown
    .replace(OBSIDIAN, (_, quote: string, title: string) =>
      title.trim() === '' ? quote : `${quote}${title.trim().replace(/[:：]$/u, '')}:`,
    )
    .split('\n');
  return asidesOpened(lines).join('\n');
}

/**
 * Each "<aside>" line with the first "</aside>" line after it: the lines between, without the blank
 * ones at the top and the icon before the first word. In one pass, so that a file of "<aside>" lines
 * never closed costs no more than reading it.
 */
function asidesOpened(lines: string[]): string[] {
  const nextClose: number[] = new Array(lines.length + 1).fill(-1);
  for (let i = lines.length - 1; i >= 0; i--) nextClose[i] = ASIDE_CLOSE.test(lines[i]) ? i : nextClose[i + 1];
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const close = ASIDE_OPEN.test(lines[i]) ? nextClose[i + 1] : -1;
    if (close === -1) {
      out.push(lines[i]);
      continue;
    }
    let first = i + 1;
    while (first < close && lines[first].trim() === '') first++;
    const body = lines.slice(first, close);
    if (body.length > 0) body[0] = body[0].replace(ICON, '');
    out.push(...body);
    i = close;
  }
  return out;
}

/** "%% check his son's name before posting %%": an Obsidian comment, a paragraph of its own. */
const OBSIDIAN_COMMENT = /^%%[\s\S]*%%$/u;

/**
 * An Obsidian comment is the writer's note to self, hidden in Obsidian's reading view: left out of
 * the work, kept as read, for the writer to move back if they meant it to be seen.
 */
export function commentsLeftOut(blocks: SourceBlock[]): SourceBlock[] {
  return blocks.map((block) =>
    block.kind === 'paragraph' && !block.stated && OBSIDIAN_COMMENT.test(block.text.trim())
      ? {
          ...block,
          stated: { part: 'metadata', why: 'a comment (“%% … %%”), which Obsidian hides in its reading view' },
        }
      : block,
  );
}
