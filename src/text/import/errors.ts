/** Input that cannot become a work: empty, binary, too large, or a broken document. One clear message per file. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'ImportError';
  }
}

/** The largest file accepted (25 MB): many times the longest novel, small enough to read into memory. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
