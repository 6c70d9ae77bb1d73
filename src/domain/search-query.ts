/**
 * The text query of a works search, as a reader types it into the search box: words (all must
 * match), "quoted phrases", and field ranges such as `words>10000`, `kudos:100-500`, `hits<50`,
 * `chapters:1`, `complete:yes`. Pure: no I/O.
 */

export const RANGE_FIELDS = ['words', 'kudos', 'hits', 'comments', 'bookmarks', 'chapters'] as const;
export type RangeField = (typeof RANGE_FIELDS)[number];

/** An inclusive range; a missing end is open. */
export interface NumberRange {
  min?: number;
  max?: number;
}

export interface SearchQuery {
  /** Single words, each of which must occur. */
  terms: string[];
  /** Quoted phrases, each of which must occur as written. */
  phrases: string[];
  ranges: Partial<Record<RangeField, NumberRange>>;
  /** complete:yes / complete:no. */
  complete?: boolean;
  /** What could not be understood, as messages for the reader. */
  errors: string[];
}

const FIELD_ALIASES: Record<string, RangeField> = {
  words: 'words',
  word: 'words',
  word_count: 'words',
  wordcount: 'words',
  kudos: 'kudos',
  kudo: 'kudos',
  kudos_count: 'kudos',
  hits: 'hits',
  hit: 'hits',
  comments: 'comments',
  comment: 'comments',
  comments_count: 'comments',
  bookmarks: 'bookmarks',
  bookmark: 'bookmarks',
  bookmarks_count: 'bookmarks',
  chapters: 'chapters',
  chapter: 'chapters',
  chapter_count: 'chapters',
};

/** "10,000", "10000", "10k", "1.5k" → a whole number; undefined when it is not one. */
export function parseCount(text: string): number | undefined {
  const match = /^(\d+(?:[.,]\d+)*)(k)?$/i.exec(text.trim());
  if (!match) return undefined;
  const digits = match[2] ? match[1].replace(',', '.') : match[1].replace(/,/g, '');
  const value = Number(digits) * (match[2] ? 1000 : 1);
  return Number.isFinite(value) && value >= 0 && Number.isInteger(Math.round(value)) ? Math.round(value) : undefined;
}

/** Parses what follows the field name: ">100", ">=100", "<5", ":100-500", ":>100", ":12", "=12". */
function parseRange(operator: string, value: string): NumberRange | undefined {
  let op = operator;
  let rest = value.trim();
  if (op === ':' || op === '=') {
    const inner = /^(>=|<=|>|<|=)\s*(.*)$/.exec(rest);
    if (inner) {
      op = inner[1];
      rest = inner[2];
    }
  }
  if (op === ':' || op === '=') {
    const between = /^([\d.,]+k?)\s*-\s*([\d.,]+k?)$/i.exec(rest);
    if (between) {
      const [a, b] = [parseCount(between[1]), parseCount(between[2])];
      if (a === undefined || b === undefined) return undefined;
      return { min: Math.min(a, b), max: Math.max(a, b) };
    }
    const exact = parseCount(rest);
    return exact === undefined ? undefined : { min: exact, max: exact };
  }
  const n = parseCount(rest);
  if (n === undefined) return undefined;
  switch (op) {
    case '>':
      return { min: n + 1 };
    case '>=':
      return { min: n };
    case '<':
      return { max: Math.max(0, n - 1) };
    case '<=':
      return { max: n };
    default:
      return undefined;
  }
}

function intersect(a: NumberRange | undefined, b: NumberRange): NumberRange {
  if (!a) return b;
  const min = a.min === undefined ? b.min : b.min === undefined ? a.min : Math.max(a.min, b.min);
  const max = a.max === undefined ? b.max : b.max === undefined ? a.max : Math.min(a.max, b.max);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

/** Splits text into words the way the full-text index does: letters and digits, in any script. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? []
  );
}

const FIELD_PATTERN = /^([a-z_]+)\s*(>=|<=|>|<|:|=)\s*(.+)$/i;

export function parseSearchQuery(input: string): SearchQuery {
  const query: SearchQuery = { terms: [], phrases: [], ranges: {}, errors: [] };
  // Tokens: "quoted phrases", field:"quoted value", or runs of non-space text. "words > 100" is
  // joined back into one token first, as readers often type spaces around the operator.
  const text = input.replace(/\b([a-z_]+)\s*(>=|<=|>|<|:|=)\s+/gi, '$1$2');
  const tokens = text.match(/"[^"]*"?|[^\s"]+/g) ?? [];
  for (const token of tokens) {
    if (token.startsWith('"')) {
      const phraseWords = words(token.replace(/"/g, ''));
      if (phraseWords.length === 1) query.terms.push(phraseWords[0]);
      else if (phraseWords.length > 1) query.phrases.push(phraseWords.join(' '));
      continue;
    }
    const field = FIELD_PATTERN.exec(token);
    if (field) {
      const name = field[1].toLowerCase();
      const rangeField = FIELD_ALIASES[name];
      if (rangeField) {
        const range = parseRange(field[2], field[3]);
        if (range) query.ranges[rangeField] = intersect(query.ranges[rangeField], range);
        else
          query.errors.push(
            `“${token}” needs a number after ${rangeField}, as in ${rangeField}>100 or ${rangeField}:100-500.`,
          );
        continue;
      }
      if (name === 'complete' || name === 'completed' || name === 'finished') {
        const value = field[3].toLowerCase();
        if (['yes', 'true', 'y', '1'].includes(value)) query.complete = true;
        else if (['no', 'false', 'n', '0'].includes(value)) query.complete = false;
        else query.errors.push(`“${token}” should be complete:yes or complete:no.`);
        continue;
      }
    }
    query.terms.push(...words(token));
  }
  query.terms = [...new Set(query.terms)];
  query.phrases = [...new Set(query.phrases)];
  return query;
}

/** True when the query needs the full-text index (it has words or phrases). */
export function hasText(query: SearchQuery): boolean {
  return query.terms.length > 0 || query.phrases.length > 0;
}
