/**
 * Every EPUB Quire writes must pass Debian's epubcheck with no errors and no warnings. Works
 * with the content that trips e-book writers up are generated, written to a temporary folder
 * and checked one by one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seriesEpub, workEpub } from '../../src/formats/epub.ts';
import { ARCHIVE, oddWorks, sampleSeries } from '../support/download-works.ts';
import { epubcheck } from '../support/epubcheck.ts';

describe('EPUB downloads pass epubcheck with no errors and no warnings', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'quire-epubcheck-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const works = oddWorks();
  for (const [name, work] of Object.entries(works)) {
    it(`a work with ${name}`, async () => {
      const path = join(dir, `work-${work.id}.epub`);
      writeFileSync(path, workEpub(work, ARCHIVE.name, ARCHIVE.origin));
      const result = await epubcheck(path);
      assert.deepEqual(
        result.messages,
        [],
        `epubcheck found problems in "${work.title}":\n${result.messages.join('\n')}`,
      );
      assert.equal(result.errors, 0);
      assert.equal(result.warnings, 0);
    });
  }

  it('a series of works in several languages and scripts', async () => {
    const path = join(dir, 'series.epub');
    writeFileSync(path, seriesEpub(sampleSeries(Object.values(works)), ARCHIVE.name, ARCHIVE.origin));
    const result = await epubcheck(path);
    assert.deepEqual(result.messages, [], result.messages.join('\n'));
  });

  it('reports a broken EPUB (so that a pass means something)', async () => {
    const path = join(dir, 'broken.epub');
    const good = workEpub(works['empty notes and summaries'], ARCHIVE.name, ARCHIVE.origin);
    writeFileSync(path, good.subarray(0, good.length - 200));
    const result = await epubcheck(path);
    assert.ok(result.errors > 0, 'a truncated zip is reported');
  });
});
