/**
 * The people a work names besides its creators (gift recipients, beta readers, invited
 * co-creators) and the works it relates to. Pure: parsing and checking what the writer typed.
 */
import { parseTagList } from './works.ts';
import { overLimit } from './limits.ts';

export const CREDIT_ROLES = ['gift', 'beta'] as const;
export type CreditRole = (typeof CREDIT_ROLES)[number];

export const RELATIONS = ['sequel-of', 'inspired-by', 'translation-of'] as const;
export type Relation = (typeof RELATIONS)[number];

/** How the relating work describes itself ("Sequel to …") and how the other work lists it. */
export const RELATION_LABELS: Record<Relation, { forward: string; backward: string }> = {
  'sequel-of': { forward: 'Sequel to', backward: 'Sequels' },
  'inspired-by': { forward: 'Inspired by', backward: 'Works inspired by this one' },
  'translation-of': { forward: 'A translation of', backward: 'Translations' },
};

export const PEOPLE_LIMITS = { perList: 30, name: 100, relatedWorks: 10, url: 2000, relatedTitle: 255 } as const;

/** A person as typed: "Pen Name (login)" names one pen name of one account; anything else is a bare name. */
export interface PersonRef {
  name: string;
  login?: string;
}

export function parsePersonRef(text: string): PersonRef {
  const match = /^(.+?)\s*\(([A-Za-z0-9_]{3,40})\)$/.exec(text);
  return match ? { name: match[1].trim(), login: match[2] } : { name: text };
}

/** Splits a comma-separated list of people, tidy and without repeats. */
export function parsePeopleList(input: string): PersonRef[] {
  return parseTagList(input).map(parsePersonRef);
}

/** How a pen name is written back into a form field, so that it resolves to the same pen name again. */
/** A comma-separated list of people with this one added, unless it already names them. */
export function withPersonLabel(typed: string, label: string): string {
  const current = typed.trim();
  const names = current.split(',').map((n) => n.trim().toLowerCase());
  if (names.includes(label.toLowerCase())) return current;
  return current === '' ? label : `${current}, ${label}`;
}

export function personLabel(pseudName: string, login: string): string {
  return pseudName.toLowerCase() === login.toLowerCase() ? login : `${pseudName} (${login})`;
}

export type RelatedTarget = { workId: number } | { url: string };

/**
 * Reads what the writer typed as the other work: "12", "/works/12", or a link to a work on this
 * archive (same host) all mean work 12 here; any other http(s) address is a work elsewhere.
 */
export function parseRelatedTarget(text: string, archiveHost: string | undefined): RelatedTarget | undefined {
  const value = text.trim();
  if (/^\d{1,12}$/.test(value)) return { workId: Number(value) };
  const local = /^\/works\/(\d{1,12})(?:[/?#].*)?$/.exec(value);
  if (local) return { workId: Number(local[1]) };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  const here =
    archiveHost !== undefined && url.host.toLowerCase() === archiveHost.toLowerCase()
      ? /^\/works\/(\d{1,12})(?:\/.*)?$/.exec(url.pathname)
      : null;
  if (here) return { workId: Number(here[1]) };
  return { url: url.toString() };
}

export interface RelatedRow {
  relation: string;
  target: string;
  title: string;
}

export interface RelatedInput {
  relation: Relation;
  target: RelatedTarget;
  /** For works elsewhere: the title to show for the link. */
  title: string;
  /** Which form row it came from, for errors found later. */
  row: number;
}

/** Checks the related-work rows of the form; blank rows are ignored. Errors are keyed by row ("related-0"). */
export function validateRelated(
  rows: RelatedRow[],
  archiveHost: string | undefined,
): { related: RelatedInput[]; errors: Record<string, string> } {
  const related: RelatedInput[] = [];
  const errors: Record<string, string> = {};
  rows.forEach((row, i) => {
    if (row.target.trim() === '' && row.title.trim() === '') return;
    const relation = RELATIONS.find((r) => r === row.relation);
    const target = parseRelatedTarget(row.target, archiveHost);
    const title = row.title.replace(/\s+/g, ' ').trim();
    if (!relation) errors[`related-${i}`] = 'Choose how the works are related.';
    else if (!target)
      errors[`related-${i}`] =
        'Give the other work as its address here (like /works/12) or a link starting with http:// or https://.';
    else if ('url' in target && target.url.length > PEOPLE_LIMITS.url)
      errors[`related-${i}`] = overLimit('The link', target.url, PEOPLE_LIMITS.url)!;
    else if (overLimit('Its title', title, PEOPLE_LIMITS.relatedTitle))
      errors[`related-${i}`] = overLimit('Its title', title, PEOPLE_LIMITS.relatedTitle)!;
    else related.push({ relation, target, title: 'url' in target ? title : '', row: i });
  });
  if (related.length > PEOPLE_LIMITS.relatedWorks)
    errors.related = `A work may name at most ${PEOPLE_LIMITS.relatedWorks} related works.`;
  return { related, errors };
}
