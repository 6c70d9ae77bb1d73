/**
 * `bin/quire bench matching`: gift exchange matching on generated sign-ups with a realistic skew
 * (a few big fandoms and a long tail of rare ones), run exactly as the archive's matching job runs
 * it (in a worker thread, src/jobs/gift-exchange-matching.ts), and checked against a maximum
 * computed independently here (max-flow on the potential-match graph). Prints one JSON object with
 * --json.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { random, Zipf } from '../corpus/generate.ts';
import {
  MATCH_TAG_KINDS,
  edgeCount,
  maximumMatchingSize,
  potentialMatches,
  type MatchSettings,
  type Prompt,
  type SignUp,
} from '../domain/gift-exchange/index.ts';
import type { TagKind } from '../domain/works.ts';
import { matchInWorker } from '../jobs/gift-exchange-matching.ts';

export const BENCH_MATCHING_HELP = `  bench matching --signups N [--seed S] [--match KIND=N,...] [--json]
                          Gift exchange matching on N generated sign-ups (Zipf-skewed fandoms,
                          3 requests and 3 offers each; --match defaults to fandom=1,character=1):
                          assigned against the max-flow maximum, seconds and memory.`;

/** Tag ids of one generated exchange: fandoms, then each fandom's characters and relationships, then shared tags. */
interface Vocabulary {
  fandoms: Zipf;
  characters: { first: number; zipf: Zipf }[];
  relationships: { first: number; zipf: Zipf }[];
  freeforms: { first: number; zipf: Zipf };
  ratings: number[];
}

function vocabulary(participants: number): Vocabulary {
  const fandomCount = Math.max(10, Math.round(participants / 10));
  let next = fandomCount + 1;
  const characters = [];
  const relationships = [];
  for (let f = 0; f < fandomCount; f++) {
    // Big fandoms have big casts.
    const cast = 4 + Math.round(60 / Math.sqrt(f + 1));
    characters.push({ first: next, zipf: new Zipf(cast, 1.0) });
    next += cast;
    relationships.push({ first: next, zipf: new Zipf(cast, 1.1) });
    next += cast;
  }
  const freeforms = { first: next, zipf: new Zipf(300, 1.0) };
  const ratings = [1, 2, 3, 4, 5].map((i) => next + 300 + i);
  return { fandoms: new Zipf(fandomCount, 1.0), characters, relationships, freeforms, ratings };
}

export function generateSignUps(participants: number, seed: number): SignUp[] {
  const rand = random(seed);
  const v = vocabulary(participants);
  const some = (max: number, pick: () => number) => {
    const ids = new Set<number>();
    const count = Math.floor(rand() * (max + 1));
    for (let i = 0; i < count; i++) ids.add(pick());
    return [...ids];
  };
  const prompt = (anyCharacter: number): Prompt => {
    const f = v.fandoms.pick(rand);
    const cast = v.characters[f];
    const pairings = v.relationships[f];
    const characters = new Set<number>();
    const wanted = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < wanted; i++) characters.add(cast.first + cast.zipf.pick(rand));
    const any: TagKind[] = rand() < anyCharacter ? ['character'] : [];
    return {
      tags: {
        fandom: [1 + f],
        character: [...characters],
        relationship: some(2, () => pairings.first + pairings.zipf.pick(rand)),
        freeform: some(3, () => v.freeforms.first + v.freeforms.zipf.pick(rand)),
        rating: [v.ratings[Math.floor(rand() * v.ratings.length)]],
      },
      any,
    };
  };
  return Array.from({ length: participants }, (_, i) => ({
    participantId: i + 1,
    requests: [prompt(0.1), prompt(0.1), prompt(0.1)],
    offers: [prompt(0.25), prompt(0.25), prompt(0.25)],
  }));
}

function parseSettings(text: string): MatchSettings {
  const settings: MatchSettings = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [kind, count] = part.split('=');
    if (!MATCH_TAG_KINDS.includes(kind as TagKind) || !/^\d+$/.test(count ?? ''))
      throw new Error(`--match takes KIND=N pairs (kinds: ${MATCH_TAG_KINDS.join(', ')}), not "${part}"`);
    settings[kind as TagKind] = Number(count);
  }
  return settings;
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

export async function runMatchingBench(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      allowPositionals: true,
      options: {
        signups: { type: 'string' },
        seed: { type: 'string' },
        match: { type: 'string' },
        json: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    console.error(`quire: ${(error as Error).message}`);
    return 2;
  }
  const participants = Number(values.signups);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (values.signups === undefined || !Number.isInteger(participants) || participants < 1) {
    console.error('quire: usage: bin/quire bench matching --signups N [--seed S] [--match KIND=N,...] [--json]');
    return 2;
  }
  if (!Number.isInteger(seed)) {
    console.error('quire: --seed must be a whole number');
    return 2;
  }
  let settings: MatchSettings;
  try {
    settings = parseSettings(values.match ?? 'fandom=1,character=1');
  } catch (error) {
    console.error(`quire: ${(error as Error).message}`);
    return 2;
  }

  const rssBefore = process.memoryUsage().rss;
  const signUps = generateSignUps(participants, seed);
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  let progressReports = 0;
  const result = await matchInWorker(signUps, settings, seed, () => progressReports++);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // The worker thread's CPU time is this process's too.
  const cpu = process.cpuUsage(cpuBefore);
  const rss = process.memoryUsage().rss;
  const flowStarted = process.hrtime.bigint();
  const graph = potentialMatches(signUps, settings);
  const maximum = maximumMatchingSize(graph);
  const flowSeconds = Number(process.hrtime.bigint() - flowStarted) / 1e9;
  const assigned = result.assignments.length;
  const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;
  const report = {
    participants,
    assigned,
    maximum,
    seconds: round(seconds),
    cpu_seconds: round((cpu.user + cpu.system) / 1e6),
    rss_mb: megabytes(rss),
    rss_before_mb: megabytes(rssBefore),
    mutual_pairs: result.mutualPairs,
    mean_score: assigned === 0 ? 0 : round(result.totalScore / assigned),
    potential_matches: edgeCount(graph),
    progress_reports: progressReports,
    without_gift: result.unmatchedReceivers.length,
    without_assignment: result.unmatchedGivers.length,
    // The independent check: the potential-match graph built again here, and its max-flow maximum.
    max_flow_seconds: round(flowSeconds),
    peak_rss_mb: megabytes(process.resourceUsage().maxRSS * 1024),
    settings,
    seed,
    load_average_1m: round(loadavg()[0]),
  };
  if (values.json) console.log(JSON.stringify(report, null, 2));
  else
    console.log(
      `${assigned.toLocaleString('en')} of ${participants.toLocaleString('en')} participants assigned (maximum ${maximum.toLocaleString('en')}) in ${report.seconds} s, ${report.rss_mb} MB; ${report.mutual_pairs} mutual pairs, mean score ${report.mean_score}`,
    );
  return assigned === maximum ? 0 : 1;
}
