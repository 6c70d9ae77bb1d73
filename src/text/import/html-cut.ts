/**
 * Cutting and joining a paragraph's HTML where the preview cuts or joins its text, so the
 * writer's formatting (italics, bold, links …) stays on the words it was on: an element open at
 * the cut is closed before it and opened again after it.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { Element, Text, type AnyNode } from 'domhandler';
import render from 'dom-serializer';
import { escapeHtml } from './blocks.ts';

const SPACE = /\s/;

/** Elements whose content a reader does not see as text (dropped by the importer). */
const INVISIBLE = new Set(['script', 'style', 'template', 'noscript', 'head', 'title']);

function nonSpaceCount(text: string): number {
  let n = 0;
  for (const ch of text) if (!SPACE.test(ch)) n++;
  return n;
}

function visibleCount(nodes: AnyNode[]): number {
  let n = 0;
  for (const node of nodes) {
    if (DomUtils.isText(node)) n += nonSpaceCount(node.data);
    else if (DomUtils.isTag(node) && !INVISIBLE.has(node.name)) n += visibleCount(node.children);
  }
  return n;
}

/**
 * The part of `nodes` whose visible characters (spaces not counted) are the `from`-th up to the
 * `to`-th; spaces at the cut are left out. `seen` counts the characters before `nodes`.
 */
function slice(nodes: AnyNode[], from: number, to: number, total: number, seen: { n: number }): AnyNode[] {
  const out: AnyNode[] = [];
  for (const node of nodes) {
    if (DomUtils.isText(node)) {
      let data = '';
      for (const ch of node.data) {
        if (SPACE.test(ch)) {
          // A space belongs to the part when the characters either side of it do.
          const before = seen.n - 1 >= from || (seen.n === 0 && from === 0);
          const after = seen.n < to || (seen.n === total && to === total);
          if (before && after) data += ch;
          continue;
        }
        if (seen.n >= from && seen.n < to) data += ch;
        seen.n++;
      }
      if (data !== '') out.push(new Text(data));
    } else if (DomUtils.isTag(node)) {
      const start = seen.n;
      const length = INVISIBLE.has(node.name) ? 0 : visibleCount(node.children);
      if (length === 0) {
        // An element without text (a line break, an image) goes with the text before it.
        if ((start > from || from === 0) && (start < to || to === total)) out.push(cloneWhole(node));
        continue;
      }
      if (start + length <= from || start >= to) {
        seen.n += length;
        continue;
      }
      const children = slice(node.children, from, to, total, seen);
      if (children.length > 0) out.push(new Element(node.name, { ...node.attribs }, children));
    }
  }
  return out;
}

function cloneWhole(node: Element): Element {
  return node.cloneNode(true);
}

/**
 * `html` cut where its text `text` is cut at `offsets` (as the preview's sentence starts give
 * them): one piece of HTML for each part, each with the elements open at its ends. Undefined
 * when the HTML's words are not exactly the text's (then the caller falls back to plain text).
 */
export function cutHtml(html: string, text: string, offsets: number[]): string[] | undefined {
  const nodes = parseDocument(html, { decodeEntities: true }).children;
  const total = nonSpaceCount(text);
  if (visibleCount(nodes) !== total) return undefined;
  const bounds = [0, ...offsets.map((o) => nonSpaceCount(text.slice(0, o))), total];
  const parts: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const part = slice(nodes, bounds[i], bounds[i + 1], total, { n: 0 });
    parts.push(render(part, { encodeEntities: 'utf8' }));
  }
  return parts;
}

/** The inline content of a paragraph's HTML (inside its one `<p>`), and that paragraph's attributes. */
function inline(html: string | undefined, text: string): { content: string; attribs: Record<string, string> } {
  if (html === undefined) return { content: escapeHtml(text).replace(/\n/g, '<br />'), attribs: {} };
  const nodes = parseDocument(html, { decodeEntities: true }).children.filter(
    (n) => !(DomUtils.isText(n) && n.data.trim() === ''),
  );
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only && DomUtils.isTag(only) && (only.name === 'p' || only.name === 'div'))
    return { content: render(only.children, { encodeEntities: 'utf8' }).trim(), attribs: only.attribs };
  return { content: render(nodes, { encodeEntities: 'utf8' }).trim(), attribs: {} };
}

/** Two paragraphs' HTML as one paragraph, the first one's attributes (its alignment) kept. */
export function joinHtml(first: { html?: string; text: string }, second: { html?: string; text: string }): string {
  const a = inline(first.html, first.text);
  const b = inline(second.html, second.text);
  const paragraph = new Element('p', a.attribs, []);
  const open = render(paragraph, { encodeEntities: 'utf8' }).replace(/<\/p>$/, '');
  return `${open}${a.content} ${b.content}</p>`;
}
