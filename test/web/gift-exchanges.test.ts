import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { PromptToSave } from '../../src/store/gift-exchanges.ts';

const PATH = '/collections/yule_swap';
const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(0, 16);

/** The exchange settings form: one request and one offer of one fandom each, fandoms must match. */
function settingsForm(fields: Record<string, string> = {}): Record<string, string> {
  const form: Record<string, string> = {
    'signups-open-at': iso(-DAY),
    'signups-close-at': iso(DAY),
    'canonical-only': '1',
    fandoms: '',
    'match-fandom': '1',
    'match-relationship': '0',
    'match-character': '0',
    'match-freeform': '0',
  };
  for (const side of ['request', 'offer']) {
    form[`${side}-required`] = '1';
    form[`${side}-allowed`] = '2';
    for (const kind of ['fandom', 'relationship', 'character', 'freeform']) {
      form[`${side}-${kind}-required`] = kind === 'fandom' ? '1' : '0';
      form[`${side}-${kind}-allowed`] = kind === 'fandom' ? '2' : '3';
    }
    form[`${side}-character-any`] = '1';
    form[`${side}-title`] = 'off';
    form[`${side}-description`] = side === 'request' ? 'optional' : 'off';
    form[`${side}-url`] = 'off';
  }
  return { ...form, ...fields };
}

describeEachDatabase('gift exchanges', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  const members: Record<string, Agent> = {};
  beforeEach(async () => {
    t = await testApp(dialect);
    owner = t.agent();
    await owner.signUp('swap_mod');
    for (const login of ['ash', 'birch', 'cedar', 'hazel']) {
      members[login] = t.agent();
      await members[login].signUp(login);
    }
    // Canonical fandoms the sign-ups name.
    await owner.postWork({ fandoms: 'Harbour Lights, Deep Orbit, Fern Gully' });
    for (const name of ['Harbour Lights', 'Deep Orbit', 'Fern Gully']) {
      const tag = (await t.store.tags.named(name)).find((x) => x.kind === 'fandom')!;
      await t.store.tags.makeCanonical(tag.id);
    }
    const created = await owner.submit('/collections', {
      name: 'yule_swap',
      title: 'Yule Swap',
      description: 'A winter exchange.',
      open: '1',
      unrevealed: '1',
      anonymous: '1',
    });
    assert.equal(created.status, 303, visibleText(created.body).slice(0, 300));
  });
  afterEach(() => t.dispose());

  const text = async (agent: Agent, path: string) => visibleText((await agent.get(path)).body);
  const runJobs = () => createJobs(t.store, loadConfig({}, { smtpUrl: undefined })).runner.runDue();

  async function setUp(fields: Record<string, string> = {}) {
    const saved = await owner.submit(`${PATH}/exchange/settings`, settingsForm(fields));
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 500));
  }

  async function signUp(login: string, request: string, offer: string) {
    const response = await members[login].submit(`${PATH}/signup`, {
      pseudId: await members[login].defaultPseudId(),
      'request-0-fandom': request,
      'offer-0-fandom': offer,
    });
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 500));
  }

  const collectionId = async () => (await t.store.collections.findByName('yule_swap'))!.id;
  const fandomId = async (name: string) => (await t.store.tags.named(name)).find((tag) => tag.kind === 'fandom')!.id;
  const prompt = (side: 'request' | 'offer', tagIds: number[], description = ''): PromptToSave => ({
    side,
    title: '',
    description,
    url: '',
    any: [],
    tagIds,
  });

  /** Dozens of members signed up at once through the store (the form would take minutes), oldest first; their sign-up ids. */
  async function signUpMany(
    logins: string[],
    prompts: (login: string, i: number) => PromptToSave[],
    pinchHitter: (i: number) => boolean = () => false,
  ): Promise<number[]> {
    const id = await collectionId();
    const ids = [];
    for (const [i, login] of logins.entries()) {
      const user = await t.store.users.create({ login, email: `${login}@example.org`, passwordHash: 'x' });
      const [pseud] = await t.store.pseuds.listForUser(user.id);
      ids.push(
        await t.store.giftExchanges.saveSignUp(
          id,
          { userId: user.id, pseudId: pseud.id },
          pinchHitter(i),
          prompts(login, i),
        ),
      );
    }
    return ids;
  }

  /** Closes sign-ups (the close date set to a moment ago), generates and waits for the job. */
  async function closeAndGenerate(fields: Record<string, string> = {}) {
    await setUp({ ...fields, 'signups-close-at': iso(-60_000) });
    const started = await owner.submit(`${PATH}/assignments/generate`, {});
    assert.equal(started.status, 303, visibleText(started.body).slice(0, 300));
    assert.match(await text(owner, `${PATH}/assignments`), /waiting to start|Reading|Finding|Choosing/);
    await runJobs();
  }

  it('lets only owners set up the exchange, refusing bad settings with everything typed kept', async () => {
    assert.equal((await members.ash.get(`${PATH}/exchange/settings`)).status, 403);
    assert.equal((await members.ash.submit(`${PATH}/exchange/settings`, settingsForm())).status, 403);
    assert.equal((await t.agent().get(`${PATH}/exchange`)).status, 404, 'no exchange yet');

    const bad = await owner.submit(
      `${PATH}/exchange/settings`,
      settingsForm({
        'request-required': '3',
        'request-allowed': '1',
        'signups-close-at': 'next tuesday',
        fandoms: 'Harbour Lights, Nowhere Land',
      }),
    );
    assert.equal(bad.status, 422);
    const problems = visibleText(bad.body);
    assert.match(problems, /Requests: allow at least as many as are required \(3\)/);
    assert.match(problems, /Sign-ups close: write the date as 2027-01-31/);
    assert.match(problems, /No fandom tag is called “Nowhere Land”/);
    assert.match(bad.body, /value="next tuesday"/);
    assert.match(bad.body, /Harbour Lights, Nowhere Land/);

    await setUp({ fandoms: 'Harbour Lights, Deep Orbit' });
    const page = await text(t.agent(), `${PATH}/exchange`);
    assert.match(page, /Sign-ups are open: 0 signed up so far/);
    assert.match(page, /Fandoms: Harbour Lights\s*,\s*Deep Orbit/);
    assert.match(await text(t.agent(), PATH), /Gift exchange/, 'the collection links to its exchange');
  });

  it('checks sign-ups against the form, keeps what was typed, and lets participants edit until sign-ups close', async () => {
    await setUp({ fandoms: 'Harbour Lights, Deep Orbit' });
    assert.equal((await t.agent().get(`${PATH}/signup`)).status, 303, 'guests are sent to log in');

    const form = async (fields: Record<string, string>) =>
      members.ash.submit(`${PATH}/signup`, { pseudId: await members.ash.defaultPseudId(), ...fields });
    const empty = await form({});
    assert.equal(empty.status, 422);
    assert.match(visibleText(empty.body), /Fill in at least 1 request \(you filled in 0\)/);

    const wrong = await form({
      'request-0-fandom': 'Harbour Lights, Fern Gully',
      'request-0-character': 'Keeper Mara',
      'request-0-any-character': '1',
      'request-0-description': 'Something cosy, <b>please</b>.',
      'offer-0-fandom': 'Made Up Fandom',
      'offer-0-any-fandom': '1',
    });
    assert.equal(wrong.status, 422);
    const said = visibleText(wrong.body);
    assert.match(said, /“Fern Gully” is not one of this exchange's fandoms/);
    assert.match(said, /Request 1: either name character tags or tick “Any”, not both/);
    assert.match(said, /Offer 1: “Any” is not allowed for fandom tags/);
    assert.match(wrong.body, /value="Harbour Lights, Fern Gully"/);
    assert.match(wrong.body, /Something cosy, &lt;b>please&lt;\/b>\./);
    assert.match(wrong.body, /value="Made Up Fandom"/);

    const unknown = await form({ 'request-0-fandom': 'Harbour Lightz', 'offer-0-fandom': 'Deep Orbit' });
    assert.match(visibleText(unknown.body), /“Harbour Lightz” is not a fandom tag of this archive/);

    const ok = await form({
      'request-0-fandom': 'Harbour Lights',
      'request-0-any-character': '1',
      'request-0-description': 'Something cosy, <b>please</b>.<script>alert(1)</script>',
      'offer-0-fandom': 'Deep Orbit',
    });
    assert.equal(ok.status, 303, visibleText(ok.body).slice(0, 400));
    const overview = await members.ash.get(`${PATH}/exchange`);
    assert.match(visibleText(overview.body), /You signed up as ash/);
    assert.match(overview.body, /<b>please<\/b>/);
    assert.doesNotMatch(overview.body, /<script>alert/);
    assert.match(
      await text(members.ash, `${PATH}/participants`),
      /Participants \(1\) swap_mod/,
      'signing up is not joining the collection (which may be closed to members)',
    );

    // Edit: the saved sign-up fills the form again, and a change is kept.
    const editForm = await members.ash.get(`${PATH}/signup`);
    assert.match(editForm.body, /name="request-0-fandom"[^>]*value="Harbour Lights"/);
    assert.equal((await form({ 'request-0-fandom': 'Deep Orbit', 'offer-0-fandom': 'Harbour Lights' })).status, 303);
    assert.match(await text(members.ash, `${PATH}/exchange`), /Request 1\s*Fandom\s*Deep Orbit/);

    // Closed: no more changes (pinch-hit offers are still taken).
    await setUp({ fandoms: 'Harbour Lights, Deep Orbit', 'signups-close-at': iso(-60_000) });
    const late = await form({ 'request-0-fandom': 'Harbour Lights', 'offer-0-fandom': 'Deep Orbit Late' });
    assert.equal(late.status, 422);
    assert.match(visibleText(late.body), /Sign-ups have closed/);
    assert.match(late.body, /value="Deep Orbit Late"/, 'what was typed comes back');
    assert.equal((await members.ash.get(`${PATH}/signup`)).status, 409, 'no edit form that cannot be saved');
    const stillThere = await text(members.ash, `${PATH}/exchange`);
    assert.match(stillThere, /Request 1\s*Fandom\s*Deep Orbit/, 'the refused change left the sign-up as it was');
    assert.equal((await members.ash.submit(`${PATH}/signup/delete`, {})).status, 409);
    const hitter = await members.hazel.submit(`${PATH}/signup`, {
      pseudId: await members.hazel.defaultPseudId(),
      'pinch-hitter': '1',
      'offer-0-fandom': 'Harbour Lights',
    });
    assert.equal(hitter.status, 303, visibleText(hitter.body).slice(0, 300));
  });

  it('shows the maintainers a summary per fandom, with fandoms nobody offers', async () => {
    await setUp();
    await signUp('ash', 'Harbour Lights', 'Deep Orbit');
    await signUp('birch', 'Fern Gully', 'Deep Orbit');
    assert.equal((await members.ash.get(`${PATH}/signups/summary`)).status, 403);
    assert.equal((await members.ash.get(`${PATH}/signups`)).status, 403);
    const summary = await text(owner, `${PATH}/signups/summary`);
    assert.match(summary, /2 participants and 0 pinch hitters/);
    assert.match(
      summary,
      /Nobody offers these 2 fandoms that someone requested: (Fern Gully\s*,\s*Harbour Lights|Harbour Lights\s*,\s*Fern Gully)/,
    );
    assert.match(summary, /Deep Orbit\s*0\s*2/);
    assert.match(await text(owner, `${PATH}/signups`), /ash.*Harbour Lights.*birch.*Fern Gully/s);
  });

  it('shows the maintainers the sign-ups a page at a time, oldest first or by name, each on a page of its own', async () => {
    await setUp();
    const [harbour, orbit] = [await fandomId('Harbour Lights'), await fandomId('Deep Orbit')];
    // Signed up in the reverse of their names' order: signer_25 first, signer_01 last.
    const logins = Array.from({ length: 25 }, (_, i) => `signer_${String(25 - i).padStart(2, '0')}`);
    const ids = await signUpMany(logins, (login) => [
      prompt('request', [harbour], `<p>A wish of ${login}.</p>`),
      prompt('offer', [orbit]),
    ]);
    const shown = (page: string) => [...page.matchAll(/signer_\d\d/g)].map((m) => m[0]);

    const first = await text(owner, `${PATH}/signups`);
    assert.match(first, /25 participants, 0 pinch hitters; 1–20 below\./);
    assert.match(first, /Page 1 of 2/);
    assert.deepEqual([...new Set(shown(first))], logins.slice(0, 20));
    const second = await owner.get(`${PATH}/signups?page=2`);
    assert.deepEqual([...new Set(shown(visibleText(second.body)))], logins.slice(20));
    assert.match(visibleText(second.body), /25 participants, 0 pinch hitters; 21–25 below\./);
    assert.match(visibleText(second.body), /signer_05.*A wish of signer_05\./s, 'the 21st sign-up, with its request');
    assert.match(second.body, new RegExp(`id="signup-${ids[20]}"`), 'its anchor is on the page that lists it');

    const byName = await owner.get(`${PATH}/signups?sort=name&page=2`);
    assert.deepEqual(
      [...new Set(shown(visibleText(byName.body)))],
      ['signer_21', 'signer_22', 'signer_23', 'signer_24', 'signer_25'],
    );
    assert.match(
      byName.body,
      /href="\/collections\/yule_swap\/signups\?sort=name&amp;page=1"/,
      'the pages keep the order',
    );
    assert.match(await text(owner, `${PATH}/signups?page=3`), /This page is past the end of the list/);
    const garbled = await owner.get(`${PATH}/signups?page=two`);
    assert.equal(garbled.status, 400);
    assert.match(visibleText(garbled.body), /The page must be a whole number/);

    // One sign-up on its own page, for the maintainers only, and only in its own exchange.
    const one = await text(owner, `${PATH}/signups/${ids[20]}`);
    assert.match(one, /signer_05.*A wish of signer_05\./s);
    assert.doesNotMatch(one, /signer_25/);
    assert.equal((await members.ash.get(`${PATH}/signups/${ids[20]}`)).status, 403);
    assert.equal((await owner.get(`${PATH}/signups/${ids[24] + 1000}`)).status, 404);
    assert.equal((await owner.get(`${PATH}/signups/nine`)).status, 404);
  });

  it('counts requests and offers per fandom as a hand count does, a synonym as its fandom', async () => {
    await setUp({ 'canonical-only': '' });
    const fandoms = ['Harbour Lights', 'Deep Orbit', 'Fern Gully'];
    const ids = await Promise.all(fandoms.map(fandomId));
    // A tag merged into Harbour Lights after members named it.
    const film = await t.store.giftExchanges.tagFor('fandom', 'Harbour Lights (Film)');
    await t.store.tags.makeSynonym(film, ids[0]);
    const hand = new Map<string, { requests: number; offers: number }>();
    let anyFandom = 0;
    const count = (fandom: string, side: 'requests' | 'offers') => {
      const row = hand.get(fandom) ?? { requests: 0, offers: 0 };
      row[side]++;
      hand.set(fandom, row);
    };
    const logins = Array.from({ length: 45 }, (_, i) => `tally_${i}`);
    await signUpMany(
      logins,
      (_, i) => {
        const prompts: PromptToSave[] = [];
        for (const [side, k] of [
          ['request', 0],
          ['request', 1],
          ['offer', 0],
          ['offer', 1],
        ] as const) {
          if (i % 9 === 8 && side === 'request') continue; // pinch hitters ask for nothing
          if (side === 'request' && k === 1 && i % 5 === 0) {
            prompts.push({ ...prompt(side, []), any: ['fandom'] });
            anyFandom++;
            continue;
          }
          const f = (i * 7 + k * 3 + (side === 'offer' ? 1 : 0)) % 4;
          // Both names of one fandom on one prompt count once; two fandoms count one each.
          const tagIds = f === 3 ? [film, ids[0]] : i % 4 === 0 ? [ids[f], ids[(f + 1) % 3]] : [ids[f]];
          prompts.push(prompt(side, tagIds));
          const named = new Set(tagIds.map((id) => (id === film ? 'Harbour Lights' : fandoms[ids.indexOf(id)])));
          for (const fandom of named) count(fandom, side === 'request' ? 'requests' : 'offers');
        }
        return prompts;
      },
      (i) => i % 9 === 8,
    );
    const page = await owner.get(`${PATH}/signups/summary`);
    assert.match(visibleText(page.body), /40 participants and 5 pinch hitters/);
    assert.match(visibleText(page.body), new RegExp(`${anyFandom} requests and 0 offers accept any fandom`));
    const table = new Map(
      [...page.body.matchAll(/<th scope="row"><bdi>([^<]+)<\/bdi><\/th><td>(\d+)<\/td><td>(\d+)<\/td>/g)].map((m) => [
        m[1],
        { requests: Number(m[2]), offers: Number(m[3]) },
      ]),
    );
    assert.deepEqual(table, hand);
  });

  it('puts the participants left without a gift or a recipient first, and the assignments a page at a time', async () => {
    await setUp();
    const [harbour, orbit] = [await fandomId('Harbour Lights'), await fandomId('Deep Orbit')];
    const logins = Array.from({ length: 62 }, (_, i) => `ring_${String(i).padStart(2, '0')}`);
    const ids = await signUpMany(
      logins,
      (_, i) => (i >= 60 ? [prompt('offer', [orbit])] : [prompt('request', [harbour]), prompt('offer', [harbour])]),
      (i) => i >= 60,
    );
    await setUp({ 'signups-close-at': iso(-60_000) });
    // Each of the first 57 writes for the next: ring_00, ring_58 and ring_59 get no gift; ring_57–59 write nothing.
    const drafts = Array.from({ length: 57 }, (_, i) => ({ giverId: ids[i], receiverId: ids[i + 1], score: 1 }));
    assert.ok(await t.store.giftExchanges.saveGenerated(await collectionId(), 0, drafts, '57 assignments.'));

    const section = (page: string, heading: RegExp) => {
      const at = page.search(heading);
      assert.ok(at >= 0, `no ${heading}`);
      const end = page.indexOf('<h2', at + 1);
      return visibleText(page.slice(at, end < 0 ? undefined : end));
    };
    const names = (text: string) => [...new Set(text.match(/ring_\d\d/g) ?? [])];
    const first = (await owner.get(`${PATH}/assignments`)).body;
    assert.deepEqual(names(section(first, /<h2>Without a gift/)), ['ring_00', 'ring_58', 'ring_59']);
    assert.match(section(first, /<h2>Without a gift/), /Without a gift \( ?3 ?\)/);
    assert.deepEqual(names(section(first, /<h2>Writing for nobody/)), ['ring_57', 'ring_58', 'ring_59']);
    assert.ok(first.search(/<h2>Without a gift/) < first.search(/<h2>Drafts/), 'the gaps come before the list');
    const rows = (page: string) => section(page, /<h2>Drafts/).match(/ring_\d\d\s*ring_\d\d\s*1/g) ?? [];
    assert.match(section(first, /<h2>Drafts/), /Drafts \( ?57 ?\).*Send 57 assignments/s);
    assert.equal(rows(first).length, 50);
    assert.match(rows(first)[0] ?? '', /ring_01\s*ring_00/);
    const second = (await owner.get(`${PATH}/assignments?page=2`)).body;
    assert.doesNotMatch(visibleText(second), /past the end/);
    assert.match(
      visibleText((await owner.get(`${PATH}/assignments?page=3`)).body),
      /This page is past the end of the list/,
    );
    assert.deepEqual(
      rows(second).map((r) => r.replace(/\s+/g, ' ')),
      [
        'ring_51 ring_50 1',
        'ring_52 ring_51 1',
        'ring_53 ring_52 1',
        'ring_54 ring_53 1',
        'ring_55 ring_54 1',
        'ring_56 ring_55 1',
        'ring_57 ring_56 1',
      ],
    );
    assert.deepEqual(names(section(second, /<h2>Without a gift/)), ['ring_00', 'ring_58', 'ring_59']);

    // A change made on page 2 comes back to page 2.
    const assignment = /name="assignment" value="(\d+)"/.exec(second)![1];
    const changed = await owner.submit(`${PATH}/assignments/giver`, { assignment, giver: 'ring_58', page: '2' });
    assert.equal(changed.status, 303);
    assert.equal(changed.location, `${PATH}/assignments?page=2`);
    const refused = await owner.submit(`${PATH}/assignments/giver`, { assignment, giver: 'nobody_here', page: '2' });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /Page 2 of 2/, 'a refused change shows the page it was made on');

    // Sent, two givers default: their receivers join those without a gift; the pinch hitters are offered.
    assert.equal((await owner.submit(`${PATH}/assignments/send`, {})).status, 303);
    const sent = await t.store.giftExchanges.assignments(await collectionId());
    for (const giver of ['ring_10', 'ring_20'])
      await t.store.giftExchanges.markDefaulted(sent.find((a) => a.giver.login === giver)!.id);
    const after = (await owner.get(`${PATH}/assignments`)).body;
    const without = section(after, /<h2>Without a gift/);
    assert.deepEqual(names(without.replace(/Available pinch hitters.*/s, '')), [
      'ring_00',
      'ring_11',
      'ring_21',
      'ring_58',
      'ring_59',
    ]);
    assert.deepEqual(names(without.replace(/.*Available pinch hitters/s, '')), [
      'ring_10',
      'ring_20',
      'ring_50',
      'ring_57',
      'ring_59',
      'ring_60',
      'ring_61',
    ]);
    assert.match(section(after, /<h2>Sent/), /Sent \( ?57 ?\).*0 of 55 gifts posted/s);
  });

  it('lists the first of a big exchange’s gaps and finds anyone signed up as a maintainer types a name', async () => {
    await setUp();
    const [harbour] = [await fandomId('Harbour Lights')];
    const logins = Array.from({ length: 56 }, (_, i) => `crowd_${String(i).padStart(2, '0')}`);
    const ids = await signUpMany(logins, () => [prompt('request', [harbour]), prompt('offer', [harbour])]);
    await setUp({ 'signups-close-at': iso(-60_000) });
    // One draft: crowd_00 writes for crowd_01, so 55 are without a gift and 55 write for nobody.
    assert.ok(
      await t.store.giftExchanges.saveGenerated(
        await collectionId(),
        0,
        [{ giverId: ids[0], receiverId: ids[1], score: 1 }],
        '1 assignment.',
      ),
    );
    const page = visibleText((await owner.get(`${PATH}/assignments`)).body);
    assert.match(page, /Without a gift \( ?55 ?\)/);
    assert.match(page, /The first 50 are listed; each one assigned makes room for the next\./);
    const body = (await owner.get(`${PATH}/assignments`)).body;
    assert.equal(body.match(/name="giver" list="exchange-participants"/g)?.length ?? 0, 51, '50 gaps and 1 draft');
    assert.match(page, /Writing for nobody \( ?55 ?\).*and 5 more/s);

    const suggest = async (agent: Agent, q: string) => {
      const response = await agent.get(`${PATH}/participants/suggest?${new URLSearchParams({ q })}`);
      return { status: response.status, names: response.status === 200 ? JSON.parse(response.body) : undefined };
    };
    const found = await suggest(owner, 'CROWD_5');
    assert.equal(found.status, 200);
    assert.deepEqual(
      found.names.participants.map((p: { login: string }) => p.login),
      ['crowd_50', 'crowd_51', 'crowd_52', 'crowd_53', 'crowd_54', 'crowd_55'],
    );
    assert.deepEqual((await suggest(owner, '100%_')).names.participants, [], 'LIKE wildcards are literal');
    assert.equal((await suggest(members.ash, 'crowd')).status, 403, 'only maintainers see who signed up');
    assert.equal((await suggest(t.agent(), 'crowd')).status, 303, 'a guest is sent to log in');
  });

  it('generates assignments in the background, lets moderators edit and send them, and files each gift', async () => {
    await setUp();
    // A ring is the only way: ash offers what birch asks, birch what cedar asks, cedar what ash asks.
    await signUp('ash', 'Harbour Lights', 'Deep Orbit');
    await signUp('birch', 'Deep Orbit', 'Fern Gully');
    await signUp('cedar', 'Fern Gully', 'Harbour Lights');
    assert.equal((await owner.submit(`${PATH}/assignments/generate`, {})).status, 409, 'sign-ups still open');
    assert.equal((await members.ash.submit(`${PATH}/assignments/generate`, {})).status, 403);
    await closeAndGenerate();

    const drafts = await text(owner, `${PATH}/assignments`);
    assert.match(drafts, /3 assignments for 3 participants\./);
    assert.match(drafts, /Drafts \(3\)/);
    const row = (receiver: string, giver: string) => new RegExp(`${receiver}\\s*${giver}\\s*1`);
    assert.match(drafts, row('ash', 'cedar'));
    assert.match(drafts, row('birch', 'ash'));
    assert.match(drafts, row('cedar', 'birch'));
    assert.match(await text(members.ash, `${PATH}/assignments/mine`), /Assignments have not been sent yet/);

    // A moderator's change is checked: nobody writes for themselves.
    const ids = [...(await owner.get(`${PATH}/assignments`)).body.matchAll(/name="assignment" value="(\d+)"/g)].map(
      (m) => m[1],
    );
    const self = await owner.submit(`${PATH}/assignments/giver`, { assignment: ids[0], giver: 'ash' });
    assert.equal(self.status, 422);
    assert.match(visibleText(self.body), /cannot be assigned to write for themselves/);
    assert.match(self.body, new RegExp(`id="giver-${ids[0]}"[^>]*value="ash"`), 'the name typed stays in its field');

    const sent = await owner.submit(`${PATH}/assignments/send`, {});
    assert.equal(sent.status, 303);
    const notices = await text(members.birch, '/inbox');
    assert.match(notices, /Your assignment in Yule Swap: write a gift for cedar/);
    assert.match((await members.birch.get('/inbox')).body, /href="\/collections\/yule_swap\/assignments\/mine"/);
    const birchId = (await t.store.users.findByLogin('birch'))!.id;
    const waiting = await t.store.handle.db
      .selectFrom('notifications')
      .select('mail_due_at')
      .where('user_id', '=', birchId)
      .where('kind', '=', 'gift-exchange')
      .execute();
    assert.ok(waiting.length === 1 && waiting[0].mail_due_at !== null, 'the assignment is mailed too');
    assert.equal((await owner.submit(`${PATH}/assignments/generate`, {})).status, 409, 'no regenerating once sent');

    // birch sees cedar's request and posts the gift for it.
    const mine = await members.birch.get(`${PATH}/assignments/mine`);
    assert.match(visibleText(mine.body), /A gift for cedar.*Request 1\s*Fandom\s*Fern Gully/s);
    const assignmentId = /\/works\/new\?assignment=(\d+)/.exec(mine.body)![1];
    assert.equal((await members.ash.get(`/works/new?assignment=${assignmentId}`)).status, 404, "not ash's");
    const form = await members.birch.get(`/works/new?assignment=${assignmentId}`);
    assert.match(form.body, /name="collections"[^>]*value="yule_swap"/);
    assert.match(form.body, /name="assignment" value="\d+"/);
    assert.match(form.body, /name="gifts"[^>]*value="cedar"/);
    const forged = await members.ash.submit('/works', {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Fern Gully',
      title: 'Not Mine To Give',
      creatorPseudIds: await members.ash.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
      body: 'Text.',
      assignment: assignmentId,
    });
    assert.equal(forged.status, 422);
    assert.match(visibleText(forged.body), /You have no such assignment/);

    const workPath = await members.birch.postWork({
      title: 'Fronds at Dusk',
      fandoms: 'Fern Gully',
      assignment: assignmentId,
      collections: 'yule_swap',
      gifts: 'cedar',
    });
    const stranger = t.agent();
    assert.equal((await stranger.get(workPath)).status, 404, 'unrevealed until the reveal');
    assert.match(await text(members.birch, workPath), /Not yet revealed/);
    assert.match(await text(owner, `${PATH}/assignments`), /Posted: Fronds at Dusk/);
    assert.match(
      await text(members.birch, `${PATH}/assignments/mine`),
      /You posted Fronds at Dusk for this assignment/,
    );
    const again = await members.birch.get(`/works/new?assignment=${assignmentId}`);
    assert.equal(again.status, 404, 'an assignment is fulfilled once');

    // Reveal: the recipient hears of the gift.
    assert.equal((await owner.submit(`${PATH}/reveal`, { what: 'works' })).status, 303);
    await runJobs();
    assert.match(await text(members.cedar, '/inbox'), /Anonymous gave cedar a gift: Fronds at Dusk/);
    assert.equal((await stranger.get(workPath)).status, 200);
  });

  it('lets a participant default and a moderator assign a pinch hitter, who is told', async () => {
    await setUp();
    await signUp('ash', 'Harbour Lights', 'Deep Orbit');
    await signUp('birch', 'Deep Orbit', 'Harbour Lights');
    const offer = await members.hazel.submit(`${PATH}/signup`, {
      pseudId: await members.hazel.defaultPseudId(),
      'pinch-hitter': '1',
      'offer-0-fandom': 'Harbour Lights',
    });
    assert.equal(offer.status, 303, visibleText(offer.body).slice(0, 300));
    await closeAndGenerate();
    assert.match(await text(owner, `${PATH}/assignments`), /2 assignments for 2 participants/);
    assert.equal((await owner.submit(`${PATH}/assignments/send`, {})).status, 303);

    const mine = await members.birch.get(`${PATH}/assignments/mine`);
    const assignmentId = /assignments\/(\d+)\/default/.exec(mine.body)![1];
    assert.equal((await members.ash.submit(`${PATH}/assignments/${assignmentId}/default`, {})).status, 404);
    assert.equal((await members.birch.submit(`${PATH}/assignments/${assignmentId}/default`, {})).status, 303);
    assert.match(await text(members.birch, `${PATH}/assignments/mine`), /You defaulted on this assignment/);

    const page = await text(owner, `${PATH}/assignments`);
    assert.match(page, /Without a gift \(1\)/);
    assert.match(page, /Defaulted/);
    const ashSignUp = (await t.store.giftExchanges.signUpOf(
      (await t.store.collections.findByName('yule_swap'))!.id,
      (await t.store.users.findByLogin('ash'))!.id,
    ))!;
    const self = await owner.submit(`${PATH}/assignments/pinch-hit`, {
      receiver: String(ashSignUp.id),
      pinchHitter: 'ash',
    });
    assert.equal(self.status, 422);
    assert.match(self.body, new RegExp(`id="writer-for-${ashSignUp.id}"[^>]*value="ash"`));
    const hit = await owner.submit(`${PATH}/assignments/pinch-hit`, {
      receiver: String(ashSignUp.id),
      pinchHitter: 'hazel',
    });
    assert.equal(hit.status, 303, visibleText(hit.body).slice(0, 300));
    assert.match(await text(members.hazel, '/inbox'), /You are pinch hitting in Yule Swap: write a gift for ash/);
    assert.match(await text(members.hazel, `${PATH}/assignments/mine`), /A gift for ash \(pinch hit\)/);
    assert.doesNotMatch(await text(owner, `${PATH}/assignments`), /Without a gift/);
  });

  it('refuses what would break an exchange: long tags, fields not asked for, assignments before the close, a second pinch hit', async () => {
    await setUp({ 'canonical-only': '', fandoms: '' });
    const long = 'x'.repeat(200);
    const refused = await members.ash.submit(`${PATH}/signup`, {
      pseudId: await members.ash.defaultPseudId(),
      'request-0-fandom': long,
      'request-0-title': 'A title nobody asked for',
      'offer-0-fandom': 'Brand New Fandom',
    });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /a tag may have at most 150/);
    assert.match(visibleText(refused.body), /this exchange asks for no title/);
    assert.equal((await t.store.tags.named('Brand New Fandom')).length, 0, 'a refused sign-up creates no tags');

    await signUp('ash', 'Brand New Fandom', 'Other New Fandom');
    await signUp('birch', 'Other New Fandom', 'Brand New Fandom');
    assert.equal((await t.store.tags.named('Brand New Fandom')).length, 1, 'taken as typed where any tag is allowed');
    const ashSignUp = (await text(owner, `${PATH}/signups`)).includes('ash');
    assert.ok(ashSignUp);
    const early = await owner.submit(`${PATH}/assignments/giver`, { receiver: '1', giver: 'birch' });
    assert.equal(early.status, 409, 'no assignments while sign-ups are open');
    assert.equal((await owner.submit(`${PATH}/assignments/send`, {})).status, 409);

    // The collection closes to new works; gifts for assignments are still filed in it.
    await closeAndGenerate({ 'canonical-only': '' });
    assert.equal((await owner.submit(`${PATH}/assignments/send`, {})).status, 303);
    const closed = await owner.submit(PATH, {
      name: 'yule_swap',
      title: 'Yule Swap',
      description: 'A winter exchange.',
      unrevealed: '1',
      anonymous: '1',
    });
    assert.equal(closed.status, 303, visibleText(closed.body).slice(0, 300));
    const mine = await members.ash.get(`${PATH}/assignments/mine`);
    const assignmentId = /\/works\/new\?assignment=(\d+)/.exec(mine.body)![1];
    await members.ash.postWork({ title: 'Late But Filed', fandoms: 'Other New Fandom', assignment: assignmentId });
    assert.match(await text(owner, `${PATH}/assignments`), /Posted: Late But Filed/);
    assert.match(await text(owner, `${PATH}/items`), /Late But Filed/);

    // A second press of "Assign" for the same pinch hitter makes no second assignment.
    const birchMine = await members.birch.get(`${PATH}/assignments/mine`);
    const birchAssignment = /assignments\/(\d+)\/default/.exec(birchMine.body)![1];
    assert.equal((await members.birch.submit(`${PATH}/assignments/${birchAssignment}/default`, {})).status, 303);
    const collectionId = (await t.store.collections.findByName('yule_swap'))!.id;
    const ashId = (await t.store.users.findByLogin('ash'))!.id;
    const receiver = String((await t.store.giftExchanges.signUpOf(collectionId, ashId))!.id);
    const hitter = await members.hazel.submit(`${PATH}/signup`, {
      pseudId: await members.hazel.defaultPseudId(),
      'pinch-hitter': '1',
      'offer-0-fandom': 'Brand New Fandom',
    });
    assert.equal(hitter.status, 303, visibleText(hitter.body).slice(0, 300));
    assert.equal((await owner.submit(`${PATH}/assignments/pinch-hit`, { receiver, pinchHitter: 'hazel' })).status, 303);
    const twice = await owner.submit(`${PATH}/assignments/pinch-hit`, { receiver, pinchHitter: 'hazel' });
    assert.equal(twice.status, 422);
    assert.match(visibleText(twice.body), /hazel is already writing for ash/);
  });

  it('keeps a sign-up and its assignments when the pen name it was made under is deleted', async () => {
    await setUp();
    await members.ash.submit('/users/ash/pseuds', { name: 'Ash Winter', description: '' });
    const form = await members.ash.get(`${PATH}/signup`);
    const pseudId = /<option value="(\d+)"[^>]*>Ash Winter<\/option>/.exec(form.body)![1];
    const saved = await members.ash.submit(`${PATH}/signup`, {
      pseudId,
      'request-0-fandom': 'Harbour Lights',
      'offer-0-fandom': 'Deep Orbit',
    });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
    await signUp('birch', 'Deep Orbit', 'Harbour Lights');
    await closeAndGenerate();
    assert.match(await text(owner, `${PATH}/assignments`), /2 assignments for 2 participants/);
    assert.match(await text(owner, `${PATH}/signups`), /Ash Winter \( ?ash ?\)/);

    assert.equal((await members.ash.submit('/users/ash/pseuds/Ash%20Winter/delete', {})).status, 303);
    const signUps = await text(owner, `${PATH}/signups`);
    assert.doesNotMatch(signUps, /Ash Winter/);
    assert.match(signUps, /ash.*Harbour Lights/s, 'the sign-up stays, under the default pen name');
    assert.match(await text(owner, `${PATH}/assignments`), /Drafts \(2\)/, 'and so do the assignments');
  });
});
