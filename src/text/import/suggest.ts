/**
 * Fandom and character tags this archive already has, found in a story's text. Names are
 * matched as whole words: "Draco Malfoy" in full, or a first name only the one character in
 * the list has, often enough to matter. Tag names lose their disambiguation first:
 * "Harry Potter - J. K. Rowling" is looked for as "Harry Potter", "Sam (Supernatural)" as "Sam".
 */
export interface KnownTags {
  fandoms: string[];
  characters: string[];
}

interface Entry {
  tag: string;
  tokens: string[];
  kind: 'fandom' | 'character';
  /** Matching on the first name alone (for a unique first name). */
  partial: boolean;
}

const WORD = /[\p{L}\p{N}]+/gu;

function coreName(tag: string): string {
  return tag
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/\s+-\s+.*$/, '')
    .trim();
}

function tokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

export interface TagSuggestions {
  fandoms: string[];
  characters: string[];
}

export class TagMatcher {
  private readonly byFirstToken = new Map<string, Entry[]>();

  constructor(known: KnownTags) {
    const firstNames = new Map<string, number>();
    for (const tag of known.characters) {
      const first = tokens(coreName(tag))[0];
      if (first) firstNames.set(first, (firstNames.get(first) ?? 0) + 1);
    }
    const add = (tag: string, kind: Entry['kind']) => {
      const words = tokens(coreName(tag));
      if (words.length === 0) return;
      this.index({ tag, tokens: words, kind, partial: false });
      if (kind === 'character' && words.length > 1 && firstNames.get(words[0]) === 1 && words[0].length > 2)
        this.index({ tag, tokens: [words[0]], kind, partial: true });
    };
    known.fandoms.forEach((tag) => add(tag, 'fandom'));
    known.characters.forEach((tag) => add(tag, 'character'));
  }

  private index(entry: Entry): void {
    const list = this.byFirstToken.get(entry.tokens[0]) ?? [];
    list.push(entry);
    this.byFirstToken.set(entry.tokens[0], list);
  }

  /** Tags named in the text: a full name once, or a unique first name three times. Most mentioned first. */
  suggest(text: string): TagSuggestions {
    const words = tokens(text);
    const full = new Map<Entry['tag'], number>();
    const partial = new Map<string, number>();
    const kinds = new Map<string, Entry['kind']>();
    for (let i = 0; i < words.length; i++) {
      const candidates = this.byFirstToken.get(words[i]);
      if (!candidates) continue;
      for (const entry of candidates) {
        if (entry.tokens.every((token, k) => words[i + k] === token)) {
          const counts = entry.partial ? partial : full;
          counts.set(entry.tag, (counts.get(entry.tag) ?? 0) + 1);
          kinds.set(`${entry.kind}:${entry.tag}`, entry.kind);
        }
      }
    }
    const score = (tag: string) => (full.get(tag) ?? 0) * 3 + (partial.get(tag) ?? 0);
    const pick = (kind: Entry['kind']) =>
      [...new Set([...full.keys(), ...partial.keys()])]
        .filter((tag) => kinds.has(`${kind}:${tag}`))
        .filter((tag) => (full.get(tag) ?? 0) >= 1 || (partial.get(tag) ?? 0) >= 3)
        .sort((a, b) => score(b) - score(a));
    return { fandoms: pick('fandom'), characters: pick('character') };
  }
}
