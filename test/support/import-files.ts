/** Real .docx and EPUB files built in memory, for import tests. */
import { strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A Word document: each paragraph with an optional style (Title, Heading1 …) and italic runs in *stars*. */
export function makeDocx(paragraphs: { text: string; style?: string }[]): Uint8Array {
  const body = paragraphs
    .map(({ text, style }) => {
      const runs = text
        .split(/(\*[^*]+\*)/)
        .filter(Boolean)
        .map((run) =>
          run.startsWith('*')
            ? `<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">${escape(run.slice(1, -1))}</w:t></w:r>`
            : `<w:r><w:t xml:space="preserve">${escape(run)}</w:t></w:r>`,
        );
      return `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${runs.join('')}</w:p>`;
    })
    .join('');
  const styles = ['Title', 'Heading1', 'Heading2']
    .map(
      (id) =>
        `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${id === 'Title' ? 'Title' : `heading ${id.slice(-1)}`}"/></w:style>`,
    )
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/_rels/document.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    ),
    'word/styles.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${styles}</w:styles>`,
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
    ),
  });
}

/** An EPUB 3 with one XHTML document per chapter, in spine order, and the package's metadata. */
export function makeEpub(book: {
  title: string;
  description?: string;
  language?: string;
  subjects?: string[];
  chapters: string[];
}): Uint8Array {
  const items = book.chapters
    .map((_, i) => `<item id="c${i}" href="text/c${i}.xhtml" media-type="application/xhtml+xml"/>`)
    .join('');
  const spine = book.chapters.map((_, i) => `<itemref idref="c${i}"/>`).join('');
  const files: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(
      '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>',
    ),
    'OEBPS/content.opf': strToU8(
      `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:1</dc:identifier><dc:title>${escape(book.title)}</dc:title>${book.description ? `<dc:description>${escape(book.description)}</dc:description>` : ''}<dc:language>${book.language ?? 'en'}</dc:language>${(book.subjects ?? []).map((s) => `<dc:subject>${escape(s)}</dc:subject>`).join('')}</metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>${items}</manifest><spine><itemref idref="nav"/>${spine}</spine></package>`,
    ),
    'OEBPS/nav.xhtml': strToU8(
      '<html xmlns="http://www.w3.org/1999/xhtml"><body><nav><ol><li>Contents</li></ol></nav></body></html>',
    ),
  };
  book.chapters.forEach((html, i) => {
    files[`OEBPS/text/c${i}.xhtml`] = strToU8(
      `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>c${i}</title></head><body>${html}</body></html>`,
    );
  });
  return zipSync(files);
}

/**
 * A zip bomb made of a real document: `entry` replaced by text that inflates to `megabytes` MB,
 * streamed so the test never holds it. With `declaredBytes`, the central directory lies about its size.
 */
export function inflatingTo(
  document: Uint8Array,
  entry: string,
  megabytes: number,
  declaredBytes?: number,
): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  for (const [name, bytes] of Object.entries(unzipSync(document))) {
    if (name === entry) continue;
    const stored = new ZipPassThrough(name);
    zip.add(stored);
    stored.push(bytes, true);
  }
  const bomb = new ZipDeflate(entry, { level: 9 });
  zip.add(bomb);
  const megabyte = strToU8('<p>All work and no play makes a dull story.</p>\n'.repeat(21_846).slice(0, 1024 * 1024));
  for (let i = 0; i < megabytes; i++) bomb.push(megabyte, i === megabytes - 1);
  zip.end();
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  if (declaredBytes !== undefined) declareSize(bytes, entry, declaredBytes);
  return bytes;
}

/** Rewrites an entry's uncompressed size in the zip's central directory. */
function declareSize(zip: Uint8Array, entry: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = strToU8(entry);
  for (let at = 0; at + 46 < zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50 || view.getUint16(at + 28, true) !== name.length) continue;
    if (name.every((byte, i) => zip[at + 46 + i] === byte)) view.setUint32(at + 24, size, true);
  }
}
