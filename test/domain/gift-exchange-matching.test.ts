import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  generateAssignments,
  maximumMatchingSize,
  potentialMatches,
  promptScore,
  promptsMatch,
  receiversOf,
  type AssignmentResult,
  type MatchSettings,
  type Prompt,
  type SignUp,
} from '../../src/domain/gift-exchange/index.ts';
import { seededRandom } from '../../src/domain/gift-exchange/random.ts';
import { generateSignUps, runMatchingBench } from '../../src/cli/bench-matching.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import type { TagKind } from '../../src/domain/works.ts';

const prompt = (tags: Prompt['tags'], any: TagKind[] = []): Prompt => ({ tags, any });
const fandom = (...ids: number[]) => prompt({ fandom: ids });

/** Random sign-ups over a small vocabulary, so that some match and some do not. */
function randomSignUps(count: number, seed: number, vocabulary = 6): SignUp[] {
  const rand = seededRandom(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const randomPrompt = (): Prompt => {
    const f = pick(vocabulary);
    const characters = [100 + f * 10 + pick(4)];
    if (rand() < 0.4) characters.push(100 + f * 10 + pick(4));
    const any: TagKind[] = [];
    if (rand() < 0.1) any.push('character');
    if (rand() < 0.03) any.push('fandom');
    return prompt({ fandom: [f], character: characters, rating: [900 + pick(3)] }, any);
  };
  return Array.from({ length: count }, (_, i) => ({
    participantId: 1000 + i * 7,
    requests: Array.from({ length: 1 + pick(3) }, randomPrompt),
    offers: Array.from({ length: 1 + pick(3) }, randomPrompt),
  }));
}

/** Every giver → receiver pair by comparing all pairs, with the best score. */
function naiveEdges(signUps: SignUp[], settings: MatchSettings): Map<string, number> {
  const edges = new Map<string, number>();
  for (const giver of signUps)
    for (const receiver of signUps) {
      if (giver === receiver) continue;
      let best = -1;
      for (const request of receiver.requests)
        for (const offer of giver.offers) best = Math.max(best, promptScore(request, offer, settings) ?? -1);
      if (best >= 0) edges.set(`${giver.participantId}>${receiver.participantId}`, best);
    }
  return edges;
}

/** The largest matching by trying everything (tiny instances only). */
function bruteMaximum(signUps: SignUp[], edges: Map<string, number>): number {
  const ids = signUps.map((s) => s.participantId);
  const taken = new Set<number>();
  const best = (i: number): number => {
    if (i === ids.length) return 0;
    let most = best(i + 1);
    for (const r of ids)
      if (!taken.has(r) && edges.has(`${ids[i]}>${r}`)) {
        taken.add(r);
        most = Math.max(most, 1 + best(i + 1));
        taken.delete(r);
      }
    return most;
  };
  return best(0);
}

function checkProperties(signUps: SignUp[], settings: MatchSettings, result: AssignmentResult): void {
  const edges = naiveEdges(signUps, settings);
  const givers = new Set<number>();
  const receivers = new Set<number>();
  for (const a of result.assignments) {
    assert.notEqual(a.giverId, a.receiverId, 'nobody writes for themselves');
    assert.ok(!givers.has(a.giverId), `giver ${a.giverId} has one assignment`);
    assert.ok(!receivers.has(a.receiverId), `receiver ${a.receiverId} gets one gift`);
    givers.add(a.giverId);
    receivers.add(a.receiverId);
    assert.equal(edges.get(`${a.giverId}>${a.receiverId}`), a.score, 'every assignment is a real potential match');
  }
  assert.equal(result.assignments.length, maximumMatchingSize(result.graph), 'the matching is maximum');
  const ids = signUps.map((s) => s.participantId);
  assert.deepEqual(
    result.unmatchedGivers,
    ids.filter((id) => !givers.has(id)),
  );
  assert.deepEqual(
    result.unmatchedReceivers,
    ids.filter((id) => !receivers.has(id)),
  );
  const byGiver = new Map(result.assignments.map((a) => [a.giverId, a.receiverId]));
  const mutual = result.assignments.filter((a) => a.giverId < a.receiverId && byGiver.get(a.receiverId) === a.giverId);
  assert.equal(result.mutualPairs, mutual.length);
  assert.equal(
    result.totalScore,
    result.assignments.reduce((n, a) => n + a.score, 0),
  );
}

describe('gift exchange prompts', () => {
  it('matches on the required number of tags of each kind', () => {
    const request = prompt({ fandom: [1], character: [10, 11], relationship: [20] });
    const offer = prompt({ fandom: [1], character: [11, 12] });
    assert.equal(promptsMatch(request, offer, { fandom: 1 }), true);
    assert.equal(promptsMatch(request, offer, { fandom: 1, character: 1 }), true);
    assert.equal(promptsMatch(request, offer, { fandom: 1, character: 2 }), false);
    assert.equal(promptsMatch(request, offer, { fandom: 1, relationship: 1 }), false);
    assert.equal(promptsMatch(request, offer, { fandom: 0, character: 0 }), true);
    assert.equal(promptsMatch(request, prompt({ fandom: [2], character: [11] }), { fandom: 1 }), false);
    // Kinds not required still score.
    assert.equal(promptScore(request, offer, { fandom: 1 }), 2);
    assert.equal(
      promptScore(request, prompt({ fandom: [1], character: [10, 11], relationship: [20] }), { fandom: 1 }),
      4,
    );
    assert.equal(promptScore(request, prompt({ fandom: [2] }), { fandom: 1 }), null);
  });

  it('caps a requirement at the tags the request names, and a request naming none matches only through "any"', () => {
    const oneCharacter = prompt({ fandom: [1], character: [10] });
    assert.equal(promptsMatch(oneCharacter, prompt({ fandom: [1], character: [10, 12] }), { character: 2 }), true);
    assert.equal(promptsMatch(oneCharacter, prompt({ fandom: [1], character: [12] }), { character: 2 }), false);
    const noCharacter = prompt({ fandom: [1] });
    assert.equal(promptsMatch(noCharacter, prompt({ fandom: [1], character: [12] }), { character: 1 }), false);
    assert.equal(
      promptsMatch(prompt({ fandom: [1] }, ['character']), prompt({ fandom: [1], character: [12] }), { character: 1 }),
      true,
    );
  });

  it('lets "any" on either side satisfy its kind', () => {
    const request = prompt({ fandom: [1], character: [10] }, ['character']);
    const offer = prompt({ fandom: [1], character: [99] });
    assert.equal(promptsMatch(request, offer, { fandom: 1, character: 1 }), true);
    assert.equal(
      promptsMatch(prompt({ fandom: [1], character: [10] }), prompt({ fandom: [1] }, ['character']), { character: 1 }),
      true,
    );
    assert.equal(
      promptsMatch(prompt({ fandom: [1], character: [10] }), prompt({ fandom: [2] }, ['character']), {
        fandom: 1,
        character: 1,
      }),
      false,
    );
    assert.equal(promptsMatch(prompt({ fandom: [7] }), prompt({}, ['fandom']), { fandom: 1 }), true);
  });

  it('refuses settings that are not counts of a tag kind', () => {
    assert.throws(() => promptsMatch(fandom(1), fandom(1), { fandom: -1 }), ValidationError);
    assert.throws(() => promptsMatch(fandom(1), fandom(1), { fandom: 1.5 }), ValidationError);
    assert.throws(() => promptsMatch(fandom(1), fandom(1), { fandoms: 1 } as MatchSettings), ValidationError);
  });
});

describe('potential matches', () => {
  for (const settings of [{ fandom: 1 }, { fandom: 1, character: 1 }, { character: 2 }, {}] as MatchSettings[])
    it(`finds exactly the pairs an all-pairs comparison finds (${JSON.stringify(settings)})`, () => {
      for (const [count, seed] of [
        [1, 1],
        [12, 2],
        [60, 3],
        [150, 4],
      ]) {
        const signUps = randomSignUps(count, seed);
        const graph = potentialMatches(signUps, settings);
        const found = new Map<string, number>();
        for (const s of signUps)
          for (const r of receiversOf(graph, s.participantId))
            found.set(`${s.participantId}>${r.participantId}`, r.score);
        assert.deepEqual([...found].sort(), [...naiveEdges(signUps, settings)].sort());
      }
    });

  it('refuses two sign-ups of one participant', () => {
    const s = { participantId: 1, requests: [fandom(1)], offers: [fandom(1)] };
    assert.throws(() => potentialMatches([s, { ...s }], { fandom: 1 }), ValidationError);
  });
});

describe('generating assignments', () => {
  const settingsList: MatchSettings[] = [{ fandom: 1 }, { fandom: 1, character: 1 }];
  for (const settings of settingsList)
    it(`gives a maximum matching with no self-assignment on random instances (${JSON.stringify(settings)})`, () => {
      for (const count of [1, 2, 3, 4, 5, 6, 7, 20, 80, 300])
        for (const seed of [1, 2, 3, 4, 5]) {
          const signUps = randomSignUps(count, seed * 101 + count, count < 10 ? 3 : 8);
          const result = generateAssignments(signUps, settings, { seed });
          checkProperties(signUps, settings, result);
          if (count <= 7) assert.equal(result.assignments.length, bruteMaximum(signUps, naiveEdges(signUps, settings)));
        }
    });

  it('handles one participant, a pair who only match each other, and nobody matching', () => {
    const one = generateAssignments(
      [{ participantId: 5, requests: [fandom(1)], offers: [fandom(1)] }],
      { fandom: 1 },
      { seed: 1 },
    );
    assert.deepEqual(one.assignments, []);
    assert.deepEqual(one.unmatchedGivers, [5]);
    assert.deepEqual(one.unmatchedReceivers, [5]);

    const pair = [
      { participantId: 1, requests: [fandom(1)], offers: [fandom(2)] },
      { participantId: 2, requests: [fandom(2)], offers: [fandom(1)] },
    ];
    const matched = generateAssignments(pair, { fandom: 1 }, { seed: 3 });
    assert.deepEqual(
      matched.assignments.map((a) => [a.giverId, a.receiverId]),
      [
        [1, 2],
        [2, 1],
      ],
    );
    assert.equal(matched.mutualPairs, 1, 'a mutual pair stays when nothing else is possible');

    const strangers = [1, 2, 3].map((id) => ({ participantId: id, requests: [fandom(id)], offers: [fandom(id + 10)] }));
    const none = generateAssignments(strangers, { fandom: 1 }, { seed: 1 });
    assert.deepEqual(none.assignments, []);
    assert.deepEqual(none.unmatchedGivers, [1, 2, 3]);
    assert.deepEqual(none.unmatchedReceivers, [1, 2, 3]);
    assert.equal(maximumMatchingSize(none.graph), 0);
    assert.deepEqual(generateAssignments([], { fandom: 1 }, { seed: 1 }).assignments, []);
  });

  it('avoids mutual pairs when a matching of the same size without them exists', () => {
    // Everyone can write for everyone: two mutual pairs are as large as a four-cycle.
    const everyone = [1, 2, 3, 4].map((id) => ({ participantId: id, requests: [fandom(1)], offers: [fandom(1)] }));
    // 1 and 2 write only for each other, but 3 can write for 2: 3 → 2 → 1 is as large as 1 ⇄ 2.
    const rescue = [
      { participantId: 1, requests: [fandom(1)], offers: [fandom(2)] },
      { participantId: 2, requests: [fandom(2)], offers: [fandom(1)] },
      { participantId: 3, requests: [fandom(3)], offers: [fandom(2)] },
    ];
    // 1 ⇄ 2, and 1 could write for 3 who receives from nobody else.
    const forward = [
      { participantId: 1, requests: [fandom(1)], offers: [fandom(2), fandom(3)] },
      { participantId: 2, requests: [fandom(2)], offers: [fandom(1)] },
      { participantId: 3, requests: [fandom(3)], offers: [fandom(9)] },
    ];
    // Two separate pairs in two fandoms, bridged by a longer path: 1 ⇄ 2 in fandom A, 3 ⇄ 4 in fandom B,
    // and 2 can write for 3, 4 for 1.
    const bridged = [
      { participantId: 1, requests: [fandom(1)], offers: [fandom(2)] },
      { participantId: 2, requests: [fandom(2)], offers: [fandom(1), fandom(3)] },
      { participantId: 3, requests: [fandom(3)], offers: [fandom(4)] },
      { participantId: 4, requests: [fandom(4)], offers: [fandom(3), fandom(1)] },
    ];
    for (const [name, signUps] of Object.entries({ everyone, rescue, forward, bridged }))
      for (let seed = 1; seed <= 30; seed++) {
        const result = generateAssignments(signUps, { fandom: 1 }, { seed });
        checkProperties(signUps, { fandom: 1 }, result);
        assert.equal(result.mutualPairs, 0, `${name}, seed ${seed}: ${JSON.stringify(result.assignments)}`);
      }
  });

  it('prefers better matches at the same size', () => {
    // 1 can write for 2 (sharing fandom and two characters) or 3 (the fandom only); 4 for both (better
    // for 3). 2 → 5 → 1 and 3 → 6 → 4 close the cycles, so either choice is a full matching without
    // mutual pairs; the better one is 1 → 2, 4 → 3.
    const signUps = [
      { participantId: 1, requests: [fandom(9)], offers: [prompt({ fandom: [1], character: [10, 11] })] },
      { participantId: 2, requests: [prompt({ fandom: [1], character: [10, 11] })], offers: [fandom(7)] },
      { participantId: 3, requests: [prompt({ fandom: [1], character: [12] })], offers: [fandom(6)] },
      { participantId: 4, requests: [fandom(8)], offers: [prompt({ fandom: [1], character: [12] })] },
      { participantId: 5, requests: [fandom(7)], offers: [fandom(9)] },
      { participantId: 6, requests: [fandom(6)], offers: [fandom(8)] },
    ];
    for (let seed = 1; seed <= 20; seed++) {
      const result = generateAssignments(signUps, { fandom: 1 }, { seed });
      checkProperties(signUps, { fandom: 1 }, result);
      const of = new Map(result.assignments.map((a) => [a.giverId, a.receiverId]));
      assert.equal(of.get(1), 2, `seed ${seed}`);
      assert.equal(of.get(4), 3, `seed ${seed}`);
    }
  });

  it('gives the same assignments for the same sign-ups and seed, and reports progress up to 1', () => {
    const signUps = randomSignUps(400, 77, 10);
    const settings = { fandom: 1 };
    const fractions: number[] = [];
    const first = generateAssignments(signUps, settings, { seed: 9, onProgress: (f) => fractions.push(f) });
    const again = generateAssignments(signUps, settings, { seed: 9 });
    assert.deepEqual(again.assignments, first.assignments);
    assert.deepEqual(again.unmatchedReceivers, first.unmatchedReceivers);
    const other = generateAssignments(signUps, settings, { seed: 10 });
    assert.equal(other.assignments.length, first.assignments.length);
    assert.notDeepEqual(other.assignments, first.assignments, 'another seed breaks ties otherwise');
    assert.ok(fractions.length > 5);
    assert.ok(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1])));
    assert.equal(fractions.at(-1), 1);
  });

  it('respects the settings: required kinds and "any"', () => {
    // 2's request shares only the fandom with 1's offer; with characters required, only "any" saves it.
    const signUps = (any: TagKind[]) => [
      {
        participantId: 1,
        requests: [prompt({ fandom: [5], character: [50] })],
        offers: [prompt({ fandom: [1], character: [10] })],
      },
      {
        participantId: 2,
        requests: [prompt({ fandom: [1], character: [11] }, any)],
        offers: [prompt({ fandom: [5], character: [50] })],
      },
    ];
    const pairs = (r: AssignmentResult) => r.assignments.map((a) => `${a.giverId}>${a.receiverId}`);
    assert.deepEqual(pairs(generateAssignments(signUps([]), { fandom: 1 }, { seed: 1 })), ['1>2', '2>1']);
    assert.deepEqual(pairs(generateAssignments(signUps([]), { fandom: 1, character: 1 }, { seed: 1 })), ['2>1']);
    assert.deepEqual(pairs(generateAssignments(signUps(['character']), { fandom: 1, character: 1 }, { seed: 1 })), [
      '1>2',
      '2>1',
    ]);
  });
});

describe('bin/quire bench matching', () => {
  it('prints one JSON object whose assigned count (from the archive’s matching thread) equals the max-flow maximum', async (t) => {
    const printed: string[] = [];
    t.mock.method(console, 'log', (text: string) => printed.push(text));
    assert.equal(await runMatchingBench(['--signups', '300', '--seed', '4', '--json']), 0);
    t.mock.restoreAll();
    assert.equal(printed.length, 1);
    const report = JSON.parse(printed[0]) as Record<string, number>;
    assert.equal(report.participants, 300);
    assert.equal(report.assigned, report.maximum);
    for (const field of ['seconds', 'rss_mb', 'mutual_pairs', 'mean_score'])
      assert.equal(typeof report[field], 'number');
  });

  it('generates the same skewed sign-ups for the same seed, and refuses bad arguments', async (t) => {
    assert.deepEqual(generateSignUps(50, 3), generateSignUps(50, 3));
    const signUps = generateSignUps(2000, 3);
    assert.ok(signUps.every((s) => s.requests.length === 3 && s.offers.length === 3));
    const perFandom = new Map<number, number>();
    for (const s of signUps)
      for (const r of s.requests) perFandom.set(r.tags.fandom![0], (perFandom.get(r.tags.fandom![0]) ?? 0) + 1);
    const sizes = [...perFandom.values()].sort((a, b) => b - a);
    assert.ok(sizes[0] > 20 * sizes[Math.floor(sizes.length / 2)], 'a few big fandoms and a long tail');
    const errors: string[] = [];
    t.mock.method(console, 'error', (text: string) => errors.push(text));
    assert.equal(await runMatchingBench([]), 2);
    assert.equal(await runMatchingBench(['--signups', 'many']), 2);
    assert.equal(await runMatchingBench(['--signups', '10', '--match', 'fandoms=1']), 2);
    t.mock.restoreAll();
    assert.equal(errors.length, 3);
  });
});
