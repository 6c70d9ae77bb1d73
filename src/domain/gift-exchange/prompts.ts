/**
 * Gift exchange prompts and the rule that says whether an offer meets a request.
 *
 * A request matches an offer when, for every tag kind the matching settings require, they share
 * at least the required number of tags of that kind (capped at the number the request names, so
 * "two characters" with a request naming one means that one), or either side accepts "any" tag of
 * that kind. A request naming no tag of a required kind, without "any", matches nothing. The score
 * of a match is the number of tags the two prompts share over every kind (more is better).
 * Pure: no I/O.
 */
import { ValidationError } from '../errors.ts';
import { KIND_LABELS } from '../tags.ts';
import type { TagKind } from '../works.ts';

/** Every tag kind, in a fixed order (the compiled prompts index their tags by this position). */
export const MATCH_TAG_KINDS = Object.keys(KIND_LABELS) as TagKind[];

/** One request or offer of a sign-up. */
export interface Prompt {
  /** Tag ids by kind (canonical tags, as the sign-up form files them); a missing kind names none. */
  tags: Partial<Record<TagKind, readonly number[]>>;
  /** Kinds where the participant accepts (request) or will write (offer) any tag. */
  any: readonly TagKind[];
}

export interface SignUp {
  participantId: number;
  requests: readonly Prompt[];
  offers: readonly Prompt[];
}

/** For each tag kind, how many tags must match between a request and an offer (0 or missing: not required). */
export type MatchSettings = Partial<Record<TagKind, number>>;

/** A prompt in the form the matching works on: sorted unique tag ids per kind, "any" as a bit mask. */
export interface CompiledPrompt {
  tags: Int32Array[];
  anyMask: number;
}

/** The required kinds (positions in MATCH_TAG_KINDS) and how many tags of each must match, after checking the settings. */
export interface CompiledSettings {
  kinds: Int32Array;
  counts: Int32Array;
}

const EMPTY = new Int32Array(0);

export function compileSettings(settings: MatchSettings): CompiledSettings {
  const required: number[] = MATCH_TAG_KINDS.map(() => 0);
  for (const [kind, count] of Object.entries(settings)) {
    const at = MATCH_TAG_KINDS.indexOf(kind as TagKind);
    if (at < 0) throw new ValidationError({ [kind]: `"${kind}" is not a tag kind.` });
    if (count === undefined) continue;
    if (!Number.isInteger(count) || count < 0 || count > 1000)
      throw new ValidationError({
        [kind]: `The number of ${KIND_LABELS[kind as TagKind].toLowerCase()} tags that must match must be a whole number from 0.`,
      });
    required[at] = count;
  }
  const kinds = required.flatMap((count, k) => (count > 0 ? [k] : []));
  return { kinds: Int32Array.from(kinds), counts: Int32Array.from(kinds, (k) => required[k]) };
}

export function compilePrompt(prompt: Prompt): CompiledPrompt {
  const tags: Int32Array[] = [];
  let anyMask = 0;
  for (let k = 0; k < MATCH_TAG_KINDS.length; k++) {
    const kind = MATCH_TAG_KINDS[k];
    const ids = prompt.tags[kind];
    tags.push(ids && ids.length > 0 ? Int32Array.from(new Set(ids)).sort() : EMPTY);
    if (prompt.any.includes(kind)) anyMask |= 1 << k;
  }
  return { tags, anyMask };
}

/** How many ids two sorted unique lists share. */
function sharedCount(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** The score of the match of a request with an offer (tags shared over every kind), or -1 when they do not match. */
export function compiledMatchScore(request: CompiledPrompt, offer: CompiledPrompt, required: CompiledSettings): number {
  const either = request.anyMask | offer.anyMask;
  const { kinds, counts } = required;
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    if (either & (1 << k)) continue;
    const named = request.tags[k];
    if (named.length === 0 || sharedCount(named, offer.tags[k]) < Math.min(counts[i], named.length)) return -1;
  }
  let score = 0;
  for (let k = 0; k < request.tags.length; k++) score += sharedCount(request.tags[k], offer.tags[k]);
  return score;
}

/** Whether this offer meets this request under the settings. */
export function promptsMatch(request: Prompt, offer: Prompt, settings: MatchSettings): boolean {
  return compiledMatchScore(compilePrompt(request), compilePrompt(offer), compileSettings(settings)) >= 0;
}

/** How good the match is (tags the prompts share over every kind), or null when they do not match. */
export function promptScore(request: Prompt, offer: Prompt, settings: MatchSettings): number | null {
  const score = compiledMatchScore(compilePrompt(request), compilePrompt(offer), compileSettings(settings));
  return score < 0 ? null : score;
}
