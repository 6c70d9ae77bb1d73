/**
 * The in-memory full-text index of works' own text (title, summary, notes, creators, series
 * titles), with BM25 ranking, and of tag names (as the works filed under the named tags). Works
 * are known by dense ordinals that the caller assigns (the works index's). Pure: no I/O.
 *
 * Memory stays lean at a million works: per term one sorted Uint32Array of postings, each
 * `ordinal × 256 + weighted term frequency`; per work its weighted length and the ids of its
 * distinct terms (in one shared pool), so that an update can take its old postings out.
 */
import { words } from '../domain/search-query.ts';
import { SnapshotRefused, type SnapshotReader, type SnapshotWriter } from './index-snapshot.ts';

/** The work-level text of one work, as plain text. */
export interface WorkText {
  title: string;
  summary: string;
  /** Notes and end notes. */
  notes: string;
  /** Pen names (and logins where they differ). */
  creators: string;
  /** Titles of the series the work is in. */
  series: string;
}

/** Per-field weights, the same as the database full-text index's bm25 weights (title weighs most). */
export const FIELD_WEIGHTS = { title: 10, summary: 3, notes: 1, tags: 5, creators: 5, series: 4 } as const;
const TEXT_FIELDS = ['title', 'summary', 'notes', 'creators', 'series'] as const;

const K1 = 1.2;
const B = 0.75;
/** Postings pack the ordinal above an 8-bit weight: up to 16,777,215 works. */
const MAX_ORD = 0xffffff;
const MAX_WEIGHT = 255;

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The words of a text as both documents and queries are split: lower case, runs of letters and
 * digits in any script (accents kept), as SQLite's unicode61 tokenizer with remove_diacritics 0
 * and PostgreSQL's parser do; an apostrophe separates ("don't" is "don" and "t") in all three.
 */
export function tokenize(text: string): string[] {
  return words(text);
}

/** A sorted list of works (by ordinal) for one term, each with its weighted term frequency. */
class TermPosting {
  items: Uint32Array;
  length = 0;
  constructor(capacity = 2, items?: Uint32Array) {
    this.items = items ?? new Uint32Array(capacity);
    if (items) this.length = items.length;
  }
  /** Index of the first entry whose ordinal is at least `ord`, from `from` on. */
  seek(ord: number, from = 0): number {
    const key = ord * 256;
    const items = this.items;
    let lo = from;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (items[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** Like seek, galloping forward from `from`: cheap both for near and for far targets. */
  gallop(ord: number, from: number): number {
    const key = ord * 256;
    const items = this.items;
    if (from >= this.length || items[from] >= key) return from;
    let step = 1;
    while (from + step < this.length && items[from + step] < key) step *= 2;
    let lo = from + (step >> 1) + 1;
    let hi = Math.min(from + step, this.length);
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (items[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  put(ord: number, weight: number): void {
    const value = ord * 256 + weight;
    if (this.length === 0 || this.items[this.length - 1] >>> 8 < ord) {
      this.grow();
      this.items[this.length++] = value;
      return;
    }
    const at = this.seek(ord);
    if (at < this.length && this.items[at] >>> 8 === ord) {
      this.items[at] = value;
      return;
    }
    this.grow();
    this.items.copyWithin(at + 1, at, this.length);
    this.items[at] = value;
    this.length++;
  }
  remove(ord: number): void {
    const at = this.seek(ord);
    if (at >= this.length || this.items[at] >>> 8 !== ord) return;
    this.items.copyWithin(at, at + 1, this.length);
    this.length--;
  }
  private grow(): void {
    if (this.length < this.items.length) return;
    const bigger = new Uint32Array(Math.max(4, Math.ceil(this.items.length * 1.5)));
    bigger.set(this.items);
    this.items = bigger;
  }
  trim(): void {
    if (this.items.length > this.length) this.items = this.items.slice(0, Math.max(1, this.length));
  }
}

/**
 * Term text → term id: open addressing over the terms' FNV-1a hashes, looked up by a stretch of
 * a text without cutting it out (most tokens of a document are terms seen before).
 */
class TermTable {
  private terms: string[] = [];
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(1 << 12).fill(-1);

  async writeSnapshot(w: SnapshotWriter): Promise<void> {
    await w.strings('text.terms', this.terms);
    w.i32('text.terms.hashes', this.hashes.subarray(0, this.terms.length));
    w.i32('text.terms.slots', this.slots);
  }

  static readSnapshot(r: SnapshotReader): TermTable {
    const table = new TermTable();
    table.terms = r.strings('text.terms');
    table.hashes = r.i32('text.terms.hashes', 1024);
    table.slots = r.i32('text.terms.slots');
    const size = table.slots.length;
    if (table.hashes.length < table.terms.length || size < 2 * table.terms.length || (size & (size - 1)) !== 0)
      throw new SnapshotRefused('its term table does not add up');
    return table;
  }

  get size(): number {
    return this.terms.length;
  }

  private static hash(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    return h;
  }

  find(text: string, start: number, end: number): number {
    const h = TermTable.hash(text, start, end);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = this.slots[at];
      if (id === -1) return -1;
      if (this.hashes[id] !== h) continue;
      const term = this.terms[id];
      if (term.length !== length) continue;
      let same = true;
      for (let k = 0; k < length; k++) {
        if (term.charCodeAt(k) !== text.charCodeAt(start + k)) {
          same = false;
          break;
        }
      }
      if (same) return id;
    }
  }

  /** Adds a term not yet held; returns its id (ids are given in order: 0, 1, 2 …). */
  add(text: string, start: number, end: number): number {
    const id = this.terms.length;
    const h = TermTable.hash(text, start, end);
    this.terms.push(text.slice(start, end));
    if (id >= this.hashes.length) {
      const bigger = new Int32Array(this.hashes.length * 2);
      bigger.set(this.hashes);
      this.hashes = bigger;
    }
    this.hashes[id] = h;
    if (this.terms.length * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(-1);
      for (let t = 0; t < this.terms.length; t++) this.place(t);
    } else this.place(id);
    return id;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let at = this.hashes[id] & mask;
    while (this.slots[at] !== -1) at = (at + 1) & mask;
    this.slots[at] = id;
  }
}

/** A list of works by ordinal, as the works index keeps per tag (ascending, `length` of `items` used). */
export interface OrdinalList {
  items: Int32Array;
  length: number;
}

/** Works a query matched: ordinals ascending, each once, and with ranking, each one's BM25 score. */
export interface TextHits {
  ords: Int32Array;
  scores?: Float64Array;
}

/** One query token: its own postings and the tag postings of tags whose names hold it. */
interface TokenSource {
  text: TermPosting | undefined;
  tags: OrdinalList[];
  /** Entries in all of them (an upper bound of the works matched). */
  size: number;
}

export class TextIndex {
  private termIds = new TermTable();
  private postings: TermPosting[] = [];
  /** Per work: where its distinct term ids start in `pool`, how many, its weighted length. */
  private termStart = new Int32Array(1024);
  private termCount = new Int32Array(1024);
  private docLength = new Float32Array(1024);
  private present = new Uint8Array(1024);
  private pool = new Int32Array(4096);
  private poolUsed = 0;
  private poolGarbage = 0;
  private totalLength = 0;
  private documents = 0;
  private capacity = 1024;
  /** While a document is set: each term's weighted frequency (by term id), and its distinct terms. */
  private termWeights = new Float64Array(1024);
  private docTerms = new Int32Array(256);
  private docTermCount = 0;
  /** Per query token scratch: weighted term frequency by ordinal (0 when untouched). */
  private frequency = new Float32Array(1024);
  /** Tag name tokens: the tags (by id, synonyms included) whose names hold each token. */
  private tagsByToken = new Map<string, number[]>();
  private tagNames = new Map<number, string>();

  /** Works with text. */
  get size(): number {
    return this.documents;
  }

  /** Adds this index to a snapshot (see src/search/index-snapshot.ts). */
  async writeSnapshot(w: SnapshotWriter): Promise<void> {
    w.value('text.meta', {
      totalLength: this.totalLength,
      documents: this.documents,
      capacity: this.capacity,
      poolUsed: this.poolUsed,
      poolGarbage: this.poolGarbage,
      tagNames: this.tagNames,
      tagsByToken: this.tagsByToken,
    });
    await w.slicer.tick();
    await this.termIds.writeSnapshot(w);
    const lengths = new Int32Array(this.postings.length);
    let total = 0;
    for (let i = 0; i < lengths.length; i++) {
      total += lengths[i] = this.postings[i].length;
      if ((i & 65535) === 65535) await w.slicer.tick();
    }
    const flat = new Uint32Array(total);
    await w.slicer.tick();
    total = 0;
    for (let i = 0; i < this.postings.length; i++) {
      const { items, length } = this.postings[i];
      // Most postings are short: copied one by one, without a view object each.
      if (length > 64) flat.set(items.subarray(0, length), total);
      else for (let k = 0; k < length; k++) flat[total + k] = items[k];
      total += length;
      if ((i & 4095) === 4095) await w.slicer.tick();
    }
    w.i32('text.postings.lengths', lengths, true);
    w.u32('text.postings', flat, true);
    w.i32('text.termStart', this.termStart);
    w.i32('text.termCount', this.termCount);
    w.f32('text.docLength', this.docLength);
    w.u8('text.present', this.present);
    w.i32('text.pool', this.pool.subarray(0, this.poolUsed));
  }

  /** The index a snapshot holds (throws SnapshotRefused when it does not add up). */
  static readSnapshot(r: SnapshotReader): TextIndex {
    const index = new TextIndex();
    const meta = r.value<{
      totalLength: number;
      documents: number;
      capacity: number;
      poolUsed: number;
      poolGarbage: number;
      tagNames: Map<number, string>;
      tagsByToken: Map<string, number[]>;
    }>('text.meta');
    index.totalLength = meta.totalLength;
    index.documents = meta.documents;
    index.capacity = meta.capacity;
    index.poolUsed = meta.poolUsed;
    index.poolGarbage = meta.poolGarbage;
    index.tagNames = meta.tagNames;
    index.tagsByToken = meta.tagsByToken;
    index.termIds = TermTable.readSnapshot(r);
    const lengths = r.i32('text.postings.lengths');
    const flat = r.u32('text.postings');
    if (lengths.length !== index.termIds.size) throw new SnapshotRefused('its term postings do not add up');
    index.postings = new Array<TermPosting>(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      const end = at + lengths[i];
      if (lengths[i] < 0 || end > flat.length) throw new SnapshotRefused('its term postings do not add up');
      index.postings[i] = new TermPosting(0, flat.subarray(at, end));
      at = end;
    }
    if (at !== flat.length) throw new SnapshotRefused('its term postings do not add up');
    const capacity = meta.capacity;
    index.termStart = r.i32('text.termStart');
    index.termCount = r.i32('text.termCount');
    index.docLength = r.f32('text.docLength');
    index.present = r.u8('text.present');
    if ([index.termStart, index.termCount, index.docLength, index.present].some((a) => a.length !== capacity))
      throw new SnapshotRefused('its text columns differ in length');
    index.pool = r.i32('text.pool', 4096);
    if (meta.poolUsed > index.pool.length) throw new SnapshotRefused('its term lists do not add up');
    for (let ord = 0; ord < capacity; ord++)
      if (index.termStart[ord] + index.termCount[ord] > meta.poolUsed && index.termCount[ord] > 0)
        throw new SnapshotRefused('its term lists do not add up');
    index.termWeights = new Float64Array(Math.max(1024, index.termIds.size));
    index.frequency = new Float32Array(capacity);
    return index;
  }

  private ensure(ord: number): void {
    if (ord > MAX_ORD) throw new RangeError(`The text index holds at most ${MAX_ORD} works.`);
    if (ord < this.capacity) return;
    const size = Math.max(ord + 1, Math.ceil(this.capacity * 1.5));
    const grow = <T extends Int32Array | Float32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.termStart = grow(this.termStart, (n) => new Int32Array(n));
    this.termCount = grow(this.termCount, (n) => new Int32Array(n));
    this.docLength = grow(this.docLength, (n) => new Float32Array(n));
    this.present = grow(this.present, (n) => new Uint8Array(n));
    this.frequency = new Float32Array(size);
    this.capacity = size;
  }

  private termsOf(ord: number): Int32Array {
    if (ord >= this.capacity) return new Int32Array(0);
    const start = this.termStart[ord];
    return this.pool.subarray(start, start + this.termCount[ord]);
  }

  /** Counts one use of a token at a field's weight into the scratch of the document being set. */
  private count(text: string, start: number, end: number, weight: number): void {
    let id = this.termIds.find(text, start, end);
    if (id === -1) {
      id = this.termIds.add(text, start, end);
      this.postings.push(new TermPosting());
      if (id >= this.termWeights.length) {
        const bigger = new Float64Array(this.termWeights.length * 2);
        bigger.set(this.termWeights);
        this.termWeights = bigger;
      }
    }
    if (this.termWeights[id] === 0) {
      if (this.docTermCount === this.docTerms.length) {
        const bigger = new Int32Array(this.docTerms.length * 2);
        bigger.set(this.docTerms);
        this.docTerms = bigger;
      }
      this.docTerms[this.docTermCount++] = id;
    }
    this.termWeights[id] += weight;
  }

  /** Counts the tokens of one field; returns how many. Plain ASCII text (most of it) is split by hand, faster than the regular expression. */
  private countField(text: string, weight: number): number {
    if (text.length === 0) return 0;
    if (NON_ASCII.test(text)) {
      const tokens = tokenize(text);
      for (const token of tokens) this.count(token, 0, token.length, weight);
      return tokens.length;
    }
    const lower = text.toLowerCase();
    let tokens = 0;
    let start = -1;
    for (let i = 0; i <= lower.length; i++) {
      const c = i < lower.length ? lower.charCodeAt(i) : 32;
      const wordChar = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (wordChar) {
        if (start === -1) start = i;
      } else if (start !== -1) {
        this.count(lower, start, i, weight);
        tokens++;
        start = -1;
      }
    }
    return tokens;
  }

  /** Sets (or replaces) a work's text. */
  set(ord: number, text: WorkText): void {
    this.ensure(ord);
    this.docTermCount = 0;
    let length = 0;
    for (const field of TEXT_FIELDS) {
      const weight = FIELD_WEIGHTS[field];
      length += weight * this.countField(text[field], weight);
    }
    const terms = this.docTerms.subarray(0, this.docTermCount);
    const termWeights = this.termWeights;
    // Old terms the text no longer has (no weight now) lose their posting; the others are (re)written in place.
    for (const old of this.termsOf(ord)) if (termWeights[old] === 0) this.postings[old].remove(ord);
    for (const id of terms) {
      this.postings[id].put(ord, Math.min(MAX_WEIGHT, Math.round(termWeights[id])));
      termWeights[id] = 0;
    }
    this.storeTerms(ord, terms);
    if (this.present[ord] === 0) {
      this.present[ord] = 1;
      this.documents++;
    }
    this.totalLength += length - this.docLength[ord];
    this.docLength[ord] = length;
  }

  /** A deleted work: its postings go. */
  remove(ord: number): void {
    if (ord >= this.capacity) return;
    if (this.present[ord] === 0) return;
    const before = this.termsOf(ord);
    for (const id of before) this.postings[id].remove(ord);
    this.poolGarbage += before.length;
    this.termCount[ord] = 0;
    this.totalLength -= this.docLength[ord];
    this.docLength[ord] = 0;
    this.present[ord] = 0;
    this.documents--;
  }

  private storeTerms(ord: number, terms: Int32Array): void {
    const count = this.termCount[ord];
    if (terms.length <= count) {
      this.pool.set(terms, this.termStart[ord]);
      this.poolGarbage += count - terms.length;
    } else {
      if (this.poolUsed + terms.length > this.pool.length) this.growPool(terms.length);
      this.poolGarbage += count;
      this.termStart[ord] = this.poolUsed;
      this.pool.set(terms, this.poolUsed);
      this.poolUsed += terms.length;
    }
    this.termCount[ord] = terms.length;
  }

  /** Makes room in the pool of term lists: compacts it when mostly garbage, else grows it. */
  private growPool(needed: number): void {
    const live = this.poolUsed - this.poolGarbage;
    const size = Math.max(4096, Math.ceil((live + needed) * 1.5));
    this.compactPool(
      this.poolGarbage * 2 > this.poolUsed
        ? Math.max(size, this.pool.length)
        : Math.max(size, Math.ceil(this.pool.length * 1.5)),
    );
  }

  /** Gives back the room kept for growth (after the initial load). */
  trim(): void {
    for (const posting of this.postings) posting.trim();
    this.compactPool(Math.max(4096, this.poolUsed - this.poolGarbage));
  }

  /** Copies every work's live term list, in order, into a new pool of `size`. */
  private compactPool(size: number): void {
    const next = new Int32Array(size);
    let at = 0;
    for (let ord = 0; ord < this.capacity; ord++) {
      const n = this.termCount[ord];
      if (n === 0) continue;
      next.set(this.pool.subarray(this.termStart[ord], this.termStart[ord] + n), at);
      this.termStart[ord] = at;
      at += n;
    }
    this.pool = next;
    this.poolUsed = at;
    this.poolGarbage = 0;
  }

  /**
   * Sets (or renames) a tag's name. A text match on a tag name is answered with the works filed
   * under that tag, as the caller's tag lists hold them: so a word of a synonym's name finds the
   * works of its canonical tag, and a meta tag's word its subtags' works, as filtering by that tag does.
   */
  setTagName(tagId: number, name: string): void {
    const before = this.tagNames.get(tagId);
    if (before === name) return;
    if (before !== undefined) {
      for (const token of new Set(tokenize(before))) {
        const list = this.tagsByToken.get(token);
        if (!list) continue;
        const at = list.indexOf(tagId);
        if (at !== -1) list.splice(at, 1);
        if (list.length === 0) this.tagsByToken.delete(token);
      }
    }
    this.tagNames.set(tagId, name);
    for (const token of new Set(tokenize(name))) {
      const list = this.tagsByToken.get(token);
      if (list) list.push(tagId);
      else this.tagsByToken.set(token, [tagId]);
    }
  }

  /** Tags (by id, synonyms included) whose names hold this token. */
  tagsWithToken(token: string): readonly number[] {
    return this.tagsByToken.get(token) ?? [];
  }

  /**
   * Works that hold every token (as words of their text or of their tags' names), ordinals
   * ascending; with `ranked`, each with its BM25 score (higher is better): weighted term
   * frequency (a tag name counts as one use at the tags' weight), weighted length, k1 1.2, b 0.75.
   * `tagWorks` gives the works filed under the tags whose names hold a token.
   */
  match(tokens: readonly string[], ranked: boolean, tagWorks: (tagIds: readonly number[]) => OrdinalList[]): TextHits {
    const unique = [...new Set(tokens)];
    if (unique.length === 0) return { ords: new Int32Array(0) };
    const sources: TokenSource[] = unique.map((token) => {
      const id = this.termIds.find(token, 0, token.length);
      const text = id === -1 ? undefined : this.postings[id];
      const tagIds = this.tagsByToken.get(token);
      const tags = tagIds ? tagWorks(tagIds).filter((list) => list.length > 0) : [];
      return { text, tags, size: (text?.length ?? 0) + tags.reduce((n, list) => n + list.length, 0) };
    });
    if (sources.some((s) => s.size === 0))
      return { ords: new Int32Array(0), ...(ranked ? { scores: new Float64Array(0) } : {}) };
    sources.sort((a, b) => a.size - b.size);
    const documents = Math.max(1, this.documents);
    const averageLength = this.totalLength > 0 ? this.totalLength / documents : 1;
    const idf = (s: TokenSource) => {
      const df = Math.min(documents, s.size);
      return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
    };
    const docLength = this.docLength;
    const bm25 = (frequency: number, ord: number, weight: number) =>
      (weight * frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * docLength[ord]) / averageLength));

    // Candidates: the works of the rarest token; each further token keeps those it also has.
    let ords = this.gather(sources[0]);
    let scores: Float64Array | undefined;
    const frequency = this.frequency;
    if (ranked) {
      scores = new Float64Array(ords.length);
      const weight = idf(sources[0]);
      for (let i = 0; i < ords.length; i++) scores[i] = bm25(frequency[ords[i]], ords[i], weight);
    }
    for (let i = 0; i < ords.length; i++) frequency[ords[i]] = 0;
    for (let k = 1; k < sources.length && ords.length > 0; k++) {
      const source = sources[k];
      const weight = ranked ? idf(source) : 0;
      let n = 0;
      if (source.tags.length === 0 && source.text) {
        // A posting of the token's own: walked alongside the candidates (both ascending).
        const posting = source.text;
        let at = 0;
        for (let i = 0; i < ords.length; i++) {
          const ord = ords[i];
          at = posting.gallop(ord, at);
          if (at >= posting.length) break;
          const entry = posting.items[at];
          if (entry >>> 8 !== ord) continue;
          if (scores) scores[n] = scores[i] + bm25(entry & 0xff, ord, weight);
          ords[n++] = ord;
        }
      } else {
        const touched = this.gather(source, false);
        for (let i = 0; i < ords.length; i++) {
          const ord = ords[i];
          const f = frequency[ord];
          if (f === 0) continue;
          if (scores) scores[n] = scores[i] + bm25(f, ord, weight);
          ords[n++] = ord;
        }
        for (let i = 0; i < touched.length; i++) frequency[touched[i]] = 0;
      }
      ords = ords.subarray(0, n);
      if (scores) scores = scores.subarray(0, n);
    }
    return scores ? { ords: ords.slice(), scores: scores.slice() } : { ords: ords.slice() };
  }

  /**
   * The works of one token with their weighted frequency left in `frequency` (the caller zeroes
   * it); ordinals ascending when `sorted`.
   */
  private gather(source: TokenSource, sorted = true): Int32Array {
    const frequency = this.frequency;
    const tagWeight = FIELD_WEIGHTS.tags;
    if (source.tags.length === 0) {
      const posting = source.text!;
      const out = new Int32Array(posting.length);
      for (let i = 0; i < posting.length; i++) {
        const entry = posting.items[i];
        const ord = entry >>> 8;
        out[i] = ord;
        frequency[ord] = entry & 0xff;
      }
      return out;
    }
    const out = new Int32Array(source.size);
    let n = 0;
    if (source.text) {
      const posting = source.text;
      for (let i = 0; i < posting.length; i++) {
        const entry = posting.items[i];
        const ord = entry >>> 8;
        out[n++] = ord;
        frequency[ord] = entry & 0xff;
      }
    }
    for (const list of source.tags) {
      const items = list.items;
      for (let i = 0; i < list.length; i++) {
        const ord = items[i];
        if (ord >= this.capacity) continue;
        if (frequency[ord] === 0) out[n++] = ord;
        frequency[ord] += tagWeight;
      }
    }
    const found = out.subarray(0, n);
    if (!sorted) return found;
    if (n * 8 > this.capacity) {
      // A large share of the works: a sweep over all of them is cheaper than sorting.
      let m = 0;
      for (let ord = 0; ord < this.capacity; ord++) if (frequency[ord] !== 0) out[m++] = ord;
      return out.subarray(0, m);
    }
    return found.sort();
  }
}
