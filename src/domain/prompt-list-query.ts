import type { PromptFilters } from './prompt-memes.ts';
import { LIMITS } from './works.ts';
import {
  decodeOffsetCursor,
  fingerprint,
  InvalidParameterError,
  one,
  parseLimit,
  type QueryValues,
} from './work-list-query.ts';

/** The API's parameters for a prompt meme's prompts (the filters of its /prompts page), with cursor paging. */
export const PROMPT_LIST_PARAMETERS: readonly string[] = ['tag', 'claimed', 'filled', 'sort', 'limit', 'cursor'];

export interface PromptListRequest {
  filters: PromptFilters;
  limit: number;
  offset: number;
  /** What a cursor of this list carries, so that it is not taken for another list's. */
  check: string;
}

function yesOrNo(query: QueryValues, name: string): boolean | undefined {
  const value = one(query, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false') throw new InvalidParameterError(name, `${name} must be true or false.`);
  return value === 'true';
}

/** `meme`: the prompt meme's name, so that a cursor of one meme's list is not taken for another's. */
export function parsePromptListQuery(query: QueryValues, meme: string): PromptListRequest {
  const tag = (one(query, 'tag') ?? '').replace(/\s+/g, ' ').trim();
  if (tag.length > LIMITS.tagName)
    throw new InvalidParameterError('tag', `A tag name is at most ${LIMITS.tagName} characters.`);
  const sort = one(query, 'sort') ?? 'newest';
  if (sort !== 'newest' && sort !== 'claims') throw new InvalidParameterError('sort', 'sort must be newest or claims.');
  const filters: PromptFilters = { tag, claimed: yesOrNo(query, 'claimed'), filled: yesOrNo(query, 'filled'), sort };
  const check = fingerprint(['prompts', meme.toLowerCase(), filters]);
  const cursor = one(query, 'cursor');
  return {
    filters,
    limit: parseLimit(query),
    offset: cursor === undefined ? 0 : decodeOffsetCursor(cursor, check),
    check,
  };
}
