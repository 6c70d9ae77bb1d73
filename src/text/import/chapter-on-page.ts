/**
 * A story site's chapter page heads the chapter with its name and, right under it, where the chapter
 * stands among the work's ("Chapter 1 of 1 · 642 words", as Quotev shows it): the heading is the
 * chapter's, even as the page's only one, and the line under it the site's.
 */
import type { SourceBlock } from './blocks.ts';

const POSITION =
  /^(?:chapter|part|ch\.?|capítulo|chapitre|kapitel|capitolo|hoofdstuk|rozdział|глава|bölüm)\s*\d{1,3}\s*(?:of|\/|de|sur|von|di|van|z|из)\s*(?:\d{1,3}|\?)(?:\s*[·•|–—-]\s*[^.!?]{1,40})?$/iu;

/** "· 642 words": the site's count after the chapter's place, as a story site prints it. */
const SITE_TAIL = /[·•|–—-]\s*[\d.,\s]+\s*(?:words?|palabras|mots|wörter|parole|woorden|słów|слов|kelime)\s*$/iu;

/**
 * The heading at `index` is a chapter's on a site's page: the line under it says where the chapter
 * stands, with the site's count after it, or a heading above names the work. A writer's "Part 1 of 3"
 * under the work's own title says where the work stands in a series, and the title stays the work's.
 */
function sitesChapterHeading(blocks: SourceBlock[], index: number): boolean {
  const heading = blocks[index];
  const under = blocks[index + 1];
  if (heading.kind !== 'heading' || heading.stated || !under || under.stated) return false;
  const position = under.text.trim();
  if (!POSITION.test(position)) return false;
  return (
    SITE_TAIL.test(position) ||
    blocks.slice(0, index).some((over) => over.kind === 'heading' && over.text.trim() !== heading.text.trim())
  );
}

/** "1 · The Duck Raincoat", "3 • Homecoming": the chapter's number, a dot between, and its name. */
const NUMBERED_NAME = /^(\d{1,3})\s*[·•]\s*(\S.{0,100})$/u;

/**
 * A heading numbering the page's chapter and naming it ("1 · The Duck Raincoat", as Penana heads a
 * chapter), under a heading above that names the work: the chapter's heading, its name the title.
 */
function numberedChapterName(blocks: SourceBlock[], index: number): string | undefined {
  const heading = blocks[index];
  if (heading.kind !== 'heading' || heading.stated) return undefined;
  const name = NUMBERED_NAME.exec(heading.text.trim())?.[2]?.trim();
  if (name === undefined || /[.!?]["”’]?$/u.test(name)) return undefined;
  const above = blocks
    .slice(0, index)
    .some((over) => over.kind === 'heading' && over.text.trim() !== heading.text.trim());
  return above ? name : undefined;
}

export function markChapterOnPage(blocks: SourceBlock[]): SourceBlock[] {
  return blocks.map((block, index) => {
    if (sitesChapterHeading(blocks, index))
      return { ...block, stated: { part: 'chapter-heading', title: block.text.trim() } };
    const named = numberedChapterName(blocks, index);
    if (named !== undefined) return { ...block, stated: { part: 'chapter-heading', title: named } };
    if (block.kind === 'paragraph' && index > 0 && sitesChapterHeading(blocks, index - 1))
      return { ...block, chrome: true };
    return block;
  });
}
