import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';
import { postWork } from '../support/works.ts';
import { matchesBookmark, readBookmarkFilter } from '../../src/domain/bookmark-filters.ts';

describeEachDatabase('filtering a member’s bookmarks', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('narrows by words, tag, recommendation and notes, keeps the filter across pages, and counts only what matches', async () => {
    const reader = t.agent();
    await reader.signUp('shelf_keeper');
    const writer = (await t.store.users.findByLogin('shelf_keeper'))!;
    const [pseud] = await t.store.pseuds.listForUser(writer.id);
    const author = t.agent();
    await author.signUp('many_works');
    const authorId = (await t.store.users.findByLogin('many_works'))!.id;
    const [authorPseud] = await t.store.pseuds.listForUser(authorId);

    const save = async (workId: number, fields: { notes?: string; tags?: string[]; rec?: boolean }) =>
      t.store.bookmarks.save(
        writer.id,
        { kind: 'work', id: workId },
        {
          notes: fields.notes ?? '',
          tags: fields.tags ?? [],
          private: false,
          rec: fields.rec ?? false,
          pseudId: pseud.id,
        },
      );
    const lighthouse = await postWork(t.store, [authorPseud.id], { title: 'The Lighthouse', fandoms: 'Coastal Tales' });
    await save(lighthouse, { notes: '<p>Made me cry on the train.</p>', rec: true });
    const bakery = await postWork(t.store, [authorPseud.id], { title: 'The Night Bakery', fandoms: 'Town Stories' });
    await save(bakery, { tags: ['comfort read'] });
    // Enough comfort reads for a second page.
    for (let i = 1; i <= 22; i++) {
      const id = await postWork(t.store, [authorPseud.id], { title: `Comfort Story ${i}`, fandoms: 'Town Stories' });
      await save(id, { tags: ['comfort read'] });
    }

    const all = visibleText((await t.agent().get('/users/shelf_keeper/bookmarks')).body);
    assert.match(all, /of 24 bookmarks/);

    const recs = visibleText((await t.agent().get('/users/shelf_keeper/bookmarks?recs=1')).body);
    assert.match(recs, /1 bookmark matching the filter \(of 24\)/);
    assert.match(recs, /The Lighthouse/);
    assert.doesNotMatch(recs, /Night Bakery/);

    const words = visibleText((await t.agent().get('/users/shelf_keeper/bookmarks?q=train+cry')).body);
    assert.match(words, /The Lighthouse/);
    const byFandom = visibleText((await t.agent().get('/users/shelf_keeper/bookmarks?tag=coastal+tales')).body);
    assert.match(byFandom, /1 bookmark matching/);
    const withNotes = visibleText((await t.agent().get('/users/shelf_keeper/bookmarks?notes=1')).body);
    assert.match(withNotes, /1 bookmark matching/);

    const comfort = await t.agent().get('/users/shelf_keeper/bookmarks?tag=comfort+read');
    assert.match(visibleText(comfort.body), /1–20 of 23 bookmarks matching the filter \(of 24\)/);
    assert.match(comfort.body, /href="\/users\/shelf_keeper\/bookmarks\?tag=comfort\+read&amp;page=2"/);
    const second = visibleText((await t.agent().get('/users/shelf_keeper/bookmarks?tag=comfort+read&page=2')).body);
    assert.match(second, /21–23 of 23/);
    assert.doesNotMatch(second, /The Lighthouse/);

    const none = visibleText((await t.agent().get('/users/shelf_keeper/bookmarks?q=dragons')).body);
    assert.match(none, /No bookmarks match the filter\. Show all bookmarks/);
  });
});

describe('the bookmark filter', () => {
  const bookmark = {
    kind: 'work' as const,
    title: 'The Lighthouse',
    notes: 'Made me cry.',
    rec: false,
    bookmarkTags: ['Comfort Read'],
    workTags: ['Coastal Tales'],
    creators: ['Marisol'],
  };
  const filter = (query: Record<string, string>) => readBookmarkFilter((name) => query[name] ?? '');

  it('matches every word and a whole tag, case- and width-blind, and ignores what it does not know', () => {
    assert.equal(matchesBookmark(filter({ q: 'LIGHTHOUSE marisol' }), bookmark), true);
    assert.equal(matchesBookmark(filter({ q: 'lighthouse dragons' }), bookmark), false);
    assert.equal(matchesBookmark(filter({ tag: 'comfort read' }), bookmark), true);
    assert.equal(matchesBookmark(filter({ tag: 'comfort' }), bookmark), false);
    assert.equal(matchesBookmark(filter({ recs: '1' }), bookmark), false);
    assert.equal(matchesBookmark(filter({ kind: 'series' }), bookmark), false);
    assert.equal(matchesBookmark(filter({ kind: 'spaceships' }), bookmark), true);
  });
});
