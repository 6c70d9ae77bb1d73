import { it } from 'node:test';
import assert from 'node:assert/strict';
import { parseCount, parseSearchQuery } from '../../src/domain/search-query.ts';
import { parseWorkFilters, readWorkFilterForm, withTag } from '../../src/domain/work-filters.ts';

it('splits a query into words, all of which must match, and quoted phrases', () => {
  const q = parseSearchQuery('Slow burn "found family" Draco\'s');
  assert.deepEqual(q.terms, ['slow', 'burn', 'draco', 's']);
  assert.deepEqual(q.phrases, ['found family']);
  assert.deepEqual(q.errors, []);
});

it("reads field ranges in AO3's forms, with or without spaces and thousands separators", () => {
  assert.deepEqual(parseSearchQuery('words>10000').ranges, { words: { min: 10001 } });
  assert.deepEqual(parseSearchQuery('words > 10,000 kudos>=100').ranges, {
    words: { min: 10001 },
    kudos: { min: 100 },
  });
  assert.deepEqual(parseSearchQuery('hits<500').ranges, { hits: { max: 499 } });
  assert.deepEqual(parseSearchQuery('words:1000-5000').ranges, { words: { min: 1000, max: 5000 } });
  assert.deepEqual(parseSearchQuery('word_count:>2k').ranges, { words: { min: 2001 } });
  assert.deepEqual(parseSearchQuery('chapters:1').ranges, { chapters: { min: 1, max: 1 } });
  assert.deepEqual(parseSearchQuery('bookmarks>5 comments<=3').ranges, { bookmarks: { min: 6 }, comments: { max: 3 } });
  assert.deepEqual(parseSearchQuery('words>1000 words<2000').ranges, { words: { min: 1001, max: 1999 } });
});

it('reads complete:yes and complete:no, and leaves other words with colons as text', () => {
  assert.equal(parseSearchQuery('complete:yes').complete, true);
  assert.equal(parseSearchQuery('complete:no angst').complete, false);
  assert.deepEqual(parseSearchQuery('complete:no angst').terms, ['angst']);
  assert.deepEqual(parseSearchQuery('Re:Zero').terms, ['re', 'zero']);
});

it('explains what it could not read instead of ignoring it', () => {
  assert.match(parseSearchQuery('words>lots').errors[0], /needs a number after words/);
  assert.match(parseSearchQuery('complete:maybe').errors[0], /complete:yes or complete:no/);
});

it('keeps quotes that do not close, and words in any script', () => {
  assert.deepEqual(parseSearchQuery('"found family').phrases, ['found family']);
  assert.deepEqual(parseSearchQuery('ハリー Über').terms, ['ハリー', 'über']);
  assert.deepEqual(parseSearchQuery('   ').terms, []);
});

it('reads counts with separators and k', () => {
  assert.equal(parseCount('10,000'), 10000);
  assert.equal(parseCount('1.5k'), 1500);
  assert.equal(parseCount('12'), 12);
  assert.equal(parseCount('-3'), undefined);
  assert.equal(parseCount('abc'), undefined);
});

it('reads the filter form, keeping what was typed and naming each bad field', () => {
  const form = readWorkFilterForm({
    words_from: 'many',
    updated_from: '2024-02-30',
    sort: 'random',
    include_fandom: ['A', 'B, C'],
    page: '0',
  });
  const { errors, filters } = parseWorkFilters(form);
  assert.deepEqual(Object.keys(errors).sort(), ['page', 'sort', 'updatedFrom', 'wordsFrom']);
  assert.equal(form.wordsFrom, 'many');
  assert.deepEqual(
    filters.include.map((t) => t.name),
    ['A', 'B', 'C'],
  );
});

it('sorts by best match when there is text, else by date updated', () => {
  assert.equal(parseWorkFilters(readWorkFilterForm({ q: 'storm' })).filters.sort, 'best');
  assert.equal(parseWorkFilters(readWorkFilterForm({ q: 'words>5' })).filters.sort, 'updated');
  assert.equal(parseWorkFilters(readWorkFilterForm({ q: 'storm', sort: 'kudos' })).filters.sort, 'kudos');
});

it('builds include and exclude links that keep the other filters and start again at page 1', () => {
  const form = readWorkFilterForm({ include_fandom: 'Sherlock (TV)', complete: 'yes', page: '3' });
  const link = new URLSearchParams(withTag(form, 'exclude', 'freeform', 'Angst'));
  assert.equal(link.get('include_fandom'), 'Sherlock (TV)');
  assert.equal(link.get('exclude_freeform'), 'Angst');
  assert.equal(link.get('complete'), 'yes');
  assert.equal(link.get('page'), null);
});
