import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countWords, countWordsInHtml, countWordsStepwise } from '../../src/domain/wordcount.ts';

describe('word count', () => {
  it('counts words as a reader would', () => {
    assert.equal(countWords('The rain had not stopped in three days.'), 8);
    assert.equal(countWords("She didn't look back — not once."), 6);
    assert.equal(countWords('A well-known sea-captain, aged 42.'), 5);
    assert.equal(countWords('   \n\t '), 0);
    assert.equal(countWords('Ça va? Très bien, merci.'), 5);
    assert.equal(countWords('Он сказал: «Привет».'), 3);
  });

  it('counts every Chinese, Japanese and Thai character, like AO3', () => {
    assert.equal(countWords('我爱你'), 3);
    assert.equal(countWords('こんにちは世界'), 7);
    assert.equal(countWords('สวัสดี'), 6);
    assert.equal(countWords('Hello 世界 friend'), 4);
  });

  it('reads through HTML tags and entities', () => {
    assert.equal(countWordsInHtml('<p>One <em>two</em></p><p>three&nbsp;four &amp; five</p>'), 5);
    assert.equal(countWordsInHtml('<p>a</p><p>b</p>'), 2, 'paragraphs separate words');
    assert.equal(countWordsInHtml('&#27700;&#x6C34;'), 2);
  });

  it('counts a "word" of millions of characters (pasted noise) as one, without failing', () => {
    assert.equal(countWords(`Before ${'a'.repeat(5_000_000)} after`), 3);
    assert.equal(countWords('ab-'.repeat(2_000_000)), 1);
  });

  it('counts the same one character at a time as the regular expression does', () => {
    for (const text of [
      "Hello, world! It's well-known: e.g. the ‘end’.",
      'a--b a- -b .a a. a.b.c',
      'Hello 世界 friend 日-本 a-日 x’y',
      'café naïve résumé Ägypten Привет-мир',
      'e\u0301t\u00e9 9-5 3.14 😀 a😀b',
    ])
      assert.equal(countWordsStepwise(text), countWords(text), text);
  });
});
