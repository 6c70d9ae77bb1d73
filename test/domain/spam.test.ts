import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  SPAM_THRESHOLD,
  countLinks,
  isNewAccount,
  spamPhrases,
  spamScore,
  type SpamSignals,
} from '../../src/domain/spam.ts';
import { readFormTime, signFormTime } from '../../src/app/form-time.ts';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const SECRET = 'the-archive-secret';

/** An ordinary comment: no links, no phrases, sent a minute after the form was shown. */
function signals(overrides: Partial<SpamSignals> = {}): SpamSignals {
  return {
    text: 'I loved the way the second chapter ended, the storm scene was wonderful.',
    sameTextElsewhere: false,
    recentFromAddress: 0,
    honeypot: '',
    formTime: { kind: 'shown', at: NOW - 60_000 },
    now: NOW,
    ...overrides,
  };
}

describe('spamScore', () => {
  it('gives an ordinary comment nothing', () => {
    assert.deepEqual(spamScore(signals()), { score: 0, reasons: [], held: false });
  });

  it('counts links of every kind, once each, up to a cap', () => {
    assert.equal(countLinks('see https://a.example/x and http://b.example'), 2);
    assert.equal(countLinks('go to www.example.com now'), 1);
    assert.equal(countLinks('<a href="https://a.example/">here</a>'), 1);
    assert.equal(countLinks('awww. that was sweet. www. nothing'), 0);
    const three = spamScore(signals({ text: 'https://a.example https://b.example www.c.example' }));
    assert.equal(three.score, 3);
    assert.deepEqual(three.reasons, ['3 links']);
    assert.equal(three.held, false, 'links alone do not hold a comment');
    assert.equal(spamScore(signals({ text: 'http://x.example '.repeat(20) })).score, 4);
    assert.deepEqual(spamScore(signals({ text: 'one https://a.example' })).reasons, ['1 link']);
  });

  it('finds known phrases as whole words in any case', () => {
    assert.deepEqual(spamPhrases('BUY   NOW at our Casino'), ['buy now', 'casino']);
    assert.deepEqual(spamPhrases('The cheapest trick, a loaner car, cryptography'), []);
    const one = spamScore(signals({ text: 'Cheap tickets!' }));
    assert.equal(one.score, 2);
    assert.deepEqual(one.reasons, ['known spam phrase: cheap']);
    assert.equal(spamScore(signals({ text: 'casino viagra loan crypto' })).score, 4, 'capped');
  });

  it('scores the same text posted on another work, unless the text is short', () => {
    const long = spamScore(signals({ sameTextElsewhere: true }));
    assert.equal(long.score, 3);
    assert.deepEqual(long.reasons, ['the same text was posted on another work in the last day']);
    assert.equal(spamScore(signals({ text: 'Loved it!', sameTextElsewhere: true })).score, 0);
  });

  it('scores fast posting from one address past an allowance', () => {
    assert.equal(spamScore(signals({ recentFromAddress: 2 })).score, 0);
    assert.equal(spamScore(signals({ recentFromAddress: 3 })).score, 1);
    const many = spamScore(signals({ recentFromAddress: 12 }));
    assert.equal(many.score, 3);
    assert.deepEqual(many.reasons, ['12 other comments from the same address in the last 10 minutes']);
  });

  it('holds a comment whose honeypot was filled in, on that alone', () => {
    const trapped = spamScore(signals({ honeypot: 'https://spam.example' }));
    assert.deepEqual(trapped.reasons, ['a field hidden from people was filled in']);
    assert.equal(trapped.held, true);
    assert.equal(spamScore(signals({ honeypot: '   ' })).score, 0);
  });

  it('scores a form sent within 3 seconds of being shown', () => {
    const fast = spamScore(signals({ formTime: { kind: 'shown', at: NOW - 2_000 } }));
    assert.equal(fast.score, 3);
    assert.deepEqual(fast.reasons, ['sent 2 seconds after the page was shown']);
    assert.equal(spamScore(signals({ formTime: { kind: 'shown', at: NOW - 3_000 } })).score, 0);
    assert.equal(spamScore(signals({ formTime: { kind: 'shown', at: NOW + 5_000 } })).score, 3, 'from the future');
  });

  it('scores a missing, forged or very old form time a little, never enough to hold alone', () => {
    for (const formTime of [
      { kind: 'missing' },
      { kind: 'bad' },
      { kind: 'shown', at: NOW - 8 * 24 * 60 * 60_000 },
    ] as const) {
      const score = spamScore(signals({ formTime }));
      assert.equal(score.score, 1, formTime.kind);
      assert.equal(score.held, false);
    }
  });

  it('holds at the threshold, not below it', () => {
    // 3 links and a known phrase: 3 + 2.
    const held = spamScore(signals({ text: 'Click here: https://a.example https://b.example https://c.example' }));
    assert.equal(held.score, SPAM_THRESHOLD);
    assert.equal(held.held, true);
    assert.deepEqual(held.reasons, ['3 links', 'known spam phrase: click here']);
    // 2 links and a phrase: 2 + 2; sent from a page without the form's time, 1 more.
    const below = spamScore(signals({ text: 'cheap https://a.example https://b.example' }));
    assert.equal(below.score, SPAM_THRESHOLD - 1);
    assert.equal(below.held, false);
    const text = 'cheap https://a.example https://b.example';
    assert.equal(spamScore(signals({ text, formTime: { kind: 'missing' } })).held, true);
  });
});

describe('the form time field', () => {
  it('reads back what was signed with the same secret, and nothing else', () => {
    const at = NOW - 10_000;
    const value = signFormTime(SECRET, at);
    assert.deepEqual(readFormTime(SECRET, value), { kind: 'shown', at });
    assert.deepEqual(readFormTime('another-secret', value), { kind: 'bad' });
    const forged = value.replace(/^\d+/, String(NOW));
    assert.deepEqual(readFormTime(SECRET, forged), { kind: 'bad' });
    assert.deepEqual(readFormTime(SECRET, 'nonsense'), { kind: 'bad' });
    assert.deepEqual(readFormTime(SECRET, ''), { kind: 'missing' });
    assert.deepEqual(readFormTime(SECRET, undefined), { kind: 'missing' });
  });
});

describe('isNewAccount', () => {
  it('is true for 7 days after sign-up', () => {
    assert.equal(isNewAccount(new Date(NOW - 6 * 24 * 60 * 60_000).toISOString(), NOW), true);
    assert.equal(isNewAccount(new Date(NOW - 8 * 24 * 60 * 60_000).toISOString(), NOW), false);
  });
});
