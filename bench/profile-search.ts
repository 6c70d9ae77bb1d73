// In-process timing of `bench search` query kinds, phase by phase (text match, index query, whole
// search), with the index's result cache off. Usage (from the repository):
//   QUIRE_DATA=/path QUIRE_SEARCH_CACHE=0 node --import tsx [--cpu-prof] bench/profile-search.ts [queries]
import { loadConfig, databaseOptions } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';
import { vocabulary, searchMix } from '../src/cli/bench.ts';
import { WorkSearch } from '../src/search/work-search.ts';
import { parseWorkFilters, readWorkFilterForm } from '../src/domain/work-filters.ts';
import { hasText } from '../src/domain/search-query.ts';
import { loadavg } from 'node:os';

const store = await openStore(databaseOptions(loadConfig()));
const v = await vocabulary(store);
const samples = searchMix(v, Number(process.argv[2] ?? 300), 1);
let t = performance.now();
const search = await WorkSearch.open(store);
console.log(`index load ${Math.round(performance.now() - t)} ms, ${search.index.size} works`);
const times = new Map<string, { text: number[]; whole: number[] }>();
for (const s of samples) {
  const { filters } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URL(s.url, 'http://x').searchParams)));
  const entry = times.get(s.kind) ?? { text: [], whole: [] };
  times.set(s.kind, entry);
  if (hasText(filters.text)) {
    t = performance.now();
    await search.matchText(filters.text, filters.insideStories, filters.sort === 'best');
    entry.text.push(performance.now() - t);
  }
  t = performance.now();
  await search.search(filters, null);
  entry.whole.push(performance.now() - t);
}
const pct = (list: number[], p: number) => {
  const s = [...list].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]) : 0;
};
for (const [kind, e] of [...times].sort())
  console.log(
    `${kind.padEnd(18)} n=${String(e.whole.length).padStart(4)} whole p50 ${pct(e.whole, 50)} p95 ${pct(e.whole, 95)} max ${pct(e.whole, 100)} | text p50 ${pct(e.text, 50)} p95 ${pct(e.text, 95)}`,
  );
console.log(
  `load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
await store.close();
