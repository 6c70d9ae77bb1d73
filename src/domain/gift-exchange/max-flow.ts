/**
 * The size of a maximum matching of a potential-match graph computed independently of the
 * assignment code, as a maximum flow (Dinic's algorithm) from a source through every giver and
 * receiver to a sink, all capacities 1. The benchmark and the tests check the assignments
 * against it. Pure: no I/O.
 */
import type { PotentialMatchGraph } from './potential-matches.ts';

export function maximumMatchingSize(graph: PotentialMatchGraph): number {
  const n = graph.participantIds.length;
  // Nodes: source 0, givers 1..n, receivers n+1..2n, sink 2n+1.
  const source = 0;
  const sink = 2 * n + 1;
  const nodes = 2 * n + 2;
  // Arcs in compressed rows (each node's arcs side by side), every arc with its residual twin.
  const firstArc = new Int32Array(nodes + 1);
  firstArc[source + 1] = n;
  for (let g = 0; g < n; g++) {
    firstArc[1 + g + 1] += 1 + graph.offsets[g + 1] - graph.offsets[g];
  }
  const inDegree = new Int32Array(n);
  for (let e = 0; e < graph.receivers.length; e++) inDegree[graph.receivers[e]]++;
  for (let r = 0; r < n; r++) firstArc[1 + n + r + 1] = inDegree[r] + 1;
  firstArc[sink + 1] = n;
  for (let v = 0; v < nodes; v++) firstArc[v + 1] += firstArc[v];
  const arcCount = firstArc[nodes];
  const to = new Int32Array(arcCount);
  const twin = new Int32Array(arcCount);
  const capacity = new Uint8Array(arcCount);
  const fill = firstArc.slice(0, nodes);
  const addEdge = (from: number, target: number) => {
    const a = fill[from]++;
    const b = fill[target]++;
    to[a] = target;
    capacity[a] = 1;
    twin[a] = b;
    to[b] = from;
    twin[b] = a;
  };
  for (let g = 0; g < n; g++) addEdge(source, 1 + g);
  for (let g = 0; g < n; g++)
    for (let e = graph.offsets[g]; e < graph.offsets[g + 1]; e++) addEdge(1 + g, 1 + n + graph.receivers[e]);
  for (let r = 0; r < n; r++) addEdge(1 + n + r, sink);

  const level = new Int32Array(nodes);
  const queue = new Int32Array(nodes);
  const current = new Int32Array(nodes);
  const pathArcs = new Int32Array(nodes);
  let flow = 0;

  for (;;) {
    // Levels by breadth-first search over arcs with capacity left.
    level.fill(-1);
    level[source] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = source;
    while (head < tail) {
      const v = queue[head++];
      for (let a = firstArc[v]; a < firstArc[v + 1]; a++)
        if (capacity[a] > 0 && level[to[a]] < 0) {
          level[to[a]] = level[v] + 1;
          queue[tail++] = to[a];
        }
    }
    if (level[sink] < 0) return flow;

    // A blocking flow: depth-first searches along the levels, each sending one unit.
    current.set(firstArc.subarray(0, nodes));
    for (;;) {
      let depth = 0;
      let v = source;
      let reached = false;
      while (true) {
        if (v === sink) {
          reached = true;
          break;
        }
        const end = firstArc[v + 1];
        let a = current[v];
        while (a < end && (capacity[a] === 0 || level[to[a]] !== level[v] + 1)) a++;
        current[v] = a;
        if (a === end) {
          if (v === source) break;
          level[v] = -1; // nothing more through v in this phase
          depth--;
          v = to[twin[pathArcs[depth]]];
          current[v]++;
          continue;
        }
        pathArcs[depth++] = a;
        v = to[a];
      }
      if (!reached) break;
      for (let i = 0; i < depth; i++) {
        capacity[pathArcs[i]]--;
        capacity[twin[pathArcs[i]]]++;
      }
      flow++;
    }
  }
}
