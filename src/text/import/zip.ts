/**
 * Zip archives (EPUB, DOCX) read within a budget: a small file can inflate to gigabytes (a zip
 * bomb), so each entry is read only when asked for, its declared size is checked before a byte is
 * inflated, and inflating stops at the budget whatever the archive declares (yauzl also refuses an
 * entry whose data is longer than it declares).
 */
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { ImportError } from './errors.ts';

export interface ZipBudget {
  /** All entries read from one archive together. */
  totalBytes: number;
  /** One entry. */
  entryBytes: number;
  /** How many times its compressed size an entry may inflate to (past the first megabyte). */
  ratio: number;
}

const MB = 1024 * 1024;

/** Many times a long novel's text and pictures, far below what would stall a server. */
export const IMPORT_ZIP_BUDGET: ZipBudget = { totalBytes: 64 * MB, entryBytes: 32 * MB, ratio: 100 };

const megabytes = (bytes: number) => `${Math.ceil(bytes / MB).toLocaleString('en')} MB`;

export class ZipArchive {
  private spent = 0;

  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    private readonly budget: ZipBudget,
    private readonly kind: string,
  ) {}

  /** Lists an archive's entries (nothing is inflated yet). */
  static async open(
    bytes: Uint8Array,
    kind: string,
    unreadable = (reason: string) =>
      new ImportError(`this ${kind} cannot be unpacked (${reason}); the file may be damaged or incomplete.`),
    budget: ZipBudget = IMPORT_ZIP_BUDGET,
  ): Promise<ZipArchive> {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    try {
      const zip = await fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true });
      const entries = new Map<string, Entry>();
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: Entry) => {
          if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
          zip.readEntry();
        });
        zip.on('end', resolve);
        zip.on('error', reject);
        zip.readEntry();
      });
      return new ZipArchive(zip, entries, budget, kind);
    } catch (error) {
      throw unreadable((error as Error).message);
    }
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** An entry's bytes, or undefined if there is no such entry; refused past the budget. */
  async read(name: string): Promise<Uint8Array | undefined> {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    if (entry.isEncrypted()) throw new ImportError(`this ${this.kind} is encrypted; save it again without a password.`);
    this.checkDeclared(entry);
    const chunks: Buffer[] = [];
    let length = 0;
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        length += chunk.length;
        this.spent += chunk.length;
        if (length > this.budget.entryBytes || this.spent > this.budget.totalBytes) {
          stream.destroy();
          throw this.tooLarge();
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw new ImportError(
        `${name} in this ${this.kind} cannot be unpacked (${(error as Error).message}); the file may be damaged.`,
      );
    }
    return Buffer.concat(chunks, length);
  }

  /** Every entry, each within the budget. */
  async readAll(): Promise<Record<string, Uint8Array>> {
    const files: Record<string, Uint8Array> = {};
    for (const name of this.names) files[name] = (await this.read(name))!;
    return files;
  }

  close(): void {
    this.zip.close();
  }

  private checkDeclared(entry: Entry): void {
    const { uncompressedSize, compressedSize } = entry;
    const inflatesTooFar = uncompressedSize > MB && uncompressedSize > compressedSize * this.budget.ratio;
    if (uncompressedSize > this.budget.entryBytes || this.spent + uncompressedSize > this.budget.totalBytes)
      throw this.tooLarge();
    if (inflatesTooFar)
      throw new ImportError(
        `${entry.fileName} in this ${this.kind} unpacks to ${megabytes(uncompressedSize)} from ${megabytes(compressedSize)}, more than ${this.budget.ratio} times its packed size, which no story needs; it cannot be imported.`,
      );
  }

  private tooLarge(): ImportError {
    return new ImportError(
      `this ${this.kind} unpacks to more than ${megabytes(this.budget.totalBytes)} (or one part of it to more than ${megabytes(this.budget.entryBytes)}), more than a story needs; it cannot be imported. Import the story's text, or split it into several files.`,
    );
  }
}
