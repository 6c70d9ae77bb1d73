/**
 * The plain text of each paragraph of sanitized chapter HTML, numbered as `numberParagraphs`
 * numbers them (every `<p>` in document order, 1-based: index 0 here is paragraph 1), for passage
 * comments: what a quote must be found in, and what an anchor follows through edits.
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode } from 'domhandler';
import { normalizePassage } from '../domain/passage-anchor.ts';

function textOf(nodes: ChildNode[], out: string[]): void {
  for (const node of nodes) {
    if (node.type === 'text') out.push(node.data);
    else if (node.type === 'tag' && node.name === 'br') out.push(' ');
    else if ('children' in node) textOf(node.children, out);
  }
}

function collect(nodes: ChildNode[], found: string[]): void {
  for (const node of nodes) {
    if (node.type === 'tag' && node.name === 'p') {
      const out: string[] = [];
      textOf(node.children, out);
      found.push(normalizePassage(out.join('').replace(/\u00a0/g, ' ')));
    } else if ('children' in node) collect(node.children, found);
  }
}

/** Each paragraph's text, whitespace evened out. */
export function paragraphTexts(html: string): string[] {
  const found: string[] = [];
  collect(parseDocument(html, { decodeEntities: true }).children, found);
  return found;
}
