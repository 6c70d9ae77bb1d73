/**
 * A story posted to a mailing list or newsgroup and saved from the mail program: under the story
 * and its end note, the sender's signature starts with a line of "--", and the list adds its own
 * footer ("To unsubscribe …") or a quoted message under it. None of that is story or note.
 */
import { blocksByFile, type SourceBlock } from './blocks.ts';
import { isMailHeaders, labelledField } from './cues.ts';

/** "--" or "-- " alone: the line above a mail's signature (RFC 3676). */
const SIGNATURE_LINE = /^-- ?$/;
const MAIL_HEADER_LINE = /^(?:From|To|Cc|Newsgroups|Subject|Date|Message-ID|Reply-To|Sender):\s/i;
/** The signature lies in the last blocks of the file. */
const BOTTOM = 12;

/** The file opens with a mail's headers, as one block or a line per block. */
function isMail(blocks: SourceBlock[]): boolean {
  const top = blocks.slice(0, 4).filter((b) => b.kind === 'paragraph');
  return top.some((b) => isMailHeaders(b.text)) || top.filter((b) => MAIL_HEADER_LINE.test(b.text.trim())).length >= 2;
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

export function setSignatureApart(blocks: SourceBlock[]): SourceBlock[] {
  const replaced = new Map<number, SourceBlock[]>();
  for (const indexes of blocksByFile(blocks)) {
    if (!isMail(indexes.map((i) => blocks[i]))) continue;
    const bottom = indexes.slice(-BOTTOM);
    // The last "--" line: a signature may quote an earlier one.
    const at = lastIndex(bottom, (i) => blocks[i].text.split('\n').some((line) => SIGNATURE_LINE.test(line.trimEnd())));
    if (at < 0) continue;
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
