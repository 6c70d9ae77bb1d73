import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeUserAgent, dueForLastSeen, storedUserAgent, USER_AGENT_MAX } from '../../src/domain/devices.ts';

describe('naming the device a session is used from', () => {
  it('names the browser and the system as members know them', () => {
    const cases: [string, string][] = [
      ['Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0', 'Firefox on Android'],
      [
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
        'Chrome on Windows',
      ],
      [
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
        'Safari on iPhone',
      ],
      [
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
        'Safari on macOS',
      ],
      ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox on Linux'],
    ];
    for (const [userAgent, named] of cases) assert.equal(describeUserAgent(userAgent), named, userAgent);
  });

  it('says "Unknown device" when there is nothing to go on', () => {
    assert.equal(describeUserAgent(null), 'Unknown device');
    assert.equal(describeUserAgent('lightMyRequest'), 'Unknown device');
  });

  it('keeps a user agent trimmed, without control characters, and cut to its limit', () => {
    assert.equal(storedUserAgent('  Firefox\u0000 \n'), 'Firefox');
    assert.equal(storedUserAgent(''), null);
    assert.equal(storedUserAgent(undefined), null);
    assert.equal(storedUserAgent('x'.repeat(2_000))?.length, USER_AGENT_MAX);
  });

  it('moves "last seen" forward at most every five minutes', () => {
    const at = Date.parse('2026-12-04T12:00:00Z');
    assert.equal(dueForLastSeen(null, at), true);
    assert.equal(dueForLastSeen('2026-12-04T11:58:00Z', at), false);
    assert.equal(dueForLastSeen('2026-12-04T11:55:00Z', at), true);
  });
});
