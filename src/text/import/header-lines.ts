/**
 * A header copied without its blank lines ("Rating:" / "Teen And Up Audiences" / "Fandom:" / …, as
 * an AO3 page selected in the browser gives it) arrives as one block. Split into its lines, each
 * label owns the lines under it, as it does when the header keeps its blank lines.
 */
import { blocksByFile, type SourceBlock } from './blocks.ts';
import { chromeStrength } from './chrome.ts';
import { fieldShaped, isPenNameByline, labelledField, type FieldName } from './cues.ts';

const TOP = 16;

function isHeaderBlock(block: SourceBlock): boolean {
  if (block.kind !== 'paragraph' || block.html !== undefined || block.stated || block.chrome) return false;
  const lines = block.text.split('\n');
  if (lines.length < 3 || lines.some((line) => line.length > 300)) return false;
  return lines.filter((line) => labelledField(line.trim()) !== undefined).length >= 2;
}

/**
 * "Category: The West Wing - Rating: PG - Genres: Humor - Characters: C.J. Cregg, Toby Ziegler": a
 * site's fields on one line, each a label and its value, between dashes or bars.
 */
function fieldsOnOneLine(block: SourceBlock): string[] | undefined {
  if (block.kind !== 'paragraph' || block.stated || block.chrome || block.text.includes('\n')) return undefined;
  if (block.text.length > 400) return undefined;
  // "[ G - General: All Readers ] Author: hoopdreams | Submitted: 03/05/2005": the site's rating in brackets first.
  const [, rating, line] = /^(\[[^\]]{1,40}\]\s+)?([\s\S]*)$/u.exec(block.text.trim())!;
  const parts = line.split(/\s+[-–—|·•]\s+(?=[\p{L}][\p{L} ]{0,30}[:：])/u);
  if (parts.length < 2) return undefined;
  // Fields Quire knows, and among them one it does not ("Submitted: 03/05/2005"). Three or more between bars are a
  // site's line of facts whatever their labels: "Autor: snehova_vlocka | Kategória: Próza | Pridané: 3. 1. 2012".
  const known = parts.filter((part) => (labelledField(part)?.value ?? '') !== '').length;
  const barred = parts.length >= 3 && line.split(/\s+\|\s+/u).length === parts.length;
  const read = parts.every(
    (part) =>
      (labelledField(part)?.value ?? '') !== '' || ((known >= 2 || barred) && (fieldShaped(part)?.value ?? '') !== ''),
  );
  if (!read || known === 0) return undefined;
  return rating ? [rating.trim(), ...parts] : parts;
}

/** How far apart two labels of a header run together may stand: a field's value, not a paragraph of story. */
const FIELD_REACH = 400;

/**
 * "Título: Lo que queda del invierno Autora: Neblina_Azul Fandom: Frozen N/A: Escrito para …": a header
 * whose line breaks were lost, its labels run together with nothing between them but a space, often
 * with the story run on after the last. Split before each label Quire knows, the first at the start.
 */
function fieldsRunTogether(block: SourceBlock, only?: FieldName): string[] | undefined {
  if (block.kind !== 'paragraph' || block.stated || block.chrome || block.text.includes('\n')) return undefined;
  const text = block.text;
  if ((labelledField(text.trim())?.value ?? '') === '') return undefined;
  const cuts: number[] = [];
  let last = 0;
  for (const colon of text.matchAll(/[:：](?=\s)/gu)) {
    if (colon.index > last + FIELD_REACH) break;
    const start = labelStart(text, colon.index);
    if (start === undefined || start <= last) continue;
    if (only && labelledField(`${text.slice(start, colon.index)}: x`)?.field !== only) continue;
    cuts.push(start);
    last = start;
  }
  if (cuts.length === 0) return undefined;
  return [0, ...cuts].map((from, i, all) => text.slice(from, all[i + 1]).trim()).filter((part) => part !== '');
}

/** A title's or a byline's block: three lines at most, each a few words that end no sentence. */
function shortLines(block: SourceBlock): boolean {
  const lines = block.text.split('\n');
  return (
    lines.length <= 3 && lines.every((line) => line.split(/\s+/).length <= 10 && !/[.!?]["”’]?$/u.test(line.trim()))
  );
}

/** Where the label that ends at `colon` starts: the longest of its last one to four words that Quire knows as a label. */
function labelStart(text: string, colon: number): number | undefined {
  const before = text.slice(Math.max(0, colon - 60), colon);
  const words = [...before.matchAll(/\S+/gu)];
  let found: number | undefined;
  for (let n = 1; n <= Math.min(4, words.length); n++) {
    const first = words[words.length - n];
    // Back to the label before it: no further.
    if (/[:：]/u.test(first[0])) break;
    // A label opens with a capital ("Autora", "N/A") after a space: not a word inside the last field's value.
    if (!/^[\p{Lu}\p{Lo}]/u.test(first[0])) continue;
    const at = colon - before.length + first.index;
    // "Author's Note:" opening the line is its first label, whole: no cut before its last word.
    if (at === 0) return (labelledField(`${text.slice(0, colon)}: x`)?.value ?? '') !== '' ? undefined : found;
    if (!/\s/u.test(text[at - 1])) continue;
    if ((labelledField(`${text.slice(at, colon)}: x`)?.value ?? '') !== '') found = at;
  }
  return found;
}

/**
 * A block at a file's top, its header's lines run together with no blank line between them while the
 * story below keeps its blank lines (Wattpad's app, a Tumblr post copied as text): "moonrise over la
 * push" / "👁 38.2K ★ 2.9K ☰ 1 part" / "by @sunsetclearwater" / … / the story's first paragraph.
 */
function headerRunTogether(block: SourceBlock, atTop: boolean, spaced: boolean): boolean {
  if (!atTop || !spaced || block.kind !== 'paragraph' || block.html !== undefined || block.stated || block.chrome)
    return false;
  const lines = block.text.split('\n').map((line) => line.trim());
  if (lines.length < 3 || lines.filter((line) => line.length <= 80).length < 2) return false;
  return lines.some(
    (line) => isPenNameByline(line) || labelledField(line) !== undefined || chromeStrength(line) !== undefined,
  );
}

export function setHeaderLinesApart(blocks: SourceBlock[]): SourceBlock[] {
  // Below its top, the file keeps blank lines between its paragraphs.
  const spaced = new Set(
    blocksByFile(blocks)
      .filter(
        (indexes) =>
          indexes.length >= 6 &&
          indexes.slice(4).filter((i) => blocks[i].text.includes('\n')).length <= (indexes.length - 4) / 5,
      )
      .map((indexes) => blocks[indexes[0]].file),
  );
  const seen = new Map<number, number>();
  // Files whose blocks so far are a title's and a byline's few short lines.
  const titledOnly = new Set(blocks.map((block) => block.file));
  return blocks.flatMap((block) => {
    const k = seen.get(block.file) ?? 0;
    seen.set(block.file, k + 1);
    // A header's lines run together are the file's first, as the line breaks of a whole file were lost, or
    // under its title and byline ("The Keeper’s Lamp" / "by lamp_oil" / "Disclaimer: … A/N: … The story …").
    // A note's own line is cut only before a disclaimer: "AN: Thanks to my beta. Warning: character death." is one note.
    const under = k < 4 && titledOnly.has(block.file);
    const note = labelledField(block.text.trim())?.field === 'notes';
    if (!shortLines(block)) titledOnly.delete(block.file);
    const fields =
      k < TOP
        ? (fieldsOnOneLine(block) ??
          (k < 2
            ? fieldsRunTogether(block)
            : under
              ? fieldsRunTogether(block, note ? 'disclaimer' : undefined)
              : undefined))
        : undefined;
    if (fields)
      return fields.map((text, i) => ({
        kind: 'paragraph' as const,
        text,
        file: block.file,
        gap: i === 0 ? block.gap : 0,
      }));
    if (k < TOP && !isHeaderBlock(block) && headerRunTogether(block, k < 4, spaced.has(block.file)))
      return block.text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((text, i) => ({ kind: 'paragraph' as const, text, file: block.file, gap: i === 0 ? block.gap : 0 }));
    if (k >= TOP || !isHeaderBlock(block)) return [block];
    // A label starts a block of its own; so does the line under a label that stands alone; other lines stay together.
    const groups: string[][] = [];
    // Under a label alone, its value; after a label or its value, a new block.
    let apart = true;
    let underLabel = false;
    for (const line of block.text.split('\n')) {
      if (line.trim() === '') continue;
      const field = labelledField(line.trim());
      if (field || apart) groups.push([line]);
      else groups[groups.length - 1].push(line);
      apart = field !== undefined || underLabel;
      underLabel = field !== undefined && field.value === '';
    }
    return groups
      .filter((lines) => lines.length > 0)
      .map((lines, i) => ({
        kind: 'paragraph' as const,
        text: lines.join('\n'),
        file: block.file,
        gap: i === 0 ? block.gap : 0,
      }));
  });
}
