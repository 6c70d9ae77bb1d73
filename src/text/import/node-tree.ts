/**
 * A note tree exported as plain text (CherryTree's "Export to Plain Text", a tree outliner's text
 * export): the root node's name at the left margin, each child node's name indented under it, and
 * each node's text indented one step further, a line a paragraph (blank lines between them or not). A writer who keeps
 * a story there has a node a chapter (or its notes): the node names are headings, at the depth of
 * their node, so that chapters are read from them as from a document's headings.
 */
import type { SourceBlock } from './blocks.ts';

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
  const indent = /^ */u.exec(raw)![0].length;
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
  if (text.includes('\t')) return undefined;
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
