/**
 * The gift exchange matching job: reads the sign-ups, generates assignments in a worker thread
 * (10,000 sign-ups take seconds of CPU that page requests must not wait behind), writes the
 * progress on the exchange row for the moderators' page, and saves the assignments as drafts.
 * A run superseded by a newer "Generate" saves nothing.
 */
import { Worker } from 'node:worker_threads';
import type { Assignment, MatchSettings, SignUp } from '../domain/gift-exchange/index.ts';
import type { Store } from '../store/index.ts';

export interface MatchingOutcome {
  assignments: Assignment[];
  unmatchedGivers: number[];
  unmatchedReceivers: number[];
  mutualPairs: number;
  totalScore: number;
}

/** How often progress is written to the database at most. */
const PROGRESS_EVERY_MS = 500;

export function matchInWorker(
  signUps: SignUp[],
  settings: MatchSettings,
  seed: number,
  onProgress: (fraction: number) => void,
): Promise<MatchingOutcome> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./matching-worker.mjs', import.meta.url), {
      workerData: { signUps, settings, seed },
      execArgv: [],
    });
    let outcome: MatchingOutcome | undefined;
    worker.on('message', (message: { progress?: number; result?: MatchingOutcome }) => {
      if (message.result) outcome = message.result;
      else if (message.progress !== undefined) onProgress(message.progress);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (outcome) resolve(outcome);
      else reject(new Error(`the matching thread stopped (exit code ${code}) without an answer`));
    });
  });
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
}

export async function runMatchingJob(store: Store, payload: unknown): Promise<void> {
  const { collectionId, run, seed } = (payload ?? {}) as { collectionId?: unknown; run?: unknown; seed?: unknown };
  if (typeof collectionId !== 'number' || typeof run !== 'number' || typeof seed !== 'number')
    throw new Error('gift exchange matching job without a collection, run or seed');
  const exchanges = store.giftExchanges;
  const exchange = await exchanges.find(collectionId);
  if (!exchange || exchange.matchingRun !== run) return;
  if (!(await exchanges.matchingProgress(collectionId, run, 0, 'Reading the sign-ups…'))) return;
  try {
    const signUps = await exchanges.matchingInput(collectionId);
    let lastWrite = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const outcome = await matchInWorker(signUps, exchange.match, seed, (fraction) => {
      if (Date.now() - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = Date.now();
      const stage = fraction < 0.6 ? 'Finding which offers meet which requests…' : 'Choosing assignments…';
      writing = writing.then(() => exchanges.matchingProgress(collectionId, run, fraction, stage));
    });
    await writing;
    const message =
      `${plural(outcome.assignments.length, 'assignment')} for ${plural(signUps.length, 'participant')}` +
      (outcome.unmatchedReceivers.length > 0
        ? `; ${plural(outcome.unmatchedReceivers.length, 'participant')} without a gift (assign pinch hitters).`
        : '.') +
      (outcome.mutualPairs > 0
        ? ` ${plural(outcome.mutualPairs, 'pair')} write for each other (no way around it was found).`
        : '');
    await exchanges.saveGenerated(collectionId, run, outcome.assignments, message);
  } catch (error) {
    await exchanges.matchingFailed(collectionId, run, `Matching failed: ${(error as Error).message}`);
  }
}
