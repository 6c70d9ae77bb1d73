/**
 * A story site's chapter page heads the chapter with its name and, right under it, where the chapter
 * stands among the work's ("Chapter 1 of 1 · 642 words", as Quotev shows it): the heading is the
 * chapter's, even as the page's only one, and the line under it the site's.
 */
import type { SourceBlock } from './blocks.ts';

const POSITION =
  /^(?:chapter|part|ch\.?|capítulo|chapitre|kapitel|capitolo|hoofdstuk|rozdział|глава|bölüm)\s*\d{1,3}\s*(?:of|\/|de|sur|von|di|van|z|из)\s*(?:\d{1,3}|\?)(?:\s*[·•|–—-]\s*[^.!?]{1,40})?$/iu;

export function markChapterOnPage(blocks: SourceBlock[]): SourceBlock[] {
  return blocks.map((block, index) => {
    const under = blocks[index + 1];
    if (block.kind === 'heading' && !block.stated && under && !under.stated && POSITION.test(under.text.trim()))
      return { ...block, stated: { part: 'chapter-heading', title: block.text.trim() } };
    if (block.kind === 'paragraph' && !block.stated && index > 0 && blocks[index - 1].kind === 'heading') {
      const over = blocks[index - 1];
      if (!over.stated && POSITION.test(block.text.trim())) return { ...block, chrome: true };
    }
    return block;
  });
}
