/**
 * Imports run in worker threads (a piscina pool), each with a memory ceiling and a time limit:
 * reading a hostile or enormous file then costs a worker, never the page requests of the process,
 * and a file that would need more is refused with a clear message.
 */
import { E_TIMEOUT, Semaphore, withTimeout, type SemaphoreInterface } from 'async-mutex';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { BusyError } from '../../domain/errors.ts';
import { ImportError } from './errors.ts';
import type { ImportFile } from './read.ts';
import type { KnownTags } from './suggest.ts';
import type { ImportedWork } from './work.ts';

export interface ImportLimits {
  timeoutMs: number;
  /** Each worker's heap: an import's files and their text must fit in it. */
  memoryMb: number;
  /** Imports read at once; more wait their turn. */
  threads: number;
  /**
   * How long an upload waits for its turn before the writer is asked to send it again. The wait
   * is not part of `timeoutMs`: a file is never refused as too slow because others were read first.
   */
  waitMs: number;
}

/** A long novel imports in a second or two in well under 200 MB. */
export const IMPORT_LIMITS: ImportLimits = { timeoutMs: 60_000, memoryMb: 768, threads: 2, waitMs: 30_000 };

export const IMPORTS_BUSY =
  'The archive is reading other uploads just now, so yours was not read. Nothing was saved: send it again in a minute.';

/** A thread starts in seconds, even on a busy machine; one not started in a minute will not start. */
const START_MS = 60_000;

const NOT_STARTED =
  'The archive could not start reading your upload just now. Nothing was saved: send it again in a minute.';

export interface ImportRequest {
  files: ImportFile[];
  knownTags: KnownTags;
  /** The writer's median paragraph length, when they have posted works (see ImportOptions). */
  paragraphWords?: number;
  /** Told when the worker starts reading: a thread starting up (seconds) is not the file's time. */
  started?: MessagePort;
}

export type ImportAnswer =
  | { work: ImportedWork }
  | { importError: { message: string; file?: string } }
  | { failure: { message: string; stack?: string } };

const SMALLER_FILES = 'Import the story in smaller files (a chapter or a few at a time).';

export class ImportWorkers {
  private readonly pool: Piscina<ImportRequest, ImportAnswer>;
  /** One turn per thread, so an import's time limit starts when a thread starts reading it. */
  private readonly turns: SemaphoreInterface;

  constructor(private readonly limits: ImportLimits = IMPORT_LIMITS) {
    this.pool = new Piscina({
      filename: new URL('./import-worker.mjs', import.meta.url).href,
      minThreads: 0,
      maxThreads: limits.threads,
      // A thread kept warm for the next import (starting one compiles the importer: seconds).
      idleTimeout: 5 * 60_000,
      // Its own loader (see import-worker.mjs), not the flags of whatever started this process.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb },
    });
    this.turns = withTimeout(new Semaphore(limits.threads), limits.waitMs);
  }

  private static process: ImportWorkers | undefined;

  /** This process's workers, with the archive's limits: imports wait for each other, never for pages. */
  static shared(): ImportWorkers {
    ImportWorkers.process ??= new ImportWorkers();
    return ImportWorkers.process;
  }

  /**
   * `importWork` in a worker within the limits: the same work, an ImportError for anything it
   * refuses, or a BusyError when no thread came free within `waitMs`.
   */
  async importWork(files: ImportFile[], knownTags: KnownTags, paragraphWords?: number): Promise<ImportedWork> {
    const answer = await this.turns
      .runExclusive(() => this.read({ files, knownTags, paragraphWords }))
      .catch((error: unknown) => {
        throw error === E_TIMEOUT ? new BusyError(IMPORTS_BUSY, 'archive', 60) : error;
      });
    if ('work' in answer) return answer.work;
    if ('importError' in answer) throw new ImportError(answer.importError.message, answer.importError.file);
    throw Object.assign(new Error(answer.failure.message), { stack: answer.failure.stack });
  }

  private async read(request: ImportRequest): Promise<ImportAnswer> {
    // The time limit runs from when the worker starts reading, not from when a thread was asked for:
    // the first import after the threads went idle waits for one to start (seconds). A thread that
    // does not start is the archive's fault, not the file's.
    const stop = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let started = false;
    let timer = setTimeout(() => stop.abort(), START_MS);
    port1.once('message', () => {
      started = true;
      clearTimeout(timer);
      timer = setTimeout(() => stop.abort(), this.limits.timeoutMs);
    });
    try {
      return await this.pool.run({ ...request, started: port2 }, { signal: stop.signal, transferList: [port2] });
    } catch (error) {
      if (!started && stop.signal.aborted) throw new BusyError(NOT_STARTED, 'archive', 60);
      throw this.refusal(error as Error & { code?: string }) ?? error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  async close(): Promise<void> {
    await this.pool.close({ force: true });
  }

  private refusal(error: Error & { code?: string }): ImportError | undefined {
    if (error.name === 'AbortError' || error.name === 'TimeoutError')
      return new ImportError(
        `reading this upload took longer than ${this.limits.timeoutMs / 1000} seconds, so it was stopped. ${SMALLER_FILES}`,
      );
    if (error.code === 'ERR_WORKER_OUT_OF_MEMORY')
      return new ImportError(
        `reading this upload needs more than the ${this.limits.memoryMb} MB the archive gives an import, so it was stopped. ${SMALLER_FILES}`,
      );
    return undefined;
  }
}
