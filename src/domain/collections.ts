/** Collections' rules that need no I/O: short names, field limits, roles, settings in words. */
import { overLimit } from './limits.ts';
import { parsePublishAt } from './works.ts';

export const COLLECTION_LIMITS = {
  nameMin: 3,
  nameMax: 60,
  title: 255,
  description: 1_250,
  rules: 10_000,
  faq: 10_000,
  /** Collections named on one posting form. */
  perWork: 10,
} as const;

export const COLLECTION_ROLES = ['owner', 'moderator', 'member'] as const;
export type CollectionRoleName = (typeof COLLECTION_ROLES)[number];

export const ROLE_LABELS: Record<CollectionRoleName, string> = {
  owner: 'Owner',
  moderator: 'Moderator',
  member: 'Member',
};

/** Collections listed on one page of /collections. */
export const COLLECTIONS_PAGE_SIZE = 20;

/** Addresses under /collections the archive uses itself. */
const RESERVED_NAMES = ['new'];

/** What is wrong with a short name, or undefined when it is fine. */
export function collectionNameError(name: string): string | undefined {
  if (name === '') return 'Choose a short name: it is the collection’s address.';
  if (name.length < COLLECTION_LIMITS.nameMin || name.length > COLLECTION_LIMITS.nameMax)
    return `The short name must be ${COLLECTION_LIMITS.nameMin} to ${COLLECTION_LIMITS.nameMax} characters long (it is ${name.length}).`;
  if (!/^[A-Za-z0-9_]+$/.test(name)) return 'The short name may hold only letters (a–z), digits and underscores.';
  if (RESERVED_NAMES.includes(name.toLowerCase()))
    return `“${name}” is kept for the archive’s own pages: choose another.`;
  return undefined;
}

/** Whether a string could be a short name at all (addresses that cannot name a collection are not there). */
export function isCollectionName(name: string): boolean {
  return collectionNameError(name) === undefined;
}

/** The short names typed in a "Collections" field: separated by commas or spaces, each once (any case). */
export function parseCollectionNames(typed: string): string[] {
  const seen = new Set<string>();
  const names: string[] = [];
  for (const name of typed.split(/[\s,]+/)) {
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push(name);
  }
  return names;
}

/** The collection form as typed. */
export interface CollectionFormValues {
  name: string;
  title: string;
  description: string;
  rules: string;
  faq: string;
  /** The id of a collection the member owns, or ''. */
  parentId: string;
  pseudId: string;
  open: boolean;
  moderated: boolean;
  unrevealed: boolean;
  anonymous: boolean;
  revealWorksAt: string;
  revealCreatorsAt: string;
}

export interface CheckedCollectionForm {
  title: string;
  description: string;
  rules: string;
  faq: string;
  revealWorksAt: string | null;
  revealCreatorsAt: string | null;
}

/**
 * Checks the text fields and reveal dates of the form (short name, parent and pen name are the use
 * case's to check). A reveal date must be to come, unless it is the one already saved.
 */
export function checkCollectionForm(
  values: CollectionFormValues,
  errors: Record<string, string>,
  saved: { revealWorksAt: string | null; revealCreatorsAt: string | null } = {
    revealWorksAt: null,
    revealCreatorsAt: null,
  },
  at = new Date().toISOString(),
): CheckedCollectionForm {
  const title = values.title.replace(/\s+/g, ' ').trim();
  if (!title) errors.title = 'Give the collection a title.';
  const limit = (field: keyof typeof COLLECTION_LIMITS & keyof CollectionFormValues, label: string, text: string) => {
    const error = overLimit(label, text, COLLECTION_LIMITS[field]);
    if (error) errors[field] = error;
  };
  limit('title', 'Title', title);
  limit('description', 'Description', values.description.trim());
  limit('rules', 'Rules', values.rules.trim());
  limit('faq', 'FAQ', values.faq.trim());
  const date = (field: 'revealWorksAt' | 'revealCreatorsAt', label: string): string | null => {
    const typed = values[field].trim();
    if (typed === '') return null;
    const parsed = parsePublishAt(typed);
    if (parsed === undefined) {
      errors[field] = `${label}: write the date as 2027-01-31, or 2027-01-31T18:00 (UTC).`;
      return null;
    }
    if (parsed <= at && parsed !== saved[field]) {
      errors[field] = `${label} has passed: choose a date to come, or reveal by hand on the collection's items page.`;
      return null;
    }
    return parsed;
  };
  return {
    title,
    description: values.description,
    rules: values.rules,
    faq: values.faq,
    revealWorksAt: date('revealWorksAt', 'The date to reveal works'),
    revealCreatorsAt: date('revealCreatorsAt', 'The date to reveal creators'),
  };
}

/** A stored reveal date as the form shows it ("2027-01-31T18:00"). */
export function revealDateField(iso: string | null): string {
  return iso ? iso.slice(0, 16) : '';
}

/** A collection's settings in words, for its profile. */
export function settingsInWords(c: {
  open: boolean;
  moderated: boolean;
  unrevealed: boolean;
  anonymous: boolean;
}): string[] {
  return [
    c.open ? 'Open: members may add their works.' : 'Closed: no new works are taken.',
    c.moderated ? 'Moderated: works wait for a maintainer’s approval.' : 'Not moderated: works join at once.',
    c.unrevealed
      ? 'Unrevealed: new works stay hidden until the maintainers reveal them.'
      : 'Works are shown as soon as they join.',
    c.anonymous ? 'Anonymous: creators are shown as “Anonymous” until revealed.' : 'Creators are named.',
  ];
}
