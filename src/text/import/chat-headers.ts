/**
 * What heads a message in a chat or messenger log saved as text, in every shape Quire reads: WhatsApp's and
 * DiscordChatExporter's exports, IRC clients' logs, instant messengers' archives and copies (Yahoo!, MSN, ICQ,
 * BBM, LINE, Slack, Teams, Signal, Discord). The paragraph reader keeps each such line apart, and the chat
 * reader (forum.ts) reads the file's messages by them.
 */
const CHAT_DATE = String.raw`\d{1,2}[./-]\d{1,2}[./-]\d{2,4}`;
export const CHAT_TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\s?[aApP]\.?\s?[mM]\.?)?`;
/** A messenger's date: ISO's, or a day, a month and a year in either order. */
const IM_DATE = `(?:\\d{4}-\\d{2}-\\d{2}|${CHAT_DATE})`;
const IM_SENDER = String.raw`[^\s():][^():\n]{0,49}?`;

/**
 * An instant messenger's archive header on a line of its own, the message on the lines under it:
 * Gadu-Gadu's "ferdkowa_fanka (2012-03-18 22:05:12):", ICQ's message history "kate_b (12/19/2003 8:41:02 PM)".
 */
const MESSENGER_HEADER = new RegExp(`^()(${IM_SENDER})\\s+\\(${IM_DATE}\\s+${CHAT_TIME}\\):?()$`, 'iu');

/** Yahoo! Messenger's archive viewer copied: "webby_q (7:02:11 PM): …" (a day's date before the time or not), before every message. */
const MESSENGER_LINE = new RegExp(`^()(${IM_SENDER})\\s+\\((?:${IM_DATE}\\s+)?${CHAT_TIME}\\):\\s(.*)$`, 'iu');

/** BlackBerry Messenger's saved history: "Atun: … (10:14)", the sender before the message, the time after it. */
// The message ends in a letter or mark, not a space, so that no run of spaces is read twice.
const TIME_AFTER_LINE = new RegExp(`^()([^\\s:(][^:()\\n]{0,39}?):\\s(.*\\S)(\\s+\\(${CHAT_TIME}\\))$`, 'iu');

/**
 * MSN / Windows Live Messenger's conversation copied: "~*Lucy*~ says:" (dice, diz, dit, sagt, zegt),
 * or "Lucy says (10:15 PM):", over the message.
 */
const SAYS_HEADER = new RegExp(
  `^()(\\S.{0,79}?)\\s+(?:says|dice|diz|dit|sagt|zegt)(?:\\s\\(${CHAT_TIME}\\))?\\s?:()$`,
  'u',
);

/** LINE's "Save chat history" text: "21:10<TAB>umi no ko<TAB>…", the time, the sender and the message between tabs, a line each. */
const TAB_CHAT_LINE = /^(\d{1,2}:\d{2}\t)([^\t\n]{1,50})\t(.*)$/u;

/**
 * The lines a messenger's saved or copied conversation heads each message with, each a line of its
 * own: (1) what comes before the sender, (2) the sender, (3) the message on the same line, and
 * (4) what the line ends with after it (BBM's time).
 */
const MESSENGER_LINES = [MESSENGER_HEADER, MESSENGER_LINE, TIME_AFTER_LINE, SAYS_HEADER, TAB_CHAT_LINE];

/**
 * The headers a story's characters texting each other are written with too ("Mum says:", "Tom (10:14): …"):
 * a messenger's only in a file that is its log, most of its words in headers and the messages under them.
 */
const STORY_TEXTS_TOO = new Set([MESSENGER_LINE, TIME_AFTER_LINE, SAYS_HEADER]);
const LOG_SHARE = 0.6;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** A file's paragraph: its lines, and how many blank lines come before it. */
export interface LogParagraph {
  lines: string[];
  gap: number;
}

/**
 * Whether a file's paragraphs read as a messenger's log: the words of its header lines and of each header's
 * message are most of its words. A message runs from its header to the next one, and on past no blank line
 * but the one under a header with no message on its line: a story's narration between the texts is a
 * paragraph of its own, set apart by a blank line, no message's.
 */
export function readsAsLog(
  paragraphs: LogParagraph[],
  header: (line: string) => 'alone' | 'with message' | undefined,
): boolean {
  let logged = 0;
  let total = 0;
  let under = false;
  let headerAlone = false;
  for (const { lines, gap } of paragraphs) {
    if (gap > 0 && !headerAlone) under = false;
    headerAlone = false;
    for (const line of lines) {
      const words = wordCount(line);
      total += words;
      const said = header(line.trim());
      if (said || under) logged += words;
      under ||= said !== undefined;
      headerAlone = said === 'alone';
    }
  }
  return total > 0 && logged >= LOG_SHARE * total;
}

/** The headers to read a file's lines with: those a story's texts are written with too only when the file is a log. */
export function messengerHeaders(paragraphs: LogParagraph[], headers: RegExp[]): RegExp[] {
  if (!headers.some((pattern) => STORY_TEXTS_TOO.has(pattern))) return headers;
  const header = (line: string) => {
    const match = headers.map((pattern) => pattern.exec(line)).find(Boolean);
    return match ? (match[3] ? 'with message' : 'alone') : undefined;
  };
  return readsAsLog(paragraphs, header) ? headers : headers.filter((pattern) => !STORY_TEXTS_TOO.has(pattern));
}

/** When a Discord message was sent, as a copy of it shows: "— Today at 21:02", "— 03/14/2023 9:15 PM". */
const DISCORD_WHEN = `[—–]\\s+(?:today|yesterday|${CHAT_DATE})(?:\\s+at)?\\s+${CHAT_TIME}`;
/** The same on a line of its own, under the sender's name alone, as the desktop client copies it. */
export const DISCORD_WHEN_LINE = new RegExp(`^${DISCORD_WHEN}$`, 'iu');

/**
 * When an IRC client logged a line: "20:06", "[20:06:11]", XChat's and HexChat's "Jan 21 20:06:11" (the month and
 * day before the time), Konversation's "[2011-11-19] [21:00:14]", Quassel's and irssi's with the date before the time ("[2011-06-18 20:58:03]").
 */
const IRC_STAMP = String.raw`(?:[A-Z][a-z]{2} {1,2}\d{1,2} |\[\d{4}-\d{2}-\d{2}\] )?\[?(?:\d{4}-\d{2}-\d{2} )?\d{1,2}:\d{2}(?::\d{2})?\]?`;

/** An IRC client's line: the time, the nick in angle brackets, the message. */
const IRC_LINE = new RegExp(`^(${IRC_STAMP}\\s+)<[ @+%~&]?([^\\s<>]{1,32})>\\s(.*)$`, 'u');
/**
 * WeeChat's log: "2011-03-04 21:00:07<TAB>nick<TAB>message", its own lines with an arrow or dashes where the nick
 * goes ("-->" joined, "<--" left, "--" a mode or topic, " *" an action).
 */
const WEECHAT_STAMP = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\t`;
const WEECHAT_NOTICE = new RegExp(`^(${WEECHAT_STAMP}(?:-->|<--|--|=!=|-!-|\\s?\\*)\t)()(.*)$`, 'u');
const WEECHAT_LINE = new RegExp(`^(${WEECHAT_STAMP})[@+%~&]?([^\\s<>]{1,32})\t(.*)$`, 'u');
/**
 * Discord's messages selected and copied: "lotusfield — Today at 11:42 PM" over the message, the pronouns a
 * member shows beside their name or not ("wren (she/her) — Today at 9:41 PM").
 */
const DISCORD_COPY_HEADER = new RegExp(
  `^()([\\p{L}\\p{N}_.-]{2,40})(?:\\s+\\((?:she|he|they|it|xe|ze|fae|any)(?:\\s*/\\s*\\p{L}{2,8}){0,3}\\))?\\s+${DISCORD_WHEN}()$`,
  'iu',
);
/**
 * Headers only a chat app writes, never a story's dated entries: a log of the writer's own messages alone (a
 * Discord paste of their three messages) is a chat's too.
 */
export const APP_ONLY_HEADERS = new Set([IRC_LINE, WEECHAT_LINE, DISCORD_COPY_HEADER]);

/**
 * A chat's message header, as the export tools write it: WhatsApp's "29/11/2026, 21:10 - Niamh: …"
 * (Android) and "[29/11/2026, 21:10:33] Niamh: …" (iPhone), the message on the same line (the
 * sender left out of a group's notices); DiscordChatExporter's "[11/02/2026 21:49] cardiffbaylight",
 * the message on the lines under it.
 */
export const CHAT_HEADERS = [
  new RegExp(`^(${CHAT_DATE},?\\s+${CHAT_TIME}\\s+[-–]\\s+)(?:([^:]{1,50}?):\\s)?(.*)$`, 'iu'),
  new RegExp(`^(\\[${CHAT_DATE},?\\s+${CHAT_TIME}\\]\\s+)([^:]{1,50}?):\\s(.*)$`, 'iu'),
  // A Discord user name ("cardiffbaylight", "kit.writes"), or a name with its old four-digit tag ("Kit Marlowe#0421").
  new RegExp(`^(\\[${CHAT_DATE},?\\s+${CHAT_TIME}\\]\\s+)([\\p{L}\\p{N}_.]{2,32}|[^#\\n]{2,32}#\\d{4})()$`, 'iu'),
  // An IRC client's log (irssi, mIRC, XChat): "20:06 < phantomphan> …", "[20:06] <@op> …", XChat's "Jan 21 20:33:02 <nick>\t…";
  // its notices ("20:02 -!- … has joined", "Jan 21 20:31:44 *\tNow talking on #fic") have no sender.
  IRC_LINE,
  WEECHAT_NOTICE,
  WEECHAT_LINE,
  // Konversation's "[Notice] -ChanServ- …", a service's notice.
  new RegExp(`^(${IRC_STAMP}\\s+(?:-!-|\\*{1,3}|\\[notice\\]\\s+-[^\\s-]+-)\\s)()(.*)$`, 'iu'),
  // Slack's web app copied: "marisol.r  9:02 PM" (the name, two spaces, the time) over the message.
  new RegExp(`^()([^\\s:#][^:\\n]{0,40}?)(?:\\s{2,}|\\t)(?:(?:today|yesterday) at\\s+)?${CHAT_TIME}()$`, 'iu'),
  // Discord's messages selected and copied: "lotusfield — Today at 11:42 PM", "kit_k — 03/14/2023 9:15 PM" over the message.
  DISCORD_COPY_HEADER,
  // Microsoft Teams' chat copied: "[12:47 PM] Tom Whelan", the time (no date) and the display name over the message.
  new RegExp(`^(\\[${CHAT_TIME}\\]\\s+)(\\p{L}[\\p{L}\\p{N}_.'’-]*(?:\\s[\\p{L}\\p{N}_.'’-]+){0,3})()$`, 'iu'),
  ...MESSENGER_LINES,
  // Signal Desktop's messages copied: "Lucía P., 22:14" (the name, a comma, the time) over each message.
  new RegExp(
    `^()([^\\s,:#][^,:\\n]{0,39}),\\s+(?:(?:today|yesterday|hoy|ayer|heute|gestern|aujourd'hui|hier|oggi|ieri)\\s+)?${CHAT_TIME}()$`,
    'iu',
  ),
];
/**
 * An instant messenger's log (Trillian's, Pidgin's text logs, Kopete's chat copied): "[22:41] screenname: …" or
 * "(22:41:09) screenname: …" on every line, read only under the log's own line opening the conversation
 * ("Session Start (AIM - a:b): …", "Conversation with b at … (aim)", "Conversation with b (b@jabber.org) on Wed 17
 * Oct 2007"), as a story may quote a chat so.
 */
export const IM_LOG_LINE =
  /^([[(]\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AP]M)?[\])]\s+)([^\s:<>[\]()][^:<>\n]{0,31}?):\s(.*)$/u;
export const IM_LOG_OPENING = /^(?:session start \(.*\):|conversation with .+ (?:at|on) .+)/imu;

/**
 * Whether a line heads a chat message (with the message on it or under it), in any of the shapes above; an
 * instant messenger log's "(22:41:09) name: …" only in a file its log's opening line says is one (`imLog`).
 */
export function headsChatMessage(line: string, imLog: boolean): boolean {
  return CHAT_HEADERS.some((pattern) => pattern.test(line)) || (imLog && IM_LOG_LINE.test(line));
}
