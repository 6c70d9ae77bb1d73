/** The matching thread's work: assignments for the sign-ups it was given, progress reported as it goes. */
import { parentPort, workerData } from 'node:worker_threads';
import { generateAssignments, type MatchSettings, type SignUp } from '../domain/gift-exchange/index.ts';

const { signUps, settings, seed } = workerData as { signUps: SignUp[]; settings: MatchSettings; seed: number };
let reported = -1;
const result = generateAssignments(signUps, settings, {
  seed,
  onProgress: (fraction) => {
    const percent = Math.floor(fraction * 100);
    if (percent > reported) {
      reported = percent;
      parentPort!.postMessage({ progress: fraction });
    }
  },
});
parentPort!.postMessage({
  result: {
    assignments: result.assignments,
    unmatchedGivers: result.unmatchedGivers,
    unmatchedReceivers: result.unmatchedReceivers,
    mutualPairs: result.mutualPairs,
    totalScore: result.totalScore,
  },
});
