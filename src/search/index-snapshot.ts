/**
 * The index snapshot file: a process's in-memory works index, text index and tag graph as of
 * one entry of the work change log, so that a new process reads it in seconds and then catches
 * up from the log instead of loading every work from the database (see DbWorkIndex.load).
 *
 * Layout: "QUIRIDX1", the header's length (u32 LE) and CRC-32, the header (JSON: who wrote it
 * for which archive, and where each section lies, with its CRC-32), then the sections: typed
 * arrays as their raw little-endian bytes, strings as one UTF-8 run (their UTF-16 lengths in a
 * section of their own), small maps as v8 serialize. Written to a temporary file, then renamed.
 * Written in slices (see SnapshotWriter): the process writing it serves requests meanwhile.
 */
import { closeSync, openSync, readSync, fstatSync, statSync } from 'node:fs';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { deserialize, serialize } from 'node:v8';

const MAGIC = Buffer.from('QUIRIDX1', 'latin1');
/** Changes whenever what the sections hold changes: an older file is then refused. */
export const SNAPSHOT_FORMAT = 1;

/** Whose index a snapshot is: a file of another archive, schema or Quire version is not used. */
export interface SnapshotIdentity {
  archiveUuid: string;
  /** The migrations the database has applied, in order. */
  migrations: string;
  quireVersion: string;
}

type Kind = 'i32' | 'u32' | 'f32' | 'f64' | 'u8' | 'utf8' | 'utf16' | 'v8';

interface SectionInfo {
  name: string;
  kind: Kind;
  /** Elements (bytes for utf8/utf16/v8). */
  count: number;
  offset: number;
  bytes: number;
  crc: number;
}

interface Header {
  format: number;
  identity: SnapshotIdentity;
  /** What the index snapshotted was as of (see DbWorkIndex): the last applied change id, ids still awaited, and when. */
  meta: Record<string, unknown>;
  sections: SectionInfo[];
}

/** Why a snapshot was not used (logged; the index is then loaded from the database). */
export class SnapshotRefused extends Error {}

type Bytes = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array;
type OwnBytes =
  | Int32Array<ArrayBuffer>
  | Uint32Array<ArrayBuffer>
  | Float32Array<ArrayBuffer>
  | Float64Array<ArrayBuffer>
  | Uint8Array<ArrayBuffer>;

function bytesOf(a: Bytes): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/**
 * Gives the event loop back every `budgetMs` of work: a process writing its snapshot goes on
 * serving meanwhile. Call tick() between pieces of work a few milliseconds long at most.
 */
export class Slicer {
  private deadline: number;

  constructor(private readonly budgetMs = 8) {
    this.deadline = performance.now() + budgetMs;
  }

  async tick(): Promise<void> {
    if (performance.now() < this.deadline) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.deadline = performance.now() + this.budgetMs;
  }
}

/** Bytes copied, checksummed or written between two ticks. */
const CHUNK = 4 << 20;
/** Strings joined and encoded between two ticks. */
const STRINGS_CHUNK = 16_384;

interface Part {
  info: Omit<SectionInfo, 'offset' | 'crc' | 'bytes'>;
  /** The bytes (one run, or the runs end to end); a view of the index's own array until capture() copies it. */
  data: Uint8Array[];
  live: boolean;
  /** A list of strings waiting to be encoded (see strings()). */
  strings?: string[];
}

/**
 * Collects the sections of a snapshot, then writes them. The sections are added as views of the
 * index's arrays; capture() copies those, after which the index may change again while the
 * strings are encoded, the sections checksummed and the file written, each in slices
 * (see Slicer), so that a serving process does not stop serving while it writes.
 */
export class SnapshotWriter {
  private readonly parts: Part[] = [];

  constructor(readonly slicer = new Slicer()) {}

  private add(name: string, kind: Kind, count: number, data: Uint8Array, live: boolean): void {
    if (this.parts.some((p) => p.info.name === name)) throw new Error(`snapshot section ${name} written twice`);
    this.parts.push({ info: { name, kind, count }, data: [data], live });
  }

  /** `fresh`: an array made for the snapshot, which nothing else changes (else it is copied by capture()). */
  i32(name: string, a: Int32Array, fresh = false): void {
    this.add(name, 'i32', a.length, bytesOf(a), !fresh);
  }
  u32(name: string, a: Uint32Array, fresh = false): void {
    this.add(name, 'u32', a.length, bytesOf(a), !fresh);
  }
  f32(name: string, a: Float32Array, fresh = false): void {
    this.add(name, 'f32', a.length, bytesOf(a), !fresh);
  }
  f64(name: string, a: Float64Array, fresh = false): void {
    this.add(name, 'f64', a.length, bytesOf(a), !fresh);
  }
  u8(name: string, a: Uint8Array, fresh = false): void {
    this.add(name, 'u8', a.length, bytesOf(a), !fresh);
  }
  /** Any value v8 serialize takes (for small maps and lists). */
  value(name: string, value: unknown): void {
    const data = serialize(value);
    this.add(name, 'v8', data.byteLength, data, false);
  }
  /**
   * A list of strings: their UTF-16 lengths and their text (UTF-8, or UTF-16 when one holds a lone
   * surrogate). The list is copied here (its strings are not: they never change); encoded by writeTo.
   */
  async strings(name: string, list: readonly string[], count = list.length): Promise<void> {
    const copy = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      copy[i] = list[i] ?? '';
      if ((i & 65535) === 65535) await this.slicer.tick();
    }
    this.add(`${name}.lengths`, 'i32', count, new Uint8Array(0), false);
    this.add(name, 'utf8', 0, new Uint8Array(0), false);
    this.parts[this.parts.length - 1].strings = copy;
  }

  /** Copies every section still a view of the index's arrays: after this the index may change. */
  async capture(): Promise<void> {
    for (const part of this.parts) {
      if (!part.live) continue;
      const source = part.data[0];
      const copy = new Uint8Array(source.byteLength);
      for (let at = 0; at < source.byteLength; at += CHUNK) {
        copy.set(source.subarray(at, Math.min(at + CHUNK, source.byteLength)), at);
        await this.slicer.tick();
      }
      part.data = [copy];
      part.live = false;
    }
  }

  private async encode(part: Part, lengthsPart: Part): Promise<void> {
    const list = part.strings!;
    const lengths = new Int32Array(list.length);
    for (let i = 0; i < list.length; i++) lengths[i] = list[i].length;
    lengthsPart.data = [bytesOf(lengths)];
    // UTF-8 keeps every UTF-16 code unit but a lone surrogate's (String.prototype.isWellFormed, ES2024).
    // A pair split between two chunks reads as lone here: the list is then written as UTF-16, as good.
    let encoding: 'utf8' | 'utf16le' = 'utf8';
    let runs: Uint8Array[] = [];
    for (let from = 0; from < list.length; from += STRINGS_CHUNK) {
      const text = list.slice(from, from + STRINGS_CHUNK).join('');
      if (encoding === 'utf8' && !(text as unknown as { isWellFormed(): boolean }).isWellFormed()) {
        encoding = 'utf16le';
        from = -STRINGS_CHUNK;
        runs = [];
        continue;
      }
      runs.push(Buffer.from(text, encoding));
      await this.slicer.tick();
    }
    part.data = runs;
    part.info.kind = encoding === 'utf8' ? 'utf8' : 'utf16';
    part.info.count = runs.reduce((n, run) => n + run.byteLength, 0);
    part.strings = undefined;
  }

  private async checksum(runs: Uint8Array[]): Promise<number> {
    let crc = 0;
    for (const run of runs)
      for (let at = 0; at < run.byteLength; at += CHUNK) {
        crc = crc32(run.subarray(at, Math.min(at + CHUNK, run.byteLength)), crc);
        await this.slicer.tick();
      }
    return crc;
  }

  /**
   * Writes the snapshot to `path` (through a temporary file renamed over it); returns its size in
   * bytes. Copies what capture() has not copied yet first.
   */
  async writeTo(path: string, identity: SnapshotIdentity, meta: Record<string, unknown>): Promise<number> {
    await this.capture();
    const sections: SectionInfo[] = [];
    let offset = 0;
    for (let i = 0; i < this.parts.length; i++) {
      const part = this.parts[i];
      if (part.strings) await this.encode(part, this.parts[i - 1]);
    }
    for (const part of this.parts) {
      const bytes = part.data.reduce((n, run) => n + run.byteLength, 0);
      sections.push({ ...part.info, offset, bytes, crc: await this.checksum(part.data) });
      offset += bytes;
    }
    const header = Buffer.from(JSON.stringify({ format: SNAPSHOT_FORMAT, identity, meta, sections } satisfies Header));
    const prefix = Buffer.alloc(16);
    MAGIC.copy(prefix, 0);
    prefix.writeUInt32LE(header.byteLength, 8);
    prefix.writeUInt32LE(crc32(header), 12);
    const temporary = `${path}.${process.pid}.tmp`;
    // On PostgreSQL nothing else may have made the data folder yet.
    await mkdir(dirname(path), { recursive: true });
    const file = await open(temporary, 'w', 0o600);
    try {
      await writeAll(file, prefix);
      await writeAll(file, header);
      for (const part of this.parts) for (const run of part.data) await writeAll(file, run);
      await file.close();
    } catch (error) {
      await file.close().catch(() => {});
      await unlink(temporary).catch(() => {});
      throw error;
    }
    await rename(temporary, path);
    return prefix.byteLength + header.byteLength + offset;
  }
}

async function writeAll(file: FileHandle, data: Uint8Array): Promise<void> {
  // A write may write less than asked.
  for (let at = 0; at < data.byteLength;) {
    const { bytesWritten } = await file.write(data, at, Math.min(data.byteLength - at, CHUNK * 4));
    at += bytesWritten;
  }
}

/** Reads the sections of a snapshot file, each checked against its CRC-32. */
export class SnapshotReader {
  readonly meta: Record<string, unknown>;
  readonly bytes: number;
  private readonly sections = new Map<string, SectionInfo>();
  private readonly base: number;

  private constructor(
    private readonly fd: number,
    header: Header,
    base: number,
    size: number,
  ) {
    this.meta = header.meta;
    this.base = base;
    this.bytes = size;
    for (const s of header.sections) this.sections.set(s.name, s);
  }

  /**
   * Opens a snapshot if it is one, complete, of this format and of the archive `identity`
   * names; else throws SnapshotRefused saying why.
   */
  static open(path: string, identity: SnapshotIdentity): SnapshotReader {
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw new SnapshotRefused(
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is none yet' : (error as Error).message,
      );
    }
    try {
      const size = fstatSync(fd).size;
      const prefix = Buffer.alloc(16);
      if (readSync(fd, prefix, 0, 16, 0) !== 16 || !prefix.subarray(0, 8).equals(MAGIC))
        throw new SnapshotRefused('it is not an index snapshot');
      const headerBytes = prefix.readUInt32LE(8);
      if (16 + headerBytes > size) throw new SnapshotRefused('it is cut short');
      const headerData = Buffer.alloc(headerBytes);
      readSync(fd, headerData, 0, headerBytes, 16);
      if (crc32(headerData) !== prefix.readUInt32LE(12)) throw new SnapshotRefused('its header is damaged');
      const header = JSON.parse(headerData.toString('utf8')) as Header;
      if (header.format !== SNAPSHOT_FORMAT)
        throw new SnapshotRefused(`it is of format ${header.format}, this Quire writes ${SNAPSHOT_FORMAT}`);
      if (header.identity.archiveUuid !== identity.archiveUuid)
        throw new SnapshotRefused('it is of another archive (or a database restored from a backup)');
      if (header.identity.migrations !== identity.migrations)
        throw new SnapshotRefused('it was written before the database was migrated');
      if (header.identity.quireVersion !== identity.quireVersion)
        throw new SnapshotRefused(
          `it was written by Quire ${header.identity.quireVersion}, this is ${identity.quireVersion}`,
        );
      const base = 16 + headerBytes;
      const end = Math.max(0, ...header.sections.map((s) => s.offset + s.bytes));
      if (base + end !== size) throw new SnapshotRefused(`it is ${size} bytes long, its header says ${base + end}`);
      return new SnapshotReader(fd, header, base, size);
    } catch (error) {
      closeSync(fd);
      if (error instanceof SnapshotRefused) throw error;
      throw new SnapshotRefused(`it cannot be read (${(error as Error).message})`);
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  has(name: string): boolean {
    return this.sections.has(name);
  }

  private section(name: string, kinds: Kind[]): SectionInfo {
    const s = this.sections.get(name);
    if (!s || !kinds.includes(s.kind)) throw new SnapshotRefused(`its section ${name} is missing`);
    return s;
  }

  private fill(s: SectionInfo, target: Uint8Array): void {
    if (target.byteLength !== s.bytes) throw new SnapshotRefused(`its section ${s.name} has the wrong size`);
    for (let at = 0; at < s.bytes;) {
      const n = readSync(this.fd, target, at, Math.min(s.bytes - at, 1 << 30), this.base + s.offset + at);
      if (n === 0) throw new SnapshotRefused('it is cut short');
      at += n;
    }
    if (crc32(target) !== s.crc) throw new SnapshotRefused(`its section ${s.name} is damaged`);
  }

  /** A section of numbers into a new array of at least `capacity` elements (the rest zero, or `fill`). */
  private numbers<T extends OwnBytes>(
    name: string,
    kind: Kind,
    make: (n: number) => T,
    width: number,
    capacity: number,
    fill?: number,
  ): T {
    const s = this.section(name, [kind]);
    if (s.bytes !== s.count * width) throw new SnapshotRefused(`its section ${name} has the wrong size`);
    const a = make(Math.max(s.count, capacity));
    if (fill !== undefined && a.length > s.count) a.fill(fill, s.count);
    this.fill(s, new Uint8Array(a.buffer, 0, s.bytes));
    return a;
  }

  i32(name: string, capacity = 0, fill?: number): Int32Array<ArrayBuffer> {
    return this.numbers(name, 'i32', (n) => new Int32Array(n), 4, capacity, fill);
  }
  u32(name: string, capacity = 0): Uint32Array<ArrayBuffer> {
    return this.numbers(name, 'u32', (n) => new Uint32Array(n), 4, capacity);
  }
  f32(name: string, capacity = 0): Float32Array<ArrayBuffer> {
    return this.numbers(name, 'f32', (n) => new Float32Array(n), 4, capacity);
  }
  f64(name: string, capacity = 0): Float64Array<ArrayBuffer> {
    return this.numbers(name, 'f64', (n) => new Float64Array(n), 8, capacity);
  }
  u8(name: string, capacity = 0, fill?: number): Uint8Array<ArrayBuffer> {
    return this.numbers(name, 'u8', (n) => new Uint8Array(n), 1, capacity, fill);
  }
  value<T>(name: string): T {
    const s = this.section(name, ['v8']);
    const data = Buffer.alloc(s.bytes);
    this.fill(s, data);
    return deserialize(data) as T;
  }
  strings(name: string): string[] {
    const lengths = this.i32(`${name}.lengths`);
    const s = this.section(name, ['utf8', 'utf16']);
    const data = Buffer.alloc(s.bytes);
    this.fill(s, data);
    const text = data.toString(s.kind === 'utf8' ? 'utf8' : 'utf16le');
    const list = new Array<string>(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      list[i] = text.substring(at, at + lengths[i]);
      at += lengths[i];
    }
    if (at !== text.length) throw new SnapshotRefused(`its section ${name} is damaged`);
    return list;
  }
}

/** A map of number → list of numbers as three sections: the keys, each list's length, and the lists end to end. */
export async function writeLists<V>(
  w: SnapshotWriter,
  name: string,
  map: ReadonlyMap<number, V>,
  listOf: (value: V) => ArrayLike<number>,
): Promise<void> {
  const keys = new Int32Array(map.size);
  const lengths = new Int32Array(map.size);
  let total = 0;
  let i = 0;
  for (const [key, value] of map) {
    keys[i] = key;
    lengths[i++] = listOf(value).length;
    total += lengths[i - 1];
    if ((i & 4095) === 0) await w.slicer.tick();
  }
  const flat = new Int32Array(total);
  await w.slicer.tick();
  total = 0;
  i = 0;
  for (const value of map.values()) {
    const list = listOf(value);
    flat.set(list, total);
    total += list.length;
    if ((++i & 4095) === 0) await w.slicer.tick();
  }
  w.i32(`${name}.keys`, keys, true);
  w.i32(`${name}.lengths`, lengths, true);
  w.i32(name, flat, true);
}

/** What writeLists wrote; the lists are views of one array. */
export function readLists(r: SnapshotReader, name: string): Map<number, Int32Array<ArrayBuffer>> {
  const keys = r.i32(`${name}.keys`);
  const lengths = r.i32(`${name}.lengths`);
  const flat = r.i32(name);
  if (lengths.length !== keys.length) throw new SnapshotRefused(`its section ${name} does not add up`);
  const map = new Map<number, Int32Array<ArrayBuffer>>();
  let at = 0;
  for (let i = 0; i < keys.length; i++) {
    const end = at + lengths[i];
    if (lengths[i] < 0 || end > flat.length) throw new SnapshotRefused(`its section ${name} does not add up`);
    map.set(keys[i], flat.subarray(at, end));
    at = end;
  }
  if (at !== flat.length) throw new SnapshotRefused(`its section ${name} does not add up`);
  return map;
}

/** When the file at `path` was last written (ms), or undefined when there is none. */
export function snapshotWrittenAt(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

/** A snapshot holds typed arrays as this machine lays them out. */
export const SNAPSHOTS_SUPPORTED = endianness() === 'LE';

/** Settings of the running archive's snapshots (src/cli/serve.ts sets them; unset, no snapshot is read or written). */
export interface SnapshotSettings {
  path: string;
  /** How often a changed index is written again (0: only after a full load). */
  everyMs: number;
  log: (message: string) => void;
}

let settings: SnapshotSettings | undefined;

export function configureIndexSnapshots(value: SnapshotSettings | undefined): void {
  settings = value;
}

export function indexSnapshotSettings(): SnapshotSettings | undefined {
  return settings;
}
