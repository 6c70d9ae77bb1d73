import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeopleList, parseRelatedTarget, personLabel, validateRelated } from '../../src/domain/work-links.ts';

describe('people named on a work', () => {
  it('reads "Pen name (username)" as one pen name of one account, and anything else as a bare name', () => {
    assert.deepEqual(parsePeopleList('Sol in Winter (marisol_writes), bob,  Grandma   Rose , BOB'), [
      { name: 'Sol in Winter', login: 'marisol_writes' },
      { name: 'bob' },
      { name: 'Grandma Rose' },
    ]);
    assert.deepEqual(parsePeopleList('Someone (not a login!)'), [{ name: 'Someone (not a login!)' }]);
  });

  it('writes a pen name back so that it names the same pen name again', () => {
    assert.equal(personLabel('bob', 'Bob'), 'Bob');
    assert.equal(personLabel('Sol in Winter', 'marisol_writes'), 'Sol in Winter (marisol_writes)');
    assert.deepEqual(parsePeopleList(personLabel('Sol in Winter', 'marisol_writes')), [
      { name: 'Sol in Winter', login: 'marisol_writes' },
    ]);
  });
});

describe('related works', () => {
  it('understands a work here by number, path or link to this archive, and other pages by their address', () => {
    assert.deepEqual(parseRelatedTarget('12', 'archive.example'), { workId: 12 });
    assert.deepEqual(parseRelatedTarget(' /works/12/chapters/3 ', 'archive.example'), { workId: 12 });
    assert.deepEqual(parseRelatedTarget('https://archive.example/works/12?view_full_work=true', 'archive.example'), {
      workId: 12,
    });
    assert.deepEqual(parseRelatedTarget('https://archiveofourown.org/works/12', 'archive.example'), {
      url: 'https://archiveofourown.org/works/12',
    });
  });

  it('refuses addresses that are not web pages', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.org/a',
      'not a link',
      '/users/bob',
    ]) {
      assert.equal(parseRelatedTarget(bad, 'archive.example'), undefined, bad);
    }
  });

  it('skips empty rows and names the row of each problem', () => {
    const { related, errors } = validateRelated(
      [
        { relation: 'sequel-of', target: '/works/4', title: '' },
        { relation: 'inspired-by', target: 'javascript:alert(1)', title: 'x' },
        { relation: 'translation-of', target: 'https://example.org/story', title: '  The   Story ' },
        { relation: 'made-up', target: '/works/5', title: '' },
        { relation: 'inspired-by', target: '', title: '' },
      ],
      'archive.example',
    );
    assert.deepEqual(related, [
      { relation: 'sequel-of', target: { workId: 4 }, title: '', row: 0 },
      { relation: 'translation-of', target: { url: 'https://example.org/story' }, title: 'The Story', row: 2 },
    ]);
    assert.deepEqual(Object.keys(errors).sort(), ['related-1', 'related-3']);
  });
});
