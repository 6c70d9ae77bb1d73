/**
 * A mailbox file (mbox: a mail program's saved folder, a mailing list's archive) holds messages one
 * after another, each opening with a "From " line: a story posted to a list in parts, with readers'
 * replies between them (and sometimes before the first). The writer's messages are its parts, in order;
 * others' replies are set apart as readers' replies, and the footer the list puts under every message
 * is not the story's.
 */
import type { SourceBlock } from './blocks.ts';

interface MboxMessage {
  /** The header lines, folded ones unfolded, without the "From " line. */
  headers: string[];
  body: string[];
}

/** "From sharpe_fan99@aol.com Tue Mar 16 22:41:07 1999", as mail programs and list archives write it. */
const FROM_LINE = /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) /;
const HEADER = /^([\w-]+):[ \t]*(.*)$/;

function message(lines: string[]): MboxMessage | null {
  const end = lines.indexOf('');
  const head = lines.slice(1, end === -1 ? lines.length : end);
  const headers: string[] = [];
  for (const line of head) {
    if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1] += ` ${line.trim()}`;
    else if (HEADER.test(line)) headers.push(line);
    else return null;
  }
  // A body line that began "From " was written ">From " so as not to start a message; ">>From " for ">From ".
  const body = end === -1 ? [] : lines.slice(end + 1).map((line) => line.replace(/^>(>*From )/, '$1'));
  return { headers, body };
}

/** The messages of an mbox, or null when the text is not one. */
function mboxMessages(text: string): MboxMessage[] | null {
  const lines = text.split('\n');
  if (!FROM_LINE.test(lines[0] ?? '')) return null;
  const starts = lines.flatMap((line, i) => (FROM_LINE.test(line) && (i === 0 || lines[i - 1] === '') ? [i] : []));
  const messages = starts.map((start, k) => message(lines.slice(start, starts[k + 1] ?? lines.length)));
  return messages.every((m): m is MboxMessage => m !== null && m.headers.some((h) => /^from:/i.test(h)))
    ? messages
    : null;
}

const header = (m: MboxMessage, name: string) =>
  m.headers.find((h) => h.toLowerCase().startsWith(`${name}:`))?.replace(HEADER, '$2') ?? '';
const address = (from: string) => (/<([^>]+)>/.exec(from)?.[1] ?? from).trim().toLowerCase();
function trimEnd(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1].trim() === '') end--;
  return lines.slice(0, end);
}

/** The lines every message ends with (the list's footer), when there are two messages or more. */
function sharedFooter(messages: MboxMessage[]): number {
  if (messages.length < 2) return 0;
  const bodies = messages.map((m) => trimEnd(m.body));
  let n = 0;
  while (
    bodies.every((b) => b.length > n) &&
    bodies.every((b) => b[b.length - 1 - n] === bodies[0][bodies[0].length - 1 - n])
  )
    n++;
  return n;
}

/** "Re: …", "RE: …", "Aw: …": a reply's subject, not a posted part's. */
const REPLY_SUBJECT = /^\s*(?:re|aw|sv|antw)\s*(?:\[\d+\])?\s*:/i;
/** "(1/2)", "[2/5]", "3/3": the subject of one part of a story posted in parts. */
const PART_SUBJECT = /[([]?\b\d+\s*\/\s*\d+\b[)\]]?/;

/**
 * Whose messages are the story's: the sender of the first message that posts a part ("(1/2)") and is
 * not a reply, else of the first that is not a reply, else whoever wrote the most words.
 */
function storyWriter(messages: MboxMessage[]): string {
  const posts = messages.filter((m) => !REPLY_SUBJECT.test(header(m, 'subject')));
  const post = posts.find((m) => PART_SUBJECT.test(header(m, 'subject'))) ?? posts[0];
  if (post) return address(header(post, 'from'));
  const words = new Map<string, number>();
  for (const m of messages) {
    const sender = address(header(m, 'from'));
    words.set(sender, (words.get(sender) ?? 0) + m.body.join(' ').split(/\s+/).filter(Boolean).length);
  }
  return [...words].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/**
 * An mbox's writer's messages as text files would be read (`read` turns a message's text into
 * blocks): the first with its headers, for its subject and sender; each later one under a heading,
 * its subject, that starts a chapter. Others' messages stay where they were, set apart as readers'
 * replies. Null when the text is not an mbox.
 */
export function mboxBlocks(text: string, file: number, read: (text: string) => SourceBlock[]): SourceBlock[] | null {
  const messages = mboxMessages(text);
  if (!messages) return null;
  const writer = storyWriter(messages);
  const footer = sharedFooter(messages);
  let k = 0;
  return messages.flatMap((m) => {
    const body = trimEnd(m.body);
    const own = body.slice(0, body.length - footer);
    if (address(header(m, 'from')) !== writer) {
      const reply = [...read(m.headers.join('\n')), ...read(own.join('\n'))];
      return reply.map((block): SourceBlock => ({ ...block, stated: undefined, chrome: true, aside: 'reply' }));
    }
    if (k++ === 0) return [...read(m.headers.join('\n')), ...read(own.join('\n'))];
    const heading: SourceBlock = {
      kind: 'paragraph',
      text: header(m, 'subject') || `${k}`,
      file,
      gap: 2,
      stated: { part: 'chapter-heading', title: null },
    };
    const mail: SourceBlock = {
      kind: 'paragraph',
      text: m.headers.join('\n'),
      file,
      gap: 2,
      chrome: true,
      aside: 'mail',
    };
    return [mail, heading, ...read(own.join('\n'))];
  });
}
