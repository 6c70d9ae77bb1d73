/**
 * HTML to blocks: a saved web page (only the story's part of it), a plain HTML file, the HTML
 * that Markdown, .docx and EPUB become, and AO3's own HTML download, whose metadata (rating,
 * warnings, fandoms, characters, summary, notes, chapters) is read as stated rather than guessed.
 */
import { endsSentence } from './sentences.ts';
import { parseDocument, DomUtils } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { LANGUAGES } from '../../domain/works.ts';
import { stateAuthorUnderTitle, statedWithin, type SourceBlock, type StatedPart } from './blocks.ts';
import {
  bylineName,
  chapterHeading,
  isByline,
  isDisclaimer,
  isPenNameByline,
  isSceneBreak,
  isTitleLike,
  labelledField,
  titleOf,
  titleWithByline,
} from './cues.ts';
import { threadWriter } from './forum.ts';
import { areMailHeaders } from './mail-headers.ts';
import { setBoardPostsApart } from './board-posts.ts';
import { continuesInNextPost } from './note-sentences.ts';
import { headerLines } from './paragraphs.ts';
import { isBareNumberLine, isPartPlaceLine } from './sections.ts';
import { unnest } from './nesting.ts';
import { markLinkedCreator, markPageHead, markTitleOwner, pageHead } from './page-title.ts';
import { chromeStrength } from './chrome.ts';
import { isPostDate } from './post-date.ts';
import { noteBoxPart } from './note-boxes.ts';
import { markChapterOnPage } from './chapter-on-page.ts';
import { pastePage, type PastedText } from './paste.ts';
import { proseInPre } from './pre-prose.ts';
import { commentFill, fillTitle, type CommentFill } from './comment-fill.ts';
import { emptyTags, type ImportedTags } from './tags.ts';

const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'button',
  'select',
  'iframe',
  'svg',
  'template',
  'head',
  'title',
  'object',
  'embed',
  'input',
  'textarea',
  'math',
]);
const BLOCKS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'body',
  'html',
  'blockquote',
  'ul',
  'ol',
  'dl',
  'table',
  'pre',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'center',
  'figure',
  'address',
  'details',
  'header',
  'li',
  'dd',
  'dt',
]);
/** Blocks kept whole (a list, a table, a quotation) rather than walked into. */
const WHOLE = new Set(['ul', 'ol', 'dl', 'table', 'pre', 'blockquote', 'figure', 'details']);
/** Where a saved page keeps the story: FanFiction.Net, AO3's work page, blogs, generic article markup. */
const STORY_CONTAINERS = [
  '#storytext',
  '#workskin',
  '.storytext',
  '.entry-content',
  '.post-content',
  '.postcontent', // Blogfa's and other old blog templates' post text
  '.entry-body', // blogg.se's and Yahoo! 360°'s entry text
  '.chapter-content',
  '.chaptertext', // Mibba's chapter text
  '.chapter-text',
  '.cha-content', // WebNovel's chapter page
  'article',
  'main',
  '#content',
  '#story',
  '.writeup', // Everything2's writeup under its node title
];

/** What the words of a box's class or id say it is: the site's, put beside the story, or the story's own. */
const REGION_WORDS = {
  /** Put beside a story at any depth: a table of contents, share buttons, a cookie notice, an advert. */
  furniture: ['toc', 'share', 'social', 'related', 'tags', 'cookie', 'cookies', 'consent', 'advert', 'promo'],
  /** The site's own bar, banner, menus, sidebar and footer. */
  site: [
    'header',
    'masthead',
    'banner',
    'nav',
    'navbar',
    'menu',
    'sidebar',
    'topbar',
    'footer',
    'breadcrumbs',
    'breadcrumb',
  ],
  /** Also the site's, at a page's top level: "top-bar", its logo, its search and login. */
  siteAtTop: ['top', 'bar', 'logo', 'site', 'search', 'login', 'account', 'blogheader'],
  /** The part of the story on the page: Wattpad's part header. */
  storyPart: ['chapter', 'part', 'reading'],
};
/** An id naming one of the site's regions, or its "navigation": "header", "site-header", "page_nav". */
const SITE_REGION = new RegExp(
  `^(?:(?:site|page|global|main|top)[-_]?)?(?:${[...REGION_WORDS.site, 'navigation'].join('|')})$`,
  'i',
);

function isElement(node: AnyNode): node is Element {
  return DomUtils.isTag(node);
}

function classes(node: Element): string[] {
  return (node.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

function matches(node: Element, selector: string): boolean {
  if (selector.startsWith('#')) return node.attribs.id === selector.slice(1);
  // Class names compared whatever their case: Quotev's "storyText" is a "storytext".
  if (selector.startsWith('.')) return classes(node).some((c) => c.toLowerCase() === selector.slice(1));
  return node.name === selector;
}

function findFirst(root: AnyNode[], selector: string): Element | null {
  return DomUtils.findOne((node) => matches(node, selector), root, true);
}

/**
 * The element holding the story: the one the selector finds, or, where it finds several apart (a
 * forum thread's posts, each an <article>; a journal page's entries), the element holding them all,
 * so that no post after the first is lost.
 */
function storyContainer(root: AnyNode[], selector: string): Element | null {
  const found = outermost(DomUtils.findAll((node) => matches(node, selector), root));
  // Only boxes of the first's own kind, named by a class: a teaser of another work beside the story,
  // or readers' comments each in a plain <article>, are no part of it.
  const kind = (node: Element) => classes(node).sort().join(' ');
  const holding = found.filter(
    (node) =>
      kind(node) !== '' &&
      kind(node) === kind(found[0]) &&
      !ancestors(node).some((up) => namesComments(nameWords(up))) &&
      // A topic's post (or its text's box) is one however short ("Frumos!"), its poster named on it.
      (visibleText([node]).length > 40 || topicPosts.has(node) || ancestors(node).some((up) => topicPosts.has(up))),
  );
  if (holding.length < 2) return found[0] ?? null;
  const shared = ancestors(holding[0]).filter((up) => holding.every((node) => ancestors(node).includes(up)));
  return shared[0] ?? found[0];
}

/** The elements found that no other found element holds. */
function outermost(found: Element[]): Element[] {
  const all = new Set<AnyNode>(found);
  return found.filter((node) => !ancestors(node).some((up) => all.has(up)));
}

/**
 * A forum thread (XenForo's, as Sufficient Velocity, SpaceBattles and Questionable Questing run it)
 * states each post's poster: the one who started it posts the chapters, and everybody else replies.
 */
function threadStarter(within: AnyNode[]): string | undefined {
  const posts = DomUtils.findAll((n) => postAuthor(n) !== undefined, within);
  if (posts.length < 2) return undefined;
  const marked = posts.filter((post) =>
    DomUtils.findOne((n) => markWords(n).includes('threadmark'), post.children, true),
  );
  const marker = threadWriter(marked.map((post) => postAuthor(post)));
  if (marker !== undefined || !(knownBoardPost(posts[0]) || topicPosts.has(posts[0]))) return marker;
  // A board known only by its posters' names (a dictionary's entries among them, where another's entry may
  // come first): the writer is who posts the most words.
  if (topicPosts.has(posts[0])) return mostWords(posts);
  // A forum without threadmarks (vBulletin, SMF, Discourse, phpBB): the thread is the first poster's story, on its first
  // page; a later page ("#21", "Page 2 of 5") may start with a reader's reply, and the writer is
  // who the site marks as the thread's starter, or else who posts the most of it.
  const first = postNumber(posts[0]);
  const later = first !== undefined ? first > 1 : LATER_PAGE.test(visibleText(within).slice(0, 5_000));
  if (!later) return postAuthor(posts[0]);
  const starter = posts.find((post) =>
    DomUtils.findOne((n) => STARTER_CLASS.test(n.attribs.class ?? ''), post.children, true),
  );
  if (starter) return postAuthor(starter);
  return mostWords(posts);
}

/** A post of a board whose markup the reading knows (vBulletin, SMF, Discourse, phpBB, Tieba, Telegram, a message table). */
function knownBoardPost(node: Element): boolean {
  return (
    vBulletinPost(node) ||
    smfPost(node) ||
    discoursePost(node) ||
    phpbbPost(node) ||
    tiebaPost(node) ||
    telegramPreviewPost(node) ||
    messageTable(node)
  );
}

/** Of a thread's posters, who posts the most of it. */
function mostWords(posts: Element[]): string | undefined {
  const words = new Map<string, number>();
  for (const post of posts) {
    const poster = postAuthor(post);
    if (poster !== undefined) words.set(poster, (words.get(poster) ?? 0) + visibleText(post.children).length);
  }
  return [...words].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The class a board gives the poster's name on each post: "username", ProBoards' "user-link", InvisionFree's
 * "normalname", ForumFree's "nick", Gaia's "user_name", a dictionary's "entry-author", Phorum's "message-author".
 */
const POSTER_NAME_CLASS =
  /^(?:user-?name|user_name|bigusername|user-?link|normalname|nick|entry-author|message-author|postuser-name)$/i;
/**
 * A board's card for the poster beside or above each post, the name its first link or its first bold words: phpBB 2's
 * and Foroactivo's "postprofile", PunBB's and FluxBB's "postleft", a post's "postheader" (Okoun's "item-head",
 * Delphi Forums' "msghead"), a French board's "auteur" column, XenForo 1's "messageUserInfo" pane (a board's "userinfo").
 */
const POSTER_CARD_CLASS =
  /^(?:postprofile|postleft|mini[-_]?profile|post[-_]?head(?:er)?|(?:item|msg|message)[-_]?head(?:er)?|hdr|post[-_]?author|auteur|(?:message[-_]?)?user[-_]?info)$/i;
/**
 * A word of a class that names a board's card for the poster: ezboard's "author" cell, ZetaBoards' "c_username",
 * an "author_info" or "user" column, FanFiction.Net's forum's "forumuser" cell, Invision's "cAuthorPane", Nabble's
 * "avatar" cell with the name under the picture.
 */
const POSTER_CARD_WORD = /^(?:[a-z]*(?:user|author|poster)[a-z]*|avatar|profile)$/;
/** A card is short: the name, a rank, a count, a date. */
const CARD_CHARACTERS = 200;

function cardByWord(node: Element): boolean {
  return markWords(node).some((w) => POSTER_CARD_WORD.test(w)) && !textLonger(node, CARD_CHARACTERS);
}

/** Whether an element's text runs past `max` characters, read no further: boxes nested deep are each read once. */
function textLonger(node: Element, max: number): boolean {
  let length = 0;
  const walk = (n: AnyNode): boolean => {
    if (DomUtils.isText(n)) length += n.data.trim().length;
    else if (isElement(n)) for (const child of n.children) if (walk(child)) return true;
    return length > max;
  };
  return walk(node);
}

/**
 * The poster's name on a card named only by a word of its class, where the card shows beside it a count or a
 * date, as a board's does ("Posts: 195", "Registered: Feb 2001", "Medlem sedan 2011"): a blog's "author" byline
 * shows the name alone.
 */
function nameWithFacts(card: Element): Element | null {
  const name = posterInCard(card);
  if (!name) return null;
  return /\d/.test(visibleText(card.children).replace(visibleText(name.children), '')) ? name : null;
}

/**
 * A board's poster cell with no class to name it (Snitz Forums', YaBB's, an old board's table): a short cell opening
 * with the name in bold (or a bold link to the poster's profile, "<a><b>name</b></a>"), beside the cell of the post's
 * text in the same row (however short a reply), or beside its header over the text, the cell spanning both rows. The
 * text's cell may open in bold too, with the part's heading ("<b>Drugi dio</b>"), when it is longer than a card.
 * `anyLength`: a reply's text shorter than the card beside it ("Hahaha, waiting for more."), on a board whose other
 * posts show cells of the same kind.
 */
function boldPosterCell(node: Element, anyLength = false): boolean {
  const firstOf = (box: Element) =>
    box.children.find((n) => isElement(n) || (DomUtils.isText(n) && n.data.trim() !== ''));
  const opensInBold = (cell: Element) => {
    const first = firstOf(cell);
    if (first === undefined || !isElement(first)) return false;
    const inner = first.name === 'a' ? firstOf(first) : first;
    return inner !== undefined && isElement(inner) && ['b', 'strong'].includes(inner.name);
  };
  if (node.name !== 'td' || textLonger(node, CARD_CHARACTERS) || !opensInBold(node)) return false;
  const row = node.parent;
  const spans = Number(node.attribs.rowspan ?? 1) >= 2;
  return (
    row !== null &&
    isElement(row) &&
    row.name === 'tr' &&
    row.children.some(
      (cell) =>
        isElement(cell) &&
        cell !== node &&
        cell.name === 'td' &&
        (!opensInBold(cell) || textLonger(cell, CARD_CHARACTERS)) &&
        (spans || anyLength || visibleText(cell.children).length > visibleText(node.children).length),
    )
  );
}

/** A card's element and classes: a board shows every poster's card alike. */
function cardKind(card: Element): string {
  return `${card.name} ${classes(card).sort().join(' ')}`;
}

/** Quoted posts, whose poster's name is no post's own. */
const QUOTE_CLASS = /quote/i;

/**
 * Posts of a topic on a board whose posts carry no id or data the reading knows, each with its poster's name:
 * a post is the box, among the boxes of the list holding every name, that holds one name. Found once per page.
 */
const topicPosts = new WeakMap<Element, string>();

function findTopicPosts(root: AnyNode[]): void {
  // Posts the reading knows by their markup are read as their boards' (XenForo's "data-author", vBulletin's "post_9001" …).
  const known = (n: Element) => n.attribs['data-author'] !== undefined || knownBoardPost(n);
  // … and so are threads whose writer marks the chapters (XenForo's threadmarks).
  if (DomUtils.findOne((n) => known(n) || markWords(n).includes('threadmark'), root, true)) return;
  const quoted = (n: Element) =>
    n.name === 'blockquote' ||
    ancestors(n).some((up) => up.name === 'blockquote' || QUOTE_CLASS.test(up.attribs.class ?? ''));
  const named = DomUtils.findAll((n) => classes(n).some((c) => POSTER_NAME_CLASS.test(c)), root).filter(
    (n) => !quoted(n),
  );
  const holdingNames = withAncestors(named);
  const cards = DomUtils.findAll((n) => classes(n).some((c) => POSTER_CARD_CLASS.test(c)), root)
    .filter((card) => !holdingNames.has(card))
    .map(posterInCard)
    .filter((n): n is Element => n !== null);
  const wordedCards = outermost(DomUtils.findAll(cardByWord, root).filter((card) => !holdingNames.has(card)));
  // A new member's card shows the name and a rank alone ("Dada Tausi", "Member"): a card of the same kind as one
  // with a count or a date beside the name is a poster's card too.
  const factual = new Set(wordedCards.filter((card) => nameWithFacts(card) !== null).map(cardKind));
  const worded = wordedCards
    .map((card) => (factual.has(cardKind(card)) ? posterInCard(card) : null))
    .filter((n): n is Element => n !== null && !quoted(n));
  // Cells that only their shape names are looked for on a board whose cards no class names.
  const carded = named.length + cards.length + worded.length > 0;
  const cellKinds = new Set((carded ? [] : DomUtils.findAll((n) => boldPosterCell(n), root)).map(cardKind));
  const celled = (
    cellKinds.size === 0 ? [] : DomUtils.findAll((n) => cellKinds.has(cardKind(n)) && boldPosterCell(n, true), root)
  )
    .filter((cell) => !holdingNames.has(cell))
    .map(nameWithFacts)
    .filter((n): n is Element => n !== null && !quoted(n));
  const names = [...new Set([...named, ...cards, ...worded, ...celled])];
  if (names.length < 2) return;
  const lines = names.map((n) => ancestors(n));
  const sets = lines.map((line) => new Set(line));
  const shared = lines[0].find((up) => sets.every((set) => set.has(up)));
  if (!shared) return;
  // Each name in a box of its own under the list, not the box itself; the boxes all of one kind.
  const posts = lines.map((line) => line.find((up) => up.parent === shared));
  if (posts.some((post) => post === undefined)) return;
  const found = posts as Element[];
  if (new Set(found).size < found.length || !alike(found)) return;
  // Readers' comments under a story are no thread: a topic's posts hold the most of the page's words.
  if (found.some((post) => namesComments(nameWords(post)))) return;
  const words = (nodes: AnyNode[]) => visibleText(nodes).split(/\s+/).length;
  if (2 * found.reduce((n, post) => n + words([post]), 0) < words(root)) return;
  found.forEach((post, k) => {
    const poster = visibleText(names[k].children).trim();
    if (poster !== '' && poster.length <= 40) topicPosts.set(post, poster);
  });
}

/**
 * Boxes all of one kind: one element, and the classes of the first box's kind that every box shares, a board
 * marking some posts apart besides (PunBB's and FluxBB's "blockpost", the first also "firstpost", rows "rowodd").
 */
function alike(boxes: Element[]): boolean {
  const [first, ...rest] = boxes;
  if (rest.some((box) => box.name !== first.name)) return false;
  const own = classes(first);
  const shared = own.filter((c) => rest.every((box) => classes(box).includes(c)));
  return own.length === 0 ? rest.every((box) => classes(box).length === 0) : shared.length > 0;
}

/** "Page 2 of 5": a thread's page other than its first. */
const LATER_PAGE = /\bpage\s+(?:[2-9]|\d{2,})\s+of\s+\d+/i;
/** How a forum marks the posts of the one who started the thread. */
const STARTER_CLASS = /(?:^|\s)(?:thread-?starter|threadstarter|is-?op|original-?poster)(?:\s|$)/i;

/** A post's number in the thread ("#21" in its header, vBulletin's "postcounter"), when it shows one. */
function postNumber(post: Element): number | undefined {
  const counter = DomUtils.findOne(
    (n) =>
      /(?:^|\s)(?:postcounter|permalink)(?:\s|$)/.test(n.attribs.class ?? '') ||
      /^postcount\d+$/.test(n.attribs.id ?? ''),
    post.children,
    true,
  );
  const text = counter ? visibleText(counter.children) : visibleText(post.children).slice(0, 200);
  const number =
    /(?:^|[\s\u200f])#\s*(\d{1,7})(?!\d)/u.exec(` ${text}`)?.[1] ??
    (counter ? /^\s*(\d{1,7})\s*$/.exec(text)?.[1] : undefined);
  return number === undefined ? undefined : Number(number);
}

/**
 * A message of an old forum given as a table of its own (Tapuz's "msg"): a row with its subject, a row
 * naming its poster and date ("שכונת_הבנים | 14/04/10 21:33"), a row with its text.
 */
function messageTable(node: Element): boolean {
  return (
    node.name === 'table' &&
    markWords(node).some((w) => w === 'msg' || w === 'message' || w === 'post') &&
    messagePoster(node) !== undefined
  );
}

/** The poster a message table's info row names before its " | " and date. */
function messagePoster(table: Element): string | undefined {
  for (const cell of cellsOf(table)) {
    if (!markWords(cell).includes('info')) continue;
    const line = /^([^|\n]{1,40}?)\s+\|\s+[^|\n]*\d/u.exec(visibleText([cell]));
    if (line) return line[1].trim();
  }
  return undefined;
}

/** A message table's rows other than its text's: its subject and its poster's line, the forum's. */
function messageHeadRow(post: Element, node: Element): boolean {
  return (
    messageTable(post) &&
    node.name === 'tr' &&
    !node.children.some((cell) => isElement(cell) && markWords(cell).some((w) => w === 'body' || w === 'text'))
  );
}

/**
 * A post on a Simple Machines Forum (SMF) board: "msg228104", its poster's name in its "poster" box; or,
 * where a theme or a saved copy leaves the id out, a box holding the "poster" box with the name's <h4>
 * beside the "postarea" one with the post's subject and text.
 */
function smfPost(node: Element): boolean {
  if (/^msg\d+$/.test(node.attribs.id ?? '') && classes(node).includes('post_wrapper')) return true;
  const boxes = node.children.filter(isElement);
  return (
    boxes.some((box) => classes(box).includes('postarea')) &&
    boxes.some((box) => classes(box).includes('poster') && box.children.some((n) => isElement(n) && n.name === 'h4'))
  );
}

/**
 * A post in a Discourse topic's crawler view (the page saved without JavaScript): "post_1", a
 * "crawler-post" with its poster's name under itemprop="author".
 */
function discoursePost(node: Element): boolean {
  return /^post_\d+$/.test(node.attribs.id ?? '') && classes(node).includes('crawler-post');
}

/** At most this many words after a part's closing rule, or above a later part's heading, are a word to the readers ("Part two tomorrow!"), not the story. */
const POST_END_NOTE_WORDS = 40;

/**
 * A writer's post in a topic without threadmarks that holds a part under its own heading (an <h2>,
 * or a line that reads as one: SMF's and phpBB's bold "Part 2 — Something Sweet"): what they write
 * under the part's closing rule ("Part two tomorrow!") is the part's end note, and, in a post after
 * the first, what they write above its heading ("Thanks for all the likes! Here's the rest.") the
 * part's note, read under the heading. The first post's lines above the heading are the work's, read
 * as a header.
 */
function setPostNotesApart(collector: Collector, from: number, later: boolean, writersFirst: boolean): void {
  const own = collector.blocks.slice(from);
  // In a post after the first, its number alone heads the part too ("~ 2 ~" under "Part two, as promised."); in
  // any, its place among the parts ("(2/2)"), the first part's maybe left without one.
  const place = (b: SourceBlock) => b.kind === 'paragraph' && isPartPlaceLine(b.text);
  const headingAt = own.findIndex(
    (b) =>
      !b.stated &&
      !b.chrome &&
      (b.kind === 'heading' ||
        place(b) ||
        (b.kind === 'paragraph' && (chapterHeading(b.text) !== undefined || (later && isBareNumberLine(b.text))))),
  );
  if (headingAt === -1) return;
  if (place(own[headingAt])) own[headingAt].stated = { part: 'chapter-heading', title: null };
  const lastBreak = own.reduce((last, b, i) => (i > headingAt && b.kind === 'break' ? i : last), -1);
  const tail = lastBreak === -1 ? [] : own.slice(lastBreak + 1).filter((b) => !b.chrome);
  const words = tail.reduce((n, b) => n + b.text.split(/\s+/).filter(Boolean).length, 0);
  if (tail.length > 0 && words <= POST_END_NOTE_WORDS && tail.every((b) => b.kind === 'paragraph' && !b.stated))
    for (const block of tail) block.stated = { part: 'chapter-end-notes' };
  // The writer's first post under another's (a moderator's "Post your short fics here!") opens with the work's
  // title and byline: the work's, over the part's heading and notes.
  const above = own
    .slice(0, headingAt)
    .filter((b) => !b.chrome && !b.stated && !(writersFirst && b.kind === 'paragraph' && workTitleLine(b.text)));
  // A word to readers is short: more above the heading is the story going on from the last part.
  const aboveWords = above.reduce((n, b) => n + b.text.split(/\s+/).filter(Boolean).length, 0);
  if (!later && writersFirst) return setFirstPostNoteApart(own.slice(0, headingAt), above, aboveWords);
  if (!later || above.length === 0 || aboveWords > POST_END_NOTE_WORDS || !above.every((b) => b.kind !== 'heading'))
    return;
  for (const block of above) if (block.kind === 'paragraph') block.stated = { part: 'chapter-notes' };
  const heading = own[headingAt];
  const cue = heading.kind === 'paragraph' ? chapterHeading(heading.text) : undefined;
  if (cue) heading.stated = { part: 'chapter-heading', title: cue.title };
  collector.blocks.splice(from + headingAt, 1);
  collector.blocks.splice(collector.blocks.indexOf(above[0]), 0, heading);
}

/** The writer's word to readers over the first part: a few short paragraphs (a greeting, what the story is, who owns the characters). */
const FIRST_POST_NOTE_WORDS = 80;
const FIRST_POST_NOTE_PARAGRAPHS = 3;
const TITLE_WORDS = 6;

/**
 * The writer's first post opening with a few short paragraphs over the first part's heading (and the work's title
 * line, if it gives one): what they say to the readers before the story, in whatever language, not a prologue left
 * without a heading; a story's paragraph opening with speech is no note. The work's notes, read in the header.
 */
function setFirstPostNoteApart(head: SourceBlock[], above: SourceBlock[], words: number): void {
  if (
    above.length === 0 ||
    above.length > FIRST_POST_NOTE_PARAGRAPHS ||
    words > FIRST_POST_NOTE_WORDS ||
    head.some((b) => !b.chrome && (b.kind === 'heading' || b.kind === 'break')) ||
    above.some((b) => b.kind !== 'paragraph' || /^["“„«‘'—–-]/u.test(b.text.trim()))
  )
    return;
  // A labelled line ("Ymwadiad: …", "Disclaimer: …") is left to the header, which reads its label, and so is a
  // line of a few words, which may be the work's title ("OPERATION: L.E.F.T.O.V.E.R.S.").
  for (const block of above)
    if (!labelledField(block.text.trim()) && block.text.split(/\s+/).filter(Boolean).length > TITLE_WORDS)
      block.stated = { part: 'notes', why: 'the writer’s word to readers over the first part', firstPostNote: true };
}

/** "The Brass Key (K+, Oona) by keeper_oona", "by keeper_oona", a title alone: a line of the work's header. */
function workTitleLine(text: string): boolean {
  const line = text.trim();
  return titleWithByline(line) !== undefined || isByline(line) || (isTitleLike(line) && !endsSentence(line));
}

/** "--" alone: the line over a signature, as mail programs write it and a list's archive shows it. */
const SIGNATURE_RULE = /^-- ?$/;
/** The board's own line over a signature, as vBulletin 3 and XMB draw it: eighteen underscores. */
const BOARD_SIGNATURE_RULE = /^_{18}$/;
/** A signature is a name, an address or a motto: a few short lines. */
const SIGNATURE_LINES = 4;
const SIGNATURE_LINE_CHARACTERS = 80;

/** The writer's signature closing their post ("--" over "Corinne", or a motto): the board's, not the story's or a note. */
function setPostSignatureApart(own: SourceBlock[]): void {
  let at = own.length - 1;
  const rule = (b: SourceBlock) => b.text.split('\n')[0].trim();
  while (
    at >= 0 &&
    (own[at].chrome || !(SIGNATURE_RULE.test(rule(own[at])) || BOARD_SIGNATURE_RULE.test(rule(own[at]))))
  )
    at--;
  if (at === -1) return;
  // Under the board's own rule, whatever the poster set as their signature: a motto may be a sentence.
  const board = BOARD_SIGNATURE_RULE.test(rule(own[at]));
  const under = own
    .slice(at)
    .filter((b) => !b.chrome)
    .flatMap((b) => b.text.split('\n'))
    .slice(1)
    .filter((line) => line.trim() !== '');
  if (
    under.length === 0 ||
    under.length > SIGNATURE_LINES ||
    under.some((line) => line.length > SIGNATURE_LINE_CHARACTERS || (!board && /[.!?…]$/u.test(line.trim()))) ||
    !(board || signatureOpening(under[0]))
  )
    return;
  for (const block of own.slice(at)) if (!block.chrome) Object.assign(block, { chrome: true, aside: 'signature' });
}

/**
 * A signature opens with a name ("Corinne", "~ Mary Ann ~"), a link, a handle or a quoted motto; a line of verse under a
 * story's "--" ("the light on the water") opens no signature.
 */
function signatureOpening(line: string): boolean {
  const text = line.trim();
  return (text.split(/\s+/).length <= 4 && !/^\p{Ll}/u.test(text)) || /https?:|www\.|@|["“”]/u.test(text);
}

/** A line naming the next part is a sentence about it, not the part: a few words. */
const NEXT_PART_WORDS = 16;

/**
 * "Chương 2 mình sẽ đăng tối mai nha!", "Chapter 2 coming tomorrow night.", "Part the Second coming soon!": a sentence opening with the next
 * part's marker (the word for chapter or part and its number), no heading.
 */
function namesNextPart(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return (
    words.length >= 3 &&
    words.length <= NEXT_PART_WORDS &&
    /[.!?…]$/u.test(text.trim()) &&
    chapterHeading(text.trim()) === undefined &&
    // "Chapter 2 …", or a part named in words: "Part the Second coming soon!"
    [2, 3].some((n) => chapterHeading(words.slice(0, n).join(' ')) !== undefined)
  );
}

/**
 * The writer's line ending their post that says the next goes on ("[continued below]") or when the next part
 * comes: the part's end note.
 */
function continuedBelow(own: SourceBlock[]): void {
  const last = own.filter((b) => b.kind !== 'break' && !b.chrome).at(-1);
  if (
    last &&
    last.kind === 'paragraph' &&
    !last.stated &&
    (continuesInNextPost(last.text) ||
      (namesNextPart(last.text) && own.some((b) => b !== last && !b.chrome && chapterHeading(b.text))))
  )
    last.stated = { part: 'chapter-end-notes' };
}

/** In the first of the writer's post headers ("junes_jingle April 2, 2023, 6:22pm #1"), their name, the work's creator. */
function statePoster(collector: Collector, from: number, writer: string | undefined): void {
  if (writer === undefined || collector.blocks.some((b) => b.stated?.part === 'author')) return;
  // The name at the line's start, or after the board's word for "by" ("Neges gan Dic_Penderyn » …").
  const named = (text: string) => {
    const i = text.indexOf(writer);
    return i === 0 || (i > 0 && /\s/u.test(text[i - 1]) && !/[\p{L}\p{N}]/u.test(text[i + writer.length] ?? ''));
  };
  const at = collector.blocks.findIndex((b, i) => i >= from && named(b.text));
  if (at === -1) return;
  const block = collector.blocks[at];
  const lines = statedWithin(block, writer, { part: 'author', why: 'who started the thread' }).map(
    (line): SourceBlock =>
      line.stated?.part === 'author'
        ? line
        : { kind: 'paragraph', text: line.text, file: line.file, gap: line.gap, chrome: true, aside: 'post' },
  );
  collector.blocks.splice(at, 1, ...lines);
}

/** Of a post's words, the share its text box holds: the rest (card, date, number, buttons) is little. */
const POST_TEXT_SHARE = 0.7;
/** Boxes that are the text's own paragraphs or lines, never a box round them. */
const TEXT_BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'li', 'pre', 'dd']);
const TABLE_PARTS = new Set(['tbody', 'tr', 'td']);
const POST_BOX_LEVELS = 10;

/**
 * The box of a board's post holding nearly all its words, down through boxes the rest of the post is
 * beside (the poster's card, the date over the text): the post's text.
 */
function postTextBox(post: Element): Element {
  let box = post;
  // A few levels deep at most: each level counts the text under it again.
  for (let level = 0; level < POST_BOX_LEVELS; level++) {
    const total = visibleText(box.children).length;
    const next = box.children
      .filter(isElement)
      .find(
        (c) =>
          !dropped(c) &&
          (BLOCKS.has(c.name) || TABLE_PARTS.has(c.name)) &&
          (!TEXT_BLOCKS.has(c.name) || textQuote(c)) &&
          visibleText(c.children).length >= POST_TEXT_SHARE * total,
      );
    if (!next) break;
    box = next;
  }
  return box;
}

/** A board's box for a post's text that is a <blockquote> of its own class (XenForo 1's "messageText"), no quotation. */
function textQuote(node: Element): boolean {
  return node.name === 'blockquote' && classes(node).length > 0 && !QUOTE_CLASS.test(node.attribs.class ?? '');
}

/** A Discourse topic's title, over its posts ("topic-title"). */
function topicTitle(node: Element): boolean {
  return (
    node.name === 'h1' && node.parent !== null && isElement(node.parent) && node.parent.attribs.id === 'topic-title'
  );
}

/** A phpBB 3 post (the prosilver style): "p9001", its poster's card a "postprofile". */
/**
 * A floor of a Baidu Tieba thread ("l_post"): the poster's box ("d_author", the name in "p_author_name"), the floor's
 * text ("d_post_content") and its tail ("core_reply_tail": "来自Android客户端", "2楼", the time, "回复").
 */
function tiebaPost(node: Element): boolean {
  return classes(node).includes('l_post');
}

/**
 * A post of a Telegram channel's web preview (t.me/s/…, "tgme_widget_message"): the channel's name over it
 * ("tgme_widget_message_owner_name"), its text, and its footer of views and time.
 */
function telegramPreviewPost(node: Element): boolean {
  return classes(node).includes('tgme_widget_message');
}

/** Words in a channel's post short of a story's part: an announcement ("Анонс! Завтра викладаю новий фік…"). */
const ANNOUNCEMENT_WORDS = 60;

function wordCount(node: Element): number {
  return visibleText(node.children).split(/\s+/).filter(Boolean).length;
}

/** Of each of a channel's posts on the page, its words and the most words of a post after it: counted once per page. */
const channelPosts = new WeakMap<AnyNode, Map<Element, { words: number; laterMost: number }>>();

function postsOfChannel(post: Element): Map<Element, { words: number; laterMost: number }> {
  let root: AnyNode = post;
  while (root.parent) root = root.parent;
  let posts = channelPosts.get(root);
  if (!posts) {
    const found = DomUtils.findAll(telegramPreviewPost, [root]);
    const words = found.map(wordCount);
    posts = new Map();
    let laterMost = 0;
    for (let k = found.length - 1; k >= 0; k--) {
      posts.set(found[k], { words: words[k], laterMost });
      laterMost = Math.max(laterMost, words[k]);
    }
    channelPosts.set(root, posts);
  }
  return posts;
}

/**
 * A channel's short post above the first that holds a story, and under a third of a later post's length:
 * its announcement ("New fic tomorrow, two chapters!"), the channel's own. A story told in short posts
 * (drabbles) has no such post.
 */
function channelAnnouncement(collector: Collector, post: Element): boolean {
  if (!telegramPreviewPost(post) || collector.firstPost !== undefined) return false;
  const counted = postsOfChannel(post).get(post);
  return counted !== undefined && counted.words < ANNOUNCEMENT_WORDS && counted.laterMost >= 3 * counted.words;
}

function phpbbPost(node: Element): boolean {
  return /^p\d+$/.test(node.attribs.id ?? '') && classes(node).includes('post');
}

/**
 * What phpBB shows round a post's text: its subject ("Re: [Fic] The Shopping List") and "Post by … »
 * date" line over it, the poster's signature and the "Last edited by" notice under it, the "Top" link.
 */
function phpbbPostLine(post: Element, node: Element): boolean {
  if (!phpbbPost(post) || ancestors(node).some((up) => classes(up).includes('content'))) return false;
  const names = classes(node);
  return (
    node.name === 'h3' ||
    (node.name === 'p' && names.includes('author')) ||
    names.some((name) => name === 'back2top' || name === 'signature' || name === 'notice')
  );
}

/** A vBulletin post: "post_9001" (an <li>) or "post118230" (a <table>). */
function vBulletinPost(node: Element): boolean {
  return /^post_?\d+$/.test(node.attribs.id ?? '');
}

/** vBulletin 3's post table: its header row's cell ("#3  16-03-2009, 08:02 PM"), the site's. */
function postHeadCell(post: Element, node: Element): boolean {
  const head = (n: AnyNode) => isElement(n) && n.name === 'td' && classes(n).includes('thead');
  const cells = node.name === 'tr' ? node.children.filter(isElement) : [node];
  return vBulletinPost(post) && cells.length > 0 && cells.every(head);
}

/** vBulletin 3's post table's row under the text's: the poster's online state and the Quote button, the site's. */
function postFootRow(post: Element, node: Element): boolean {
  if (!vBulletinPost(post) || node.name !== 'tr') return false;
  const message = (n: Element) => /^post_message_\d+$/.test(n.attribs.id ?? '');
  const rows = DomUtils.findAll((n) => n.name === 'tr', post.children);
  const text = rows.findIndex((row) => DomUtils.findOne(message, row.children, true) !== null);
  return text !== -1 && rows.indexOf(node) > text;
}

/**
 * vBulletin 3's poster box: the cell beside the post's text holding the poster's name ("bigusername"),
 * their title and join date, with no class of its own that says so.
 */
function posterCell(post: Element, node: Element): boolean {
  return (
    vBulletinPost(post) &&
    node.name === 'td' &&
    DomUtils.findOne((n) => classes(n).some((c) => c === 'username' || c === 'bigusername'), node.children, true) !==
      null &&
    DomUtils.findOne((n) => /^post_message_\d+$/.test(n.attribs.id ?? ''), node.children, true) === null
  );
}

/**
 * Who wrote a post: its "data-author", or, where the page leaves that out (a XenForo thread's
 * reader mode), the poster's name in the post's box.
 */
function postAuthor(node: Element): string | undefined {
  if (node.attribs['data-author'] !== undefined) return node.attribs['data-author'];
  if (discoursePost(node)) {
    const author = DomUtils.findOne((n) => n.attribs.itemprop === 'author', node.children, true);
    const name = author && (DomUtils.findOne((n) => n.attribs.itemprop === 'name', author.children, true) ?? author);
    return name ? visibleText(name.children) || undefined : undefined;
  }
  if (telegramPreviewPost(node)) {
    const name = DomUtils.findOne((n) => classes(n).includes('tgme_widget_message_owner_name'), node.children, true);
    return name ? visibleText(name.children) || undefined : undefined;
  }
  if (tiebaPost(node)) {
    const name = DomUtils.findOne((n) => classes(n).includes('p_author_name'), node.children, true);
    return name ? visibleText(name.children) || undefined : undefined;
  }
  if (smfPost(node)) {
    const box = DomUtils.findOne((n) => classes(n).includes('poster'), node.children, true);
    const name = box && DomUtils.findOne((n) => n.name === 'h4', box.children, true);
    return name ? visibleText(name.children) || undefined : undefined;
  }
  if (messageTable(node)) return messagePoster(node);
  const topicPoster = topicPosts.get(node);
  if (topicPoster !== undefined) return topicPoster;
  if (!classes(node).includes('message') && !vBulletinPost(node) && !phpbbPost(node)) return undefined;
  const card = phpbbPost(node) ? findFirst(node.children, '.postprofile') : null;
  const name = DomUtils.findOne(
    (n) => classes(n).some((c) => c === 'username' || c === 'bigusername' || c === 'username-coloured'),
    (card ?? node).children,
    true,
  );
  if (name) return visibleText(name.children) || undefined;
  // A board whose posts' header or column holds the name in bold, without a class of its own (FOK!forum's "postheader").
  const head = DomUtils.findOne((n) => classes(n).some((c) => POSTER_CARD_CLASS.test(c)), node.children, true);
  const bold = head && posterInCard(head);
  return bold ? visibleText(bold.children).trim() || undefined : undefined;
}

/**
 * The poster's name on a board's card: a profile card's first link, or else its first bold words; in a post's header
 * the first of either ("<b>nick</b> date <a>reply</a>").
 */
function posterInCard(card: Element): Element | null {
  // A name has a letter: Delphi's message number ("<b>4172.1</b> From: <b>LovelyMaryAnn</b>") is none.
  const named = (n: Element) => /\p{L}/u.test(visibleText(n.children));
  const bold = (n: Element) => (n.name === 'b' || n.name === 'strong' || /^h[2-6]$/.test(n.name)) && named(n);
  const link = (n: Element) => n.name === 'a' && named(n);
  if (!classes(card).some((c) => /^(?:postprofile|mini-?profile)$/i.test(c)))
    return DomUtils.findOne((n) => link(n) || bold(n), card.children, true);
  return DomUtils.findOne(link, card.children, true) ?? DomUtils.findOne(bold, card.children, true);
}

/** A post's date alone, or after the board's word for "posted": "Posted 4/2/01 9:14 pm", "Postat 12 ianuarie 2015 - 21:08". */
function postedLine(text: string): boolean {
  return isPostDate(text) || isPostDate(text.replace(/^\p{L}+:?\s+/u, ''));
}

/**
 * A post's own header and buttons round its text, as MyBB names them ("post_head", "post_controls") and vBulletin 4
 * ("postfoot"): the board's.
 */
const POST_HEAD_CLASS = /^post[-_]?(?:head(?:er)?|foot(?:er)?|controls|buttons)$/i;

/** How far down a post's text box its date line over a rule is looked for, in characters. */
const DATE_LINE_CHARACTERS = 120;

/** The index of the rule (<hr>) under a post's date line at the top of its text box, or -1. */
function dateLineOverRule(box: Element): number {
  const rule = box.children.findIndex((child) => isElement(child) && child.name === 'hr');
  if (rule <= 0) return -1;
  const above = box.children.slice(0, rule);
  if (visibleText(above).length > DATE_LINE_CHARACTERS) return -1;
  const dated = above.some((child) =>
    postedLine(isElement(child) ? visibleText(child.children) : DomUtils.textContent(child)),
  );
  return dated ? rule : -1;
}

/** A box that holds only a post's date: "date", "postdate", "post-time". */
const POST_DATE_CLASS = /^(?:date|postdate|posttime|post-?date|post-?time)$/;

/** Words of a class or id, camel case split too: XenForo's "message-threadmarkHeader" holds "threadmark" and "header". */
function markWords(node: Element): string[] {
  const camel = [...classes(node), node.attribs.id ?? ''].flatMap((name) =>
    name.split(/[-_]|(?<=\p{Ll})(?=\p{Lu})/u).map((word) => word.toLowerCase()),
  );
  return [...nameWords(node), ...camel];
}

/**
 * The chapter's name a post's threadmark gives: its label, or, where the label is only the site's
 * word "Threadmarks", the rest of the mark but its buttons ("Threadmarks Chapter 1: Speed Limits Next").
 */
function markText(mark: Element): string {
  const label = DomUtils.findOne((n) => classes(n).includes('threadmarkLabel'), mark.children, true);
  const named = label ? visibleText([label]) : '';
  if (named !== '' && !/^threadmarks?\s*:?$/iu.test(named)) return named;
  const buttons = (n: AnyNode) => isElement(n) && n.name === 'a';
  return visibleText(mark.children.filter((n) => !buttons(n)))
    .replace(/^threadmarks?\s*:?\s*/iu, '')
    .trim();
}

/**
 * One post of a thread: a reply, as a reader's; the writer's, with its poster's box as the site's
 * and its threadmark (the chapter's title, as the site shows it over the post) heading the chapter
 * unless the post heads it in its own words.
 */
function readPost(collector: Collector, post: Element): void {
  if (channelAnnouncement(collector, post)) return readApart(collector, post, { chrome: true, aside: 'post' });
  const from = collector.blocks.length;
  collector.firstPost ??= from;
  const writer = collector.writer;
  collector.writer = undefined;
  const reply = postAuthor(post) !== writer;
  let mark: SourceBlock | undefined;
  const textBox = !reply && topicPosts.has(post) ? postTextBox(post) : undefined;
  const toText = new Set(textBox ? ancestors(textBox) : []);
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) {
        walkBlocks(collector, [node]);
        continue;
      }
      if (dropped(node)) continue;
      if (textBox) {
        // A board's post: its text box is the writer's; its card, date and number round it the site's.
        if (node === textBox) {
          // "Posté le 15/11/2010 à 23:12:45" in a box of its own at the top of the text: the board's.
          const date = node.children.find(
            (child, k) =>
              k < 3 &&
              isElement(child) &&
              (nameWords(child).some((w) => POST_DATE_CLASS.test(w)) || postedLine(visibleText(child.children))),
          );
          // Or the date with the board's buttons over a rule that sets them off from the text (Snitz Forums'
          // "Posted - 11/02/2004 : 19:22:10 [profile] [quote]" over an <hr>): all of it the board's.
          const rule = dateLineOverRule(node);
          const at = rule >= 0 ? rule : date ? node.children.indexOf(date) : -1;
          if (rule >= 0) {
            const from = collector.blocks.length;
            walkBlocks(collector, node.children.slice(0, rule));
            for (const block of collector.blocks.slice(from)) Object.assign(block, { chrome: true, aside: 'post' });
          } else if (at >= 0) {
            walkBlocks(collector, node.children.slice(0, at));
            const from = collector.blocks.length;
            walkBlocks(collector, [date!]);
            for (const block of collector.blocks.slice(from)) Object.assign(block, { chrome: true, aside: 'post' });
          }
          walkBlocks(collector, node.children.slice(at + 1));
        } else if (toText.has(node)) walk(node.children);
        else {
          const at = collector.blocks.length;
          walkBlocks(collector, [node]);
          for (const block of collector.blocks.slice(at)) Object.assign(block, { chrome: true, aside: 'post' });
        }
        continue;
      }
      const names = nameWords(node);
      const at = collector.blocks.length;
      const marks = markWords(node);
      // XenForo's "message-threadmarkHeader"; in its threadmarks' reader mode, "message-threadmarkTitle".
      if (!reply && marks.includes('threadmark') && (marks.includes('header') || marks.includes('title'))) {
        const text = markText(node);
        if (text) {
          push(collector, 'paragraph', text, undefined);
          mark = collector.blocks.at(-1);
        }
        continue;
      }
      // The post's own header: its date and number ("Nov 18, 2026 #1"), as the poster's box, the site's.
      if (
        (names.includes('attribution') ||
          names.includes('posthead') ||
          names.includes('postheader') ||
          classes(node).some((c) => POST_HEAD_CLASS.test(c)) ||
          (discoursePost(post) &&
            (classes(node).includes('crawler-post-meta') || node.attribs.itemprop === 'interactionStatistic')) ||
          postHeadCell(post, node) ||
          postFootRow(post, node) ||
          phpbbPostLine(post, node) ||
          messageHeadRow(post, node) ||
          (smfPost(post) && (names.includes('keyinfo') || names.includes('moderatorbar'))) ||
          (tiebaPost(post) && names.includes('tail')) ||
          (telegramPreviewPost(post) && names.includes('footer'))) &&
        !reply
      ) {
        walkBlocks(collector, [node]);
        for (const block of collector.blocks.slice(at)) Object.assign(block, { chrome: true, aside: 'post' });
        if (discoursePost(post) || messageTable(post) || names.includes('postheader') || phpbbPostLine(post, node))
          statePoster(collector, at, writer);
        continue;
      }
      if (
        (names.includes('user') ||
          names.includes('userinfo') ||
          classes(node).some((c) => POSTER_CARD_CLASS.test(c)) ||
          posterCell(post, node) ||
          (phpbbPost(post) && names.includes('postprofile')) ||
          (smfPost(post) && names.includes('poster')) ||
          (tiebaPost(post) && names.includes('author')) ||
          (telegramPreviewPost(post) && names.includes('owner'))) &&
        !reply
      ) {
        // The poster's name apart from the title beside it ("knife_and_fork" "Senior member").
        for (const child of node.children) walkBlocks(collector, [child]);
        for (const block of collector.blocks.slice(at)) Object.assign(block, { chrome: true, aside: 'post' });
        const name = collector.blocks.slice(at).find((b) => b.text === writer);
        // A channel's name over its posts is the channel's, not a writer's.
        if (name && !telegramPreviewPost(post) && !collector.blocks.some((b) => b.stated?.part === 'author'))
          Object.assign(name, {
            chrome: undefined,
            aside: undefined,
            stated: { part: 'author', why: 'who started the thread' },
          });
        continue;
      }
      // vBulletin's post text, in a <blockquote>: its lines, not one quotation; a message table's text, in its cell.
      if (messageTable(post) && ['tbody', 'tr'].includes(node.name)) walk(node.children);
      else if ((!reply && names.includes('postcontent')) || (messageTable(post) && node.name === 'td'))
        walkBlocks(collector, node.children);
      else if (!reply && holdsBlocks(node) && !names.includes('bbwrapper')) walk(node.children);
      else walkBlocks(collector, [node]);
    }
  };
  walk(post.children);
  // Looked for once: a thread of thousands of posts must not search all its blocks at each post.
  if (
    textBox &&
    writer !== undefined &&
    !collector.posterNamed &&
    !collector.blocks.some((b) => b.stated?.part === 'author')
  )
    collector.blocks.splice(from, 0, {
      kind: 'paragraph',
      text: writer,
      file: collector.file,
      gap: 1,
      stated: { part: 'author', why: 'who started the thread' },
    });
  if (textBox) collector.posterNamed = true;
  if (!reply) setPostSignatureApart(collector.blocks.slice(from));
  if (!reply) continuedBelow(collector.blocks.slice(from));
  if (!reply && mark === undefined && collector.marked === undefined)
    setPostNotesApart(collector, from, collector.firstPost !== from, collector.writerPosted !== true);
  // A topic may open with another's post (a moderator's "Post your short fics here!"): the writer's first is the story's.
  if (!reply) collector.writerPosted = true;
  const own = collector.blocks.slice(from);
  const heading = mark as SourceBlock | undefined;
  if (reply) for (const block of own) Object.assign(block, { chrome: true, aside: 'reply' });
  else if (heading) {
    const title = chapterHeading(heading.text)?.title ?? heading.text;
    const repeated = own.find(
      (b) => b !== heading && (b.text === heading.text || chapterHeading(b.text)?.title === title),
    );
    // Above the first chapter's own heading, the post holds the work's title and notes; above a later
    // one, the chapter's notes ("Thanks for all the comments! Here's the rest."), so the mark heads it there.
    collector.marked = (collector.marked ?? 0) + 1;
    if (repeated && collector.marked === 1) Object.assign(heading, { chrome: true, aside: 'threadmark' });
    else {
      heading.stated = { part: 'chapter-heading', title };
      if (repeated) Object.assign(repeated, { chrome: true, aside: 'threadmark' });
    }
  } else if (collector.marked !== undefined) {
    // The writer's post with no threadmark, after a chapter: what they say to readers, the chapter's end note.
    for (const block of own) if (!block.chrome && !block.stated) block.stated = { part: 'chapter-end-notes' };
  }
  collector.writer = writer;
  collector.afterPosts = collector.blocks.length;
}

/** A site's class for the element that names the writer: "author", "byline", "username". */
const BYLINE_CLASS = /^(?:author|byline|username|user-name|author-name)$/i;

/**
 * A story's header as a list of terms ("<dt>מאת:</dt><dd>ירדן בן-שחר</dd>", "<dt>Rating</dt><dd>G</dd>"): each
 * label with its value, a line of its own, when two labels or more are ones the import reads.
 */
function fieldsOfList(list: Element): string[] | undefined {
  const lines: string[] = [];
  let label: string | undefined;
  for (const child of list.children) {
    if (!isElement(child)) continue;
    const text = visibleText([child]).replace(/\s+/g, ' ').trim();
    if (child.name === 'dt') label = text.replace(/\s*[:：]$/u, '');
    else if (child.name === 'dd' && label !== undefined) {
      lines.push(`${label}: ${text}`);
      label = undefined;
    }
  }
  const known = lines.filter((line) => labelledField(line) !== undefined).length;
  return known >= 2 ? lines : undefined;
}

/** LiveJournal's and Dreamwidth's icon before a user's name ("[info]moonyandme"): the site's, no part of the name. */
const USER_ICON = /^\[(?:info|personal profile|community profile|syndicated profile|openid profile)\]$/iu;

/** The text a reader sees: whitespace collapsed, <br> as a line break, blocks inside as paragraph breaks. */
function visibleText(nodes: AnyNode[]): string {
  let out = '';
  // The text's last character, kept as it is added: asking `out` for it would make V8 copy the whole text so far
  // into one string at every table cell, quadratic on a board's long topic.
  let last = ' ';
  const add = (text: string) => {
    if (text === '') return;
    out += text;
    last = text.at(-1)!;
  };
  const walk = (node: AnyNode) => {
    if (DomUtils.isText(node)) add(node.data.replace(/\s+/g, ' '));
    else if (isElement(node)) {
      // A wiki's "[edit | edit source]" beside each heading is its button, not the heading's words.
      // MediaWiki's older "editsection" and Fandom's alike.
      if (
        dropped(node) ||
        commentCount(node) ||
        classes(node).some((name) => name === 'mw-editsection' || name === 'editsection')
      )
        return;
      if (node.name === 'br') add('\n');
      else if (node.name === 'img' && node.attribs.alt && !USER_ICON.test(node.attribs.alt))
        add(` ${node.attribs.alt} `);
      const block = BLOCKS.has(node.name);
      if (block) add('\n\n');
      // "<span class="title">…</span><span class="author">by …</span>": the site's style sets its byline apart.
      // A table's cells are apart on screen ("Agent Tangerine" | "Posted: Feb 11 2007"), and so in the text.
      else if (
        (node.name === 'td' || node.name === 'th' || classes(node).some((name) => BYLINE_CLASS.test(name))) &&
        /\S/.test(last)
      )
        add(' ');
      node.children.forEach(walk);
      if (block) add('\n\n');
    }
  };
  nodes.forEach(walk);
  return out
    .split(/\n{2,}/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .join('\n')
        .trim(),
    )
    .filter(Boolean)
    .join('\n\n');
}

interface Collector {
  blocks: SourceBlock[];
  file: number;
  /** In a forum thread's page: who started it, whose posts are the story. */
  writer?: string;
  /** The writer's posts read so far that carry a threadmark. */
  marked?: number;
  /** In a thread: where its first post's blocks start, and where its last post's end. */
  firstPost?: number;
  /** In a thread: the writer's own post has been read (the next of theirs holds a later part). */
  writerPosted?: boolean;
  afterPosts?: number;
  /** In a board's topic: the writer's name was stated as the creator (or looked for) at their first post. */
  posterNamed?: boolean;
  /** Where the notes a site shows over the next part start: its heading goes above them. */
  notesAbovePart?: number;
  /** A paragraph of prose has been read (see proseAbove), and how many blocks were looked at for one. */
  proseFound?: boolean;
  proseLookedAt?: number;
  /** A paragraph of the story's length has been read (see storyAbove), and how many blocks were looked at for one. */
  storyFound?: boolean;
  storyLookedAt?: number;
}

/**
 * Above a thread's first post, the forum's lines: where the thread sits, who started it and when,
 * its threadmarks' menu. Its title (a heading) stays to be read as the work's.
 */
function siteAboveThePosts(blocks: SourceBlock[]): void {
  for (const block of blocks) if (block.kind === 'paragraph' && !block.stated) block.chrome = true;
}

/** Under the last post of a thread without threadmarks, the forum's lines: its reply button and pages, "Who is online", its footer. */
function siteBelowThePosts(blocks: SourceBlock[]): void {
  for (const block of blocks) if (block.kind !== 'break' && !block.stated) block.chrome = true;
}

function push(
  collector: Collector,
  kind: SourceBlock['kind'],
  text: string,
  html: string | undefined,
  extra: Partial<SourceBlock> = {},
): void {
  if (kind !== 'break' && text.trim() === '') return;
  const isBreak = kind === 'break' || (kind === 'paragraph' && isSceneBreak(text));
  const block: SourceBlock = {
    kind: isBreak ? 'break' : kind,
    text: text.trim(),
    html: isBreak ? undefined : html,
    file: collector.file,
    gap: 1,
    ...extra,
  };
  const held = collector.notesAbovePart;
  if (held !== undefined && extra.stated?.part !== 'chapter-notes') collector.notesAbovePart = undefined;
  if (held !== undefined && kind === 'heading') collector.blocks.splice(held, 0, block);
  else collector.blocks.push(block);
}

/**
 * A header typed as lines of one paragraph ("<b>Title:</b> …<br><b>Author:</b> …"), near the top
 * or under a heading, is split into its fields as a text file's header is. Returns the
 * paragraph's lines (runs of nodes between <br>s), grouped into the paragraphs they make.
 */
function headerParts(collector: Collector, run: AnyNode[]): AnyNode[][][] {
  const lines: AnyNode[][] = [[]];
  for (const node of run) {
    if (isElement(node) && node.name === 'br') lines.push([]);
    else lines[lines.length - 1].push(node);
  }
  const kept = lines.filter((line) => visibleText(line) !== '');
  // "---<br>Aaand done! Thanks for reading": a rule on a line of its own parts what is above it from what is below.
  const rules = new Set(kept.length > 1 ? kept.filter((line) => isSceneBreak(visibleText(line))) : []);
  if (rules.size > 0) {
    const groups: AnyNode[][][] = [[]];
    for (const line of kept)
      if (rules.has(line)) groups.push([line], []);
      else groups[groups.length - 1].push(line);
    return groups.filter((group) => group.length > 0);
  }
  // A part's heading on the post's first line ("（上）<br>那天…", "Chapter 2<br>The rain…"): a block of its own.
  if (kept.length > 1 && (chapterHeading(visibleText(kept[0]).trim()) || boldNumber(kept[0])))
    return [[kept[0]], kept.slice(1)];
  const last = collector.blocks.at(-1);
  const nearTop = collector.blocks.length < 10 || last?.kind === 'heading';
  const groups = nearTop && kept.length > 1 ? headerLines(kept.map((line) => visibleText(line))) : undefined;
  if (!groups) return [[run]];
  let next = 0;
  return groups.map((group) => {
    const taken = kept.slice(next, next + group.length);
    next += group.length;
    return taken;
  });
}

/** "<b>1.</b>", "<strong>II</strong>": a bare number in bold alone on a line, a part's heading as journals typed it. */
function boldNumber(line: AnyNode[]): boolean {
  const shown = line.filter((n) => visibleText([n]) !== '');
  return (
    shown.length === 1 &&
    isElement(shown[0]) &&
    ['b', 'strong'].includes(shown[0].name) &&
    /^(?:\d{1,3}|[IVXLC]{1,7})\.?$/u.test(visibleText(shown).trim())
  );
}

/** Inline content between blocks; "<br><br>" separates paragraphs as old pages and FanFiction.Net saves do. */
function flushInline(collector: Collector, given: AnyNode[], stated?: StatedPart): void {
  if (given.length === 0) return;
  const inline = spreadWrappers(given);
  given.length = 0;
  let run: AnyNode[] = [];
  const blank = (node: AnyNode) => DomUtils.isText(node) && node.data.trim() === '';
  const emit = () => {
    for (const lines of headerParts(collector, run)) {
      const text = lines.map((line) => visibleText(line)).join('\n');
      if (text)
        push(
          collector,
          'paragraph',
          text,
          `<p>${lines.map((line) => line.map((n) => DomUtils.getOuterHTML(n)).join('')).join('<br>')}</p>`,
          stated ? { stated } : {},
        );
    }
    run = [];
  };
  for (let i = 0; i < inline.length; i++) {
    const node = inline[i];
    if (isElement(node) && node.name === 'br') {
      // The next node with more than white space: another <br> ends the paragraph. Looked for from here
      // on, not in a copy of the rest, which made a run of thousands of inline elements quadratic.
      let next = i + 1;
      while (next < inline.length && blank(inline[next])) next++;
      const after = inline[next];
      if (after && isElement(after) && after.name === 'br') {
        emit();
        i = next;
        continue;
      }
    }
    run.push(node);
  }
  emit();
}

/** Inline elements a story's words keep their looks in: kept whole even round several paragraphs. */
const EMPHASIS = new Set([
  'b',
  'i',
  'em',
  'strong',
  'u',
  's',
  'strike',
  'del',
  'ins',
  'a',
  'sup',
  'sub',
  'small',
  'big',
]);

/**
 * LiveJournal's "<lj-cut>", or a "<font>" or "<span>" round a whole post: an inline element holding
 * paragraphs parted by "<br><br>" is read as what it holds, so that its paragraphs come apart.
 */
function spreadWrappers(inline: AnyNode[]): AnyNode[] {
  const out: AnyNode[] = [];
  const spread = (node: AnyNode) => {
    if (isElement(node) && !EMPHASIS.has(node.name) && holdsParagraphBreak(node)) node.children.forEach(spread);
    else out.push(node);
  };
  inline.forEach(spread);
  return out;
}

function holdsParagraphBreak(node: Element): boolean {
  const children = node.children.filter((n) => !(DomUtils.isText(n) && n.data.trim() === ''));
  const isBreak = (n: AnyNode | undefined) => n !== undefined && isElement(n) && n.name === 'br';
  return children.some((n, i) => isBreak(n) && isBreak(children[i + 1]));
}

/**
 * A table that lays out a page (an old fan site's, an eFiction archive's) rather than showing a
 * table: it holds a page's heading or the story's prose. Its cells are read as the containers they
 * are. A table in a story (a chat log, a poem side by side with its translation, a ship's roster) holds
 * short lines, and stays whole.
 */
/**
 * A page's header given as a table of fields, a label and its value to a row ("Author | unit02_curry",
 * "Rating | G", as a wiki's info table shows a story's): one line per row ("Author: unit02_curry"),
 * when two labels or more are known, so that the creator is the name alone and the fields are read.
 */
function fieldsOfTable(table: Element): string[] | undefined {
  const rows = DomUtils.findAll((n) => n.name === 'tr', table.children);
  if (rows.length < 2) return undefined;
  const lines: string[] = [];
  for (const [k, row] of rows.entries()) {
    const cells = row.children.filter((n): n is Element => isElement(n) && (n.name === 'td' || n.name === 'th'));
    // A wiki infobox's caption over its fields, one header cell across the table: the work's name, a line of its own.
    if (k === 0 && cells.length === 1 && cells[0].name === 'th') {
      const caption = visibleText([cells[0]]).replace(/\s+/g, ' ').trim();
      if (caption !== '' && caption.length <= 100) lines.push(caption);
      continue;
    }
    if (cells.length !== 2) return undefined;
    const [label, value] = cells.map((cell) => visibleText([cell]).replace(/\s+/g, ' ').trim());
    if (label === '' || label.length > 40) return undefined;
    lines.push(`${label.replace(/\s*[:：]$/u, '')}: ${value}`);
  }
  const known = lines.filter((line) => labelledField(line) !== undefined).length;
  // Or a list archive's table of the message's headers (LISTSERV's, Topica's: "Subject:", "From:", "Date:").
  return known >= 2 || areMailHeaders(lines) ? lines : undefined;
}

function isLayoutTable(table: Element): boolean {
  const inside = DomUtils.findAll((n) => n.name === 'p' || /^h[1-3]$/.test(n.name), table.children);
  if (inside.some((n) => n.name !== 'p' || visibleText([n]).split(/\s+/).length >= 25)) return true;
  // A journal's entry in a cell, its lines ended by <br> and no <p> (GreatestJournal's and old
  // LiveJournal-code styles): a line of prose says the table lays out a page, not data.
  if (cellsOf(table).some((cell) => proseLine(cell))) return true;
  // Or the site's bar (its linked logo, or mostly links), or its boxes for a story's title and facts,
  // each named by its class, and its chapter menu.
  const logo = DomUtils.findOne(
    (n) => n.name === 'a' && DomUtils.findOne((i) => i.name === 'img', n.children, true) !== null,
    table.children,
    true,
  );
  return (
    logo !== null ||
    mostlyLinks(table) ||
    cellsOf(table).some(
      (cell) =>
        PAGE_REGION_CELL.test(cell.attribs.class ?? '') ||
        cell.children.some((n) => isElement(n) && (n.name === 'form' || (n.name === 'div' && classes(n).length > 0))),
    )
  );
}

/** A cell named for a region of the page, as old journal styles lay one out in a table: "header", "nav", "sidebar". */
const PAGE_REGION_CELL = /^(?:header|nav|navbar|navigation|menu|sidebar|footer)$/iu;

/** A line of 25 words or more, between <br>s, in a cell (a data table's cells hold a few words each). */
function proseLine(cell: Element): boolean {
  return visibleText([cell])
    .split('\n')
    .some((line) => line.split(' ').length >= 25);
}

/** The table's own cells in reading order (not those of a table inside one). */
function cellsOf(table: Element): Element[] {
  const cells: Element[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (!isElement(node)) continue;
      if (node.name === 'td' || node.name === 'th') cells.push(node);
      else if (['thead', 'tbody', 'tfoot', 'tr'].includes(node.name)) walk(node.children);
    }
  };
  walk(table.children);
  return cells;
}

/** Walks a container, turning each block element into blocks. */
function walkBlocks(collector: Collector, nodes: AnyNode[], stated?: StatedPart): void {
  // Pages nest boxes thousands deep, each level a call of this: what a level needs beyond the
  // walk itself is read in functions of its own, so that each level takes little of the stack.
  const inline: AnyNode[] = [];
  for (const node of nodes) {
    if (!isElement(node)) {
      if (DomUtils.isText(node)) inline.push(node);
      continue;
    }
    if (dropped(node)) continue;
    if (postHeader(node)) {
      flushInline(collector, inline, stated);
      readPostHeader(collector, node);
      continue;
    }
    if (collector.writer !== undefined && postAuthor(node) !== undefined) {
      flushInline(collector, inline, stated);
      readPost(collector, node);
      continue;
    }
    // An element the reader does not know (LiveJournal's <lj-cut>) holding paragraphs is a container,
    // and so is a link or span around a heading (Wattpad's story title and byline in one link).
    if (!BLOCKS.has(node.name) && !holdsBlocks(node)) {
      inline.push(node);
      continue;
    }
    flushInline(collector, inline, stated);
    const partNote = stated ? undefined : partNoteOf(node);
    const noteBox = stated || partNote ? undefined : noteBoxOf(node);
    if (noteBox) readNoteBox(collector, node, noteBox);
    else if (!stated && (commentForm(node) || reviewsBox(collector, node)))
      // A box for writing a review, or the box of readers' reviews ("Latest Reviews") or comments: the page's.
      readApart(collector, node, { chrome: true, aside: 'comments' });
    else if (!stated && (advertBox(node) || postFooter(node) || signatureBox(node) || sideRegion(node)))
      readApart(collector, node, { chrome: true });
    // A paragraph or box the site marks as the story's summary (HubPages' "summary"), above the story's prose.
    else if (!stated && summaryParagraph(node) && !storyAbove(collector))
      walkBlocks(collector, node.children, { part: 'summary' });
    // The writer's note box inside the story's box, under all of its prose (Tapas's "creator-note" under the episode).
    else if (!stated && noteBoxUnderStory(node)) walkBlocks(collector, node.children, { part: 'end-notes' });
    else if (!stated && listingBox(node))
      readApart(collector, node, { chrome: true, ...(listNamed(node, 'toc') ? { aside: 'contents' } : {}) });
    else if (partNote) {
      const at = collector.blocks.length;
      walkBlocks(collector, node.children, { part: partNote });
      if (collector.blocks.length > at) collector.notesAbovePart = at;
    } else if (partHeader(node) && !stated) readPartHeader(collector, node);
    // A thread's rule between posts is the forum's (phpBB's "divider"), no scene break; inside a post the writer is unset.
    else if (node.name === 'hr' && collector.writer !== undefined) continue;
    else if (node.name === 'hr') push(collector, 'break', '', undefined, stated ? { stated } : {});
    else if (/^h[1-6]$/.test(node.name)) readHeading(collector, node, stated);
    else if (wikiNotice(node)) push(collector, 'paragraph', visibleText([node]), undefined, { chrome: true });
    else if (collector.writer !== undefined && WHOLE.has(node.name) && holdsPosts(node))
      walkBlocks(collector, node.children, stated);
    else if (node.name === 'table' && isLayoutTable(node))
      for (const cell of cellsOf(node)) walkBlocks(collector, cell.children, stated);
    else if (node.name === 'dl' && !stated && fieldsOfList(node))
      for (const line of fieldsOfList(node)!) push(collector, 'paragraph', line, undefined);
    else if (node.name === 'table' && !stated && fieldsOfTable(node))
      for (const line of fieldsOfTable(node)!) push(collector, 'paragraph', line, undefined);
    else if (labelledQuote(node)) walkBlocks(collector, node.children, stated);
    else if (WHOLE.has(node.name) && !paragraphsInPre(node)) readWhole(collector, node, stated);
    else if (node.name === 'p' || !holdsBlocks(node)) readTextBlock(collector, node, stated);
    else walkBlocks(collector, node.children, stated);
  }
  flushInline(collector, inline, stated);
}

/** A list, a table, a quotation kept whole; a <pre> of prose paragraphs is read as those paragraphs. */
function readWhole(collector: Collector, node: Element, stated: StatedPart | undefined): void {
  if (bannerArt(collector, node)) return push(collector, 'paragraph', visibleText([node]), undefined, { chrome: true });
  const prose = proseInPre(node, collector.file);
  if (prose) for (const block of prose) push(collector, block.kind, block.text, block.html, stated ? { stated } : {});
  else push(collector, 'paragraph', visibleText([node]), DomUtils.getOuterHTML(node), stated ? { stated } : {});
}

/**
 * A paragraph of the story's length read already (more than a byline's bio): a summary box under it is no longer
 * the work's. Read on from the blocks already looked at, as proseAbove does.
 */
function storyAbove(collector: Collector): boolean {
  const { blocks } = collector;
  for (let i = Math.min(collector.storyLookedAt ?? 0, blocks.length); !collector.storyFound && i < blocks.length; i++)
    if (
      blocks[i].kind === 'paragraph' &&
      !blocks[i].chrome &&
      !blocks[i].stated &&
      blocks[i].text.split(/\s+/).length >= 30
    )
      collector.storyFound = true;
  collector.storyLookedAt = blocks.length;
  return collector.storyFound === true;
}

/** One paragraph the site marks as the story's summary (HubPages' "summary"); a box of several ("intro") may hold a note too. */
function summaryParagraph(node: Element): boolean {
  return summaryBox(node) && DomUtils.findAll((n) => n.name === 'p', node.children).length === 0;
}

/** A paragraph of prose read already: what follows is no longer the top of the page. */
function proseAbove(collector: Collector): boolean {
  // Read on from the blocks already looked at: asked at every paragraph of a long page, a scan from the top
  // each time took the square of its length.
  const { blocks } = collector;
  for (let i = Math.min(collector.proseLookedAt ?? 0, blocks.length); !collector.proseFound && i < blocks.length; i++)
    if (blocks[i].kind === 'paragraph' && !blocks[i].chrome && blocks[i].text.length > 80) collector.proseFound = true;
  collector.proseLookedAt = blocks.length;
  return collector.proseFound === true;
}

/**
 * A drawing in characters at the top of a hand-made page (a tilde server's or a homepage's name in
 * figlet letters over its links): a <pre> of three lines or more, few of its characters letters or
 * digits, with no prose above it. The page's banner, not the story.
 */
function bannerArt(collector: Collector, node: Element): boolean {
  if (node.name !== 'pre' || proseAbove(collector)) return false;
  const text = DomUtils.textContent(node);
  if (text.trim().split('\n').length < 3) return false;
  const shown = text.replace(/\s+/g, '');
  const letters = shown.replace(/[^\p{L}\p{N}]/gu, '');
  return shown.length >= 20 && letters.length < 0.3 * shown.length;
}

function readNoteBox(collector: Collector, node: Element, noteBox: NonNullable<ReturnType<typeof noteBoxOf>>): void {
  push(collector, 'paragraph', visibleText([noteBox.label]), undefined, { chrome: true });
  const at = collector.blocks.length;
  walkBlocks(
    collector,
    node.children.filter((child) => child !== noteBox.label),
    { part: noteBox.part },
  );
  // A disclaimer in the box ("Disclaimer: …", "The sisters belong to …") is read as one.
  for (const block of collector.blocks.slice(at)) {
    const field = labelledField(block.text)?.field;
    if (field === 'disclaimer' || field === 'summary' || isDisclaimer(block.text)) delete block.stated;
  }
}

/**
 * The box of readers' reviews or comments under the story (MediaMiner's "Latest Reviews", Ko-fi's comments, a blog's,
 * a social post's or a story site's "comments" or "replies"): named so, after the story's text, holding no story, and
 * mostly short lines. A post tagged "reviews", or a page's wrapper so named ("has-comments"), holds the story
 * itself: a box named for comments is shorter than what was read above it.
 */
function reviewsBox(collector: Collector, node: Element): boolean {
  const words = nameWords(node);
  const reviews = words.includes('reviews');
  // A box of them, "comments": ficbook's "part-comment-top" is the writer's note over a part. One headed
  // "Comments (3)" is set apart from its heading with the page's lines round it (chrome.ts).
  // A thread of them, "comment-thread" (a journal's).
  const comments =
    words.includes('comments') || words.includes('replies') || (words.includes('comment') && words.includes('thread'));
  // Webnode's "diskusia" (a discussion, in its makers' Slovak) under a page: its heading inside.
  const discussion = words.includes('diskusia') || words.includes('discussion');
  if (!reviews && !discussion && (!comments || DomUtils.findOne((n) => /^h[1-6]$/.test(n.name), node.children, true)))
    return false;
  const read = collector.blocks.filter((block) => block.kind === 'paragraph' && !block.chrome && !block.stated);
  if (read.length === 0) return false;
  if (STORY_CONTAINERS.some((selector) => matches(node, selector) || findFirst(node.children, selector))) return false;
  const text = visibleText([node]);
  if (!reviews && text.length >= read.reduce((sum, block) => sum + block.text.length, 0)) return false;
  const lines = text
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean);
  return lines.filter((line) => line.length <= 200).length * 2 > lines.length;
}

/** What a box of the page's own holds, read and then set apart as the site's. */
function readApart(collector: Collector, node: Element, apart: Partial<SourceBlock>): void {
  const at = collector.blocks.length;
  walkBlocks(collector, node.children);
  for (const block of collector.blocks.slice(at)) Object.assign(block, apart);
}

function readHeading(collector: Collector, node: Element, stated: StatedPart | undefined): void {
  // A XenForo thread's prefix ("Terminator" before "Uncle Bob (Terminator 2 AU)"): the forum's tag, not the title's.
  const prefixes = classes(node).includes('p-title-value') ? node.children.filter(threadPrefix) : [];
  for (const prefix of prefixes)
    push(collector, 'paragraph', visibleText([prefix]), undefined, { stated: { part: 'metadata' } });
  const own = node.children.filter((n) => !prefixes.includes(n));
  if (topicTitle(node)) {
    // "[Fic] Tofu for Dinner": the tag in brackets before it is the forum's kind of post, not the title's.
    const posted = visibleText(own).replace(/\n+/g, ' ');
    const title = posted.replace(/^(?:\[[^\]]{1,40}\]\s*)+/u, '').trim() || posted;
    const block: SourceBlock = { kind: 'paragraph', text: posted, file: collector.file, gap: 1 };
    collector.blocks.push(...statedWithin(block, title, { part: 'title' }));
    return;
  }
  push(
    collector,
    'heading',
    visibleText(own).replace(/\n+/g, ' '),
    `<p><strong>${own.map((n) => DomUtils.getOuterHTML(n)).join('')}</strong></p>`,
    { ...(stated ? { stated } : {}), level: Number(node.name[1]) },
  );
}

/** A paragraph, or a box holding only text and inline elements: its lines, centred as it is. */
function readTextBlock(collector: Collector, node: Element, stated: StatedPart | undefined): void {
  if (!stated && !proseAbove(collector) && linkBar(node))
    return push(collector, 'paragraph', visibleText([node]), undefined, { chrome: true });
  const align = node.attribs.align ?? (/text-align:\s*center/i.test(node.attribs.style ?? '') ? 'center' : undefined);
  const innerBlocks: Collector = { blocks: [], file: collector.file };
  flushInline(innerBlocks, [...node.children], stated);
  for (const block of innerBlocks.blocks) {
    if (align === 'center' && block.html) block.html = block.html.replace(/^<p>/, '<p align="center">');
    collector.blocks.push(block);
  }
}

/**
 * "home / fic / links / tilde.club": a paragraph of three links or more with only marks between them, above
 * any prose, a hand-made page's menu. One the line reader knows ("Home | Forum | Search") is left to it, to be read
 * with the site's lines round it.
 */
function linkBar(node: Element): boolean {
  const links = node.children.filter((n): n is Element => isElement(n) && n.name === 'a');
  if (links.length < 3 || links.some((link) => visibleText([link]).split(/\s+/).length > 4)) return false;
  const between = node.children.filter((n) => !links.includes(n as Element));
  return /^[\s\p{P}\p{S}]*$/u.test(visibleText(between)) && chromeStrength(visibleText([node])) === undefined;
}

/**
 * ficbook.net's notes over a part ("part-comment-top"), outside the part's own element: they stand
 * under the part before, but open the part under them.
 */
function partNoteOf(node: Element): 'chapter-notes' | undefined {
  const words = classWords(node);
  return words.includes('part') && words.includes('top') && words.some((w) => w === 'comment' || w === 'notes')
    ? 'chapter-notes'
    : undefined;
}

/** A site's box for the writer's note, headed by its label ("Notas iniciais do capítulo"): the label and what the box holds. */
function noteBoxOf(node: Element) {
  const first = node.children.find((c) => isElement(c) || (DomUtils.isText(c) && c.data.trim() !== ''));
  if (!first || !isElement(first) || !/^h[1-6]$/.test(first.name)) return undefined;
  const part = noteBoxPart(classWords(node), visibleText([first]), ancestors(node).flatMap(classWords));
  return part && { part, label: first };
}

/**
 * A box for writing a comment that is no <form> ("O que achou deste capítulo?" over a text box and
 * a button, as a site's script posts it): the site's, and short.
 */
function commentForm(node: Element): boolean {
  return node.name !== 'form' && holdsTextBox(node) && textUnder(node, PROSE_IN_FORM);
}

/**
 * Every element holding a text box, found once per page: asking each element of a page nested
 * thousands deep to search all it holds would take time (and stack) growing with the square of the depth.
 */
const textBoxHolders = new WeakMap<AnyNode, Set<AnyNode>>();

function holdsTextBox(node: Element): boolean {
  let root: AnyNode = node;
  while (root.parent) root = root.parent;
  let holders = textBoxHolders.get(root);
  if (!holders) {
    holders = new Set();
    for (const box of DomUtils.findAll((n) => n.name === 'textarea', [root]))
      for (let up = box.parent; up && !holders.has(up); up = up.parent) holders.add(up);
    textBoxHolders.set(root, holders);
  }
  return holders.has(node);
}

/** Whether the text an element holds is shorter than `limit` characters (counting stops there). */
function textUnder(node: Element, limit: number): boolean {
  let length = 0;
  const stack: AnyNode[] = [node];
  while (stack.length > 0 && length < limit) {
    const next = stack.pop()!;
    if (DomUtils.isText(next)) length += next.data.trim().length;
    else if (isElement(next) && !DROPPED.has(next.name)) stack.push(...next.children);
  }
  return length < limit;
}

/** A site's table of contents ("toc") or its links to a work's tags ("tags"), in the page's text: the site's. */
function listingBox(node: Element): boolean {
  const words = nameWords(node);
  return listNamed(node, 'toc') || ((words.includes('toc') || words.includes('tags')) && mostlyLinks(node));
}

/** A blog post's footer under its text (its tags, comment and share links): "entry-footer", "itemfooter", "postFooter". */
const POST_FOOTER = /^(?:post|entry|item|article)[-_]?footer$/i;

function postFooter(node: Element): boolean {
  return classes(node).some((name) => POST_FOOTER.test(name)) && textUnder(node, 400);
}

/** An id naming the site's sidebar, menu or footer, inside the box read as the story's (a free site's "#content"). */
const SIDE_REGION =
  /^(?:(?:site|page|global|main|top)[-_]?)?(?:sidebar|footer|nav|navbar|navigation|menu|breadcrumbs?)$/i;

function sideRegion(node: Element): boolean {
  return SIDE_REGION.test(node.attribs.id ?? '');
}

/** A poster's signature box under each of their posts ("sig", "signature", "post-signature"): a motto, a quote, a banner. */
function signatureBox(node: Element): boolean {
  return classWords(node).some((word) => word === 'sig' || word === 'signature') && textUnder(node, 400);
}

/** Of each page, its last paragraph of prose outside readers' comments: found once. */
const lastProse = new WeakMap<AnyNode, Element | null>();

/** A box the site marks as the writer's note ("creator-note", "author-note") after the page's last paragraph of prose, or holding it. */
function noteBoxUnderStory(node: Element): boolean {
  if (!classes(node).some((name) => NOTE_CLASS.test(name))) return false;
  const root = ancestors(node).at(-1) ?? node;
  if (!lastProse.has(root)) {
    const prose = DomUtils.findAll((n) => n.name === 'p' && wordCount(n) >= 15, [root]).filter(
      (n) => !ancestors(n).some((up) => namesComments(nameWords(up))),
    );
    lastProse.set(root, prose.at(-1) ?? null);
  }
  const last = lastProse.get(root);
  if (!last) return false;
  // domutils' PRECEDING: the last paragraph comes first; or it is the box's own, the note the last long paragraph.
  return (DomUtils.compareDocumentPosition(last, node) & 2) !== 0 || ancestors(last).includes(node);
}

/** Words of a box's class or id that name an advert or a shop's offer: HubPages' "ad" slot, Squidoo's "amazon" module. */
const ADVERT_WORDS = new Set(['ad', 'ads', 'advert', 'adverts', 'advertisement', 'sponsored', 'amazon', 'affiliate']);

/** An advert's slot or a shop's box among the story's parts, of a few lines (a product, its price, "Buy now"): the site's. */
function advertBox(node: Element): boolean {
  return nameWords(node).some((word) => ADVERT_WORDS.has(word)) && textUnder(node, 300);
}

/** A box named so as a whole ("toc"); Wattpad's "toc-header" holds the title and byline. */
function listNamed(node: Element, name: string): boolean {
  return node.attribs.id?.toLowerCase() === name || classes(node).some((c) => c.toLowerCase() === name);
}

function threadPrefix(node: AnyNode): boolean {
  return isElement(node) && classes(node).includes('label');
}

/** vBulletin's list of posts (<ol id="posts">) holds the thread, not a list in the story. */
function holdsPosts(node: Element): boolean {
  return DomUtils.findOne((n) => postAuthor(n) !== undefined, node.children, true) !== null;
}

function holdsBlocks(node: Element): boolean {
  return node.children.some((c) => isElement(c) && !dropped(c) && (BLOCKS.has(c.name) || holdsBlocks(c)));
}

/** The number of readers' comments a site shows beside a paragraph (Wattpad's "num-comment"): not the writer's words. */
function commentCount(node: Element): boolean {
  return node.name === 'span' && namesComments(classWords(node)) && /^\s*\d*\s*$/.test(DomUtils.textContent(node));
}

/**
 * Left out of the story: scripts, forms, the site's menus, header and footer; the related topics a
 * forum puts beside a topic (role="complementary", which AO3 also gives its notes),
 * browser-update.org's "your browser is unsupported" banner and archive.today's bar over a snapshot.
 */
function dropped(node: Element): boolean {
  if (
    (node.attribs.role === 'complementary' && nameWords(node).includes('related')) ||
    classes(node).includes('buorg') ||
    archiveToolbar(node) ||
    waybackToolbar(node)
  )
    return true;
  return DROPPED.has(node.name) && !partHeader(node) && !formOfProse(node) && !postHeader(node);
}

/**
 * A post's own <header> (Tumblr's "postHeader" over each post of a reblog trail, a blog theme's
 * "entry-header" over its entry's title and byline): the post's, not the site's bar. Its title read as a
 * heading, the rest as the page's line, the first one's poster as the work's creator.
 */
function postHeader(node: Element): boolean {
  const words = markWords(node);
  return node.name === 'header' && words.includes('header') && ['post', 'entry'].some((w) => words.includes(w));
}

/** A link to a poster's blog or profile ("tumblr.com/foghorn-daughter", "/users/…", "/~ada"), not to a post. */
const PROFILE_LINK =
  /tumblr\.com\/(?:blog\/)?[\w-]+\/?$|^https?:\/\/[\w-]+\.(?:tumblr|livejournal|dreamwidth|blogspot|wordpress)\.\w+\/?$|\/(?:profile|profiles|user|users|u|author|authors|member|members|people)\/|\/[@~][\w.-]+\/?$|profile\.bml/i;
const isTitleHeading = (n: AnyNode) => isElement(n) && /^h[1-3]$/.test(n.name);

function readPostHeader(collector: Collector, node: Element): void {
  // A post's header with its title ("<h2 class="post-title"><a>The Lighthouse Keeper</a></h2>"): the
  // heading is read as one, and the rest (its date, its facts) as the post's line.
  if (DomUtils.findOne(isTitleHeading, node.children, true)) {
    for (const child of node.children) {
      if (isTitleHeading(child) || (isElement(child) && DomUtils.findOne(isTitleHeading, child.children, true)))
        walkBlocks(collector, [child]);
      else {
        const text = visibleText([child]).replace(/\n+/g, ' ').trim();
        if (text !== '') push(collector, 'paragraph', text, undefined, { chrome: true, aside: 'post' });
      }
    }
    return;
  }
  const text = visibleText(node.children).replace(/\n+/g, ' ');
  if (text === '') return;
  const line: SourceBlock = { kind: 'paragraph', text, file: collector.file, gap: 1, chrome: true, aside: 'post' };
  const link = DomUtils.findOne(
    (n) => n.name === 'a' && visibleText(n.children) !== '' && PROFILE_LINK.test(n.attribs.href ?? ''),
    node.children,
    true,
  );
  const name = link ? visibleText(link.children) : '';
  if (collector.blocks.some((b) => b.stated?.part === 'author') || name === '' || name.length > 40)
    return void collector.blocks.push(line);
  collector.blocks.push(
    ...statedWithin(line, name, { part: 'author', why: 'who posted it, as the post’s header says' }).map(
      (block): SourceBlock =>
        block.stated?.part === 'author' ? block : { ...block, stated: undefined, chrome: true, aside: 'post' },
    ),
  );
}

/** archive.today's bar over a snapshot ("Saved from", the capture's date, "Webpage Screenshot", "download .zip"). */
function archiveToolbar(node: Element): boolean {
  return node.attribs.id === 'HEADER' && /\barchive\.(?:today|ph|is|li|vn|fo|md)/.test(DomUtils.textContent(node));
}

/**
 * The Wayback Machine's bar over a snapshot ("wm-ipp-base"), or the line it prints in its place
 * ("The Wayback Machine - https://web.archive.org/web/2008…/http://…"): the archive's, not the page's.
 */
function waybackToolbar(node: Element): boolean {
  if (/^wm-ipp/.test(node.attribs.id ?? '')) return true;
  // Its own text only, not the text of all it holds: a page nests boxes thousands deep.
  const [only] = node.children;
  return (
    node.children.length === 1 &&
    DomUtils.isText(only) &&
    /^\s*The Wayback Machine - https?:\/\/web\.archive\.org\/web\/\S+\s*$/.test(only.data)
  );
}

/** Paragraphs' worth of text: more than a search box's or a comment form's labels. */
const PROSE_IN_FORM = 200;

/**
 * A <form> round the page's text, not a search box or a comment form: old Reddit's post and
 * comments are each a form ("usertext", for their writer to edit them in place), and ASP.NET pages
 * wrap the whole page in one. Its own fields and buttons are left out all the same.
 */
function formOfProse(node: Element): boolean {
  if (node.name !== 'form') return false;
  let prose = 0;
  for (const p of DomUtils.findAll((n) => n.name === 'p', node.children))
    prose += DomUtils.textContent(p).trim().length;
  return prose >= PROSE_IN_FORM;
}

/** Whole words of an element's class ("num-comment" → "num", "comment"). */
function classWords(node: Element): string[] {
  return classes(node).flatMap((name) => name.toLowerCase().split(/[-_]/));
}

/** Whole words of an element's class and id ("site-header" → "site", "header"). */
function nameWords(node: Element): string[] {
  return [...classWords(node), ...(node.attribs.id ?? '').toLowerCase().split(/[-_]/)];
}

/** Words of a name that say it holds readers' comments: "comments", Wattpad's "num-comment". */
function namesComments(words: string[]): boolean {
  return words.some((w) => w === 'comment' || w === 'comments');
}

/** A part's header: its heading is the chapter's, its counts the site's, and what else it shows (a dedication) the chapter's notes. */
function readPartHeader(collector: Collector, node: Element): void {
  const from = collector.blocks.length;
  walkBlocks(collector, node.children);
  const read = collector.blocks.slice(from);
  const heading = read.find((b) => b.kind === 'heading');
  if (!heading) return;
  heading.stated = { part: 'chapter-heading', title: partTitle(heading.text) };
  // Under it: the site's counts ("3.4K 402"), and the writer's dedication of the part.
  for (const block of read.slice(read.indexOf(heading) + 1)) {
    if (/\d/.test(block.text) && /^[\d\s.,KkMm%·|]*$/u.test(block.text)) block.chrome = true;
    else if (block.kind === 'paragraph') block.stated = { part: 'chapter-notes' };
  }
}

/**
 * The title a part's header gives: none for a bare number ("Bölüm 1", "Part 3") or the name
 * Wattpad gives a part its writer did not name ("Untitled Part 1").
 */
function partTitle(text: string): string | null {
  const cue = chapterHeading(text);
  if (cue) return cue.title;
  return /^untitled\s+part\s+\d{1,4}$/iu.test(text.trim()) ? null : text;
}

/**
 * A <header> that heads the part of the story on the page (Wattpad's part header, with the part's
 * title, its counts and its dedication) rather than the site's bar: it says it is the story's, holds
 * a heading and no menu or search. A blog post's header stays out: the page's headings are read
 * apart from it (aroundStory).
 */
function partHeader(node: Element): boolean {
  return (
    node.name === 'header' &&
    nameWords(node).some((w) => REGION_WORDS.storyPart.includes(w)) &&
    DomUtils.findOne((n) => /^h[1-4]$/.test(n.name), node.children, true) !== null &&
    DomUtils.findOne((n) => n.name === 'nav' || n.name === 'form' || n.name === 'input', node.children, true) === null
  );
}

/**
 * A quote box whose paragraphs each open with a label ("**Od autorki:** …", "**Zastrzeżenie:** …"), as
 * a note app's Markdown sets a work's notes apart: its fields, each read as a paragraph of its own.
 */
function labelledQuote(node: Element): boolean {
  if (node.name !== 'blockquote') return false;
  const paragraphs = node.children.filter(isElement);
  return (
    paragraphs.length >= 2 && paragraphs.every((p) => p.name === 'p' && labelledField(visibleText([p])) !== undefined)
  );
}

/** A <pre> that only wraps paragraphs (Wattpad's story text) is read as the paragraphs it holds. */
function paragraphsInPre(node: Element): boolean {
  return node.name === 'pre' && node.children.some((c) => isElement(c) && c.name === 'p');
}

export interface HtmlSource {
  blocks: SourceBlock[];
  /** What the file states about itself (an AO3 download's tags). */
  tags: ImportedTags;
  language: string | null;
  /** Recognised layout, for the preview: "AO3 download", "saved web page", "HTML". */
  layout: string;
  /** A paste page's paste, to be read as the text file it is (no blocks are read from the page). */
  pasted?: PastedText;
  /** The page's text outside the story's box and what was read round it, for the preview to show apart. */
  outside?: SourceBlock[];
  /** That text is nested too deep to read (thousands of boxes inside each other): the story alone was read. */
  outsideUnread?: boolean;
}

export function htmlToBlocks(html: string, file = 0): HtmlSource {
  const document = parseDocument(html, { decodeEntities: true });
  unnest(document);
  const root = document.children;
  const preface = findFirst(root, '#preface');
  if (preface && /Archive of Our Own/i.test(visibleText([preface]))) return ao3Download(root, file);
  const reddit = oldRedditPost(root);
  if (reddit) return oldRedditPage(root, reddit, file);
  const tweets = unrolledTweets(root);
  if (tweets.length >= 2) return unrolledThread(root, tweets, file);
  const pasted = pastePage(root);
  if (pasted) return { blocks: [], tags: emptyTags(), language: null, layout: 'saved paste page', pasted };
  const telegram = telegramMessages(root);
  if (telegram.length > 0) return telegramExport(root, telegram, file);
  const fill = commentFill(root);
  if (fill) return commentFillPage(root, fill, file);
  const workskin = findFirst(root, '#workskin');
  if (workskin && findFirst([workskin], '#chapters')) return ao3WorkPage(workskin, file, ao3PageStats(root));
  findTopicPosts(root);
  const literature = literatureText(root);
  const container =
    literature?.box ??
    STORY_CONTAINERS.map((selector) => storyContainer(root, selector)).find(
      (node): node is Element => node !== null && visibleText([node]).length > 40,
    );
  const boxed = readPage(root, file, container, literature);
  // A box that holds a little of the page's prose, most of it outside (a prompt over its fills, a
  // thread's first toot over the rest): the page is the story, read whole but the site's regions.
  return outweighs(boxed.outside ?? [], boxed.blocks) ? readPage(root, file, 'page', undefined) : boxed;
}

/**
 * Prose of a page outside the story's box (paragraphs ending a sentence, not what the reading set apart
 * as readers' answers or the site's) many times what the box gave as text.
 */
function outweighs(outside: SourceBlock[], read: SourceBlock[]): boolean {
  const letters = (blocks: SourceBlock[]) =>
    blocks.reduce((sum, block) => sum + (block.text.match(/\p{L}/gu)?.length ?? 0), 0);
  const prose = outside.filter(
    (block) => block.kind === 'paragraph' && !block.chrome && endsSentence(block.text.trim()),
  );
  const inBox = letters(read.filter((block) => !block.chrome && !block.stated));
  return letters(prose) >= 500 && letters(prose) > 3 * inBox;
}

/** Reads the page round its story's box (`container`), or, given 'page', the whole page but the site's regions. */
function readPage(
  root: AnyNode[],
  file: number,
  container: Element | 'page' | undefined,
  literature: ReturnType<typeof literatureText>,
): HtmlSource {
  if (container === 'page') {
    const collector: Collector = { blocks: [], file };
    readOutside(collector, root, new Set());
    return finishPage(collector, root, true);
  }
  const collector: Collector = { blocks: [], file };
  // FanFiction.Net shows the title in bold above the story, outside the story's own container.
  const ffnTitle =
    container?.attribs.id === 'storytext'
      ? DomUtils.findOne((n) => n.name === 'b', findFirst(root, '#profile_top')?.children ?? [], true)
      : null;
  if (ffnTitle) {
    push(collector, 'paragraph', visibleText(ffnTitle.children), undefined, { stated: { part: 'title' } });
    const author = DomUtils.findOne(
      (n) => n.name === 'a' && /^(?:https?:\/\/(?:www\.|m\.)?fanfiction\.net)?\/u\/\d+/.test(n.attribs.href ?? ''),
      findFirst(root, '#profile_top')?.children ?? [],
      true,
    );
    if (author)
      push(collector, 'paragraph', `by ${visibleText(author.children)}`, undefined, { stated: { part: 'metadata' } });
    const summary = ffnSummary(findFirst(root, '#profile_top')?.children ?? []);
    if (summary) push(collector, 'paragraph', summary, undefined, { stated: { part: 'summary' } });
    // "Rated: Fiction T - English - … - Status: Complete - id: …": read for the work's status.
    const facts = findFirst(findFirst(root, '#profile_top')?.children ?? [], '.xgray');
    if (facts) push(collector, 'paragraph', visibleText(facts.children), undefined, { stated: { part: 'metadata' } });
  }
  // FanFiction.Net's own page is read above; another site's "storytext" (FicWad's) has its title and byline around it.
  const around = container && !ffnTitle ? aroundStory(root, container) : undefined;
  for (const node of around?.preface ?? []) readPreface(collector, node);
  for (const note of around?.notesBefore ?? []) walkBlocks(collector, [note], { part: 'notes' });
  collector.writer = threadStarter(container ? [container] : root);
  const before = collector.blocks.length;
  if (literature) {
    push(collector, 'paragraph', visibleText([literature.label]), undefined, { chrome: true });
    walkBlocks(
      collector,
      literature.box.children.filter((n) => n !== literature.label),
    );
  } else walkBlocks(collector, container ? [container] : root);
  if (collector.writer !== undefined) {
    siteAboveThePosts(collector.blocks.slice(before, collector.firstPost));
    // XenForo's threadmarked threads are read to their end as they were (their closing rule and note).
    if (collector.marked === undefined) siteBelowThePosts(collector.blocks.slice(collector.afterPosts));
  }
  collector.writer = undefined;
  for (const note of around?.notesAfter ?? [])
    walkBlocks(
      collector,
      note.children.filter((n) => !noteLabel(n)),
      { part: 'end-notes' },
    );
  const read = [
    ...(literature ? [literature.box, literature.label] : container ? [container] : []),
    ...(ffnTitle ? [findFirst(root, '#profile_top')!] : []),
    ...(around ? [...around.preface, ...around.notesBefore, ...around.notesAfter] : []),
  ];
  const saved = container !== undefined || findFirst(root, 'nav') !== null || findFirst(root, 'header') !== null;
  const page = finishPage(collector, root, saved);
  if (read.length === 0) return page;
  const outside = outsideTheStory(root, read, collector.blocks, file);
  return outside ? { ...page, outside } : { ...page, outsideUnread: true };
}

/** The page's own lines over what was read: a chapter's place on it, its poster, its head's title and creator. */
function finishPage(collector: Collector, root: AnyNode[], saved: boolean): HtmlSource {
  collector.blocks = setBoardPostsApart(markChapterOnPage(collector.blocks));
  statePosterNickname(root, collector.blocks);
  stateInfoboxAuthor(root, collector.blocks);
  stateHcardAuthor(root, collector.blocks);
  statePostedByAuthor(root, collector.blocks);
  const head = pageHead(root);
  if (head) collector.blocks = markTitleOwner(markPageHead(collector.blocks, head), head);
  collector.blocks = markLinkedCreator(collector.blocks, root);
  stateCreatorBox(root, collector.blocks);
  return { blocks: collector.blocks, tags: emptyTags(), language: null, layout: saved ? 'saved web page' : 'HTML' };
}

/**
 * What a saved page shows outside the box read as the story and the lines read round it: readers'
 * comments (a kink meme's fills among them), an "About" box, a second post. Not the story as the page
 * marks it, but part of what the writer uploaded, so it is kept to be shown apart, never dropped. The
 * site's own regions (menus, header, footer, sidebar, share buttons, lists of links) are left out, as
 * inside the story's box; so is any line the story's reading already holds (the title over the box).
 */
function outsideTheStory(
  root: AnyNode[],
  read: Element[],
  kept: SourceBlock[],
  file: number,
): SourceBlock[] | undefined {
  const collector: Collector = { blocks: [], file };
  try {
    readOutside(collector, root, new Set(read));
  } catch (error) {
    // Elements nested thousands deep beside the story's box: the story is read, and the writer told the rest is not.
    if (error instanceof RangeError) return undefined;
    throw error;
  }
  // Only a line that is no sentence (the title, the byline over the box): a second post may say "“No.”" again.
  const shown = new Set(kept.map((block) => lineKey(block.text)));
  const again = (block: SourceBlock) => shown.has(lineKey(block.text)) && !endsSentence(block.text.trim());
  return collector.blocks.filter(
    (block) => block.kind !== 'break' && block.text.trim() !== '' && !again(block) && !siteButton(block),
  );
}

/**
 * A line of three words or fewer that ends no sentence, all of it links or buttons: "Link", "Reply / Thread",
 * "RSS Atom". Not a reader's "love this ♥", nor a line of the writer's: those are kept.
 */
function siteButton(block: SourceBlock): boolean {
  if (block.kind !== 'paragraph' || block.html === undefined) return false;
  if (block.text.split(/\s+/).filter(Boolean).length > 3 || endsSentence(block.text.trim())) return false;
  let linked = false;
  let unlinked = false;
  const walk = (node: AnyNode, inLink: boolean) => {
    if (DomUtils.isText(node) && /\p{L}|\p{N}/u.test(node.data)) {
      if (inLink) linked = true;
      else unlinked = true;
    } else if (isElement(node)) {
      const link = inLink || node.name === 'a' || node.name === 'button';
      for (const child of node.children) walk(child, link);
    }
  };
  for (const node of parseDocument(block.html).children) walk(node, false);
  return linked && !unlinked;
}

/**
 * Words in a box's class or id that say it holds readers' answers or the site's links to other posts;
 * not a layout's "responsive" (Bootstrap's "img-responsive", a theme's wrapper round the whole page).
 */
const ANSWERS = /comment|respons(?!iv)|repl(?:y|ies)|review|feedback|related/i;

function holdsAnswers(node: Element): boolean {
  return ANSWERS.test(`${node.attribs.class ?? ''} ${node.attribs.id ?? ''}`);
}

/**
 * Reads the page but the elements `read` and the site's own regions (at any depth outside the story's
 * box); boxes named for readers' answers (comments, responses, related posts) are read as the page's, set apart.
 */
function readOutside(collector: Collector, root: AnyNode[], read: Set<Element>): void {
  const answers = outermost(DomUtils.findAll(holdsAnswers, root));
  const holding = withAncestors([...read, ...answers]);
  const isAnswers = new Set(answers);
  const visit = (nodes: AnyNode[], inBody: boolean) => {
    // The body's one element, a box round the whole page, is the page's top level too.
    const wrapper = inBody && nodes.filter(isElement).length === 1;
    let run: AnyNode[] = [];
    const flush = () => {
      if (run.length > 0) walkBlocks(collector, run);
      run = [];
    };
    for (const node of nodes) {
      if (!isElement(node)) run.push(node);
      else if (read.has(node)) flush();
      else if (holding.has(node) || node.name === 'html' || node.name === 'body' || wrapper) {
        flush();
        visit(node.children, node.name === 'body');
      } else if (dropped(node) || pageFurniture(node, true)) continue;
      else if (isAnswers.has(node)) {
        flush();
        readApart(collector, node, { chrome: true, aside: 'comments' });
      } else run.push(node);
    }
    flush();
  };
  visit(root, false);
}

/** The elements that hold any of `nodes`, each walked up to once: linear however deep and many they are. */
function withAncestors(nodes: Element[]): Set<Element> {
  const found = new Set<Element>();
  for (const node of nodes)
    for (let up = node.parent; up && isElement(up) && !found.has(up); up = up.parent) found.add(up);
  return found;
}

function lineKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * A wiki's message box over an article ("This fanfiction belongs to …. Please do not edit it without
 * their permission.", MediaWiki's "ambox"): the wiki's template, not the story.
 */
function wikiNotice(node: Element): boolean {
  return node.name === 'table' && classes(node).some((c) => c === 'notice' || c === 'ambox' || c === 'mbox');
}

/**
 * A wiki article's infobox (Fandom's "portable-infobox", an <aside> left out with the page's others)
 * names the story's writer in its "Author" field: the work's creator, under its title.
 */
function stateInfoboxAuthor(root: AnyNode[], blocks: SourceBlock[]): void {
  if (blocks.some((b) => b.stated?.part === 'author')) return;
  const infobox = DomUtils.findOne((n) => classes(n).includes('portable-infobox'), root, true);
  const field = infobox
    ? DomUtils.findAll((n) => classes(n).includes('pi-data'), infobox.children).find((n) => {
        const label = DomUtils.findOne((l) => classes(l).includes('pi-data-label'), n.children, true);
        return label !== null && labelledField(`${visibleText([label])}:`)?.field === 'author';
      })
    : undefined;
  const value = field && DomUtils.findOne((n) => classes(n).includes('pi-data-value'), field.children, true);
  const name = value ? visibleText([value]) : '';
  if (name === '' || name.length > 60) return;
  stateAuthorUnderTitle(blocks, name, 'the Author field of the article’s infobox');
}

/**
 * A blog post's author as its theme marks it for feed readers (hAtom's hCard): "Posted by <span class="fn">…"
 * in Blogger's post footer, "by <span class="author vcard"><a class="url fn">…" in WordPress's entry meta,
 * Hatena's entry footer. Only when the page names one such author outside its comments: a forum page names
 * each poster so, and its topic is read otherwise.
 */
function stateHcardAuthor(root: AnyNode[], blocks: SourceBlock[]): void {
  if (namesItsWriter(blocks)) return;
  const cards = DomUtils.findAll(
    (n) =>
      classes(n).includes('vcard') &&
      (classes(n).includes('author') || classes(n).includes('post-author')) &&
      !ancestors(n).some((up) => namesComments(nameWords(up))),
    root,
  );
  const names = new Set(
    cards.map((card) => {
      const fn = DomUtils.findOne((n) => classes(n).includes('fn'), card.children, true);
      return bylineName(visibleText([fn ?? card])).name;
    }),
  );
  const [name] = names;
  if (names.size !== 1 || name === '' || name.length > 60 || name.split(/\s+/).length > 5) return;
  stateAuthorUnderTitle(blocks, name, 'the post’s author as the blog’s theme marks it (“author vcard”)');
}

/**
 * The post names its writer itself: a stated author, an "Author:" line or a byline ("A MacGyver fan fiction by
 * Swiss Army Sue"), which says it better than the blog's account under the post ("Posted by Sue").
 */
function namesItsWriter(blocks: SourceBlock[]): boolean {
  if (blocks.some((b) => b.stated?.part === 'author')) return true;
  // Over the story: a line under it ("Posted by lamp_oil at 23:41") is the blog's own, this very rule's.
  const story = blocks.findIndex((b) => b.kind === 'paragraph' && b.text.split(/\s+/).length >= 15);
  return blocks
    .slice(0, story === -1 ? blocks.length : story)
    .some(
      (b) =>
        b.kind !== 'break' &&
        !b.chrome &&
        b.text.split('\n').some((line) => isByline(line) || labelledField(line)?.field === 'author'),
    );
}

/**
 * "Posted by NAME at 09:14 PM", "posted by NAME on June 1, 2008", "Publié par NAME à 20:15", "Geschreven door NAME om
 * 20:41" (Bloggen.be): a blog engine's line under its post.
 */
const POSTED_BY =
  '(?:posted by|publié par|publicado por|postado por|pubblicato da|eingestellt von|gepostet von|geplaatst door|geschreven door)';
const POSTED_BY_AT = new RegExp(
  String.raw`^${POSTED_BY}\s+(?![:])(\S[^|·•\n]{0,60}?)\s+(?:at|on|à|le|a las|el|às|em|alle|il|um|am|om|op)\s+(?=[^|·•\n]{0,24}\d)`,
  'iu',
);
/** "Posted at 04:12 pm by NAME", "posted on 3/4/05 by NAME" (Blogdrive's, Xanga's): the time first, then who. */
const POSTED_AT_BY =
  /^posted\s+(?:at|on)\s+[^|·•\n]{0,30}?\d[^|·•\n]{0,20}?\s+by\s+(\S[^|·•\n]{0,60}?)\s*(?:$|[|·•])/iu;
const POSTED_BY_START = new RegExp(String.raw`^\s*(?:${POSTED_BY}|posted\s+(?:at|on)|by)\s`, 'iu');
/** A byline and the site's facts after it, "by DavidAddisonFan · 5 stars · Report Abuse": a lens's or an article's footer. */
const BYLINE_THEN_FACTS = /^by\s+\S[^|·•\n]{0,60}?\s+[|·•]\s+\S/iu;

/**
 * The line a blog engine writes under its post (Typepad's and Movable Type's "Posted by NAME at 09:14 PM in …",
 * MySpace's "posted by NAME at 8:42 PM | 5 Kudos"), or a page's byline with its facts in the footer (a Squidoo
 * lens's "by NAME · 5 stars · Report Abuse"), kept in the post's footer the page read leaves out: the name is
 * the creator when the page has one such line outside its comments. "Posted by: NAME |" is a comment's.
 */
function statePostedByAuthor(root: AnyNode[], blocks: SourceBlock[]): void {
  if (namesItsWriter(blocks)) return;
  // Only an element whose own text starts so, and only its first line's worth of text: reading each such
  // element's whole text, nested thousands deep, would take the square of the page.
  const lines: { text: string; name: string }[] = [];
  for (const n of DomUtils.findAll((e) => {
    const first = e.children[0];
    return first !== undefined && DomUtils.isText(first) && POSTED_BY_START.test(first.data);
  }, root)) {
    const text = leadingText(n, 160);
    const name =
      POSTED_BY_AT.exec(text)?.[1].trim() ??
      POSTED_AT_BY.exec(text)?.[1].trim() ??
      (BYLINE_THEN_FACTS.test(text) && isPenNameByline(text) ? bylineName(text).name : undefined);
    if (name && !ancestors(n).some((up) => namesComments(nameWords(up)))) lines.push({ text, name });
  }
  const names = new Set(lines.map((line) => line.name));
  const [name] = names;
  if (names.size !== 1 || name.split(/\s+/).length > 5) return;
  stateAuthorUnderTitle(blocks, name, `the line the blog writes under its post (“${lines[0].text}”)`);
}

/** The first `max` characters of an element's text, whitespace collapsed, read no further than that. */
function leadingText(node: AnyNode, max: number): string {
  let out = '';
  const walk = (n: AnyNode): boolean => {
    if (DomUtils.isText(n)) out += n.data.replace(/\s+/g, ' ');
    else if (isElement(n)) {
      if (n.name === 'br' || BLOCKS.has(n.name)) return false;
      for (const child of n.children) if (!walk(child) || out.length >= max) return false;
    }
    return out.length < max;
  };
  if (isElement(node)) for (const child of node.children) if (!walk(child)) break;
  return out.trim().slice(0, max);
}

/**
 * A Korean board's article (Naver Cafe, Daum Cafe) names its poster in a "nickname" box beside their
 * member level ("달의객잔 객실 손님"), or in bold in a "writer" box before the level, the date and the views: the
 * poster is the work's creator, the rest the site's.
 */
function statePosterNickname(root: AnyNode[], blocks: SourceBlock[]): void {
  if (blocks.some((b) => b.stated?.part === 'author')) return;
  const above = aboveTheStory(root);
  const box = DomUtils.findOne((n) => classes(n).includes('nickname') && above(n), root, true);
  // Or a "writer" box with the name in bold or linked, then the level, the date and the counts (Daum Cafe's).
  const writer = box ? null : DomUtils.findOne((n) => classes(n).includes('writer') && above(n), root, true);
  const bold = writer && posterInCard(writer);
  const name = box ? visibleText(box.children) : bold ? visibleText(bold.children).trim() : '';
  if (name === '' || name.length > 40) return;
  const at = lineShowingName(blocks, name, box ? 6 : 12);
  if (at === -1) return;
  blocks.splice(
    at,
    1,
    ...statedWithin(blocks[at], name, { part: 'author', why: 'the poster’s nickname the page shows' }),
  );
}

/** Whether an element stands above the story's first paragraph of prose, outside readers' comments. */
function aboveTheStory(root: AnyNode[]): (node: Element) => boolean {
  // Only a box above the story's text: a reader's nickname on a comment under it names no creator.
  const prose = DomUtils.findOne(
    (n) => n.name === 'p' && visibleText(n.children).split(/\s+/).length >= 15,
    root,
    true,
  );
  return (n: Element) =>
    !ancestors(n).some((up) => namesComments(nameWords(up))) &&
    // domutils' PRECEDING: the box comes first.
    (prose === null || (DomUtils.compareDocumentPosition(n, prose) & 2) !== 0);
}

/** The line above the story that opens with `name`, of at most `most` words: -1 if none. */
function lineShowingName(blocks: SourceBlock[], name: string, most: number): number {
  // The name whole: "Li" does not begin "Lian's Return".
  const at = blocks.findIndex(
    (b) =>
      b.kind === 'paragraph' &&
      !b.stated &&
      !b.chrome &&
      b.text.startsWith(name) &&
      !/^[\p{L}\p{N}'’_-]/u.test(b.text.slice(name.length)) &&
      b.text.split(/\s+/).length <= most,
  );
  return at === -1 || blocks.slice(0, at).some((b) => b.text.split(/\s+/).length >= 15) ? -1 : at;
}

/** Words of a box's class that name it for the work's writer: Tapas's "creator", an "author" link, HubPages's "author-box". */
const CREATOR_BOX_WORDS = new Set(['author', 'creator']);
/** The other words of such a box's class ("author-box", "creator-info"): not "author-note" nor "author-epigraph". */
const CREATOR_BOX_CLASS_WORDS = new Set([
  ...CREATOR_BOX_WORDS,
  'box',
  'name',
  'info',
  'card',
  'link',
  'byline',
  'meta',
  'details',
  'profile',
  'wrap',
  'wrapper',
  'block',
  'area',
  'container',
  'row',
  'by',
  'bio',
]);

/**
 * A box above the story that the site names for the work's writer (Tapas's "creator" under the series' name,
 * a Google+ post's "author" link, HubPages's "author-box" with the writer's bio): its name alone, or the first
 * link or bold in it, is the creator; the rest of its line (a bio, "Shared publicly") is the site's. Not the
 * writer's note box ("author-note"), and only when nothing else on the page names the writer.
 */
function stateCreatorBox(root: AnyNode[], blocks: SourceBlock[]): void {
  if (namesItsWriter(blocks)) return;
  const above = aboveTheStory(root);
  const box = DomUtils.findOne(
    (n) => {
      const words = classWords(n);
      return (
        words.some((w) => CREATOR_BOX_WORDS.has(w)) && words.every((w) => CREATOR_BOX_CLASS_WORDS.has(w)) && above(n)
      );
    },
    root,
    true,
  );
  if (!box) return;
  const own = visibleText([box]);
  const card = own.includes('\n') || own.split(/\s+/).length > 4 ? posterInCard(box) : box;
  const name = card ? bylineName(visibleText([card])).name.trim() : '';
  if (name === '' || name.length > 40 || name.split(/\s+/).length > 5 || endsSentence(name) || name.includes(','))
    return;
  const why = 'the writer’s name in the box the site marks for them';
  const at = lineShowingName(blocks, name, 40);
  if (at === -1) stateAuthorUnderTitle(blocks, name, why);
  else blocks.splice(at, 1, ...statedWithin(blocks[at], name, { part: 'author', why }));
}

/** An old.reddit.com post page: the post is a "thing link" box with its poster in "data-author" and its text in a "usertext-body". */
function oldRedditPost(root: AnyNode[]): Element | undefined {
  return (
    DomUtils.findOne(
      (n) =>
        classes(n).includes('thing') &&
        classes(n).includes('link') &&
        n.attribs['data-author'] !== undefined &&
        findFirst(n.children, '.usertext-body') !== null,
      root,
      true,
    ) ?? undefined
  );
}

/**
 * A post saved from old.reddit.com: the post's title ("[Fanfic] The Stoat Would Like to Be Asked",
 * a tag in brackets before it as the subreddits ask) and its poster are the work's; its flair,
 * score, "submitted … by" line and buttons are the site's, and so is the comment area under it
 * (readers' comments, the poster's replies among them). The subreddit's bar, sidebar and footer are
 * left out, as the site's menus are on any saved page.
 */
function oldRedditPage(root: AnyNode[], post: Element, file: number): HtmlSource {
  const collector: Collector = { blocks: [], file };
  const link = DomUtils.findOne((n) => n.name === 'a' && classes(n).includes('title'), post.children, true);
  if (link) {
    const posted = visibleText(link.children);
    const title = posted.replace(/^(?:\[[^\]]{1,40}\]\s*)+/u, '').trim() || posted;
    collector.blocks.push(...statedWithin({ kind: 'paragraph', text: posted, file, gap: 1 }, title, { part: 'title' }));
  }
  push(collector, 'paragraph', post.attribs['data-author'], undefined, {
    stated: { part: 'author', why: 'who posted it, as the Reddit page says' },
  });
  const tagline = findFirst(post.children, '.tagline');
  if (tagline) push(collector, 'paragraph', visibleText([tagline]), undefined, { chrome: true });
  const body = findFirst(post.children, '.usertext-body')!;
  walkBlocks(collector, body.children);
  const comments = findFirst(root, '.commentarea');
  if (comments) {
    const from = collector.blocks.length;
    walkBlocks(collector, comments.children);
    for (const block of collector.blocks.slice(from)) Object.assign(block, { chrome: true, aside: 'comments' });
  }
  return { blocks: collector.blocks, tags: emptyTags(), language: null, layout: 'saved Reddit page' };
}

/** A thread unrolled by Thread Reader App: each tweet a "content-tweet" box, its "#" permalink the site's. */
function unrolledTweets(root: AnyNode[]): Element[] {
  return outermost(DomUtils.findAll((n) => classes(n).includes('content-tweet'), root));
}

/** The thread's opening tweet marks the thread with 🧵 after its title: "every second counts — a the bear fic 🧵 carmy & richie, …". */
const THREAD_MARK = /\s*🧵\s*/u;

/**
 * A Twitter thread saved from Thread Reader App: the writer's name over it is the work's creator,
 * the tweets (without their permalinks) are the text, a tweet to a line; an opening tweet that marks
 * the thread (🧵) holds the title before the mark, and what the writer says about it after. The app's
 * bar, counts, buttons and its boxes under the thread are left out.
 */
function unrolledThread(root: AnyNode[], tweets: Element[], file: number): HtmlSource {
  const collector: Collector = { blocks: [], file };
  const name = DomUtils.findOne((n) => classWords(n).includes('author') && classWords(n).includes('name'), root, true);
  const writer = name ? visibleText(name.children) : (tweets[0].attribs['data-screenname'] ?? '');
  if (writer !== '')
    push(collector, 'paragraph', writer, undefined, {
      stated: { part: 'author', why: 'the writer of the thread, as the page names them' },
    });
  tweets.forEach((tweet, i) => {
    const own = tweet.children.filter((n) => !(isElement(n) && classes(n).includes('tw-permalink')));
    const text = visibleText(own);
    const mark = THREAD_MARK.exec(text);
    if (i > 0 || !mark) return walkBlocks(collector, own);
    const named = text.slice(0, mark.index).trim();
    const title = titleOf(named) || named;
    const line: SourceBlock = { kind: 'paragraph', text: named, file, gap: 1 };
    collector.blocks.push(...statedWithin(line, title, { part: 'title' }));
    const about = text.slice(mark.index + mark[0].length).trim();
    if (about !== '') push(collector, 'paragraph', about, undefined, { stated: { part: 'notes' } });
  });
  return { blocks: collector.blocks, tags: emptyTags(), language: null, layout: 'unrolled thread' };
}

/**
 * A page whose story is a fill posted in its comments (see comment-fill.ts): the fill's parts are read
 * as the story, each later one under its subject as a chapter's heading; the rest of the page (the post
 * the prompts were left under, the prompt, readers' replies) is read where it stands and set apart.
 */
function commentFillPage(root: AnyNode[], fill: CommentFill, file: number): HtmlSource {
  const collector: Collector = { blocks: [], file };
  const holding = new Set<AnyNode>();
  for (const part of fill.parts) for (let n = part.comment.parent; n; n = n.parent) holding.add(n);
  const parts = new Map(fill.parts.map((part, k) => [part.comment as AnyNode, k]));
  const walk = (nodes: AnyNode[], inComments: boolean) => {
    for (const node of nodes) {
      const k = parts.get(node);
      const comments = inComments || (isElement(node) && namesComments(nameWords(node)));
      if (k !== undefined) readFillPart(collector, fill, k);
      else if (holding.has(node) && isElement(node)) walk(node.children, comments);
      else {
        const at = collector.blocks.length;
        walkBlocks(collector, [node]);
        for (const block of collector.blocks.slice(at))
          Object.assign(block, { stated: undefined, chrome: true, ...(comments ? { aside: 'comments' } : {}) });
      }
    }
  };
  walk(root, false);
  return {
    blocks: collector.blocks,
    tags: emptyTags(),
    language: null,
    layout: 'saved page with a fill in its comments',
  };
}

/**
 * One part of a fill: its header (the poster, the first part's naming the creator; the subject, the
 * first part's giving the title and a later part's heading its chapter; the date) and its text.
 */
function readFillPart(collector: Collector, fill: CommentFill, k: number): void {
  const part = fill.parts[k];
  const line = (text: string, extra: Partial<SourceBlock>) => {
    if (text !== '') collector.blocks.push({ kind: 'paragraph', text, file: collector.file, gap: 1, ...extra });
  };
  const post = { chrome: true, aside: 'post' } as const;
  const subjectOf = (named: Element) => {
    const subject = visibleText([named]).replace(/\n+/g, ' ');
    if (k > 0) return line(subject, { stated: { part: 'chapter-heading', title: null } });
    const title = fillTitle(subject);
    if (title === '') return line(subject, post);
    const block: SourceBlock = { kind: 'paragraph', text: subject, file: collector.file, gap: 1 };
    collector.blocks.push(
      ...statedWithin(block, title, { part: 'title', why: 'the fill’s subject' }).map((b) =>
        b.stated ? b : { ...b, ...post },
      ),
    );
  };
  const read = (node: AnyNode) => {
    if (node === part.poster)
      line(visibleText([node]), k === 0 ? { stated: { part: 'author', why: 'who posted the fill' } } : post);
    else if (node === part.subject || node === part.subjectLine) subjectOf(node as Element);
    else if (node === part.body) part.body.children.forEach(read);
    else if (
      isElement(node) &&
      (node === part.head || DomUtils.findOne((n) => n === part.poster || n === part.subject, node.children, true))
    )
      node.children.forEach(read);
    else if (isElement(node) && node.parent === part.body) walkBlocks(collector, [node]);
    else {
      const at = collector.blocks.length;
      walkBlocks(collector, [node]);
      for (const block of collector.blocks.slice(at)) Object.assign(block, post);
    }
  };
  part.comment.children.forEach(read);
}

/** Telegram Desktop's "Export chat history" page (messages.html): its messages, each a "message" box in the "history" one. */
function telegramMessages(root: AnyNode[]): Element[] {
  const history = DomUtils.findOne((n) => classes(n).includes('history'), root, true);
  if (!history) return [];
  const messages = DomUtils.findAll((n) => classes(n).includes('message'), history.children);
  return messages.some((m) => findFirst(m.children, '.from_name')) ? messages : [];
}

/**
 * A Telegram chat exported as HTML: the chat's name over it and the days' lines ("3 October 2026")
 * are the app's; each message's header (the sender's name and the time, a "joined" message's time
 * alone, under the sender's before it) states who sent it, and its text is read as the message's
 * lines, so that the chat is read as a text export's is (setChatApart).
 */
function telegramExport(root: AnyNode[], messages: Element[], file: number): HtmlSource {
  const collector: Collector = { blocks: [], file };
  const header = findFirst(root, '.page_header');
  if (header) push(collector, 'paragraph', visibleText([header]), undefined, { chrome: true });
  let sender: string | undefined;
  for (const message of messages) {
    const body = message.children.filter(isElement).find((n) => classes(n).includes('body'));
    if (!body) continue;
    if (classes(message).includes('service')) {
      push(collector, 'paragraph', visibleText(body.children), undefined, { chrome: true });
      continue;
    }
    const name = findFirst(body.children, '.from_name');
    if (name) sender = visibleText(name.children);
    const time = findFirst(body.children, '.date');
    const said = [sender, time && visibleText(time.children)].filter(Boolean).join(' ');
    push(collector, 'paragraph', said, undefined, { chrome: true, aside: 'post', ...(sender ? { sender } : {}) });
    for (const part of body.children.filter(isElement))
      if (part !== name && part !== time) walkBlocks(collector, [part]);
  }
  return { blocks: collector.blocks, tags: emptyTags(), language: null, layout: 'Telegram chat export' };
}

/** FanFiction.Net's summary: the box of text under the byline, apart from its "By:" label and its line of facts. */
function ffnSummary(profile: AnyNode[]): string | null {
  const boxes = DomUtils.findAll(
    (n) =>
      n.name === 'div' && /\bxcontrast_txt\b/.test(n.attribs.class ?? '') && !/\bxgray\b/.test(n.attribs.class ?? ''),
    profile,
  );
  const text = boxes.map((box) => visibleText(box.children).trim()).find((t) => t !== '' && !/^by:?$/i.test(t));
  return text ?? null;
}

/** A class that marks the author's note on a site's chapter page (Royal Road's "author-note", "authors-note", "a-n"; Dreame's "chapter-end-note"; FanFiktion.de's "nachwort"; Tapas's "creator-note"). */
const NOTE_CLASS =
  /^(?:author-?notes?|authors?-notes?|creator-?notes?|a-n|chapter-?notes?|(?:chapter-?)?end-?notes?|afterword|nachwort)$/i;

/**
 * deviantART's deviation page: the writing under its "Literature Text" label, in the box the label
 * heads; the label is the site's.
 */
function literatureText(root: AnyNode[]): { box: Element; label: Element } | undefined {
  const label = DomUtils.findOne(
    (n) => /^h[1-4]$/.test(n.name) && /^literature text$/i.test(visibleText([n])),
    root,
    true,
  );
  const box = label?.parent;
  return label && box && isElement(box) && visibleText([box]).length > 40 + visibleText([label]).length
    ? { box, label }
    : undefined;
}

/** The heading a gallery puts over the writer's own words under a work: deviantART's "Artist's Comments". */
const NOTE_HEADING = /^(?:artist['’]?s (?:comments?|description)|author['’]?s comments?)$/i;

function noteLabel(node: AnyNode): boolean {
  return isElement(node) && /^h[1-6]$/.test(node.name) && NOTE_HEADING.test(visibleText([node]));
}

/**
 * What a saved chapter page keeps outside its story container: the author's notes above and
 * below it (read as the notes they are), and the headings above it (the work's title, the
 * chapter's heading, "by …"), which are read as a text file's header is.
 */
function aroundStory(root: AnyNode[], container: Element) {
  const outside = (n: Element) => n !== container && !ancestors(n).includes(container);
  const labelled = DomUtils.findAll((n) => n.children.filter(isElement).some(noteLabel), root);
  const notes = outermost([...withClass(root, NOTE_CLASS), ...labelled]).filter(outside);
  // domutils answers where `n` stands relative to the container: 2, preceding it.
  const before = (n: AnyNode) => (DomUtils.compareDocumentPosition(n, container) & 2) !== 0;
  const holdsNote = (n: Element) => notes.some((note) => note === n || ancestors(note).includes(n));
  // What the story's own box holds above it (Inkitt's "By …" and blurb, a blog post's byline): the
  // elements before the container inside the ones that hold it, short of the page's body.
  const boxed = new Set<Element>();
  for (const up of [container, ...ancestors(container)]) {
    if (!up.parent || !isElement(up.parent) || up.parent.name === 'html') break;
    // At the page's top level, only what is not the site's own bar, banner or menu (Dreame's book box, not its top bar);
    // a box round the whole page, the body's one element, is the top level too (cohost's read-only banner).
    const top = up.parent.name === 'body' || pageWrapper(up.parent);
    for (const sibling of up.parent.children)
      if (
        isElement(sibling) &&
        sibling !== up &&
        before(sibling) &&
        !holdsNote(sibling) &&
        !pageFurniture(sibling, top)
      )
        boxed.add(sibling);
    if (up.parent.name === 'body') break;
  }
  const read = (n: Element) => ancestors(n).some((a) => boxed.has(a)) && !ancestors(n).some((a) => DROPPED.has(a.name));
  const headings = DomUtils.findAll((n) => /^h[1-4]$/.test(n.name), root)
    .filter((n) => outside(n) && before(n) && !boxed.has(n) && !read(n))
    .filter(
      (n) =>
        !ancestors(n).some(
          (p) => ['nav', 'footer', 'aside'].includes(p.name) || SITE_REGION.test(p.attribs.id ?? ''),
        ) || pageTitleHeading(n),
    )
    .slice(0, 4);
  const preface = [...headings, ...boxed].sort((a, b) => (DomUtils.compareDocumentPosition(a, b) & 2 ? -1 : 1));
  return { preface, notesBefore: notes.filter(before), notesAfter: notes.filter((n) => !before(n)) };
}

/**
 * A heading the page classes as the title of what it shows ("nodetitle" over an Everything2 writeup, a theme's
 * "page-title"): the work's, even in the page's header box ("#pageheader").
 */
function pageTitleHeading(node: Element): boolean {
  return (
    !ancestors(node).some((p) => ['nav', 'footer', 'aside'].includes(p.name)) &&
    classes(node).some((name) => /^(?:node|page|entry|post|story|work)[-_]?title$/i.test(name))
  );
}

/** The body's one element, a box round the whole page. */
function pageWrapper(node: Element): boolean {
  const up = node.parent;
  return up !== null && isElement(up) && up.name === 'body' && up.children.filter(isElement).length === 1;
}

/** A blog entry's own heading: "entry-title", "post-title" (not a "chapter-title"). */
function entryTitle(node: Element): boolean {
  const words = classWords(node);
  return words.includes('title') && (words.includes('entry') || words.includes('post'));
}

/**
 * Above a blog entry's own title, the blog's name and its owner's profile line ("~*~ Rừng Tràm Của Mây ~*~",
 * "may_rung_tram · Nữ · TP. Hồ Chí Minh"): short lines, not yet read as anything.
 */
function shortLine(block: SourceBlock): boolean {
  return !block.stated && !block.chrome && block.text.split(/\s+/).length <= 12;
}

/** What a page shows above the story: its headings as lines, a box it marks as the summary as the summary. */
function readPreface(collector: Collector, node: Element): void {
  if (/^h[1-4]$/.test(node.name)) {
    if (!entryTitle(node)) return push(collector, 'paragraph', visibleText([node]), undefined);
    // A blog entry's own heading ("entry-title", "post-title"): the post's heading, the lines above it the blog's.
    for (const block of collector.blocks) if (shortLine(block)) block.chrome = true;
    return push(collector, 'heading', visibleText([node]), undefined, { level: Number(node.name[1]) });
  }
  const from = collector.blocks.length;
  readPrefaceBox(collector, node);
  // Where the gallery files the work ("Fan Art / Fan Fiction / Cartoons & Comics"): its links' path, the site's.
  const paths = new Set(DomUtils.findAll(linkPath, [node]).map((n) => visibleText([n])));
  for (const block of collector.blocks.slice(from)) if (paths.has(block.text) && !block.stated) block.chrome = true;
}

/** Links and the marks between them only, two or more: a path through the site's sections. */
function linkPath(node: Element): boolean {
  const links = node.children.filter((n) => isElement(n) && n.name === 'a');
  const between = node.children.filter((n) => !links.includes(n));
  return (
    links.length >= 2 && /^[\s/»>›|·,]*$/u.test(visibleText(between)) && !/^[\s/»>›|·,]*$/u.test(visibleText([node]))
  );
}

function readPrefaceBox(collector: Collector, node: Element): void {
  if (summaryBox(node)) return walkBlocks(collector, [node], { part: 'summary' });
  if (!DomUtils.findOne(summaryBox, node.children, true)) return walkBlocks(collector, [node]);
  // Dreame's book box: its title, byline and the summary box inside it.
  let inline: AnyNode[] = [];
  for (const child of [...node.children, null]) {
    if (child && !(isElement(child) && BLOCKS.has(child.name))) {
      inline.push(child);
      continue;
    }
    if (inline.length > 0) walkBlocks(collector, inline);
    inline = [];
    if (child) readPreface(collector, child);
  }
}

/** A box the site marks as the story's summary (FicWad's "summary", Dreame's "intro", Quotev's "quizDescription"), with no heading of its own in it. */
function summaryBox(node: Element): boolean {
  return (
    classes(node).some(
      (c) =>
        /^(?:summary|blurb|synopsis|description|intro|story-summary|book-intro)$/i.test(c) ||
        // Named in camel case after the work: Quotev's "quizDescription", AsianFanfics' "storyDescription".
        /^(?:story|quiz|book|work|fic|fiction|novel|series)(?:Summary|Blurb|Synopsis|Description)$/.test(c),
    ) && !DomUtils.findOne((n) => /^h[1-6]$/.test(n.name), node.children, true)
  );
}

/**
 * What a page puts above a story that is not the writer's: a picture and its caption, a table of
 * contents, share buttons, a cookie notice, a list of links; at the page's top level also the
 * site's header, banner, menu or sidebar ("top-bar", "blogheader", "menu").
 */
function pageFurniture(node: Element, top: boolean): boolean {
  if (DROPPED.has(node.name) || node.name === 'figure' || node.name === 'img' || waybackToolbar(node)) return true;
  // Whole words of its class or id: "share-row", "toc", "cookie-notice"; not "autocomplete" or "author-notice".
  const names = nameWords(node);
  const named = (words: string[]) => names.some((name) => words.includes(name));
  if (named(REGION_WORDS.furniture)) return true;
  // An id names a region of the page, at any depth: a journal's "#header" holds its name, not the entry's.
  if (SITE_REGION.test(node.attribs.id ?? '')) return true;
  // A post's own header ("post-header": its title, subtitle and poster) is the post's, not the site's.
  const postsOwn = named(['post', 'entry', 'story']) && named(['header']);
  if (top && !postsOwn && named([...REGION_WORDS.site, ...REGION_WORDS.siteAtTop])) return true;
  // Not the work's own header, its title and byline linked (deviantART's title over "by ~name" and the
  // gallery's category path), though mostly links.
  if (workHeader(node)) return false;
  return mostlyLinks(node);
}

/** Mostly links: a list of posts or chapters, a row of buttons, a site's bar. */
function mostlyLinks(node: Element): boolean {
  const text = visibleText([node]).replace(/\s+/g, '');
  const links = DomUtils.findAll((n) => n.name === 'a', [node]);
  const linked = visibleText(links).replace(/\s+/g, '').length;
  return links.length >= 3 && linked >= 0.7 * text.length;
}

/** A box with a heading and the byline under it. */
function workHeader(node: Element): boolean {
  const heading = DomUtils.findOne((n) => /^h[1-3]$/.test(n.name), node.children, true);
  const byline = DomUtils.findOne((n) => classes(n).some((name) => BYLINE_CLASS.test(name)), node.children, true);
  return heading !== null && byline !== null && (DomUtils.compareDocumentPosition(heading, byline) & 2) !== 0;
}

/** The elements a node sits in, nearest first. */
function ancestors(node: AnyNode): Element[] {
  const found: Element[] = [];
  for (let up = node.parent; up && isElement(up); up = up.parent) found.push(up);
  return found;
}

const AO3_FIELDS: Record<string, keyof ImportedTags> = {
  rating: 'rating',
  ratings: 'rating',
  'archive warning': 'warnings',
  'archive warnings': 'warnings',
  category: 'categories',
  categories: 'categories',
  fandom: 'fandoms',
  fandoms: 'fandoms',
  relationship: 'relationships',
  relationships: 'relationships',
  character: 'characters',
  characters: 'characters',
  'additional tag': 'freeforms',
  'additional tags': 'freeforms',
};

function languageCode(name: string): string | null {
  const wanted = name.trim().toLowerCase();
  const found = LANGUAGES.find(([code, native]) => native.toLowerCase() === wanted || code === wanted);
  if (found) return found[0];
  const english: Record<string, string> = {
    english: 'en',
    spanish: 'es',
    french: 'fr',
    german: 'de',
    italian: 'it',
    portuguese: 'pt',
    dutch: 'nl',
    polish: 'pl',
    russian: 'ru',
    chinese: 'zh',
    japanese: 'ja',
    korean: 'ko',
  };
  return english[wanted] ?? null;
}

/** AO3's download: the preface's tag list and the marked summary, notes, chapters and end notes. */
function ao3Download(root: AnyNode[], file: number): HtmlSource {
  const tags = emptyTags();
  let language: string | null = null;
  let stats: string | undefined;
  const collector: Collector = { blocks: [], file };
  const dl = DomUtils.findOne((n) => n.name === 'dl' && classes(n).includes('tags'), root, true);
  if (dl) {
    let field = '';
    for (const node of dl.children.filter(isElement)) {
      if (node.name === 'dt') field = visibleText(node.children).replace(/:$/, '').trim().toLowerCase();
      else if (node.name === 'dd') {
        const kind = AO3_FIELDS[field];
        const links = DomUtils.findAll((n) => n.name === 'a', node.children)
          .map((a) => visibleText(a.children))
          .filter(Boolean);
        if (kind === 'rating') tags.rating = links[0] ?? visibleText(node.children);
        else if (kind) tags[kind].push(...links);
        else if (field === 'language') language = languageCode(visibleText(node.children));
        else if (field === 'stats') stats = visibleText(node.children);
      }
    }
  }
  const meta = DomUtils.findOne(
    (n) => classes(n).includes('meta') && n.parent !== null && isElement(n.parent) && n.parent.attribs.id === 'preface',
    root,
    true,
  );
  const preface = findFirst(root, '#preface');
  // Nothing comes before the preface in AO3's own file: a line there is one the writer added to their copy.
  const added = preface?.parent?.children.slice(0, preface.parent.children.indexOf(preface)) ?? [];
  walkBlocks(collector, added, { part: 'notes' });
  const title = meta && DomUtils.findOne((n) => n.name === 'h1', meta.children, true);
  if (title) push(collector, 'paragraph', visibleText(title.children), undefined, { stated: { part: 'title' } });
  const byline = meta && DomUtils.findOne((n) => classes(n).includes('byline'), meta.children, true);
  if (byline) push(collector, 'paragraph', visibleText(byline.children), undefined, { stated: { part: 'metadata' } });
  // "Published: … Chapters: 3/?": read for the work's status.
  if (stats) push(collector, 'paragraph', `Stats: ${stats}`, undefined, { stated: { part: 'metadata' } });
  if (meta) readLabelledQuotes(collector, meta.children, { Summary: { part: 'summary' }, Notes: { part: 'notes' } });

  // Chapters in document order: a heading group, the chapter text, its end notes.
  const isChapterText = (n: Element) =>
    n.name === 'div' && classes(n).includes('userstuff') && n.attribs.id !== 'chapters';
  const isChapters = (n: AnyNode | null) => n !== null && isElement(n) && n.attribs.id === 'chapters';
  const chapterNodes = DomUtils.findAll((n) => {
    if (classes(n).includes('meta') && classes(n).includes('group')) return true;
    // A heading right under the chapters, without its group (as some saved copies have it).
    if (/^h[23]$/.test(n.name) && isChapters(n.parent)) return true;
    if (isChapterText(n)) return !(n.parent && isElement(n.parent) && isChapterText(n.parent));
    return /^endnotes\d+$/.test(n.attribs.id ?? '');
  }, root);
  const chapters = findFirst(root, '#chapters');
  // A download saved again by Word keeps the chapters' div but not the divs within it.
  if (chapters && chapterNodes.every((n) => /^h[23]$/.test(n.name))) readFlatChapters(collector, chapters);
  else
    for (const node of chapterNodes) {
      if (/^endnotes\d+$/.test(node.attribs.id ?? '')) {
        readLabelledQuotes(collector, node.children, { 'Chapter End Notes': { part: 'chapter-end-notes' } });
      } else if (classes(node).includes('group') || /^h[23]$/.test(node.name)) {
        const heading = /^h[23]$/.test(node.name)
          ? node
          : DomUtils.findOne((n) => n.name === 'h2', node.children, true);
        if (heading) pushAo3Heading(collector, heading);
        // A copy that puts the chapter's end notes in a group of their own, after its text, labels them so.
        readLabelledQuotes(collector, node.children, {
          'Chapter Summary': { part: 'chapter-summary' },
          'Chapter Notes': { part: 'chapter-notes' },
          'Chapter End Notes': { part: 'chapter-end-notes' },
        });
      } else {
        walkBlocks(collector, node.children, { part: 'text' });
      }
    }
  const endnotes = findFirst(root, '#endnotes') ?? findFirst(root, '#afterword');
  if (endnotes) readLabelledQuotes(collector, endnotes.children, { 'End Notes': { part: 'end-notes' } });
  return { blocks: collector.blocks, tags, language, layout: 'AO3 download' };
}

function pushAo3Heading(collector: Collector, heading: Element): void {
  const text = visibleText(heading.children);
  const cue = chapterHeading(text);
  push(collector, 'heading', text, undefined, { stated: { part: 'chapter-heading', title: cue ? cue.title : text } });
}

const AO3_CHAPTER_LABELS: Record<string, StatedPart> = {
  'Chapter Summary': { part: 'chapter-summary' },
  'Chapter Notes': { part: 'chapter-notes' },
  'Chapter End Notes': { part: 'chapter-end-notes' },
};

/**
 * The chapters of an AO3 download that Word saved again as a web page: Word keeps the chapters' div
 * but not the divs within it, so headings, labelled note quotes and the text's paragraphs follow one
 * another as its children.
 */
function readFlatChapters(collector: Collector, chapters: Element): void {
  let label: StatedPart | undefined;
  for (const node of chapters.children.filter(isElement)) {
    const text = visibleText(node.children).trim();
    if (/^h[23]$/.test(node.name)) pushAo3Heading(collector, node);
    else if (node.name === 'p' && AO3_CHAPTER_LABELS[text]) label = AO3_CHAPTER_LABELS[text];
    else if (node.name === 'blockquote' && label) walkBlocks(collector, node.children, label);
    else walkBlocks(collector, [node], { part: 'text' });
    if (node.name !== 'p' || !AO3_CHAPTER_LABELS[text]) label = undefined;
  }
}

/** Elements under `nodes` with a class (named, or matching a pattern), not looking inside the ones found. */
function withClass(nodes: AnyNode[], name: string | RegExp): Element[] {
  const has = (n: Element) => classes(n).some((c) => (typeof name === 'string' ? c === name : name.test(c)));
  return outermost(DomUtils.findAll(has, nodes));
}

/** A notes or summary module: its heading says what it is, its blockquote holds the words. */
function readModule(collector: Collector, module: Element, stated: StatedPart): void {
  const quote = DomUtils.findOne((n) => n.name === 'blockquote', module.children, true);
  const at = collector.blocks.length;
  walkBlocks(
    collector,
    quote ? quote.children : module.children.filter((n) => !(isElement(n) && /^h\d$/.test(n.name))),
    stated,
  );
  // The work's notes over the story, a paragraph of them its disclaimer ("Criminal Minds isn't mine, sadly."): read as one.
  const read = collector.blocks.slice(at);
  if (stated.part === 'notes' && read.length > 1)
    for (const block of read) if (isDisclaimer(block.text) && block.text.length < 300) delete block.stated;
}

/** The counts above a saved AO3 work page's text, as one line: "Published: 2023-01-04 Words: 534 Chapters: 3/?". */
function ao3PageStats(root: AnyNode[]): string | undefined {
  const dl = DomUtils.findOne((n) => n.name === 'dl' && classes(n).includes('stats'), root, true);
  if (!dl) return undefined;
  const line = dl.children
    .filter(isElement)
    .filter((n) => n.name === 'dt' || n.name === 'dd')
    .map((n) => visibleText(n.children))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  return line === '' ? undefined : line;
}

/**
 * An AO3 work page saved from the browser ("#workskin"): title and byline headings, summary and
 * notes modules, each chapter's heading, notes, text (without the "Chapter Text" landmark) and end notes.
 */
function ao3WorkPage(workskin: Element, file: number, stats: string | undefined): HtmlSource {
  const collector: Collector = { blocks: [], file };
  const chaptersNode = findFirst([workskin], '#chapters')!;
  const preface = workskin.children.find((n): n is Element => isElement(n) && classes(n).includes('preface'));
  const afterword = workskin.children.filter(
    (n): n is Element => isElement(n) && classes(n).includes('preface') && n !== preface,
  );
  const modules = (node: Element, end: boolean) =>
    withClass(node.children, 'module').filter((m) => classes(m).includes('end') === end);
  const readPreface = (preface: Element) => {
    const title = DomUtils.findOne((n) => /^h\d$/.test(n.name) && classes(n).includes('title'), preface.children, true);
    if (title) push(collector, 'paragraph', visibleText(title.children), undefined, { stated: { part: 'title' } });
    const byline = DomUtils.findOne((n) => classes(n).includes('byline'), preface.children, true);
    if (byline) pushByline(collector, byline);
    if (stats) push(collector, 'paragraph', stats, undefined, { stated: { part: 'metadata' } });
    for (const module of modules(preface, false))
      readModule(collector, module, { part: classes(module).includes('summary') ? 'summary' : 'notes' });
    for (const module of modules(preface, true)) readModule(collector, module, { part: 'end-notes' });
  };
  const readChapters = () => {
    const chapters = chaptersNode.children.filter(
      (n): n is Element => isElement(n) && classes(n).includes('chapter') && /^chapter-\d+$/.test(n.attribs.id ?? ''),
    );
    const text = (node: Element) =>
      walkBlocks(
        collector,
        node.children.filter((n) => !(isElement(n) && classes(n).includes('landmark'))),
        { part: 'text' },
      );
    const bodies = (node: Element) =>
      node.children.filter((n): n is Element => isElement(n) && classes(n).includes('userstuff'));
    if (chapters.length === 0) for (const body of bodies(chaptersNode)) text(body);
    for (const chapter of chapters) {
      // The chapter's heading, and its notes in a preface of their own under it (SquidgeWorld's otwarchive).
      const prefaces = chapter.children.filter((n): n is Element => isElement(n) && classes(n).includes('preface'));
      const head = prefaces[0];
      const heading =
        head && DomUtils.findOne((n) => /^h\d$/.test(n.name) && classes(n).includes('title'), head.children, true);
      if (heading) {
        const words = visibleText(heading.children).replace(/\n+/g, ' ');
        const cue = chapterHeading(words);
        push(collector, 'heading', words, undefined, {
          stated: { part: 'chapter-heading', title: cue ? cue.title : words },
        });
      }
      for (const preface of prefaces)
        for (const module of modules(preface, false))
          readModule(collector, module, {
            part: classes(module).includes('summary') ? 'chapter-summary' : 'chapter-notes',
          });
      for (const body of bodies(chapter)) text(body);
      for (const module of modules(chapter, true)) readModule(collector, module, { part: 'chapter-end-notes' });
    }
  };
  // Read in the page's order; anything else the work's box holds (a writer's own box, a site's
  // addition) is walked as any page's text, so that no words of it are lost.
  const holdsChapters = workskin.children.find(
    (n) =>
      n === chaptersNode || (isElement(n) && DomUtils.findOne((c) => c === chaptersNode, n.children, true) !== null),
  );
  let chaptersRead = false;
  for (const child of workskin.children) {
    if (child === holdsChapters && child !== preface) {
      readChapters();
      chaptersRead = true;
    } else if (child === preface) readPreface(preface);
    else if (isElement(child) && afterword.includes(child))
      for (const module of withClass(child.children, 'notes')) readModule(collector, module, { part: 'end-notes' });
    else walkBlocks(collector, [child]);
  }
  if (!chaptersRead) readChapters();
  return { blocks: collector.blocks, tags: emptyTags(), language: null, layout: 'saved AO3 page' };
}

/**
 * AO3's byline: its creators, each linked as the author, and after them, for a gift, "for Marigold_Wren":
 * whom the work was written for, no creator of it.
 */
function pushByline(collector: Collector, byline: Element): void {
  const text = visibleText(byline.children);
  const creators = DomUtils.findAll((n) => n.name === 'a' && n.attribs.rel === 'author', byline.children)
    .map((a) => visibleText(a.children))
    .join(', ');
  const gift = text.slice(creators.length).trim();
  if (creators === '' || !text.startsWith(creators) || !/^for\s+\S/u.test(gift)) {
    push(collector, 'paragraph', text, undefined, { stated: { part: 'metadata' } });
    return;
  }
  push(collector, 'paragraph', creators, undefined, {
    stated: { part: 'author', why: 'the creators AO3’s byline links to' },
  });
  push(collector, 'paragraph', gift, undefined, { stated: { part: 'metadata' } });
}

/** AO3 writes "<p>Summary</p><blockquote class="userstuff">…</blockquote>": the label says what the quote is. */
function readLabelledQuotes(collector: Collector, nodes: AnyNode[], labels: Record<string, StatedPart>): void {
  let current: StatedPart | undefined;
  for (const node of nodes.filter(isElement)) {
    if (node.name === 'p') current = labels[visibleText(node.children).trim()];
    else if (node.name === 'blockquote' && current) {
      walkBlocks(collector, node.children, current);
      current = undefined;
    }
  }
}
