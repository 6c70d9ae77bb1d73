/** Runs Debian's epubcheck on an EPUB file (used by the EPUB tests and the data export test). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

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
