/**
 * A forum thread copied from the browser, as stories are posted on SpaceBattles, Sufficient Velocity
 * and Questionable Questing: the writer posts each chapter and marks it ("Threadmarks: Snip 2:
 * Drift"); every post has a header (the poster's name and title, the date, "#14") and buttons and
 * reactions under it; readers reply between the chapters. The chapter marks stand alone so that
 * they head their chapters; the headers and buttons are the site's, and the replies are readers'.
 */
import { blocksByFile, statedWithin, type SourceBlock, type StatedPart } from './blocks.ts';
import { chromeStrength, DATE } from './chrome.ts';
import { senderName } from './mail-headers.ts';
import {
  chapterHeading,
  isPenNameByline,
  isTitleLike,
  labelledField,
  THREADMARK,
  threadmarkTitle,
  titleWithByline,
} from './cues.ts';
import {
  APP_ONLY_HEADERS,
  CHAT_HEADERS,
  CHAT_TIME,
  DISCORD_WHEN_LINE,
  IM_LOG_LINE,
  IM_LOG_OPENING,
  messengerHeaders,
} from './chat-headers.ts';
import {
  endRunIn,
  liveNote,
  partHeading,
  readLivePost,
  titleSaid,
  type LivePart,
  type TitleSaid,
} from './live-chat.ts';

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

/** 'writer': the thread writer's name over their first post, which names the work's creator. */
type LineKind = 'story' | 'mark' | 'site' | 'post' | 'reply' | 'writer';

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
  const first = posts.find((post) => post.poster === writer);
  const named = first && lines.slice(first.start, first.body).find((line) => line.text === writer);
  if (named) named.kind = 'writer';
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
  if (kind === 'writer')
    return {
      ...block,
      text,
      gap: first ? block.gap : 0,
      stated: { part: 'author', why: 'who posts the thread’s chapters' },
    };
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

/**
 * A messenger's line about a buddy, not from them: Gaim's and Pidgin's "(09:20:00 PM) gull has signed off.", Kopete's
 * "gull is now Away (Auto-away)", "gull is now known as gull_afk".
 */
const IM_STATUS = String.raw`(?:[[(]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]m)?[\])]\s+)?[^\s:]{1,40}\s(?:has\s(?:signed|logged)\s(?:on|off|in|out)|has\sgone\saway|has\sbecome\sidle|is\sno\slonger\s(?:away|idle)|is\snow\s(?:known\sas\s\S+|away|online|offline|busy|idle|invisible)(?:\s\(auto-away\))?)\.?`;

/**
 * What the chat shows in place of a message or under it: DiscordChatExporter's "{Reactions}" and
 * "{Attachments}" (with the lines under them), WhatsApp's "<Media omitted>", its notice of a
 * deleted message, and the exporter's own lines over and under the channel.
 */
const CHAT_SITE_LINE = new RegExp(
  String.raw`^(?:\{(?:reactions|attachments|embed|stickers)\}|<media omitted>|<attached:[^>]*>|(?:image|video|audio|sticker|gif|document) omitted|this message was deleted|you deleted this message|messages (?:and calls are|to this (?:group|chat) are now secured with) end-to-end encrypt.*|(?:guild|channel|topic|after|before):\s.*|exported \d+ message\(s\)|your use of yahoo! groups is subject to .*|-{3}\s(?:log|day)\s(?:opened|closed|changed)\b.*|\*{4}\s(?:begin|ending)\slogging\sat\b.*|session (?:start|close) \(.*|session (?:start|ident|close):\s.*|conversation with .+ (?:at|on) .+|(?::[\w+-]+:\s*\d+\s*)+|\d+ repl(?:y|ies)(?:\s+last reply\b.*)?|channel details\b.*|active (?:now|\d+\s?[mhd] ago)|aa|${IM_STATUS})$`,
  'iu',
);
/** A mailing list's digest (Yahoo! Groups, Topica): each mail in it under "Message: 2" and its headers. */
const DIGEST_MESSAGE = /^message:\s*\d{1,5}$/iu;
const MAIL_HEADER = /^(date|from|subject|to|reply-to|cc)\s*:\s*(.*)$/iu;
/** A message long enough to be a story's: a chat splits a chapter over a few of them at most. */
const STORY_MESSAGE_LINES = 3;
const STORY_MESSAGE_WORDS = 80;

interface ChatLine {
  text: string;
  block: number;
  kind: LineKind | 'part';
  /** A header's sender, when the line is a header; `names` on the writer's first, which names the creator. */
  sender?: string;
  names?: boolean;
  /** A scene break's or rule's block. */
  rule?: true;
  /** A digest's "Message: 2", its mail's headers under it. */
  digest?: true;
  /** What the chat's shape says the writer's line is: a note round the story, or (`title`) the line naming it. */
  stated?: StatedPart;
  title?: string;
  /** A formatted paragraph all in bold. */
  bold?: true;
  /** A header only a chat app writes (APP_ONLY_HEADERS). */
  app?: true;
  /** The line cut in pieces, each stated or (none stated) the story's: a title said among notes, an end marker run into a note. */
  said?: { text: string; stated?: StatedPart }[];
}

interface Message {
  /** The header's line; its sender, undefined for the chat's own notices. */
  header: number;
  sender: string | undefined;
  lines: number[];
}

/** A formatted paragraph all in bold: a title over a chat's story, as Telegram's export keeps it. */
const BOLD_BLOCK = /^<p><(strong|b)>[^<]*<\/\1><\/p>$/u;

/** The day and time a chat app shows under a message, a line alone: "Thu 3:02 PM", "Yesterday 21:10", "3:02 PM". */
const TIME_UNDER_MESSAGE = new RegExp(
  `^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\\.?,?\\s+|(?:today|yesterday),?\\s+)?${CHAT_TIME}$`,
  'iu',
);

/** How Messenger's web app (and Instagram's) shows the reader's own messages, under their name's place. */
const YOU = 'You';
/** A name over messages is said three times at least: once over the story, once round it, once to answer. */
const NAME_OVER_MESSAGES = 3;

/**
 * A conversation copied from Messenger's web app: the sender's display name alone over each of their
 * messages and "You" over the reader's, no time. The names are lines said alone three times or more
 * in a file where "You" is said alone twice or more.
 */
function namesOverMessages(blocks: SourceBlock[], indexes: number[]): Set<string> {
  const said = new Map<string, number>();
  for (const index of indexes)
    if (blocks[index].kind === 'paragraph' && !blocks[index].stated && blocks[index].html === undefined)
      for (const line of blocks[index].text.split('\n')) said.set(line.trim(), (said.get(line.trim()) ?? 0) + 1);
  // Google Hangouts' conversation copied: the sender's name over each message, "Thu 3:02 PM" under it.
  const timed = [...said].reduce((n, [line, k]) => n + (TIME_UNDER_MESSAGE.test(line) ? k : 0), 0);
  if ((said.get(YOU) ?? 0) < 2 && timed < 2) return new Set();
  const names = [...said].filter(
    ([line, n]) => n >= NAME_OVER_MESSAGES && line !== YOU && POSTER.test(line) && !chapterHeading(line),
  );
  if ((said.get(YOU) ?? 0) < 2 && names.length < 2) return new Set();
  return names.length === 0 ? new Set() : new Set([YOU, ...names.map(([line]) => line)]);
}

/**
 * A file's lines, a header with its message on the same line cut in two: the header, and the
 * message. A formatted paragraph (a chat exported as HTML) is one line, and stays whole.
 */
function chatLines(blocks: SourceBlock[], indexes: number[]): ChatLine[] {
  const named = namesOverMessages(blocks, indexes);
  const imLog = indexes.some((i) => blocks[i].kind === 'paragraph' && IM_LOG_OPENING.test(blocks[i].text.trim()));
  const paragraphs = indexes.flatMap((i) =>
    blocks[i].kind === 'paragraph' && !blocks[i].stated && blocks[i].html === undefined
      ? [{ lines: blocks[i].text.split('\n').filter((line) => line.trim() !== ''), gap: blocks[i].gap }]
      : [],
  );
  const headers = messengerHeaders(paragraphs, imLog ? [...CHAT_HEADERS, IM_LOG_LINE] : CHAT_HEADERS);
  const lines: ChatLine[] = indexes.flatMap((index): ChatLine[] =>
    blocks[index].kind === 'break'
      ? [{ text: blocks[index].text, block: index, kind: 'story' as const, rule: true }]
      : blocks[index].sender !== undefined
        ? [{ text: blocks[index].text, block: index, kind: 'post', sender: blocks[index].sender }]
        : blocks[index].kind === 'paragraph' && !blocks[index].stated && blocks[index].html !== undefined
          ? [
              {
                text: blocks[index].text,
                block: index,
                kind: 'story',
                ...(BOLD_BLOCK.test(blocks[index].html) ? { bold: true } : {}),
              },
            ]
          : blocks[index].kind === 'paragraph' && !blocks[index].stated && blocks[index].html === undefined
            ? blocks[index].text.split('\n').flatMap((text): ChatLine[] => {
                const trimmed = text.trim();
                if (trimmed === '') return [];
                if (DIGEST_MESSAGE.test(trimmed)) return [{ text: trimmed, block: index, kind: 'post', digest: true }];
                if (named.has(trimmed)) return [{ text: trimmed, block: index, kind: 'post', sender: trimmed }];
                for (const pattern of headers) {
                  const match = pattern.exec(trimmed);
                  if (!match) continue;
                  const sender = match[2]?.trim() || undefined;
                  // The time a line ends with (BBM's "… (10:14)"): the chat's, after the message.
                  const stamp = match[4] ?? '';
                  const line = trimmed.slice(0, trimmed.length - stamp.length);
                  const header = sender ? line.slice(0, line.length - match[3].length).trim() : match[1].trim();
                  const rest = sender ? match[3].trim() : line.slice(match[1].length).trim();
                  return [
                    {
                      text: header,
                      block: index,
                      kind: 'post',
                      ...(sender ? { sender } : {}),
                      ...(APP_ONLY_HEADERS.has(pattern) ? { app: true } : {}),
                    },
                    ...(rest ? [{ text: rest, block: index, kind: 'story' as const }] : []),
                    ...(stamp ? [{ text: stamp.trim(), block: index, kind: 'site' as const }] : []),
                  ];
                }
                return [{ text: trimmed, block: index, kind: 'story' }];
              })
            : [],
  );
  // Discord's copy with the sender's name on a line of its own and "— Today at 21:02" under it: the two lines are the header.
  for (const [i, line] of lines.entries())
    if (i > 0 && line.kind === 'story' && DISCORD_WHEN_LINE.test(line.text) && lines[i - 1].kind === 'story') {
      const name = lines[i - 1].text;
      if (!POSTER.test(name)) continue;
      lines[i - 1] = { ...lines[i - 1], kind: 'post', sender: name };
      line.kind = 'site';
    }
  return lines;
}

/**
 * Reads one file's lines as a chat export: each message's header, whose the messages are, and
 * where the writer's parts start. The writer is who sent the most lines; their messages are kept
 * (the story and their notes round it), everybody else's are readers' replies. When the writer's
 * messages come in two runs or more with others' messages between them, and the story heads no
 * chapter of its own, each run is a chapter, headed by its first message's header. False when the
 * file reads otherwise: a story told in short chat messages has no message long enough to be a story's.
 */
function readChat(lines: ChatLine[]): boolean {
  const messages: Message[] = [];
  const rules: [number, Message | undefined][] = [];
  let mail = false;
  for (const [i, line] of lines.entries()) {
    const field: RegExpExecArray | null = mail ? MAIL_HEADER.exec(line.text) : null;
    mail &&= field !== null;
    if (line.kind === 'post') {
      messages.push({ header: i, sender: line.sender, lines: [] });
      mail = line.digest === true;
    } else if (field) {
      // A digest's message: its mail's headers under "Message: 2", the sender in its From.
      line.kind = 'post';
      if (/^from$/i.test(field[1])) messages.at(-1)!.sender = senderName(field[2]) ?? undefined;
    } else if (line.rule) rules.push([i, messages.at(-1)]);
    else if (line.kind === 'site') continue;
    else if (CHAT_SITE_LINE.test(line.text) || TIME_UNDER_MESSAGE.test(line.text)) line.kind = 'site';
    else messages.at(-1)?.lines.push(i);
  }
  // A digest's lines over its first message: how to leave the list, and the topics in this issue.
  if (lines[messages[0]?.header]?.digest) for (const line of lines.slice(0, messages[0].header)) line.kind = 'site';
  // A chat has two people in it at least; a story's dated entries ("[03/05/2026 19:44] Kestrel") have one. The
  // writer's own messages copied alone are a chat's when their headers are ones only an app writes.
  const senders = new Set(messages.map((m) => m.sender).filter(Boolean)).size;
  if (messages.length < 3 || (senders < 2 && !(senders === 1 && messages.every((m) => lines[m.header].app))))
    return false;
  const writer = threadWriter(messages.flatMap((m) => m.lines.map(() => m.sender)));
  const words = (own: number[]) => own.reduce((n, i) => n + lines[i].text.split(/\s+/).length, 0);
  const storySized = (m: Message) =>
    m.sender === writer && (m.lines.length >= STORY_MESSAGE_LINES || words(m.lines) >= STORY_MESSAGE_WORDS);
  // The writer's parts each headed by a message of its own ("part 2", "[Part 2 of 2]"): a story posted live.
  // Or split only by readers' messages between runs of the writer's paragraphs, as many as they told the chat.
  const live =
    writer !== undefined
      ? readLivePost(messages, writer, (i) => lines[i].text, { headless: !messages.some(storySized) })
      : undefined;
  if (writer === undefined || (!messages.some(storySized) && !live)) return false;
  for (const m of messages)
    if (m.sender !== writer) for (const i of m.lines) lines[i].kind = m.sender === undefined ? 'site' : 'reply';
  // The exporter's rules over and under the channel, and any in others' messages.
  for (const [i, m] of rules) if (m?.sender !== writer) lines[i].kind = 'site';
  // A block of lines under a "{Reactions}" line is the chat's too.
  for (const [i, line] of lines.entries())
    if (line.kind !== 'site' && i > 0 && lines[i - 1].kind === 'site' && lines[i - 1].block === line.block)
      line.kind = 'site';
  if (live) {
    setLivePostApart(lines, messages, writer, live);
    return true;
  }
  const runs: Message[][] = [];
  let last: Message | undefined;
  for (const m of messages) {
    if (m.sender === writer) {
      if (last?.sender === writer) runs.at(-1)!.push(m);
      else runs.push([m]);
    }
    last = m;
  }
  const parts = runs.filter((run) => run.some(storySized));
  const why = (where: string) => `the writer’s message ${where} the story’s, in the chat`;
  // The app's lines over the conversation, copied with it: the channel's name, "Chats", whom with.
  const over = lines.slice(0, messages[0].header);
  if (over.every((line) => line.kind !== 'story' || isAppLine(line.text)))
    for (const line of over) if (line.kind === 'story') line.kind = 'site';
  const headed = messages.some((m) => m.sender === writer && m.lines.some((i) => chapterHeading(lines[i].text)));
  const chapters = !headed && parts.length >= 2;
  if (chapters)
    for (const run of parts) {
      lines[run[0].header].kind = 'part';
      // "part 2!!" over the part's story: the writer telling the chat which part this is.
      const [first] = run.find(storySized)!.lines.filter((i) => lines[i].kind === 'story');
      const said = lines[first].text.replace(/[\s!.~*]+$/u, '');
      // "1/2", "~part one~": the same, as writers number the messages a chat made them cut the story into.
      if (said.split(/\s+/).length <= 3 && (chapterHeading(said)?.title === null || partHeading(lines[first].text)))
        lines[first].stated = { part: 'chapter-notes', why: 'the writer telling the chat which part follows' };
    }
  // A part that heads itself under a line or two of the writer's to the chat ("Here's the end!" over
  // "Part Two"): those lines are the chapter's notes.
  if (headed)
    for (const run of parts.slice(1)) {
      const own = run.find(storySized)!.lines.filter((i) => lines[i].kind === 'story');
      const heading = own.findIndex((i) => chapterHeading(lines[i].text));
      const before = own.slice(0, heading);
      if (heading > 0 && before.length < STORY_MESSAGE_LINES && words(before) < STORY_MESSAGE_WORDS)
        for (const i of before) lines[i].stated = { part: 'chapter-notes', why: why('before') };
    }
  // The writer's messages outside the story's: what they say about it, before a part or after it.
  const spans = parts.map((run) => [
    messages.indexOf(run.find(storySized)!),
    messages.indexOf([...run].reverse().find(storySized)!),
  ]);
  // A rule the writer sends outside the story (a lone "👍" after it) is a message to the chat, no scene break.
  for (const [i, m] of rules) {
    const k = m === undefined ? -1 : messages.indexOf(m);
    if (m?.sender === writer && !spans.some(([from, to]) => k >= from && k <= to)) lines[i].kind = 'site';
  }
  messages.forEach((m, k) => {
    if (m.sender !== writer || spans.some(([from, to]) => k >= from && k <= to)) return;
    const next = spans.findIndex(([from]) => k < from);
    const opens = next !== -1 && parts[next].includes(m);
    // "— SEGUNDA PARTE —" sent alone over the part's story: its heading, not a note.
    if (opens && headed && m.lines.length === 1 && chapterHeading(lines[m.lines[0]].text)) return;
    const stated: StatedPart =
      next === -1
        ? { part: 'end-notes', why: why('after') }
        : opens || next === 0
          ? {
              part: parts.length >= 2 && !(next === 0 && (headed || !opens)) ? 'chapter-notes' : 'notes',
              why: why('before'),
            }
          : { part: 'chapter-end-notes', why: why('after') };
    for (const i of m.lines) if (lines[i].kind === 'story') lines[i].stated = stated;
  });
  const ending = [...parts.at(-1)!].reverse().find(storySized)!;
  cutAtEndMarker(lines[ending.lines.filter((i) => lines[i].kind === 'story').at(-1)!]);
  const opening = parts[0].slice(0, parts[0].indexOf(parts[0].find(storySized)!) + 1);
  const before: StatedPart = { part: parts.length >= 2 ? 'chapter-notes' : 'notes', why: why('before') };
  const told = messages.slice(0, messages.indexOf(opening.at(-1)!)).filter((m) => m.sender === writer);
  if (!nameTheStory(lines, opening, told, before)) lines[parts[0][0].header].names = true;
  // A header of fields in the first message ("Title: …", "Author: …") is the work's: no chapter heading over it.
  const fields = opening.flatMap((m) => m.lines.slice(0, 6)).filter((i) => labelledField(lines[i].text)?.value);
  if (chapters && fields.length >= 2) lines[parts[0][0].header].kind = 'post';
  return true;
}

/**
 * A story posted live (see live-chat.ts): each part's heading message heads a chapter, the writer's
 * other messages are notes round the parts, the title is the one they tell the chat, and the lines
 * the chat's export writes over its first message (its name, who with) are the tool's.
 */
function setLivePostApart(lines: ChatLine[], messages: Message[], writer: string, parts: LivePart[]): void {
  for (const line of lines.slice(0, messages[0].header)) line.kind = 'site';
  const first = messages.find((m) => m.sender === writer)!;
  lines[first.header].names = true;
  const story = new Set(parts.flatMap((p) => p.story));
  const ownLine = (m: Message) => m.lines.filter((i) => lines[i].kind === 'story');
  for (const part of parts) {
    if (part.heading === undefined) lines[messages[part.story[0]].header].kind = 'part';
    else
      for (const i of ownLine(messages[part.heading])) lines[i].stated = { part: 'chapter-heading', title: part.title };
  }
  // Where each part starts: its heading message, or its story's first.
  const headings = parts.map((p) => p.heading ?? p.story[0]);
  const headed = new Set(parts.map((p) => p.heading));
  const lastStory = parts.at(-1)!.story.at(-1)!;
  cutAtEndMarker(lines[ownLine(messages[lastStory]).at(-1)!]);
  let titled = false;
  messages.forEach((m, k) => {
    if (m.sender !== writer || story.has(k) || headed.has(k)) return;
    const note = liveNote(k > lastStory ? 'after' : k < headings[0] ? 'before' : 'between');
    for (const i of ownLine(m)) {
      const title = !titled && k < headings[0] ? titleSaid(lines[i].text) : undefined;
      if (!title) {
        lines[i].stated = note;
        continue;
      }
      titled = true;
      lines[i].said = titlePieces(lines[i].text, title, note);
    }
  });
  if (!titled) nameFromTopic(lines.slice(0, messages[headings[0]].header), writer);
}

/** An IRC channel's topic as a client logs it: "Topic for #fic is: …" (XChat, HexChat), "-!- Topic for #fic: …" (irssi). */
const CHANNEL_TOPIC = /^topic for \S+(?: is)?:\s(.*)$/iu;
/** In it, the writer's nick and the story they read that night in quotes: 'tonight: nine_is_fine reads "Octopus"'. */
const TOPIC_TITLE = /["“]([^"“”\n]{1,80})["”]/gu;

/** The title a fic night's channel topic gives the writer's story, when the writer tells the chat none. */
function nameFromTopic(over: ChatLine[], writer: string): void {
  for (const line of over) {
    const topic = CHANNEL_TOPIC.exec(line.text)?.[1];
    if (!topic?.includes(writer)) continue;
    const titles = [...topic.matchAll(TOPIC_TITLE)].filter((m) => isTitleLike(m[1]));
    if (titles.length !== 1) return;
    const [{ 0: quoted, 1: title, index }] = titles;
    const at = line.text.length - topic.length + index;
    const topicLine: StatedPart = { part: 'metadata', why: 'the channel’s topic' };
    line.said = [
      { text: line.text.slice(0, at).trim(), stated: topicLine },
      {
        text: title.trim(),
        stated: { part: 'title' as const, why: 'the title the channel’s topic gives the writer’s story' },
      },
      { text: line.text.slice(at + quoted.length).trim(), stated: topicLine },
    ].filter((piece) => piece.text !== '');
    return;
  }
}

/** The story's last line run on into "END" and the writer's words after it: the story, the marker, their note. */
function cutAtEndMarker(line: ChatLine | undefined): void {
  const ending = line && !line.stated && !line.said ? endRunIn(line.text) : undefined;
  if (!line || !ending) return;
  line.said = [
    { text: ending.story },
    { text: ending.marker, stated: { part: 'metadata', why: 'the end of the story' } },
    ...(ending.note ? [{ text: ending.note, stated: liveNote('after') }] : []),
  ];
}

/**
 * A writer's line to the chat that names the story, in pieces: told in their words to the chat, the title and the
 * line whole, their note; a header's line ("title: Keeper"), the title, the words naming it (the header's), the rest
 * their note.
 */
function titlePieces(line: string, title: TitleSaid, note: StatedPart): ChatLine['said'] {
  const named = { part: 'title', why: 'the title the writer tells the chat' } as const;
  if (title.chatter)
    return [
      { text: title.title, stated: named },
      { text: line, stated: note },
    ];
  const rest = title.sentence.split(title.title);
  return [
    ...(title.before ? [{ text: title.before, stated: note }] : []),
    ...(rest[0].trim() ? [{ text: rest[0].trim(), stated: { part: 'metadata' as const } }] : []),
    { text: title.title, stated: named },
    ...(rest.slice(1).join(title.title).trim()
      ? [{ text: rest.slice(1).join(title.title).trim(), stated: { part: 'metadata' as const } }]
      : []),
    ...(title.after ? [{ text: title.after, stated: note }] : []),
  ];
}

/** "**Two Cups** — Ianto, Jack, gen-ish": a chat's bold (Discord's, WhatsApp's) at the start of a line. */
const CHAT_BOLD_TITLE = /^\*{1,2}([^*\n]{1,80})\*{1,2}(?:\s+[-–—:|]\s+.*)?$/u;

/**
 * The title in the writer's first messages: a bold title at the start of a line of their notes, or
 * a short line over the story's first message ("The Staff Room", "Citrus Season by Rosa_Writes"), or
 * the title they tell the chat in their messages before the story's (`told`).
 * True when those messages name the writer themselves (a byline, an "Author:" line).
 */
function nameTheStory(lines: ChatLine[], opening: Message[], told: Message[], before: StatedPart): boolean {
  const own = (m: Message) => m.lines.filter((i) => lines[i].kind === 'story');
  const [first, next] = own(opening.at(-1)!);
  // Where a header would be: the notes over the story, and the story's first line.
  const head = [...opening.slice(0, -1).flatMap(own), first, next];
  const bylined = head.some((i) => {
    const text = lines[i]?.text ?? '';
    return isPenNameByline(text) || titleWithByline(text) || labelledField(text)?.field === 'author';
  });
  for (const m of opening) {
    // "**part 1**" in bold heads the first part: no title.
    const bold = own(m).find(
      (i) =>
        (lines[i].bold || CHAT_BOLD_TITLE.test(lines[i].text)) &&
        !chapterHeading(lines[i].bold ? lines[i].text : CHAT_BOLD_TITLE.exec(lines[i].text)![1].trim()),
    );
    if (bold !== undefined) {
      lines[bold].title = lines[bold].bold ? lines[bold].text : CHAT_BOLD_TITLE.exec(lines[bold].text)![1].trim();
      // The story's message opening with a line or two to the chat over the title: the writer's note.
      const above = own(m).slice(0, own(m).indexOf(bold));
      if (m === opening.at(-1) && above.length < STORY_MESSAGE_LINES) for (const i of above) lines[i].stated = before;
      return bylined;
    }
  }
  // "its called The Lamp", "title: Keeper": the title the writer tells the chat before the story's message.
  for (const i of told.flatMap(own)) {
    const title = titleSaid(lines[i].text);
    if (!title) continue;
    lines[i].said = titlePieces(lines[i].text, title, lines[i].stated ?? before);
    // The same title again over the story, as the writer pastes it with the story's first message.
    if (next !== undefined && lines[first].text.trim().toLowerCase() === title.title.trim().toLowerCase())
      lines[first].stated = { part: 'metadata', why: 'the title again, over the story' };
    return bylined;
  }
  const text = lines[first].text;
  if (next === undefined || chapterHeading(text) || labelledField(text)) return bylined;
  lines[first].title = titleWithByline(text)?.title ?? (isTitleLike(text) ? text : undefined);
  // "Citrus Season" over "by Rosa_Writes": the byline under the title is the header's too.
  if (lines[first].title !== undefined && isPenNameByline(lines[next].text)) lines[next].stated = { part: 'metadata' };
  return bylined;
}

/**
 * A line of an app's over a conversation: a few words, no sentence ("#fic-swap", "Chats", "Active 5m
 * ago"), or the line naming whom it is with ("ICQ 2003b - Message History with gull (123456789)",
 * "Archived Messages - lamp with gull").
 */
function isAppLine(text: string): boolean {
  return (
    (text.split(/\s+/).length <= 5 && !/[.!?…]["”’)]?$/u.test(text)) ||
    /^[^.!?]{0,40}\b(?:message history|archived messages|chat history|conversation|chat)\b[^.!?]{0,40}\bwith\b[^.!?]{0,60}$/iu.test(
      text,
    )
  );
}

/** The blocks of one block's chat lines: each header and each run of one kind of line a block of its own. */
function rebuildChat(block: SourceBlock, lines: ChatLine[], mail: boolean): SourceBlock[] {
  const [line] = lines;
  if (block.html !== undefined && line.title === undefined && !line.names)
    return [line.stated ? { ...block, stated: line.stated } : blockOf(block, block.text, line.kind as LineKind, true)];
  const out: SourceBlock[] = [];
  const add = (text: string, rest: Partial<SourceBlock>) =>
    out.push({ kind: 'paragraph', text, file: block.file, gap: out.length === 0 ? block.gap : 0, ...rest });
  let run: ChatLine[] = [];
  const flush = () => {
    // A message's lines of story, each a sentence's end, are its paragraphs, as the chat showed them
    // (lines a mail wrapped end mid-sentence, and stay one paragraph).
    if (
      !mail &&
      run.length > 1 &&
      run[0].kind === 'story' &&
      block.html === undefined &&
      run.every((l) => /[.!?…"”’»)]$/u.test(l.text))
    )
      for (const line of run)
        out.push(blockOf({ ...block, gap: out.length === 0 ? block.gap : 0 }, line.text, 'story', true));
    else if (run.length > 0)
      out.push(
        blockOf(
          { ...block, gap: out.length === 0 ? block.gap : 0 },
          run.map((l) => l.text).join('\n'),
          run[0].kind as LineKind,
          true,
        ),
      );
    run = [];
  };
  for (const line of lines) {
    if (line.said) {
      flush();
      for (const piece of line.said)
        if (piece.stated) add(piece.text, { stated: piece.stated });
        else out.push(blockOf({ ...block, gap: out.length === 0 ? block.gap : 0 }, piece.text, 'story', true));
    } else if (line.title !== undefined || line.stated) {
      flush();
      const at = out.length;
      const own: SourceBlock = { kind: 'paragraph', text: line.text, file: block.file, gap: at === 0 ? block.gap : 0 };
      out.push(
        ...(line.title !== undefined
          ? statedWithin(own, line.title, { part: 'title', why: 'the line naming the story, over its first message' })
          : [{ ...own, stated: line.stated }]),
      );
    } else if (line.kind === 'post' || line.kind === 'part') {
      flush();
      let text = line.text;
      if (line.names && line.sender) {
        add(line.sender, { stated: { part: 'author', why: 'who sent the story’s messages' } });
        // What is left of the header round the name: "[21:02]", not "[21:02] <>"; nothing of BBM's "Atun:".
        text = text
          .replace(line.sender, '')
          .replace(/<\s*>|:\s*$/gu, '')
          .trim();
      }
      if (line.kind === 'part') add(text, { stated: { part: 'chapter-heading', title: null } });
      else if (text) add(text, { chrome: true, aside: 'post' });
    } else if (run.length > 0 && run[0].kind !== line.kind) {
      flush();
      run.push(line);
    } else run.push(line);
  }
  flush();
  return out;
}

/**
 * A chat exported as text (WhatsApp, DiscordChatExporter) with a story in it: the messages'
 * headers, the chat's notices and others' messages are set apart, the writer's first header names
 * the creator, and the writer's parts are chapters (see readChat).
 */
export function setChatApart(blocks: SourceBlock[]): SourceBlock[] {
  const replaced = new Map<number, SourceBlock[]>();
  // Pidgin's HTML log: every line of a paragraph a "(09:12:40 PM) nick: …" message, read as the log's text;
  // its heading ("Conversation with … at …"), which the page marks as its title, is the log's line.
  const imLines = (b: SourceBlock) => b.text.split('\n').filter((l) => IM_LOG_LINE.test(l.trim())).length;
  if (blocks.some((b) => b.kind === 'paragraph' && IM_LOG_OPENING.test(b.text.trim())))
    blocks = blocks.map((b) =>
      b.kind !== 'paragraph'
        ? b
        : b.stated?.part === 'title' && IM_LOG_OPENING.test(b.text.trim()) && !b.text.includes('\n')
          ? { ...b, stated: { part: 'metadata', why: 'the log’s line opening the conversation' } }
          : !b.stated && b.html !== undefined && imLines(b) >= 2
            ? { ...b, html: undefined }
            : b,
    );
  for (const indexes of blocksByFile(blocks)) {
    const lines = chatLines(blocks, indexes);
    if (lines.filter((l) => l.kind === 'post').length < 3 || !readChat(lines)) continue;
    // A digest's mails keep their lines as the mail program wrapped them.
    const digest = lines.some((l) => l.digest);
    const byBlock = new Map<number, ChatLine[]>();
    for (const line of lines) byBlock.set(line.block, [...(byBlock.get(line.block) ?? []), line]);
    for (const [index, own] of byBlock)
      replaced.set(
        index,
        own[0].rule
          ? [own[0].kind === 'story' ? blocks[index] : { ...blocks[index], chrome: true }]
          : rebuildChat(blocks[index], own, digest),
      );
  }
  return replaced.size === 0 ? blocks : blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}

/**
 * A Reddit comment's header: "u/paper_lantern_42 · 4 yr. ago · 2.3k points", "Level 1 · fernsgrowslow · 6h",
 * "top comment · u/inkwell_and_orange · 3.1k points". Gives the commenter.
 */
function redditCommenter(line: string): string | undefined {
  const match = /^(top comment\s*·\s*|level\s+\d+\s*·\s*)?(u\/)?([\w-]{3,30})((?:\s*·\s*[^·]+)+)$/iu.exec(line.trim());
  if (!match || (!match[1] && !match[2])) return undefined;
  const facts = match[4]
    .split('·')
    .map((f) => f.trim())
    .filter(Boolean);
  const fact = /^(?:\d[\d.,]*k?\s+points?|\d+\s*(?:s|m|h|d|w|y|mo|min|hr|yr)s?\.?(?:\s+ago)?|\d+\s+\p{L}+\s+ago)$/iu;
  return facts.every((f) => fact.test(f)) ? match[3] : undefined;
}

/** What says a copy is a Reddit post: its poster ("Posted by u/…", "submitted … by …"), its subreddit. */
const REDDIT_POST = /^(?:posted\s+by\s+u\/|submitted\s.*\sby\s|r\/\w+$)/iu;
/** A prompt's tag: "[WP]", "[SP]" … */
const PROMPT = /^\[(?:WP|SP|EU|IP|PI|CW|TT|RF)\]\s/u;

/**
 * A story posted as a comment under a Reddit prompt (r/WritingPrompts): above the comment's header,
 * the post (its poster, its prompt, "Sort by: best") is the site's and the prompt the work's note; the
 * comment's poster is the story's writer, whoever posted the prompt. A story posted as the post itself,
 * its paragraphs above any comment, is left as it is.
 */
export function setRedditCommenterApart(blocks: SourceBlock[]): SourceBlock[] {
  const replaced = new Map<number, SourceBlock[]>();
  for (const indexes of blocksByFile(blocks)) {
    const top = indexes.slice(0, 12);
    const prompt = top.find((index) => PROMPT.test(blocks[index].text.trim()));
    if (prompt === undefined || !top.some((index) => REDDIT_POST.test(blocks[index].text.trim()))) continue;
    const at = top.findIndex((index) => !blocks[index].text.includes('\n') && redditCommenter(blocks[index].text));
    if (at === -1) continue;
    const above = top.slice(0, at);
    if (above.some((index) => index !== prompt && blocks[index].text.split(/\s+/).length > 40)) continue;
    for (const index of above) {
      const block = blocks[index];
      if (block.stated || block.kind === 'break') continue;
      replaced.set(index, [index === prompt ? { ...block, stated: { part: 'notes' } } : { ...block, chrome: true }]);
    }
    const header = blocks[top[at]];
    const name = redditCommenter(header.text)!;
    replaced.set(top[at], statedWithin(header, name, { part: 'author', why: 'who wrote the comment the story is in' }));
  }
  return replaced.size === 0 ? blocks : blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}
