/**
 * An old hosted message board's thread page (Network54's, Boardhost's, and the WWWBoard-like boards
 * of their time): the posts one under another between rules, each opening with its subject in bold
 * and "Posted by NAME on DATE" under it, and no box or class to tell them apart. The writer posts the
 * story's parts, each under its own subject ("Re: Three Lumps - part 2 (end)"); readers reply between.
 */
import { statedWithin, type SourceBlock } from './blocks.ts';
import { chapterHeading } from './cues.ts';
import { isBareNumberLine, isPartPlaceLine } from './sections.ts';

/** "Posted by Grue Bait on Sunday, May 4 2003 at 10:12 PM", "…, in reply to "…"". */
const POSTED_BY = /^posted by\s+(\S.{0,59}?)\s+on\s+\S.{3,}$/iu;
/** A post's subject: a short line. */
const SUBJECT_CHARACTERS = 150;
/** "part 2", "Part Two", "pt. 3", "(2/3)": a subject naming a later part of the story. */
const PART_SUBJECT =
  /\b(?:part|pt\.?)\s*(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|ii|iii|iv|v|vi)\b|\(\s*\d{1,3}\s*\/\s*\d{1,3}\s*\)/iu;

interface BoardPost {
  at: number;
  subject: string;
  poster: string;
  posted: string;
}

function postHeader(block: SourceBlock): BoardPost | undefined {
  if (block.kind !== 'paragraph' || block.stated || block.chrome) return undefined;
  const lines = block.text.split('\n').map((l) => l.trim());
  if (lines.length !== 2 || lines[0] === '' || lines[0].length > SUBJECT_CHARACTERS) return undefined;
  const by = POSTED_BY.exec(lines[1]);
  return by ? { at: -1, subject: lines[0], poster: by[1], posted: lines[1] } : undefined;
}

/** Lines of a board's banner or menu: each short, none ending a sentence. */
function siteLines(text: string): boolean {
  return text
    .split('\n')
    .map((l) => l.trim())
    .every((l) => l.split(/\s+/).length <= SITE_LINE_WORDS && !/[.!?]["”’)]?$/u.test(l));
}
const SITE_LINE_WORDS = 12;

/** The first block of a post's text is a part's heading of its own ("Part 2"). */
function headed(block: SourceBlock | undefined): boolean {
  if (!block || block.kind === 'break') return false;
  if (block.kind === 'heading' || block.stated?.part === 'chapter-heading') return true;
  const text = block.text.trim();
  return chapterHeading(text) !== undefined || isBareNumberLine(text) || isPartPlaceLine(text);
}

/**
 * In a page with two such posts or more: each post's "Posted by" line set apart as the board's, a
 * reader's post (by anyone but the first poster) as a reply, and a later post of the writer's whose
 * subject names its part and whose text has no heading of its own headed by its subject, as a part.
 * The first post's subject stays a line of the page, for its title to be read from.
 */
export function setBoardPostsApart(blocks: SourceBlock[]): SourceBlock[] {
  const posts: BoardPost[] = [];
  blocks.forEach((block, at) => {
    const post = postHeader(block);
    if (post) posts.push({ ...post, at });
  });
  if (posts.length < 2) return blocks;
  const writer = posts[0].poster;
  const replaced = new Map<number, SourceBlock[]>();
  // The board's banner and links over the first post ("The Round Room - an interactive fiction fan board",
  // "Free Forum Hosting by Network54", "[ Post Message ] [ Search ]"): short lines, no sentence among them.
  const above = blocks.slice(0, posts[0].at);
  if (above.every((b) => b.kind === 'break' || b.chrome || (!b.stated && siteLines(b.text))))
    above.forEach((b, i) => {
      if (b.kind === 'paragraph' && !b.chrome) replaced.set(i, [{ ...b, chrome: true }]);
    });
  // Under the last post's rule, the board's list of the thread's replies ("Re: Three Lumps -- Hacker's Wife, 9/15/2004").
  const last = posts[posts.length - 1].at;
  const rule = blocks.findIndex((b, i) => i > last && b.kind === 'break');
  const below = rule === -1 ? [] : blocks.slice(rule + 1);
  if (below.every((b) => b.kind === 'break' || b.chrome || (!b.stated && siteLines(b.text))))
    below.forEach((b, i) => {
      if (b.kind === 'paragraph' && !b.chrome) replaced.set(rule + 1 + i, [{ ...b, chrome: true }]);
    });
  posts.forEach((post, k) => {
    const block = blocks[post.at];
    const line = (text: string, extra: Partial<SourceBlock>, gap = 0): SourceBlock => ({
      kind: 'paragraph',
      text,
      file: block.file,
      gap,
      ...extra,
    });
    // Stated, so that no later reading takes the line for a chat's header ("NAME on DATE").
    const postedLine = line(post.posted, {
      stated: { part: 'metadata', why: 'the board’s line over the post: who posted it and when' },
    });
    const end = posts[k + 1]?.at ?? blocks.length;
    if (k === 0) {
      // The first post's poster is the writer, when nothing on the page names them otherwise.
      const named = blocks.some((b) => b.stated?.part === 'author');
      const poster = named
        ? [postedLine]
        : statedWithin(postedLine, post.poster, { part: 'author', why: 'who posted the thread’s first post' });
      replaced.set(post.at, [line(post.subject, {}, block.gap), ...poster]);
      return;
    }
    if (post.poster !== writer) {
      replaced.set(post.at, [line(post.subject, { chrome: true, aside: 'post' }, block.gap), postedLine]);
      // The reply's text, to the rule under it.
      for (let i = post.at + 1; i < end && blocks[i].kind !== 'break'; i++)
        replaced.set(i, [{ ...blocks[i], chrome: true, aside: 'reply' }]);
      return;
    }
    const part = PART_SUBJECT.test(post.subject) && !headed(blocks[post.at + 1]);
    replaced.set(post.at, [
      line(
        post.subject,
        part ? { stated: { part: 'chapter-heading', title: null } } : { chrome: true, aside: 'post' },
        block.gap,
      ),
      postedLine,
    ]);
  });
  return blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}
