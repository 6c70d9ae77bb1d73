/**
 * Word counts as AO3 counts them: runs of letters and digits are words, and every Chinese,
 * Japanese or Thai character counts as one word (those scripts do not separate words by spaces).
 */
const CHARACTER_SCRIPTS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Thai}';
const WORD = new RegExp(
  `[${CHARACTER_SCRIPTS}]|(?:(?![${CHARACTER_SCRIPTS}])[\\p{L}\\p{N}\\p{M}])+(?:['’\\-.](?:(?![${CHARACTER_SCRIPTS}])[\\p{L}\\p{N}\\p{M}])+)*`,
  'gu',
);

/** The words of a text, as countWords counts them. */
export function wordsOf(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function countWords(text: string): number {
  let count = 0;
  try {
    for (const _ of text.matchAll(WORD)) count++;
    return count;
  } catch (error) {
    // A run of letters too long for the regular expression engine (millions of characters).
    if (error instanceof RangeError) return countWordsStepwise(text);
    throw error;
  }
}

const CHARACTER_WORD = new RegExp(`[${CHARACTER_SCRIPTS}]`, 'u');
const LETTER = /[\p{L}\p{N}\p{M}]/u;
const JOINERS = new Set(["'", '’', '-', '.']);

type Kind = 'character-word' | 'letter' | 'joiner' | 'other';

function kindOf(character: string): Kind {
  const code = character.charCodeAt(0);
  if (code < 128) {
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return 'letter';
    return JOINERS.has(character) ? 'joiner' : 'other';
  }
  if (CHARACTER_WORD.test(character)) return 'character-word';
  if (LETTER.test(character)) return 'letter';
  return JOINERS.has(character) ? 'joiner' : 'other';
}

/** The same count as WORD's, one character at a time: slower, but with no limit on a word's length. */
export function countWordsStepwise(text: string): number {
  let count = 0;
  let inWord = false;
  let joinerBefore = false;
  for (const character of text) {
    const kind = kindOf(character);
    if (kind === 'letter') {
      if (!inWord) count++;
      inWord = true;
    } else if (kind === 'joiner' && inWord && !joinerBefore) {
      joinerBefore = true;
      continue;
    } else {
      if (kind === 'character-word') count++;
      inWord = false;
    }
    joinerBefore = false;
  }
  return count;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The words a reader sees in an HTML fragment: tags are separators, entities are characters. */
export function countWordsInHtml(html: string): number {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? entity;
  });
  return countWords(text);
}
