/**
 * A note tree exported as plain text (CherryTree's "Export to Plain Text", a tree outliner's text
 * export): the root node's name at the left margin, each child node's name indented under it, and
 * each node's text indented one step further, a line a paragraph (blank lines between them or not). A writer who keeps
 * a story there has a node a chapter (or its notes): the node names are headings, at the depth of
 * their node, so that chapters are read from them as from a document's headings.
 */
import type { SourceBlock } from './blocks.ts';
import { labelledField } from './cues.ts';

interface Line {
  depth: number;
  text: string;
}

/** A node's name: a few words, no sentence's end. */
const NODE_NAME = /^[^\s.!?…"“”'‘’—–-][^\n]{0,60}$/u;
const SENTENCE_END = /[.!?…]["”’)]*$/u;
/** Two nodes at least, under the root, each over lines of text. */
const MIN_NODES = 2;
/** Lines of prose enough that the tree holds a story, not a list of items. */
const MIN_PROSE_LINES = 6;

function lineOf(raw: string): Line | undefined {
  // A tab is a step of indent, as a tree outliner's export (TreeLine's, OmniOutliner's) indents its rows.
  const indent = /^[ \t]*/u.exec(raw)![0].replace(/\t/gu, '    ').length;
  const text = raw.trim();
  return text === '' ? undefined : { depth: indent, text };
}

/**
 * Whether each line is a node's name or a node's text: a name has lines deeper under it, text has a
 * name less deep above it. Undefined when the lines are not such a tree: text at the left margin
 * other than the root's name, a bullet or a tab, a name that reads as a sentence, too little prose.
 */
function readTree(lines: Line[]): boolean[] | undefined {
  if (lines.length < MIN_PROSE_LINES + MIN_NODES + 1 || lines[0].depth !== 0) return undefined;
  if (lines.slice(1).some((line) => line.depth === 0 || /^[-*•+]\s/u.test(line.text))) return undefined;
  const names = lines.map((line, i) => i + 1 < lines.length && lines[i + 1].depth > line.depth);
  // A node's text sits deeper than the name over it, each line of it at one depth.
  const parent: number[] = [];
  for (const [i, line] of lines.entries()) {
    while (parent.length > 0 && lines[parent.at(-1)!].depth >= line.depth) parent.pop();
    if (names[i]) {
      if (!NODE_NAME.test(line.text) || SENTENCE_END.test(line.text) || line.text.split(/\s+/).length > 8)
        return undefined;
      parent.push(i);
      continue;
    }
    if (i > 0 && parent.length === 0) return undefined;
    const previous = lines[i - 1];
    if (!names[i - 1] && previous.depth !== line.depth) return undefined;
  }
  const nodes = names.slice(1).filter(Boolean).length;
  const prose = lines.filter((line, i) => !names[i] && SENTENCE_END.test(line.text)).length;
  return nodes >= MIN_NODES && prose >= MIN_PROSE_LINES && !scriptShaped(lines, names) ? names : undefined;
}

/**
 * A script laid out as a tree: the speakers' names (MARA, TOM) indented over their speech, a name again and again,
 * in capitals, each over a line. A writer's nodes are chapters and notes, each named once, over their text (a
 * short story's chapters may hold two lines each).
 */
function scriptShaped(lines: Line[], names: boolean[]): boolean {
  const nodes = lines.flatMap((line, i) => (i > 0 && names[i] ? [i] : []));
  const texts = nodes.map((i) => lines[i].text);
  const repeated = new Set(texts).size < texts.length;
  const capitals = texts.every((text) => !/\p{Ll}/u.test(text));
  // The lines of text right under each name, up to the next name.
  const sizes = names.map(() => 0);
  let node = 0;
  for (const [i, name] of names.entries()) {
    if (name) node = i;
    else sizes[node]++;
  }
  return repeated || capitals || nodes.every((i) => sizes[i] <= 1);
}

/** The blocks of a note tree's text export, or undefined when the text is not one. */
export function nodeTreeBlocks(text: string, file: number): SourceBlock[] | undefined {
  // A tab inside a line is a table's or a column's, not an indent.
  if (/\S[^\S\n]*\t/u.test(text)) return undefined;
  const lines = text.split('\n').flatMap((raw) => lineOf(raw) ?? []);
  const names = readTree(lines);
  if (!names) return undefined;
  const depths = [...new Set(lines.filter((_, i) => names[i]).map((line) => line.depth))].sort((a, b) => a - b);
  return lines.map((line, i): SourceBlock =>
    names[i]
      ? { kind: 'heading', level: Math.min(depths.indexOf(line.depth) + 1, 6), text: line.text, file, gap: 1 }
      : { kind: 'paragraph', text: line.text, file, gap: names[i - 1] ? 1 : 0 },
  );
}

/** A node's name as a tree note-taker's text export heads it ("Node: 1. The Store Stump", KeyNote NF's). */
const NODE_LINE = /^Node:[^\S\n]*([^\s.!?…][^\n]{0,80})$/u;
/** The export's own first line: the tool and the tree's file name ('KeyNote NF - "fic drafts.knt"'). */
const EXPORT_BANNER = /^[^\n]{0,40}\s[-–—:]\s*["“]?[^\s"“”]+(?:\s[^\s"“”]+)*\.[a-z]{2,4}["”]?$/iu;

/**
 * A tree note-taker's export with each node's name on a "Node:" line of its own (between rules or not), its text
 * under it: the names are headings, as in a tree indented by depth. The first node over the header's lines (a byline,
 * fields, notes; no story) names the work; a line naming the tree's file above it is the export's, not the title.
 */
export function namedNodeBlocks(blocks: SourceBlock[]): SourceBlock[] {
  const named = blocks.flatMap((b, i) => (b.kind === 'paragraph' && NODE_LINE.test(b.text) ? [i] : []));
  if (named.length < MIN_NODES + 1) return blocks;
  // Prose under the nodes: the tree holds a story, not a list of "Node:" lines.
  const prose = blocks.filter((b) => b.kind === 'paragraph' && SENTENCE_END.test(b.text) && !NODE_LINE.test(b.text));
  if (prose.length < MIN_NODES) return blocks;
  const [first] = named;
  const storyAbove = blocks
    .slice(0, first)
    .some((b) => b.kind === 'paragraph' && !EXPORT_BANNER.test(b.text) && words(b.text) > 12);
  if (storyAbove) return blocks;
  // The first node's own lines, up to the next node: its title when they hold no story (a byline, fields, notes).
  const header = blocks.slice(first + 1, named[1]).filter((b) => b.kind === 'paragraph');
  const titleNode =
    header.length <= 6 &&
    header.every((b) => labelledField(b.text) !== undefined || (!/^["“‘']/u.test(b.text) && words(b.text) <= 12));
  return blocks.flatMap((b, i): SourceBlock[] => {
    if (i < first && b.kind === 'paragraph' && EXPORT_BANNER.test(b.text))
      return [{ ...b, stated: { part: 'metadata', why: 'the export’s first line, naming the tree’s file' } }];
    if (!named.includes(i)) return [b];
    const name = NODE_LINE.exec(b.text)![1].trim();
    if (i === first && titleNode)
      return [{ ...b, text: name, stated: { part: 'title', why: 'the tree’s first node' } }];
    return [{ kind: 'heading', level: 2, text: name, file: b.file, gap: Math.max(b.gap, 1) }];
  });
}

function words(text: string): number {
  return text.split(/\s+/u).length;
}
