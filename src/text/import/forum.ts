/**
 * A forum thread copied from the browser, as stories are posted on SpaceBattles, Sufficient Velocity
 * and Questionable Questing: the writer posts each chapter and marks it ("Threadmarks: Snip 2:
 * Drift"); every post has a header (the poster's name and title, the date, "#14") and buttons and
 * reactions under it; readers reply between the chapters. The chapter marks stand alone so that
 * they head their chapters; the headers and buttons are the site's, and the replies are readers'.
 */
import type { SourceBlock, StatedPart } from './blocks.ts';
import { chromeStrength } from './chrome.ts';
import { THREADMARK, threadmarkTitle } from './cues.ts';

/** "#14", "Jun 3, 2019   #1": the post's number, the last line of its header. */
const POST_NUMBER = /(?:^|\s)#\d{1,7}$/u;
/** Under a post: "Reactions: Ravenmind and 214 others", "Like x 42", "Last edited: Jan 5, 2025", a spoiler box's "Click to shrink...". */
const POST_FOOTER =
  /^(?:reactions?\s*:.*|(?:like|love|informative|insightful|haha)\s+x\s*\d+(?:\s*(?:like|love|informative|insightful|haha)\s+x\s*\d+)*|last edited\s*:.*|click to (?:expand|shrink)\.*|like\s+reply|reply\s+report)$/iu;
/** A header line above the number: the name, the user title, the date, "Add bookmark". */
const HEADER_LINE = /^[^.!?…]{1,48}$/u;
const HEADER_LINES = 6;
/** A poster's name: a handle ("Ferrous_Lantern") or a short name. */
const POSTER = /^[\p{L}\p{N}_.-]{2,32}(?: [\p{L}\p{N}_.-]{2,20}){0,2}$/u;

type LineKind = 'story' | 'mark' | 'site' | 'reply';

interface Line {
  text: string;
  block: number;
  kind: LineKind;
}

/** In a thread, a button alone ("Reply", "Watch") is the site's too. */
function isSiteLine(text: string): boolean {
  return POST_FOOTER.test(text) || chromeStrength(text) !== undefined;
}

/** Lines of one file's thread, with what each is. */
function readThread(lines: Line[]): void {
  /** Where each post starts, and who posted it. */
  const posts: { start: number; poster: string | undefined }[] = [];
  lines.forEach((line, i) => {
    if (POST_NUMBER.test(line.text) && HEADER_LINE.test(line.text)) {
      let start = i;
      while (start > 0 && i - start < HEADER_LINES && lines[start - 1].kind !== 'mark') {
        const above = lines[start - 1].text;
        if (!HEADER_LINE.test(above) || POST_NUMBER.test(above)) break;
        start--;
      }
      for (let k = start; k <= i; k++) lines[k].kind = 'site';
      const poster = lines.slice(start, i).find((l) => POSTER.test(l.text) && !isSiteLine(l.text))?.text;
      posts.push({ start, poster });
    } else if (line.kind === 'mark' && i > 0 && lines[i - 1].kind === 'story' && POSTER.test(lines[i - 1].text)) {
      // Sufficient Velocity's copy: only the poster's name above the mark.
      lines[i - 1].kind = 'site';
      posts.push({ start: i - 1, poster: lines[i - 1].text });
    } else if (line.kind === 'story' && isSiteLine(line.text)) line.kind = 'site';
  });
  posts.sort((a, b) => a.start - b.start);
  // The writer is who posted the first chapter; a post by anybody else with no mark is a reply.
  const firstMarked = posts.find((post, p) =>
    lines.slice(post.start, posts[p + 1]?.start ?? lines.length).some((l) => l.kind === 'mark'),
  );
  const writer = firstMarked?.poster;
  if (writer === undefined) return;
  posts.forEach((post, p) => {
    const end = posts[p + 1]?.start ?? lines.length;
    const own = lines.slice(post.start, end);
    if (post.poster === undefined || post.poster === writer || own.some((l) => l.kind === 'mark')) return;
    for (const line of own) if (line.kind === 'story') line.kind = 'reply';
  });
}

function markOf(text: string): StatedPart {
  return { part: 'chapter-heading', title: threadmarkTitle(THREADMARK.exec(text)![2]) };
}

function rebuild(block: SourceBlock, lines: Line[]): SourceBlock[] {
  const kinds = new Set(lines.map((l) => l.kind));
  if (kinds.size === 1 && !kinds.has('mark')) {
    const [kind] = kinds;
    return [
      kind === 'story' ? block : { ...block, chrome: true, ...(kind === 'reply' ? { aside: 'reply' as const } : {}) },
    ];
  }
  // Formatted blocks are one line each; a mixed one keeps its formatting and stays whole.
  if (block.html !== undefined) return lines.length === 1 ? [{ ...block, stated: markOf(lines[0].text) }] : [block];
  const out: SourceBlock[] = [];
  for (const line of lines) {
    if (line.kind === 'mark') {
      out.push({
        kind: 'paragraph',
        text: line.text,
        file: block.file,
        gap: out.length === 0 ? block.gap : 0,
        stated: markOf(line.text),
      });
      continue;
    }
    const last = out.at(-1);
    const kind = line.kind;
    const lastKind = last === undefined ? undefined : last.aside === 'reply' ? 'reply' : last.chrome ? 'site' : 'story';
    if (last && !last.stated && kind === lastKind) {
      last.text += `\n${line.text}`;
      continue;
    }
    out.push({
      kind: 'paragraph',
      text: line.text,
      file: block.file,
      gap: out.length === 0 ? block.gap : 0,
      ...(kind === 'site' || kind === 'reply' ? { chrome: true as const } : {}),
      ...(kind === 'reply' ? { aside: 'reply' as const } : {}),
    });
  }
  return out;
}

/**
 * In a file with two chapter marks or more, sets each mark apart as a block of its own, and marks
 * the posts' headers, buttons and reactions as the site's and other posters' replies as readers'.
 */
export function setThreadApart(blocks: SourceBlock[]): SourceBlock[] {
  const byFile = new Map<number, number[]>();
  blocks.forEach((b, i) => {
    const indexes = byFile.get(b.file);
    if (indexes) indexes.push(i);
    else byFile.set(b.file, [i]);
  });
  const replaced = new Map<number, SourceBlock[]>();
  for (const indexes of byFile.values()) {
    const lines: Line[] = indexes.flatMap((index) =>
      blocks[index].kind === 'paragraph' && !blocks[index].stated
        ? blocks[index].text.split('\n').flatMap((text) => {
            const trimmed = text.trim();
            return trimmed === ''
              ? []
              : [{ text: trimmed, block: index, kind: THREADMARK.test(trimmed) ? 'mark' : 'story' } as Line];
          })
        : [],
    );
    if (lines.filter((l) => l.kind === 'mark').length < 2) continue;
    readThread(lines);
    for (const index of indexes) {
      const own = lines.filter((l) => l.block === index);
      if (own.length > 0) replaced.set(index, rebuild(blocks[index], own));
    }
  }
  return replaced.size === 0 ? blocks : blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}
