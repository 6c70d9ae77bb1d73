/**
 * A saved web page names its story in its <title>, the text a browser shows on its tab:
 * "The Last Course – Mise en Place", "Spânul, la bătrânețe | by Ioana Crăciun | Medium",
 * "The Water Debt by Sietch Tabr Archivist | Inkitt". The page's own heading for the story is
 * among the lines above the story, mixed with the site's name, menus and breadcrumbs; the heading
 * whose words the <title> repeats is the work's title, and the short lines above it are the
 * site's. A creator the <title> names ("by …") is read from the line that shows that name.
 */
import { DomUtils } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { stateAuthorUnderTitle, statedWithin, type SourceBlock } from './blocks.ts';
import { DATE } from './chrome.ts';
import { isDayOfYear, isPostDate } from './post-date.ts';
import {
  CHAPTER_POSITION,
  CHAPTER_WORDS,
  chapterHeading,
  bylineName,
  isByline,
  isDedication,
  labelledField,
  titleOf,
  titleWithByline,
} from './cues.ts';

export interface PageHead {
  /** The <title> element's text (or og:title when there is no <title>). */
  title: string;
  /** og:site_name, when the page states it. */
  siteName: string | null;
  /** The creator the page names: <meta name="author">, or "by …" in its title. */
  creator: string | null;
}

/** Letters and digits only, lower case, one space between words: how a heading is compared with the <title>. */
function key(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function meta(root: AnyNode[], name: string): string | null {
  const node = DomUtils.findOne(
    (n) => n.name === 'meta' && (n.attribs.property === name || n.attribs.name === name),
    root,
    true,
  );
  const content = node?.attribs.content?.trim();
  return content ? content : null;
}

/** "… by Sietch Tabr Archivist | Inkitt", "Journal … by PinesAndNeedles on DeviantArt", "… | by Ioana Crăciun | Medium". */
const TITLE_BYLINE = /(?:^|\s)by\s+(\S[^|–—·»]*?)(?:\s+on\s+[^|–—·»]+)?\s*(?:[|–—·»]|\s-\s|$)/iu;

/** "impalaheart — for the drive": a Tumblr post's tab names the blog, a user name, before the post. */
const TUMBLR_TITLE = /^([a-z0-9][a-z0-9-]{1,31})\s+[—–-]\s+\S/u;

/** A page saved from Tumblr: its scripts, its links to blogs, or its theme's class say so. */
function onTumblr(root: AnyNode[]): boolean {
  return (
    DomUtils.findOne(
      (n) =>
        /(?:^|[/.])tumblr\.com(?:[/:]|$)/u.test(n.attribs.src ?? n.attribs.href ?? '') ||
        (n.attribs.class ?? '').split(/\s+/).includes('tumblr'),
      root,
      true,
    ) !== null
  );
}

export function pageHead(root: AnyNode[]): PageHead | null {
  const element = DomUtils.findOne((n) => n.name === 'title', root, true);
  const title = (element ? DomUtils.textContent(element) : '').replace(/\s+/g, ' ').trim() || meta(root, 'og:title');
  if (!title) return null;
  const creator = meta(root, 'author') ?? TITLE_BYLINE.exec(title)?.[1]?.trim() ?? null;
  return { title, siteName: meta(root, 'og:site_name'), creator };
}

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * The first paragraph that reads as the story (or a summary), or the writer's note over it (a board's first post
 * opening with one): past it, no line is the page's heading.
 */
function storyStart(blocks: SourceBlock[]): number {
  const at = blocks.findIndex(
    (b) =>
      b.kind === 'paragraph' &&
      (!b.stated || (b.stated.part === 'notes' && b.stated.firstPostNote === true)) &&
      (words(b.text) >= 25 || (!/\s/.test(b.text) && b.text.length >= 60)),
  );
  return at === -1 ? blocks.length : at;
}

/** Where the words of `part` stand in `text`, both compared as keys, at word boundaries. */
function within(text: string, part: string): boolean {
  return part !== '' && ` ${key(text)} `.includes(` ${key(part)} `);
}

/** The title a heading shows once what it says about the story is left out ("[응팔 팬픽] 골목의 마지막 겨울"). */
function headingTitle(text: string): string {
  return titleOf(
    text.replace(/\s*\((?:\d[\d,.]*\s+\p{L}+|\d+\s*[/~〜]\s*\d+)\)$/u, '').replace(CHAPTERS_AFTER_DASH, ''),
  ).trim();
}

/** "… - 2 chương", "… – 3 chapters": how many chapters, after a dash, as a board's topic title counts them. */
const CHAPTERS_AFTER_DASH = new RegExp(`\\s+[-–—]\\s+\\d{1,3}\\s+(?:${CHAPTER_WORDS.join('|')})\\p{L}{0,3}$`, 'iu');

/** "슬의생 팬픽 ♡ 틀린 코드" under "슬의생 팬픽": a blog's category over the post, and the post's title after it. */
function afterCategory(text: string, above: string | undefined): string | undefined {
  const category = above?.trim();
  if (!category || category.includes('\n') || category === text || !text.startsWith(category)) return undefined;
  const rest = /^\s*[♡♥|·:~\-–—»]\s*(\S.*)$/u.exec(text.slice(category.length));
  return rest?.[1];
}

/**
 * Marks the page's heading for its story as the title, the short lines above it as the site's,
 * and the line naming the creator the <title> names. Pages whose title nothing in them repeats
 * are left as they are.
 */
export function markPageHead(read: SourceBlock[], head: PageHead): SourceBlock[] {
  const blocks = titleLinesApart(read, head);
  const end = storyStart(blocks);
  // A page that labels its title ("Title: …"), or states it (FanFiction.Net's), says it better than its tab.
  // Its heading that the <title> names is then the page's, and so are the short lines above it.
  const labelled = blocks.slice(0, end).some((b) => labelledField(b.text.trim())?.field === 'title');
  if (blocks.some((b) => b.stated?.part === 'title')) return blocks;
  const names = new Set([head.siteName, siteOf(head.title, blocks), head.creator].filter((n) => n !== null).map(key));
  // A line right over a byline is a work's title, though it ends the <title> as a site's name would
  // ("Hill Valley Stories - 88 Miles Per Hour" over "by Jennifer P.").
  const statedNames = new Set([head.siteName, head.creator].filter((n) => n !== null).map(key));
  // One word names the story only as a whole part of the title ("Steeped"), not as a piece of one
  // ("Tern's Fics"); scripts written without spaces have no words to count. A colon parts a title
  // ("Dune: The Water Debt"), so it cuts segments here, though it never sets off a site's name (siteOf).
  // "Basics by hoopdreams": a segment naming the story with its writer names the story too.
  // A wiki's tab names the page by its path, its own name in brackets after: "fic:treatment [Attic Archive]".
  const wikiPage = /^[\p{L}\p{N}_.-]+(?::[\p{L}\p{N}_.-]+)+(?=\s+\[[^\]]+\]$)/u.exec(head.title)?.[0].split(':').at(-1);
  const segments = new Set(
    head.title
      .split(/\s+[|–—·»:-]\s+|:\s+/u)
      .flatMap((segment) => [segment, segment.replace(/\s+by\s+.*$/iu, '')].map(key))
      .concat(wikiPage === undefined ? [] : [key(wikiPage)]),
  );
  // A name over each post (a channel's, over every one of its posts) is the site's, whatever the <title> says.
  const seen = new Set<string>();
  const repeatedOverPosts = new Set<string>();
  for (const block of blocks)
    if (block.aside === 'post') {
      const text = block.text.trim();
      if (seen.has(text)) repeatedOverPosts.add(text);
      seen.add(text);
    }
  const found: { at: number; title: string | null; chapter?: string }[] = [];
  for (let i = 0; i < end; i++) {
    const block = blocks[i];
    const text = pathEnd(block.text.trim());
    if (
      block.stated ||
      repeatedOverPosts.has(text) ||
      block.kind === 'break' ||
      text.includes('\n') ||
      words(text) > 20
    )
      continue;
    if (chapterHeading(text) || CHAPTER_POSITION.test(text) || labelledField(text) || isByline(text)) continue;
    const named = (t: string) =>
      key(t).length >= 2 &&
      !(isByline(blocks[i + 1]?.text.trim() ?? '') ? statedNames : names).has(key(t)) &&
      within(head.title, t) &&
      !bracketed(head.title, t) &&
      !inBrackets(head.title, t) &&
      (words(t) >= 2 ||
        segments.has(key(t)) ||
        /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(t));
    // "The Outsider's Day Off by voidwhale": the header's own rules read a title with its byline.
    const byline = titleWithByline(text);
    // "Basics ❯ Twenty Thousand Shots ( Chapter 1 )": the story, then the chapter on the page (a path's
    // "›" and "»" step through a site's sections instead).
    const steps = text.split(/\s+❯\s+/u);
    if (steps.length === 2 && named(steps[0])) {
      found.push({ at: i, title: steps[0], chapter: steps[1].replace(CHAPTER_ON_PAGE, '').trim() });
      continue;
    }
    const titled = afterCategory(text, blocks[i - 1]?.text);
    // "Rain Days and Donuts · Hayakawa_Leftovers · Fan-fic · 1.1K views": a line of facts opening with the work's name.
    const fields = factFields(text);
    const candidate = byline
      ? named(byline.title)
        ? null
        : undefined
      : [
          ...(titled ? [headingTitle(titled)] : []),
          headingTitle(text),
          text,
          ...(factLine(fields) ? [fields[0]] : []),
        ].find(named);
    if (candidate !== undefined) found.push({ at: i, title: candidate });
  }
  // A page showing the work's title over its byline and then the chapter's (Wattpad's part page, Royal
  // Road's chapter page; each <title> names both, in either order) has the work's title where the
  // byline is; otherwise the last heading the <title> names is the nearest the story.
  // Not a blog's name over its tagline, what the blog holds and whose ("MacGyver fan fiction by Swiss Army Sue").
  const bylined = found.find(({ at }) => {
    const next = blocks[at + 1]?.text.trim() ?? '';
    return isByline(next) && bylineName(next).label.split(/\s+/u).length <= 3;
  });
  const headed = bylined ?? found.at(-1) ?? { at: -1, title: null };
  const { title, chapter: named } = headed;
  let { at } = headed;
  // A board's topic title dresses the work's ("Min novell om Ronja: Vintern i Mattisborgen (2 delar)"); the
  // writer's post gives the title bare, right over its first chapter's heading.
  // Or a blog's page whose tab is only its name, over its tagline and a dated post with a title of its own.
  const bare =
    title === null
      ? -1
      : bareTitleBelow(blocks, at, title) !== -1
        ? bareTitleBelow(blocks, at, title)
        : head.title
              .split(/\s+[|–—-]\s+/u)
              .every((segment) => key(segment) === key(title) || (names.has(key(segment)) && !/^by\s/iu.test(segment)))
          ? postTitleUnderBlogName(blocks, at)
          : -1;
  if (bare !== -1) at = bare;
  if (labelled) return at === -1 ? blocks : pageLinesAbove(blocks, at + 1);
  const out = [...blocks];
  // The chapter named after the story, shown again over its text (under the story's facts and notes), is its heading there.
  const shown = named ? chapterShown(out, at, named) : -1;
  if (named && shown !== -1)
    out[shown] = { ...out[shown], kind: 'heading', stated: { part: 'chapter-heading', title: named } };
  // Or right over them (Royal Road's "Twelve Lamps" over "Grace Under Pressure"), named before the work in the
  // <title> as a chapter page names itself; higher up, or named after the post ("… - Noa's blog - ynet"), a blog's name.
  const segmentsInOrder = head.title.split(/\s+[|–—·»-]\s+/u).map(key);
  const segmentOf = (text: string) => segmentsInOrder.findIndex((segment) => within(segment, text));
  const below = bylined && found.at(-1) !== bylined ? found.at(-1) : undefined;
  // The whole line is the chapter's name: "Issue 412 | 18th day of Collecting" over a magazine's story is its issue.
  const over = bylined && found.find((f) => f.at === bylined.at - 1 && key(blocks[f.at].text) === key(f.title ?? ''));
  const chapter =
    below ??
    (over &&
    over.title !== null &&
    key(over.title) !== key(bylined?.title ?? '') &&
    !(segmentOf(over.title) > segmentOf(bylined?.title ?? '') && segmentOf(bylined?.title ?? '') !== -1)
      ? over
      : undefined);
  // Or right over the work's title and byline ("The Last Photo" over "Warm Prints by shiguang", Scribble Hub's
  // chapter page), named first in the <title> as a chapter page names itself ("The Last Photo - Warm Prints | …").
  const overByline = found.find((f) => f.at === at - 1 && f.title !== null);
  const byline = titleWithByline(out[at]?.text.trim() ?? '');
  if (
    !chapter &&
    title === null &&
    overByline &&
    byline &&
    segmentsInOrder[0] === key(overByline.title!) &&
    segmentsInOrder.slice(1).includes(key(byline.title))
  )
    out[overByline.at] = {
      ...out[overByline.at],
      kind: 'heading',
      stated: { part: 'chapter-heading', title: overByline.title },
    };
  if (chapter?.title)
    out[chapter.at] = {
      ...out[chapter.at],
      kind: 'heading',
      stated: { part: 'chapter-heading', title: chapter.title },
    };
  if (at !== -1) {
    out.splice(0, at, ...pageLinesAbove(out, at).slice(0, at));
    if (bare !== -1) {
      const line = bareTitleLine(out[at].text);
      out.splice(at, 1, ...statedWithin(out[at], line, { part: 'title' }));
      out[headed.at] = { ...out[headed.at], chrome: true };
    } else if (title !== null) out.splice(at, 1, ...statedWithin(out[at], title, { part: 'title' }));
  }
  const titleAt = out.findIndex((b) => b.stated?.part === 'title');
  const marked = markCreator(out, head.creator, titleAt, end + (out.length - blocks.length));
  return markPoster(marked, titleAt, end + (marked.length - blocks.length));
}

/** A board's path to a topic, a section a line: "All Forums" / "Fan Fiction" / "Darkwing Duck Stories" / the topic. */
const PATH_LINES = 6;
const PATH_LINE_WORDS = 8;

/** The last line of a board's path set one section a line, the topic's own subject; any other text as it is. */
function pathEnd(text: string): string {
  const lines = text.split('\n').map((line) => line.trim());
  if (
    lines.length < 2 ||
    lines.length > PATH_LINES ||
    lines.some((line) => line === '' || words(line) > PATH_LINE_WORDS)
  )
    return text;
  return lines.every((line) => !/[.!?…]["”’]?$/u.test(line)) ? lines[lines.length - 1] : text;
}

/** How far under the page's heading a post's own title line is looked for: its header, notes and disclaimer. */
const BARE_TITLE_REACH = 12;

/**
 * A short line under the heading at `at` that is part of its title (two words or more, or one at its start or
 * end: "Min novell om Oona: Mässingsnyckeln"), right over a chapter heading; or -1.
 */
function bareTitleBelow(blocks: SourceBlock[], at: number, title: string): number {
  const whole = key(title);
  for (let i = at + 1; i < Math.min(blocks.length - 1, at + BARE_TITLE_REACH); i++) {
    const text = bareTitleLine(blocks[i].text);
    if (
      !blocks[i].stated &&
      !blocks[i].chrome &&
      blocks[i].kind === 'paragraph' &&
      !text.includes('\n') &&
      (words(text) >= 2 || whole.startsWith(`${key(text)} `) || whole.endsWith(` ${key(text)}`)) &&
      key(text) !== key(title) &&
      within(title, text) &&
      chapterHeading(blocks[i + 1].text.trim())
    )
      return i;
  }
  return -1;
}

/**
 * A page's centred head in one box, its lines between <br>s (a personal site's image caption, the title the <title>
 * names, "by Jennifer P."): each line a block of its own, so the title is read apart from the byline under it.
 */
function titleLinesApart(blocks: SourceBlock[], head: PageHead): SourceBlock[] {
  const at = blocks.findIndex((b) => b.kind === 'paragraph' && !b.stated && !b.chrome && b.text.includes('\n'));
  if (at === -1 || at >= storyStart(blocks)) return blocks;
  const lines = blocks[at].text.split('\n').map((line) => line.trim());
  if (lines.length > 4 || lines.some((line) => line === '' || words(line) > 12)) return blocks;
  const titled = lines.findIndex(
    (line, k) => k < lines.length - 1 && isByline(lines[k + 1]) && words(line) >= 2 && within(head.title, line),
  );
  if (titled === -1) return blocks;
  const apart = lines.map((text, k): SourceBlock => ({
    kind: 'paragraph',
    text,
    file: blocks[at].file,
    gap: k === 0 ? blocks[at].gap : 0,
  }));
  return [...blocks.slice(0, at), ...apart, ...blocks.slice(at + 1)];
}

/** How far under a blog's name its post's date may stand: the tagline between them. */
const BLOG_DATE_REACH = 3;

/**
 * "~*Hundred Acre Hideaway*~" / its tagline / "Sunday, November 27" / "**Eeyore's Umbrella**": under the blog's name,
 * all the page's tab gives but the site's, the date of a post and, right under it, the post's own title (a heading,
 * bold, or a few words alone); or -1.
 */
function postTitleUnderBlogName(blocks: SourceBlock[], at: number): number {
  // The blog's tagline stands between its name and the date: a story's own dateline may stand right under its title,
  // and a byline there makes the heading a story's.
  if (isByline(blocks[at + 1]?.text.trim() ?? '')) return -1;
  for (let d = at + 2; d <= at + BLOG_DATE_REACH && d < blocks.length - 2; d++) {
    const date = blocks[d].text.trim();
    if (blocks[d].stated || !(isPostDate(date) || isDayOfYear(date))) continue;
    const line = blocks[d + 1];
    const text = line.text.trim();
    const shown =
      line.kind === 'heading' ||
      /^<p[^>]*>\s*<(b|strong)>[^<]*<\/\1>\s*<\/p>$/u.test(line.html?.trim() ?? '') ||
      words(text) <= 8;
    if (
      shown &&
      !line.stated &&
      !text.includes('\n') &&
      words(text) <= 12 &&
      !/\p{Extended_Pictographic}|[♡♥]/u.test(text) &&
      !/[.!?…:,;]$/u.test(text) &&
      !chapterHeading(text) &&
      !isByline(text) &&
      labelledField(text) === undefined
    )
      return d + 1;
    return -1;
  }
  return -1;
}

/** A block's title line: the block, or its first line over a byline ("LAST CALL" over "by Vera's Husband", as a mail's body heads it). */
function bareTitleLine(text: string): string {
  const lines = text.trim().split('\n');
  return lines.length === 2 && isByline(lines[1].trim()) ? lines[0].trim() : text.trim();
}

/** The short lines before `at` (the site's name, menus, the blog's tagline) marked as the site's. */
function pageLinesAbove(blocks: SourceBlock[], at: number): SourceBlock[] {
  // In a forum's topic, the lines under the first post's header are the writer's (their note over the title).
  const post = blocks.findIndex((block) => block.aside === 'post');
  return blocks.map((block, i) => {
    const text = block.text.trim();
    if (
      i >= at ||
      (post !== -1 && i > post) ||
      block.stated ||
      words(text) > 12 ||
      isByline(text) ||
      labelledField(text) ||
      chapterHeading(text)
    )
      return block;
    return { ...block, chrome: true };
  });
}

/** Where a line shows the chapter's name again, under the line naming the story, before the story's prose. */
function chapterShown(blocks: SourceBlock[], from: number, name: string): number {
  for (let i = from + 1; i < Math.min(blocks.length, from + 12); i++) {
    const block = blocks[i];
    if (!block.stated && block.text.trim() === name) return i;
    if (block.kind === 'paragraph' && words(block.text) >= 40) break;
  }
  return -1;
}

/** "( Chapter 1 )", "(Ch. 3)": which chapter of the story the page shows, after the chapter's name. */
const CHAPTER_ON_PAGE = /\s*[([]\s*(?:chapter|ch\.?|part)\s*\d{1,3}\s*[)\]]$/iu;

/**
 * What a blog or a story site shows after the poster's name: "Dec 19, 2025", "12 phút đọc", "3 tháng
 * trước", "Paid"; what the work is ("Fanfiction · Oneshot · Completed", "12 chapters"); not a story's
 * "March 1917" or "3 a.m.".
 */
const POSTED_FACT = new RegExp(
  String.raw`^(?:${DATE}|\d+\s*(?:min(?:ute)?s?(?:\s+read)?|phút đọc|분|分)|\d+\s+\p{L}+\s+(?:ago|trước|前|전)|paid|free|members? only|premium|follow|subscribe|fan\s?fic(?:tion)?|one-?shot|drabble|completed?|ongoing|in progress|wip|\d[\d,.]*k?\s+(?:chapters?|parts?|words|reads|views)|(?:조회|views?|reads?)\s*[\d,.]+k?)$`,
  'iu',
);
const TRAILING_DATE = new RegExp(`\\s+${DATE}$`, 'iu');
/**
 * A pen name: two to four capitalised words, or a user name ("Hoàng Bạch Dương", "saltcellar_42", "gladerglitter"),
 * or a name in a script without capitals ("한바다김밥", "白鳥区のこよみ").
 */
const PEN_NAME =
  /^(?:\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}|@?[\p{L}\p{N}]*[_.\d][\p{L}\p{N}_.]*|@?\p{Ll}[\p{Ll}\p{N}]{3,30}|\p{Lo}[\p{Lo}\p{N}_.]{1,30})$/u;

/**
 * "Marguerite Hollow Dec 19, 2025 ∙ Paid", "쌍문동_달고나 · 2022.03.14 · 조회 1,204": a poster's name and what
 * the site says of the post; the name.
 */
export function posterName(text: string): string | undefined {
  const [first, ...facts] = text.split(/\s+[·∙•|]\s+/u);
  const name = first.replace(TRAILING_DATE, '').trim();
  if (name === first && facts.length === 0) return undefined;
  // "Rated T · 2,400 words": the work's rating, shaped as a name.
  if (!PEN_NAME.test(name) || /^rated\s/iu.test(name) || !facts.every((fact) => POSTED_FACT.test(fact.trim())))
    return undefined;
  return name;
}

/**
 * Under the title of a post on Substack, Medium and the like, the poster's name and when it was
 * posted: "Marguerite Hollow Dec 19, 2025 ∙ Paid", "Hoàng Bạch Dương · 12 phút đọc · 3 tháng trước".
 */
function markPoster(blocks: SourceBlock[], titleAt: number, end: number): SourceBlock[] {
  if (titleAt === -1 || blocks.some((b) => b.stated?.part === 'author')) return blocks;
  for (let i = titleAt + 1; i < Math.min(end, titleAt + 5); i++) {
    const block = blocks[i];
    const text = block.text.trim();
    if (block.stated || block.kind !== 'paragraph' || text.includes('\n') || text.length > 160 || words(text) > 14)
      continue;
    const name = posterName(text);
    if (name === undefined) continue;
    const out = [...blocks];
    out.splice(
      i,
      1,
      ...statedWithin(block, name, {
        part: 'author',
        why: 'the name under the title, with what the site says of the post',
      }),
    );
    return out;
  }
  return blocks;
}

/** "長門さんは傘を持たない（しおり川）": what a title puts in brackets after the story's name is its creator or its kind. */
function bracketed(title: string, part: string): boolean {
  return ['()', '（）', '[]', '【】'].some(([open, close]) => title.includes(`${open}${part.trim()}${close}`));
}

/** "팬픽" of "[응팔 팬픽] 골목의 마지막 겨울": words from what the title puts in brackets, about the story. */
function inBrackets(title: string, part: string): boolean {
  return [...title.matchAll(/[[(【（]([^\])】）]+)[\])】）]/gu)].some((m) => within(m[1], part));
}

/**
 * The site's name at the end of a page's title: "… | Medium", "… - Asianfanfics", "… – Mise en Place"; at its
 * start before a colon, where the page's first line (its logo) shows it: "Diary-X: sophia_says - Cheesecake at Two"
 * under "Diary-X" names the journal and then the entry; or at its start before a bullet, as phpBB 3 titles a topic's
 * page: "maes-e • Gweld pwnc - …" ("Board • View topic - Subject").
 */
function siteOf(title: string, blocks: SourceBlock[]): string | null {
  const logo = blocks[0]?.text.trim();
  const opening = /^([^:|–—]{2,40}):\s+\S/u.exec(title)?.[1];
  if (opening !== undefined && logo !== undefined && key(opening) === key(logo)) return opening;
  const board = /^(\S[^•|]{0,40}?)\s+•\s+[^•|]{2,40}?\s+-\s+\S/u.exec(title);
  if (board) return board[1];
  const segments = title.split(/\s+[|–—-]\s+/u);
  if (segments.length < 2) return null;
  // "St. Canard Scribblers - Let's Get Dangerous": a board that names itself first, as its copyright line does.
  const [first, last] = [segments[0], segments[segments.length - 1]];
  const owned = blocks.some(
    (b) => b.chrome && COPYRIGHT.test(b.text) && within(b.text, first) && !within(b.text, last),
  );
  return owned ? first : last;
}

/** A site's copyright line: "© 2004 St. Canard Scribblers", "Copyright 2009 …". */
const COPYRIGHT = /©|\(c\)\s*\d{4}|\bcopyright\b/iu;

/**
 * The name ends the line or stands apart from what follows ("Ioana Crăciun ·", "PinesAndNeedles, Published: …");
 * a sentence that opens with it ("Rain again.", "Joanna waited by the gate.") is the story's.
 */
function standsAlone(text: string, creator: string): boolean {
  const rest = text.slice(creator.length);
  return !/^[\p{L}\p{N}]/u.test(rest) && !/^\s+\p{Ll}/u.test(rest);
}

/** The line above the story that shows the creator the page's title names: "Ioana Crăciun ·", "PinesAndNeedles, Published: Aug 30, 2022". */
function markCreator(blocks: SourceBlock[], creator: string | null, titleAt: number, end: number): SourceBlock[] {
  if (!creator || blocks.some((b) => b.stated?.part === 'author')) return blocks;
  for (let i = 0; i < end; i++) {
    const block = blocks[i];
    // "By Sietch Tabr Archivist · All Rights Reserved": the name after its "by".
    const text = block.text.trim().replace(/^by:?\s+/iu, '');
    if (block.stated || text.includes('\n') || words(text) > words(creator) + 6) continue;
    if (!key(text).startsWith(key(creator)) || !text.startsWith(creator) || !standsAlone(text, creator)) continue;
    const out = [...blocks];
    // Between the page's title and its creator: a line under the title (Medium's, Substack's) says what the story is.
    for (let k = titleAt + 1; titleAt !== -1 && k < i; k++)
      if (!out[k].stated && out[k].kind !== 'break')
        out[k] = words(out[k].text) > 12 ? { ...out[k], stated: { part: 'summary' } } : { ...out[k], chrome: true };
    out.splice(
      i,
      1,
      ...statedWithin(block, creator, { part: 'author', why: 'the creator, as the page’s title names them' }),
    );
    return out;
  }
  return blocks;
}

/** How far above the post's title a blog or journal shows whose it is. */
const OWNER_LINES = 5;

/** "Blog van Sanne", "Le blog de Léa", "Sanne's blog", "Sanne's space" (Windows Live Spaces): the owner of the blog a page's title names. */
function blogOwner(segment: string): string {
  return segment
    .replace(/^(?:(?:le\s+)?blog(?:ue)?\s+(?:van|de|di|von|of|da|do)|journal\s+(?:de|of))\s+/iu, '')
    .replace(/['’]s\s+(?:blog|journal|space)$/iu, '')
    .trim();
}

/**
 * A personal blog's or journal's page names its owner in its <title> beside the post's subject
 * ("comfrey_and_rue: Fic: Comfrey (…)" on Dreamwidth, "【甄嬛传】一碗药 - 一只温太医" on LOFTER, "… - Blog
 * van Sanne - Hyves.nl"), and shows the name a few lines above the post's title: the journal's name, or its
 * user tag ("[personal profile] comfrey_and_rue"). That line names the creator; a site's own name
 * (its logo, its og:site_name, a domain) does not.
 */
export function markTitleOwner(blocks: SourceBlock[], head: PageHead): SourceBlock[] {
  if (blocks.some((b) => b.stated?.part === 'author')) return blocks;
  // The post's title: the one the page states, or its header's "Title:" line.
  const stated = blocks.findIndex((b) => b.stated?.part === 'title');
  const titleAt =
    stated !== -1 ? stated : blocks.findIndex((b) => !b.stated && labelledField(b.text.trim())?.field === 'title');
  if (titleAt === -1 || titleAt > storyStart(blocks)) return blocks;
  const workTitle = key(stated !== -1 ? blocks[titleAt].text : labelledField(blocks[titleAt].text.trim())!.value);
  const site = head.siteName === null ? '' : key(head.siteName);
  const isWorkTitle = (segment: string) => key(segment) === workTitle || key(headingTitle(segment)) === workTitle;
  // The title's segments and what parts them: [segment, separator, segment, …].
  const parts = head.title.split(/(\s+[|–—·»-]\s+|:\s+)/u);
  const segments = parts.flatMap((segment, k) => (k % 2 === 0 ? [{ segment, k }] : []));
  const named = (segment: string) => {
    const k = key(segment);
    return k !== '' && k !== site && !segment.includes('.') && !isWorkTitle(segment);
  };
  // Only a segment shaped as an owner's: "Blog van Sanne", "Sanne's blog", a journal's user name before the
  // first ":" ("comfrey_and_rue: Fic: …"), or a blog's name after the post's title ("一盏灯 - 小灯笼"). A
  // fandom before the ":" ("Harry Potter: The Lost Boy") is not.
  const owners = segments
    .filter(
      ({ segment, k }) =>
        blogOwner(segment) !== segment.trim() ||
        (k === 0 && parts[1]?.startsWith(':') && /^[\p{Ll}\p{N}_-]{2,30}$/u.test(segment.trim())) ||
        (k >= 2 && !parts[k - 1].startsWith(':') && isWorkTitle(parts[k - 2])) ||
        // Between the site's name its logo shows and the post's title: "Diary-X: sophia_says - Cheesecake at Two".
        (k === 2 && siteOf(head.title, blocks) === parts[0] && isWorkTitle(parts[4] ?? '')),
    )
    .map(({ segment }) => blogOwner(segment))
    .filter(named);
  const said = segments
    .filter(({ segment }) => blogOwner(segment) !== segment.trim())
    .map(({ segment }) => blogOwner(segment))
    .filter(named);
  // Any segment, when the line above shows it as a journal's user tag ("[personal profile] …").
  const tagged = segments.map(({ segment }) => blogOwner(segment)).filter(named);
  if (tagged.length === 0) return blocks;
  for (let i = Math.max(0, titleAt - OWNER_LINES); i < titleAt; i++) {
    const block = blocks[i];
    if (block.stated || block.kind === 'break') continue;
    // The user tag's icon shows as "[personal profile]" or "[info]" before the name. An owner's box shows the
    // name on its first line, over where they live and their links ("hankyates_fan" / "Saskatoon, Canada · Blog"),
    // when the title says whose the journal is ("hankyates_fan's Journal"); a group's name is over its description.
    const [line, ...more] = block.text.trim().split('\n');
    const shown = line.replace(/^\[[^\]]{1,30}\]\s*/u, '');
    const names = more.length > 0 ? said : shown === line ? owners : tagged;
    // The blog's heading may name it as the title does ("Marisol's space"): its owner is the name in it.
    const name = names.find((n) => (key(n) === key(shown) || key(n) === key(blogOwner(shown))) && words(n) <= 4);
    // The page's first line is the site's logo, whatever it says.
    if (name === undefined || i === 0) continue;
    const out = [...blocks];
    out.splice(
      i,
      1,
      ...statedWithin(block, key(name) === key(shown) ? shown : name, {
        part: 'author',
        why: 'whose blog or journal it is, as the page’s title names it',
      }),
    );
    return out;
  }
  return blocks;
}

/** A link to the site's page for a writer: WordPress's and Ghost's "/author/saltcellar/", blog.hu's "/author/", Vocal's "/authors/marisol-okafor", or rel="author". */
function authorLink(root: AnyNode[]): string | null {
  const link = DomUtils.findOne(
    (n) =>
      n.name === 'a' &&
      (n.attribs.rel?.split(/\s+/).includes('author') === true ||
        /\/author\/(?:[^/?#]+\/?)?$|\/authors\/[^/?#]+\/?$/u.test(n.attribs.href ?? '')),
    root,
    true,
  );
  const name = link ? DomUtils.textContent(link).replace(/\s+/g, ' ').trim() : '';
  return name !== '' && words(name) <= 5 ? name : null;
}

/** A link to a writer's page on a story site: "/user/55231/tomoyo-films", "/profile/40118", "/members/ada". */
const PROFILE_PATH = /\/(?:user|users|profile|profiles|member|members|writer|writers|u)\/[^/?#\s]/iu;
/** The user name in a journal's path: "/users/carterscrewdriver/", "/users/carterscrewdriver/calendar". */
const USER_SLUG = /\/users\/([\w-]{2,40})\/(?:[a-z]+\/?)?$/u;

/**
 * A journal's menu links its owner's pages under their name, its words the menu's ("Recent Entries" →
 * "/users/carterscrewdriver/"): the name in the path, when the links say no name and the page's title names it
 * ("Journalfen: carterscrewdriver - …").
 */
function ownerInPath(root: AnyNode[]): string | null {
  const tab = DomUtils.findOne((n) => n.name === 'title', root, true);
  const tabText = tab ? DomUtils.textContent(tab) : '';
  const slugs = DomUtils.findAll((n) => n.name === 'a', root).flatMap((link) => {
    const slug = USER_SLUG.exec(link.attribs.href ?? '')?.[1];
    return slug && DomUtils.textContent(link).trim() !== slug ? [slug] : [];
  });
  const first = slugs[0];
  return first !== undefined && slugs.length >= 2 && slugs.every((s) => s === first) && nameAt(tabText, first) !== -1
    ? first
    : null;
}

/** A forum's or an old site's link to a member by number: "/Main#Profile?uid=1120", "index.php?showuser=287". */
const PROFILE_QUERY = /[?&](?:uid|showuser|user_?id|member_?id)=\d/iu;
/** How a page's markup names the link to its poster: "nick" (Taringa!), "up-name" (Bilibili), "username". */
const POSTER_CLASS = /(?:^|\s)(?:nick|nickname|user-?name|up-name|poster-?name|member-?name)(?:$|\s)/iu;

/** The site's own pages under a user path: "/user/login", "/users/sign_up". */
const ACCOUNT_PAGE =
  /\/(?:log-?in|log-?out|sign-?in|sign_in|sign-?up|sign_up|register|join|password|settings)\/?(?:[?#].*)?$/iu;
/** A box a board or blog names for the post's writer ("<td class="author"><a class="name">…"), the name its link. */
const AUTHOR_BOX = /(?:^|\s)(?:author|byline|poster)(?:$|\s)/iu;

function linksPoster(node: Element): boolean {
  const href = node.attribs.href ?? '';
  if (ACCOUNT_PAGE.test(href)) return false;
  const parent = node.parent;
  const inAuthorBox = parent !== null && 'attribs' in parent && AUTHOR_BOX.test(parent.attribs.class ?? '');
  return (
    PROFILE_PATH.test(href) || PROFILE_QUERY.test(href) || POSTER_CLASS.test(node.attribs.class ?? '') || inAuthorBox
  );
}

/** Where `name` stands in `text` as whole words. */
function nameAt(text: string, name: string): number {
  const from = text.indexOf(name);
  const letter = /[\p{L}\p{N}]/u;
  return from !== -1 && !letter.test(text[from - 1] ?? '') && !letter.test(text[from + name.length] ?? '') ? from : -1;
}

/** A line not read yet, or left as the page's facts beside a title cut out of it. */
function open(block: SourceBlock): boolean {
  return !block.stated || block.stated.part === 'metadata';
}

/**
 * Fields that are a story site's facts about a work, its name first: a count or a kind of work among them
 * ("1.1K views", "Fan-fic", "12 chapters"), not just any title with a dot or bar in it.
 */
function factLine(fields: string[]): boolean {
  return (
    fields.length >= 3 &&
    !/^by\b/iu.test(fields[0]) &&
    !isByline(fields[0]) &&
    fields.slice(1).some((field) => FACT.test(field))
  );
}

const FACT = /^(?:[\d.,]+\s*[KkMm]?\s+(?:views?|reads?|words?|chapters?|likes?|votes?)|fan-?fic(?:tion)?|original)$/iu;

/** A line of facts about the work, parted by dots or bars: "Rain Days and Donuts · Hayakawa_Leftovers · Fan-fic · 1.1K views". */
function factFields(text: string): string[] {
  return text
    .replace(/^[\s·•|]+|[\s·•|]+$/gu, '')
    .split(/\s+[·•|]\s+/u)
    .map((field) => field.trim());
}

/** A short line that shows the name, or one of a line of facts that is the name. */
function showsName(line: string, name: string): boolean {
  return (words(line) <= words(name) + 8 && nameAt(line, name) !== -1) || factFields(line).includes(name);
}

/**
 * A story site's page links its writer's name to their profile above the story ("tomoyo_films" under
 * Penana's title, "Rain Days and Donuts · Hayakawa_Leftovers · Fan-fic" on WebNovel): the first name so
 * linked that a short line above the story's text shows. Readers' names under the story stay theirs.
 */
function profileLink(root: AnyNode[], blocks: SourceBlock[]): string | null {
  const end = storyStart(blocks);
  const lines = blocks
    .slice(0, end)
    .filter((b) => open(b) && b.kind === 'paragraph' && !b.text.includes('\n'))
    .map((b) => b.text.trim());
  // A byline ("Warm Prints by shiguang", "by penwoodgirl") is read as one by the header's rules.
  if (lines.some((line) => isByline(line) || titleWithByline(line))) return null;
  // A forum's poster box puts the name over its rank and counts: "laguna_negra_fan / Rango: Novato / Puntos: 48".
  const boxes = blocks
    .slice(0, end)
    .filter((b) => open(b) && b.kind === 'paragraph' && b.text.includes('\n'))
    .map((b) => b.text.slice(0, b.text.indexOf('\n')).trim());
  for (const link of DomUtils.findAll((n) => n.name === 'a' && linksPoster(n), root)) {
    const name = DomUtils.textContent(link).replace(/\s+/g, ' ').trim();
    if (name === '' || words(name) > 5) continue;
    if (boxes.includes(name)) return name;
    // Not a name in a sentence ("For @mayfairmornings, who asked for a mystery.": a dedication).
    if (lines.some((line) => !/[.!?]["”’]?$/u.test(line) && !isDedication(line) && showsName(line, name))) return name;
  }
  return null;
}

/**
 * "Posted on 31 October 2024 by saltcellar", "2024.05.12. 18:30 Csónakos_Anna", a footer's "By Morwenna Trelawney":
 * the short line that holds the link to the writer's page on a blog names the creator, above the story or under it;
 * on a Tumblr post, the blog its tab names.
 */
export function markLinkedCreator(blocks: SourceBlock[], root: AnyNode[]): SourceBlock[] {
  if (blocks.some((b) => b.stated?.part === 'author')) return blocks;
  const authorLinked = authorLink(root);
  const owner = authorLinked === null ? ownerInPath(root) : null;
  if (owner !== null && blocks.length > 0) {
    // Named by no line of its own (the menu's words are "Recent Entries"): the name alone, under the title.
    const out = [...blocks];
    stateAuthorUnderTitle(out, owner, 'whose journal it is, as its menu’s links and the page’s title name them');
    return out;
  }
  const linked = authorLinked ?? profileLink(root, blocks);
  // A reblog's tab names who reblogged it; the writer is up its trail.
  const reblog = DomUtils.findOne((n) => /reblog-?trail|reblog-list/iu.test(n.attribs.class ?? ''), root, true);
  const tab =
    linked === null && reblog === null && onTumblr(root)
      ? DomUtils.findOne((n) => n.name === 'title', root, true)
      : null;
  const blog = tab ? TUMBLR_TITLE.exec(DomUtils.textContent(tab).trim())?.[1] : undefined;
  const creator = linked ?? blog ?? null;
  if (creator === null) return blocks;
  const at = blocks.findIndex((block) => {
    const text = block.text.trim();
    return open(block) && !text.includes('\n') && showsName(text, creator);
  });
  const why = linked !== null ? 'the link to the writer’s page on the site' : 'the Tumblr blog the post is on';
  const out = [...blocks];
  if (at !== -1) {
    // A sentence between the title and the byline (Vocal's subtitle) says what the story is, as under a page's title.
    const titleAt = blocks.findIndex((b) => b.stated?.part === 'title');
    for (let k = titleAt + 1; titleAt !== -1 && at - titleAt <= 3 && k < at; k++)
      if (!out[k].stated && !out[k].chrome && out[k].kind !== 'break' && words(out[k].text) > 12)
        out[k] = { ...out[k], stated: { part: 'summary' } };
    out.splice(at, 1, ...statedWithin(blocks[at], creator, { part: 'author', why }));
    return out;
  }
  // The line was the page's, left out with its menus ("Posted on … by saltcellar"): the name alone, under the title.
  if (blocks.length === 0) return blocks;
  stateAuthorUnderTitle(out, creator, why);
  return out;
}
