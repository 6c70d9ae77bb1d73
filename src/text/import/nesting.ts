/**
 * How deep a page nests its elements, counted without recursion: when reading a page overflows
 * the stack, the file is blamed only if it really nests that deep; otherwise the fault is the
 * archive's own and is reported as such. And the nesting of old pages undone as a browser does.
 */
import { isTag, type ChildNode, type Document, type Element, type ParentNode } from 'domhandler';
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

/** What a browser closes an open <p> for when it opens one (the HTML standard's list). */
const CLOSES_P = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'ul',
]);

/** Elements whose paragraphs are their own: a <p> in a table cell or a list item is not inside the <p> around it. */
const OWN_PARAGRAPHS = new Set(['td', 'th', 'li', 'dd', 'dt', 'caption', 'button', 'object', 'marquee', 'template']);

/** Elements that only style the words in them: beyond INLINE_DEPTH their words are kept without them. */
const STYLING = new Set([
  'a',
  'abbr',
  'b',
  'big',
  'cite',
  'code',
  'del',
  'em',
  'font',
  'i',
  'ins',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'tt',
  'u',
]);

/** Deeper than this, styling around words is taken away (no page styles words a hundred times over). */
const INLINE_DEPTH = 100;

/**
 * Undoes the nesting htmlparser2 builds where a browser would not, without recursion, so that the
 * page reads as a browser shows it: old FrontPage and Word pages that never close their
 * `<p><font>` put each paragraph inside the one before (a browser closes the <p> when the next one
 * opens), and thousands of self-closed `<span/>` (open spans, to a browser too) nest that deep.
 * Each such <p> is moved out to follow the one it was in; styling nested deeper than INLINE_DEPTH
 * is taken away, its words kept in order. Elements nested deep for no such reason stay as they are.
 */
export function unnest(document: Document): void {
  const stack = document.children.map((node): [ChildNode, number] => [node, 1]).reverse();
  while (stack.length > 0) {
    const [node, visitedAt] = stack.pop()!;
    if (!isTag(node)) continue;
    let depth = visitedAt;
    const around = CLOSES_P.has(node.name) ? paragraphAround(node) : undefined;
    if (around) {
      moveAfter(around.paragraph, node);
      depth -= around.levels;
    }
    if (depth >= INLINE_DEPTH && STYLING.has(node.name)) setChildren(node, unstyled(node.children));
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i], depth + 1]);
  }
}

/** The <p> that `node` is inside with only styling between them (a browser would have closed it), and how many levels up. */
function paragraphAround(node: Element): { paragraph: Element; levels: number } | undefined {
  let up = node.parent;
  for (let levels = 1; up && isTag(up) && levels <= INLINE_DEPTH; levels++, up = up.parent) {
    if (up.name === 'p') return { paragraph: up, levels };
    if (CLOSES_P.has(up.name) || OWN_PARAGRAPHS.has(up.name)) return undefined;
  }
  return undefined;
}

/** Moves `node` and what follows it in its parent to right after `outer`. */
function moveAfter(outer: Element, node: Element): void {
  const from = node.parent!;
  const at = from.children.lastIndexOf(node);
  const moved = from.children.splice(at);
  relink(from, at - 1, at);
  const to = outer.parent;
  if (!to) return void from.children.push(...moved);
  const after = to.children.lastIndexOf(outer) + 1;
  to.children.splice(after, 0, ...moved);
  for (const child of moved) child.parent = to;
  for (let i = after - 1; i <= after + moved.length; i++) relink(to, i, i + 1);
}

/** Links the children of `parent` at `left` and `right` to each other, as siblings. */
function relink(parent: ParentNode, left: number, right: number): void {
  const a = left >= 0 ? parent.children[left] : undefined;
  const b = parent.children[right];
  if (a) a.next = b ?? null;
  if (b) b.prev = a ?? null;
}

/** The nodes in `nodes`, the styling around their words taken away (iteratively), in order. */
function unstyled(nodes: ChildNode[]): ChildNode[] {
  const out: ChildNode[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isTag(node) && STYLING.has(node.name))
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    else out.push(node);
  }
  return out;
}

function setChildren(parent: Element, children: ChildNode[]): void {
  parent.children = children;
  children.forEach((child, i) => {
    child.parent = parent;
    child.prev = children[i - 1] ?? null;
    child.next = children[i + 1] ?? null;
  });
}
