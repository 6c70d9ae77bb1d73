import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';
import { callApi, createToken, OpenApiChecker } from '../support/api.ts';
import { refreshWorkCollectionFlags } from '../../src/store/collection-flags.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { loadConfig } from '../../src/config.ts';
import { startSmtp } from '../support/smtp.ts';

const TITLE = 'Lanternfish Elegy';
const FANDOM = 'Abyssal Plain Chronicles';
const WRITER = 'lantern_writer';

async function api(t: TestApp, path: string, token: string) {
  const doc = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  return callApi(t.app, new OpenApiChecker(JSON.parse(doc.body)), 'GET', path, { token });
}

/** An exchange collection kept by `owner`, holding the work unrevealed and anonymous (as posting into it does). */
async function holdInCollection(t: TestApp, ownerLogin: string, workId: number): Promise<number> {
  const db = t.store.handle.db;
  const owner = (await t.store.users.findByLogin(ownerLogin))!;
  const pseud = await db.selectFrom('pseuds').select('id').where('user_id', '=', owner.id).executeTakeFirstOrThrow();
  const at = new Date().toISOString();
  const collection = await db
    .insertInto('collections')
    .values({
      name: 'Deep_Exchange',
      name_key: 'deep_exchange',
      title: 'Deep Sea Exchange',
      unrevealed: 1,
      anonymous: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('collection_participants')
    .values({ collection_id: collection.id, user_id: owner.id, pseud_id: pseud.id, role: 'owner', created_at: at })
    .execute();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('collection_items')
      .values({
        collection_id: collection.id,
        work_id: workId,
        collection_approval: 'approved',
        creator_approval: 'approved',
        unrevealed: 1,
        anonymous: 1,
        created_at: at,
      })
      .execute();
    await refreshWorkCollectionFlags(tx, [workId]);
  });
  return collection.id;
}

/** The list entry (a blurb, or a feed's entry) that shows the title. */
function entryOf(body: string, title: string): string {
  const at = body.indexOf(title);
  assert.ok(at >= 0, `${title} is listed`);
  const start = Math.max(body.lastIndexOf('<li class="blurb"', at), body.lastIndexOf('<entry', at));
  assert.ok(start >= 0, `${title} is in a blurb or an entry`);
  const ends = ['<li class="blurb"', '</entry>', '</ol>'].map((end) => body.indexOf(end, at)).filter((i) => i >= 0);
  return body.slice(start, Math.min(...ends));
}

async function reveal(t: TestApp, collectionId: number, what: 'unrevealed' | 'anonymous', workId: number) {
  await t.store.handle.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('collection_items')
      .set({ [what]: 0 })
      .where('collection_id', '=', collectionId)
      .execute();
    await refreshWorkCollectionFlags(tx, [workId]);
  });
}

describeEachDatabase('works in an unrevealed, anonymous collection', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('are gone from every path until revealed, then shown by "Anonymous" until their creators are named', async () => {
    const writer = t.agent();
    await writer.signUp(WRITER);
    // An earlier, named work starts a series the exchange work continues.
    await writer.postWork({ title: 'Harbour Prelude', newSeriesTitle: 'Abyss Cycle' });
    const seriesId = /<option value="(\d+)"[^>]*>Abyss Cycle<\/option>/.exec((await writer.get('/works/new')).body)![1];
    const workPath = await writer.postWork({
      seriesId,
      title: TITLE,
      fandoms: FANDOM,
      freeforms: 'Bioluminescence',
      body: 'The lanternfish sang to the dark water.',
    });
    const workId = Number(workPath.split('/').at(-1));
    const chapterId = (await t.store.works.find(workId))!.chapters[0].id;
    const reader = t.agent();
    await reader.signUp('deep_reader');
    const token = await createToken(reader);
    const owner = t.agent();
    await owner.signUp('exchange_mod');
    const collectionId = await holdInCollection(t, 'exchange_mod', workId);

    const tag = encodeURIComponent(FANDOM);
    // Every place a reader could meet the work (pages, lists, counts, tags, feeds, OPDS, search).
    const lists = [
      '/',
      '/works',
      `/works?q=${encodeURIComponent('lanternfish')}`,
      `/tags/${tag}/works`,
      `/tags/${tag}/feed.atom`,
      '/opds/works',
      `/opds/tags/${tag}`,
      `/opds/search?q=lanternfish`,
    ];
    // The pages that list a creator's works, and the creator's series (which names them).
    const creatorLists = [
      `/users/${WRITER}`,
      `/users/${WRITER}/works`,
      `/users/${WRITER}/works/feed.atom`,
      `/opds/users/${WRITER}`,
      `/series/${seriesId}`,
      `/series/${seriesId}/feed.atom`,
    ];
    const readingPaths = [
      workPath,
      `${workPath}/navigate`,
      `/works/${workId}/chapters/${chapterId}`,
      `/works/${workId}/chapters/feed.atom`,
      `/downloads/${workId}/lanternfish-elegy.epub`,
      `/downloads/${workId}/lanternfish-elegy.html`,
    ];

    // Unrevealed: nowhere for guests and members, counts included.
    for (const path of [...lists, ...creatorLists]) {
      for (const who of [t.agent(), reader]) {
        const page = await who.get(path);
        assert.ok(page.status < 500, `${path} answers`);
        assert.doesNotMatch(page.body, /Lanternfish Elegy/, `${path} does not show the unrevealed work`);
      }
    }
    assert.match(visibleText((await reader.get(`/users/${WRITER}`)).body), /Works \(1\)/);
    assert.doesNotMatch(visibleText((await reader.get(`/tags/${tag}/works`)).body), /\b1 Work\b/);
    for (const path of readingPaths) {
      assert.equal((await t.agent().get(path)).status, 404, `${path} is not there for a guest`);
      assert.equal((await reader.get(path)).status, 404, `${path} is not there for a member`);
    }
    assert.equal((await api(t, `/api/v1/works/${workId}`, token)).status, 404);
    assert.doesNotMatch(JSON.stringify((await api(t, '/api/v1/works', token)).json), /Lanternfish/);
    assert.doesNotMatch(JSON.stringify((await api(t, '/api/v1/search?q=lanternfish', token)).json), /Lanternfish/);
    // Its creator and the collection's owner read it.
    assert.equal((await writer.get(workPath)).status, 200);
    assert.equal((await owner.get(workPath)).status, 200);
    // The creator's own page keeps it in sight, marked as not listed.
    assert.match(
      visibleText((await writer.get(`/users/${WRITER}`)).body),
      /Works only you see here \(1\).*Lanternfish Elegy/,
    );

    // Works revealed, creators still anonymous: listed everywhere, by "Anonymous", never under the writer.
    await reveal(t, collectionId, 'unrevealed', workId);
    for (const path of lists) {
      const page = await reader.get(path);
      assert.match(page.body, /Lanternfish Elegy/, `${path} lists the revealed work`);
      assert.doesNotMatch(entryOf(page.body, TITLE), new RegExp(WRITER), `${path} does not name its creator`);
    }
    for (const path of creatorLists) {
      for (const who of [t.agent(), reader]) {
        assert.doesNotMatch(
          (await who.get(path)).body,
          /Lanternfish Elegy/,
          `${path} does not list the anonymous work`,
        );
      }
    }
    const page = await reader.get(workPath);
    assert.equal(page.status, 200);
    assert.match(visibleText(page.body), /Lanternfish Elegy by Anonymous/);
    assert.doesNotMatch(page.body, new RegExp(WRITER));
    assert.doesNotMatch(page.body, /Abyss Cycle/, 'the work page does not give away its series');
    const download = await reader.get(`/downloads/${workId}/lanternfish-elegy.html`);
    assert.equal(download.status, 200);
    assert.match(download.body, /by Anonymous/);
    assert.doesNotMatch(download.body, new RegExp(WRITER));
    const byName = await reader.get(`/works?q=${WRITER}`);
    assert.doesNotMatch(byName.body, /Lanternfish Elegy/, 'a search for the creator does not find the anonymous work');
    const apiWork = await api(t, `/api/v1/works/${workId}`, token);
    assert.equal(apiWork.status, 200);
    const work = (apiWork.json as { work?: { creators: unknown[]; anonymous: boolean } }).work ?? apiWork.json;
    assert.deepEqual((work as { creators: unknown[] }).creators, []);
    assert.equal((work as { anonymous: boolean }).anonymous, true);
    assert.doesNotMatch(JSON.stringify((await api(t, `/api/v1/works?user=${WRITER}`, token)).json), /Lanternfish/);

    // Creators revealed: named again everywhere.
    await reveal(t, collectionId, 'anonymous', workId);
    assert.match(visibleText((await reader.get(workPath)).body), /Lanternfish Elegy by lantern_writer/);
    assert.match((await reader.get(`/users/${WRITER}/works`)).body, /Lanternfish Elegy/);
    assert.match((await reader.get(`/works?q=${WRITER}`)).body, /Lanternfish Elegy/);
    assert.match((await reader.get(`/series/${seriesId}`)).body, /Lanternfish Elegy/);
  });

  it('tells gift recipients and followers when the works come out, and names the creators to followers once revealed', async () => {
    const owner = t.agent();
    await owner.signUp('gift_mod');
    const writer = t.agent();
    await writer.signUp('gift_giver');
    const recipient = t.agent();
    await recipient.signUp('gift_getter');
    const follower = t.agent();
    await follower.signUp('giver_fan');
    const giverId = (await t.store.users.findByLogin('gift_giver'))!.id;
    assert.equal((await follower.submit('/subscriptions', { kind: 'user', id: String(giverId) })).status, 303);
    const created = await owner.submit('/collections', {
      name: 'winter_gifts',
      title: 'Winter Gifts',
      description: 'An exchange.',
      open: '1',
      unrevealed: '1',
      anonymous: '1',
    });
    assert.equal(created.status, 303, visibleText(created.body).slice(0, 300));
    await writer.postWork({ title: 'Snowbound Gift', gifts: 'gift_getter', collections: 'winter_gifts' });
    const runJobs = () => createJobs(t.store, loadConfig({}, { smtpUrl: undefined })).runner.runDue();
    await runJobs();
    const inbox = async (agent: typeof owner) => visibleText((await agent.get('/inbox')).body);
    assert.doesNotMatch(await inbox(recipient), /Snowbound Gift/, 'no gift notice before the reveal');
    assert.doesNotMatch(await inbox(follower), /Snowbound Gift/, 'no new-work notice before the reveal');

    assert.equal((await owner.submit('/collections/winter_gifts/reveal', { what: 'works' })).status, 303);
    await runJobs();
    const gift = await inbox(recipient);
    assert.match(gift, /Anonymous gave gift_getter a gift: Snowbound Gift/);
    assert.doesNotMatch(gift, /gift_giver/);
    assert.doesNotMatch(await inbox(follower), /Snowbound Gift/, 'followers of the creator would learn who wrote it');

    assert.equal((await owner.submit('/collections/winter_gifts/reveal', { what: 'creators' })).status, 303);
    await runJobs();
    assert.match(await inbox(follower), /gift_giver posted a new work, Snowbound Gift/);
    await runJobs();
    const told = (await follower.get('/inbox')).body.split('Snowbound Gift').length - 1;
    await runJobs();
    assert.equal((await follower.get('/inbox')).body.split('Snowbound Gift').length - 1, told, 'told once');
  });

  it('signs a creator’s own replies on an anonymous work "Anonymous Creator" to everyone else, in the thread, the inbox and the mail', async () => {
    const smtp = await startSmtp();
    try {
      const writer = t.agent();
      await writer.signUp(WRITER);
      const workPath = await writer.postWork({ title: TITLE, fandoms: FANDOM, body: 'The lanternfish sang.' });
      const workId = Number(workPath.split('/').at(-1));
      const owner = t.agent();
      await owner.signUp('exchange_mod');
      const collectionId = await holdInCollection(t, 'exchange_mod', workId);
      await reveal(t, collectionId, 'unrevealed', workId);
      const reader = t.agent();
      await reader.signUp('deep_reader');
      const readerId = (await t.store.users.findByLogin('deep_reader'))!.id;
      await t.store.inbox.setPreferences(readerId, {
        ...(await t.store.inbox.preferences(readerId)),
        reply: { inbox: true, email: true },
      });
      const asked = await reader.submit(`${workPath}/comments`, { body: 'Who wrote this? I love it.' });
      assert.equal(asked.status, 303);
      const parentId = /#comment-(\d+)$/.exec(asked.location!)![1];
      const answered = await writer.submit(`${workPath}/comments`, { body: 'Thank you so much!', parentId });
      assert.equal(answered.status, 303);

      for (const who of [reader, t.agent()]) {
        const page = visibleText((await who.get(workPath)).body);
        assert.match(page, /Anonymous Creator[\s\S]*Thank you so much!/);
        assert.doesNotMatch((await who.get(workPath)).body, new RegExp(WRITER));
      }
      const inbox = await reader.get('/inbox');
      assert.match(visibleText(inbox.body), new RegExp(`Anonymous Creator replied to your comment on ${TITLE}`));
      assert.doesNotMatch(inbox.body, new RegExp(WRITER));
      const mailConfig = { smtpUrl: smtp.url, mailDelayMs: 0, baseUrl: 'https://archive.example.org' };
      const jobs = createJobs(t.store, loadConfig({ QUIRE_DATA: '/nonexistent' }, mailConfig));
      await jobs.runner.runDue();
      await jobs.stop();
      assert.equal(smtp.received.length, 1);
      const [mail] = smtp.received;
      assert.match(mail.text, new RegExp(`\\* Anonymous Creator replied to your comment on ${TITLE}`));
      assert.match(mail.html, /Anonymous Creator replied to your comment/);
      assert.doesNotMatch(`${mail.subject} ${mail.text} ${mail.html}`, new RegExp(WRITER));

      // The creator sees their own name; once the creators are revealed, everyone does, in the inbox too.
      assert.match(visibleText((await writer.get(workPath)).body), new RegExp(`${WRITER}[\\s\\S]*Thank you so much!`));
      await reveal(t, collectionId, 'anonymous', workId);
      assert.match(visibleText((await reader.get(workPath)).body), new RegExp(`${WRITER}[\\s\\S]*Thank you so much!`));
      assert.match(visibleText((await reader.get('/inbox')).body), new RegExp(`${WRITER} replied to your comment`));
    } finally {
      await smtp.close();
    }
  });
});
