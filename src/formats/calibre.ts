/**
 * AZW3 and MOBI for Kindles, converted from Quire's EPUB by Calibre's `ebook-convert`. Offered
 * only where Calibre is installed (see tools() in formats.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tools } from './formats.ts';

const run = promisify(execFile);

export async function convertEpub(epub: Uint8Array, format: 'azw3' | 'mobi'): Promise<Uint8Array> {
  const command = tools().calibre;
  if (!command) throw new Error('Calibre (ebook-convert) is not installed');
  const dir = await mkdtemp(join(tmpdir(), 'quire-convert-'));
  try {
    const input = join(dir, 'work.epub');
    const output = join(dir, `work.${format}`);
    await writeFile(input, epub);
    // Calibre is a Qt program: offscreen, it needs no display on a server.
    await run(command, [input, output], {
      timeout: 120_000,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    });
    return new Uint8Array(await readFile(output));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
