/**
 * A story saved from a mail program opens with the mail's headers. They are the mail's, not the
 * story's header; but "Subject: [B7] FIC: Cartography (Avon, Vila) PG" names the story when the
 * sender marks it as fiction, and "From: "Morag Finlay" <…>" names who wrote it.
 */
import { blocksByFile, statedWithin, type SourceBlock } from './blocks.ts';
import { bylineName, isPenNameByline, isShortLine, labelledField } from './cues.ts';

const FROM = 'from|från|von|de|da|od|van|от|fra|lähettäjä|feladó';
const SUBJECT = 'subject|ämne|betreff|objet|asunto|assunto|oggetto|temat|onderwerp|тема|emne|aihe|tárgy';
const OTHER =
  'to|cc|bcc|date sent|date|sent|priority|attachments?|importance|anlagen|pièces jointes|adjuntos|anexos|allegati|załączniki|bijlagen|вложения|bilagor|vedhæftede filer|vedlegg|liitteet|mellékletek|reply[- ]to|user-agent|message-id|return-path|received|mailing-list|list-[\\w-]+|precedence|in-reply-to|references|nntp-[\\w-]+|xref|newsgroups|organization|lines|path|sender|mime-version|content-type|content-transfer-encoding|status|x-[\\w-]+|till|datum|skickat|an|gesendet|à|envoyé|para|fecha|enviado|data|a|do|aan|verzonden|кому|дата|отправлено|til|sendt|vastaanottaja|päivämäärä|címzett|dátum';
const HEADER_LINE = new RegExp(`^(${FROM}|${SUBJECT}|${OTHER})\\s*:\\s*(.*)$`, 'iu');
/** The line a mail program writes over a forwarded or quoted mail's headers: Yahoo!'s, Gmail's, Outlook's, Apple Mail's. */
const FORWARD_LINE = /^(?:-{2,}\s*(?:forwarded message|original message)\s*-{2,}|begin forwarded message:)$/iu;
const IS_FROM = new RegExp(`^(?:${FROM})$`, 'iu');
const IS_SUBJECT = new RegExp(`^(?:${SUBJECT})$`, 'iu');

/** Services that send a writer's story on: their name is not the writer's. */
const SERVICE = /patreon|archive of our own|\bao3\b|fanfiction|wattpad|tumblr|substack|no-?reply|notifications?/i;

/** "Re:", "Fwd:", "AW:", "SV:", "TR:" and "[list]" tags in front of a subject. */
const SUBJECT_PREFIX = /^(?:(?:re|fwd?|aw|sv|vs|tr|rv|wg|odp|ynt)\s*:\s*|\[[^\]]{1,30}\]\s*)+/iu;
/** What a list's subject says about a story: "FIC:", "[fic]", "NEW FIC:", "Fanfic -" ("Story:" may open a character's own mail). */
const FIC_MARK = /^(?:\[?(?:fic|fanfic|fan\s*fic|new\s+fic)\]?\s*[:\-–—]?\s+)/iu;
/** "Mojave Nocturne just shared "The Courier's Postcard"": a title quoted after the news of it. */
const SHARED = /\b(?:shared|posted|published|updated)\s*:?\s*["“]([^"“”]{2,120})["”]/iu;
/** After the title: "1/2", "(1/2)", "(Avon, Vila)", "PG", "[R]", "(early access)". */
const SUBJECT_SUFFIX =
  /(?:\s*(?:\([^()]*\)|\[[^\]]*\]|\b\d{1,3}\s*(?:\/|of)\s*\d{1,3}\b|\b(?:G|PG|PG-13|R|NC-17|NC17|T|M|MA|E|K\+?|FRT|FRM|FRAO|FRC|FR\d+)\b|[,;:\-–—]))+$/u;

/**
 * A tag in front of a subject that says the mail holds a story, in the words of lists in other languages: "[kuenta]"
 * (Papiamento), "[cuento]", "[conto]", "[racconto]", "[verhaal]", "[ferhaal]" (Frisian), "[hikoya]" (Uzbek), "[priča]".
 * An English list's "[FIC]" in front of the fandom ("[FIC] Tenchi Muyo! - …") leaves the title to the body's own line.
 */
const STORY_TAG =
  /\[\s*(?:fanfik|фанфик|фанфік|kuenta|cuento|conto|racconto|histoire|verhaal|ferhaal|hikoya|priča|prica|прича)\s*\]/iu;

/**
 * Lines that are a mail's headers with its sender and subject among them ("Subject: …", "From: …",
 * "Date: …"), as a list archive's page shows them in a table above the message.
 */
export function areMailHeaders(lines: string[]): boolean {
  const keys = lines.map((l) => HEADER_LINE.exec(l)?.[1]);
  return (
    lines.length >= 3 &&
    keys.every((k) => k !== undefined) &&
    keys.some((k) => IS_FROM.test(k!)) &&
    keys.some((k) => IS_SUBJECT.test(k!))
  );
}

/** The title a subject gives: only one marked as fiction, or quoted ("… just shared "The Courier's Postcard""). */
export function subjectTitle(subject: string): string | null {
  const bare = subject.replace(SUBJECT_PREFIX, '');
  const tagged = STORY_TAG.test(subject.slice(0, subject.length - bare.length));
  const quoted = (FIC_MARK.test(bare) ? /["“]([^"“”]{2,120})["”]/u : SHARED).exec(bare)?.[1];
  const marked = quoted ?? (FIC_MARK.test(bare) ? bare.replace(FIC_MARK, '') : tagged ? bare : undefined);
  if (!marked) return null;
  const title = marked.replace(SUBJECT_SUFFIX, '').trim();
  return title === '' ? null : title;
}

/** "Morag Finlay" of "From: "Morag Finlay" <morag.f@…>", or nothing when only an address or a service is named. */
export function senderName(from: string): string | null {
  const name = from
    // Gmane's and other archives' hidden address: "forgefire <at> example.com".
    .replace(/\s*<at>\s*/giu, '@')
    .replace(/<[^>]*>/g, '')
    .replace(/\([^)]*@[^)]*\)/g, '')
    .replace(/\S+@\S+/g, '')
    .replace(/^["'\s]+|["'\s]+$/g, '')
    // "ryoko_fan@netcom.com (Dana Whitfield)": the older way of naming the sender, in brackets after the address.
    .replace(/^\(([^()]+)\)$/u, '$1')
    .trim();
  return name === '' || SERVICE.test(name) || SERVICE.test(from) ? null : name;
}

/** "(Marcus Halloway)" and "Marcus Halloway" name the same person. */
const lettersOf = (name: string) =>
  name
    .toLowerCase()
    // "by the Lasagna Captain" under a mail from "Lasagna Captain": the same name, worn with its article.
    .replace(/^\s*the\s+/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');

/** How many of a page's own lines may stand over a list message's headers. */
const SITE_LINES = 8;

/**
 * The number of the site's lines at the top of `indexes` before a line that is a mail's header: each a
 * short line (a breadcrumb, a row of links, a logo's name) that ends no sentence; 0 when there are none,
 * or when something else comes first.
 */
function siteLinesAbove(blocks: SourceBlock[], indexes: number[]): number {
  for (const [k, index] of indexes.entries()) {
    const block = blocks[index];
    if (block.kind === 'paragraph' && !block.stated && HEADER_LINE.test(block.text.trim().split('\n')[0])) return k;
    // What the page already set apart as its own, or states as the title (MHonArc's subject heading).
    if (block.kind === 'break' || block.chrome || block.stated) continue;
    const text = block.text.trim();
    if (block.stated || text.includes('\n') || text.split(/\s+/).length > 16 || /[.!?]["”’)]?$/u.test(text)) return 0;
  }
  return 0;
}

const line = (file: number, text: string, extra: Partial<SourceBlock> = {}): SourceBlock => ({
  kind: 'paragraph',
  text,
  file,
  gap: 0,
  ...extra,
});

/**
 * The headers at the top of each file (one block of lines, or a line per block; below readers' replies
 * set apart before them): set apart as the
 * mail's, with the story's title and its writer read from them.
 */
export function setMailHeadersApart(blocks: SourceBlock[]): SourceBlock[] {
  const replaced = new Map<number, SourceBlock[]>();
  for (const indexes of blocksByFile(blocks)) {
    const lines: string[] = [];
    const taken: number[] = [];
    let forward: string | undefined;
    // Readers' replies set apart above the writer's first mail (an mbox's) are not its top.
    const top = Math.max(
      0,
      indexes.findIndex((i) => blocks[i].aside !== 'reply'),
    );
    for (const index of indexes.slice(top, top + 16)) {
      const block = blocks[index];
      if (block.kind !== 'paragraph' || block.stated || block.html !== undefined) break;
      const own = block.text.split('\n').map((l) => l.trim());
      // A forward's headers under the mail program's line over them ("----- Forwarded Message -----").
      if (lines.length === 0 && own.length > 1 && FORWARD_LINE.test(own[0])) forward = own.shift();
      if (!own.every((l) => HEADER_LINE.test(l))) break;
      lines.push(...own);
      taken.push(index);
    }
    // A list archive's page shows its own lines over the message's headers (its breadcrumb, "View: Next in
    // Topic | …", "Reply | Forward"): a few short lines, each a line of the site's, no prose.
    const site = lines.length === 0 ? siteLinesAbove(blocks, indexes.slice(top, top + SITE_LINES + 1)) : 0;
    if (site > 0)
      for (const index of indexes.slice(top + site, top + site + 16)) {
        const block = blocks[index];
        // A page's list of them keeps its markup (MHonArc's <ul>): its lines are read all the same.
        if (block.kind !== 'paragraph' || block.stated) break;
        // MHonArc's list of the headers, an item to a line, read as one block with blank lines between.
        const own = block.text
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '');
        if (own.length === 0 || !own.every((l) => HEADER_LINE.test(l))) break;
        lines.push(...own);
        taken.push(index);
      }
    const keys = lines.map((l) => HEADER_LINE.exec(l)![1]);
    if (lines.length < 3 || !keys.some((k) => IS_FROM.test(k)) || !keys.some((k) => IS_SUBJECT.test(k))) continue;
    for (const index of indexes.slice(top, top + site))
      if (blocks[index].kind !== 'break' && !blocks[index].stated && !blocks[index].chrome)
        replaced.set(index, [{ ...blocks[index], chrome: true }]);
    const file = blocks[taken[0]].file;
    // "Title:" and "Author:" under the headers say it better than the subject and the sender.
    const linesBelow = indexes
      .slice(top + site + taken.length, top + site + taken.length + 12)
      .flatMap((i) => blocks[i].text.split('\n'));
    const below = linesBelow.map((l) => labelledField(l.trim())?.field);
    // The archive's page over the headers gives the subject as its heading, read as the title already.
    if (indexes.slice(top, top + site).some((i) => blocks[i].stated?.part === 'title')) below.push('title');
    // So do a title and its byline under them ("THE OWLS ARE NOT" / "by damnfinecoffee"), in a mail to
    // oneself, when the byline names someone other than the sender (their pen name).
    const from = lines.find((l) => IS_FROM.test(HEADER_LINE.exec(l)![1]));
    const sender = from ? senderName(HEADER_LINE.exec(from)![2]) : null;
    const penName = linesBelow.find(
      (l, i) =>
        i > 0 &&
        isPenNameByline(l.trim()) &&
        isShortLine(linesBelow[i - 1]) &&
        lettersOf(bylineName(l.trim()).name) !== lettersOf(sender ?? ''),
    );
    if (penName) below.push('title', 'author');
    const out: SourceBlock[] = [];
    const rest: string[] = [];
    for (const [k, text] of lines.entries()) {
      const value = HEADER_LINE.exec(text)![2];
      const title = IS_SUBJECT.test(keys[k]) && !below.includes('title') ? subjectTitle(value) : null;
      const name = IS_FROM.test(keys[k]) && !below.includes('author') ? senderName(value) : null;
      if (title) out.push(...statedWithin(line(file, text), title, { part: 'title' }));
      else if (name && text.includes(name))
        out.push(...statedWithin(line(file, text), name, { part: 'author', why: 'the mail’s sender' }));
      else rest.push(text);
    }
    if (forward !== undefined) rest.unshift(forward);
    out.unshift(line(file, rest.join('\n'), { chrome: true, aside: 'mail' }));
    replaced.set(taken[0], rest.length > 0 ? out : out.slice(1));
    for (const index of taken.slice(1)) replaced.set(index, []);
  }
  return replaced.size === 0 ? blocks : blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}
