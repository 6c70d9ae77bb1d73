/**
 * A story kept in entries, each headed with the story's name and which part it is ("Spin Cycle
 * (part 1)", "# Spin Cycle, Part 2", "Spin Cycle - pt. 3", a memo's "The Vicarage Jam (2)"): a
 * journal's entries (Day One), a notes app's pages, a handheld's memos. The same name over each, the
 * parts counted 1, 2 … in order with story between: those lines head the chapters, and the name is
 * the work's title. The entry's own fields over a later part ("Date:", "Location:", "Weather:", a
 * memo's "Category:" and "Private:") are the journal's, not the story's; a memo app keeps them on the
 * lines right above the name, with no blank line between.
 */
import type { SourceBlock } from './blocks.ts';
import { fieldShaped } from './cues.ts';

const NAMED_PART =
  /^#{0,3}\s*(\S.{0,79}?)\s*(?:[,:–—-]\s*)?([([]?\s*(?:part|pt\.?)\s*(\d{1,2})\s*[)\]]?|[([]\s*(\d{1,2})\s*[)\]])$/iu;
/** A part is more than a line or two of story. */
const PART_WORDS = 80;
/** An entry's fields over its part: a few lines. */
const FIELD_LINES = 6;
const JOURNAL_FIELD = /^(?:date|location|weather|tags|mood|activity|music|steps|category|private)\s*:/iu;

/** The entry's fields: known ones, or any line shaped like a field ("Category: Fic", "Private: No"). */
const isEntryField = (line: string) => JOURNAL_FIELD.test(line.trim()) || fieldShaped(line.trim()) !== undefined;

export function setNamedPartsApart(blocks: SourceBlock[]): SourceBlock[] {
  const found: { index: number; line: number; name: string; number: number; part: string }[] = [];
  blocks.forEach((block, index) => {
    if (block.kind === 'break' || block.stated || block.chrome) return;
    const lines = block.text.split('\n');
    // The name on a line of its own, or under the entry's fields in the same paragraph (a memo's).
    const line = lines.findIndex((l) => !isEntryField(l));
    if (line === -1 || line > FIELD_LINES) return;
    const text = lines[line].trim();
    if (text.length > 100) return;
    const match = NAMED_PART.exec(text);
    // "She read part 2" is a sentence: the name is a title, no sentence's end in it.
    if (match && !/[.!?]$/u.test(match[1]) && /^[\p{Lu}\p{N}"“'‘]/u.test(match[1]))
      found.push({ index, line, name: match[1], number: Number(match[3] ?? match[4]), part: match[2] });
  });
  if (found.length < 2) return blocks;
  const words = (from: number, to: number) =>
    blocks.slice(from, to).reduce((n, b) => n + (b.kind === 'break' ? 0 : b.text.split(/\s+/).length), 0);
  const inOrder = found.every(
    (part, i) =>
      part.number === i + 1 &&
      part.name.toLowerCase() === found[0].name.toLowerCase() &&
      words(part.index + 1, found[i + 1]?.index ?? blocks.length) >= PART_WORDS,
  );
  if (!inOrder) return blocks;
  const replaced = new Map<number, SourceBlock[]>();
  for (const [i, part] of found.entries()) {
    const block = blocks[part.index];
    const lines = block.text.split('\n');
    const fields = lines.slice(0, part.line).join('\n');
    const after = lines.slice(part.line + 1).join('\n');
    const heading: SourceBlock = { ...block, text: part.part, stated: { part: 'chapter-heading', title: null } };
    replaced.set(part.index, [
      // The first entry's fields open the file's header; a later one's are the journal's.
      ...(fields === '' ? [] : [{ ...block, text: fields, ...(i === 0 ? {} : { chrome: true as const }) }]),
      ...(i === 0
        ? [
            {
              ...block,
              text: part.name,
              stated: { part: 'title', why: 'the name over each of the story’s parts' },
            } as const,
          ]
        : []),
      heading,
      ...(after === '' ? [] : [{ ...block, text: after, gap: 0 }]),
    ]);
    if (i === 0) continue;
    // The journal's fields over this entry, between the last part's story and this heading.
    for (let k = part.index - 1; k >= Math.max(0, part.index - FIELD_LINES); k--) {
      if (blocks[k].stated || !blocks[k].text.split('\n').every((line) => JOURNAL_FIELD.test(line.trim()))) break;
      replaced.set(k, [{ ...blocks[k], chrome: true }]);
    }
  }
  return blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}
