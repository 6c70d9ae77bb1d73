import { after, before, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, copyFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork, workInput } from '../support/works.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { validateWork } from '../../src/domain/works.ts';
import { WorkSearch } from '../../src/search/work-search.ts';
import { DbWorkIndex } from '../../src/search/db-index.ts';
import { configureIndexSnapshots, Slicer } from '../../src/search/index-snapshot.ts';
import { eventually } from '../support/eventually.ts';

/** Opens the search as a starting process does: with this snapshot file (or none), logging what it did. */
async function openSearch(store: Store, path: string | undefined, log: string[] = []) {
  configureIndexSnapshots(path ? { path, everyMs: 0, log: (m) => log.push(m) } : undefined);
  try {
    const search = await WorkSearch.open(store);
    return { search, index: search.index as DbWorkIndex, log };
  } finally {
    configureIndexSnapshots(undefined);
  }
}

/** A slicer that yields at every tick and runs `onTick` first (the ticks counted from 0). */
class Interleaved extends Slicer {
  private ticks = 0;

  constructor(private readonly onTick: (tick: number) => Promise<void>) {
    super(0);
  }

  override async tick(): Promise<void> {
    await this.onTick(this.ticks++);
    await super.tick();
  }
}

/** What a snapshot file's header says of its sections (each one's size and CRC-32) and of its moment. */
function sectionsOf(path: string): unknown {
  const bytes = readFileSync(path);
  const header = JSON.parse(bytes.subarray(16, 16 + bytes.readUInt32LE(8)).toString('utf8')) as {
    meta: { lastChangeId: number };
    sections: unknown[];
  };
  return { lastChangeId: header.meta.lastChangeId, sections: header.sections };
}

describeEachDatabase('the works index snapshot', (dialect) => {
  let t: TestStore;
  let other: TestStore;
  let store: Store;
  let dir: string;
  let file: string;
  let queries: string[];

  before(async () => {
    t = await freshStore(dialect);
    other = await freshStore(dialect);
    store = t.store;
    dir = mkdtempSync(join(tmpdir(), 'quire-snapshot-'));
    file = join(dir, 'index.snapshot');
    await loadCorpus(store, 400, 7);
    await loadCorpus(other.store, 50, 8);
  });
  after(async () => {
    await t.dispose();
    await other.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What a reader sees for each query: titles of the page in order, the total and the sidebar. */
  async function answers(search: WorkSearch): Promise<unknown[]> {
    const out: unknown[] = [];
    for (const query of queries) {
      const { filters } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URLSearchParams(query))));
      for (const member of [null, 1]) {
        const result = await search.search(filters, member, 20);
        out.push({
          query,
          member,
          total: result.total,
          titles: result.works.map((w) => `${w.id} ${w.title}`),
          facets: result.facets,
        });
      }
    }
    return out;
  }

  /** Queries over the corpus: tags of each kind (from the sidebar), text, every sort, deep pages. */
  async function makeQueries(search: WorkSearch): Promise<string[]> {
    const { facets } = await search.search(parseWorkFilters(readWorkFilterForm({})).filters, null, 20);
    const name = (kind: keyof typeof facets, i = 0) => facets[kind][i]?.name ?? '';
    const fandom = name('fandom');
    const freeform = name('freeform');
    const word = fandom.split(/\W+/).find((w) => w.length > 3) ?? 'the';
    const list = [
      '',
      `include_fandom=${encodeURIComponent(fandom)}`,
      `include_fandom=${encodeURIComponent(fandom)}&exclude_freeform=${encodeURIComponent(freeform)}&sort=kudos`,
      `include_relationship=${encodeURIComponent(name('relationship'))}&sort=title`,
      `include_character=${encodeURIComponent(name('character'))}&sort=creator`,
      `include_rating=${encodeURIComponent(name('rating'))}&complete=yes&sort=words`,
      `crossovers=only&sort=hits`,
      `q=${encodeURIComponent(word)}`,
      `q=${encodeURIComponent(word)}&sort=updated&page=2`,
      `q=${encodeURIComponent(freeform)}`,
      'sort=posted&page=5',
      'sort=bookmarks',
      'sort=comments&page=3',
      'q=snapshotword',
      'q=zebrafinch',
      'include_freeform=Snapshot%20Tag',
      'include_freeform=Merged%20Into',
    ];
    return list;
  }

  it('answers exactly as a full load does, also after writes made since the snapshot', async () => {
    const user = await store.users.create({ login: 'snapper', email: 'snap@example.org', passwordHash: 'h' });
    const [pseud] = await store.pseuds.listForUser(user.id);
    const edited = await postWork(store, [pseud.id], { title: 'Before the edit', freeforms: 'Snapshot Tag' });
    const first = await openSearch(store, file);
    assert.equal(first.index.loadedFrom, 'database');
    assert.match(first.log.join('\n'), /snapshot .* was not used: there is none yet/);
    // Written once the process serves.
    await eventually(
      async () => first.log.join('\n'),
      (log) => /snapshot written/.test(log),
      { what: 'the snapshot written after the full load' },
    );
    assert.ok(statSync(file).size > 0);
    queries = await makeQueries(first.search);

    // Right away: the snapshot answers as the database does.
    const early = await openSearch(store, file);
    assert.equal(early.index.loadedFrom, 'snapshot', early.log.join('\n'));
    const fresh0 = await openSearch(store, undefined);
    assert.deepEqual(await answers(early.search), await answers(fresh0.search));

    // Writes after the snapshot: a new work, an edit, a deletion, a tag merge.
    await postWork(store, [pseud.id], {
      title: 'Snapshotword Arrives',
      summary: 'A zebrafinch.',
      freeforms: 'Snapshot Tag',
    });
    await store.works.update(
      edited,
      validateWork(workInput({ title: 'Edited Zebrafinch', freeforms: 'Snapshot Tag' })),
    );
    const deleted = (await first.search.search(parseWorkFilters(readWorkFilterForm({ sort: 'hits' })).filters, null, 5))
      .works[0];
    await store.works.delete(deleted.id);
    await postWork(store, [pseud.id], { title: 'Merged away', freeforms: 'Merged From' });
    await postWork(store, [pseud.id], { title: 'Merged into', freeforms: 'Merged Into' });
    const [from] = await store.tags.named('Merged From');
    const [into] = await store.tags.named('Merged Into');
    await store.tags.makeCanonical(into.id);
    await store.tags.makeSynonym(from.id, into.id);

    const late = await openSearch(store, file);
    assert.equal(late.index.loadedFrom, 'snapshot', late.log.join('\n'));
    const fresh = await openSearch(store, undefined);
    const expected = await answers(fresh.search);
    assert.deepEqual(await answers(late.search), expected);
    // The writes are really in these answers (the queries see them).
    const titlesOf = (query: string) =>
      (expected.find((a) => (a as { query: string }).query === query) as { titles: string[] }).titles.map((s) =>
        s.replace(/^\d+ /, ''),
      );
    assert.deepEqual(titlesOf('q=zebrafinch').sort(), ['Edited Zebrafinch', 'Snapshotword Arrives']);
    assert.deepEqual(titlesOf('q=snapshotword'), ['Snapshotword Arrives']);
    assert.deepEqual(titlesOf('include_freeform=Snapshot%20Tag').sort(), ['Edited Zebrafinch', 'Snapshotword Arrives']);
    assert.deepEqual(titlesOf('include_freeform=Merged%20Into').sort(), ['Merged away', 'Merged into']);
    assert.ok(!JSON.stringify(expected).includes(`"${deleted.id} `), 'the deleted work is gone');
    // The process that was running all along (catching up as it goes) agrees too.
    assert.deepEqual(await answers(first.search), expected);
  });

  it('refuses a damaged, a cut-short and another archive’s snapshot, and loads from the database instead', async () => {
    const fresh = await openSearch(store, undefined);
    const expected = await answers(fresh.search);
    const good = join(dir, 'good.snapshot');
    await fresh.index.writeSnapshot(good);

    const damaged = join(dir, 'damaged.snapshot');
    const bytes = readFileSync(good);
    bytes[Math.floor(bytes.length * 0.6)] ^= 0x40;
    writeFileSync(damaged, bytes);
    const d = await openSearch(store, damaged);
    assert.equal(d.index.loadedFrom, 'database');
    assert.match(d.index.snapshotRefused ?? '', /damaged/);
    assert.deepEqual(await answers(d.search), expected);

    const short = join(dir, 'short.snapshot');
    copyFileSync(good, short);
    truncateSync(short, Math.floor(bytes.length / 2));
    const s = await openSearch(store, short);
    assert.equal(s.index.loadedFrom, 'database');
    assert.match(s.index.snapshotRefused ?? '', /long|cut short/);
    assert.deepEqual(await answers(s.search), expected);

    const garbage = join(dir, 'garbage.snapshot');
    writeFileSync(garbage, 'not a snapshot at all');
    const g = await openSearch(store, garbage);
    assert.equal(g.index.loadedFrom, 'database');
    assert.match(g.index.snapshotRefused ?? '', /not an index snapshot/);

    const foreign = join(dir, 'other.snapshot');
    const theirs = await openSearch(other.store, undefined);
    await theirs.index.writeSnapshot(foreign);
    const f = await openSearch(store, foreign);
    assert.equal(f.index.loadedFrom, 'database');
    assert.match(f.index.snapshotRefused ?? '', /another archive/);
    assert.deepEqual(await answers(f.search), expected);

    // The good one still serves (what refused the others was theirs alone).
    const ok = await openSearch(store, good);
    assert.equal(ok.index.loadedFrom, 'snapshot');
    assert.deepEqual(await answers(ok.search), expected);
  });

  it('writes a snapshot of one moment while the index changes under it', async () => {
    const { search, index } = await openSearch(store, undefined);
    const user = await store.users.create({ login: 'mover', email: 'mover@example.org', passwordHash: 'h' });
    const [pseud] = await store.pseuds.listForUser(user.id);
    const standing = await postWork(store, [pseud.id], { title: 'Standing Still', freeforms: 'Moving Tag' });
    const going = await postWork(store, [pseud.id], { title: 'Going Soon', freeforms: 'Moving Tag' });
    await index.sync();
    // The index as it is now, written with nothing changing.
    const still = join(dir, 'still.snapshot');
    await index.writeSnapshot(still);

    // Writes land, and the process catches up, while the same index is being written again.
    let catchingUp: Promise<void> | undefined;
    const moving = join(dir, 'moving.snapshot');
    await index.writeSnapshot(
      moving,
      new Interleaved(async (tick) => {
        if (tick === 0) {
          await postWork(store, [pseud.id], { title: 'Arrived Meanwhile', freeforms: 'Moving Tag' });
          await store.works.update(
            standing,
            validateWork(workInput({ title: 'Moved Meanwhile', freeforms: 'Other Tag' })),
          );
          await store.works.delete(going);
          catchingUp = index.sync();
        } else if (tick === 1) {
          // Room for the catch-up to run here, were it not held back until the index is copied.
          await Promise.race([catchingUp, new Promise((resolve) => setTimeout(resolve, 300))]);
        }
      }),
    );
    await catchingUp;

    // The snapshot holds the index as of the moment it began, section for section.
    assert.deepEqual(sectionsOf(moving), sectionsOf(still));
    // Read back whole, then caught up: as a full load answers, with the writes in.
    const reread = await openSearch(store, moving);
    assert.equal(reread.index.loadedFrom, 'snapshot', reread.log.join('\n'));
    const fresh = await openSearch(store, undefined);
    const expected = await answers(fresh.search);
    assert.deepEqual(await answers(reread.search), expected);
    assert.deepEqual(await answers(search), expected);
    const { filters } = parseWorkFilters(readWorkFilterForm({ include_freeform: 'Moving Tag', sort: 'title' }));
    assert.deepEqual(
      (await reread.search.search(filters, null)).works.map((w) => w.title),
      ['Arrived Meanwhile'],
    );
  });

  it('refuses a snapshot whose change log was pruned since', async () => {
    const path = join(dir, 'pruned.snapshot');
    const fresh = await openSearch(store, undefined);
    await fresh.index.writeSnapshot(path);
    const user = await store.users.create({ login: 'pruner', email: 'prune@example.org', passwordHash: 'h' });
    const [pseud] = await store.pseuds.listForUser(user.id);
    await postWork(store, [pseud.id], { title: 'Written then pruned', freeforms: 'Pruned' });
    await postWork(store, [pseud.id], { title: 'Written after', freeforms: 'Pruned' });
    // The log loses the first new entries (as pruneWorkChanges does with old ones).
    const newest = await store.handle.db
      .selectFrom('work_changes')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    await store.handle.db.deleteFrom('work_changes').where('id', '<', Number(newest.id)).execute();
    const p = await openSearch(store, path);
    assert.equal(p.index.loadedFrom, 'database');
    assert.match(p.index.snapshotRefused ?? '', /pruned/);
    const { filters } = parseWorkFilters(readWorkFilterForm({ include_freeform: 'Pruned', sort: 'title' }));
    assert.deepEqual(
      (await p.search.search(filters, null)).works.map((w) => w.title),
      ['Written after', 'Written then pruned'],
    );
  });
});

describe('bin/quire index snapshot', () => {
  it('writes the snapshot a starting process then reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-snapshot-cli-'));
    try {
      const store = await openStore({ sqlitePath: join(dir, 'quire.db') });
      try {
        await loadCorpus(store, 30, 3);
        const run = spawnSync(
          process.execPath,
          [fileURLToPath(new URL('../../bin/quire', import.meta.url)), 'index', 'snapshot'],
          {
            env: { ...process.env, QUIRE_DATA: dir, INDEX_SNAPSHOT: '' },
            encoding: 'utf8',
          },
        );
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /Loaded 30 works .* wrote .*index\.snapshot/);
        const { index } = await openSearch(store, join(dir, 'index.snapshot'));
        assert.equal(index.loadedFrom, 'snapshot');
        assert.equal(index.size, 30);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes the folder of a snapshot file that is not there yet (the data folder of an archive on PostgreSQL)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-snapshot-cli-'));
    try {
      const store = await openStore({ sqlitePath: join(dir, 'quire.db') });
      try {
        await loadCorpus(store, 12, 5);
        const path = join(dir, 'not', 'made', 'yet', 'index.snapshot');
        const run = spawnSync(
          process.execPath,
          [fileURLToPath(new URL('../../bin/quire', import.meta.url)), 'index', 'snapshot'],
          { env: { ...process.env, QUIRE_DATA: dir, INDEX_SNAPSHOT: path }, encoding: 'utf8' },
        );
        assert.equal(run.status, 0, run.stderr);
        const { index } = await openSearch(store, path);
        assert.equal(index.loadedFrom, 'snapshot');
        assert.equal(index.size, 12);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
