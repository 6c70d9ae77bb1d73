import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextIndex, tokenize, type OrdinalList, type WorkText } from '../../src/search/text-index.ts';

const text = (fields: Partial<WorkText>): WorkText => ({
  title: '',
  summary: '',
  notes: '',
  creators: '',
  series: '',
  ...fields,
});

/** Tag lists as the works index keeps them: effective tag id → ordinals; synonyms file under their canonical tag. */
function tags(lists: Record<number, number[]>, canonicalOf: Record<number, number> = {}) {
  return (tagIds: readonly number[]): OrdinalList[] => {
    const canonical = [...new Set(tagIds.map((id) => canonicalOf[id] ?? id))];
    return canonical
      .filter((id) => lists[id])
      .map((id) => ({ items: Int32Array.from(lists[id]), length: lists[id].length }));
  };
}
const noTags = tags({});

function found(index: TextIndex, query: string, tagWorks = noTags): number[] {
  return Array.from(index.match(tokenize(query), false, tagWorks).ords);
}

/** Ordinals best first. */
function ranked(index: TextIndex, query: string, tagWorks = noTags): number[] {
  const hits = index.match(tokenize(query), true, tagWorks);
  return Array.from(hits.ords)
    .map((ord, i) => ({ ord, score: hits.scores![i] }))
    .sort((a, b) => b.score - a.score || a.ord - b.ord)
    .map((h) => h.ord);
}

describe('text index', () => {
  it('splits text into lower-case words of letters and digits in any script, an apostrophe between two words', () => {
    assert.deepEqual(tokenize("Don't STOP: Hurt/Comfort, 1920s café — Москва 東京"), [
      'don',
      't',
      'stop',
      'hurt',
      'comfort',
      '1920s',
      'café',
      'москва',
      '東京',
    ]);
    const index = new TextIndex();
    index.set(0, text({ title: 'Café Lights', summary: '<p>Wasn’t it?</p>' }));
    index.set(1, text({ title: 'Cafe lights' }));
    assert.deepEqual(found(index, 'café'), [0], 'accents are kept: café is not cafe');
    assert.deepEqual(found(index, 'LIGHTS'), [0, 1]);
    assert.deepEqual(found(index, 'wasn t'), [0]);
    assert.deepEqual(found(index, 'p'), [0], 'text is given as plain text; markup is the caller’s to strip');
  });

  it('finds the works that hold every word, in any of their fields', () => {
    const index = new TextIndex();
    index.set(0, text({ title: 'Storm Light', summary: 'a keeper' }));
    index.set(1, text({ title: 'Storm', creators: 'lightfoot' }));
    index.set(2, text({ summary: 'the light of a storm', series: 'Sea Cycle' }));
    index.set(3, text({ notes: 'no weather here' }));
    assert.deepEqual(found(index, 'storm'), [0, 1, 2]);
    assert.deepEqual(found(index, 'storm light'), [0, 2]);
    assert.deepEqual(found(index, 'storm light keeper'), [0]);
    assert.deepEqual(found(index, 'lightfoot'), [1], 'creators are searched');
    assert.deepEqual(found(index, 'cycle'), [2], 'series titles are searched');
    assert.deepEqual(found(index, 'weather'), [3], 'notes are searched');
    assert.deepEqual(found(index, 'storm nothing'), [], 'a word no work has matches nothing');
    assert.deepEqual(found(index, ''), []);
  });

  it('ranks a word in the title above the same word in a creator, a series title, the summary and the notes', () => {
    const index = new TextIndex();
    const filler = 'one two three four five six';
    index.set(0, text({ notes: `lantern ${filler}` }));
    index.set(1, text({ summary: `lantern ${filler}` }));
    index.set(2, text({ title: 'Lantern', summary: filler }));
    index.set(3, text({ series: 'Lantern', summary: filler }));
    index.set(4, text({ creators: 'lantern', summary: filler }));
    assert.deepEqual(ranked(index, 'lantern'), [2, 4, 3, 1, 0]);
  });

  it('ranks more uses and rarer words higher, and a shorter text above a longer one with the same use', () => {
    const index = new TextIndex();
    index.set(0, text({ summary: 'sea sea sea wind' }));
    index.set(1, text({ summary: 'sea wind' }));
    index.set(2, text({ summary: 'sea wind and a great many other words besides these ones' }));
    index.set(3, text({ summary: 'sea gull' }));
    assert.deepEqual(ranked(index, 'sea'), [0, 1, 3, 2]);
    // "gull" is in one work, "wind" in three: the rarer word weighs more.
    index.set(4, text({ summary: 'gull wind' }));
    const order = ranked(index, 'wind gull');
    assert.deepEqual(order, [4]);
    const scores = index.match(['gull'], true, noTags).scores!;
    const windScores = index.match(['wind'], true, noTags).scores!;
    assert.ok(Math.max(...scores) > Math.max(...windScores));
  });

  it('forgets the old words of a work whose text changed, and all words of a removed work', () => {
    const index = new TextIndex();
    index.set(0, text({ title: 'Winter Letters', summary: 'snow' }));
    index.set(1, text({ title: 'Winter Garden' }));
    index.set(0, text({ title: 'Summer Letters', summary: 'sun and snow and sea and salt and sand' }));
    assert.deepEqual(found(index, 'winter'), [1]);
    assert.deepEqual(found(index, 'summer letters'), [0]);
    assert.deepEqual(found(index, 'snow'), [0]);
    assert.equal(index.size, 2);
    index.remove(0);
    assert.deepEqual(found(index, 'letters'), []);
    assert.deepEqual(found(index, 'sand'), []);
    assert.equal(index.size, 1);
    index.set(0, text({ title: 'Back Again' }));
    assert.deepEqual(found(index, 'again'), [0]);
    // Many updates: the pool of term lists is compacted and the answers stay right.
    for (let round = 0; round < 200; round++)
      index.set(round % 3, text({ title: `word${round} shared`, summary: 'x '.repeat(round % 7) }));
    assert.deepEqual(found(index, 'shared'), [0, 1, 2]);
    assert.deepEqual(found(index, 'word199'), [1]);
    assert.deepEqual(found(index, 'word198'), [0]);
    assert.deepEqual(found(index, 'word10'), []);
    index.trim();
    assert.deepEqual(found(index, 'shared word197'), [2]);
  });

  it('finds works by the words of their tags’ names, synonyms’ names finding the canonical tag’s works', () => {
    const index = new TextIndex();
    for (let ord = 0; ord < 5; ord++) index.set(ord, text({ title: `Work ${ord}` }));
    index.setTagName(10, 'Hurt/Comfort');
    index.setTagName(11, 'Hurt and Comfort'); // a synonym of 10
    index.setTagName(12, 'Slow Burn');
    const tagWorks = tags({ 10: [1, 3], 12: [2, 3] }, { 11: 10 });
    assert.deepEqual(found(index, 'comfort', tagWorks), [1, 3]);
    assert.deepEqual(found(index, 'and', tagWorks), [1, 3], 'a word only the synonym’s name has');
    assert.deepEqual(found(index, 'comfort burn', tagWorks), [3]);
    assert.deepEqual(found(index, 'work comfort', tagWorks), [1, 3], 'text words and tag words together');
    index.setTagName(12, 'Slow Simmer');
    assert.deepEqual(found(index, 'burn', tagWorks), [], 'a renamed tag is not found by its old words');
    assert.deepEqual(found(index, 'simmer', tagWorks), [2, 3]);
    // A tag word ranks as one use at the tags' weight, below a title use.
    index.set(5, text({ title: 'Comfort', summary: 'x' }));
    assert.deepEqual(ranked(index, 'comfort', tags({ 10: [1, 3] }, { 11: 10 }))[0], 5);
  });

  it('answers with ordinals ascending and each once, the same with or without ranking', () => {
    const index = new TextIndex();
    for (let ord = 0; ord < 300; ord++)
      index.set(ord, text({ title: ord % 2 ? 'odd storm' : 'even', summary: ord % 3 ? 'calm' : 'storm calm' }));
    index.setTagName(1, 'Storm Chasers');
    const tagWorks = tags({ 1: [299, 4, 10, 3].sort((a, b) => a - b) });
    const plain = found(index, 'storm calm', tagWorks);
    const withRanks = Array.from(index.match(['storm', 'calm'], true, tagWorks).ords);
    assert.deepEqual(plain, withRanks);
    assert.deepEqual(
      plain,
      [...new Set(plain)].sort((a, b) => a - b),
    );
    const expected = Array.from({ length: 300 }, (_, ord) => ord).filter(
      (ord) => ord % 2 === 1 || ord % 3 === 0 || [299, 4, 10, 3].includes(ord),
    );
    assert.deepEqual(plain, expected);
  });
});
