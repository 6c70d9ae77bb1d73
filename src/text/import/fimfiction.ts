/**
 * Fimfiction's plain-text download heads each chapter with a box of comment lines:
 *
 *   //------------------------------//
 *   // The Fine
 *   // Story: The Overdue Book
 *   // by Quillfeather Skies
 *   //------------------------------//
 *
 * The box's first line names the chapter; the rest repeats the story's title and author.
 */
import type { SourceBlock } from './blocks.ts';

const RULE = /^\/\/-{6,}\/\/$/;
const LINE = /^\/\/\s?(.*)$/;

/** The box's lines between its rules: "// The Fine", "// Story: …", "// by …". */
function boxLines(block: SourceBlock | undefined): string[] | undefined {
  if (!block || block.kind !== 'paragraph' || block.html !== undefined || block.stated) return undefined;
  const lines = block.text.split('\n').map((line) => LINE.exec(line.trim())?.[1].trim());
  if (lines.length < 2 || lines.some((line) => line === undefined)) return undefined;
  return lines.some((line) => /^story\s*:/i.test(line!)) ? (lines as string[]) : undefined;
}

const isRule = (block: SourceBlock | undefined) => block !== undefined && RULE.test(block.text.trim());

export function setFimfictionBoxesApart(blocks: SourceBlock[]): SourceBlock[] {
  const boxes = new Set<number>();
  blocks.forEach((block, i) => {
    if (isRule(blocks[i - 1]) && boxLines(block) && isRule(blocks[i + 1])) boxes.add(i);
  });
  if (boxes.size === 0) return blocks;
  return blocks.flatMap((block, i) => {
    if (boxes.has(i + 1)) return [{ ...block, chrome: true as const, aside: 'box' as const }];
    if (boxes.has(i - 1))
      return [{ ...block, kind: 'paragraph' as const, chrome: true as const, aside: 'box' as const }];
    if (!boxes.has(i)) return [block];
    const [first, ...rest] = block.text.split('\n');
    return [
      { ...block, text: first, stated: { part: 'chapter-heading' as const, title: boxLines(block)![0] || null } },
      { ...block, text: rest.join('\n'), gap: 0, chrome: true as const, aside: 'box' as const },
    ];
  });
}
