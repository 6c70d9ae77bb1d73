/**
 * A gift exchange the size of Yuletide, as its maintainers and a participant see it: 3,000
 * sign-ups (2,900 participants and 100 pinch hitters, each participant with 3 requests and 3
 * offers of 2–4 tags in fandoms of a skewed size), in two exchanges of the same archive: one
 * with its 2,900 assignments still drafts (30 participants left without a writer), one with them
 * sent (40 givers defaulted, 20 of them replaced by pinch hitters). Each page is asked for over
 * the whole app (logged in, rendered); prints its size, the median and slowest time and the SQL
 * statements it sent.
 *
 *   node --import tsx bench/gift-exchange-pages.ts [--runs N] [DIR]    (SQLite in DIR, default /tmp/quire-exchange-pages)
 *   DATABASE_URL=postgres://… node --import tsx bench/gift-exchange-pages.ts [--runs N]
 *
 * The archive is built once (the first run, a minute or two) and kept.
 */
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBenchStore, startBenchApp, watchStatements } from './support.ts';
import { Agent } from '../test/support/http.ts';
import { hashPassword } from '../src/domain/passwords.ts';
import { random, Zipf } from '../src/corpus/generate.ts';
import { DEFAULT_MATCH_SETTINGS, DEFAULT_SIGN_UP_RULES } from '../src/domain/gift-exchange/sign-up-rules.ts';
import type { PromptTagKind } from '../src/domain/gift-exchange/sign-up-rules.ts';
import type { Store } from '../src/store/index.ts';
import type { PromptToSave } from '../src/store/gift-exchanges.ts';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string' } }, allowPositionals: true });
const RUNS = Number(values.runs ?? 10);
const PARTICIPANTS = 2_900;
const PINCH_HITTERS = 100;
const FANDOMS = 400;
const UNMATCHED = 30;
const DEFAULTED = 40;
const PASSWORD = 'bench exchange password';
const MODERATOR = 'yule_mod';
const MEMBER = 'yule_member_1';
const DRAFTS = 'yule_drafts';
const SENT = 'yule_sent';

const forced: Record<string, string> = {};
if (!process.env.DATABASE_URL) {
  const dir = positionals[0] ?? process.env.QUIRE_DATA ?? '/tmp/quire-exchange-pages';
  mkdirSync(dir, { recursive: true });
  forced.QUIRE_DATA = dir;
}

let statements = 0;
watchStatements({ sent: () => statements++ });
const { config, store } = await openBenchStore(forced);

/** Tag ids by fandom: the fandom, its characters and relationships; and additional tags shared by all. */
async function vocabulary(store: Store) {
  const fandoms = [];
  for (let f = 1; f <= FANDOMS; f++) {
    const tag = (kind: PromptTagKind, name: string) => store.giftExchanges.tagFor(kind, name);
    const characters = [];
    const relationships = [];
    for (let c = 1; c <= 6; c++) characters.push(await tag('character', `Character ${c} (Fandom ${f})`));
    for (let r = 1; r <= 3; r++) relationships.push(await tag('relationship', `Pairing ${r} (Fandom ${f})`));
    fandoms.push({ id: await tag('fandom', `Fandom ${f}`), characters, relationships });
  }
  const freeforms = [];
  for (let i = 1; i <= 100; i++) freeforms.push(await store.giftExchanges.tagFor('freeform', `Trope ${i}`));
  return { fandoms, freeforms };
}

async function build(store: Store): Promise<void> {
  const started = performance.now();
  const step = (what: string) => console.log(`  ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const hash = await hashPassword(PASSWORD);
  const moderator = await store.users.create({
    login: MODERATOR,
    email: `${MODERATOR}@example.org`,
    passwordHash: hash,
  });
  const members = [];
  for (let i = 1; i <= PARTICIPANTS + PINCH_HITTERS; i++) {
    const login = `yule_member_${i}`;
    const user = await store.users.create({ login, email: `${login}@example.org`, passwordHash: i === 1 ? hash : 'x' });
    const [pseud] = await store.pseuds.listForUser(user.id);
    members.push({ userId: user.id, pseudId: pseud.id });
  }
  step(`${members.length + 1} members`);
  const v = await vocabulary(store);
  step('tags');
  const [moderatorPseud] = await store.pseuds.listForUser(moderator.id);
  const rand = random(25);
  const zipf = new Zipf(FANDOMS, 1.0);
  const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
  const prompt = (side: 'request' | 'offer'): PromptToSave => {
    const fandom = v.fandoms[zipf.pick(rand)];
    const tagIds = new Set([fandom.id, pick(fandom.characters)]);
    const more = Math.floor(rand() * 3);
    for (let i = 0; i < more; i++)
      tagIds.add(i === 0 && rand() < 0.5 ? pick(fandom.relationships) : pick([...fandom.characters, ...v.freeforms]));
    return {
      side,
      title: '',
      description: side === 'request' ? `<p>Something about ${fandom.id}, please: warm, or strange, or both.</p>` : '',
      url: '',
      any: [],
      tagIds: [...tagIds],
    };
  };
  const at = Date.now();
  for (const [name, title] of [
    [DRAFTS, 'Yuletide (drafts)'],
    [SENT, 'Yuletide (sent)'],
  ]) {
    const collectionId = await store.collections.create(
      name,
      {
        title,
        description: '',
        rules: '',
        faq: '',
        parentId: null,
        open: true,
        moderated: false,
        unrevealed: true,
        anonymous: true,
        revealWorksAt: null,
        revealCreatorsAt: null,
      },
      { userId: moderator.id, pseudId: moderatorPseud.id },
    );
    const rules = {
      ...DEFAULT_SIGN_UP_RULES,
      request: { ...DEFAULT_SIGN_UP_RULES.request, allowed: 3 },
      offer: { ...DEFAULT_SIGN_UP_RULES.offer, allowed: 3 },
      canonicalOnly: false,
    };
    await store.giftExchanges.save(collectionId, {
      rules,
      match: DEFAULT_MATCH_SETTINGS,
      signupsOpenAt: new Date(at - 30 * 86_400_000).toISOString(),
      signupsCloseAt: new Date(at - 86_400_000).toISOString(),
      assignmentsDueAt: new Date(at + 30 * 86_400_000).toISOString(),
    });
    const signUpIds = [];
    for (const [i, member] of members.entries()) {
      const pinchHitter = i >= PARTICIPANTS;
      const prompts = pinchHitter
        ? [prompt('offer'), prompt('offer'), prompt('offer')]
        : [prompt('request'), prompt('request'), prompt('request'), prompt('offer'), prompt('offer'), prompt('offer')];
      signUpIds.push(await store.giftExchanges.saveSignUp(collectionId, member, pinchHitter, prompts));
    }
    step(`${name}: ${members.length} sign-ups`);
    // Each participant writes for the next, but the last few receivers have no writer.
    const assignments = [];
    for (let i = 0; i < PARTICIPANTS - UNMATCHED; i++)
      assignments.push({ giverId: signUpIds[i], receiverId: signUpIds[(i + 1) % PARTICIPANTS], score: 1 });
    await store.giftExchanges.saveGenerated(
      collectionId,
      0,
      assignments,
      `${assignments.length} assignments for ${PARTICIPANTS} participants.`,
    );
    if (name === SENT) {
      await store.giftExchanges.send(collectionId, (a) => ({
        userId: a.giver.userId,
        kind: 'gift-exchange',
        message: `Your assignment in ${title}: write a gift for ${a.receiver.pseudName}.`,
        link: `/collections/${name}/assignments/mine`,
      }));
      const sent = await store.giftExchanges.assignments(collectionId);
      for (const [i, a] of sent.slice(100, 100 + DEFAULTED).entries()) {
        await store.giftExchanges.markDefaulted(a.id);
        if (i % 2 === 0)
          await store.giftExchanges.assignPinchHitter(collectionId, signUpIds[PARTICIPANTS + i], a.receiver.signupId, {
            userId: members[PARTICIPANTS + i].userId,
            kind: 'gift-exchange',
            message: 'You are pinch hitting.',
            link: `/collections/${name}/assignments/mine`,
          });
      }
    }
    step(`${name}: assignments`);
  }
}

if (!(await store.users.findByLogin(MODERATOR))) {
  console.log(`Building the exchanges (${store.dialect}) …`);
  await build(store);
}

const app = await startBenchApp(store, config);
async function loggedIn(login: string): Promise<Agent> {
  const agent = new Agent(app);
  const response = await agent.submit('/login', { identifier: login, password: PASSWORD });
  if (response.status !== 303) throw new Error(`log-in as ${login} failed: ${response.status}`);
  return agent;
}
const moderator = await loggedIn(MODERATOR);
const member = await loggedIn(MEMBER);

const pages: [string, Agent, string][] = [
  ['sign-ups', moderator, `/collections/${SENT}/signups`],
  ['sign-ups, page 100', moderator, `/collections/${SENT}/signups?page=100`],
  ['sign-ups by name, page 2', moderator, `/collections/${SENT}/signups?sort=name&page=2`],
  ['summary', moderator, `/collections/${SENT}/signups/summary`],
  ['assignments (drafts)', moderator, `/collections/${DRAFTS}/assignments`],
  ['assignments (sent)', moderator, `/collections/${SENT}/assignments`],
  ['participant: exchange', member, `/collections/${SENT}/exchange`],
  ['participant: my assignments', member, `/collections/${SENT}/assignments/mine`],
];

console.log(`\n${store.dialect}, ${RUNS} runs of each page after one warm-up:`);
console.log(
  `${'page'.padEnd(30)} ${'status'.padStart(6)} ${'size'.padStart(10)} ${'median'.padStart(10)} ${'max'.padStart(10)} ${'SQL'.padStart(6)}`,
);
for (const [label, agent, url] of pages) {
  const times: number[] = [];
  let size = 0;
  let status = 0;
  let sql = 0;
  for (let i = 0; i <= RUNS; i++) {
    statements = 0;
    const started = performance.now();
    const response = await agent.get(url);
    const ms = performance.now() - started;
    await new Promise((resolve) => setImmediate(resolve));
    if (i === 0) continue;
    times.push(ms);
    size = Buffer.byteLength(response.body);
    status = response.status;
    sql = statements;
  }
  times.sort((a, b) => a - b);
  const kb = `${(size / 1024).toFixed(0)} kB`;
  console.log(
    `${label.padEnd(30)} ${String(status).padStart(6)} ${kb.padStart(10)} ${`${times[Math.floor(times.length / 2)].toFixed(1)} ms`.padStart(10)} ${`${times.at(-1)!.toFixed(1)} ms`.padStart(10)} ${String(sql).padStart(6)}`,
  );
}
await app.close();
await store.close();
