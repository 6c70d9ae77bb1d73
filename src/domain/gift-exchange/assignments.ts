/**
 * Generating gift exchange assignments: a maximum matching of givers to receivers on the
 * potential-match graph (Hopcroft–Karp), so that as many participants as the sign-ups allow get
 * one assignment to write and one gift to receive. Higher-scored matches are tried first (greedy
 * start and every search walk each giver's receivers best first, ties in a seeded shuffle), then
 * mutual pairs (A writes for B and B for A) are broken by alternating swaps that keep the size,
 * and a last pass swaps pairs of assignments when both get better matches. Deterministic for the
 * same sign-ups and seed. Pure: no I/O.
 */
import type { MatchSettings, SignUp } from './prompts.ts';
import { findEdge, potentialMatches, type PotentialMatchGraph, type ProgressOptions } from './potential-matches.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

export interface Assignment {
  giverId: number;
  receiverId: number;
  /** Tags shared by the best request/offer pair behind it. */
  score: number;
}

export interface AssignmentResult {
  /** One per giver given an assignment, in sign-up order. */
  assignments: Assignment[];
  /** Participants left without an assignment to write (they may pinch hit). */
  unmatchedGivers: number[];
  /** Participants left without a gift (they need a pinch hitter). */
  unmatchedReceivers: number[];
  /** Pairs writing for each other left after the repair (which breaks every one it finds a same-size way around). */
  mutualPairs: number;
  totalScore: number;
  graph: PotentialMatchGraph;
}

export interface AssignmentOptions extends ProgressOptions {
  seed: number;
}

/** Sign-ups → assignments: builds the potential-match graph, then matches on it. */
export function generateAssignments(
  signUps: readonly SignUp[],
  settings: MatchSettings,
  options: AssignmentOptions,
): AssignmentResult {
  const report = options.onProgress;
  const graph = potentialMatches(signUps, settings, { onProgress: report && ((f) => report(0.6 * f)) });
  return assignOnGraph(graph, { seed: options.seed, onProgress: report && ((f) => report(0.6 + 0.4 * f)) });
}

/** Each giver's edges, best score first, equal scores in a seeded random order. */
function preferenceOrder(graph: PotentialMatchGraph, rand: () => number): Int32Array {
  const { offsets, scores } = graph;
  const n = graph.participantIds.length;
  const order = new Int32Array(scores.length);
  let row: Int32Array = new Int32Array(0);
  let counts = new Int32Array(64);
  for (let g = 0; g < n; g++) {
    const start = offsets[g];
    const end = offsets[g + 1];
    const length = end - start;
    if (length === 0) continue;
    if (row.length < length) row = new Int32Array(length * 2);
    let max = 0;
    for (let i = 0; i < length; i++) {
      row[i] = start + i;
      if (scores[start + i] > max) max = scores[start + i];
    }
    shuffleInPlace(row.subarray(0, length), rand);
    // A stable counting sort by score, highest first, keeps the shuffle among equal scores.
    if (counts.length < max + 2) counts = new Int32Array(max + 2);
    counts.fill(0, 0, max + 2);
    for (let i = 0; i < length; i++) counts[max - scores[row[i]] + 1]++;
    for (let s = 1; s <= max + 1; s++) counts[s] += counts[s - 1];
    for (let i = 0; i < length; i++) order[start + counts[max - scores[row[i]]]++] = row[i];
  }
  return order;
}

/** Matches on an already built potential-match graph. */
export function assignOnGraph(graph: PotentialMatchGraph, options: AssignmentOptions): AssignmentResult {
  const { offsets, receivers, scores } = graph;
  const n = graph.participantIds.length;
  const rand = seededRandom(options.seed);
  const report = options.onProgress ?? (() => undefined);
  const order = preferenceOrder(graph, rand);
  report(0.1);

  const matchG = new Int32Array(n).fill(-1); // giver → receiver
  const matchR = new Int32Array(n).fill(-1); // receiver → giver

  // Greedy start: givers with the fewest choices first (ties shuffled), each taking their best free receiver.
  const givers = Int32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(givers, rand);
  const degree = (g: number) => offsets[g + 1] - offsets[g];
  const byDegree = Array.from(givers).sort((a, b) => degree(a) - degree(b));
  for (const g of byDegree)
    for (let i = offsets[g]; i < offsets[g + 1]; i++) {
      const r = receivers[order[i]];
      if (matchR[r] === -1) {
        matchG[g] = r;
        matchR[r] = g;
        break;
      }
    }
  report(0.2);

  hopcroftKarp(graph, order, matchG, matchR, byDegree, (f) => report(0.2 + 0.5 * f));
  report(0.7);
  const mutualPairs = repairMutualPairs(graph, order, matchG, matchR);
  report(0.85);
  improveScores(graph, order, matchG, matchR, byDegree);
  report(1);

  const assignments: Assignment[] = [];
  const unmatchedGivers: number[] = [];
  const unmatchedReceivers: number[] = [];
  let totalScore = 0;
  for (let g = 0; g < n; g++) {
    const r = matchG[g];
    if (r < 0) unmatchedGivers.push(graph.participantIds[g]);
    else {
      const score = scores[findEdge(graph, g, r)];
      totalScore += score;
      assignments.push({ giverId: graph.participantIds[g], receiverId: graph.participantIds[r], score });
    }
    if (matchR[g] < 0) unmatchedReceivers.push(graph.participantIds[g]);
  }
  return { assignments, unmatchedGivers, unmatchedReceivers, mutualPairs, totalScore, graph };
}

/** Grows the matching to maximum size with shortest augmenting paths, phase by phase. */
function hopcroftKarp(
  graph: PotentialMatchGraph,
  order: Int32Array,
  matchG: Int32Array,
  matchR: Int32Array,
  giverOrder: readonly number[],
  report: (fraction: number) => void,
): void {
  const { offsets, receivers } = graph;
  const n = matchG.length;
  const INF = 0x3fffffff;
  const dist = new Int32Array(n);
  const next = new Int32Array(n); // each giver's next edge to try in this phase
  const queue = new Int32Array(n);
  const stack = new Int32Array(n);
  const via = new Int32Array(n);
  const initiallyFree = giverOrder.filter((g) => matchG[g] === -1).length;

  for (;;) {
    // Layers from the free givers over alternating paths.
    let head = 0;
    let tail = 0;
    for (const g of giverOrder) {
      if (matchG[g] === -1) {
        dist[g] = 0;
        queue[tail++] = g;
      } else dist[g] = INF;
    }
    let freeLayer = INF;
    while (head < tail) {
      const g = queue[head++];
      if (dist[g] >= freeLayer) continue;
      for (let i = offsets[g]; i < offsets[g + 1]; i++) {
        const owner = matchR[receivers[i]];
        if (owner === -1) {
          if (freeLayer === INF) freeLayer = dist[g] + 1;
        } else if (dist[owner] === INF) {
          dist[owner] = dist[g] + 1;
          queue[tail++] = owner;
        }
      }
    }
    if (freeLayer === INF) return;

    // Vertex-disjoint shortest augmenting paths, by an iterative depth-first search per free giver.
    for (let g = 0; g < n; g++) next[g] = offsets[g];
    let augmented = 0;
    for (const root of giverOrder) {
      if (matchG[root] !== -1) continue;
      let depth = 0;
      stack[0] = root;
      while (depth >= 0) {
        const g = stack[depth];
        if (next[g] === offsets[g + 1] || dist[g] + 1 > freeLayer) {
          dist[g] = INF; // a dead end for the rest of this phase
          depth--;
          continue;
        }
        const r = receivers[order[next[g]++]];
        const owner = matchR[r];
        if (owner === -1) {
          if (dist[g] + 1 !== freeLayer) continue;
          via[depth] = r;
          for (let k = 0; k <= depth; k++) {
            matchG[stack[k]] = via[k];
            matchR[via[k]] = stack[k];
          }
          augmented++;
          break;
        }
        if (dist[owner] === dist[g] + 1) {
          via[depth] = r;
          stack[++depth] = owner;
        }
      }
    }
    if (augmented === 0) return;
    const stillFree = giverOrder.filter((g) => matchG[g] === -1).length;
    report(initiallyFree === 0 ? 1 : 1 - stillFree / initiallyFree);
  }
}

function countMutualPairs(matchG: Int32Array): number {
  let pairs = 0;
  for (let g = 0; g < matchG.length; g++) {
    const r = matchG[g];
    if (r > g && matchG[r] === g) pairs++;
  }
  return pairs;
}

/** Receivers' givers: the graph's edges by receiver (built only when a repair needs to search backwards). */
interface Incoming {
  offsets: Int32Array;
  givers: Int32Array;
}

function incomingEdges(graph: PotentialMatchGraph): Incoming {
  const n = graph.participantIds.length;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < graph.receivers.length; e++) offsets[graph.receivers[e] + 1]++;
  for (let r = 0; r < n; r++) offsets[r + 1] += offsets[r];
  const fill = offsets.slice(0, n);
  const givers = new Int32Array(graph.receivers.length);
  for (let g = 0; g < n; g++)
    for (let e = graph.offsets[g]; e < graph.offsets[g + 1]; e++) givers[fill[graph.receivers[e]]++] = g;
  return { offsets, givers };
}

/**
 * Breaks pairs who write for each other when a matching of the same size without them exists
 * nearby: first a swap with another assignment (x→d, c→y for x→y, c→d), or giving x a free
 * receiver; then an alternating path that replaces the pair's edge. No step ever makes a new
 * mutual pair. Returns the number of mutual pairs left.
 */
function repairMutualPairs(
  graph: PotentialMatchGraph,
  order: Int32Array,
  matchG: Int32Array,
  matchR: Int32Array,
): number {
  const { offsets, receivers } = graph;
  const n = matchG.length;
  let incoming: Incoming | undefined;

  // x gives y and y gives x: give x someone else, keeping every receiver who had a gift (or trading one).
  const swapOut = (x: number, y: number): boolean => {
    for (let i = offsets[x]; i < offsets[x + 1]; i++) {
      const d = receivers[order[i]];
      if (d === y) continue;
      const c = matchR[d];
      if (c === -1) {
        // A receiver without a gift gets x's; y loses it (the size stays the same).
        matchR[y] = -1;
        matchG[x] = d;
        matchR[d] = x;
        return true;
      }
      if (findEdge(graph, c, y) >= 0) {
        matchG[x] = d;
        matchR[d] = x;
        matchG[c] = y;
        matchR[y] = c;
        return true;
      }
    }
    return false;
  };

  const visitedG = new Int32Array(n).fill(-1);
  const visitedR = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n);
  const queue = new Int32Array(n);
  let searchStamp = 0;

  /** Drops x → y and looks for an alternating path that restores the size without new mutual pairs. */
  const reroute = (x: number, y: number, backwards: boolean): boolean => {
    const before = countMutualPairs(matchG);
    const savedG = new Map<number, number>();
    const savedR = new Map<number, number>();
    const setG = (g: number, r: number) => {
      if (!savedG.has(g)) savedG.set(g, matchG[g]);
      matchG[g] = r;
    };
    const setR = (r: number, g: number) => {
      if (!savedR.has(r)) savedR.set(r, matchR[r]);
      matchR[r] = g;
    };
    setG(x, -1);
    setR(y, -1);
    const stamp = ++searchStamp;
    let found = false;
    if (!backwards) {
      // From giver x: x → r (r's giver moves on to another receiver) … → a receiver without a gift.
      let head = 0;
      let tail = 0;
      queue[tail++] = x;
      visitedG[x] = stamp;
      search: while (head < tail) {
        const g = queue[head++];
        for (let e = offsets[g]; e < offsets[g + 1]; e++) {
          const r = receivers[e];
          if ((g === x && r === y) || visitedR[r] === stamp || matchG[r] === g) continue;
          visitedR[r] = stamp;
          parent[r] = g;
          const owner = matchR[r];
          if (owner === -1) {
            for (let at = r; ;) {
              const giver = parent[at];
              const previous = matchG[giver];
              setG(giver, at);
              setR(at, giver);
              if (giver === x) break;
              at = previous;
            }
            found = true;
            break search;
          }
          if (visitedG[owner] !== stamp) {
            visitedG[owner] = stamp;
            queue[tail++] = owner;
          }
        }
      }
    } else {
      // To receiver y: a giver without an assignment → … → g → y, each giver taking the next one's receiver.
      incoming ??= incomingEdges(graph);
      let head = 0;
      let tail = 0;
      queue[tail++] = y;
      visitedR[y] = stamp;
      search: while (head < tail) {
        const r = queue[head++];
        for (let e = incoming.offsets[r]; e < incoming.offsets[r + 1]; e++) {
          const g = incoming.givers[e];
          if ((g === x && r === y) || visitedG[g] === stamp || matchG[r] === g) continue;
          visitedG[g] = stamp;
          parent[g] = r;
          const mine = matchG[g];
          if (mine === -1) {
            for (let at = g; ;) {
              const receiver = parent[at];
              const previous = matchR[receiver];
              setR(receiver, at);
              setG(at, receiver);
              if (receiver === y) break;
              at = previous;
            }
            found = true;
            break search;
          }
          if (visitedR[mine] !== stamp) {
            visitedR[mine] = stamp;
            queue[tail++] = mine;
          }
        }
      }
    }
    if (found && countMutualPairs(matchG) < before) return true;
    for (const [g, r] of savedG) matchG[g] = r;
    for (const [r, g] of savedR) matchR[r] = g;
    return false;
  };

  for (let a = 0; a < n; a++) {
    const b = matchG[a];
    if (b < 0 || matchG[b] !== a) continue;
    void (
      swapOut(a, b) ||
      swapOut(b, a) ||
      reroute(a, b, false) ||
      reroute(a, b, true) ||
      reroute(b, a, false) ||
      reroute(b, a, true)
    );
  }
  return countMutualPairs(matchG);
}

/**
 * Better matches at the same size: a giver moves to a better-scored receiver who has no gift, or
 * two givers trade receivers when the sum of their scores grows. Never makes a mutual pair.
 */
function improveScores(
  graph: PotentialMatchGraph,
  order: Int32Array,
  matchG: Int32Array,
  matchR: Int32Array,
  giverOrder: readonly number[],
): void {
  const { offsets, receivers, scores } = graph;
  const scoreOf = (g: number, r: number) => {
    const e = findEdge(graph, g, r);
    return e < 0 ? -1 : scores[e];
  };
  for (let pass = 0; pass < 3; pass++) {
    let changed = 0;
    for (const g of giverOrder) {
      const r1 = matchG[g];
      if (r1 < 0) continue;
      const s1 = scoreOf(g, r1);
      for (let i = offsets[g]; i < offsets[g + 1]; i++) {
        const e = order[i];
        const s2 = scores[e];
        if (s2 <= s1) break;
        const r2 = receivers[e];
        if (matchG[r2] === g) continue; // r2 writes for g: a mutual pair
        const c = matchR[r2];
        if (c === -1) {
          matchR[r1] = -1;
          matchG[g] = r2;
          matchR[r2] = g;
          changed++;
          break;
        }
        if (matchG[r1] === c) continue; // r1 writes for c
        const s3 = scoreOf(c, r1);
        if (s3 < 0 || s2 + s3 <= s1 + scoreOf(c, r2)) continue;
        matchG[g] = r2;
        matchR[r2] = g;
        matchG[c] = r1;
        matchR[r1] = c;
        changed++;
        break;
      }
    }
    if (changed === 0) return;
  }
}
