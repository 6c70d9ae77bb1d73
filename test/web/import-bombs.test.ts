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
});
