/**
 * A table of contents above the chapters, as e-book text dumps, Wattpad's reader and personal
 * sites give them: the chapters' headings listed one under another, each heading again further
 * down over its chapter. Listed, they head no chapter; they are set apart as the work's contents.
 * So are a page's links to chapters: a list of related posts over the story ("Chapter 1: Frost",
 * "Chapter 4: Thaw" right above "Chapter 2: The Tower") and a link to the next one ("Chapter 3 →").
 */
import type { SourceBlock } from './blocks.ts';
import { chapterHeading, labelledField } from './cues.ts';
import { isBareNumberLine } from './sections.ts';

/** "Contents", "Table of Contents", "Índice", "Inhalt", "目次", "Mục lục" … over the list. */
const CONTENTS_LABEL =
  /^(?:(?:table\s+of\s+)?contents|chapters|chapter\s+index|índice|indice|sommaire|table\s+des\s+matières|inhalt|inhaltsverzeichnis|inhoud|spis\s+treści|obsah|içindekiler|daftar\s+isi|mục\s+lục|содержание|оглавление|зміст|目次|目录|目錄|차례|목차)\s*:?$/iu;

const key = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

function headingLines(block: SourceBlock): string[] | undefined {
  if (block.kind === 'break' || block.stated || block.chrome) return undefined;
  const lines = block.text.split('\n').filter((line) => line.trim() !== '');
  // A listed heading is a short line; most of a story's lines are longer, and go untested.
  if (lines.length === 0 || lines.some((line) => line.length > 100)) return undefined;
  return lines.every((line) => chapterHeading(line.trim())) ? lines : undefined;
}

/**
 * The longest run of heading blocks from `i` whose headings all head chapters again further down.
 * Read once, from the top: a run that holds up to a block holds up to every block above it (each
 * heading found again below the run's end is found again below a shorter run's), so the first block
 * that breaks it ends it. It may end with the first chapter's own heading.
 */
function listedFrom(headings: (string[] | undefined)[], i: number, lastAt: Map<string, number>): number {
  let foundAgainFrom = Infinity;
  let lines = 0;
  let end = 0;
  for (let j = i; j < headings.length; j++) {
    const block = headings[j];
    if (!block) break;
    for (const line of block) foundAgainFrom = Math.min(foundAgainFrom, lastAt.get(key(line)) ?? -1);
    if (foundAgainFrom <= j) break;
    lines += block.length;
    end = j - i + 1;
  }
  return lines >= 2 ? end : 0;
}

/** "Related posts", "You may also like": a page's label over its links to other posts. */
const LINKS_LABEL =
  /^(?:related(?:\s+(?:posts|stories|works|chapters))?|you\s+(?:may|might)\s+also\s+like|more\s+stories|other\s+chapters|recent\s+posts|popular\s+posts)\s*:?$/iu;
/** "Chapter 3: The Storm →", "« Chapter 1": an arrow on one side only is a link's, not a heading's decoration. */
function isArrowLink(line: string): boolean {
  return /^\s*[←«‹]/u.test(line) !== /[→»›]\s*$/u.test(line);
}

/** The word a heading numbers ("chapter" of "Chapter 4: Thaw"); its number ("4"). */
function kindAndNumber(line: string): [string, string] {
  const marker = chapterHeading(line.trim())?.marker.toLowerCase() ?? '';
  const word = /\p{L}+/u.exec(marker)?.[0] ?? '';
  return [word, marker.slice(marker.indexOf(word) + word.length).trim()];
}

/**
 * Headings in a row with nothing between them, the last of them over the story: a book's part
 * over its first chapter ("Part One" / "Chapter 1") names the kinds once each; a list of links
 * names one kind again with another number ("Chapter 1: Frost" / "Chapter 4: Thaw" / "Chapter 2").
 * Returns how many blocks from `i` are such links, 0 for none.
 */
function linksFrom(headings: (string[] | undefined)[], blocks: SourceBlock[], i: number): number {
  let end = i;
  while (end < headings.length && headings[end]) end++;
  // The last heading of the run heads the story under it.
  if (end - i < 2 || end >= blocks.length || blocks[end].kind === 'break') return 0;
  const lines = headings.slice(i, end).flat() as string[];
  const seen = new Map<string, string>();
  const again = lines.some((line) => {
    const [word, number] = kindAndNumber(line);
    if (word === '') return false;
    if (seen.has(word) && seen.get(word) !== number) return true;
    seen.set(word, number);
    return false;
  });
  return again ? end - 1 - i : 0;
}

function linkShaped(blocks: SourceBlock[], index: number): boolean {
  if (/<a\s/i.test(blocks[index].html ?? '')) return true;
  for (let k = index + 1; k < blocks.length && blocks[k].file === blocks[index].file; k++)
    if (blocks[k].kind !== 'break') return false;
  return true;
}

export function setContentsApart(blocks: SourceBlock[]): SourceBlock[] {
  const marked = new Set<number>();
  const links = new Set<number>();
  const headings = blocks.map(headingLines);
  headings.forEach((lines, index) => {
    // A link the page shows as one, or one with no story under it: in a writer's text an arrow
    // may decorate a heading over its chapter ("→ Part Two").
    if (lines?.length === 1 && isArrowLink(lines[0]) && linkShaped(blocks, index)) {
      links.add(index);
      headings[index] = undefined;
    }
  });
  // Where each one-line block's text is last found.
  const lastAt = new Map<string, number>();
  blocks.forEach((b, index) => {
    if (b.kind !== 'break' && !b.text.includes('\n')) lastAt.set(key(b.text), index);
  });
  // A list needs two headings in a row, or a block of two.
  if (headings.some((lines, i) => lines && (lines.length >= 2 || headings[i + 1]))) {
    for (let i = 0; i < blocks.length; i++) {
      const listed = listedFrom(headings, i, lastAt);
      if (listed === 0) continue;
      for (let k = i; k < i + listed; k++) marked.add(k);
      const label = blocks[i - 1];
      if (label && label.kind !== 'break' && CONTENTS_LABEL.test(label.text.trim())) marked.add(i - 1);
      i += listed - 1;
    }
    // What is left of the runs of headings: links, or a book's part over its first chapter.
    const left = headings.map((lines, index) => (marked.has(index) ? undefined : lines));
    for (let i = 0; i < blocks.length; i++) {
      if (!left[i] || (i > 0 && left[i - 1])) continue;
      const listed = linksFrom(left, blocks, i);
      for (let k = i; k < i + listed; k++) links.add(k);
      const label = blocks[i - 1];
      if (listed > 0 && label && label.kind !== 'break' && LINKS_LABEL.test(label.text.trim())) links.add(i - 1);
    }
  }
  // A wiki's numbered contents under its label ("Contents" over "1 Part One: The Tower", "2 Author's
  // note"): each entry, its number aside, a heading further down.
  blocks.forEach((label, i) => {
    const list = blocks[i + 1];
    if (label.kind === 'break' || !CONTENTS_LABEL.test(label.text.trim()) || !list || list.kind !== 'paragraph') return;
    const entries = list.text.split('\n').filter((line) => line.trim() !== '');
    const further = (line: string) =>
      (lastAt.get(key(line.replace(/^\s*\d{1,3}(?:\.\d{1,3}){0,3}\.?\s+/u, ''))) ?? -1) > i + 1;
    if (entries.length >= 2 && entries.every(further)) marked.add(i).add(i + 1);
  });
  return apart(blocks, marked, links, titledContents(blocks, marked));
}

/** The e-book's own sections, which its contents list but which head no chapter of the text. */
const BOOK_SECTION = /^(?:preface|afterword|title\s+page|cover|copyright|information|about\s+the\s+author)$/iu;

/**
 * An e-book turned into text (Calibre's "Convert → TXT", with its contents inline) lists its
 * sections under "Table of Contents": "Preface", the chapters' titles, "Afterword". Each chapter
 * title listed stands again, alone on its line, over its chapter: there it heads the chapter, though
 * it says nothing of being one ("The Cellar Book"). Returns those headings' blocks and titles, and
 * adds the label and the list to `marked`.
 */
function titledContents(blocks: SourceBlock[], marked: Set<number>): Map<number, string> {
  const headings = new Map<number, string>();
  // Where each block's text stands, in order, read once (a file may repeat its contents thousands of times).
  let standsAt: Map<string, number[]> | undefined;
  const atFrom = (title: string, from: number) => {
    if (!standsAt) {
      standsAt = new Map();
      blocks.forEach((b, k) => {
        if (b.kind === 'break') return;
        const at = standsAt!.get(key(b.text));
        if (at) at.push(k);
        else standsAt!.set(key(b.text), [k]);
      });
    }
    return (standsAt.get(key(title)) ?? []).filter((k) => k >= from);
  };
  // A title set apart with blank lines around it heads its chapter, rather than a line of dialogue saying it.
  const setApart = (k: number) => blocks[k].gap >= 2 && (blocks[k + 1]?.gap ?? 2) >= 1;
  let listedUntil = 0;
  blocks.forEach((label, i) => {
    // A label within a list read already is one of its entries.
    if (i < listedUntil) return;
    if (label.kind === 'break' || label.stated || !CONTENTS_LABEL.test(label.text.trim())) return;
    let end = i + 1;
    while (
      end < blocks.length &&
      blocks[end].kind === 'paragraph' &&
      blocks[end].gap <= 1 &&
      !blocks[end].stated &&
      blocks[end].text.split('\n').every((line) => line.trim().length <= 100)
    )
      end++;
    listedUntil = end;
    const entries = blocks.slice(i + 1, end).flatMap((b) => b.text.split('\n').map((line) => line.trim()));
    const titles = entries.filter((e) => e !== '' && !BOOK_SECTION.test(e));
    if (titles.length < 2 || titles.length === entries.length) return;
    const found = new Map<number, string>();
    // Each title is searched for after the one listed before it.
    let from = end;
    for (const title of titles) {
      if (chapterHeading(title) || labelledField(title)) return;
      const candidates = atFrom(title, from);
      const at = candidates.find(setApart) ?? candidates[0];
      if (at === undefined) return;
      from = at + 1;
      // A wiki's contents open with the page's own heading, the work's title over its sections.
      if (blocks[at].stated?.part === 'title' && found.size === 0) continue;
      found.set(at, title);
    }
    for (let k = i; k < end; k++) marked.add(k);
    for (const [at, title] of found) headings.set(at, title);
  });
  return headings;
}

function apart(
  blocks: SourceBlock[],
  contents: Set<number>,
  links: Set<number>,
  headings: Map<number, string>,
): SourceBlock[] {
  if (contents.size === 0 && links.size === 0) return blocks;
  return blocks.map((block, index) =>
    headings.has(index)
      ? // Listed as "One", "Two": the sections' numbers, not their names.
        {
          ...block,
          stated: {
            part: 'chapter-heading',
            title: isBareNumberLine(headings.get(index)!) ? null : headings.get(index)!,
          },
        }
      : contents.has(index)
        ? { ...block, chrome: true, aside: 'contents' }
        : links.has(index)
          ? { ...block, chrome: true, aside: 'links' }
          : block,
  );
}
