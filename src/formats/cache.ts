/**
 * Built downloads kept in memory, least recently used dropped first once the byte budget is
 * spent. Keys carry the content fingerprint, so a changed work simply misses; the older file
 * of the same work and format is dropped when the new one is stored. Builds of the same key
 * that overlap share one promise.
 */
export class DownloadCache {
  private readonly files = new Map<string, Uint8Array>();
  private readonly latest = new Map<string, string>();
  private readonly building = new Map<string, Promise<Uint8Array>>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  get size(): number {
    return this.bytes;
  }

  /** The file for `slot` (e.g. "work:12:epub") at `fingerprint`, built with `build` when missing. */
  async get(
    slot: string,
    fingerprint: string,
    build: () => Promise<Uint8Array> | Uint8Array,
  ): Promise<{ file: Uint8Array; cached: boolean }> {
    const key = `${slot}:${fingerprint}`;
    const hit = this.files.get(key);
    if (hit) {
      this.files.delete(key);
      this.files.set(key, hit);
      return { file: hit, cached: true };
    }
    let pending = this.building.get(key);
    if (!pending) {
      pending = Promise.resolve()
        .then(build)
        .finally(() => this.building.delete(key));
      this.building.set(key, pending);
    }
    const file = await pending;
    this.store(slot, key, file);
    return { file, cached: false };
  }

  private store(slot: string, key: string, file: Uint8Array): void {
    const previous = this.latest.get(slot);
    if (previous && previous !== key) this.drop(previous);
    this.latest.set(slot, key);
    if (this.files.has(key) || file.byteLength > this.maxBytes / 4) return;
    this.files.set(key, file);
    this.bytes += file.byteLength;
    for (const [oldest, old] of this.files) {
      if (this.bytes <= this.maxBytes) break;
      this.files.delete(oldest);
      this.bytes -= old.byteLength;
    }
  }

  private drop(key: string): void {
    const file = this.files.get(key);
    if (!file) return;
    this.files.delete(key);
    this.bytes -= file.byteLength;
  }
}
