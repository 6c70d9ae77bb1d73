/**
 * A forum thread copied from the browser, as stories are posted on SpaceBattles, Sufficient Velocity
 * and Questionable Questing: the writer posts each chapter and marks it ("Threadmarks: Snip 2:
 * Drift"); every post has a header (the poster's name and title, the date, "#14") and buttons and
 * reactions under it; readers reply between the chapters. The chapter marks stand alone so that
 * they head their chapters; the headers and buttons are the site's, and the replies are readers'.
 */
import { blocksByFile, type SourceBlock, type StatedPart } from './blocks.ts';
import { chromeStrength, DATE } from './chrome.ts';
import { THREADMARK, threadmarkTitle } from './cues.ts';

/** "#14" alone, or after the date: "Jun 3, 2019   #1". A story's "Case #4471" is neither. */
const POST_NUMBER = new RegExp(`^(?:${DATE}\\s+)?#\\d{1,7}$`, 'iu');
const HAS_DATE = new RegExp(DATE, 'iu');
/** Under a post: "Reactions: Ravenmind and 214 others", "Like x 42", "Last edited: Jan 5, 2025", a spoiler box's "Click to shrink...", a button alone. */
const POST_FOOTER =
  /^(?:reactions?\s*:.*|(?:like|love|informative|insightful|haha)\s+x\s*\d+(?:\s*(?:like|love|informative|insightful|haha)\s+x\s*\d+)*|last edited\s*:.*|click to (?:expand|shrink)\.*|(?:like\s+)?reply(?:\s+report)?|report|watch|quote|share|(?:add\s+)?bookmark)$/iu;
/** A header line above the number: the name, the user title, the date, "Add bookmark". */
const HEADER_LINE = /^[^.!?…]{1,48}$/u;
const HEADER_LINES = 6;
/** A poster's name: a handle ("Ferrous_Lantern") or a short name. */
const POSTER = /^[\p{L}\p{N}_.-]{2,32}(?: [\p{L}\p{N}_.-]{2,20}){0,2}$/u;

type LineKind = 'story' | 'mark' | 'site' | 'post' | 'reply';

interface Line {
  text: string;
  block: number;
  /** The first line of a block with a blank line above it. */
  apart: boolean;
  kind: LineKind;
}

function isSiteLine(text: string): boolean {
  return POST_FOOTER.test(text) || chromeStrength(text) === 'button';
}

interface Post {
  start: number;
  /** The line after the header. */
  body: number;
  poster: string | undefined;
}

/** The header ending at line `i` ("#14"): up through its date and the poster's name, not past a blank line. */
function headerAbove(lines: Line[], i: number): Post | undefined {
  let start = i;
  while (start > 0 && i - start < HEADER_LINES && lines[start - 1].kind !== 'mark' && !lines[start].apart) {
    const above = lines[start - 1].text;
    if (!HEADER_LINE.test(above) || POST_NUMBER.test(above)) break;
    start--;
  }
  const header = lines.slice(start, i + 1);
  if (!header.some((line) => HAS_DATE.test(line.text))) return undefined;
  const poster = header.find((l) => POSTER.test(l.text) && !isSiteLine(l.text) && !HAS_DATE.test(l.text))?.text;
  return { start, body: i + 1, poster };
}

/**
 * A thread's writer: who posts the chapter marks (the most of them), whichever post the copy starts
 * with (a thread's fifth page). `markedPosters` has the poster of each post that carries a mark.
 */
export function threadWriter(markedPosters: (string | undefined)[]): string | undefined {
  const marks = new Map<string, number>();
  for (const poster of markedPosters) if (poster !== undefined) marks.set(poster, (marks.get(poster) ?? 0) + 1);
  return [...marks].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * Reads one file's lines as a thread: its posts' headers, the chapter marks they carry, the
 * site's lines and other posters' replies. False when fewer than two marks head a post: a
 * story that only mentions "Threadmarks:" is left as it is.
 */
function readThread(lines: Line[]): boolean {
  const posts: Post[] = [];
  lines.forEach((line, i) => {
    if (!POST_NUMBER.test(line.text)) return;
    const post = headerAbove(lines, i);
    if (post) posts.push(post);
  });
  const heads = (i: number) => posts.some((p) => p.body === i || p.start === i + 1);
  const marks = lines.flatMap((line, i) => (line.kind === 'mark' ? [i] : []));
  // Sufficient Velocity's copy: only the poster's name above the mark.
  for (const i of marks)
    if (!heads(i) && i > 0 && POSTER.test(lines[i - 1].text) && !isSiteLine(lines[i - 1].text))
      posts.push({ start: i - 1, body: i, poster: lines[i - 1].text });
  const heading = new Set(marks.filter(heads));
  if (heading.size < 2) return false;
  for (const i of marks) if (!heading.has(i)) lines[i].kind = 'story';
  posts.sort((a, b) => a.start - b.start);
  for (const post of posts) for (let k = post.start; k < post.body; k++) lines[k].kind = 'post';
  for (const line of lines) if (line.kind === 'story' && isSiteLine(line.text)) line.kind = 'site';
  const within = (p: number) => lines.slice(posts[p].start, posts[p + 1]?.start ?? lines.length);
  // A post by anybody but the writer with no mark is a reply.
  const writer = threadWriter(
    posts.filter((_, p) => within(p).some((l) => l.kind === 'mark')).map((post) => post.poster),
  );
  if (writer === undefined) return true;
  posts.forEach((post, p) => {
    const own = within(p);
    if (post.poster === undefined || post.poster === writer || own.some((l) => l.kind === 'mark')) return;
    for (const line of own) if (line.kind === 'story') line.kind = 'reply';
  });
  return true;
}

function markOf(text: string): StatedPart {
  return { part: 'chapter-heading', title: threadmarkTitle(THREADMARK.exec(text)![2]) };
}

/** A block of lines of one kind: the story's, or set apart as the site's (a post's header, a reply). */
function blockOf(block: SourceBlock, text: string, kind: LineKind, first: boolean): SourceBlock {
  return {
    ...block,
    text,
    gap: first ? block.gap : 0,
    ...(kind === 'story' ? {} : { chrome: true as const }),
    ...(kind === 'reply' || kind === 'post' ? { aside: kind } : {}),
  };
}

function rebuild(block: SourceBlock, lines: Line[]): SourceBlock[] {
  const kinds = new Set(lines.map((l) => l.kind));
  if (kinds.size === 1 && !kinds.has('mark')) return [blockOf(block, block.text, lines[0].kind, true)];
  // Formatted blocks are one line each; a mixed one keeps its formatting and stays whole.
  if (block.html !== undefined) return lines.length === 1 ? [{ ...block, stated: markOf(lines[0].text) }] : [block];
  const out: { kind: LineKind; lines: string[] }[] = [];
  for (const line of lines) {
    const last = out[out.length - 1];
    if (last && line.kind === last.kind && line.kind !== 'mark') last.lines.push(line.text);
    else out.push({ kind: line.kind, lines: [line.text] });
  }
  return out.map(({ kind, lines: own }, i) =>
    kind === 'mark'
      ? { kind: 'paragraph', text: own[0], file: block.file, gap: i === 0 ? block.gap : 0, stated: markOf(own[0]) }
      : { ...blockOf(block, own.join('\n'), kind, i === 0), kind: 'paragraph' },
  );
}

/**
 * In a file with two chapter marks or more, sets each mark apart as a block of its own, and marks
 * the posts' headers, buttons and reactions as the site's and other posters' replies as readers'.
 */
export function setThreadApart(blocks: SourceBlock[]): SourceBlock[] {
  const replaced = new Map<number, SourceBlock[]>();
  for (const indexes of blocksByFile(blocks)) {
    // Most files have no mark at all: read them no further.
    if (indexes.filter((index) => /threadmarks?\s*:/i.test(blocks[index].text)).length === 0) continue;
    const lines: Line[] = indexes.flatMap((index) =>
      blocks[index].kind === 'paragraph' && !blocks[index].stated
        ? blocks[index].text.split('\n').flatMap((text, k) => {
            const trimmed = text.trim();
            const kind: LineKind = THREADMARK.test(trimmed) ? 'mark' : 'story';
            return trimmed === ''
              ? []
              : [{ text: trimmed, block: index, apart: k === 0 && blocks[index].gap > 0, kind }];
          })
        : [],
    );
    if (lines.filter((l) => l.kind === 'mark').length < 2 || !readThread(lines)) continue;
    const byBlock = new Map<number, Line[]>();
    for (const line of lines) {
      const own = byBlock.get(line.block);
      if (own) own.push(line);
      else byBlock.set(line.block, [line]);
    }
    for (const [index, own] of byBlock) replaced.set(index, rebuild(blocks[index], own));
  }
  return replaced.size === 0 ? blocks : blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}
