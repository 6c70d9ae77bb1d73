/**
 * Every EPUB Quire writes must pass Debian's epubcheck with no errors and no warnings. Works
 * with the content that trips e-book writers up are generated, written to a temporary folder
 * and checked one by one.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seriesEpub, workEpub } from '../../src/formats/epub.ts';
import { ARCHIVE, oddWorks, sampleSeries } from '../support/download-works.ts';

const run = promisify(execFile);
const EPUBCHECK = process.env.EPUBCHECK_JAR ?? '/usr/bin/epubcheck';

export interface EpubcheckResult {
  messages: string[];
  errors: number;
  warnings: number;
}

/** Runs epubcheck on one file; its messages and the counts it reports. */
export async function epubcheck(path: string): Promise<EpubcheckResult> {
  if (!existsSync(EPUBCHECK))
    assert.fail(
      `epubcheck is not installed at ${EPUBCHECK}: run \`apt-get install epubcheck\` (Debian package epubcheck), or set EPUBCHECK_JAR.`,
    );
  let output: string;
  try {
    const { stdout, stderr } = await run('java', ['-jar', EPUBCHECK, path], { maxBuffer: 16 * 1024 * 1024 });
    output = `${stdout}\n${stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; code?: string | number };
    if (failed.code === 'ENOENT')
      assert.fail('java is not installed: run `apt-get install epubcheck` (it brings a Java runtime).');
    output = `${failed.stdout ?? ''}\n${failed.stderr ?? ''}`;
  }
  const messages = output.split('\n').filter((line) => /^(FATAL|ERROR|WARNING|USAGE)\(/.test(line));
  const count = (label: string) =>
    Number(new RegExp(`(\\d+) ${label}`).exec(output)?.[1] ?? 0) ||
    messages.filter((m) => m.startsWith(label === 'errors' ? 'ERROR' : 'WARNING')).length;
  assert.match(
    output,
    /(No errors or warnings detected|Check finished with|Messages:)/,
    `epubcheck did not run:\n${output}`,
  );
  return {
    messages,
    errors: count('errors') + messages.filter((m) => m.startsWith('FATAL')).length,
    warnings: count('warnings'),
  };
}

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
