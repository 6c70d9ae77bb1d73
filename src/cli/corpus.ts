import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { databaseOptions, type Config } from '../config.ts';
import { openStore } from '../store/index.ts';
import { loadCorpus } from '../corpus/load.ts';

export const CORPUS_HELP = `  corpus --works N [--seed S] [--json]
                          Fill an empty archive with a deterministic synthetic corpus of N works
                          (users, pen names, chapters, wrangled tags with a realistic skew).`;

export async function runCorpus(args: string[], config: Config): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: { works: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
    }));
  } catch (error) {
    console.error(`quire: ${(error as Error).message}`);
    return 2;
  }
  const works = Number(values.works);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(works) || works < 1 || works > 20_000_000) {
    console.error('quire: usage: bin/quire corpus --works N [--seed S] (N a whole number from 1 to 20,000,000)');
    return 2;
  }
  if (!Number.isInteger(seed)) {
    console.error('quire: --seed must be a whole number');
    return 2;
  }
  const store = await openStore(databaseOptions(config));
  try {
    const started = Date.now();
    let last = Date.now();
    const report = await loadCorpus(store, works, seed, (done) => {
      if (values.json || Date.now() - last < 5_000) return;
      last = Date.now();
      console.error(
        `  ${done.toLocaleString('en')} works (${Math.round(done / ((Date.now() - started) / 1000)).toLocaleString('en')}/s)`,
      );
    });
    // The works were written without the change log: an index snapshot of the archive before them would hide them.
    if (config.indexSnapshot) rmSync(config.indexSnapshot, { force: true });
    if (values.json) console.log(JSON.stringify({ ...report, dialect: store.dialect, seed }));
    else
      console.log(
        `Generated ${report.works.toLocaleString('en')} works, ${report.chapters.toLocaleString('en')} chapters, ${report.users.toLocaleString('en')} users, ` +
          `${report.tags.toLocaleString('en')} tags and ${report.taggings.toLocaleString('en')} taggings on ${store.dialect} in ${report.seconds.toFixed(1)} s (${report.cpuSeconds.toFixed(1)} s of CPU in this process; seed ${seed}).`,
      );
    return 0;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('The archive already has works')) {
      console.error(`quire: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
