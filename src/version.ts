import { readFileSync } from 'node:fs';

/** The archive's version, as package.json gives it (shown by /health). */
export const QUIRE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
