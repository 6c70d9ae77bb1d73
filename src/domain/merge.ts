/**
 * Merging works: a creator combines several of their works (a one-shot and its sequel, say) into
 * one multi-chapter work, in the order they choose. The first work remains; the others become its
 * chapters, and nothing they had is lost. Pure rules: no I/O.
 */
import { ValidationError } from './errors.ts';
import {
  CATEGORIES,
  FREE_TAG_KINDS,
  LIMITS,
  WARNINGS,
  tagKey,
  type Rating,
  type TagKind,
  type Visibility,
} from './works.ts';

export interface MergeChapter {
  id: number;
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  draft: boolean;
  wordCount: number;
}

export interface MergeCreator {
  pseudId: number;
  userId: number;
  accepted: boolean;
}

export interface MergeTag {
  kind: TagKind;
  name: string;
}

export interface MergeCounters {
  hits: number;
  kudosCount: number;
  commentCount: number;
  bookmarkCount: number;
}

/** One of the works being merged, as the rules need to see it. Lists are in their stored order. */
export interface MergePart {
  id: number;
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  disclaimer: string;
  rating: Rating;
  visibility: Visibility;
  publishedAt: string | null;
  revisedAt: string | null;
  complete: boolean;
  expectedChapters: number | null;
  tags: MergeTag[];
  creators: MergeCreator[];
  chapters: MergeChapter[];
  counters: MergeCounters;
}

/** A chapter as it will be in the merged work. */
export interface PlannedChapter extends MergeChapter {
  /** The work it comes from. */
  workId: number;
  position: number;
}

export interface MergePlan {
  /** The first work in the chosen order: it keeps its id, title, summary, notes and settings. */
  remaining: MergePart;
  /** Every part's disclaimer, each different one once, in order (see mergedDisclaimer). */
  disclaimer: string;
  /** The others, in order: their chapters follow, and their addresses redirect. */
  mergedAway: MergePart[];
  rating: Rating;
  /** Every tag of the merged work in tagging order: rating, warnings, categories, then the free tags. */
  tags: MergeTag[];
  complete: boolean;
  expectedChapters: number | null;
  publishedAt: string | null;
  revisedAt: string | null;
  chapters: PlannedChapter[];
  creators: { pseudId: number; accepted: boolean }[];
  counters: MergeCounters;
}

export const MERGE_MESSAGES = {
  tooFew: 'Choose at least two works to merge.',
  ownWorks: 'Choose your own works: you can merge only works you are a creator of.',
  orderNumber: 'Order numbers are whole numbers from 1 up.',
  orderTwice: 'Give every chosen work a different order number.',
} as const;

/** The largest id a work can have (PostgreSQL's serial is a 32-bit integer). */
const MAX_WORK_ID = 2_147_483_647;

/** A work id from a form or URL, or undefined when it cannot be one. */
export function parseWorkId(value: string): number | undefined {
  if (!/^\d{1,10}$/.test(value.trim())) return undefined;
  const id = Number(value.trim());
  return id >= 1 && id <= MAX_WORK_ID ? id : undefined;
}

/** One row of the merge form: a work of the creator's, ticked or not, with the order number typed for it. */
export interface MergeChoice {
  workId: number;
  chosen: boolean;
  order: string;
}

/**
 * The chosen works in the order the creator asked for: numbered ones by their number, then any
 * left unnumbered, in the order of the list.
 */
export function orderChoices(choices: MergeChoice[]): number[] {
  const chosen = choices.filter((c) => c.chosen);
  const errors: Record<string, string> = {};
  const numbered = chosen
    .filter((c) => c.order.trim() !== '')
    .map((c) => ({ workId: c.workId, order: Number(c.order.trim()) }));
  if (numbered.some((n) => !Number.isSafeInteger(n.order) || n.order < 1)) errors.order = MERGE_MESSAGES.orderNumber;
  else if (new Set(numbered.map((n) => n.order)).size !== numbered.length) errors.order = MERGE_MESSAGES.orderTwice;
  const ids = [...new Set(chosen.map((c) => c.workId))];
  if (ids.length < 2) errors.works = MERGE_MESSAGES.tooFew;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  const unnumbered = chosen.filter((c) => c.order.trim() === '').map((c) => c.workId);
  return [...new Set([...numbered.sort((a, b) => a.order - b.order).map((n) => n.workId), ...unnumbered])];
}

/**
 * How much a rating restricts who should read, least first. "Not Rated" means the creator did not
 * say, so the work may hold anything: of the ratings only Explicit says more about a part than that.
 */
const RESTRICTIVENESS: Rating[] = ['General Audiences', 'Teen And Up Audiences', 'Mature', 'Not Rated', 'Explicit'];

export function combinedRating(ratings: Rating[]): Rating {
  return ratings.reduce(
    (most, rating) => (RESTRICTIVENESS.indexOf(rating) > RESTRICTIVENESS.indexOf(most) ? rating : most),
    'General Audiences',
  );
}

/** Every warning of every part; "No Archive Warnings Apply" stays only when nothing else is said. */
export function combinedWarnings(warnings: string[]): string[] {
  const united = WARNINGS.filter((w) => warnings.includes(w));
  return united.length > 1 ? united.filter((w) => w !== 'No Archive Warnings Apply') : united;
}

function join(...texts: string[]): string {
  return texts.filter((t) => t.trim() !== '').join('\n');
}

/** Where a work's own texts go: its first and last chapters that readers see (drafts only when all are). */
function firstAndLast(chapters: MergeChapter[]): { first: MergeChapter; last: MergeChapter } {
  const posted = chapters.filter((c) => !c.draft);
  const visible = posted.length > 0 ? posted : chapters;
  return { first: visible[0], last: visible[visible.length - 1] };
}

/** A merged-away work's title heads its first chapter, before any title the chapter had. */
function carriedTitle(workTitle: string, chapterTitle: string): string {
  if (chapterTitle === '') return workTitle;
  const both = `${workTitle} — ${chapterTitle}`;
  return [...both].length <= LIMITS.chapterTitle ? both : chapterTitle;
}

/**
 * The disclaimers the merged work keeps, and those of merged-away works that would take it over
 * the disclaimer limit. A disclaimer covers the text it came with, which is now the merged
 * work's, so each different one is kept; one already said is not said twice.
 */
function mergedDisclaimers(parts: MergePart[]): { disclaimer: string; overflow: Map<number, string> } {
  const said = new Set<string>();
  const kept: string[] = [];
  const overflow = new Map<number, string>();
  for (const part of parts) {
    const text = part.disclaimer.trim();
    if (text === '' || said.has(text)) continue;
    said.add(text);
    if ([...join(...kept, text)].length <= LIMITS.disclaimer || kept.length === 0) kept.push(text);
    else overflow.set(part.id, text);
  }
  return { disclaimer: join(...kept), overflow };
}

/**
 * The chapters of every part, in order. A merged-away work's summary and notes go onto its first
 * chapter and its end notes onto its last, after whatever those chapters had; the remaining
 * work's end notes go onto its own last chapter, so they still follow the text they were written
 * after rather than the end of the merged work. A disclaimer that does not fit the merged work's
 * goes onto its work's first chapter, under its own heading.
 */
function plannedChapters(parts: MergePart[], disclaimers: Map<number, string>): PlannedChapter[] {
  const planned: PlannedChapter[] = [];
  for (const [index, part] of parts.entries()) {
    if (part.chapters.length === 0) continue;
    const { first, last } = firstAndLast(part.chapters);
    for (const chapter of part.chapters) {
      const carried = { ...chapter };
      if (index > 0 && chapter === first) {
        carried.title = carriedTitle(part.title, chapter.title);
        carried.summary = join(chapter.summary, part.summary);
        carried.notes = join(chapter.notes, part.notes);
      }
      const disclaimer = disclaimers.get(part.id);
      if (disclaimer && chapter === first)
        carried.notes = join(carried.notes, `<p><strong>Disclaimer:</strong></p>${disclaimer}`);
      if (chapter === last) carried.endNotes = join(chapter.endNotes, part.endNotes);
      planned.push({ ...carried, workId: part.id, position: planned.length + 1 });
    }
  }
  return planned;
}

function postedCount(part: MergePart): number {
  return part.chapters.filter((c) => !c.draft).length;
}

/** Expected chapters add up; one part of unknown length makes the whole unknown (shown as "?"). */
function expectedChapters(parts: MergePart[]): number | null {
  let total = 0;
  for (const part of parts) {
    if (part.complete) total += postedCount(part);
    else if (part.expectedChapters === null) return null;
    else total += Math.max(part.expectedChapters, postedCount(part));
  }
  return total;
}

/** Tags of every part, each once (case-insensitively), in order of first appearance. */
function unitedTags(parts: MergePart[], kind: TagKind): MergeTag[] {
  const seen = new Set<string>();
  const tags: MergeTag[] = [];
  for (const tag of parts.flatMap((p) => p.tags).filter((t) => t.kind === kind)) {
    const key = tagKey(tag.name);
    if (seen.has(key)) continue;
    seen.add(key);
    tags.push({ kind, name: tag.name });
  }
  return tags;
}

/**
 * Co-creators of every part, each pen name once. A pen name invited but not yet accepted on any
 * part stays invited: accepting one work is no consent to be named on another's text.
 */
function unitedCreators(parts: MergePart[]): { pseudId: number; accepted: boolean }[] {
  const creators = new Map<number, boolean>();
  for (const creator of parts.flatMap((p) => p.creators))
    creators.set(creator.pseudId, (creators.get(creator.pseudId) ?? true) && creator.accepted);
  return [...creators].map(([pseudId, accepted]) => ({ pseudId, accepted }));
}

function earliest(values: (string | null)[]): string | null {
  return values.filter((v): v is string => v !== null).sort()[0] ?? null;
}

function latest(values: (string | null)[]): string | null {
  return (
    values
      .filter((v): v is string => v !== null)
      .sort()
      .at(-1) ?? null
  );
}

/**
 * Checks that the viewer may merge these works in this order, and works out the merged work.
 * `parts` are the works found for `requestedIds`, in that order; hidden or missing ones are
 * simply absent, and are refused with the same words as someone else's work.
 */
export function planMerge(requestedIds: number[], parts: MergePart[], viewerId: number): MergePlan {
  const ids = [...new Set(requestedIds)];
  if (ids.length < 2) throw new ValidationError({ works: MERGE_MESSAGES.tooFew });
  const found = ids.map((id) => parts.find((p) => p.id === id));
  const own = found.every((part) => part?.creators.some((c) => c.userId === viewerId && c.accepted));
  if (!own) throw new ValidationError({ works: MERGE_MESSAGES.ownWorks });
  const ordered = found as MergePart[];

  const freeTags = FREE_TAG_KINDS.flatMap((kind) => unitedTags(ordered, kind));
  if (freeTags.length > LIMITS.userTags) {
    throw new ValidationError({
      works: `Together these works have ${freeTags.length} fandom, relationship, character and additional tags, and a work may have at most ${LIMITS.userTags}. Remove ${freeTags.length - LIMITS.userTags} of them from the works first, so that none is dropped without your say.`,
    });
  }
  const rating = combinedRating(ordered.map((p) => p.rating));
  const tagsOf = (kind: TagKind) =>
    ordered
      .flatMap((p) => p.tags)
      .filter((t) => t.kind === kind)
      .map((t) => t.name);
  const warnings = combinedWarnings(tagsOf('warning'));
  const categories = CATEGORIES.filter((c) => tagsOf('category').includes(c));
  const disclaimers = mergedDisclaimers(ordered);

  return {
    remaining: ordered[0],
    disclaimer: disclaimers.disclaimer,
    mergedAway: ordered.slice(1),
    rating,
    tags: [
      { kind: 'rating', name: rating },
      ...warnings.map((name): MergeTag => ({ kind: 'warning', name })),
      ...categories.map((name): MergeTag => ({ kind: 'category', name })),
      ...freeTags,
    ],
    complete: ordered.every((p) => p.complete),
    expectedChapters: expectedChapters(ordered),
    publishedAt: earliest(ordered.map((p) => p.publishedAt)),
    revisedAt: latest(ordered.map((p) => p.revisedAt)),
    chapters: plannedChapters(ordered, disclaimers.overflow),
    creators: unitedCreators(ordered),
    counters: {
      hits: ordered.reduce((n, p) => n + p.counters.hits, 0),
      kudosCount: ordered.reduce((n, p) => n + p.counters.kudosCount, 0),
      commentCount: ordered.reduce((n, p) => n + p.counters.commentCount, 0),
      bookmarkCount: ordered.reduce((n, p) => n + p.counters.bookmarkCount, 0),
    },
  };
}

export type Audience = 'creators' | 'registered' | 'everyone';

/** Who can read a work: its creators only (a draft, or not out yet), logged-in users, or everyone. */
export function audienceOf(visibility: Visibility, publishedAt: string | null, now: string): Audience {
  if (visibility === 'draft' || publishedAt === null || publishedAt > now) return 'creators';
  return visibility === 'registered' ? 'registered' : 'everyone';
}

/**
 * Parts whose readers change with the merge: the merged work has the remaining work's visibility
 * and the earliest publication date, so a draft or scheduled part comes out with it, and a
 * public part merged into a draft disappears from readers until the draft is posted.
 */
export function audienceChanges(
  plan: MergePlan,
  now: string,
): { part: MergePart; before: Audience; after: Audience }[] {
  const after = audienceOf(plan.remaining.visibility, plan.publishedAt, now);
  return [plan.remaining, ...plan.mergedAway]
    .map((part) => ({ part, before: audienceOf(part.visibility, part.publishedAt, now), after }))
    .filter((change) => change.before !== change.after);
}

/** A gift recipient or beta reader of one part. */
export interface CreditRow {
  id: number;
  workId: number;
  role: string;
  pseudId: number | null;
  name: string;
  refused: boolean;
}

/**
 * The credits of the merged work: every person once per role, in part order. A recipient who
 * refused the gift of any part is not named on the whole, which holds that part's text.
 * `rows` come in part order, then by role and position.
 */
export function uniteCredits(rows: CreditRow[]): {
  keep: { id: number; position: number; refused: boolean }[];
  drop: number[];
} {
  const kept = new Map<string, { id: number; role: string; refused: boolean }>();
  const drop: number[] = [];
  for (const row of rows) {
    const key = `${row.role}\u0000${row.pseudId !== null ? `pseud:${row.pseudId}` : `name:${tagKey(row.name)}`}`;
    const earlier = kept.get(key);
    if (earlier) {
      earlier.refused ||= row.refused;
      drop.push(row.id);
    } else kept.set(key, { id: row.id, role: row.role, refused: row.refused });
  }
  const positions = new Map<string, number>();
  const keep = [...kept.values()].map((credit) => {
    const position = positions.get(credit.role) ?? 0;
    positions.set(credit.role, position + 1);
    return { id: credit.id, position, refused: credit.refused };
  });
  return { keep, drop };
}

/** A "sequel of", "inspired by" or "translation of" link, to a work here or a page elsewhere. */
export interface RelationRow {
  id: number;
  workId: number;
  relation: string;
  position: number;
  targetWorkId: number | null;
  url: string;
}

/**
 * Relations after the merge. The parts' own links move to the remaining work (in part order);
 * links from anywhere to a merged-away work point at the remaining work instead; a link that
 * would now point at its own work is dropped, and so is one that repeats another. Give every row
 * of each work concerned (the parts, and works linking to a merged-away one), so positions are
 * renumbered over the whole list.
 */
export function settleRelations(
  rows: RelationRow[],
  remainingId: number,
  mergedAwayIds: number[],
): { keep: { id: number; workId: number; targetWorkId: number | null; position: number }[]; drop: number[] } {
  const partOrder = [remainingId, ...mergedAwayIds];
  const follow = (id: number) => (mergedAwayIds.includes(id) ? remainingId : id);
  const moved = rows
    .map((row) => ({
      row,
      workId: follow(row.workId),
      targetWorkId: row.targetWorkId === null ? null : follow(row.targetWorkId),
    }))
    .sort(
      (a, b) =>
        a.workId - b.workId ||
        partOrder.indexOf(a.row.workId) - partOrder.indexOf(b.row.workId) ||
        a.row.position - b.row.position ||
        a.row.id - b.row.id,
    );
  const seen = new Set<string>();
  const positions = new Map<number, number>();
  const keep: { id: number; workId: number; targetWorkId: number | null; position: number }[] = [];
  const drop: number[] = [];
  for (const { row, workId, targetWorkId } of moved) {
    const key = `${workId}\u0000${row.relation}\u0000${targetWorkId !== null ? `work:${targetWorkId}` : `url:${row.url.trim()}`}`;
    if (targetWorkId === workId || seen.has(key)) {
      drop.push(row.id);
      continue;
    }
    seen.add(key);
    const position = positions.get(workId) ?? 0;
    positions.set(workId, position + 1);
    keep.push({ id: row.id, workId, targetWorkId, position });
  }
  return { keep, drop };
}

/**
 * A series' works after the merge, in order: the remaining work keeps its place where it has one,
 * and otherwise takes the place of the first merged-away work in the series.
 */
export function settleSeries(workIds: number[], remainingId: number, mergedAwayIds: number[]): number[] {
  const hasRemaining = workIds.includes(remainingId);
  const settled: number[] = [];
  for (const id of workIds) {
    if (!mergedAwayIds.includes(id)) settled.push(id);
    else if (!hasRemaining && !settled.includes(remainingId)) settled.push(remainingId);
  }
  return settled;
}
