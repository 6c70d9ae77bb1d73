import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { databaseOptions, type Config } from '../config.ts';
import { openStore } from '../store/index.ts';
import { DbWorkIndex } from '../search/db-index.ts';

export const INDEX_HELP = `  index snapshot [--file PATH]
                          Load the works index from the database and write its snapshot (default
                          INDEX_SNAPSHOT), which starting processes read instead of loading it.`;

export async function runIndex(args: string[], config: Config): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { file: { type: 'string' } } });
  } catch (error) {
    console.error(`quire: ${(error as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'snapshot') {
    console.error('quire: usage: bin/quire index snapshot [--file PATH]');
    return 2;
  }
  const file = values.file ? resolve(values.file) : config.indexSnapshot;
  if (!file) {
    console.error('quire: INDEX_SNAPSHOT is off; name a file with --file PATH');
    return 2;
  }
  const store = await openStore(databaseOptions(config));
  try {
    const index = await DbWorkIndex.load(store.handle.primaryDb, store.handle.sqlite, undefined, undefined);
    const started = Date.now();
    const bytes = await index.writeSnapshot(file);
    console.log(
      `Loaded ${index.size.toLocaleString('en')} works in ${(index.loadMs / 1000).toFixed(1)} s; wrote ${file} ` +
        `(${(bytes / 1048576).toFixed(0)} MB) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
