import type { TagKind } from '../domain/works.ts';
import type { NumberRange } from '../domain/search-query.ts';
import { TAG_KINDS, type IndexQuery, type IndexResult, type SortKey, type TagCount } from './work-index.ts';

/** A work as the index holds it: only what filters, sorts and sidebar counts need. */
export interface IndexedWork {
  id: number;
  /** 0 public, 1 registered users only, 2 never listed (draft). */
  visibility: 0 | 1 | 2;
  /** Milliseconds; Infinity while unpublished. */
  publishedAt: number;
  /** Last update readers see (revised_at, else updated_at), milliseconds. */
  updatedAt: number;
  complete: boolean;
  chapters: number;
  words: number;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
  language: string;
  title: string;
  /** First accepted creator's pen name. */
  creator: string;
  creatorUserIds: number[];
  /** Effective filter tags: canonical tags and their same-kind ancestors, distinct. */
  tagIds: number[];
  /** Distinct canonical fandoms (more than one: a crossover). */
  fandoms: number;
}

export const KIND_CODES: Record<TagKind, number> = { rating: 0, warning: 1, category: 2, fandom: 3, relationship: 4, character: 5, freeform: 6 };

const DAY = 86_400_000;

/** A growable sorted list of work ordinals. */
class Posting {
  items: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.items = new Int32Array(Math.max(4, capacity));
  }
  private find(ord: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid] < ord) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  has(ord: number): boolean {
    const at = this.find(ord);
    return at < this.length && this.items[at] === ord;
  }
  add(ord: number): void {
    if (this.length > 0 && this.items[this.length - 1] < ord) {
      this.grow();
      this.items[this.length++] = ord;
      return;
    }
    const at = this.find(ord);
    if (at < this.length && this.items[at] === ord) return;
    this.grow();
    this.items.copyWithin(at + 1, at, this.length);
    this.items[at] = ord;
    this.length++;
  }
  remove(ord: number): void {
    const at = this.find(ord);
    if (at >= this.length || this.items[at] !== ord) return;
    this.items.copyWithin(at, at + 1, this.length);
    this.length--;
  }
  private grow(): void {
    if (this.length < this.items.length) return;
    const bigger = new Int32Array(this.items.length * 2);
    bigger.set(this.items);
    this.items = bigger;
  }
}

function growInt32<T extends Int32Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b as T;
}
function growFloat64<T extends Float64Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const b = new Float64Array(Math.max(size, a.length * 2));
  b.set(a);
  return b as T;
}
function growUint8<T extends Uint8Array>(a: T, size: number): T {
  if (size <= a.length) return a;
  const b = new Uint8Array(Math.max(size, a.length * 2));
  b.set(a);
  return b as T;
}

/** The first three UTF-16 units of a lower-cased string as one number, so most comparisons need no string. */
function prefixKey(text: string): number {
  const s = text.toLowerCase();
  return (s.charCodeAt(0) || 0) * 4294967296 + (s.charCodeAt(1) || 0) * 65536 + (s.charCodeAt(2) || 0);
}

function inRange(value: number, range: NumberRange | undefined): boolean {
  if (!range) return true;
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

/**
 * Works in columns of typed arrays, indexed by a dense ordinal; a sorted posting list of ordinals
 * per effective tag. Answers a listing by scanning (or intersecting postings), counts the tags of
 * the result for the sidebar, and picks the page with a bounded heap (a full sort only for deep pages).
 */
export class MemoryIndex {
  private count = 0;
  private ordOfId = new Int32Array(1024).fill(-1);
  private ids = new Int32Array(1024);
  private visibility = new Uint8Array(1024);
  private publishedAt = new Float64Array(1024);
  private updatedAt = new Float64Array(1024);
  private complete = new Uint8Array(1024);
  private fandomCount = new Uint8Array(1024);
  private chapters = new Int32Array(1024);
  private words = new Int32Array(1024);
  private hits = new Int32Array(1024);
  private kudos = new Int32Array(1024);
  private comments = new Int32Array(1024);
  private bookmarks = new Int32Array(1024);
  private language = new Uint8Array(1024);
  private titleKey = new Float64Array(1024);
  private creatorKey = new Float64Array(1024);
  private titles: string[] = [];
  private creators: string[] = [];
  private creatorUsers: (number[] | undefined)[] = [];
  private tagsOf: (Int32Array | undefined)[] = [];
  private postings = new Map<number, Posting>();
  private languages: string[] = [];
  private kindOfTag = new Uint8Array(1024).fill(255);
  private tagCounts = new Int32Array(1024);
  private marks = new Uint8Array(1024);

  get size(): number {
    return this.count;
  }

  setTagKind(tagId: number, kind: TagKind): void {
    if (tagId >= this.kindOfTag.length) {
      const bigger = new Uint8Array(Math.max(tagId + 1, this.kindOfTag.length * 2)).fill(255);
      bigger.set(this.kindOfTag);
      this.kindOfTag = bigger;
    }
    this.kindOfTag[tagId] = KIND_CODES[kind];
  }

  private languageCode(language: string): number {
    let code = this.languages.indexOf(language);
    if (code === -1) {
      code = this.languages.length;
      this.languages.push(language);
    }
    return code;
  }

  private ensureCapacity(size: number): void {
    this.ids = growInt32(this.ids, size);
    this.visibility = growUint8(this.visibility, size);
    this.publishedAt = growFloat64(this.publishedAt, size);
    this.updatedAt = growFloat64(this.updatedAt, size);
    this.complete = growUint8(this.complete, size);
    this.fandomCount = growUint8(this.fandomCount, size);
    this.chapters = growInt32(this.chapters, size);
    this.words = growInt32(this.words, size);
    this.hits = growInt32(this.hits, size);
    this.kudos = growInt32(this.kudos, size);
    this.comments = growInt32(this.comments, size);
    this.bookmarks = growInt32(this.bookmarks, size);
    this.language = growUint8(this.language, size);
    this.titleKey = growFloat64(this.titleKey, size);
    this.creatorKey = growFloat64(this.creatorKey, size);
    this.marks = growUint8(this.marks, size);
  }

  /** Adds or replaces a work. */
  upsert(work: IndexedWork): void {
    if (work.id >= this.ordOfId.length) {
      const bigger = new Int32Array(Math.max(work.id + 1, this.ordOfId.length * 2)).fill(-1);
      bigger.set(this.ordOfId);
      this.ordOfId = bigger;
    }
    let ord = this.ordOfId[work.id];
    if (ord === -1) {
      ord = this.count++;
      this.ensureCapacity(this.count);
      this.ordOfId[work.id] = ord;
      this.ids[ord] = work.id;
    }
    this.visibility[ord] = work.visibility;
    this.publishedAt[ord] = work.publishedAt;
    this.updatedAt[ord] = work.updatedAt;
    this.complete[ord] = work.complete ? 1 : 0;
    this.fandomCount[ord] = Math.min(255, work.fandoms);
    this.chapters[ord] = work.chapters;
    this.words[ord] = work.words;
    this.hits[ord] = work.hits;
    this.kudos[ord] = work.kudos;
    this.comments[ord] = work.comments;
    this.bookmarks[ord] = work.bookmarks;
    this.language[ord] = this.languageCode(work.language);
    this.titles[ord] = work.title.toLowerCase();
    this.titleKey[ord] = prefixKey(work.title);
    this.creators[ord] = work.creator.toLowerCase();
    this.creatorKey[ord] = prefixKey(work.creator);
    this.creatorUsers[ord] = work.creatorUserIds.length > 0 ? work.creatorUserIds : undefined;
    const tags = Int32Array.from(new Set(work.tagIds)).sort();
    const before = this.tagsOf[ord];
    if (before) for (const tagId of before) if (!tags.includes(tagId)) this.postings.get(tagId)?.remove(ord);
    for (const tagId of tags) {
      if (before?.includes(tagId)) continue;
      let posting = this.postings.get(tagId);
      if (!posting) this.postings.set(tagId, (posting = new Posting()));
      posting.add(ord);
    }
    this.tagsOf[ord] = tags;
  }

  /** A deleted work: its ordinal stays, never listed again, until it is re-created under the same id. */
  remove(workId: number): void {
    const ord = workId < this.ordOfId.length ? this.ordOfId[workId] : -1;
    if (ord === -1) return;
    this.visibility[ord] = 2;
    for (const tagId of this.tagsOf[ord] ?? []) this.postings.get(tagId)?.remove(ord);
    this.tagsOf[ord] = new Int32Array(0);
    this.creatorUsers[ord] = undefined;
  }

  has(workId: number): boolean {
    return workId < this.ordOfId.length && this.ordOfId[workId] !== -1 && this.visibility[this.ordOfId[workId]] !== 2;
  }

  query(q: IndexQuery, now = Date.now()): IndexResult {
    const matches = this.filter(q, now);
    return {
      total: matches.length,
      workIds: this.page(matches, q).map((ord) => this.ids[ord]),
      facets: this.facets(matches, q.facetLimit),
    };
  }

  private posting(tagId: number): Posting | undefined {
    return this.postings.get(tagId);
  }

  private filter(q: IndexQuery, now: number): Int32Array {
    // Candidates: the shortest include posting (or the text matches, or every work).
    let candidates: Int32Array | null = null;
    let candidateCount = this.count;
    const includes: Posting[] = [];
    for (const tagId of new Set(q.includeTagIds)) {
      const posting = this.posting(tagId);
      if (!posting) return new Int32Array(0);
      includes.push(posting);
    }
    includes.sort((a, b) => a.length - b.length);
    if (includes.length > 0) {
      candidates = includes[0].items;
      candidateCount = includes[0].length;
    }
    if (q.textMatches) {
      const ords: number[] = [];
      for (const workId of q.textMatches.keys()) {
        const ord = workId < this.ordOfId.length ? this.ordOfId[workId] : -1;
        if (ord !== -1) ords.push(ord);
      }
      if (candidates === null || ords.length < candidateCount) {
        candidates = Int32Array.from(ords).sort();
        candidateCount = candidates.length;
      } else {
        // The tag posting is shorter: keep it and check text matches per work below.
      }
    }
    const rest = candidates === null ? includes : includes.filter((p) => p.items !== candidates);

    // Exclusions (tags and muted tags) are marked once, then checked per work in O(1).
    const marked: Posting[] = [];
    for (const tagId of new Set([...q.excludeTagIds, ...q.mutedTagIds])) {
      const posting = this.posting(tagId);
      if (posting) marked.push(posting);
    }
    const marks = this.marks;
    for (const p of marked) for (let i = 0; i < p.length; i++) marks[p.items[i]] = 1;
    const mutedUsers = q.mutedUserIds.length > 0 ? new Set(q.mutedUserIds) : null;

    const maxVisibility = q.member ? 1 : 0;
    const language = q.language === undefined ? -1 : this.languages.indexOf(q.language);
    if (q.language !== undefined && language === -1) return new Int32Array(0);
    const from = q.updatedFrom ? Date.parse(`${q.updatedFrom}T00:00:00Z`) : -Infinity;
    const to = q.updatedTo ? Date.parse(`${q.updatedTo}T00:00:00Z`) + DAY - 1 : Infinity;
    const r = q.ranges;
    const complete = q.complete === undefined ? -1 : q.complete ? 1 : 0;
    const text = q.textMatches;
    const checkText = text !== undefined && candidates !== null && candidateCount !== text.size;

    const out = new Int32Array(candidateCount);
    let n = 0;
    for (let i = 0; i < candidateCount; i++) {
      const ord = candidates === null ? i : candidates[i];
      if (this.visibility[ord] > maxVisibility || this.publishedAt[ord] > now) continue;
      if (marks[ord] === 1) continue;
      if (complete !== -1 && this.complete[ord] !== complete) continue;
      if (q.singleChapter && this.chapters[ord] !== 1) continue;
      if (q.crossovers === 'exclude' && this.fandomCount[ord] > 1) continue;
      if (q.crossovers === 'only' && this.fandomCount[ord] < 2) continue;
      if (language !== -1 && this.language[ord] !== language) continue;
      const updated = this.updatedAt[ord];
      if (updated < from || updated > to) continue;
      if (r.words && !inRange(this.words[ord], r.words)) continue;
      if (r.kudos && !inRange(this.kudos[ord], r.kudos)) continue;
      if (r.hits && !inRange(this.hits[ord], r.hits)) continue;
      if (r.comments && !inRange(this.comments[ord], r.comments)) continue;
      if (r.bookmarks && !inRange(this.bookmarks[ord], r.bookmarks)) continue;
      if (r.chapters && !inRange(this.chapters[ord], r.chapters)) continue;
      if (checkText && !text.has(this.ids[ord])) continue;
      let ok = true;
      for (const p of rest) {
        if (!p.has(ord)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (mutedUsers) {
        const users = this.creatorUsers[ord];
        if (users && users.some((u) => mutedUsers.has(u))) continue;
      }
      out[n++] = ord;
    }
    for (const p of marked) for (let i = 0; i < p.length; i++) marks[p.items[i]] = 0;
    return out.subarray(0, n);
  }

  /** Sort value, larger first (title and creator: smaller first, so they are negated). */
  private comparator(q: IndexQuery): (a: number, b: number) => number {
    const byNumber = (values: ArrayLike<number>) => (a: number, b: number) => values[b] - values[a] || this.ids[b] - this.ids[a];
    const byText = (keys: Float64Array, texts: string[]) => (a: number, b: number) => {
      const d = keys[a] - keys[b];
      if (d !== 0) return d;
      const ta = texts[a];
      const tb = texts[b];
      return ta < tb ? -1 : ta > tb ? 1 : this.ids[b] - this.ids[a];
    };
    const sort: SortKey = q.sort === 'best' && !q.textMatches ? 'updated' : q.sort;
    switch (sort) {
      case 'best': {
        const rank = q.textMatches!;
        return (a, b) => rank.get(this.ids[a])! - rank.get(this.ids[b])! || this.updatedAt[b] - this.updatedAt[a] || this.ids[b] - this.ids[a];
      }
      case 'creator': return byText(this.creatorKey, this.creators);
      case 'title': return byText(this.titleKey, this.titles);
      case 'posted': return byNumber(this.publishedAt);
      case 'updated': return byNumber(this.updatedAt);
      case 'words': return byNumber(this.words);
      case 'hits': return byNumber(this.hits);
      case 'kudos': return byNumber(this.kudos);
      case 'comments': return byNumber(this.comments);
      case 'bookmarks': return byNumber(this.bookmarks);
    }
  }

  private page(matches: Int32Array, q: IndexQuery): number[] {
    const wanted = q.offset + q.limit;
    if (q.offset >= matches.length || q.limit <= 0) return [];
    const compare = this.comparator(q);
    if (wanted > 2000 || wanted * 8 > matches.length) {
      const sorted = Array.from(matches).sort(compare);
      return sorted.slice(q.offset, wanted);
    }
    // A bounded max-heap (by the comparator) of the best `wanted` so far; its root is the worst kept.
    const heap: number[] = [];
    const up = (i: number) => {
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (compare(heap[i], heap[parent]) <= 0) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    };
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const rr = l + 1;
        let worst = i;
        if (l < heap.length && compare(heap[l], heap[worst]) > 0) worst = l;
        if (rr < heap.length && compare(heap[rr], heap[worst]) > 0) worst = rr;
        if (worst === i) break;
        [heap[i], heap[worst]] = [heap[worst], heap[i]];
        i = worst;
      }
    };
    for (let i = 0; i < matches.length; i++) {
      const ord = matches[i];
      if (heap.length < wanted) {
        heap.push(ord);
        up(heap.length - 1);
      } else if (compare(ord, heap[0]) < 0) {
        heap[0] = ord;
        down(0);
      }
    }
    return heap.sort(compare).slice(q.offset, wanted);
  }

  private facets(matches: Int32Array, limit: number): Record<TagKind, TagCount[]> {
    const result = Object.fromEntries(TAG_KINDS.map((kind) => [kind, [] as TagCount[]])) as Record<TagKind, TagCount[]>;
    if (limit <= 0) return result;
    if (this.tagCounts.length < this.kindOfTag.length) this.tagCounts = new Int32Array(this.kindOfTag.length);
    const counts = this.tagCounts;
    const touched: number[] = [];
    for (let i = 0; i < matches.length; i++) {
      const tags = this.tagsOf[matches[i]]!;
      for (let j = 0; j < tags.length; j++) {
        const t = tags[j];
        if (counts[t]++ === 0) touched.push(t);
      }
    }
    const byKind: TagCount[][] = TAG_KINDS.map(() => []);
    for (const tagId of touched) {
      const kind = this.kindOfTag[tagId];
      const list = byKind[kind];
      if (!list) continue;
      const count = counts[tagId];
      if (list.length < limit || count > list[list.length - 1].count || (count === list[list.length - 1].count && tagId < list[list.length - 1].tagId)) {
        list.push({ tagId, count });
        list.sort((a, b) => b.count - a.count || a.tagId - b.tagId);
        if (list.length > limit) list.pop();
      }
      counts[tagId] = 0;
    }
    TAG_KINDS.forEach((kind, i) => (result[kind] = byKind[i]));
    return result;
  }
}
