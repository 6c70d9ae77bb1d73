import { it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import { freshStore } from '../support/databases.ts';
import { WorkSearch } from '../../src/search/work-search.ts';

it('searches in memory unless SEARCH_ENGINE=postgres, which needs PostgreSQL', () => {
  assert.equal(loadConfig({ QUIRE_DATA: '/nonexistent' }).searchEngine, 'memory');
  assert.equal(
    loadConfig({ QUIRE_DATA: '/nonexistent', SEARCH_ENGINE: 'postgres', DATABASE_URL: 'postgres://db/quire' })
      .searchEngine,
    'postgres',
  );
  assert.throws(
    () => loadConfig({ QUIRE_DATA: '/nonexistent', SEARCH_ENGINE: 'postgres' }),
    /SEARCH_ENGINE=postgres .*DATABASE_URL is not set/,
  );
  assert.throws(
    () => loadConfig({ QUIRE_DATA: '/nonexistent', SEARCH_ENGINE: 'elastic' }),
    /SEARCH_ENGINE must be "memory" \(the default\) or "postgres", not elastic/,
  );
});

it('refuses to search SQLite by PostgreSQL, and holds no works when PostgreSQL searches', async () => {
  const sqlite = await freshStore('sqlite');
  try {
    await assert.rejects(WorkSearch.open(sqlite.store, 'postgres'), /this archive is on SQLite/);
  } finally {
    await sqlite.dispose();
  }
  const postgres = await freshStore('postgres');
  try {
    const search = await WorkSearch.open(postgres.store, 'postgres');
    assert.equal(search.engine, 'postgres');
    assert.equal(search.index.size, 0);
  } finally {
    await postgres.dispose();
  }
});
