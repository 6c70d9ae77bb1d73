/**
 * The potential-match graph of a gift exchange: an edge giver → receiver when some offer of the
 * giver meets some request of the receiver (never a participant to themselves), weighted by the
 * best score of such a pair. Built through inverted indexes of requests on the required tag kinds:
 * each offer is compared only with the requests sharing a tag of its most selective required kind
 * (or accepting any). Pure: no I/O.
 */
import { ValidationError } from '../errors.ts';
import { compilePrompt, compileSettings, type MatchSettings, type Prompt, type SignUp } from './prompts.ts';

/**
 * Participants by index (the order of the sign-ups) and, in compressed rows, each giver's
 * receivers (ascending index) with the score of their best request/offer pair.
 */
export interface PotentialMatchGraph {
  participantIds: readonly number[];
  /** Giver i's edges are offsets[i] … offsets[i + 1] - 1. */
  offsets: Int32Array;
  receivers: Int32Array;
  scores: Int32Array;
}

/** A prompt as the graph builder compares it: dense tag numbers, all of them and those of each required kind. */
interface DensePrompt {
  all: Int32Array;
  required: Int32Array[];
  anyMask: number;
}

export interface ProgressOptions {
  /** Called now and then with the share of the work done, from 0 to 1. */
  onProgress?: (fraction: number) => void;
}

/** A growable list of 32-bit integers. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity: number) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  /** Room for `count` more values; returns the array to write them into (from `length` on). */
  reserve(count: number): Int32Array {
    if (this.length + count > this.data.length) {
      const bigger = new Int32Array(Math.max(this.data.length * 2, this.length + count));
      bigger.set(this.data.subarray(0, this.length));
      this.data = bigger;
    }
    return this.data;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

function checkedParticipants(signUps: readonly SignUp[]): number[] {
  const ids = signUps.map((s) => s.participantId);
  const seen = new Set<number>();
  for (const id of ids) {
    if (seen.has(id))
      throw new ValidationError({ signUps: `Participant ${id} has more than one sign-up; matching needs one each.` });
    seen.add(id);
  }
  return ids;
}

export function potentialMatches(
  signUps: readonly SignUp[],
  settings: MatchSettings,
  options: ProgressOptions = {},
): PotentialMatchGraph {
  const participantIds = checkedParticipants(signUps);
  const required = compileSettings(settings);
  const n = signUps.length;
  const { kinds, counts } = required;

  // Tags as dense numbers (by kind and id), so that comparing a request with an offer is a few
  // array reads: the offer's tags are marked, the request's looked up.
  const denseIds = new Map<number, number>();
  const dense = (kind: number, id: number) => {
    const key = id * 8 + kind;
    let found = denseIds.get(key);
    if (found === undefined) {
      found = denseIds.size;
      denseIds.set(key, found);
    }
    return found;
  };
  const densePrompt = (prompt: Prompt): DensePrompt => {
    const compiled = compilePrompt(prompt);
    return {
      all: Int32Array.from(compiled.tags.flatMap((ids, kind) => Array.from(ids, (id) => dense(kind, id)))),
      required: Array.from(kinds, (kind) => Int32Array.from(compiled.tags[kind], (id) => dense(kind, id))),
      anyMask: compiled.anyMask,
    };
  };

  // Every request, flattened, with its owner, renumbered by its tags of the required kinds (so
  // that the requests of one fandom lie together in memory), then stored as flat arrays.
  const loose: { prompt: DensePrompt; owner: number }[] = [];
  for (let i = 0; i < n; i++)
    for (const prompt of signUps[i].requests) loose.push({ prompt: densePrompt(prompt), owner: i });
  const sortKey = (p: DensePrompt, i: number) => (p.required[i].length > 0 ? p.required[i][0] : -1);
  loose.sort((a, b) => {
    for (let i = 0; i < kinds.length; i++) {
      const d = sortKey(a.prompt, i) - sortKey(b.prompt, i);
      if (d !== 0) return d;
    }
    return a.owner - b.owner;
  });
  const requestCount = loose.length;
  const owners = Int32Array.from(loose, (r) => r.owner);
  const requestAny = Int32Array.from(loose, (r) => r.prompt.anyMask);
  const flat = (lists: Int32Array[]) => {
    const starts = new Int32Array(lists.length + 1);
    lists.forEach((list, q) => (starts[q + 1] = starts[q] + list.length));
    const data = new Int32Array(starts[lists.length]);
    lists.forEach((list, q) => data.set(list, starts[q]));
    return { starts, data };
  };
  const requestTags = flat(loose.map((r) => r.prompt.all));
  const requestRequired = Array.from(kinds, (_, i) => flat(loose.map((r) => r.prompt.required[i])));
  const offers = signUps.map((s) => s.offers.map(densePrompt));

  // For each required kind, the requests by tag of that kind and those accepting any tag of it.
  const indexes: { postings: Map<number, number[]>; any: number[] }[] = [];
  for (let i = 0; i < kinds.length; i++) {
    const bit = 1 << kinds[i];
    const postings = new Map<number, number[]>();
    const any: number[] = [];
    const { starts, data } = requestRequired[i];
    for (let q = 0; q < requestCount; q++) {
      if (requestAny[q] & bit) any.push(q);
      else
        for (let t = starts[q]; t < starts[q + 1]; t++) {
          const list = postings.get(data[t]);
          if (list) list.push(q);
          else postings.set(data[t], [q]);
        }
    }
    indexes.push({ postings, any });
  }
  const everyRequest = Array.from({ length: requestCount }, (_, q) => q);
  const none: number[] = [];

  /**
   * The requests that may match an offer: those sharing a tag of one required kind with it (or
   * accepting any), through the kind that singles out the fewest; the full comparison decides.
   */
  const candidates = (offer: DensePrompt): (readonly number[])[] => {
    let best: (readonly number[])[] = [everyRequest];
    let bestSize = requestCount;
    for (let i = 0; i < kinds.length; i++) {
      if (offer.anyMask & (1 << kinds[i])) continue;
      const index = indexes[i];
      const lists = [index.any, ...Array.from(offer.required[i], (tag) => index.postings.get(tag) ?? none)];
      const size = lists.reduce((sum, list) => sum + list.length, 0);
      if (size < bestSize) {
        best = lists;
        bestSize = size;
      }
    }
    return best;
  };

  const offsets = new Int32Array(n + 1);
  const receivers = new IntList(n * 16);
  const scores = new IntList(n * 16);
  const seenRequest = new Int32Array(requestCount).fill(-1);
  const marked = new Int32Array(denseIds.size).fill(-1);
  const receiverStamp = new Int32Array(n).fill(-1);
  const best = new Int32Array(n);
  const touched = new Int32Array(n);
  const tagStarts = requestTags.starts;
  const tagData = requestTags.data;
  let offerStamp = 0;
  const step = Math.max(1, Math.floor(n / 100));

  for (let g = 0; g < n; g++) {
    let found = 0;
    for (const offer of offers[g]) {
      const stamp = offerStamp++;
      for (const tag of offer.all) marked[tag] = stamp;
      for (const list of candidates(offer))
        candidate: for (let c = 0; c < list.length; c++) {
          const q = list[c];
          if (seenRequest[q] === stamp) continue;
          seenRequest[q] = stamp;
          const r = owners[q];
          if (r === g) continue;
          // The same rule as compiledMatchScore (the tests hold them to each other).
          const either = requestAny[q] | offer.anyMask;
          for (let i = 0; i < kinds.length; i++) {
            if (either & (1 << kinds[i])) continue;
            const { starts, data } = requestRequired[i];
            const named = starts[q + 1] - starts[q];
            if (named === 0) continue candidate;
            let shared = 0;
            for (let t = starts[q]; t < starts[q + 1]; t++) if (marked[data[t]] === stamp) shared++;
            if (shared < Math.min(counts[i], named)) continue candidate;
          }
          let score = 0;
          for (let t = tagStarts[q]; t < tagStarts[q + 1]; t++) if (marked[tagData[t]] === stamp) score++;
          if (receiverStamp[r] !== g) {
            receiverStamp[r] = g;
            best[r] = score;
            touched[found++] = r;
          } else if (score > best[r]) best[r] = score;
        }
    }
    const row = touched.subarray(0, found).sort();
    const start = receivers.length;
    receivers.reserve(found).set(row, start);
    const rowScores = scores.reserve(found);
    for (let i = 0; i < found; i++) rowScores[start + i] = best[row[i]];
    receivers.length = scores.length = start + found;
    offsets[g + 1] = receivers.length;
    if (options.onProgress && (g + 1) % step === 0) options.onProgress((g + 1) / n);
  }
  options.onProgress?.(1);
  return { participantIds, offsets, receivers: receivers.toArray(), scores: scores.toArray() };
}

/** How many giver → receiver pairs the graph holds. */
export function edgeCount(graph: PotentialMatchGraph): number {
  return graph.offsets[graph.participantIds.length];
}

/** The edge index of giver → receiver (by participant index), or -1 when the giver cannot write for them. */
export function findEdge(graph: PotentialMatchGraph, giver: number, receiver: number): number {
  let lo = graph.offsets[giver];
  let hi = graph.offsets[giver + 1] - 1;
  const list = graph.receivers;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = list[mid];
    if (value === receiver) return mid;
    if (value < receiver) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Whom a participant could write for, with each match's score (for moderators editing assignments). */
export function receiversOf(graph: PotentialMatchGraph, giverId: number): { participantId: number; score: number }[] {
  const giver = graph.participantIds.indexOf(giverId);
  if (giver < 0) return [];
  const found = [];
  for (let e = graph.offsets[giver]; e < graph.offsets[giver + 1]; e++)
    found.push({ participantId: graph.participantIds[graph.receivers[e]], score: graph.scores[e] });
  return found;
}
