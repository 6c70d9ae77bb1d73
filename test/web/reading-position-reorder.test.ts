import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

/**
 * A reader's place in a work (the chapter last opened, and the furthest one, which the writer's
 * "Readers reaching each chapter" counts) keeps meaning the same chapter when the creator
 * reorders the chapters or deletes one.
 */
describeEachDatabase('reading positions when chapters are reordered or deleted', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  let second: Agent;

  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('tide_writer');
    reader = t.agent();
    await reader.signUp('tide_reader');
    second = t.agent();
    await second.signUp('tide_second');
  });
  afterEach(() => t.dispose());

  const idOf = (path: string) => path.split('/').pop()!;

  /** A posted work of chapters titled by `titles`; returns its address and its chapters' addresses, in order. */
  async function postWork(title: string, titles: string[]): Promise<{ work: string; chapters: string[] }> {
    const work = await writer.postWork({ title, body: `${titles[0]} begins here.`, expectedChapters: '' });
    for (const chapterTitle of titles.slice(1)) {
      const added = await writer.submit(`${work}/chapters`, { chapterTitle, body: `${chapterTitle} begins here.` });
      assert.equal(added.status, 303);
    }
    const index = (await writer.get(`${work}/navigate`)).body;
    const chapters = [...index.matchAll(/href="(\/works\/\d+\/chapters\/\d+)"/g)].map((m) => m[1]!);
    assert.equal(chapters.length, titles.length);
    return { work, chapters };
  }

  /** The writer's "Readers reaching each chapter" table, as text. */
  async function reach(work: string): Promise<string> {
    const page = await writer.get(`/users/tide_writer/stats?work=${idOf(work)}`);
    assert.equal(page.status, 200);
    return visibleText(/<caption id="chart-reach-caption">[\s\S]*?<\/table>/.exec(page.body)![0]);
  }

  it('keeps pointing a reader at the chapter they reached after the chapters are reordered', async () => {
    const { work, chapters } = await postWork('Drift', ['Anchor', 'Buoy', 'Current', 'Delta']);
    const [a, b, c, d] = chapters;
    await reader.get(a);
    await reader.get(b); // the reader got to Buoy, chapter 2
    await second.get(a);

    // Buoy and Current change places: Buoy is chapter 3 now.
    const order = await writer.submit(`${work}/chapters/order`, {
      [`position-${idOf(a)}`]: '1',
      [`position-${idOf(c)}`]: '2',
      [`position-${idOf(b)}`]: '3',
      [`position-${idOf(d)}`]: '4',
    });
    assert.equal(order.status, 303);

    const page = await reader.get(work);
    assert.ok(page.body.includes(`href="${b}"`), 'the work page links to Buoy');
    assert.match(visibleText(page.body), /Continue reading chapter 3/);
    assert.match(visibleText((await reader.get('/')).body), /Drift by tide_writer \(Read to chapter 3 of 4\)/);
    // The furthest chapter the reader reached is Buoy, now chapter 3; Current (now 2) is on the way there.
    assert.match(await reach(work), /Chapter 1 2 100% Chapter 2 1 50% Chapter 3 1 50% Chapter 4 0 0%/);
  });

  it('leaves a reader whose chapter is deleted at the chapter before it, still partway through', async () => {
    const { work, chapters } = await postWork('Ebb', ['Anchor', 'Buoy', 'Current', 'Delta']);
    const [a, b, c, d] = chapters;
    for (const chapter of [a, b, c]) await reader.get(chapter); // stopped at Current, chapter 3
    for (const chapter of [a, b, c, d]) await second.get(chapter); // read all four
    assert.match(visibleText((await reader.get(work)).body), /Continue reading chapter 3/);

    assert.equal((await writer.submit(`${c}/delete`, {})).status, 303);

    const page = await reader.get(work);
    assert.ok(page.body.includes(`href="${b}"`), 'the work page links to Buoy, the chapter before the deleted one');
    assert.match(visibleText(page.body), /Continue reading chapter 2/);
    const home = visibleText((await reader.get('/')).body);
    assert.match(home, /Continue reading .*Ebb by tide_writer \(Read to chapter 2 of 3\)/, 'still partway, not read');
    // Delta (now chapter 3) was reached by the second reader only: the first never opened it.
    assert.match(await reach(work), /Chapter 1 2 100% Chapter 2 2 100% Chapter 3 1 50%/);
  });

  it('does not count a reader of a deleted first chapter as having read the chapter that is first now', async () => {
    const { work, chapters } = await postWork('Spring', ['Anchor', 'Buoy', 'Current']);
    const [a, b] = chapters;
    await reader.get(a); // read Anchor only
    for (const chapter of [a, b]) await second.get(chapter);
    const pair = await postWork('Shoal', ['Anchor', 'Buoy']);
    await reader.get(pair.chapters[0]);

    assert.equal((await writer.submit(`${a}/delete`, {})).status, 303);
    assert.equal((await writer.submit(`${pair.chapters[0]}/delete`, {})).status, 303);

    // Buoy is chapter 1 now: only the second reader ever opened it.
    assert.match(await reach(work), /Chapter 1 1 100% Chapter 2 0 0%/);
    // The reader has read none of the chapters there now: told the work changed, sent to its start.
    const home = visibleText((await reader.get('/')).body);
    assert.match(home, /Spring by tide_writer \(Updated since you read it\) Continue reading chapter 1/);
    assert.match(home, /Shoal by tide_writer \(Updated since you read it\) Continue reading/, 'not “Read”');
    const history = visibleText((await reader.get('/users/tide_reader/readings')).body);
    assert.doesNotMatch(history, /Read to chapter|\( ?chapter 1 ?\)/, 'no chapter claimed as read or visited');
    assert.match(history, /Spring by tide_writer .*Updated since you read it/);
    // The second reader had read Buoy: still partway, at chapter 1.
    assert.match(visibleText((await second.get('/')).body), /Spring by tide_writer \(Read to chapter 1 of 2\)/);
    // Opening the work now shows its first chapter: that counts.
    await reader.get(work);
    assert.match(await reach(work), /Chapter 1 2 100% Chapter 2 0 0%/);
    assert.match(visibleText((await reader.get('/')).body), /Spring by tide_writer \(Read to chapter 1 of 2\)/);
  });

  it('counts a reader who had read further no lower when the first chapter moves behind others', async () => {
    const { work, chapters } = await postWork('Swell', ['Anchor', 'Buoy', 'Current', 'Delta']);
    const [a, b, c, d] = chapters;
    await reader.get(a); // Anchor only
    for (const chapter of [a, b]) await second.get(chapter); // Anchor and Buoy

    // Anchor becomes chapter 3: Buoy, Current, Anchor, Delta.
    const order = await writer.submit(`${work}/chapters/order`, {
      [`position-${idOf(b)}`]: '1',
      [`position-${idOf(c)}`]: '2',
      [`position-${idOf(a)}`]: '3',
      [`position-${idOf(d)}`]: '4',
    });
    assert.equal(order.status, 303);

    // Both opened Anchor, now chapter 3: the second, who read more, is not counted as stopping at chapter 1.
    assert.match(await reach(work), /Chapter 1 2 100% Chapter 2 2 100% Chapter 3 2 100% Chapter 4 0 0%/);
    assert.match(visibleText((await reader.get('/')).body), /Swell by tide_writer \(Read to chapter 3 of 4\)/);
  });

  it('counts readers by the chapters posted now when a draft sits between posted chapters', async () => {
    const { work, chapters } = await postWork('Slack', ['Anchor', 'Current', 'Delta']);
    const [a, c, d] = chapters;
    const added = await writer.submit(`${work}/chapters`, { chapterTitle: 'Buoy', body: 'Not yet.', action: 'draft' });
    assert.equal(added.status, 303);
    const draft = added.headers.location as string;
    const order = await writer.submit(`${work}/chapters/order`, {
      [`position-${idOf(a)}`]: '1',
      [`position-${idOf(draft)}`]: '2',
      [`position-${idOf(c)}`]: '3',
      [`position-${idOf(d)}`]: '4',
    });
    assert.equal(order.status, 303);
    for (const chapter of [a, c]) await reader.get(chapter);
    await second.get(a);

    // Chapters 1, 3 and 4 are posted: the draft is not in the table, and Delta is.
    const table = await reach(work);
    assert.match(table, /Chapter 1 2 100% Chapter 3 1 50% Chapter 4 0 0%/);
    assert.doesNotMatch(table, /Chapter 2/);
  });

  it('keeps a reader whose chapter a moderator hides partway, and leaves hidden chapters out of the figures', async () => {
    const { work, chapters } = await postWork('Squall', ['Anchor', 'Buoy', 'Current', 'Delta']);
    const [a, b, c] = chapters;
    for (const chapter of [a, b]) await reader.get(chapter); // stopped at Buoy
    for (const chapter of [a, b, c]) await second.get(chapter);
    const hide = (chapter: string) =>
      t.store.works.setChapterHiddenByModerators(Number(idOf(work)), Number(idOf(chapter)), { reason: 'Reported.' });
    await hide(b);

    // Three chapters are shown now; the reader read the first of them.
    const home = visibleText((await reader.get('/')).body);
    assert.match(home, /Continue reading .*Squall by tide_writer \(Read to chapter 1 of 3\)/, 'not “Read”');
    const history = await reader.get('/users/tide_reader/readings');
    assert.ok(!history.body.includes(`href="${b}"`), 'no link to the hidden chapter');
    assert.match(visibleText(history.body), /Squall by tide_writer .*Read to chapter 1 of 3/);
    assert.match(await reach(work), /Of chapter 1 Chapter 1 2 100% Chapter 3 1 50% Chapter 4 0 0%/);
    // With Anchor hidden too, the figures begin at Current.
    await hide(a);
    assert.match(await reach(work), /Of chapter 3 Chapter 3 1 100% Chapter 4 0 0%/);
  });

  it('does not leave a reader on a draft chapter when the chapter they were reading is deleted', async () => {
    const { work, chapters } = await postWork('Neap', ['Anchor', 'Current', 'Delta']);
    const [a, c, d] = chapters;
    // A draft between two posted chapters: Anchor, Buoy (draft), Current, Delta.
    const added = await writer.submit(`${work}/chapters`, { chapterTitle: 'Buoy', body: 'Not yet.', action: 'draft' });
    assert.equal(added.status, 303);
    const draft = added.headers.location as string;
    const order = await writer.submit(`${work}/chapters/order`, {
      [`position-${idOf(a)}`]: '1',
      [`position-${idOf(draft)}`]: '2',
      [`position-${idOf(c)}`]: '3',
      [`position-${idOf(d)}`]: '4',
    });
    assert.equal(order.status, 303);
    for (const chapter of [a, c]) await reader.get(chapter); // stopped at Current

    assert.equal((await writer.submit(`${c}/delete`, {})).status, 303);

    const page = await reader.get(work);
    assert.ok(page.body.includes(`href="${a}"`), 'the work page links to Anchor, the last chapter the reader can open');
    assert.ok(!page.body.includes(`href="${draft}"`), 'not to the draft');
    assert.match(
      visibleText((await reader.get('/')).body),
      /Continue reading .*Neap by tide_writer \(Read to chapter 1 of 2\)/,
      'still partway, at Anchor',
    );
  });
});
