/**
 * Sentence boundaries in story prose: after . ! ? … (and closing quotes or brackets), before
 * a capital letter, a digit or an opening quote; never after "Mr." and its kind.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'prof',
  'sr',
  'jr',
  'mt',
  'vs',
  'etc',
  'lt',
  'col',
  'gen',
  'capt',
  'sgt',
  'rev',
  'no',
  'vol',
  'ch',
  'chap',
]);

const SPEECH_TAG =
  /^\p{Lu}\p{L}+\s+(?:said|asked|whispered|shouted|replied|called|cried|muttered|murmured|yelled|exclaimed|added|answered|demanded|snapped|laughed|sighed|mumbled|continued|gasped|breathed|hissed|growled)\b/u;

const SAID =
  /^(?!(?:Nobody|Everyone|Someone|Somebody|Everybody|No one|The|It|There)\b)(?:\p{Lu}\p{L}+|he|she|they)\s+(?:said|asked|whispered|shouted|replied|called|muttered|murmured|snapped|answered|added|yelled)\b|^(?:said|asked|whispered|replied|called|muttered|snapped)\s+\p{Lu}/iu;

// Also where the space after a full stop was lost: "I don't own Avatar, obviously.The problem was …".
// The punctuation and the closing quotes are each taken whole, once, from the run's first mark
// ((?=(x+))\2 cannot give back): a shorter take never ends a sentence, and trying every one of them,
// from every mark of a run, each time reading the run back for the lookbehind, took minutes on a
// line of 5,000 full stops.
const BOUNDARY =
  /(?<![.!?…])((?=([.!?…]+))\2(?=(["'”’»)\]*_~]*))\3)(\s+|(?<=\p{Ll}\p{Ll}[.!?]+)(?!(?:Net|Com|Org)\b)(?=\p{Lu}\p{Ll}+\s))(?=["'“‘«([*_~]*[\p{Lu}\p{Lo}\p{N}"“‘«])/gu;

export const OPENING_QUOTE = /^["“‘«„]|^'(?=\p{L})/u;

/** Splits prose into sentences; joining them with single spaces gives the prose back (whitespace aside). */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
    const end = match.index + match[1].length;
    const before = /(['’])?(\p{L}+)\.$/u.exec(text.slice(Math.max(start, match.index - 6), match.index + 1));
    // "J." is an initial; the "d" of "beta’d." or "I’d." ends a word.
    if (
      match[1] === '.' &&
      before &&
      (ABBREVIATIONS.has(before[2].toLowerCase()) || (before[2].length === 1 && !before[1]))
    )
      continue;
    // "Really?" Harry asked. — a question or exclamation in speech, then who said it, is one sentence.
    const gap = match[4];
    const next = text.slice(end + gap.length, end + gap.length + 40);
    if (/[?!]["”’]$/.test(match[1]) && SPEECH_TAG.test(next)) continue;
    // "I am sorry." Katara whispered. — a full stop where a comma belongs, then who said it.
    if (/\.["”’]$/.test(match[1]) && SAID.test(next)) continue;
    sentences.push(text.slice(start, end));
    start = end + gap.length;
  }
  if (start < text.length) sentences.push(text.slice(start));
  return sentences.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** True when a sentence ends as a finished thought: terminal punctuation, a closing quote or bracket, an emoticon. */
export function endsSentence(text: string): boolean {
  // "(?<!x)xx+": a run of x's tried from its first only; tried from each, a line of them took the square of its length.
  return /(?:[.!?…。！？]["'”’»)\]*_~」』）]*|["”’»)\]*_~」』）]|:\)|:D|<3|(?<!x)xx+|\bTBC)\s*$/iu.test(text);
}
