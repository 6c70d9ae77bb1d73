#!/usr/bin/env node
// `npm test`: every leg in one run of Node's test runner — unit tests, store and HTTP tests on
// SQLite and PostgreSQL, CLI tests, and browser tests in Debian's Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function testFiles(dir) {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return name === 'support' ? [] : testFiles(join(dir, name));
    return /\.test\.tsx?$/.test(name) ? [relative(root, path)] : [];
  });
}

function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(
      `Browser tests need Chromium at ${CHROMIUM}: install Debian's package with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`,
    );
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (install.status !== 0 || !existsSync(CHROMIUM)) {
    console.error(
      'Could not install chromium with apt-get; browser tests cannot run. Install it with `apt-get install -y chromium`.',
    );
    process.exit(1);
  }
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...testFiles('test'), ...testFiles('e2e')];
if (files.some((file) => file.startsWith('e2e'))) ensureChromium();

const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
