import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validateSavedSearch } from '../../src/domain/saved-searches.ts';

describe('saved search rules', () => {
  it('takes the query as copied from the address bar, with or without /works?', () => {
    assert.deepEqual(
      validateSavedSearch(
        { name: '  Long   fluff ', query: 'https://archive.example/works?tag=Fluff&words_from=10000#top' },
        0,
      ),
      { name: 'Long fluff', query: 'tag=Fluff&words_from=10000' },
    );
    assert.deepEqual(validateSavedSearch({ name: 'x', query: '?q=%22slow+burn%22' }, 0), {
      name: 'x',
      query: 'q=%22slow+burn%22',
    });
  });
  it('refuses a blank name, an empty or overlong query, and more than a hundred searches', () => {
    assert.throws(() => validateSavedSearch({ name: ' ', query: 'q=x' }, 0), /Give the search a name/);
    assert.throws(() => validateSavedSearch({ name: 'x', query: '/works?' }, 0), /no search to save/);
    assert.throws(
      () => validateSavedSearch({ name: 'x', query: `q=${'a'.repeat(2001)}` }, 0),
      /The search is 2,003 characters; the limit is 2,000\./,
    );
    assert.throws(() => validateSavedSearch({ name: 'x', query: 'q=x' }, 100), /at most 100 saved searches/);
  });
});
