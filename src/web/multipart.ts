/**
 * File uploads without JavaScript: multipart/form-data bodies streamed by @fastify/multipart
 * (busboy), for the routes of the plugin that calls `acceptUploads`. Each file goes to a temporary
 * directory as it arrives and only the text fields are held in memory; reading stops at the
 * limits, counted on the bytes as they come. The directory is removed when the response ends,
 * whatever happened (and earlier by `takeFiles`).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface UploadLimits {
  /** Bytes a file may have. A longer one is counted to its end (within `requestBytes`) but not kept. */
  fileBytes: number;
  /** Files a form may carry (besides the empty part of a file input left empty). */
  files: number;
  /** Bytes a text field may have; a longer one is cut there and named in `ReceivedUpload.truncated`. */
  fieldBytes: number;
  /** Bytes the whole body may have as sent, framing included: reading stops past it. */
  requestBytes: number;
}

export interface ReceivedFile {
  name: string;
  /** Its size as sent, in bytes. */
  size: number;
  /** Where it is kept until the response ends; null when it is over the per-file limit (not kept). */
  path: string | null;
}

/**
 * The files of a multipart form, found under `UPLOADS` in its parsed body. A class, so that only
 * `receiveUpload` makes one: a body of another type (JSON) cannot pass for it.
 */
export class ReceivedUpload {
  readonly files: ReceivedFile[] = [];
  /** Text fields cut at the field limit. */
  readonly truncated: string[] = [];
  /** Where the files are kept (made for the first file). */
  dir: string | null = null;
}

/** Files arrive under this key of a parsed multipart body. */
export const UPLOADS = 'uploads';

export class UploadParseError extends Error {
  readonly statusCode = 400;
  constructor(options?: ErrorOptions) {
    super(
      'The upload could not be read: the browser sent it incomplete. Choose the files again and send the form once more.',
      options,
    );
    this.name = 'UploadParseError';
  }
}

/**
 * Reading stopped before the end of the body: more bytes in all than the limit (`size`), or more
 * files (`files`). Carries the text fields that came before, to show the form again with them.
 */
export class UploadStopped extends Error {
  constructor(
    readonly reason: 'size' | 'files',
    readonly fields: Record<string, unknown>,
  ) {
    super(`The upload was stopped: too many ${reason === 'size' ? 'bytes' : 'files'}.`);
    this.name = 'UploadStopped';
  }
}

/** Lets the routes of this plugin accept multipart/form-data forms within these limits (read by `receiveUpload`). */
export async function acceptUploads(app: FastifyInstance, limits: UploadLimits): Promise<void> {
  await app.register(multipart, {
    // Our own counting (receiveUpload) stops a file or the request first; these are busboy's backstops.
    throwFileSizeLimit: false,
    limits: {
      fileSize: limits.requestBytes,
      // The browser sends an empty part for a file input left empty.
      files: limits.files + 1,
      fieldSize: limits.fieldBytes,
      fields: 20,
      parts: limits.files + 21,
      headerPairs: 100,
    },
  });
}

/** No more of this body is read, and the connection is closed after the answer (the client may still be sending). */
function stopReading(request: FastifyRequest, reply: FastifyReply): void {
  request.raw.unpipe();
  request.raw.pause();
  reply.header('connection', 'close');
}

/** Counts a file's bytes as they pass, and lets none through past the limit. */
function counted(file: ReceivedFile, limit: number): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      file.size += chunk.length;
      callback(null, file.size <= limit ? chunk : undefined);
    },
  });
}

/**
 * Reads a multipart body: text fields (a field sent more than once becomes a list) and, under
 * `UPLOADS`, a ReceivedUpload with the files written to a temporary directory. Throws
 * UploadStopped past the request or file-count limit (having stopped reading), and
 * UploadParseError for a body that is not a readable form.
 */
export async function receiveUpload(
  request: FastifyRequest,
  reply: FastifyReply,
  limits: UploadLimits,
): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  if (Number(request.headers['content-length']) > limits.requestBytes) {
    stopReading(request, reply);
    throw new UploadStopped('size', fields);
  }
  const received = new ReceivedUpload();
  const removeDir = () => {
    if (received.dir === null) return;
    rm(received.dir, { recursive: true, force: true }).catch((error: unknown) =>
      request.log.warn({ err: error }, 'could not remove an upload directory'),
    );
  };
  /** The directory for the files, made when the first one comes (while busboy already watches for a closed request). */
  const fileDir = async () => {
    if (received.dir !== null) return received.dir;
    received.dir = await mkdtemp(join(tmpdir(), 'quire-upload-'));
    // 'close' comes once the response is sent, or when the client goes away before that.
    reply.raw.once('close', removeDir);
    return received.dir;
  };

  const overLimit = new AbortController();
  const stopped = new Promise<never>((_resolve, reject) =>
    overLimit.signal.addEventListener('abort', () => reject(new UploadStopped('size', fields)), { once: true }),
  );
  stopped.catch(() => undefined);
  let bytesRead = 0;
  const count = (chunk: Buffer) => {
    bytesRead += chunk.length;
    if (bytesRead <= limits.requestBytes || overLimit.signal.aborted) return;
    // At once, not when the parsing loop next runs: a fast sender could fill the gap.
    stopReading(request, reply);
    overLimit.abort();
  };

  const parts = request.parts()[Symbol.asyncIterator]();
  // The first step pipes the body into busboy; counting listens beside it.
  let next = parts.next();
  request.raw.on('data', count);
  try {
    for (;;) {
      const { value: part, done } = await Promise.race([next, stopped]);
      if (done) break;
      if (part.type === 'field') {
        const { fieldname: name, value } = part;
        if (part.valueTruncated) received.truncated.push(name);
        if (name !== UPLOADS && typeof value === 'string') {
          const earlier = fields[name];
          if (earlier === undefined) fields[name] = value;
          else if (Array.isArray(earlier)) earlier.push(value);
          else fields[name] = [earlier, value];
        }
      } else {
        // busboy takes a part without a file name for a file when its type is application/octet-stream.
        const name = part.filename ?? '';
        const file: ReceivedFile = { name, size: 0, path: join(await fileDir(), String(received.files.length)) };
        received.files.push(file);
        await Promise.race([
          pipeline(part.file, counted(file, limits.fileBytes), createWriteStream(file.path!), {
            signal: overLimit.signal,
          }),
          stopped,
        ]);
        if (file.size > limits.fileBytes) {
          await rm(file.path!, { force: true });
          file.path = null;
        }
      }
      next = parts.next();
    }
  } catch (error) {
    stopReading(request, reply);
    removeDir();
    if (error instanceof UploadStopped) throw error;
    if (overLimit.signal.aborted) throw new UploadStopped('size', fields);
    if ((error as { code?: unknown }).code === 'FST_FILES_LIMIT') throw new UploadStopped('files', fields);
    throw new UploadParseError({ cause: error });
  } finally {
    request.raw.off('data', count);
  }
  return { ...fields, [UPLOADS]: received };
}

/** The contents of kept files (all of them unless said), read into memory; the temporary directory is removed. */
export async function takeFiles(
  received: ReceivedUpload,
  files = received.files,
): Promise<{ name: string; bytes: Uint8Array }[]> {
  try {
    return await Promise.all(
      files.map(async (file) => {
        if (file.path === null) throw new Error(`${file.name} was not kept`);
        return { name: file.name, bytes: await readFile(file.path) };
      }),
    );
  } finally {
    if (received.dir !== null) await rm(received.dir, { recursive: true, force: true });
  }
}
