/**
 * A paste page saved from a paste site (Pastebin, and the sites that show a paste as GeSHi does): the
 * paste is the text file its poster pasted, shown one line to a list item, and is read as that file;
 * the paste's title over it and its poster's name are the page's words about it; the rest (the
 * site's bar, the paste's counts and buttons, the comment prompt, the list of other pastes) is the site's.
 */
import { DomUtils } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';

export interface PastedText {
  /** The paste's lines, as the poster pasted them. */
  text: string;
  /** The paste's title, as the site shows it over the paste ("Untitled" when the poster gave none). */
  title?: string;
  /** Who posted it, when signed in. */
  poster?: string;
}

function classes(node: Element): string[] {
  return (node.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

/** GeSHi's line: a list item holding the line in a "de1" (or, every other line, "de2") box. */
function lineBox(item: AnyNode): Element | undefined {
  if (!DomUtils.isTag(item) || item.name !== 'li') return undefined;
  const boxes = item.children.filter(DomUtils.isTag);
  return boxes.length === 1 && classes(boxes[0]).some((c) => c === 'de1' || c === 'de2') ? boxes[0] : undefined;
}

const text = (nodes: AnyNode[]) => DomUtils.textContent(nodes).replace(/\s+/g, ' ').trim();

/** The paste on the page: a list of a few lines or more, every item one GeSHi line. */
export function pastePage(root: AnyNode[]): PastedText | undefined {
  const listing = DomUtils.findOne(
    (n) =>
      n.name === 'ol' &&
      n.children.filter(DomUtils.isTag).length >= 3 &&
      n.children.every((item) => !DomUtils.isTag(item) || lineBox(item) !== undefined),
    root,
    true,
  );
  if (!listing) return undefined;
  const lines = listing.children
    .map(lineBox)
    .filter((box): box is Element => box !== undefined)
    .map((box) =>
      DomUtils.textContent(box)
        .replace(/\u00a0/g, ' ')
        .trimEnd(),
    );
  // What the page shows above the paste: its title (a heading) and its poster ("username").
  const before = (n: AnyNode) => (DomUtils.compareDocumentPosition(n, listing) & 2) !== 0;
  const heading = DomUtils.findAll((n) => /^h[1-3]$/.test(n.name) && before(n), root).at(-1);
  const poster = DomUtils.findAll(
    (n) => classes(n).some((c) => /^(?:username|user-name|author)$/i.test(c)) && before(n),
    root,
  ).at(-1);
  const title = heading ? text(heading.children) : '';
  const name = poster ? text(poster.children) : '';
  return {
    text: lines.join('\n'),
    ...(title !== '' && !/^untitled$/i.test(title) ? { title } : {}),
    ...(name !== '' && !/^guest$/i.test(name) ? { poster: name } : {}),
  };
}
