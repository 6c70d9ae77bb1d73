import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { postWork } from '../support/works.ts';
import type { ImportState } from '../../src/app/import-state.ts';

/** A stretch of narration about one character with no turn in it: only length says where paragraphs end. */
const SENTENCES = [
  'Mara walked along the harbour wall until the lamps were lit.',
  'The boats knocked against each other in the swell.',
  'Mara counted them twice, as her father had taught her.',
  'A gull landed on the bollard beside her and watched.',
  'The wind smelled of tar and rain and cold iron.',
  'Mara pulled her collar up against it and kept walking.',
  'Somewhere a bell rang for the last ferry of the day.',
  'The water below the steps was black and very still.',
];
const COLLAPSED = Array.from({ length: 6 }, () => SENTENCES.join(' ')).join(' ');

/** Short paragraphs of about twelve words, the way a terse writer sets them. */
const TERSE_CHAPTER = Array.from(
  { length: 30 },
  (_, i) => `Line ${i + 1} of the night watch, written short and plain as the keeper liked it.`,
).join('\n\n');

describeEachDatabase('restoring lost paragraphs at the writer’s own length', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  async function importedParagraphs(agent: Agent, login: string): Promise<string[]> {
    const page = await agent.get('/works/import');
    const pseudId = /<option value="(\d+)" selected/.exec(page.body)![1];
    const response = await agent.submit('/works/import', { pseudId, text: COLLAPSED });
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 300));
    const id = Number(/\/works\/import\/(\d+)$/.exec(response.location!)![1]);
    const user = await t.store.users.findByLogin(login);
    const pending = await t.store.imports.find<ImportState>(user!.id, id);
    return pending!.state.preview.pieces.filter((p) => p.part === 'text').map((p) => p.text);
  }

  it('gives collapsed text shorter paragraphs for a writer whose posted works have short paragraphs', async () => {
    const terse = t.agent();
    await terse.signUp('terse');
    const user = await t.store.users.findByLogin('terse');
    const [pseud] = await t.store.pseuds.listForUser(user!.id);
    await postWork(t.store, [pseud.id], { title: 'Night Watch' }, TERSE_CHAPTER);
    const newcomer = t.agent();
    await newcomer.signUp('newcomer');

    const short = await importedParagraphs(terse, 'terse');
    const usual = await importedParagraphs(newcomer, 'newcomer');
    const words = (ps: string[]) => ps.map((p) => p.split(/\s+/).length).sort((a, b) => a - b);
    const median = (ps: string[]) => words(ps)[Math.floor(ps.length / 2)];
    // Every word is kept either way; only where the paragraphs end differs.
    assert.equal(short.join(' '), usual.join(' '));
    assert.ok(short.length > usual.length * 2, `${short.length} paragraphs against ${usual.length}`);
    assert.ok(median(short) <= 25, `the terse writer's paragraphs run to ${median(short)} words`);
    // Without posted works, the genre's length: fan fiction narration of some 60–80 words.
    assert.ok(median(usual) >= 45 && median(usual) <= 100, `the newcomer's paragraphs run to ${median(usual)} words`);
  });

  it('measures only works the writer posted, not drafts or other writers’ works', async () => {
    const writer = t.agent();
    await writer.signUp('drafter');
    const user = await t.store.users.findByLogin('drafter');
    const [pseud] = await t.store.pseuds.listForUser(user!.id);
    const other = t.agent();
    await other.signUp('other');
    const otherUser = await t.store.users.findByLogin('other');
    const [otherPseud] = await t.store.pseuds.listForUser(otherUser!.id);
    await postWork(t.store, [otherPseud.id], { title: 'Someone Else' }, TERSE_CHAPTER);
    await postWork(t.store, [pseud.id], { title: 'Unposted', visibility: 'draft' }, TERSE_CHAPTER);
    assert.deepEqual(await t.store.imports.recentChapterBodies(user!.id), []);
    assert.equal((await t.store.imports.recentChapterBodies(otherUser!.id)).length, 1);
  });
});
