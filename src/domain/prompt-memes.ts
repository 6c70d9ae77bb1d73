/**
 * Prompt memes' rules that need no I/O: the settings form, the prompt form, whether prompting is
 * open, and the prompt list's filters. A prompt meme is a collection whose members post prompts
 * that others claim and fill with works.
 */
import { characterCount, overLimit } from './limits.ts';
import { FREE_TAG_KINDS, LIMITS, parsePublishAt, parseTagList, type FreeTagKind } from './works.ts';

export const PROMPT_LIMITS = {
  title: 255,
  description: 5_000,
  /** Tags of one kind on one prompt. */
  tagsPerKind: 10,
  /** The most prompts per member a setting may ask for. */
  maxPrompts: 1_000,
} as const;

/** Prompts listed on one page of /collections/NAME/prompts. */
export const PROMPTS_PAGE_SIZE = 20;

export const PROMPT_TAG_LABELS: Record<FreeTagKind, string> = {
  fandom: 'Fandoms',
  relationship: 'Relationships',
  character: 'Characters',
  freeform: 'Additional tags',
};

/** A prompt meme's settings, as saved. */
export interface PromptMemeSettings {
  anonymousAllowed: boolean;
  /** 0: no limit. */
  maxPrompts: number;
  open: boolean;
  opensAt: string | null;
  closesAt: string | null;
  tagKinds: FreeTagKind[];
  fandomRequired: boolean;
}

/** The settings form as typed. */
export interface PromptMemeFormValues {
  anonymousAllowed: boolean;
  maxPrompts: string;
  open: boolean;
  opensAt: string;
  closesAt: string;
  tagKinds: string[];
  fandomRequired: boolean;
}

export const DEFAULT_PROMPT_MEME_FORM: PromptMemeFormValues = {
  anonymousAllowed: true,
  maxPrompts: '',
  open: true,
  opensAt: '',
  closesAt: '',
  tagKinds: [...FREE_TAG_KINDS],
  fandomRequired: false,
};

/** The settings form filled in from saved settings. */
export function promptMemeFormValues(s: PromptMemeSettings): PromptMemeFormValues {
  return {
    anonymousAllowed: s.anonymousAllowed,
    maxPrompts: s.maxPrompts === 0 ? '' : String(s.maxPrompts),
    open: s.open,
    opensAt: s.opensAt ? s.opensAt.slice(0, 16) : '',
    closesAt: s.closesAt ? s.closesAt.slice(0, 16) : '',
    tagKinds: [...s.tagKinds],
    fandomRequired: s.fandomRequired,
  };
}

/** Stored tag kinds ("fandom,freeform") as a list, in the archive's order. */
export function parseTagKinds(stored: string): FreeTagKind[] {
  const kinds = stored.split(',');
  return FREE_TAG_KINDS.filter((k) => kinds.includes(k));
}

/** Checks the settings form; problems go into `errors` keyed by field. */
export function checkPromptMemeForm(values: PromptMemeFormValues, errors: Record<string, string>): PromptMemeSettings {
  const typedMax = values.maxPrompts.trim();
  let maxPrompts = 0;
  if (typedMax !== '') {
    if (!/^\d{1,6}$/.test(typedMax) || Number(typedMax) > PROMPT_LIMITS.maxPrompts)
      errors.maxPrompts = `Prompts per member: write a whole number from 1 to ${PROMPT_LIMITS.maxPrompts.toLocaleString('en')}, or leave it empty for no limit.`;
    else maxPrompts = Number(typedMax);
  }
  const date = (field: 'opensAt' | 'closesAt', label: string): string | null => {
    const typed = values[field].trim();
    if (typed === '') return null;
    const parsed = parsePublishAt(typed);
    if (parsed === undefined) errors[field] = `${label}: write the date as 2027-01-31, or 2027-01-31T18:00 (UTC).`;
    return parsed ?? null;
  };
  const opensAt = date('opensAt', 'Prompting opens');
  const closesAt = date('closesAt', 'Prompting closes');
  if (opensAt && closesAt && closesAt <= opensAt && !errors.closesAt)
    errors.closesAt = 'Prompting must close after it opens.';
  const tagKinds = FREE_TAG_KINDS.filter((k) => values.tagKinds.includes(k));
  if (values.fandomRequired && !tagKinds.includes('fandom'))
    errors.fandomRequired = 'A fandom can be required only when prompts may have fandom tags.';
  return {
    anonymousAllowed: values.anonymousAllowed,
    maxPrompts,
    open: values.open,
    opensAt,
    closesAt,
    tagKinds,
    fandomRequired: values.fandomRequired,
  };
}

/** Whether members may post prompts now, and if not, why (in words). */
export function promptingClosedReason(s: PromptMemeSettings, at = new Date().toISOString()): string | undefined {
  if (!s.open) return 'Prompting is closed.';
  if (s.opensAt && at < s.opensAt) return 'Prompting has not opened yet.';
  if (s.closesAt && at >= s.closesAt) return 'Prompting has closed.';
  return undefined;
}

/** The settings in words, for the prompts page. */
export function promptMemeSettingsInWords(s: PromptMemeSettings): string[] {
  const kinds = s.tagKinds.map((k) => PROMPT_TAG_LABELS[k].toLowerCase());
  return [
    promptingClosedReason(s) ?? 'Prompting is open.',
    s.maxPrompts === 0
      ? 'Members may post any number of prompts.'
      : `Each member may post up to ${s.maxPrompts} ${s.maxPrompts === 1 ? 'prompt' : 'prompts'}.`,
    s.anonymousAllowed ? 'Prompts may be posted anonymously.' : 'Prompters are named.',
    kinds.length === 0 ? 'Prompts have no tags.' : `Prompts may be tagged with ${kinds.join(', ')}.`,
    ...(s.fandomRequired ? ['Every prompt needs a fandom.'] : []),
  ];
}

/** The prompt form as typed. */
export interface PromptFormValues {
  title: string;
  description: string;
  fandoms: string;
  relationships: string;
  characters: string;
  freeforms: string;
  anonymous: boolean;
  pseudId: string;
}

export const EMPTY_PROMPT_FORM: PromptFormValues = {
  title: '',
  description: '',
  fandoms: '',
  relationships: '',
  characters: '',
  freeforms: '',
  anonymous: false,
  pseudId: '',
};

/** The form field that holds each tag kind. */
export const PROMPT_TAG_FIELDS: Record<FreeTagKind, 'fandoms' | 'relationships' | 'characters' | 'freeforms'> = {
  fandom: 'fandoms',
  relationship: 'relationships',
  character: 'characters',
  freeform: 'freeforms',
};

export interface CheckedPrompt {
  title: string;
  /** As typed (the use case sanitizes it). */
  description: string;
  tags: { kind: FreeTagKind; name: string }[];
  anonymous: boolean;
}

/** Checks a prompt against the meme's settings; problems go into `errors` keyed by field. */
export function checkPromptForm(
  values: PromptFormValues,
  settings: PromptMemeSettings,
  errors: Record<string, string>,
): CheckedPrompt {
  const title = values.title.replace(/\s+/g, ' ').trim();
  if (!title) errors.title = 'Give the prompt a title.';
  else {
    const long = overLimit('Title', title, PROMPT_LIMITS.title);
    if (long) errors.title = long;
  }
  const longDescription = overLimit('Description', values.description.trim(), PROMPT_LIMITS.description);
  if (longDescription) errors.description = longDescription;
  const tags: CheckedPrompt['tags'] = [];
  for (const kind of FREE_TAG_KINDS) {
    const field = PROMPT_TAG_FIELDS[kind];
    const names = parseTagList(values[field]);
    if (names.length === 0) continue;
    if (!settings.tagKinds.includes(kind)) {
      errors[field] = `This prompt meme takes no ${PROMPT_TAG_LABELS[kind].toLowerCase()}: leave the field empty.`;
      continue;
    }
    if (names.length > PROMPT_LIMITS.tagsPerKind) {
      errors[field] = `${PROMPT_TAG_LABELS[kind]}: at most ${PROMPT_LIMITS.tagsPerKind} (there are ${names.length}).`;
      continue;
    }
    const long = names.find((n) => characterCount(n) > LIMITS.tagName);
    if (long) {
      errors[field] = overLimit(`The tag “${long.slice(0, 40)}…”`, long, LIMITS.tagName)!;
      continue;
    }
    for (const name of names) tags.push({ kind, name });
  }
  if (settings.fandomRequired && !errors.fandoms && !tags.some((t) => t.kind === 'fandom'))
    errors.fandoms = 'Name at least one fandom: this prompt meme requires one.';
  if (values.anonymous && !settings.anonymousAllowed)
    errors.anonymous = 'This prompt meme names its prompters: untick “Post anonymously”.';
  return { title, description: values.description, tags, anonymous: values.anonymous };
}

/** The prompt list's filters and sort as sent. */
export interface PromptListQuery {
  tag: string;
  claimed: string;
  filled: string;
  sort: string;
  page: string;
}

export interface PromptFilters {
  /** A tag name (any kind), or ''. */
  tag: string;
  claimed: boolean | undefined;
  filled: boolean | undefined;
  sort: 'newest' | 'claims';
}

function yesNo(value: string): boolean | undefined {
  return value === 'yes' ? true : value === 'no' ? false : undefined;
}

export function parsePromptFilters(query: PromptListQuery): PromptFilters {
  return {
    tag: query.tag.replace(/\s+/g, ' ').trim().slice(0, LIMITS.tagName),
    claimed: yesNo(query.claimed),
    filled: yesNo(query.filled),
    sort: query.sort === 'claims' ? 'claims' : 'newest',
  };
}

/** How a prompter is shown: "Anonymous" unless the viewer may see who it is. */
export const ANONYMOUS_PROMPTER = 'Anonymous';
