import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

/** Sends the confirmation page's form: the work ids in order, as repeated hidden fields. */
function postMerge(agent: Agent, workIds: string[], csrf: string | null = agent.csrfToken ?? null) {
  return agent.request('POST', '/works/merge', { ...(csrf === null ? {} : { _csrf: csrf }), works: workIds });
}

const idOf = (path: string) => path.split('/').pop()!;

describeEachDatabase('merging works over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('tide_writer');
  });
  afterEach(() => t.dispose());

  it('chooses, checks and merges two works, landing on the merged work', async () => {
    const opener = idOf(await writer.postWork({ title: 'Low Tide', body: 'The ferry came in at dusk.' }));
    const sequel = idOf(
      await writer.postWork({
        title: 'High Water',
        summary: 'Spring came late.',
        freeforms: 'Sequel',
        body: 'Spring came late to the harbour.',
      }),
    );

    const workPage = await writer.get(`/works/${opener}`);
    assert.match(
      workPage.body,
      new RegExp(`href="/works/merge\\?works=${opener}"`),
      'the work page offers to merge it',
    );
    assert.match((await writer.get('/users/tide_writer')).body, /href="\/works\/merge"/, 'so does the user page');

    const form = await writer.get(`/works/merge?works=${opener}`);
    assert.equal(form.status, 200);
    assert.match(form.body, new RegExp(`name="works" value="${opener}" checked`));
    assert.match(form.body, new RegExp(`name="works" value="${sequel}"(?! checked)`));
    assert.match(form.body, new RegExp(`name="order-${opener}" value="1"`));

    const confirm = await writer.get(
      `/works/merge/confirm?works=${opener}&works=${sequel}&order-${opener}=1&order-${sequel}=2`,
    );
    assert.equal(confirm.status, 200);
    const text = visibleText(confirm.body);
    assert.match(text, /Merge 2 works into “Low Tide”\?/);
    assert.match(text, /Chapter 1 from “Low Tide”.*Chapter 2: High Water from “High Water”/);
    assert.match(text, /Additional Tags: Sequel/);
    assert.match(text, new RegExp(`/works/${sequel} \\(“High Water”\\) will lead to the merged work`));
    assert.match(
      confirm.body,
      new RegExp(
        `<input type="hidden" name="works" value="${opener}"/><input type="hidden" name="works" value="${sequel}"/>`,
      ),
    );

    const merged = await postMerge(writer, [opener, sequel]);
    assert.equal(merged.status, 303);
    assert.equal(merged.location, `/works/${opener}`);
    const page = visibleText((await writer.get(`/works/${opener}`)).body);
    assert.match(page, /Merged 2 works into “Low Tide”, which now has 2 chapters\. Their old addresses lead here\./);
    assert.match(page, /Chapters: 2\/2/);
    assert.match(page, /Chapter 1 .*The ferry came in at dusk\./);
    assert.match(page, /Chapter 1.*Next chapter/);
  });

  it('answers the old addresses with 301 to the same page of the merged work, keeping the query; the bare address opens its chapter', async () => {
    const opener = idOf(await writer.postWork({ title: 'Low Tide' }));
    const sequel = idOf(await writer.postWork({ title: 'High Water' }));
    const sequelChapter = (await t.store.works.find(Number(sequel)))!.chapters[0].id;
    await writer.get('/works/merge');
    assert.equal((await postMerge(writer, [opener, sequel])).status, 303);

    const guest = t.agent();
    const cases: [string, string][] = [
      [`/works/${sequel}`, `/works/${opener}/chapters/${sequelChapter}`],
      [`/works/${sequel}?view_full_work=true`, `/works/${opener}?view_full_work=true`],
      [
        `/works/${sequel}/chapters/${sequelChapter}?view_adult=true`,
        `/works/${opener}/chapters/${sequelChapter}?view_adult=true`,
      ],
      [`/works/${sequel}/navigate`, `/works/${opener}/navigate`],
    ];
    for (const [from, to] of cases) {
      const response = await guest.get(from);
      assert.equal(response.status, 301, from);
      assert.equal(response.location, to);
    }
    const chapter = await guest.get(`/works/${opener}/chapters/${sequelChapter}`);
    assert.equal(chapter.status, 200);
    assert.match(visibleText(chapter.body), /Chapter 2: High Water/);
    assert.equal((await guest.get(`/works/${opener}`)).status, 200, 'the remaining work is not redirected');
    assert.equal(
      (await guest.get('/works/999999')).status,
      404,
      'an address that never held a work is still not found',
    );
  });

  it("refuses someone else's work and a hidden one in the same words, and changes nothing", async () => {
    const mine = idOf(await writer.postWork({ title: 'Mine' }));
    const alsoMine = idOf(await writer.postWork({ title: 'Also Mine' }));
    const other = t.agent();
    await other.signUp('other_writer');
    const theirs = idOf(await other.postWork({ title: 'Theirs' }));
    const hidden = idOf(await other.postWork({ title: 'Their Draft', visibility: 'draft' }));

    const messages: string[] = [];
    for (const foreign of [theirs, hidden, '999999']) {
      const confirm = await writer.get(`/works/merge/confirm?works=${mine}&works=${foreign}`);
      assert.equal(confirm.status, 422);
      const text = visibleText(confirm.body);
      assert.doesNotMatch(text, /Theirs|Their Draft/);
      messages.push(/There is a problem .* Check the merge/.exec(text)?.[0] ?? text);
      const merge = await postMerge(writer, [mine, foreign]);
      assert.equal(merge.status, 422);
      assert.match(visibleText(merge.body), /Choose your own works/);
    }
    assert.match(messages[0], /Choose your own works/);
    assert.equal(new Set(messages).size, 1, 'a hidden or missing work is refused exactly like a visible one');
    assert.match(
      confirmChecked((await writer.get(`/works/merge/confirm?works=${mine}&works=${theirs}`)).body, mine),
      /checked/,
      'the choice is shown as made',
    );

    for (const id of [mine, alsoMine]) assert.equal((await t.store.works.find(Number(id)))!.chapters.length, 1);
    assert.equal((await t.store.works.find(Number(theirs)))!.title, 'Theirs');
    assert.equal((await other.get(`/works/${theirs}`)).status, 200);
  });

  it('re-renders the form with the choices as made when fewer than two works or the same number twice are chosen', async () => {
    const a = idOf(await writer.postWork({ title: 'Alpha' }));
    const b = idOf(await writer.postWork({ title: 'Beta' }));
    const one = await writer.get(`/works/merge/confirm?works=${a}&order-${a}=1&order-${b}=7`);
    assert.equal(one.status, 422);
    assert.match(visibleText(one.body), /There is a problem Choose at least two works to merge\./);
    assert.match(one.body, new RegExp(`name="works" value="${a}" checked`));
    assert.match(one.body, new RegExp(`name="order-${b}" value="7"`));

    const twice = await writer.get(`/works/merge/confirm?works=${a}&works=${b}&order-${a}=1&order-${b}=1`);
    assert.equal(twice.status, 422);
    assert.match(visibleText(twice.body), /Give every chosen work a different order number\./);

    assert.equal((await postMerge(writer, [a])).status, 422);
    assert.equal((await postMerge(writer, [a, 'x'])).status, 422);
  });

  it("keeps the merged-away work's disclaimer beside the remaining one's, on the check page and the work", async () => {
    const opener = idOf(await writer.postWork({ title: 'Low Tide', disclaimer: 'The harbour belongs to nobody.' }));
    const sequel = idOf(
      await writer.postWork({ title: 'High Water', disclaimer: 'The characters belong to their author.' }),
    );
    const confirm = visibleText((await writer.get(`/works/merge/confirm?works=${opener}&works=${sequel}`)).body);
    assert.match(confirm, /Disclaimer: The harbour belongs to nobody\. The characters belong to their author\./);

    assert.equal((await postMerge(writer, [opener, sequel])).status, 303);
    const page = visibleText((await t.agent().get(`/works/${opener}`)).body);
    assert.match(page, /Disclaimer The harbour belongs to nobody\. The characters belong to their author\./);
    const txt = (await t.agent().get(`/downloads/${opener}/low-tide.txt`)).body;
    assert.match(
      txt,
      /Disclaimer:\n\n {2}The harbour belongs to nobody\.\n\n {2}The characters belong to their author\./,
    );
  });

  it('needs a session and the CSRF token to merge', async () => {
    const a = idOf(await writer.postWork({ title: 'Alpha' }));
    const b = idOf(await writer.postWork({ title: 'Beta' }));
    const guest = t.agent();
    const login = await guest.get('/works/merge');
    assert.equal(login.status, 303);
    assert.match(login.location!, /^\/login\?return_to=%2Fworks%2Fmerge/);

    assert.equal((await postMerge(writer, [a, b], null)).status, 403);
    assert.equal((await postMerge(writer, [a, b], 'x'.repeat(52))).status, 403);
    assert.equal((await writer.get(`/works/${b}`)).status, 200, 'nothing was merged');
  });
});

/** The checkbox of one work on a re-rendered merge form. */
function confirmChecked(body: string, workId: string): string {
  return new RegExp(`<input type="checkbox"[^>]*value="${workId}"[^>]*>`).exec(body)?.[0] ?? '';
}
