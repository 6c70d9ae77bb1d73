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
  for (const _ of text.matchAll(WORD)) count++;
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
