import { it } from 'node:test';
import assert from 'node:assert/strict';
import { GuestPages, pageBytes } from '../../src/web/guest-pages.ts';
import { EVERY_WORK } from '../../src/domain/ids.ts';
import { loadConfig } from '../../src/config.ts';

const work = (id: number) => ({ id, createdAt: '2026-01-01T00:00:00.000Z' });
const text = (entry: Parameters<typeof pageBytes>[0] | undefined) =>
  entry ? pageBytes(entry, () => 'TOKEN').toString() : undefined;

it('keeps a page until its work changes, it grows too old, or room is needed', () => {
  const pages = new GuestPages({ maxBytes: 1000, maxAgeMs: 30_000 });
  pages.set('/works/1', { body: 'one', kind: 'work', work: work(1), contentVersion: 0, at: 0 });
  pages.set('/works/2', { body: 'two', kind: 'work', work: work(2), contentVersion: 0, at: 0 });
  assert.equal(text(pages.get('/works/1', 5, 1000)), 'one', 'a work page does not depend on the listing version');
  pages.forgetWorks([1]);
  assert.equal(pages.get('/works/1', 5, 1000), undefined, 'dropped when its work changed');
  assert.equal(text(pages.get('/works/2', 5, 29_999)), 'two');
  assert.equal(pages.get('/works/2', 5, 30_000), undefined, 'dropped when too old');
});

it('drops a listing when the works it lists changed, and the least recently used page first when full', () => {
  const pages = new GuestPages({ maxBytes: 800, maxAgeMs: 30_000 });
  pages.set('/works', { body: 'x'.repeat(40), kind: 'listing', work: undefined, contentVersion: 7, at: 0 });
  assert.ok(pages.get('/works', 7, 10));
  assert.equal(pages.get('/works', 8, 10), undefined);
  for (const n of [1, 2, 3, 4, 5, 6, 7, 8])
    pages.set(`/p${n}`, { body: 'y'.repeat(90), kind: 'listing', work: undefined, contentVersion: 1, at: 0 });
  pages.get('/p1', 1, 10);
  pages.set('/p9', { body: 'z'.repeat(90), kind: 'listing', work: undefined, contentVersion: 1, at: 0 });
  assert.ok(pages.get('/p1', 1, 10), 'used recently, so kept');
  assert.equal(pages.get('/p2', 1, 10), undefined, 'the least recently used went');
  assert.equal(pages.size, 8);
});

it('keeps nothing when its size is 0, and no page larger than an eighth of it', () => {
  const off = new GuestPages({ maxBytes: 0, maxAgeMs: 30_000 });
  assert.equal(off.enabled, false);
  const small = new GuestPages({ maxBytes: 800, maxAgeMs: 30_000 });
  small.set('/big', { body: 'b'.repeat(101), kind: 'listing', work: undefined, contentVersion: 0, at: 0 });
  assert.equal(small.get('/big', 0, 1), undefined);
});

it("puts each reader's own token where the kept page had one", () => {
  const pages = new GuestPages({ maxBytes: 10_000, maxAgeMs: 30_000 });
  pages.set('/f', {
    body: 'a\u0000quire-csrf\u0000b\u0000quire-csrf\u0000c',
    kind: 'listing',
    work: undefined,
    contentVersion: 0,
    at: 0,
  });
  const entry = pages.get('/f', 0, 1)!;
  assert.equal(pageBytes(entry, () => 'T1').toString(), 'aT1bT1c');
  assert.equal(pageBytes(entry, () => 'T2').toString(), 'aT2bT2c');
});

it('keeps work pages longer than listings, and drops every page for EVERY_WORK', () => {
  const pages = new GuestPages({ maxBytes: 10_000, maxAgeMs: 600_000, listingMaxAgeMs: 30_000 });
  pages.set('/works/1', { body: 'one', kind: 'work', work: work(1), contentVersion: 0, at: 0 });
  pages.set('/works', { body: 'all', kind: 'listing', work: undefined, contentVersion: 0, at: 0 });
  assert.equal(pages.get('/works', 0, 30_000), undefined, 'a listing for 30 s: its counts are not followed');
  assert.equal(text(pages.get('/works/1', 0, 599_999)), 'one', 'a work page for 10 minutes');
  pages.set('/works/2', { body: 'two', kind: 'work', work: work(2), contentVersion: 0, at: 0 });
  pages.forgetWorks([EVERY_WORK]);
  assert.equal(pages.size, 0);
  assert.equal(pages.get('/works/2', 0, 1), undefined);
});

it('by default keeps a work page 10 minutes and a listing 30 seconds', () => {
  const { guestPages } = loadConfig({ QUIRE_DATA: '/nonexistent' }, { demo: false });
  assert.equal(guestPages.maxAgeMs, 600_000);
  assert.equal(guestPages.listingMaxAgeMs, 30_000);
});
