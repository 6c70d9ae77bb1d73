import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  joinNames,
  kudosLine,
  kudosLineText,
  kudosRefusal,
  kudosSummary,
  oldestKeptHitDay,
  utcDay,
} from '../../src/domain/kudos.ts';
import type { ReadableWork } from '../../src/domain/works.ts';

const published: ReadableWork = {
  visibility: 'public',
  publishedAt: '2024-01-01T00:00:00.000Z',
  creatorUserIds: [1],
  invitedUserIds: [3],
};

describe('kudos rules', () => {
  it('lets readers of a published work leave kudos, but not its creators', () => {
    assert.equal(kudosRefusal(published, null), null);
    assert.equal(kudosRefusal(published, { id: 2 }), null);
    assert.equal(kudosRefusal(published, { id: 1 }), 'own-work');
  });

  it('refuses works the reader may not read, and drafts an invited co-creator may only look at', () => {
    assert.equal(kudosRefusal({ ...published, visibility: 'registered' }, null), 'unreadable');
    assert.equal(kudosRefusal({ ...published, visibility: 'registered' }, { id: 2 }), null);
    assert.equal(kudosRefusal({ ...published, visibility: 'draft' }, { id: 2 }), 'unreadable');
    assert.equal(kudosRefusal({ ...published, visibility: 'draft' }, { id: 3 }), 'unpublished');
    assert.equal(kudosRefusal({ ...published, publishedAt: '2999-01-01T00:00:00.000Z' }, null), 'unreadable');
  });

  it('reads the kudos line as English', () => {
    assert.equal(kudosLineText(kudosLine([], 0, 0)), '');
    assert.equal(kudosLineText(kudosLine(['alice'], 1, 0)), 'alice');
    assert.equal(kudosLineText(kudosLine([], 0, 1)), '1 guest');
    assert.equal(kudosLineText(kudosLine(['alice'], 1, 1)), 'alice and 1 guest');
    assert.equal(kudosLineText(kudosLine(['alice', 'bob'], 2, 3)), 'alice, bob, and 3 guests');
    assert.equal(joinNames(['a', 'b', 'c']), 'a, b, and c');
  });

  it('shortens a long list of members with a count', () => {
    const logins = Array.from({ length: 60 }, (_, i) => `reader${i}`);
    const parts = kudosLine(logins, 1234, 2, 50);
    assert.equal(parts.filter((p) => 'member' in p).length, 50);
    assert.match(kudosLineText(parts), /reader49, 1,184 more members, and 2 guests$/);
  });

  it('sums up a day of kudos for the creators', () => {
    assert.equal(kudosSummary(['alice'], 2, 'Long Haul'), 'alice and 2 guests left kudos on Long Haul');
    assert.equal(kudosSummary([], 1, 'Long Haul'), '1 guest left kudos on Long Haul');
    assert.equal(
      kudosSummary(['a', 'b', 'c', 'd', 'e', 'f', 'g'], 0, 'T'),
      'a, b, c, d, e, and 2 more members left kudos on T',
    );
  });

  it('counts days in UTC and keeps yesterday’s hits for the day boundary', () => {
    assert.equal(utcDay(new Date('2025-03-01T23:59:59.999-05:00')), '2025-03-02');
    assert.equal(oldestKeptHitDay('2025-03-01'), '2025-02-28');
    assert.equal(oldestKeptHitDay('2024-01-01'), '2023-12-31');
  });
});
