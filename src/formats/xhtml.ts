/**
 * Sanitized user HTML (as stored) → well-formed XHTML that is also valid HTML5 in the EPUB 3
 * content model: HTML entities mapped to characters, obsolete elements and attributes turned
 * into their modern forms, misplaced structure repaired (blocks inside inline elements, stray
 * list items and table cells), fragment links kept only when their target exists, images by
 * URL kept or turned into links (EPUB forbids remote images).
 *
 * The output is serialized here rather than by dom-serializer: its XML mode encodes every
 * non-ASCII character as a numeric reference (tripling CJK text) and its HTML mode leaves `<`
 * unescaped in attribute values and writes `&nbsp;`, neither of which is well-formed XML.
 */
import { parseDocument } from 'htmlparser2';
import { Element as DomElement, Text as DomText, type ChildNode } from 'domhandler';

export interface XhtmlOptions {
  /** Prefix for ids made from `<a name>`, unique per output document part (e.g. "c3-"). */
  idPrefix: string;
  /** 'keep' leaves `<img src>` (HTML download); 'link' replaces images by a link to them (EPUB, PDF). */
  images: 'keep' | 'link';
  /** Resolves relative links (e.g. "/works/3") against the archive; without it they become plain text. */
  baseUrl?: string;
}

export type XNode = string | XElement;
export interface XElement {
  tag: string;
  attrs: Record<string, string>;
  children: XNode[];
}

export const VOID = new Set(['br', 'hr', 'img', 'col', 'wbr']);
const PHRASING = new Set([
  'a',
  'abbr',
  'b',
  'bdo',
  'br',
  'cite',
  'code',
  'del',
  'dfn',
  'em',
  'i',
  'img',
  'ins',
  'kbd',
  'mark',
  'q',
  'ruby',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'u',
  'var',
  'wbr',
  'rt',
  'rp',
]);
const FLOW_CONTAINERS = new Set([
  'div',
  'blockquote',
  'li',
  'dd',
  'dt',
  'td',
  'th',
  'figcaption',
  'caption',
  'figure',
  'details',
]);
const PHRASING_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);
/** Blocks an inline element may be pushed into (wrapping their content) when it wrongly encloses them. */
const PUSHABLE = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'div', 'blockquote']);
const KNOWN = new Set([
  ...PHRASING,
  ...FLOW_CONTAINERS,
  ...PHRASING_BLOCKS,
  'hr',
  'ul',
  'ol',
  'dl',
  'table',
  'colgroup',
  'col',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'summary',
]);
/** Old elements the sanitizer allows, as HTML5 writes them. */
const RENAMED: Record<string, { tag: string; className?: string }> = {
  center: { tag: 'div', className: 'align-center' },
  big: { tag: 'span', className: 'big' },
  tt: { tag: 'span', className: 'mono' },
  strike: { tag: 's' },
  acronym: { tag: 'abbr' },
  address: { tag: 'div', className: 'address' },
  rb: { tag: 'span' },
};

// Characters XML 1.0 does not allow, and lone surrogates.
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(INVALID_XML, '');
}

export function escapeXml(text: string): string {
  return cleanText(text).replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

export function escapeAttr(text: string): string {
  return escapeXml(text).replace(/"/g, '&quot;');
}

const LANG = /^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/;
const INTEGER = /^-?\d{1,9}$/;
const POSITIVE = /^[1-9]\d{0,3}$/;
const ALIGN = new Set(['left', 'right', 'center', 'justify']);

function el(tag: string, attrs: Record<string, string> = {}, children: XNode[] = []): XElement {
  return { tag, attrs, children };
}

function isElement(node: XNode): node is XElement {
  return typeof node !== 'string';
}

function isBlank(node: XNode): boolean {
  return typeof node === 'string' && node.trim() === '';
}

function addClass(attrs: Record<string, string>, className: string) {
  attrs.class = attrs.class ? `${attrs.class} ${className}` : className;
}

interface Context {
  options: XhtmlOptions;
  /** Ids made so far in this part. */
  ids: Set<string>;
}

function resolveHref(raw: string, ctx: Context): string | undefined {
  const href = raw.trim();
  if (href === '') return undefined;
  if (href.startsWith('#')) return href.length > 1 ? href : undefined;
  try {
    const url = ctx.options.baseUrl ? new URL(href, ctx.options.baseUrl) : new URL(href);
    if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') return url.href;
  } catch {
    // Unparseable addresses are dropped and their text kept.
  }
  return undefined;
}

function absoluteUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function idFor(name: string, ctx: Context): string | undefined {
  const cleaned = name.trim().replace(/[^\p{L}\p{N}_.-]/gu, '_');
  if (!cleaned) return undefined;
  const id = `${ctx.options.idPrefix}${cleaned}`;
  if (ctx.ids.has(id)) return undefined;
  ctx.ids.add(id);
  return id;
}

/** Phase 1: DOM → our tree, element by element: names, attributes, links, images. */
function convert(nodes: ChildNode[], ctx: Context, inLink: boolean): XNode[] {
  const out: XNode[] = [];
  for (const node of nodes) {
    if (node instanceof DomText) {
      const text = cleanText(node.data);
      if (text) out.push(text);
      continue;
    }
    if (!(node instanceof DomElement)) continue;
    let tag = node.name.toLowerCase();
    const source = node.attribs;
    const attrs: Record<string, string> = {};
    const renamed = RENAMED[tag];
    if (renamed) {
      tag = renamed.tag;
      if (renamed.className) addClass(attrs, renamed.className);
    }
    if (!KNOWN.has(tag)) {
      out.push(...convert(node.children, ctx, inLink));
      continue;
    }
    if (source.title) attrs.title = cleanText(source.title);
    if (source.lang && LANG.test(source.lang.trim())) attrs.lang = source.lang.trim();
    const dir = source.dir?.trim().toLowerCase();
    if (dir === 'ltr' || dir === 'rtl' || dir === 'auto') attrs.dir = dir;
    const align = source.align?.trim().toLowerCase();
    if (align && ALIGN.has(align) && ['p', 'div', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag))
      addClass(attrs, `align-${align}`);

    if (tag === 'img') {
      const src = source.src ? absoluteUrl(source.src) : undefined;
      const alt = cleanText(source.alt ?? '').trim();
      if (!src) {
        if (alt) out.push(`[${alt}]`);
        continue;
      }
      if (ctx.options.images === 'link') {
        const label = alt ? `[Image: ${alt}]` : '[Image]';
        out.push(inLink ? label : el('a', { href: src, class: 'image-link' }, [label]));
        continue;
      }
      attrs.src = src;
      attrs.alt = alt;
      for (const size of ['width', 'height'])
        if (source[size] && /^\d{1,5}$/.test(source[size].trim())) attrs[size] = source[size].trim();
      if (align === 'left' || align === 'right') addClass(attrs, `float-${align}`);
      out.push(el('img', attrs));
      continue;
    }
    if (tag === 'a') {
      if (inLink) {
        out.push(...convert(node.children, ctx, true));
        continue;
      }
      const element = el('a', attrs);
      if (source.name) {
        const id = idFor(source.name, ctx);
        if (id) element.attrs.id = id;
      }
      const href = source.href ? resolveHref(source.href, ctx) : undefined;
      if (href?.startsWith('#')) {
        element.attrs.href = `#${ctx.options.idPrefix}${href.slice(1).replace(/[^\p{L}\p{N}_.-]/gu, '_')}`;
      } else if (href) element.attrs.href = href;
      element.children = convert(node.children, ctx, true);
      out.push(element);
      continue;
    }
    switch (tag) {
      case 'ol':
        if (source.start && INTEGER.test(source.start.trim())) attrs.start = source.start.trim();
        if (source.type && /^[1aAiI]$/.test(source.type.trim())) attrs.type = source.type.trim();
        if ('reversed' in source) attrs.reversed = 'reversed';
        break;
      case 'li':
        if (source.value && INTEGER.test(source.value.trim())) attrs.value = source.value.trim();
        break;
      case 'td':
      case 'th':
        if (source.colspan && POSITIVE.test(source.colspan.trim())) attrs.colspan = source.colspan.trim();
        if (source.rowspan && /^\d{1,4}$/.test(source.rowspan.trim())) attrs.rowspan = source.rowspan.trim();
        if (
          tag === 'th' &&
          source.scope &&
          ['row', 'col', 'rowgroup', 'colgroup'].includes(source.scope.trim().toLowerCase())
        )
          attrs.scope = source.scope.trim().toLowerCase();
        break;
      case 'col':
      case 'colgroup':
        if (source.span && POSITIVE.test(source.span.trim())) attrs.span = source.span.trim();
        break;
      case 'details':
        if ('open' in source) attrs.open = 'open';
        break;
      case 'blockquote':
      case 'q':
      case 'del':
      case 'ins': {
        const cite = source.cite ? absoluteUrl(source.cite) : undefined;
        if (cite) attrs.cite = cite;
        break;
      }
    }
    out.push(el(tag, attrs, VOID.has(tag) ? [] : convert(node.children, ctx, inLink)));
  }
  return out;
}

function isBlockElement(node: XNode): boolean {
  return isElement(node) && !PHRASING.has(node.tag);
}

function containsBlock(node: XElement): boolean {
  return node.children.some((child) => isElement(child) && (isBlockElement(child) || containsBlock(child)));
}

/** A copy of an element around other children; only the first copy keeps the id. */
function cloneAround(element: XElement, children: XNode[], first: boolean): XElement {
  const attrs = { ...element.attrs };
  if (!first) delete attrs.id;
  return el(element.tag, attrs, children);
}

/** Phase 2: content valid where flow content is allowed. */
function fixFlow(nodes: XNode[]): XNode[] {
  const out: XNode[] = [];
  let strayItems: XNode[] = [];
  const flushItems = () => {
    if (strayItems.length > 0) out.push(el('ul', {}, strayItems));
    strayItems = [];
  };
  for (const node of nodes) {
    if (isElement(node) && node.tag === 'li') {
      strayItems.push(...fixBlock(node));
      continue;
    }
    if (strayItems.length > 0 && isBlank(node)) continue;
    flushItems();
    if (!isElement(node)) out.push(node);
    else if (node.tag === 'rt' || node.tag === 'rp') out.push(fixInline(el('span', node.attrs, node.children)));
    else if (PHRASING.has(node.tag)) out.push(...(containsBlock(node) ? distribute(node) : [fixInline(node)]));
    else out.push(...fixBlock(node));
  }
  flushItems();
  return out;
}

/** Content valid where only phrasing content is allowed: blocks are unwrapped. */
function fixPhrasing(nodes: XNode[]): XNode[] {
  const out: XNode[] = [];
  for (const node of nodes) {
    if (!isElement(node)) out.push(node);
    else if (PHRASING.has(node.tag)) out.push(fixInline(node));
    else if (node.tag === 'hr') out.push(el('br'));
    else {
      if (out.length > 0) out.push(el('br'));
      out.push(...fixPhrasing(node.children));
    }
  }
  return out;
}

function fixInline(node: XElement): XElement {
  if (node.tag === 'bdo' && !node.attrs.dir) node = el('span', node.attrs, node.children);
  if (node.tag === 'rt' || node.tag === 'rp' || VOID.has(node.tag)) return node;
  if (node.tag === 'ruby') {
    return el(
      'ruby',
      node.attrs,
      node.children.flatMap((child) =>
        isElement(child) && (child.tag === 'rt' || child.tag === 'rp')
          ? [el(child.tag, child.attrs, fixPhrasing(child.children))]
          : fixPhrasing([child]),
      ),
    );
  }
  return el(
    node.tag,
    node.attrs,
    fixPhrasing(node.children).map((child) =>
      isElement(child) && (child.tag === 'rt' || child.tag === 'rp') ? el('span', child.attrs, child.children) : child,
    ),
  );
}

/** An inline element wrongly holding blocks: it wraps each inline run, and is pushed into the blocks it encloses. */
function distribute(node: XElement): XNode[] {
  const out: XNode[] = [];
  let run: XNode[] = [];
  let first = true;
  const flush = () => {
    if (run.some((n) => !isBlank(n))) {
      out.push(fixInline(cloneAround(node, run, first)));
      first = false;
    }
    run = [];
  };
  for (const child of node.children) {
    if (!isBlockElement(child) && !(isElement(child) && containsBlock(child))) {
      run.push(child);
      continue;
    }
    flush();
    const block = child as XElement;
    if (PHRASING.has(block.tag)) {
      // An inline child that itself holds blocks: push this element inside it first.
      out.push(...distribute(el(block.tag, block.attrs, [cloneAround(node, block.children, first)])));
    } else if (PUSHABLE.has(block.tag)) {
      out.push(...fixBlock(el(block.tag, block.attrs, [cloneAround(node, block.children, first)])));
    } else {
      out.push(...fixBlock(block));
    }
    first = false;
  }
  flush();
  return out;
}

function fixBlock(node: XElement): XNode[] {
  const { tag, attrs, children } = node;
  if (PHRASING_BLOCKS.has(tag)) {
    if (!children.some((c) => isBlockElement(c) || (isElement(c) && containsBlock(c))))
      return [el(tag, attrs, fixPhrasing(children))];
    const out: XNode[] = [];
    let run: XNode[] = [];
    const flush = () => {
      if (run.some((n) => !isBlank(n))) out.push(el(tag, { ...attrs }, fixPhrasing(run)));
      run = [];
    };
    for (const child of children) {
      if (isBlockElement(child)) {
        flush();
        out.push(...fixFlow([child]));
      } else if (isElement(child) && containsBlock(child)) {
        flush();
        out.push(...distribute(child));
      } else run.push(child);
    }
    flush();
    return out;
  }
  switch (tag) {
    case 'hr':
      return [el('hr', attrs)];
    case 'ul':
    case 'ol':
      return [el(tag, attrs, listItems(children))];
    case 'dl':
      return fixDl(node);
    case 'table':
      return fixTable(node);
    case 'details': {
      // A details element needs its summary first: a late one moves up, a missing one is named "Details".
      const summary = children.find((c): c is XElement => isElement(c) && c.tag === 'summary');
      const rest = children.filter((c) => c !== summary);
      return [
        el('details', attrs, [
          summary ? el('summary', summary.attrs, fixPhrasing(summary.children)) : el('summary', {}, ['Details']),
          ...fixFlow(rest),
        ]),
      ];
    }
    case 'figure': {
      const elements = children.filter(isElement);
      const caption =
        elements[0]?.tag === 'figcaption'
          ? elements[0]
          : elements[elements.length - 1]?.tag === 'figcaption'
            ? elements[elements.length - 1]
            : undefined;
      const body = fixFlow(children.filter((c) => c !== caption));
      const fixedCaption = caption ? [el('figcaption', caption.attrs, fixFlow(caption.children))] : [];
      return [el('figure', attrs, caption === elements[0] ? [...fixedCaption, ...body] : [...body, ...fixedCaption])];
    }
    case 'div':
    case 'blockquote':
      return [el(tag, attrs, fixFlow(children))];
    // Structure found outside its parent: kept as plain blocks.
    case 'dt':
    case 'summary':
    case 'caption':
      return [el('p', attrs, fixPhrasing(children))];
    case 'dd':
    case 'td':
    case 'th':
    case 'figcaption':
    case 'tr':
    case 'thead':
    case 'tbody':
    case 'tfoot':
      return [el('div', attrs, fixFlow(children))];
    case 'col':
    case 'colgroup':
      return [];
    case 'li':
      return [el('li', attrs, fixFlow(children))];
    default:
      return [el('div', attrs, fixFlow(children))];
  }
}

function listItems(children: XNode[]): XNode[] {
  const out: XNode[] = [];
  let loose: XNode[] = [];
  const flush = () => {
    if (loose.some((n) => !isBlank(n))) out.push(el('li', {}, fixFlow(loose)));
    loose = [];
  };
  for (const child of children) {
    if (isElement(child) && child.tag === 'li') {
      flush();
      out.push(el('li', child.attrs, fixFlow(child.children)));
    } else loose.push(child);
  }
  flush();
  return out;
}

function fixDl(node: XElement): XNode[] {
  const items = node.children.filter((c) => !isBlank(c));
  const valid =
    items.length > 0 &&
    items.every((c) => isElement(c) && (c.tag === 'dt' || c.tag === 'dd')) &&
    (items[0] as XElement).tag === 'dt' &&
    (items[items.length - 1] as XElement).tag === 'dd';
  if (valid)
    return [
      el(
        'dl',
        node.attrs,
        items.map((c) => el((c as XElement).tag, (c as XElement).attrs, fixFlow((c as XElement).children))),
      ),
    ];
  return [el('div', node.attrs, fixFlow(node.children))];
}

function fixCells(children: XNode[]): XNode[] {
  const out: XNode[] = [];
  let loose: XNode[] = [];
  const flush = () => {
    if (loose.some((n) => !isBlank(n))) out.push(el('td', {}, fixFlow(loose)));
    loose = [];
  };
  for (const child of children) {
    if (isElement(child) && (child.tag === 'td' || child.tag === 'th')) {
      flush();
      out.push(el(child.tag, child.attrs, fixFlow(child.children)));
    } else loose.push(child);
  }
  flush();
  return out;
}

function fixTable(node: XElement): XNode[] {
  const before: XNode[] = [];
  let caption: XElement | undefined;
  const colgroups: XElement[] = [];
  const head: XElement[] = [];
  const body: XElement[] = [];
  const foot: XElement[] = [];
  const rowsOf = (section: XElement, into: XElement[]) => {
    let loose: XNode[] = [];
    const flush = () => {
      if (loose.some((n) => !isBlank(n))) into.push(el('tr', {}, fixCells(loose)));
      loose = [];
    };
    for (const child of section.children) {
      if (isElement(child) && child.tag === 'tr') {
        flush();
        into.push(el('tr', child.attrs, fixCells(child.children)));
      } else loose.push(child);
    }
    flush();
  };
  let looseCells: XNode[] = [];
  const flushCells = () => {
    if (looseCells.length > 0) body.push(el('tr', {}, fixCells(looseCells)));
    looseCells = [];
  };
  for (const child of node.children) {
    if (isBlank(child)) continue;
    if (isElement(child) && (child.tag === 'td' || child.tag === 'th')) {
      looseCells.push(child);
      continue;
    }
    flushCells();
    if (!isElement(child)) before.push(el('p', {}, [child]));
    else if (child.tag === 'caption' && !caption) caption = el('caption', child.attrs, fixFlow(child.children));
    else if (child.tag === 'colgroup')
      colgroups.push(
        el(
          'colgroup',
          child.attrs,
          child.children.filter((c): c is XElement => isElement(c) && c.tag === 'col').map((c) => el('col', c.attrs)),
        ),
      );
    else if (child.tag === 'col') colgroups.push(el('colgroup', {}, [el('col', child.attrs)]));
    else if (child.tag === 'thead') rowsOf(child, head.length === 0 && body.length === 0 ? head : body);
    else if (child.tag === 'tfoot') rowsOf(child, foot);
    else if (child.tag === 'tbody') rowsOf(child, body);
    else if (child.tag === 'tr') rowsOf(el('tbody', {}, [child]), body);
    else before.push(...fixFlow([child]));
  }
  flushCells();
  const parts: XNode[] = [...(caption ? [caption] : []), ...colgroups];
  if (head.length > 0) parts.push(el('thead', {}, head));
  if (body.length > 0) parts.push(el('tbody', {}, body));
  if (foot.length > 0) parts.push(el('tfoot', {}, foot));
  if (head.length + body.length + foot.length === 0) return before;
  return [...before, el('table', node.attrs, parts)];
}

export function serialize(nodes: XNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (typeof node === 'string') {
      out += escapeXml(node);
      continue;
    }
    out += `<${node.tag}`;
    for (const [name, value] of Object.entries(node.attrs)) out += ` ${name}="${escapeAttr(value)}"`;
    out += VOID.has(node.tag) ? '/>' : `>${serialize(node.children)}</${node.tag}>`;
  }
  return out;
}

/** Parses stored HTML into our tree, repaired for XHTML. */
export function xhtmlTree(html: string, options: XhtmlOptions): XNode[] {
  const ctx: Context = { options, ids: new Set() };
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const nodes = fixFlow(convert(dom.children, ctx, false));
  // Links to a place in the text stay only when that place survived the repairs.
  const ids = new Set<string>();
  const links: XElement[] = [];
  const walk = (list: XNode[]) => {
    for (const node of list) {
      if (!isElement(node)) continue;
      if (node.attrs.id) ids.add(node.attrs.id);
      if (node.tag === 'a' && node.attrs.href?.startsWith('#')) links.push(node);
      walk(node.children);
    }
  };
  walk(nodes);
  for (const link of links) if (!ids.has(link.attrs.href.slice(1))) delete link.attrs.href;
  return nodes;
}

/** Stored HTML → an XHTML fragment valid as the content of a `<div>`. */
export function toXhtml(html: string, options: XhtmlOptions): string {
  if (html.trim() === '') return '';
  return serialize(xhtmlTree(html, options));
}
