/**
 * A table of contents above the chapters, as e-book text dumps, Wattpad's reader and personal
 * sites give them: the chapters' headings listed one under another, each heading again further
 * down over its chapter. Listed, they head no chapter; they are set apart as the work's contents.
 */
import type { SourceBlock } from './blocks.ts';
import { chapterHeading } from './cues.ts';

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

/** The longest run of heading blocks from `i` whose headings all head chapters again further down. */
function listedFrom(headings: (string[] | undefined)[], i: number, lastAt: Map<string, number>): number {
  const run: string[][] = [];
  for (let j = i; j < headings.length; j++) {
    const lines = headings[j];
    if (!lines) break;
    run.push(lines);
  }
  // The run may end with the first chapter's own heading.
  for (let end = run.length; end > 0; end--) {
    const listed = run.slice(0, end).flat();
    if (listed.length >= 2 && listed.every((line) => (lastAt.get(key(line)) ?? -1) >= i + end)) return end;
  }
  return 0;
}

export function setContentsApart(blocks: SourceBlock[]): SourceBlock[] {
  const marked = new Set<number>();
  const headings = blocks.map(headingLines);
  // A list needs two headings in a row, or a block of two.
  if (!headings.some((lines, i) => lines && (lines.length >= 2 || headings[i + 1]))) return blocks;
  // Where each one-line block's text is last found.
  const lastAt = new Map<string, number>();
  blocks.forEach((b, index) => {
    if (b.kind !== 'break' && !b.text.includes('\n')) lastAt.set(key(b.text), index);
  });
  for (let i = 0; i < blocks.length; i++) {
    const listed = listedFrom(headings, i, lastAt);
    if (listed === 0) continue;
    for (let k = i; k < i + listed; k++) marked.add(k);
    const label = blocks[i - 1];
    if (label && label.kind !== 'break' && CONTENTS_LABEL.test(label.text.trim())) marked.add(i - 1);
    i += listed - 1;
  }
  return marked.size === 0
    ? blocks
    : blocks.map((block, index) => (marked.has(index) ? { ...block, chrome: true, aside: 'contents' } : block));
}
