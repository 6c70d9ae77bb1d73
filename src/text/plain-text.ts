/**
 * Sanitized HTML (summaries, notes, comments) as the plain words a reader sees: for excerpts,
 * snapshots, mail and search. Entities are decoded by the HTML parser, not by hand.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';

const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'tr', 'hr']);

function walk(nodes: ChildNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push(node.data);
    else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      if (node.name === 'br') out.push('\n');
      else if (node.type === 'tag') {
        walk(node.children, out);
        if (BLOCKS.has(node.name)) out.push('\n\n');
      }
    } else if ('children' in node) walk(node.children, out);
  }
}

/** The text of some HTML, with paragraphs kept as blank lines (`paragraphs`) or run into one line. */
export function htmlToPlainText(html: string, { paragraphs = false } = {}): string {
  const out: string[] = [];
  walk(parseDocument(html, { decodeEntities: true }).children, out);
  const text = out.join('').replace(/\u00a0/g, ' ');
  if (!paragraphs) return text.replace(/\s+/g, ' ').trim();
  return text
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** About `length` characters of the text (whole code points, ending at a word when one ends late enough), with an ellipsis when it went on. */
export function excerpt(text: string, length: number): string {
  const chars = [...text];
  if (chars.length <= length) return text;
  const cut = chars.slice(0, length).join('');
  const space = cut.lastIndexOf(' ');
  const atWord = space > cut.length / 2 ? cut.slice(0, space) : cut;
  return `${atWord.replace(/[\s.,;:!?]+$/, '')}…`;
}
