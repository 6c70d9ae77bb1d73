/**
 * The posting form's values, as every surface that posts or changes a work fills them: the HTML
 * form, the JSON API (which merges a body into them) and autosave. Pure: no store, no HTTP.
 */
import { parsePublishAt, type WorkInput } from '../domain/works.ts';
import { personLabel, type RelatedRow } from '../domain/work-links.ts';
import type { Pseud, Work } from '../store/index.ts';
import type { WorkSpamFields } from './work-spam.ts';

export interface WorkFormValues extends WorkInput {
  creatorPseudIds: string[];
  chapterTitle: string;
  body: string;
  /** An existing series of the writer's to add the work to, or a new series to start. */
  seriesId: string;
  newSeriesTitle: string;
  /** Short names of collections to file the work in (src/app/collections.ts); undefined leaves them as they are. */
  collections?: string;
  /** The prompt (src/app/prompt-memes.ts) a new work fills: linked to it and filed in its collection; '' or undefined: none. */
  promptId?: string;
  /** The gift exchange assignment (src/app/gift-exchanges.ts) a new work is the gift for; '' or undefined: none. */
  assignmentId?: string;
  /** Other users' pen names to invite, comma-separated ("Pen name (username)"). */
  coCreators: string;
  gifts: string;
  betas: string;
  related: RelatedRow[];
  /** The posting form's honeypot and signed time (src/app/work-spam.ts); API posts have none. */
  spamCheck?: WorkSpamFields;
}

/** The form for a new work: the writer's preferred pen name, and its disclaimer. */
export function emptyWorkForm(pseuds: Pseud[]): WorkFormValues {
  const preferred = pseuds.find((p) => p.isDefault) ?? pseuds[0];
  return {
    title: '',
    summary: '',
    notes: '',
    endNotes: '',
    rating: '',
    warnings: [],
    categories: [],
    fandoms: '',
    relationships: '',
    characters: '',
    freeforms: '',
    language: 'en',
    visibility: 'public',
    commentPolicy: 'everyone',
    moderated: false,
    expectedChapters: '1',
    complete: true,
    publishAt: '',
    noindex: false,
    passageComments: true,
    creatorPseudIds: preferred ? [String(preferred.id)] : [],
    chapterTitle: '',
    body: '',
    seriesId: '',
    newSeriesTitle: '',
    disclaimer: preferred?.defaultDisclaimer ?? '',
    coCreators: '',
    gifts: '',
    betas: '',
    related: [],
  };
}

/** The form's values for an existing work, as its edit form shows them to one of its creators. */
export function workFormValues(work: Work, viewerId: number): WorkFormValues {
  const names = (kind: string) => work.tags.filter((t) => t.kind === kind).map((t) => t.name);
  const credits = (role: 'gift' | 'beta') =>
    work.credits
      .filter((c) => c.role === role && !c.refused)
      .map((c) => (c.login && c.pseudName ? personLabel(c.pseudName, c.login) : c.name))
      .join(', ');
  return {
    title: work.title,
    summary: work.summary,
    notes: work.notes,
    endNotes: work.endNotes,
    disclaimer: work.disclaimer,
    rating: work.rating,
    warnings: names('warning'),
    categories: names('category'),
    fandoms: names('fandom').join(', '),
    relationships: names('relationship').join(', '),
    characters: names('character').join(', '),
    freeforms: names('freeform').join(', '),
    language: work.language,
    visibility: work.visibility,
    commentPolicy: work.commentPolicy,
    moderated: work.moderated,
    expectedChapters: work.expectedChapters === null ? '?' : String(work.expectedChapters),
    complete: work.complete,
    publishAt: '',
    noindex: work.noindex ?? false,
    passageComments: work.passageComments !== false,
    creatorPseudIds: work.creators.filter((c) => c.userId === viewerId).map((c) => String(c.pseudId)),
    chapterTitle: '',
    body: '',
    seriesId: '',
    newSeriesTitle: '',
    coCreators: work.creators
      .filter((c) => !c.accepted)
      .map((c) => personLabel(c.name, c.login))
      .join(', '),
    gifts: credits('gift'),
    betas: credits('beta'),
    related: work.related.map((r) => ({
      relation: r.relation,
      target: r.targetWorkId !== null ? `/works/${r.targetWorkId}` : r.url,
      title: r.title,
    })),
  };
}

/**
 * The three buttons of the posting and chapter forms: Preview renders what readers will see and
 * saves nothing; Save as draft keeps it from readers; Post posts it (or schedules it).
 */
export type PostingAction = 'preview' | 'draft' | 'post';

/** What a Save as draft, Post or Save changes came to, for the message the writer sees. */
export type PostingOutcome =
  | { kind: 'draft' }
  | { kind: 'posted' }
  /** Posted, but readers see it only from `at` (the work's publication date, in the future). */
  | { kind: 'scheduled'; at: string }
  /** Changes to something already posted. */
  | { kind: 'saved' }
  /** A chapter posted in a work that is still a draft: readers see it once the work is posted. */
  | { kind: 'inDraftWork' }
  /** Posted, but held hidden by the spam check until a moderator looks at it. */
  | { kind: 'held' };

/** The future moment a typed publication date schedules the work for; undefined for "now", a backdate or a malformed date. */
export function scheduledFor(publishAt: string, now: Date = new Date()): string | undefined {
  if (publishAt.trim() === '') return undefined;
  const at = parsePublishAt(publishAt);
  return at !== undefined && at > now.toISOString() ? at : undefined;
}

/** Whether a work's publication date is still to come (it is scheduled). */
export function isScheduled(publishedAt: string | null, now: Date = new Date()): publishedAt is string {
  return publishedAt !== null && publishedAt > now.toISOString();
}
