/**
 * A page printed from a browser to PDF, its text copied out of the PDF viewer: at each page break the
 * browser's footer ("https://archiveofourown.org/works/31990216?view_full_work=true 2/3", the address
 * and the page's number) and its header (the date and time, and the page's title) stand among the
 * story's lines. They are the browser's, not the writer's.
 */
import type { SourceBlock } from './blocks.ts';

const FOOTER = /^(?:https?|file):\/\/\S+\s+\d{1,4}\/\d{1,4}$/u;

/** A printed page's footer: the page was printed to PDF and copied out of it. */
export const isPrintFooter = (block: SourceBlock) => block.kind === 'paragraph' && FOOTER.test(block.text.trim());
const HEADER = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4},?\s+\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\s+\S/u;

export function setPrintMarginsApart(blocks: SourceBlock[]): SourceBlock[] {
  const lines = blocks.map((b) => (b.kind === 'paragraph' && !b.stated && !b.chrome ? b.text.trim() : ''));
  const footers = new Set(lines.flatMap((line, i) => (FOOTER.test(line) ? [i] : [])));
  if (footers.size === 0) return blocks;
  const headers = new Set(lines.flatMap((line) => (HEADER.test(line) ? [line] : [])));
  // The header says the same at every page; one that stands by a footer, or at the top, is the browser's too.
  const isHeader = (line: string, i: number) =>
    HEADER.test(line) &&
    (lines.filter((l) => l === line).length >= 2 || footers.has(i - 1) || footers.has(i + 1) || i === 0) &&
    headers.size <= 2;
  return blocks.map((block, i) => (footers.has(i) || isHeader(lines[i], i) ? { ...block, chrome: true } : block));
}
