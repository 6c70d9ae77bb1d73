/**
 * Prose in a <pre>: mailing-list and newsgroup archives on the web (Google Groups, Pipermail, old fic
 * pages typed in a text editor) show each message as the plain text it was sent as, hard-wrapped at
 * 70–76 columns, blank lines between paragraphs. Read as the plain text it is, its paragraphs and its
 * header lines ("Title: …" / "Author: …") come apart and wrapped lines are joined again; a <pre> of
 * one group of lines (a poem's stanza, a table typed with spaces) is kept whole.
 */
import { DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { escapeHtml, type SourceBlock } from './blocks.ts';
import { textToBlocks } from './paragraphs.ts';

/** The <pre>'s own text, its line breaks kept: a <br> in it is one too. */
function preText(node: Element): string {
  let out = '';
  const walk = (child: Element['children'][number]) => {
    if (DomUtils.isText(child)) out += child.data;
    else if (DomUtils.isTag(child)) {
      if (child.name === 'br') out += '\n';
      else child.children.forEach(walk);
    }
  };
  node.children.forEach(walk);
  return out.replace(/\r\n?/g, '\n');
}

/** "Rating: G": a header's field, as short as its value. */
const FIELD_LINE = /^[\p{L}'’ ]{1,25}:\s/u;

/**
 * The width a mail's paragraphs were wrapped at: the longest of the lines that go on to another line of
 * their paragraph, most of them near it. A paragraph's last line, and a header's fields, do not count.
 */
function wrapWidth(groups: string[]): number | undefined {
  const wrapped = groups.flatMap((group) =>
    group
      .split('\n')
      .slice(0, -1)
      .filter((line) => !FIELD_LINE.test(line))
      .map((line) => line.trimEnd().length),
  );
  if (wrapped.length < 4) return undefined;
  const width = Math.max(...wrapped);
  if (width < 50 || width > 100) return undefined;
  return wrapped.filter((n) => n >= width - 15).length / wrapped.length > 0.6 ? width : undefined;
}

/** The paragraphs a <pre> of prose holds, or undefined for one that is not prose in paragraphs. */
export function proseInPre(node: Element, file: number): SourceBlock[] | undefined {
  if (node.name !== 'pre') return undefined;
  // trimEnd, not /\s+$/: that pattern tries each run of white space to its end, the square of its length.
  const text = preText(node).replace(/^\n+/, '').trimEnd();
  const groups = text.split(/\n[ \t]*\n/).filter((group) => /\p{L}/u.test(group));
  // Prose: two paragraphs or more, and lines of sentences (not a column of numbers or a drawing).
  if (groups.length < 2) return undefined;
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters * 2 < text.replace(/\s/g, '').length) return undefined;
  return textToBlocks(text, file, wrapWidth(groups)).map((block) => ({
    ...block,
    gap: 1,
    ...(block.kind === 'break' ? {} : { html: `<p>${escapeHtml(block.text).replace(/\n/g, '<br>')}</p>` }),
  }));
}
