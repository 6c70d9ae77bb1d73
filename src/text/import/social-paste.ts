/**
 * A thread on a social site (Bluesky, Mastodon, X) selected in the browser and pasted as text: every
 * post opens with its poster's display name over their handle ("Mina Okafor 🗝️" / "@mina.bsky.social")
 * and ends with its counts as bare numbers or "4 reposts 2 quotes 31 likes". The thread's poster's
 * posts are the story: the first one's name is the creator, its first line ("soup, a lockwood & co fic,
 * 1/9 🧵") the title, and a post that only says "part two!! (5/9)" starts a part. The headers, counts,
 * the date and "Everyone can reply" are the site's; others' posts are readers' replies, set apart.
 */
import { blocksByFile, statedWithin, type SourceBlock } from './blocks.ts';
import { chapterHeading } from './cues.ts';

/** "Mina Okafor 🗝️" over "@rapierandsalt.bsky.social" (or "@mina@mastodon.social", "@mina_o"). */
const HEADER = /^([^\n@]{1,60})\n(@[\w.-]{1,60}(?:@[\w.-]{1,60})?)$/u;
/** A post's counts and the site's lines under it: "12", "1.2K", "4 reposts 2 quotes 31 likes", its date, who can reply. */
const SITE_LINE =
  /^(?:\d[\d.,]*\s?[KkMm]?|(?:\d[\d.,]*\s?[KkMm]?\s+(?:reposts?|quotes?|likes?|replies|reply|boosts?|favou?rites?|views?)\s*)+|(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+ \d{4}) at \d{1,2}:\d{2}(?:\s?[AP]M)?(?:\n.*)?|Everyone can reply|Only (?:followers|mentioned users) can reply)$/u;
/** ", 1/9 🧵", " (1/9)", " 🧵": the thread's count after the first post's title. */
const THREAD_COUNT = /[\s,]*(?:\(?\d{1,3}\s*\/\s*\d{1,3}\)?)?\s*🧵\s*$|[\s,]+\(?1\s*\/\s*\d{1,3}\)?\s*$/u;
/** ", a lockwood & co fic": what the work is, after its title. */
const KIND_AFTER = /,\s+an?\s+[^,]{1,40}?\s+(?:fic|ficlet|drabble|au|one-?shot|story)$/iu;
const MIN_HEADERS = 3;

const nameOf = (display: string) =>
  display
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The title a thread's first line gives, or undefined when it is no such line. */
function threadTitle(line: string): string | undefined {
  // A title with its count is short; a long line is not searched (the count's pattern backtracks on runs of spaces).
  if (line.includes('\n') || line.length > 200 || !THREAD_COUNT.test(line)) return undefined;
  const named = line.replace(THREAD_COUNT, '').replace(KIND_AFTER, '').trim();
  return named !== '' && named.length <= 80 ? named : undefined;
}

/** A post that only starts a part: "part two!! (5/9)", "Part 2 🧵". */
function partLine(text: string): boolean {
  const bare = text
    .replace(/\s*\(?\d{1,3}\s*\/\s*\d{1,3}\)?\s*$/u, '')
    .replace(/[\s!?.~🧵]+$/u, '')
    .trim();
  return !text.includes('\n') && bare !== '' && chapterHeading(bare) !== undefined;
}

export function setSocialPasteApart(blocks: SourceBlock[]): SourceBlock[] {
  const replaced = new Map<number, SourceBlock[]>();
  for (const indexes of blocksByFile(blocks)) {
    const headers = indexes.filter((i) => !blocks[i].stated && HEADER.test(blocks[i].text.trim()));
    if (headers.length < MIN_HEADERS || headers[0] !== indexes.find((i) => blocks[i].text.trim() !== '')) continue;
    const writer = HEADER.exec(blocks[headers[0]].text.trim())![2];
    let post: number[] = [];
    const posts: { poster: string; blocks: number[] }[] = [];
    for (const i of indexes) {
      const header = HEADER.exec(blocks[i].text.trim());
      if (header) {
        post = [];
        posts.push({ poster: header[2], blocks: post });
      }
      post.push(i);
    }
    // Where a later post starts the second part, the writer's post after the first (its title and note) starts the first.
    const parted = posts.findIndex((p, k) => k > 1 && p.poster === writer && partPost(blocks, p.blocks));
    posts.forEach((p, k) => readPost(blocks, p.blocks, p.poster === writer, k, replaced));
    const opening = posts[1]?.blocks[0];
    if (parted > 1 && posts[1].poster === writer)
      replaced.set(opening, [{ ...blocks[opening], stated: { part: 'chapter-heading', title: null } }]);
  }
  return replaced.size === 0 ? blocks : blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}

/** A post whose only words start a part. */
function partPost(blocks: SourceBlock[], post: number[]): boolean {
  const said = post.slice(1).filter((i) => !SITE_LINE.test(blocks[i].text.trim()));
  return said.length === 1 && partLine(blocks[said[0]].text.trim());
}

function readPost(
  blocks: SourceBlock[],
  post: number[],
  own: boolean,
  k: number,
  replaced: Map<number, SourceBlock[]>,
): void {
  const apart = (i: number): SourceBlock => ({
    ...blocks[i],
    stated: undefined,
    chrome: true,
    aside: own ? 'post' : 'reply',
  });
  const [head, ...rest] = post;
  const said = rest.filter((i) => !SITE_LINE.test(blocks[i].text.trim()));
  if (own && k === 0) {
    const display = HEADER.exec(blocks[head].text.trim())![1];
    replaced.set(
      head,
      statedWithin(blocks[head], nameOf(display) || display, { part: 'author', why: 'who posted the thread' }).map(
        (b) => (b.stated ? b : { ...b, chrome: true, aside: 'post' }),
      ),
    );
    const first = said[0];
    const title = first === undefined ? undefined : threadTitle(blocks[first].text.trim());
    if (first !== undefined && title !== undefined)
      replaced.set(
        first,
        statedWithin(blocks[first], title, { part: 'title', why: 'the thread’s first line' }).map((b) =>
          b.stated ? b : { ...b, chrome: true, aside: 'post' },
        ),
      );
  } else replaced.set(head, [apart(head)]);
  for (const i of rest) {
    if (!own || SITE_LINE.test(blocks[i].text.trim())) replaced.set(i, [apart(i)]);
    else if (k > 0 && partPost(blocks, post))
      replaced.set(i, [{ ...blocks[i], stated: { part: 'chapter-heading', title: null } }]);
  }
}
