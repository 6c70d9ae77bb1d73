/**
 * A small XML writer. Documents are built as data and serialized in one place, so every piece
 * of text and every attribute value is escaped, and characters XML 1.0 forbids (control
 * characters, lone surrogates, U+FFFE/U+FFFF) are dropped rather than breaking the document.
 */

export interface XmlElement {
  name: string;
  attrs: Record<string, string | number | undefined>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

/** What an element may be given as children: nodes, lists of them, or nothing (skipped). */
export type XmlChild = XmlNode | XmlChild[] | null | undefined | false;

function flatten(children: XmlChild[], into: XmlNode[]): XmlNode[] {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) flatten(child, into);
    else into.push(child);
  }
  return into;
}

export function el(name: string, attrs: XmlElement['attrs'] = {}, ...children: XmlChild[]): XmlElement {
  return { name, attrs, children: flatten(children, []) };
}

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text with every character XML 1.0 cannot carry removed. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

export function escapeText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also keep their tabs and line breaks (a parser would fold them to spaces). */
export function escapeAttr(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const NAME = /^[A-Za-z_][A-Za-z0-9._-]*(:[A-Za-z_][A-Za-z0-9._-]*)?$/;

function write(node: XmlNode, out: string[]): void {
  if (typeof node === 'string') {
    out.push(escapeText(node));
    return;
  }
  if (!NAME.test(node.name)) throw new Error(`not an XML name: ${node.name}`);
  out.push('<', node.name);
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value === undefined) continue;
    if (!NAME.test(key)) throw new Error(`not an XML attribute name: ${key}`);
    out.push(' ', key, '="', escapeAttr(String(value)), '"');
  }
  if (node.children.length === 0) {
    out.push('/>');
    return;
  }
  out.push('>');
  for (const child of node.children) write(child, out);
  out.push('</', node.name, '>');
}

/** A complete UTF-8 XML document. */
export function xmlDocument(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>\n'];
  write(root, out);
  out.push('\n');
  return out.join('');
}
