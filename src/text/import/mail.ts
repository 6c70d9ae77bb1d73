/**
 * A story posted to a mailing list or newsgroup and saved from the mail program: under the story
 * and its end note, the sender's signature starts with a line of "--", and the list adds its own
 * footer ("To unsubscribe …") or a quoted message under it. None of that is story or note.
 */
import { blocksByFile, type SourceBlock } from './blocks.ts';
import { firstPersonRate, isMailHeaders, labelledField, SIGN_OFF } from './cues.ts';
import { isGreeting } from './header.ts';

/** "--" or "-- " alone: the line above a mail's signature (RFC 3676). */
const SIGNATURE_LINE = /^-- ?$/;
const MAIL_HEADER_LINE = /^(?:From|To|Cc|Newsgroups|Subject|Date|Message-ID|Reply-To|Sender):\s/i;
/** The signature lies in the last blocks of the file. */
const BOTTOM = 12;

/**
 * The file opens with a mail's headers, as one block or a line per block; or with a greeting to the list, the message
 * saved without its headers (Becky!'s "Hello Pimpernel League,").
 */
function isMail(blocks: SourceBlock[]): boolean {
  const top = blocks.slice(0, 4).filter((b) => b.kind === 'paragraph');
  return (
    top.some((b) => isMailHeaders(b.text)) ||
    top.filter((b) => MAIL_HEADER_LINE.test(b.text.trim())).length >= 2 ||
    (top.length > 0 && blocks[0] === top[0] && isGreeting(top[0].text))
  );
}

/**
 * What a signature and a list's footer are made of: a name, an address, a motto, a quoted
 * message ("> …"), a rule, "To unsubscribe …". Prose (a last scene under a "--" break, a note
 * under a label) is not.
 */
function signatureLike(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '' && !/^\s*>/.test(line));
  if (
    lines.some(
      (line) => labelledField(line.trim())?.field === 'notes' || labelledField(line.trim())?.field === 'end-notes',
    )
  )
    return false;
  const words = lines
    .join(' ')
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word));
  return words.length < 12 || !/[.!?]["”’]?(?:\s|$)/u.test(lines.join(' '));
}

/** A name and an address, or a motto of a few short lines: as mail programs wrap them, no line is a paragraph. */
function isSignature(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return (
    lines.length <= 4 &&
    lines.every((line) => line.length <= 80) &&
    !lines.some((line) => ['notes', 'end-notes'].includes(labelledField(line.trim())?.field ?? ''))
  );
}

function lastIndex<T>(list: T[], test: (item: T) => boolean): number {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i])) return i;
  return -1;
}

/** "From: "Leilani K." <lk@juno.com>", "From: Donna M Reyes/Sales/TriCounty@TriCounty": the sender's name, as words. */
function senderNames(blocks: SourceBlock[]): Set<string> {
  const from = blocks
    .slice(0, 4)
    .flatMap((b) => b.text.split('\n'))
    .map((line) => /^From:\s*(.*)$/i.exec(line.trim())?.[1])
    .find((value) => value !== undefined);
  // The name before the address (a Notes name before its "/Dept/Company"), not the address.
  const name = (from ?? '').replace(/<[^<>]*>/g, '').replace(/[/@].*$/u, '');
  return new Set(name.match(/\p{L}{2,}/gu)?.map((word) => word.toLowerCase()) ?? []);
}

/** A letter's closing over the name: "Love,", "Cheers,", "Best wishes,". */
const CLOSING = /^\p{Lu}[\p{L}'’ ]{1,24},$/u;
/** A word's end with a full stop ("Dawn."), not an initial's ("Morag F."). */
const ENDS_SENTENCE = /\p{L}{2}[.!?…]$/u;

/** The writer talking under the rule ("Thanks for reading! More of my fic at …"), as no provider's footer does. */
function writersWords(text: string): boolean {
  return firstPersonRate(text) > 0 || /\bthanks?\b|\bthank\s+you\b/iu.test(text);
}

/** A rule across the mail ("____…" over a free mail service's advertisement, as Juno and Hotmail add one). */
const FOOTER_RULE = /^\s*(?:_{10,}|-{10,}|={10,})\s*$/u;

/**
 * Without a "--" line: the sender signing with their own name (a word of the From line's name) under the
 * story and its end note, and a provider's footer under a rule across the mail. Indexes set apart.
 */
function signedWithoutDashes(blocks: SourceBlock[], bottom: number[], names: Set<string>): number[] {
  let end = bottom.length;
  const rule = lastIndex(bottom, (i) => FOOTER_RULE.test(blocks[i].text));
  const footer = bottom.slice(rule + 1).map((i) => blocks[i].text);
  if (rule >= 0 && footer.every(signatureLike) && !footer.some(writersWords)) end = rule;
  const apart = bottom.slice(end);
  const above = end > 0 ? blocks[bottom[end - 1]] : undefined;
  const lines = above?.text.split('\n').filter((line) => line.trim() !== '') ?? [];
  // "- Leilani", "Donna" over "x4471": the sender's first name alone, a line or two of contacts under it.
  // "Dawn." ends a sentence, the story's last word, unless it signs under a closing ("Love,").
  const signed = lines[0]?.trim() ?? '';
  const closed = end > 1 && CLOSING.test(blocks[bottom[end - 2]].text.split('\n').at(-1)!.trim());
  const name = SIGN_OFF.exec(signed)?.[1].replace(/\.$/u, '');
  if (
    name &&
    names.has(name.toLowerCase()) &&
    (closed || !ENDS_SENTENCE.test(signed)) &&
    lines.length <= 3 &&
    lines.every((line) => line.trim().length <= 40)
  )
    apart.unshift(bottom[end - 1]);
  // A rule and a footer alone are set apart only under a signature, or when the footer gives a web address (the
  // service's advertisement): a story's own last rule, and the scene under it, are no footer.
  const advertised = bottom.slice(end + 1).some((i) => /(?:https?:\/\/|www\.)\S/iu.test(blocks[i].text));
  return apart.length > 0 && (apart[0] !== bottom[end] || advertised) ? apart : [];
}

export function setSignatureApart(blocks: SourceBlock[]): SourceBlock[] {
  const replaced = new Map<number, SourceBlock[]>();
  for (const indexes of blocksByFile(blocks)) {
    if (!isMail(indexes.map((i) => blocks[i]))) continue;
    const bottom = indexes.slice(-BOTTOM);
    // The last "--" line: a signature may quote an earlier one.
    const at = lastIndex(bottom, (i) => blocks[i].text.split('\n').some((line) => SIGNATURE_LINE.test(line.trimEnd())));
    if (at < 0) {
      const names = senderNames(indexes.map((i) => blocks[i]));
      for (const i of signedWithoutDashes(blocks, bottom, names))
        if (!blocks[i].stated) replaced.set(i, [{ ...blocks[i], chrome: true, aside: 'signature' }]);
      continue;
    }
    const block = blocks[bottom[at]];
    const lines = block.text.split('\n');
    const cut = lastIndex(lines, (line) => SIGNATURE_LINE.test(line.trimEnd()));
    // The signature: the lines right under "--" (in its block, or the next); then the list's footer.
    const own = lines.slice(cut + 1).filter((line) => line.trim() !== '');
    const [signature, ...footer] =
      own.length > 0
        ? [own.join('\n'), ...bottom.slice(at + 1).map((i) => blocks[i].text)]
        : bottom.slice(at + 1).map((i) => blocks[i].text);
    if (!isSignature(signature ?? '') || !footer.every(signatureLike)) continue;
    if (cut === 0) replaced.set(bottom[at], [{ ...block, chrome: true, aside: 'signature' }]);
    else if (block.html === undefined)
      replaced.set(bottom[at], [
        { ...block, text: lines.slice(0, cut).join('\n') },
        { ...block, text: lines.slice(cut).join('\n'), gap: 0, chrome: true, aside: 'signature' },
      ]);
    else continue;
    for (const i of bottom.slice(at + 1))
      if (!blocks[i].stated) replaced.set(i, [{ ...blocks[i], chrome: true, aside: 'signature' }]);
  }
  return replaced.size === 0 ? blocks : blocks.flatMap((block, index) => replaced.get(index) ?? [block]);
}
