/**
 * A gift exchange's sign-up form as its moderators define it, and the check of one sign-up
 * against it: how many requests and offers, for each tag kind how many tags are required and
 * allowed and whether "any" is allowed, which prompt fields are asked for, and the dates sign-ups
 * are open between. Tag names are resolved to tags by the use case; the counts are checked here.
 * Pure: no I/O.
 */
import { LIMITS, parsePublishAt } from '../works.ts';
import { KIND_LABELS } from '../tags.ts';
import { revealDateField } from '../collections.ts';
import type { MatchSettings } from './prompts.ts';

/** A checkbox as a form sends it ticked. */
export function isTicked(value: string | undefined): boolean {
  return value === 'on' || value === '1' || value === 'true';
}

/** The tag kinds a request or offer names. */
export const PROMPT_TAG_KINDS = ['fandom', 'relationship', 'character', 'freeform'] as const;
export type PromptTagKind = (typeof PROMPT_TAG_KINDS)[number];
export const PROMPT_SIDES = ['request', 'offer'] as const;
export type PromptSide = (typeof PROMPT_SIDES)[number];
export type FieldUse = 'off' | 'optional' | 'required';
export const FIELD_USES: readonly FieldUse[] = ['off', 'optional', 'required'];
export const PROMPT_FIELDS = ['title', 'description', 'url'] as const;
export type PromptField = (typeof PROMPT_FIELDS)[number];

export const PROMPT_FIELD_LABELS: Record<PromptField, string> = {
  title: 'Title',
  description: 'Description',
  url: 'Link',
};

export interface TagRule {
  required: number;
  allowed: number;
  /** Whether the participant may tick "Any" instead of naming tags. */
  any: boolean;
}

export interface SideRules {
  /** Requests (or offers) each sign-up must make, and may make. */
  required: number;
  allowed: number;
  tags: Record<PromptTagKind, TagRule>;
  fields: Record<PromptField, FieldUse>;
}

export interface SignUpRules {
  request: SideRules;
  offer: SideRules;
  /** Tags must be canonical tags of the archive (no new or synonym tags). */
  canonicalOnly: boolean;
  /** When not empty, the only fandoms prompts may name (tag ids). */
  fandomIds: number[];
}

/** Most prompts and tags a form may ask for: enough for any exchange, small enough for one page. */
export const SIGN_UP_LIMITS = { prompts: 10, tags: 20, title: 255, description: 10_000, url: 2000 };

function sideDefaults(): SideRules {
  return {
    required: 1,
    allowed: 3,
    tags: {
      fandom: { required: 1, allowed: 1, any: false },
      relationship: { required: 0, allowed: 2, any: true },
      character: { required: 0, allowed: 3, any: true },
      freeform: { required: 0, allowed: 5, any: false },
    },
    fields: { title: 'off', description: 'optional', url: 'off' },
  };
}

export const DEFAULT_SIGN_UP_RULES: SignUpRules = {
  request: sideDefaults(),
  offer: { ...sideDefaults(), fields: { title: 'off', description: 'off', url: 'off' } },
  canonicalOnly: true,
  fandomIds: [],
};

export const DEFAULT_MATCH_SETTINGS: MatchSettings = { fandom: 1 };

function whole(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** The rules as stored (JSON written by `rulesFromForm`), with defaults for anything missing. */
export function parseSignUpRules(json: string): SignUpRules {
  let raw: Record<string, unknown> = {};
  try {
    raw = (JSON.parse(json) ?? {}) as Record<string, unknown>;
  } catch {
    raw = {};
  }
  const side = (name: PromptSide): SideRules => {
    const fallback = DEFAULT_SIGN_UP_RULES[name];
    const s = (raw[name] ?? {}) as Partial<SideRules>;
    const tags = {} as Record<PromptTagKind, TagRule>;
    for (const kind of PROMPT_TAG_KINDS) {
      const t = (s.tags?.[kind] ?? {}) as Partial<TagRule>;
      tags[kind] = {
        required: whole(t.required, fallback.tags[kind].required),
        allowed: whole(t.allowed, fallback.tags[kind].allowed),
        any: typeof t.any === 'boolean' ? t.any : fallback.tags[kind].any,
      };
    }
    const fields = {} as Record<PromptField, FieldUse>;
    for (const f of PROMPT_FIELDS)
      fields[f] = FIELD_USES.includes(s.fields?.[f] as FieldUse) ? s.fields![f] : fallback.fields[f];
    return {
      required: whole(s.required, fallback.required),
      allowed: whole(s.allowed, fallback.allowed),
      tags,
      fields,
    };
  };
  const fandomIds = Array.isArray(raw.fandomIds) ? raw.fandomIds.filter((id) => Number.isSafeInteger(id)) : [];
  return {
    request: side('request'),
    offer: side('offer'),
    canonicalOnly: raw.canonicalOnly !== false,
    fandomIds: fandomIds as number[],
  };
}

export function parseMatchSettings(json: string): MatchSettings {
  try {
    const raw = JSON.parse(json) as Record<string, unknown>;
    const settings: MatchSettings = {};
    for (const kind of PROMPT_TAG_KINDS) if (whole(raw[kind], 0) > 0) settings[kind] = raw[kind] as number;
    return settings;
  } catch {
    return { ...DEFAULT_MATCH_SETTINGS };
  }
}

/** The exchange settings form as sent: flat field names (`request-fandom-required`, `match-fandom` …). */
export type ExchangeForm = Record<string, string>;

export interface ExchangeSettings {
  rules: SignUpRules;
  match: MatchSettings;
  signupsOpenAt: string;
  signupsCloseAt: string;
  assignmentsDueAt: string | null;
}

/** The form's fields for saved settings (dates as the collection form writes them). */
export function exchangeFormValues(settings: ExchangeSettings, fandomNames: string): ExchangeForm {
  const form: ExchangeForm = {};
  for (const side of PROMPT_SIDES) {
    const r = settings.rules[side];
    form[`${side}-required`] = String(r.required);
    form[`${side}-allowed`] = String(r.allowed);
    for (const kind of PROMPT_TAG_KINDS) {
      form[`${side}-${kind}-required`] = String(r.tags[kind].required);
      form[`${side}-${kind}-allowed`] = String(r.tags[kind].allowed);
      form[`${side}-${kind}-any`] = r.tags[kind].any ? 'on' : '';
    }
    for (const field of PROMPT_FIELDS) form[`${side}-${field}`] = r.fields[field];
  }
  for (const kind of PROMPT_TAG_KINDS) form[`match-${kind}`] = String(settings.match[kind] ?? 0);
  form['canonical-only'] = settings.rules.canonicalOnly ? 'on' : '';
  form.fandoms = fandomNames;
  form['signups-open-at'] = revealDateField(settings.signupsOpenAt);
  form['signups-close-at'] = revealDateField(settings.signupsCloseAt);
  form['assignments-due-at'] = revealDateField(settings.assignmentsDueAt);
  return form;
}

const KIND_WORDS: Record<PromptTagKind, string> = {
  fandom: 'fandom',
  relationship: 'relationship',
  character: 'character',
  freeform: 'additional',
};

function sideWord(side: PromptSide): string {
  return side === 'request' ? 'Requests' : 'Offers';
}

/**
 * Checks the settings form. Every problem goes into `errors` by field name; the result holds what
 * was valid (fandom names are the use case's to resolve into `rules.fandomIds`).
 */
export function checkExchangeForm(form: ExchangeForm, errors: Record<string, string>): ExchangeSettings {
  const count = (field: string, label: string, max: number): number => {
    const typed = (form[field] ?? '').trim();
    if (!/^\d{1,4}$/.test(typed) || Number(typed) > max) {
      errors[field] = `${label}: write a whole number from 0 to ${max}.`;
      return 0;
    }
    return Number(typed);
  };
  const side = (name: PromptSide): SideRules => {
    const label = sideWord(name);
    const required = count(`${name}-required`, `${label} required`, SIGN_UP_LIMITS.prompts);
    const allowed = count(`${name}-allowed`, `${label} allowed`, SIGN_UP_LIMITS.prompts);
    if (allowed < required && !errors[`${name}-allowed`])
      errors[`${name}-allowed`] = `${label}: allow at least as many as are required (${required}).`;
    if (name === 'request' && allowed === 0 && !errors[`${name}-allowed`])
      errors[`${name}-allowed`] = 'Allow at least one request: a gift exchange matches requests with offers.';
    if (name === 'offer' && allowed === 0 && !errors[`${name}-allowed`])
      errors[`${name}-allowed`] = 'Allow at least one offer: a gift exchange matches requests with offers.';
    const tags = {} as Record<PromptTagKind, TagRule>;
    for (const kind of PROMPT_TAG_KINDS) {
      const kindLabel = `${label}, ${KIND_LABELS[kind].toLowerCase()} tags`;
      const r = count(`${name}-${kind}-required`, `${kindLabel} required`, SIGN_UP_LIMITS.tags);
      const a = count(`${name}-${kind}-allowed`, `${kindLabel} allowed`, SIGN_UP_LIMITS.tags);
      if (a < r && !errors[`${name}-${kind}-allowed`])
        errors[`${name}-${kind}-allowed`] = `${kindLabel}: allow at least as many as are required (${r}).`;
      tags[kind] = { required: r, allowed: a, any: isTicked(form[`${name}-${kind}-any`]) };
    }
    const fields = {} as Record<PromptField, FieldUse>;
    for (const field of PROMPT_FIELDS) {
      const use = form[`${name}-${field}`] as FieldUse;
      fields[field] = FIELD_USES.includes(use) ? use : 'off';
    }
    return { required, allowed, tags, fields };
  };
  const rules: SignUpRules = {
    request: side('request'),
    offer: side('offer'),
    canonicalOnly: isTicked(form['canonical-only']),
    fandomIds: [],
  };
  const match: MatchSettings = {};
  for (const kind of PROMPT_TAG_KINDS) {
    const n = count(`match-${kind}`, `${KIND_LABELS[kind]} tags that must match`, SIGN_UP_LIMITS.tags);
    if (n > 0) match[kind] = n;
  }
  const date = (field: string, label: string, needed: boolean): string | null => {
    const typed = (form[field] ?? '').trim();
    if (typed === '') {
      if (needed) errors[field] = `${label}: give a date.`;
      return null;
    }
    const parsed = parsePublishAt(typed);
    if (parsed === undefined) {
      errors[field] = `${label}: write the date as 2027-01-31, or 2027-01-31T18:00 (UTC).`;
      return null;
    }
    return parsed;
  };
  const signupsOpenAt = date('signups-open-at', 'Sign-ups open', true) ?? '';
  const signupsCloseAt = date('signups-close-at', 'Sign-ups close', true) ?? '';
  const assignmentsDueAt = date('assignments-due-at', 'Works due', false);
  if (signupsOpenAt && signupsCloseAt && signupsCloseAt <= signupsOpenAt)
    errors['signups-close-at'] = 'Sign-ups must close after they open.';
  return { rules, match, signupsOpenAt, signupsCloseAt, assignmentsDueAt };
}

/** Whether sign-ups are open at this moment. */
export function signUpsOpen(settings: { signupsOpenAt: string; signupsCloseAt: string }, at: string): boolean {
  return settings.signupsOpenAt <= at && at < settings.signupsCloseAt;
}

/** One request or offer as the sign-up form sends it: tag names per kind, still unresolved. */
export interface TypedPrompt {
  tags: Record<PromptTagKind, string[]>;
  any: PromptTagKind[];
  title: string;
  description: string;
  url: string;
}

/** Splits a comma-separated list of tag names, dropping empty entries and repeats. */
export function tagNameList(typed: string): string[] {
  const names: string[] = [];
  for (const part of typed.split(/[,，、]/)) {
    const name = part.replace(/\s+/g, ' ').trim();
    if (name && !names.some((n) => n.toLowerCase() === name.toLowerCase())) names.push(name);
  }
  return names;
}

/** The prompts of one side from the sign-up form (fields `request-0-fandom`, `request-0-any-fandom` …). */
export function readTypedPrompts(form: Record<string, string>, side: PromptSide, slots: number): TypedPrompt[] {
  const prompts: TypedPrompt[] = [];
  for (let i = 0; i < slots; i++) {
    const tags = {} as Record<PromptTagKind, string[]>;
    for (const kind of PROMPT_TAG_KINDS) tags[kind] = tagNameList(form[`${side}-${i}-${kind}`] ?? '');
    prompts.push({
      tags,
      any: PROMPT_TAG_KINDS.filter((kind) => isTicked(form[`${side}-${i}-any-${kind}`])),
      title: (form[`${side}-${i}-title`] ?? '').trim(),
      description: (form[`${side}-${i}-description`] ?? '').trim(),
      url: (form[`${side}-${i}-url`] ?? '').trim(),
    });
  }
  return prompts;
}

/** Whether the participant filled in anything at all for this prompt (blank slots are not prompts). */
export function isBlankPrompt(prompt: TypedPrompt): boolean {
  return (
    PROMPT_TAG_KINDS.every((kind) => prompt.tags[kind].length === 0) &&
    prompt.any.length === 0 &&
    !prompt.title &&
    !prompt.description &&
    !prompt.url
  );
}

/**
 * Checks the counts and fields of one side's filled-in prompts against the rules; errors are keyed
 * by the form field they belong to (`request-0-fandom`) or by side (`request`).
 */
export function checkPrompts(
  side: PromptSide,
  prompts: TypedPrompt[],
  rules: SideRules,
  errors: Record<string, string>,
  { pinchHitter = false }: { pinchHitter?: boolean } = {},
): void {
  const filled = prompts.map((p, i) => ({ p, i })).filter(({ p }) => !isBlankPrompt(p));
  const word = side === 'request' ? 'request' : 'offer';
  const required = pinchHitter ? (side === 'offer' ? Math.max(1, rules.required) : 0) : rules.required;
  if (filled.length < required)
    errors[side] = `Fill in at least ${required} ${word}${required === 1 ? '' : 's'} (you filled in ${filled.length}).`;
  if (filled.length > rules.allowed)
    errors[side] = `At most ${rules.allowed} ${word}${rules.allowed === 1 ? '' : 's'} are allowed.`;
  for (const { p, i } of filled) {
    const n = i + 1;
    for (const kind of PROMPT_TAG_KINDS) {
      const rule = rules.tags[kind];
      const field = `${side}-${i}-${kind}`;
      const names = p.tags[kind];
      const any = p.any.includes(kind);
      const label = `${capital(word)} ${n}`;
      const long = names.find((name) => [...name].length > LIMITS.tagName);
      if (long)
        errors[field] =
          `${label}: the tag “${[...long].slice(0, 30).join('')}…” is ${[...long].length} characters long; a tag may have at most ${LIMITS.tagName}.`;
      else if (any && !rule.any) errors[field] = `${label}: “Any” is not allowed for ${KIND_WORDS[kind]} tags.`;
      else if (any && names.length > 0)
        errors[field] = `${label}: either name ${KIND_WORDS[kind]} tags or tick “Any”, not both.`;
      else if (!any && names.length < rule.required)
        errors[field] =
          `${label}: name at least ${rule.required} ${KIND_WORDS[kind]} tag${rule.required === 1 ? '' : 's'}` +
          (rule.any ? ' (or tick “Any”).' : '.');
      else if (names.length > rule.allowed)
        errors[field] =
          rule.allowed === 0
            ? `${label}: ${KIND_WORDS[kind]} tags are not asked for in this exchange.`
            : `${label}: at most ${rule.allowed} ${KIND_WORDS[kind]} tag${rule.allowed === 1 ? '' : 's'}.`;
    }
    for (const f of PROMPT_FIELDS) {
      const value = p[f];
      const field = `${side}-${i}-${f}`;
      if (rules.fields[f] === 'off' && value)
        errors[field] = `${capital(word)} ${n}: this exchange asks for no ${PROMPT_FIELD_LABELS[f].toLowerCase()}.`;
      if (rules.fields[f] === 'required' && !value)
        errors[field] = `${capital(word)} ${n}: fill in the ${PROMPT_FIELD_LABELS[f].toLowerCase()}.`;
      if (f !== 'description' && value.length > SIGN_UP_LIMITS[f])
        errors[field] =
          `${capital(word)} ${n}: the ${PROMPT_FIELD_LABELS[f].toLowerCase()} is ${value.length} characters long; the most is ${SIGN_UP_LIMITS[f]}.`;
      if (f === 'description' && value.length > SIGN_UP_LIMITS.description)
        errors[field] =
          `${capital(word)} ${n}: the description is ${value.length} characters long; the most is ${SIGN_UP_LIMITS.description}.`;
      if (f === 'url' && value && !/^https?:\/\/\S+$/i.test(value))
        errors[field] = `${capital(word)} ${n}: the link must start with http:// or https://.`;
    }
  }
}

function capital(word: string): string {
  return word[0].toUpperCase() + word.slice(1);
}

/** A rule in words for the sign-up form ("1 required, up to 2; or Any"). */
export function tagRuleInWords(rule: TagRule): string {
  if (rule.allowed === 0) return 'not asked for';
  const parts = [rule.required > 0 ? `${rule.required} required` : 'optional', `up to ${rule.allowed}`];
  return parts.join(', ') + (rule.any ? ', or “Any”' : '');
}
