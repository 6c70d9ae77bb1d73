import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, zipSync } from 'fflate';
import { ImportError, importWork, ImportWorkers, IMPORT_LIMITS } from '../../../src/text/import/index.ts';
import { BusyError } from '../../../src/domain/errors.ts';
import { inflatingTo, makeDocx, makeEpub } from '../../support/import-files.ts';

const refused = (pattern: RegExp) => (e: unknown) => e instanceof ImportError && pattern.test(e.message);

describe('imports of files built to exhaust the server', () => {
  const epub = makeEpub({ title: 'Bomb', chapters: ['<p>Once.</p>'] });
  const docx = makeDocx([{ text: 'Once.' }]);

  it('refuses an EPUB chapter that unpacks to 80 MB from a few hundred kilobytes', async () => {
    const bomb = inflatingTo(epub, 'OEBPS/text/c0.xhtml', 80);
    assert.ok(bomb.length < 1024 * 1024, `the bomb is ${bomb.length} bytes`);
    await assert.rejects(importWork([{ name: 'bomb.epub', bytes: bomb }]), refused(/unpacks to more than 64 MB/));
  });

  it('refuses an EPUB that lies about how far a chapter unpacks', async () => {
    const bomb = inflatingTo(epub, 'OEBPS/text/c0.xhtml', 40, 1000);
    await assert.rejects(importWork([{ name: 'liar.epub', bytes: bomb }]), refused(/cannot be unpacked/));
  });

  it('refuses a chapter that unpacks to far more than its packed size would allow', async () => {
    const bomb = inflatingTo(epub, 'OEBPS/text/c0.xhtml', 20);
    await assert.rejects(
      importWork([{ name: 'dense.epub', bytes: bomb }]),
      refused(/more than 100 times its packed size/),
    );
  });

  it('refuses a Word document whose text unpacks to 80 MB', async () => {
    const bomb = inflatingTo(docx, 'word/document.xml', 80);
    await assert.rejects(importWork([{ name: 'bomb.docx', bytes: bomb }]), refused(/unpacks to more than 64 MB/));
  });

  it('reads an EPUB whose manifest holds a malformed percent-escape', async () => {
    const book = makeEpub({ title: 'Odd Names', chapters: ['<p>The harbour was quiet.</p>'] });
    const files = unzipSync(book);
    const opf = new TextDecoder().decode(files['OEBPS/content.opf']).replace('text/c0.xhtml', 'text/c0%zz.xhtml');
    const renamed = zipSync({
      ...files,
      'OEBPS/content.opf': new TextEncoder().encode(opf),
      'OEBPS/text/c0%zz.xhtml': files['OEBPS/text/c0.xhtml'],
    });
    const work = await importWork([{ name: 'odd.epub', bytes: renamed }]);
    assert.match(JSON.stringify(work.chapters), /The harbour was quiet\./);
  });

  it('stops an import that needs more memory or time than allowed, and keeps serving the next one', async () => {
    const tight = new ImportWorkers({ ...IMPORT_LIMITS, memoryMb: 48, threads: 1 });
    after(() => tight.close());
    const known = { fandoms: [], characters: [] };
    const huge = new TextEncoder().encode('word '.repeat(4_000_000));
    await assert.rejects(tight.importWork([{ name: 'huge.txt', bytes: huge }], known), refused(/more than the 48 MB/));
    const story = new TextEncoder().encode('Harbour Lights\n\nThe tide came in.\n\nThe end.');
    const work = await tight.importWork([{ name: 'story.txt', bytes: story }], known);
    assert.match(JSON.stringify(work.chapters), /The tide came in\./);

    const hasty = new ImportWorkers({ ...IMPORT_LIMITS, timeoutMs: 1, memoryMb: 256, threads: 1 });
    after(() => hasty.close());
    await assert.rejects(
      hasty.importWork([{ name: 'story.txt', bytes: story }], known),
      refused(/longer than 0.001 seconds/),
    );
  });

  it('gives the first upload after the import threads went idle its whole time limit: starting a thread is not counted', async () => {
    // No thread is running yet, as after the threads idled out; starting one takes far longer than this limit.
    const cold = new ImportWorkers({ ...IMPORT_LIMITS, timeoutMs: 150, threads: 1 });
    after(() => cold.close());
    const story = new TextEncoder().encode('Harbour Lights\n\nThe tide came in.\n\nThe end.');
    const work = await cold.importWork([{ name: 'story.txt', bytes: story }], { fandoms: [], characters: [] });
    assert.match(JSON.stringify(work.chapters), /The tide came in\./);
  });

  it('asks the writer to send again when every import thread stays busy, and reads the next upload as usual', async () => {
    const busy = new ImportWorkers({ ...IMPORT_LIMITS, threads: 1, waitMs: 1 });
    after(() => busy.close());
    const known = { fandoms: [], characters: [] };
    const story = new TextEncoder().encode('Harbour Lights\n\nThe tide came in.\n\nThe end.');
    // The first import holds the only thread while it starts (seconds); the second cannot wait that long.
    const [first, second] = await Promise.allSettled([
      busy.importWork([{ name: 'first.txt', bytes: story }], known),
      busy.importWork([{ name: 'second.txt', bytes: story }], known),
    ]);
    assert.equal(first.status, 'fulfilled');
    assert.equal(second.status, 'rejected');
    assert.ok(second.reason instanceof BusyError);
    assert.match(second.reason.message, /reading other uploads just now.*Nothing was saved: send it again/);
    const again = await busy.importWork([{ name: 'second.txt', bytes: story }], known);
    assert.match(JSON.stringify(again.chapters), /The tide came in\./);
  });
});
