import { paragraphAnchor } from '../domain/reading-progress.ts';

/**
 * Gives each paragraph of sanitized chapter HTML an id (`p-1`, `p-2` … in document order, after
 * `prefix`), so a link can lead a reader back to the paragraph they stopped at. The sanitizer
 * keeps no ids of its own and escapes `<` inside attribute values, so every `<p` it leaves that is
 * followed by a space or `>` opens a paragraph.
 */
export function numberParagraphs(html: string, prefix = ''): string {
  let n = 0;
  return html.replace(/<p(?=[\s>])/g, () => `<p id="${prefix}${paragraphAnchor(++n)}"`);
}
