/**
 * Tags an input states ("Rating: T", "Pairing: Draco/Harry", an AO3 download's tag list), read
 * into AO3's fixed vocabularies where they have one. Words that fit no fixed tag are kept as
 * additional tags, so nothing the writer stated disappears.
 */
import { CATEGORIES, RATINGS, WARNINGS, parseTagList } from '../../domain/works.ts';
import type { FieldName } from './cues.ts';

export interface ImportedTags {
  rating: string | null;
  warnings: string[];
  categories: string[];
  fandoms: string[];
  relationships: string[];
  characters: string[];
  freeforms: string[];
}

export function emptyTags(): ImportedTags {
  return { rating: null, warnings: [], categories: [], fandoms: [], relationships: [], characters: [], freeforms: [] };
}

/** FanFiction.Net's, the MPAA's and AO3's ratings. */
const RATING_WORDS: [RegExp, string][] = [
  [/^(k\+?|g|pg|general( audiences)?|everyone|all ages|fiction k\+?)$/i, 'General Audiences'],
  [/^(t|pg-?13|teen( and up( audiences)?)?|teens?|fiction t|13\+)$/i, 'Teen And Up Audiences'],
  [/^(m|r|mature|fiction m|16\+|17\+)$/i, 'Mature'],
  [/^(ma|nc-?17|e|x|xxx|explicit|adult|18\+)$/i, 'Explicit'],
  [/^(not rated|unrated|nr)$/i, 'Not Rated'],
];

export function ratingFrom(value: string): string | undefined {
  const v = value
    .trim()
    .replace(/^rated\s+/i, '')
    // FanFiction.Net's line of facts: "Fiction K+ - English - Family - Words: 430 - …".
    .replace(/^((?:fiction\s+)?(?:k\+?|t|m|ma))\s+-\s.*$/is, '$1')
    .replace(/[.!]$/, '');
  return (
    RATINGS.find((r) => r.toLowerCase() === v.toLowerCase()) ?? RATING_WORDS.find(([pattern]) => pattern.test(v))?.[1]
  );
}

const WARNING_WORDS: [RegExp, string][] = [
  [/\b(major )?character death|\bdeath\b|\bdies\b/i, 'Major Character Death'],
  [/violence|gore|graphic/i, 'Graphic Depictions Of Violence'],
  [/rape|non-?con/i, 'Rape/Non-Con'],
  [/underage/i, 'Underage Sex'],
  [/^(none|no warnings?|n\/a|nothing)$/i, 'No Archive Warnings Apply'],
  [/choose not to|chose not to/i, 'Creator Chose Not To Use Archive Warnings'],
];

const CATEGORY_WORDS: [RegExp, string][] = [
  [/^(het|f\/m|m\/f)$/i, 'F/M'],
  [/^(slash|m\/m)$/i, 'M/M'],
  [/^(femslash|f\/f)$/i, 'F/F'],
  [/^(gen|general|no pairing)$/i, 'Gen'],
  [/^(multi|poly|multiple)$/i, 'Multi'],
];

function addUnique(list: string[], names: string[]): void {
  for (const name of names) if (!list.some((n) => n.toLowerCase() === name.toLowerCase())) list.push(name);
}

/** The labelled fields `addStatedTag` reads into tags; an author's or beta's name, a word count … are only read. */
export const TAG_FIELDS: ReadonlySet<FieldName> = new Set<FieldName>([
  'rating',
  'warnings',
  'category',
  'fandom',
  'relationship',
  'character',
  'freeform',
]);

/** Reads one labelled value into the tags. Returns false when the field is not a tag field. */
export function addStatedTag(tags: ImportedTags, field: FieldName, value: string): boolean {
  const items = parseTagList(value.replace(/\s+(?:&|and)\s+(?=\p{Lu})/gu, ', ').replace(/;/g, ','));
  switch (field) {
    case 'rating': {
      const rating = ratingFrom(value);
      if (rating) tags.rating = rating;
      else addUnique(tags.freeforms, [`Rated ${value.trim()}`]);
      return true;
    }
    case 'warnings':
      for (const item of items) {
        const known =
          WARNINGS.find((w) => w.toLowerCase() === item.toLowerCase()) ??
          WARNING_WORDS.find(([p]) => p.test(item))?.[1];
        if (known) addUnique(tags.warnings, [known]);
        if (!known || known.toLowerCase() !== item.toLowerCase()) addUnique(tags.freeforms, [item]);
      }
      return true;
    case 'category':
      for (const item of items) {
        const known =
          CATEGORIES.find((c) => c.toLowerCase() === item.toLowerCase()) ??
          CATEGORY_WORDS.find(([p]) => p.test(item))?.[1];
        if (known) addUnique(tags.categories, [known]);
        else addUnique(tags.freeforms, [item]);
      }
      return true;
    case 'fandom':
      addUnique(tags.fandoms, items);
      return true;
    case 'relationship':
      addUnique(tags.relationships, items);
      return true;
    case 'character':
      addUnique(tags.characters, items);
      return true;
    case 'freeform':
      // "Romance/Angst" as FanFiction.Net lists genres, but "Hurt/Comfort" is one genre (and one AO3 tag).
      // "日常 甜文": tags in Chinese or Japanese are set apart by spaces.
      addUnique(
        tags.freeforms,
        parseTagList(
          value
            .replace(/;|\/(?!comfort\b)/giu, ',')
            .replace(
              /\s+/g,
              /[,，、]/u.test(value) ||
                !/\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u.test(value)
                ? '$&'
                : ',',
            ),
        ),
      );
      return true;
    default:
      return false;
  }
}

export function mergeTags(into: ImportedTags, from: ImportedTags): ImportedTags {
  into.rating = into.rating ?? from.rating;
  for (const key of ['warnings', 'categories', 'fandoms', 'relationships', 'characters', 'freeforms'] as const)
    addUnique(into[key], from[key]);
  return into;
}
