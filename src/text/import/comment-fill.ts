/**
 * A story posted as a fill in a page's comments: a kink meme's or a prompt post's thread (LiveJournal,
 * Dreamwidth, an AO3 work of prompts), where a prompt is left as a comment and a writer answers it with
 * the story in one reply comment or more, each marked "FILL" or numbered "(1/2)". The fill's comments
 * are the story (one part each), their poster its creator and the fill's subject its title; the post
 * the prompts were left under, the prompt itself and readers' replies are the page's, set apart.
 */
import { DomUtils } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';

export interface FillPart {
  comment: Element;
  /** The comment's header: its poster, subject and date. */
  head: Element | undefined;
  /** The poster's name in the header. */
  poster: Element | undefined;
  /** The subject in the header ("FILL: Dorothy over Margaret (1/2)"), when the comment has one. */
  subject: Element | undefined;
  /** The comment's text. */
  body: Element;
  /** The body's first paragraph when it is the fill's subject line ("FILL: Now It's Smiling (1/2)"). */
  subjectLine: Element | undefined;
}

export interface CommentFill {
  /** Who posted the fill, as the comments name them. */
  writer: string;
  /** The fill's name, from its first part's subject without "FILL:" and its part count; '' when it names none. */
  title: string;
  parts: FillPart[];
}

/** "FILL:", "Fill -", "[fill]", "Filled!", or "FILL" in capitals before the name: how a kink meme's or a prompt post's fill is marked. */
const FILL_MARKS = [/^\s*[[(]?\s*fill(?:ed)?\s*[\])]?\s*(?:[:\-–—!.]\s*|(?=[([])|$)/iu, /^\s*\[?FILL(?:ED)?\]?\s+/u];
const fillMark = (line: string) => FILL_MARKS.some((mark) => mark.test(line));
/** "(1/2)", "[2/5]", "(3/?)": one part of a fill posted in parts. */
const PART_MARK = /[([]\s*\d{1,3}\s*\/\s*(?:\d{1,3}|\?)\s*[)\]]/u;
/** "Re: …": a reply's subject, not a posted part's. */
const REPLY_SUBJECT = /^\s*re\s*(?:\[\d+\])?\s*:/iu;
/** A fill long enough to be a story, not a line of thanks that says "filled". */
const FILL_WORDS = 100;

const text = (nodes: AnyNode[]) => DomUtils.textContent(nodes).replace(/\s+/g, ' ').trim();
const wordCount = (nodes: AnyNode[]) => text(nodes).split(' ').filter(Boolean).length;

/** The words a reader sees on the page: not those of its scripts and styles. */
function pageWords(root: AnyNode[]): number {
  let count = 0;
  const stack = [...root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (DomUtils.isText(node)) count += node.data.split(/\s+/).filter(Boolean).length;
    else if (DomUtils.isTag(node) && !UNSEEN.has(node.name)) stack.push(...node.children);
  }
  return count;
}
const UNSEEN = new Set(['script', 'style', 'noscript', 'template', 'head']);

function classWords(node: Element): string[] {
  return (node.attribs.class ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((name) => name.toLowerCase().split(/[-_]/));
}

/** A comment of a thread: an element classed "comment" that holds no comment of its own. */
function isComment(node: Element): boolean {
  return (
    (node.attribs.class ?? '').split(/\s+/).includes('comment') &&
    !DomUtils.findOne((n) => (n.attribs.class ?? '').split(/\s+/).includes('comment'), node.children, true)
  );
}

const BODY_WORDS = new Set(['body', 'content', 'userstuff', 'text']);
const POSTER_WORDS = new Set(['ljuser', 'user', 'username', 'author', 'poster', 'commenter']);
const PROFILE_HREF = /\/(?:users?|profile|members?|people)\/|profile\.bml|\.(?:livejournal|dreamwidth)\.\w+/i;

function partOf(comment: Element): FillPart | undefined {
  const body = DomUtils.findOne(
    (n) => n.name === 'blockquote' || classWords(n).some((w) => BODY_WORDS.has(w)),
    comment.children,
    true,
  );
  if (!body) return undefined;
  const head = comment.children.find(
    (n): n is Element => DomUtils.isTag(n) && n !== body && !DomUtils.findOne((m) => m === body, n.children, true),
  );
  const within = head ? [head] : [];
  const poster =
    DomUtils.findOne(
      (n) => n.name === 'a' && PROFILE_HREF.test(n.attribs.href ?? '') && text([n]) !== '',
      within,
      true,
    ) ??
    DomUtils.findOne((n) => classWords(n).some((w) => POSTER_WORDS.has(w)), within, true) ??
    undefined;
  const subject =
    DomUtils.findOne((n) => classWords(n).some((w) => w === 'subject' || w === 'title'), within, true) ?? undefined;
  const first = body.children.find((n): n is Element => DomUtils.isTag(n) && text([n]) !== '');
  const subjectLine =
    !subject && first && first.name === 'p' && fillMark(text([first])) && text([first]).length <= 120
      ? first
      : undefined;
  return { comment, head, poster, subject, body, subjectLine };
}

const posterOf = (part: FillPart) => (part.poster ? text([part.poster]) : '');
const subjectOf = (part: FillPart) => {
  const named = part.subject ?? part.subjectLine;
  return named ? text([named]) : '';
};
const firstLine = (part: FillPart) => text(part.body.children.slice(0, 3)).slice(0, 120);

/** Marked as a fill: by its subject, or by its first line when it has none. */
function markedFill(part: FillPart): boolean {
  const subject = subjectOf(part);
  if (REPLY_SUBJECT.test(subject)) return false;
  return fillMark(subject) || (subject === '' && fillMark(firstLine(part)));
}

/** A later part of the writer's fill: marked a fill or numbered as a part, not a reply's "Re:". */
function fillPart(part: FillPart, writer: string): boolean {
  const subject = subjectOf(part);
  return posterOf(part) === writer && !REPLY_SUBJECT.test(subject) && (markedFill(part) || PART_MARK.test(subject));
}

/** The fill's name: its subject without the mark "FILL:", its part count and the brackets round it. */
export function fillTitle(subject: string): string {
  return FILL_MARKS.reduce((line, mark) => line.replace(mark, ''), subject)
    .replace(new RegExp(PART_MARK.source, 'gu'), '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s:\-–—]+|[\s:\-–—]+$/gu, '')
    .trim();
}

/**
 * The fill a page's comments hold, when they hold one: the comments of the first comment marked
 * "FILL" and its poster's later parts, and only when they are most of the page's words (a prompt
 * post's rules and prompts are short; a story posted as the post itself, its parts continued in
 * comments, is read as a post is).
 */
export function commentFill(root: AnyNode[]): CommentFill | undefined {
  const comments = DomUtils.findAll(isComment, root)
    .map(partOf)
    .filter((part): part is FillPart => part !== undefined);
  const first = comments.find(markedFill);
  const writer = first ? posterOf(first) : '';
  if (!first || writer === '') return undefined;
  const parts = comments.filter((part) => part === first || fillPart(part, writer));
  const words = parts.reduce((sum, part) => sum + wordCount([part.body]), 0);
  const others = pageWords(root) - words;
  if (words < FILL_WORDS || words <= others) return undefined;
  return { writer, title: fillTitle(subjectOf(first)), parts };
}
