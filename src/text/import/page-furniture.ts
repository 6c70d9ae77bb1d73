/**
 * Text copied out of a printed or paged source (a fanzine's PDF, a photographed notebook read by OCR):
 * at each page break its number ("8", "- 7 -", "Page 9") and the running head over it (the zine's
 * name, "WINTER SLEEPERS") stand among the story's lines. They are the page's, not the writer's.
 */
import type { SourceBlock } from './blocks.ts';
import { endsSentence } from './sentences.ts';

/** "- 7 -", "— 12 —", "· 3 ·", "Page 9": a page's number, marked as one. */
const MARKED_PAGE_NUMBER = /^(?:([-–—~·•])\s*(\d{1,4})\s*\1|page\s+(\d{1,4}))$/iu;
const BARE_NUMBER = /^(\d{1,4})$/u;
/** Bare numbers count pages when at least this many go up one by one; a story's "1", "2" count its parts from 1. */
const BARE_PAGES = 3;
/** The running head and what it carries (the zine's subtitle) stand this near their page's number. */
const HEAD_REACH = 2;
const HEAD_LENGTH = 60;
/** Some text between two pages’ numbers: numbers one under another are a list or a count, not pages. */
const PAGE_LINES = 1;

function lineOf(block: SourceBlock): string {
  return block.kind === 'paragraph' && !block.stated && !block.chrome && !block.text.includes('\n')
    ? block.text.trim()
    : '';
}

/** The indexes of the lines that number pages: marked ones going up, or bare ones going up one by one from past 1. */
function pageNumbers(lines: string[], blocks: SourceBlock[]): number[] {
  const marked: [number, number][] = [];
  const bare: [number, number][] = [];
  lines.forEach((line, i) => {
    const m = MARKED_PAGE_NUMBER.exec(line);
    if (m) marked.push([i, Number(m[2] ?? m[3])]);
    const b = BARE_NUMBER.exec(line);
    if (b) bare.push([i, Number(b[1])]);
  });
  // Each page holds some lines of text: numbers close together are a list or a count, not pages.
  const rising = (found: [number, number][], step?: number) =>
    found.every(
      ([i, n], k) =>
        k === 0 || ((step ? n === found[k - 1][1] + step : n > found[k - 1][1]) && i - found[k - 1][0] > PAGE_LINES),
    );
  // "~ 1 ~", "- 2 -" … counted from 1 with the story going on under the last: the story's parts, as writers
  // number them; a page's number stands at its foot, the last one under the last page's text.
  const parts =
    marked[0]?.[1] === 1 &&
    rising(marked, 1) &&
    blocks.slice(marked.at(-1)![0] + 1).some((block) => !block.chrome && /\p{L}/u.test(block.text));
  const pages: number[] = [];
  if (marked.length >= 2 && rising(marked) && !parts) pages.push(...marked.map(([i]) => i));
  if (bare.length >= BARE_PAGES && bare[0][1] > 1 && rising(bare, 1)) pages.push(...bare.map(([i]) => i));
  return pages;
}

export function setPageFurnitureApart(blocks: SourceBlock[]): SourceBlock[] {
  const lines = blocks.map(lineOf);
  const pages = pageNumbers(lines, blocks);
  if (pages.length === 0) return blocks;
  const apart = new Set(pages);
  // Each line's page number below it within reach, if any (and so whether one stands near it).
  const below: (number | undefined)[] = lines.map(() => undefined);
  const nearby = new Set<number>();
  for (const p of pages)
    for (let k = Math.max(0, p - HEAD_REACH); k <= Math.min(lines.length - 1, p + HEAD_REACH); k++) {
      nearby.add(k);
      if (k < p && below[k] === undefined) below[k] = p;
    }
  // The running head: a short line, no sentence, said again by two pages' numbers or more.
  const near = (i: number) => nearby.has(i);
  const counts = new Map<string, number>();
  lines.forEach((line, i) => {
    if (line && line.length <= HEAD_LENGTH && !endsSentence(line) && near(i) && !apart.has(i))
      counts.set(line, (counts.get(line) ?? 0) + 1);
  });
  lines.forEach((line, i) => {
    if ((counts.get(line) ?? 0) < 2) return;
    apart.add(i);
    // What stands between the running head and its page's number (the zine's subtitle under its name).
    const page = below[i];
    for (let k = i + 1; page !== undefined && k < page; k++) if (lines[k]) apart.add(k);
  });
  return blocks.map((block, i) => (apart.has(i) ? { ...block, chrome: true } : block));
}
