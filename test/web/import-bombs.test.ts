import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { inflatingTo, makeDocx, makeEpub } from '../support/import-files.ts';

describeEachDatabase('importing files built to exhaust the server', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('bomber');
  });
  afterEach(() => t.dispose());

  async function upload(name: string, bytes: Uint8Array) {
    const form = await writer.get('/works/import');
    const pseudId = /<option value="(\d+)" selected/.exec(form.body)![1];
    return writer.upload('/works/import', { pseudId }, [{ field: 'files', name, bytes }]);
  }

  it('refuses an EPUB or a Word document that unpacks to far more than it weighs, with a clear 422', async () => {
    const epub = inflatingTo(makeEpub({ title: 'Bomb', chapters: ['<p>Once.</p>'] }), 'OEBPS/text/c0.xhtml', 80);
    const docx = inflatingTo(makeDocx([{ text: 'Once.' }]), 'word/document.xml', 80);
    for (const [name, bytes] of [
      ['bomb.epub', epub],
      ['bomb.docx', docx],
    ] as const) {
      const refused = await upload(name, bytes);
      assert.equal(refused.status, 422, name);
      assert.match(
        visibleText(refused.body),
        new RegExp(`${name.replace('.', '\\.')}: this .* unpacks to more than 64 MB`),
      );
    }
    // Nothing was kept, and the archive imports the next story as usual.
    assert.doesNotMatch(visibleText((await writer.get('/works/import')).body), /Bomb/);
    const story = makeEpub({ title: 'Salt Roads', chapters: ['<p>The ship left at noon.</p>'] });
    assert.equal((await upload('salt.epub', story)).status, 303);
  });

  it("reads one of a member's uploads at a time, and asks them to send the other again; other members are not held up", async () => {
    // Long enough to read (a second or more) that both requests arrive while the first is being read.
    const paragraph = 'The tide came in over the harbour wall and the boats knocked together in the dark. '.repeat(3);
    const long = new TextEncoder().encode(`Salt Roads\n\n${Array(20_000).fill(paragraph).join('\n\n')}`);
    const reader = t.agent();
    await reader.signUp('other_writer');
    const form = await reader.get('/works/import');
    const readerPseud = /<option value="(\d+)" selected/.exec(form.body)![1];
    const [one, two, others] = await Promise.all([
      upload('salt-1.txt', long),
      upload('salt-2.txt', long),
      reader.upload('/works/import', { pseudId: readerPseud }, [{ field: 'files', name: 'tide.txt', bytes: long }]),
    ]);
    const statuses = [one.status, two.status].sort();
    assert.deepEqual(statuses, [303, 429]);
    const refused = one.status === 429 ? one : two;
    // At the latest, the first is read when its turn ends.
    assert.ok(Number(refused.headers['retry-after']) <= 120);
    assert.match(
      visibleText(refused.body),
      /still reading your other upload; when it is done .* under “Your imports in progress” on this page\. Nothing of this one was saved/,
    );
    assert.equal(others.status, 303, 'another member uploading at the same time is read');
    // Once the first is read, the next upload is read as usual.
    assert.equal((await upload('salt-2.txt', long)).status, 303);
  });

  it('tells a member whose last upload was cut off by a stopped process how long until they can send again', async () => {
    // What a process that stopped while reading left behind: the member's turn, held for its full two minutes.
    const member = await t.store.users.findByLogin('bomber');
    await t.store.rateLimits.hit(`import-reading:${member!.id}`, 120_000);
    const refused = await upload('salt.txt', new TextEncoder().encode('Salt Roads\n\nThe tide came in.'));
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter > 60 && retryAfter <= 120, `Retry-After: ${retryAfter}, the turn ends in about 120 s`);
    assert.match(visibleText(refused.body), /still reading your other upload/);
  });
});
