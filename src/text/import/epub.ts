/**
 * EPUB to HTML: unzip within a budget (zip.ts), find the package document through META-INF/container.xml, and
 * join the documents of the spine in reading order. The package's title, description, subjects
 * and language are what the book states about itself.
 */
import { parseDocument, DomUtils } from 'htmlparser2';
import type { Element } from 'domhandler';
import { ImportError } from './errors.ts';
import { ZipArchive } from './zip.ts';

export interface EpubContent {
  /** The spine's documents' bodies, in reading order. */
  documents: string[];
  title: string | null;
  description: string | null;
  subjects: string[];
  language: string | null;
}

const utf8 = new TextDecoder('utf-8');

function byLocalName(root: ReturnType<typeof parseDocument>, name: string): Element[] {
  return DomUtils.findAll((n) => n.name.toLowerCase().replace(/^.*:/, '') === name, root.children);
}

function resolvePath(base: string, href: string): string {
  const parts = base.split('/').slice(0, -1);
  for (const segment of percentDecoded(href.split('#')[0]).split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/** A manifest href as a file name; a malformed escape (`%zz`) is taken as written, as readers do. */
function percentDecoded(href: string): string {
  try {
    return decodeURIComponent(href);
  } catch {
    return href;
  }
}

/** Reads only what it needs (the container, package and spine documents): pictures are never inflated. */
export async function readEpub(bytes: Uint8Array): Promise<EpubContent> {
  const zip = await ZipArchive.open(bytes, 'EPUB');
  try {
    return await readPackage(zip);
  } finally {
    zip.close();
  }
}

async function readPackage(zip: ZipArchive): Promise<EpubContent> {
  const container = await zip.read('META-INF/container.xml');
  if (!container) throw new ImportError('this EPUB has no META-INF/container.xml, so its contents cannot be found.');
  const rootfile = byLocalName(parseDocument(utf8.decode(container), { xmlMode: true }), 'rootfile')[0];
  const opfPath = rootfile?.attribs['full-path'];
  const packageBytes = opfPath ? await zip.read(opfPath) : undefined;
  if (!opfPath || !packageBytes) throw new ImportError('this EPUB names no package document, or it is missing.');
  const opf = parseDocument(utf8.decode(packageBytes), { xmlMode: true });
  const manifest = new Map(byLocalName(opf, 'item').map((item) => [item.attribs.id, item]));
  const documents: string[] = [];
  for (const ref of byLocalName(opf, 'itemref')) {
    if (ref.attribs.linear === 'no') continue;
    const item = manifest.get(ref.attribs.idref);
    if (!item || /\bnav\b/.test(item.attribs.properties ?? '')) continue;
    const path = resolvePath(opfPath, item.attribs.href);
    const data = await zip.read(path);
    if (!data)
      throw new ImportError(`this EPUB lists ${item.attribs.href} in its reading order, but the file is missing.`);
    const page = parseDocument(utf8.decode(data), { xmlMode: false });
    const body = DomUtils.findOne((n) => n.name === 'body', page.children, true);
    documents.push(body ? DomUtils.getInnerHTML(body) : DomUtils.getOuterHTML(page));
  }
  if (documents.length === 0) throw new ImportError('this EPUB has nothing in its reading order (spine).');
  const text = (name: string) => {
    const node = byLocalName(opf, name)[0];
    return node ? DomUtils.textContent(node).trim() || null : null;
  };
  return {
    documents,
    title: text('title'),
    description: text('description'),
    subjects: byLocalName(opf, 'subject')
      .map((n) => DomUtils.textContent(n).trim())
      .filter(Boolean),
    language: text('language'),
  };
}
