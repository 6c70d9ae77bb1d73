import type { WorkSearch } from '../search/work-search.ts';
import { onPrimary } from '../read-routing.ts';

/**
 * Small facts about one work that guest pages ask for on every view (whether this guest left
 * kudos, whether the work asks not to be indexed), kept per process. A fact is dropped as soon as
 * the work change log names its work (any process's write, learned through the works index as
 * kept guest pages are), and each read first applies the log, so a kept fact is never older than
 * the last write to its work that this process could know of. Facts are read on the primary.
 */
export class WorkFacts<V> {
  private facts = new Map<number, Map<string, V>>();
  private size = 0;
  /** Raised at every change, so that a fact read from the database before it is not kept after it. */
  private version = 0;

  constructor(
    private readonly search: WorkSearch,
    private readonly max = 100_000,
  ) {
    search.index.onWorksChanged((workIds) => {
      this.version++;
      for (const id of workIds) {
        const facts = this.facts.get(id);
        if (!facts) continue;
        this.size -= facts.size;
        this.facts.delete(id);
      }
    });
  }

  /** The fact `key` about the work, read with `load` unless kept. */
  async get(workId: number, key: string, load: () => Promise<V>): Promise<V> {
    await this.search.index.sync();
    const kept = this.facts.get(workId);
    if (kept?.has(key)) return kept.get(key)!;
    const version = this.version;
    // From the primary: a replica behind the change log would have this process keep an old answer.
    const value = await onPrimary(load);
    if (version === this.version) this.set(workId, key, value);
    return value;
  }

  private set(workId: number, key: string, value: V): void {
    if (this.size >= this.max) {
      this.facts.clear();
      this.size = 0;
    }
    const facts = this.facts.get(workId) ?? new Map<string, V>();
    if (!facts.has(key)) this.size++;
    facts.set(key, value);
    this.facts.set(workId, facts);
  }
}
