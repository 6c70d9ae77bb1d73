/** Rules for a reader's saved searches of the works listing. Pure: no I/O. */
import { ValidationError } from './errors.ts';
import { overLimit } from './limits.ts';

export const SAVED_SEARCH_LIMITS = { name: 100, query: 2_000, perUser: 100 } as const;

/**
 * Checks a saved search's name and its /works query string, accepting the query with or without
 * "/works?" or "?" in front (as copied from the address bar), and returns them tidied.
 */
export function validateSavedSearch(
  input: { name: string; query: string },
  existing: number,
): { name: string; query: string } {
  const errors: Record<string, string> = {};
  const name = input.name.replace(/\s+/g, ' ').trim();
  let query = input.query.trim();
  const at = query.indexOf('/works?');
  if (at >= 0) query = query.slice(at + '/works?'.length);
  query = query.replace(/^\?/, '').replace(/#.*$/, '');
  if (name === '') errors.name = 'Give the search a name, so you can tell it from the others.';
  else if (overLimit('Name', name, SAVED_SEARCH_LIMITS.name))
    errors.name = overLimit('Name', name, SAVED_SEARCH_LIMITS.name)!;
  if (query === '') errors.query = 'There is no search to save: choose some filters or words first.';
  else if (query.length > SAVED_SEARCH_LIMITS.query)
    errors.query = `${overLimit('The search', query, SAVED_SEARCH_LIMITS.query)} Remove some filters.`;
  else if (/[\s<>"]/.test(query) && !/^[^=&]+=/.test(query))
    errors.query = 'That does not look like the address of a works search.';
  if (existing >= SAVED_SEARCH_LIMITS.perUser)
    errors.name = `You can keep at most ${SAVED_SEARCH_LIMITS.perUser} saved searches; delete one first.`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  // Re-encode so what is stored is a clean query string whatever was pasted.
  return { name, query: new URLSearchParams(query).toString() };
}
