import type { TagKind } from '../domain/works.ts';
import type { NumberRange } from '../domain/search-query.ts';
import { TAG_KINDS, type IndexQuery, type IndexResult, type SortKey, type TagCount } from './work-index.ts';
import { readLists, SnapshotRefused, writeLists, type SnapshotReader, type SnapshotWriter } from './index-snapshot.ts';

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

export const KIND_CODES: Record<TagKind, number> = {
  rating: 0,
  warning: 1,
  category: 2,
  fandom: 3,
  relationship: 4,
  character: 5,
  freeform: 6,
};

const DAY = 86_400_000;
const SLOTS = 16;
const CACHE_SIZE = 64;
/** Bytes of cached match lists per process, at most. */
const CACHE_BYTES = 64 * 1024 * 1024;
/** QUIRE_SEARCH_CACHE=0 turns the result cache off (to measure the index alone). */
const CACHE_ENABLED = process.env.QUIRE_SEARCH_CACHE !== '0';

/** A growable sorted list of work ordinals. */
class Posting {
  items: Int32Array;
  length = 0;
  constructor(capacity = 4, items?: Int32Array) {
    this.items = items ?? new Int32Array(Math.max(4, capacity));
    if (items) this.length = items.length;
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
    const bigger = new Int32Array(Math.max(4, this.items.length * 2));
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
  private titles: string[] = [];
  private creators: string[] = [];
  /**
   * The accounts of each work's creators (for muting): 0 none, else the one account's id, or -1
   * for several (then in `moreCreatorUsers`). One number per work rather than an array each.
   */
  private creatorUser = new Int32Array(1024);
  private moreCreatorUsers = new Map<number, number[]>();
  /**
   * Each work's effective tags in one 64-byte row (a cache line) of `slots`: the count, then up
   * to 15 dense tag numbers; the rest of a work with more tags waits in `moreTags`. Counting the
   * sidebar then costs one memory read per work of the result.
   */
  private slots = new Int32Array(1024 * SLOTS);
  private moreTags = new Map<number, Int32Array>();
  private textRanks: { title?: TextRanks; creator?: TextRanks } = {};
  /** Changes with every write applied. */
  version = 0;
  /** Changes with every write except one that only changes counters (hits, kudos, comments, bookmarks, chapters). */
  private structureVersion = 0;
  private counterVersion = 0;
  /**
   * Changes with every write applied except one that only changes counters: what a listing page
   * shows besides its counts (titles, summaries, tags, order by anything but counters).
   */
  contentVersion = 0;
  private cache = new Map<string, CachedResult>();
  private cacheBytes = 0;
  /** The earliest publication time after `at`, while structureVersion is `version` (see nextPublication). */
  private publication = { version: -1, at: 0, next: Infinity };
  private postings = new Map<number, Posting>();
  private languages: string[] = [];
  private kindOfTag = new Uint8Array(1024).fill(255);
  /**
   * The rows hold dense tag numbers, given in the order tags are first seen: popular tags come
   * early and get small numbers, so the sidebar's counters for them stay in the CPU cache.
   */
  private denseOf = new Int32Array(1024).fill(-1);
  private tagOfDense = new Int32Array(1024);
  private denseCount = 0;
  private tagCounts = new Int32Array(1024);
  /** The tags one sidebar count touched, in the order first met. */
  private touched = new Int32Array(1024);
  private marks = new Uint8Array(1024);
  /** Per work, during one filter: how many of the included tags' postings hold it. */
  private required = new Uint8Array(1024);
  /** Per work, during one text query: 1 when the text matched, and its best rank. */
  private textMarks = new Uint8Array(1024);
  private textRank = new Float64Array(1024);
  private textOrds = new Int32Array(0);

  /** Adds this index to a snapshot (see src/search/index-snapshot.ts): the columns of its works, their tags and the postings. */
  async writeSnapshot(w: SnapshotWriter): Promise<void> {
    const n = this.count;
    w.value('works.meta', { count: n, denseCount: this.denseCount, languages: this.languages });
    w.i32('works.ordOfId', this.ordOfId);
    w.i32('works.ids', this.ids.subarray(0, n));
    w.u8('works.visibility', this.visibility.subarray(0, n));
    w.f64('works.publishedAt', this.publishedAt.subarray(0, n));
    w.f64('works.updatedAt', this.updatedAt.subarray(0, n));
    w.u8('works.complete', this.complete.subarray(0, n));
    w.u8('works.fandomCount', this.fandomCount.subarray(0, n));
    w.i32('works.chapters', this.chapters.subarray(0, n));
    w.i32('works.words', this.words.subarray(0, n));
    w.i32('works.hits', this.hits.subarray(0, n));
    w.i32('works.kudos', this.kudos.subarray(0, n));
    w.i32('works.comments', this.comments.subarray(0, n));
    w.i32('works.bookmarks', this.bookmarks.subarray(0, n));
    w.u8('works.language', this.language.subarray(0, n));
    await w.strings('works.titles', this.titles, n);
    await w.strings('works.creators', this.creators, n);
    w.i32('works.creatorUser', this.creatorUser.subarray(0, n));
    await writeLists(w, 'works.moreCreatorUsers', this.moreCreatorUsers, (users) => users);
    w.i32('works.slots', this.slots.subarray(0, n * SLOTS));
    await writeLists(w, 'works.moreTags', this.moreTags, (tags) => tags);
    await writeLists(w, 'works.postings', this.postings, (p) => p.items.subarray(0, p.length));
    w.u8('works.kindOfTag', this.kindOfTag);
    w.i32('works.denseOf', this.denseOf);
    w.i32('works.tagOfDense', this.tagOfDense.subarray(0, this.denseCount));
    for (const which of ['title', 'creator'] as const) {
      const rank = this.textRanks[which]?.complete(n);
      if (rank) w.i32(`works.rank.${which}`, rank);
    }
  }

  /** The index a snapshot holds (throws SnapshotRefused when it does not add up). */
  static readSnapshot(r: SnapshotReader): MemoryIndex {
    const index = new MemoryIndex();
    const meta = r.value<{ count: number; denseCount: number; languages: string[] }>('works.meta');
    const n = meta.count;
    const column = <T extends { length: number }>(a: T): T => {
      if (a.length !== n) throw new SnapshotRefused('its works columns differ in length');
      return a;
    };
    index.count = n;
    index.denseCount = meta.denseCount;
    index.languages = meta.languages;
    index.ordOfId = r.i32('works.ordOfId');
    index.ids = column(r.i32('works.ids'));
    index.visibility = column(r.u8('works.visibility'));
    index.publishedAt = column(r.f64('works.publishedAt'));
    index.updatedAt = column(r.f64('works.updatedAt'));
    index.complete = column(r.u8('works.complete'));
    index.fandomCount = column(r.u8('works.fandomCount'));
    index.chapters = column(r.i32('works.chapters'));
    index.words = column(r.i32('works.words'));
    index.hits = column(r.i32('works.hits'));
    index.kudos = column(r.i32('works.kudos'));
    index.comments = column(r.i32('works.comments'));
    index.bookmarks = column(r.i32('works.bookmarks'));
    index.language = column(r.u8('works.language'));
    index.titles = column(r.strings('works.titles'));
    index.creators = column(r.strings('works.creators'));
    index.creatorUser = column(r.i32('works.creatorUser'));
    for (const [ord, users] of readLists(r, 'works.moreCreatorUsers'))
      index.moreCreatorUsers.set(ord, Array.from(users));
    index.slots = r.i32('works.slots');
    if (index.slots.length !== n * SLOTS) throw new SnapshotRefused('its tag rows do not add up');
    index.moreTags = readLists(r, 'works.moreTags');
    index.postings = new Map();
    for (const [tagId, items] of readLists(r, 'works.postings')) index.postings.set(tagId, new Posting(0, items));
    index.kindOfTag = r.u8('works.kindOfTag');
    index.denseOf = r.i32('works.denseOf');
    index.tagOfDense = r.i32('works.tagOfDense');
    if (index.tagOfDense.length !== meta.denseCount) throw new SnapshotRefused('its tag numbers do not add up');
    for (let ord = 0; ord < n; ord++) {
      const id = index.ids[ord];
      if (id < 0 || id >= index.ordOfId.length || index.ordOfId[id] !== ord)
        throw new SnapshotRefused('its work ids do not add up');
    }
    index.marks = new Uint8Array(n);
    index.required = new Uint8Array(n);
    index.textMarks = new Uint8Array(n);
    index.textRank = new Float64Array(n);
    for (const which of ['title', 'creator'] as const) {
      if (!r.has(`works.rank.${which}`)) continue;
      index.textRanks[which] = TextRanks.restore(
        r.i32(`works.rank.${which}`),
        which === 'title' ? index.titles : index.creators,
        n,
      );
    }
    return index;
  }

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
    this.creatorUser = growInt32(this.creatorUser, size);
    this.slots = growInt32(this.slots, size * SLOTS);
    this.marks = growUint8(this.marks, size);
    this.required = growUint8(this.required, size);
    this.textMarks = growUint8(this.textMarks, size);
    this.textRank = growFloat64(this.textRank, size);
  }

  /** Adds or replaces a work. */
  upsert(work: IndexedWork): void {
    if (work.id >= this.ordOfId.length) {
      const bigger = new Int32Array(Math.max(work.id + 1, this.ordOfId.length * 2)).fill(-1);
      bigger.set(this.ordOfId);
      this.ordOfId = bigger;
    }
    let ord = this.ordOfId[work.id];
    let structural = ord === -1;
    if (ord === -1) {
      ord = this.count++;
      this.ensureCapacity(this.count);
      this.ordOfId[work.id] = ord;
      this.ids[ord] = work.id;
    }
    const counted =
      this.chapters[ord] !== work.chapters ||
      this.hits[ord] !== work.hits ||
      this.kudos[ord] !== work.kudos ||
      this.comments[ord] !== work.comments ||
      this.bookmarks[ord] !== work.bookmarks;
    const language = this.languageCode(work.language);
    structural ||=
      this.visibility[ord] !== work.visibility ||
      this.publishedAt[ord] !== work.publishedAt ||
      this.updatedAt[ord] !== work.updatedAt ||
      this.complete[ord] !== (work.complete ? 1 : 0);
    structural ||=
      this.fandomCount[ord] !== Math.min(255, work.fandoms) ||
      this.words[ord] !== work.words ||
      this.language[ord] !== language;
    const users = work.creatorUserIds.length > 0 ? work.creatorUserIds : undefined;
    const usersBefore = this.usersAt(ord);
    structural ||=
      (users === undefined) !== (usersBefore === undefined) ||
      (users !== undefined && (users.length !== usersBefore!.length || users.some((u, i) => usersBefore![i] !== u)));
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
    this.language[ord] = language;
    const title = work.title.toLowerCase();
    const creator = work.creator.toLowerCase();
    const [titleChanged, creatorChanged] = [this.titles[ord] !== title, this.creators[ord] !== creator];
    this.titles[ord] = title;
    this.creators[ord] = creator;
    if (titleChanged) this.textRanks.title?.place(ord, this.titles);
    if (creatorChanged) this.textRanks.creator?.place(ord, this.creators);
    this.setUsers(ord, users);
    const tags = Int32Array.from(new Set(work.tagIds)).sort();
    const before = this.tagIdsAt(ord);
    structural ||= before.length !== tags.length || before.some((t) => !tags.includes(t));
    for (const tagId of before) if (!tags.includes(tagId)) this.postings.get(tagId)?.remove(ord);
    for (const tagId of tags) {
      if (before.includes(tagId)) continue;
      let posting = this.postings.get(tagId);
      if (!posting) this.postings.set(tagId, (posting = new Posting()));
      posting.add(ord);
    }
    this.setTags(
      ord,
      tags.map((tagId) => this.dense(tagId)),
    );
    this.version++;
    if (structural) this.structureVersion++;
    if (counted) this.counterVersion++;
    if (structural || titleChanged || creatorChanged || !counted) this.contentVersion++;
  }

  /** The accounts of a work's creators, undefined when none. */
  private usersAt(ord: number): number[] | undefined {
    const user = this.creatorUser[ord];
    return user === 0 ? undefined : user === -1 ? this.moreCreatorUsers.get(ord) : [user];
  }

  private setUsers(ord: number, users: number[] | undefined): void {
    if (users && users.length > 1) {
      this.creatorUser[ord] = -1;
      this.moreCreatorUsers.set(ord, users);
    } else {
      this.creatorUser[ord] = users?.[0] ?? 0;
      this.moreCreatorUsers.delete(ord);
    }
  }

  private dense(tagId: number): number {
    if (tagId >= this.denseOf.length) {
      const bigger = new Int32Array(Math.max(tagId + 1, this.denseOf.length * 2)).fill(-1);
      bigger.set(this.denseOf);
      this.denseOf = bigger;
    }
    let d = this.denseOf[tagId];
    if (d === -1) {
      d = this.denseCount++;
      this.denseOf[tagId] = d;
      this.tagOfDense = growInt32(this.tagOfDense, this.denseCount);
      this.tagOfDense[d] = tagId;
    }
    return d;
  }

  private tagIdsAt(ord: number): Int32Array {
    return this.tagsAt(ord).map((d) => this.tagOfDense[d]);
  }

  /** Dense tag numbers of a work. */
  private tagsAt(ord: number): Int32Array {
    const base = ord * SLOTS;
    const n = this.slots[base];
    const inline = this.slots.subarray(base + 1, base + 1 + Math.min(n, SLOTS - 1));
    if (n < SLOTS) return inline;
    const all = new Int32Array(n);
    all.set(inline);
    all.set(this.moreTags.get(ord)!, SLOTS - 1);
    return all;
  }

  private setTags(ord: number, tags: Int32Array): void {
    const base = ord * SLOTS;
    this.slots[base] = tags.length;
    this.slots.set(tags.subarray(0, SLOTS - 1), base + 1);
    if (tags.length >= SLOTS) this.moreTags.set(ord, tags.slice(SLOTS - 1));
    else this.moreTags.delete(ord);
  }

  /** A deleted work: its ordinal stays, never listed again, until it is re-created under the same id. */
  remove(workId: number): void {
    const ord = workId < this.ordOfId.length ? this.ordOfId[workId] : -1;
    if (ord === -1) return;
    this.visibility[ord] = 2;
    for (const tagId of this.tagIdsAt(ord)) this.postings.get(tagId)?.remove(ord);
    this.setTags(ord, new Int32Array(0));
    this.setUsers(ord, undefined);
    this.version++;
    this.structureVersion++;
    this.contentVersion++;
  }

  /** The work's ordinal in this index (the text index shares it), -1 when not held. */
  ordinalOf(workId: number): number {
    return workId < this.ordOfId.length ? this.ordOfId[workId] : -1;
  }

  /** The id of the work at an ordinal. */
  idAt(ord: number): number {
    return this.ids[ord];
  }

  /** Ordinals of the works filed under an effective tag, ascending (`length` of `items` in use). */
  tagWorks(tagId: number): { items: Int32Array; length: number } | undefined {
    return this.postings.get(tagId);
  }

  has(workId: number): boolean {
    return workId < this.ordOfId.length && this.ordOfId[workId] !== -1 && this.visibility[this.ordOfId[workId]] !== 2;
  }

  query(q: IndexQuery, now = Date.now()): IndexResult {
    // Paging or re-sorting the same filters (and popular listings) reuse the matches and counts
    // while nothing they depend on changed: no write that could change which works match (a
    // counter only matters to filters on counters), and no scheduled work published since.
    const key =
      q.textMatches || !CACHE_ENABLED
        ? null
        : JSON.stringify([
            q.member,
            q.includeTagIds,
            q.includeAnyOf ?? [],
            q.excludeTagIds,
            q.crossovers,
            q.complete,
            q.singleChapter,
            q.ranges,
            q.updatedFrom,
            q.updatedTo,
            q.language,
            q.mutedTagIds,
            q.mutedUserIds,
            q.facetLimit,
          ]);
    const counters = Boolean(
      q.ranges.kudos ||
      q.ranges.hits ||
      q.ranges.comments ||
      q.ranges.bookmarks ||
      q.ranges.chapters ||
      q.singleChapter,
    );
    let hit = key === null ? undefined : this.cache.get(key);
    if (hit && !this.fresh(hit, now)) {
      this.forget(key!);
      hit = undefined;
    }
    const matches = hit?.matches ?? this.filter(q, now);
    const facets = hit?.facets ?? this.facets(matches, q.facetLimit);
    if (key !== null && !hit) {
      const entry = {
        structureVersion: this.structureVersion,
        counterVersion: counters ? this.counterVersion : -1,
        at: now,
        until: this.nextPublication(now),
        matches,
        facets,
      };
      this.cache.set(key, entry);
      this.cacheBytes += matches.byteLength;
      while (this.cache.size > CACHE_SIZE || (this.cacheBytes > CACHE_BYTES && this.cache.size > 1))
        this.forget(this.cache.keys().next().value!);
    } else if (key !== null) {
      this.cache.delete(key);
      this.cache.set(key, hit!);
    }
    try {
      return { total: matches.length, workIds: this.page(matches, q).map((ord) => this.ids[ord]), facets };
    } finally {
      if (q.textMatches) this.clearText();
    }
  }

  private fresh(entry: CachedResult, now: number): boolean {
    if (entry.structureVersion !== this.structureVersion) return false;
    if (entry.counterVersion !== -1 && entry.counterVersion !== this.counterVersion) return false;
    return now >= entry.at && now < entry.until;
  }

  private forget(key: string): void {
    const entry = this.cache.get(key);
    if (!entry) return;
    this.cacheBytes -= entry.matches.byteLength;
    this.cache.delete(key);
  }

  /** The earliest publication time of any work after `at` (Infinity when none): a cached result holds until then. */
  private nextPublication(at: number): number {
    const memo = this.publication;
    if (memo.version === this.structureVersion && memo.at <= at && at < memo.next) return memo.next;
    let next = Infinity;
    const publishedAt = this.publishedAt;
    for (let ord = 0; ord < this.count; ord++) {
      const t = publishedAt[ord];
      if (t > at && t < next) next = t;
    }
    this.publication = { version: this.structureVersion, at, next };
    return next;
  }

  /** Marks the works a text query matched (with their best rank); returns their ordinals, each once. */
  private markText(text: { ids: ArrayLike<number>; ranks?: ArrayLike<number> }): Int32Array {
    const { ids, ranks } = text;
    if (this.textOrds.length < ids.length) this.textOrds = new Int32Array(ids.length);
    const ords = this.textOrds;
    const { ordOfId, textMarks, textRank } = this;
    let n = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const ord = id < ordOfId.length ? ordOfId[id] : -1;
      if (ord === -1) continue;
      const rank = ranks ? ranks[i] : 0;
      if (textMarks[ord] === 1) {
        if (rank < textRank[ord]) textRank[ord] = rank;
        continue;
      }
      textMarks[ord] = 1;
      textRank[ord] = rank;
      ords[n++] = ord;
    }
    this.textCount = n;
    return ords.slice(0, n);
  }

  private textCount = 0;

  private clearText(): void {
    const { textOrds, textMarks } = this;
    for (let i = 0; i < this.textCount; i++) textMarks[textOrds[i]] = 0;
    this.textCount = 0;
  }

  private posting(tagId: number): Posting | undefined {
    return this.postings.get(tagId);
  }

  /** The works filed under any of these tags, as one posting; undefined when none is. */
  private union(tagIds: number[]): Posting | undefined {
    const postings = [...new Set(tagIds)].flatMap((tagId) => this.posting(tagId) ?? []);
    if (postings.length <= 1) return postings[0];
    const merged = new Set<number>();
    for (const p of postings) for (let i = 0; i < p.length; i++) merged.add(p.items[i]);
    const union = new Posting(merged.size);
    union.items.set(Int32Array.from(merged).sort());
    union.length = merged.size;
    return union;
  }

  private filter(q: IndexQuery, now: number): Int32Array {
    // Before anything is marked: an early return must leave no marks behind.
    const language = q.language === undefined ? -1 : this.languages.indexOf(q.language);
    if (q.language !== undefined && language === -1) return new Int32Array(0);
    // Candidates: the shortest include posting (or the text matches, or every work).
    let candidates: Int32Array | null = null;
    let candidateCount = this.count;
    const includes: Posting[] = [];
    for (const tagId of new Set(q.includeTagIds)) {
      const posting = this.posting(tagId);
      if (!posting) return new Int32Array(0);
      includes.push(posting);
    }
    for (const group of q.includeAnyOf ?? []) {
      const posting = this.union(group);
      if (!posting) return new Int32Array(0);
      includes.push(posting);
    }
    includes.sort((a, b) => a.length - b.length);
    if (includes.length > 0) {
      candidates = includes[0].items;
      candidateCount = includes[0].length;
    }
    let candidatesAreText = false;
    if (q.textMatches) {
      const ords = this.markText(q.textMatches);
      if (candidates === null || ords.length < candidateCount) {
        candidates = ascending(ords) ? ords : ords.sort();
        candidateCount = candidates.length;
        candidatesAreText = true;
      } else {
        // The tag posting is shorter: keep it and check text matches per work below.
      }
    }
    const others = candidates === null ? includes : includes.filter((p) => p.items !== candidates);
    // Other includes: counted per work (one pass over the posting) unless the posting is so much
    // longer than the candidates that a binary search per candidate costs less.
    const counted = others.filter((p) => p.length < 9 * candidateCount).slice(0, 250);
    const rest = others.filter((p) => !counted.includes(p));
    const required = this.required;
    for (const p of counted) for (let i = 0; i < p.length; i++) required[p.items[i]]++;
    const need = counted.length;

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
    const from = q.updatedFrom ? Date.parse(`${q.updatedFrom}T00:00:00Z`) : -Infinity;
    const to = q.updatedTo ? Date.parse(`${q.updatedTo}T00:00:00Z`) + DAY - 1 : Infinity;
    const r = q.ranges;
    const lo = (range: NumberRange | undefined) => range?.min ?? -Infinity;
    const hi = (range: NumberRange | undefined) => range?.max ?? Infinity;
    const [wordsMin, wordsMax, kudosMin, kudosMax, hitsMin, hitsMax] = [
      lo(r.words),
      hi(r.words),
      lo(r.kudos),
      hi(r.kudos),
      lo(r.hits),
      hi(r.hits),
    ];
    const [commentsMin, commentsMax, bookmarksMin, bookmarksMax, chaptersMin, chaptersMax] = [
      lo(r.comments),
      hi(r.comments),
      lo(r.bookmarks),
      hi(r.bookmarks),
      lo(r.chapters),
      hi(r.chapters),
    ];
    const counters = r.kudos || r.hits || r.comments || r.bookmarks || r.chapters || q.singleChapter;
    const complete = q.complete === undefined ? -1 : q.complete ? 1 : 0;
    const minFandoms = q.crossovers === 'only' ? 2 : 0;
    const maxFandoms = q.crossovers === 'exclude' ? 1 : 255;
    // A tag posting as candidates may hold exactly as many works as the text matched, yet others.
    const checkText = q.textMatches !== undefined && !candidatesAreText;
    const textMarks = this.textMarks;
    const { visibility, publishedAt, updatedAt, words, fandomCount } = this;
    const completeOf = this.complete;
    const languageOf = this.language;
    const restCount = rest.length;

    const out = new Int32Array(candidateCount);
    let n = 0;
    for (let i = 0; i < candidateCount; i++) {
      const ord = candidates === null ? i : candidates[i];
      if (visibility[ord] > maxVisibility || publishedAt[ord] > now || marks[ord] === 1) continue;
      if (complete !== -1 && completeOf[ord] !== complete) continue;
      const fandoms = fandomCount[ord];
      if (fandoms < minFandoms || fandoms > maxFandoms) continue;
      if (language !== -1 && languageOf[ord] !== language) continue;
      const updated = updatedAt[ord];
      if (updated < from || updated > to) continue;
      const w = words[ord];
      if (w < wordsMin || w > wordsMax) continue;
      if (counters) {
        const chapters = this.chapters[ord];
        if (q.singleChapter && chapters !== 1) continue;
        if (chapters < chaptersMin || chapters > chaptersMax) continue;
        if (
          this.kudos[ord] < kudosMin ||
          this.kudos[ord] > kudosMax ||
          this.hits[ord] < hitsMin ||
          this.hits[ord] > hitsMax
        )
          continue;
        if (
          this.comments[ord] < commentsMin ||
          this.comments[ord] > commentsMax ||
          this.bookmarks[ord] < bookmarksMin ||
          this.bookmarks[ord] > bookmarksMax
        )
          continue;
      }
      if (checkText && textMarks[ord] !== 1) continue;
      if (need > 0 && required[ord] !== need) continue;
      let ok = true;
      for (let k = 0; k < restCount; k++) {
        if (!rest[k].has(ord)) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (mutedUsers) {
        const user = this.creatorUser[ord];
        if (
          user > 0
            ? mutedUsers.has(user)
            : user === -1 && this.moreCreatorUsers.get(ord)!.some((u) => mutedUsers.has(u))
        )
          continue;
      }
      out[n++] = ord;
    }
    for (const p of marked) for (let i = 0; i < p.length; i++) marks[p.items[i]] = 0;
    for (const p of counted) for (let i = 0; i < p.length; i++) required[p.items[i]] = 0;
    return out.subarray(0, n);
  }

  /**
   * A number per work that orders it for the chosen sort, smaller first; ties go to the newer
   * work (higher ordinal, i.e. higher id). `coarse` is an integer of at most 31 bits that agrees
   * with the order (exactly for counters and text ranks; to the second for dates).
   */
  private sortKey(q: IndexQuery): {
    exact: (ord: number) => number;
    coarse: ((ord: number) => number) | null;
    tie?: (a: number, b: number) => number;
  } {
    const sort: SortKey = q.sort === 'best' && !q.textMatches?.ranks ? 'updated' : q.sort;
    const counter = (values: Int32Array) => ({
      exact: (o: number) => -values[o],
      coarse: (o: number) => 2147483647 - values[o],
    });
    const date = (values: Float64Array) => ({
      exact: (o: number) => -values[o],
      coarse: (o: number) => 2147483647 - Math.floor(values[o] / 1000),
    });
    const text = (which: 'title' | 'creator') => {
      const ranks = this.ranksFor(which);
      const texts = which === 'title' ? this.titles : this.creators;
      // Works placed since the ranks were built share odd ranks with others in the same gap.
      const tie = (a: number, b: number) => (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : 0);
      return { exact: (o: number) => ranks.rank[o], coarse: (o: number) => ranks.rank[o], tie };
    };
    switch (sort) {
      case 'best': {
        const rank = this.textRank;
        return { exact: (o) => rank[o], coarse: null };
      }
      case 'creator':
        return text('creator');
      case 'title':
        return text('title');
      case 'posted':
        return date(this.publishedAt);
      case 'updated':
        return date(this.updatedAt);
      case 'words':
        return counter(this.words);
      case 'hits':
        return counter(this.hits);
      case 'kudos':
        return counter(this.kudos);
      case 'comments':
        return counter(this.comments);
      case 'bookmarks':
        return counter(this.bookmarks);
    }
  }

  /** Ranks of every work by title or creator, built on first use and rebuilt after many changes. */
  private ranksFor(which: 'title' | 'creator'): TextRanks {
    const texts = which === 'title' ? this.titles : this.creators;
    let ranks = this.textRanks[which];
    if (!ranks || ranks.stale(this.count)) {
      ranks = new TextRanks(texts, this.count);
      this.textRanks[which] = ranks;
    }
    return ranks;
  }

  private page(matches: Int32Array, q: IndexQuery): number[] {
    const wanted = q.offset + q.limit;
    if (q.offset >= matches.length || q.limit <= 0) return [];
    const { exact, coarse, tie } = this.sortKey(q);
    const before = tie
      ? (ka: number, a: number, kb: number, b: number) =>
          ka < kb || (ka === kb && (tie(a, b) < 0 || (tie(a, b) === 0 && a > b)))
      : (ka: number, a: number, kb: number, b: number) => ka < kb || (ka === kb && a > b);
    const byExact = tie
      ? (a: number, b: number) => exact(a) - exact(b) || tie(a, b) || b - a
      : (a: number, b: number) => exact(a) - exact(b) || b - a;
    if (wanted <= 2000 && wanted * 4 < matches.length) {
      // A bounded max-heap of the best `wanted` so far; its root is the worst kept.
      const keys = new Float64Array(wanted);
      const ords = new Int32Array(wanted);
      let size = 0;
      const swap = (i: number, j: number) => {
        const k = keys[i];
        keys[i] = keys[j];
        keys[j] = k;
        const o = ords[i];
        ords[i] = ords[j];
        ords[j] = o;
      };
      for (let i = 0; i < matches.length; i++) {
        const ord = matches[i];
        const key = exact(ord);
        if (size < wanted) {
          keys[size] = key;
          ords[size] = ord;
          let c = size++;
          while (c > 0) {
            const parent = (c - 1) >> 1;
            if (!before(keys[parent], ords[parent], keys[c], ords[c])) break;
            swap(c, parent);
            c = parent;
          }
        } else if (before(key, ord, keys[0], ords[0])) {
          keys[0] = key;
          ords[0] = ord;
          let c = 0;
          for (;;) {
            const l = 2 * c + 1;
            const r = l + 1;
            let worst = c;
            if (l < size && before(keys[worst], ords[worst], keys[l], ords[l])) worst = l;
            if (r < size && before(keys[worst], ords[worst], keys[r], ords[r])) worst = r;
            if (worst === c) break;
            swap(c, worst);
            c = worst;
          }
        }
      }
      return Array.from(ords.subarray(0, size)).sort(byExact).slice(q.offset, wanted);
    }
    if (coarse === null || this.count >= ORD_LIMIT) return Array.from(matches).sort(byExact).slice(q.offset, wanted);
    // Deep pages: sort (coarse key, newest first) packed into one float64 each, natively; then
    // order ties of the coarse key exactly, only where they meet the page.
    const packed = new Float64Array(matches.length);
    for (let i = 0; i < matches.length; i++) packed[i] = coarse(matches[i]) * ORD_LIMIT + (ORD_LIMIT - 1 - matches[i]);
    packed.sort();
    const ordAt = (i: number) => ORD_LIMIT - 1 - (packed[i] % ORD_LIMIT);
    const coarseAt = (i: number) => Math.floor(packed[i] / ORD_LIMIT);
    let from = q.offset;
    while (from > 0 && coarseAt(from - 1) === coarseAt(q.offset)) from--;
    let to = Math.min(wanted, matches.length);
    while (to < matches.length && coarseAt(to) === coarseAt(to - 1)) to++;
    const window: number[] = [];
    for (let i = from; i < to; i++) window.push(ordAt(i));
    window.sort(byExact);
    return window.slice(q.offset - from, q.offset - from + q.limit);
  }

  /** The sidebar: the most frequent tags of each kind in the result, each counted exactly. */
  private facets(matches: Int32Array, limit: number): Record<TagKind, TagCount[]> {
    return this.topTags(matches, limit);
  }

  /**
   * Numbers tags by how many works carry them, most first, so that the counters of the popular
   * ones sit together (in the CPU cache) while the sidebar is counted. Run once after loading;
   * tags first seen later are numbered after them.
   */
  /** Builds the title and creator orders now (about a second each at a million works) rather than in the first request sorting by them. */
  prepareSorts(): void {
    this.ranksFor('title');
    this.ranksFor('creator');
  }

  /** Gives back the room postings kept for growth (after the initial load). */
  trim(): void {
    for (const p of this.postings.values()) if (p.items.length > p.length) p.items = p.items.slice(0, p.length);
  }

  renumberTags(): void {
    const length = (d: number) => this.postings.get(this.tagOfDense[d])?.length ?? 0;
    const order = Array.from({ length: this.denseCount }, (_, d) => d).sort((a, b) => length(b) - length(a) || a - b);
    const next = new Int32Array(this.denseCount);
    order.forEach((d, i) => (next[d] = i));
    for (let ord = 0; ord < this.count; ord++) {
      const base = ord * SLOTS;
      const n = Math.min(this.slots[base], SLOTS - 1);
      for (let j = base + 1; j <= base + n; j++) this.slots[j] = next[this.slots[j]];
    }
    for (const [ord, more] of this.moreTags)
      this.moreTags.set(
        ord,
        more.map((d) => next[d]),
      );
    const tagOfDense = new Int32Array(this.tagOfDense.length);
    order.forEach((d, i) => {
      tagOfDense[i] = this.tagOfDense[d];
      this.denseOf[this.tagOfDense[d]] = i;
    });
    this.tagOfDense = tagOfDense;
  }

  private topTags(matches: Int32Array, limit: number): Record<TagKind, TagCount[]> {
    const result = Object.fromEntries(TAG_KINDS.map((kind) => [kind, [] as TagCount[]])) as Record<TagKind, TagCount[]>;
    if (limit <= 0 || matches.length === 0) return result;
    if (this.tagCounts.length < this.denseCount) this.tagCounts = new Int32Array(this.tagOfDense.length);
    const counts = this.tagCounts;
    if (this.touched.length < this.denseCount) this.touched = new Int32Array(this.tagCounts.length);
    const overflowing: number[] = [];
    let touchedCount = countTags(matches, this.slots, counts, this.touched, overflowing);
    for (const ord of overflowing) {
      for (const d of this.moreTags.get(ord)!) if (counts[d]++ === 0) this.touched[touchedCount++] = d;
    }
    const touched = this.touched.subarray(0, touchedCount);
    const byKind: TagCount[][] = TAG_KINDS.map(() => []);
    for (const d of touched) {
      const count = counts[d];
      if (count === 0) continue;
      counts[d] = 0;
      const tagId = this.tagOfDense[d];
      const list = byKind[this.kindOfTag[tagId]];
      if (!list) continue;
      const last = list[list.length - 1];
      if (list.length < limit || count > last.count || (count === last.count && tagId < last.tagId)) {
        let at = list.length;
        while (at > 0 && (list[at - 1].count < count || (list[at - 1].count === count && list[at - 1].tagId > tagId)))
          at--;
        list.splice(at, 0, { tagId, count });
        if (list.length > limit) list.pop();
      }
    }
    TAG_KINDS.forEach((kind, i) => (result[kind] = byKind[i]));
    return result;
  }
}

interface CachedResult {
  structureVersion: number;
  /** -1 when the filters do not look at counters. */
  counterVersion: number;
  at: number;
  until: number;
  matches: Int32Array;
  facets: Record<TagKind, TagCount[]>;
}

function ascending(list: Int32Array): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1] > list[i]) return false;
  return true;
}

/**
 * The hot loop of the sidebar counts, on its own so that it stays simple and fast. Each tag
 * counted for the first time is listed in `touched`; returns how many were.
 */
function countTags(
  matches: Int32Array,
  slots: Int32Array,
  counts: Int32Array,
  touched: Int32Array,
  overflowing: number[],
): number {
  let t = 0;
  for (let i = 0; i < matches.length; i++) {
    const base = matches[i] * SLOTS;
    let n = slots[base];
    if (n >= SLOTS) {
      overflowing.push(matches[i]);
      n = SLOTS - 1;
    }
    const end = base + 1 + n;
    for (let j = base + 1; j < end; j++) {
      const d = slots[j];
      if (counts[d]++ === 0) touched[t++] = d;
    }
  }
  return t;
}

/** Packed sort keys hold the ordinal in their low bits: up to 4,194,304 works; beyond, a plain sort. */
const ORD_LIMIT = 4_194_304;
/** Works placed between ranked ones since the last build; past this many, ranks are rebuilt. */
const PROVISIONAL_LIMIT = 2_000;

/**
 * Every work's position by a text (title or creator, A to Z, newest first among equals), as an
 * even number from 2; works added or renamed since are placed between their neighbours (odd
 * numbers, 1 before the first: the packed sort of deep pages needs keys of 0 or more) until
 * enough of them call for a rebuild.
 */
class TextRanks {
  rank: Int32Array;
  private sorted: string[];
  private provisional = 0;
  private builtFor: number;

  constructor(texts: string[], count: number) {
    const ords = new Int32Array(count);
    for (let i = 0; i < count; i++) ords[i] = i;
    const order = Array.from(ords).sort((a, b) => (texts[a] < texts[b] ? -1 : texts[a] > texts[b] ? 1 : b - a));
    this.rank = new Int32Array(Math.max(1024, count + (count >> 3)));
    this.sorted = new Array(count);
    order.forEach((ord, i) => {
      this.rank[ord] = 2 * i + 2;
      this.sorted[i] = texts[ord];
    });
    this.builtFor = count;
  }

  /** The ranks of `count` works when every one is ranked by a build (none placed since), else undefined. */
  complete(count: number): Int32Array | undefined {
    if (this.provisional > 0 || this.builtFor !== count || count > this.rank.length) return undefined;
    return this.rank.subarray(0, count);
  }

  /** Ranks as complete() gave them, for these texts; undefined when they do not fit them. */
  static restore(rank: Int32Array, texts: string[], count: number): TextRanks | undefined {
    if (rank.length !== count) return undefined;
    const sorted = new Array<string>(count);
    for (let ord = 0; ord < count; ord++) {
      const r = rank[ord];
      const at = (r >> 1) - 1;
      if ((r & 1) !== 0 || at < 0 || at >= count || sorted[at] !== undefined) return undefined;
      sorted[at] = texts[ord];
    }
    const ranks = Object.create(TextRanks.prototype) as TextRanks;
    const room = new Int32Array(Math.max(1024, count + (count >> 3)));
    room.set(rank);
    Object.assign(ranks, { rank: room, sorted, provisional: 0, builtFor: count });
    return ranks;
  }

  stale(count: number): boolean {
    return this.provisional > PROVISIONAL_LIMIT || count > this.rank.length;
  }

  /** A work added or renamed: placed just before the first ranked text not smaller than its own. */
  place(ord: number, texts: string[]): void {
    if (ord >= this.rank.length) {
      this.provisional = PROVISIONAL_LIMIT + 1;
      return;
    }
    const text = texts[ord];
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid] < text) lo = mid + 1;
      else hi = mid;
    }
    this.rank[ord] = 2 * lo + 1;
    if (ord >= this.builtFor || this.sorted[Math.min(lo, this.sorted.length - 1)] !== text) this.provisional++;
  }
}
