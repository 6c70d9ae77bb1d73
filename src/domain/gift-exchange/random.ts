/**
 * A small seeded random source for the matching (mulberry32), so the same sign-ups and seed
 * always give the same assignments. Pure: no I/O.
 */
export function seededRandom(seed: number): () => number {
  let state = (Math.trunc(seed) ^ 0x6d2b79f5) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates in place with the given random source. */
export function shuffleInPlace<T>(items: { length: number; [index: number]: T }, rand: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const swap = items[i];
    items[i] = items[j];
    items[j] = swap;
  }
}
