import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

const PARAGRAPHS = [
  'The lighthouse stood at the end of the world, and nobody had climbed it in years.',
  'Mara counted the steps as she went up: one hundred and twelve, each one worn in the middle.',
  'At the top the lamp was cold. She put her hand on the glass and felt the storm coming.',
  'Below, the boat she had come in was already drifting away.',
];
const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('\n');

let addressCounter = 0;
/** An agent from an address of its own, so the per-address limits of one test never touch another. */
function fromOwnAddress(agent: Agent): Agent {
  addressCounter += 1;
  agent.remoteAddress = `10.9.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
  return agent;
}

const chapterIdOf = (page: string) => Number(/data-chapter-id="(\d+)"/.exec(page)![1]);
const commentIdOf = (location: string | undefined) => Number(/#comment-(\d+)$/.exec(location ?? '')![1]);

describeEachDatabase('comments on a passage', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  let blocked: Agent;
  let work: string;
  let chapterId: number;
  let offWork: string;
  let offChapterId: number;
  let registeredWork: string;
  let registeredChapterId: number;

  const anchorOf = (id: number) =>
    t.store.handle.db
      .selectFrom('comments')
      .select(['paragraph', 'passage_text', 'passage_quote', 'chapter_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  const passagePost = (agent: Agent, path: string, chapter: number, fields: Record<string, string>) =>
    agent.submit(`${path}/comments`, { chapterId: String(chapter), ...fields });

  before(async () => {
    t = await testApp(dialect);
    writer = fromOwnAddress(t.agent());
    await writer.signUp('alice');
    reader = fromOwnAddress(t.agent());
    await reader.signUp('bob');
    blocked = fromOwnAddress(t.agent());
    await blocked.signUp('carol');
    await writer.submit('/users/carol/block', {});
    work = await writer.postWork({ title: 'The Lighthouse', body: html(PARAGRAPHS), passageComments: '1' });
    chapterId = chapterIdOf((await writer.get(work)).body);
    offWork = await writer.postWork({ title: 'No Passages', body: html(PARAGRAPHS) });
    offChapterId = chapterIdOf((await writer.get(offWork)).body);
    registeredWork = await writer.postWork({
      title: 'Members Only',
      body: html(PARAGRAPHS),
      passageComments: '1',
      commentPolicy: 'registered',
    });
    registeredChapterId = chapterIdOf((await writer.get(registeredWork)).body);
  });
  after(() => t.dispose());

  it('offers passage comments on a new work by default, and stores the choice', async () => {
    const form = await writer.get('/works/new');
    assert.match(form.body, /name="passageComments" value="1" checked/);
    assert.match(visibleText(form.body), /Let readers comment on a paragraph or sentence/);
    const edit = await writer.get(`${offWork}/edit`);
    assert.doesNotMatch(edit.body, /name="passageComments" value="1" checked/, 'turned off when left unticked');
  });

  it('gives each paragraph a link to comment on it, with an accessible name', async () => {
    const page = await reader.get(work);
    for (let n = 1; n <= PARAGRAPHS.length; n++) {
      assert.match(
        page.body,
        new RegExp(
          `href="${work}/chapters/${chapterId}/comments/new\\?paragraph=${n}" aria-label="Comment on paragraph ${n}"`,
        ),
      );
    }
    assert.match(page.body, /\/static\/passage-comments\.js/);
    // The paragraphs keep their numbers for links and the reading position, and their text is the writer's alone.
    assert.match(page.body, /<p id="p-3">At the top the lamp was cold\./);
    assert.match(
      page.body,
      /felt the storm coming\.<span class="passage-marks"><a class="passage-add" [^>]*><\/a><\/span><\/p>/,
    );
  });

  it('opens a form quoting the paragraph, and posts a passage comment without a quote', async () => {
    const form = await reader.get(`${work}/chapters/${chapterId}/comments/new?paragraph=2`);
    assert.equal(form.status, 200);
    const text = visibleText(form.body);
    assert.match(text, /Comment on paragraph 2/);
    assert.match(text, /Mara counted the steps/);
    assert.match(form.body, /name="paragraph" value="2"/);
    const posted = await passagePost(reader, work, chapterId, { paragraph: '2', body: 'Love the steps.' });
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 300));
    const anchor = await anchorOf(commentIdOf(posted.location));
    assert.equal(anchor.paragraph, 2);
    assert.equal(anchor.passage_text, PARAGRAPHS[1]);
    assert.equal(anchor.passage_quote, null);
    const page = visibleText((await reader.get(work)).body);
    assert.match(page, /Love the steps\..*|On paragraph 2: “?Mara counted/);
    assert.match(page, /On paragraph 2 : Mara counted the steps/);
  });

  it('keeps a quote that is in the paragraph, and shows the count beside it', async () => {
    const quote = 'She put her hand on the glass';
    const form = await reader.get(
      `${work}/chapters/${chapterId}/comments/new?paragraph=3&quote=${encodeURIComponent(quote)}`,
    );
    assert.match(form.body, /<mark>She put her hand on the glass<\/mark>/);
    assert.match(form.body, /name="quote" value="She put her hand on the glass"/);
    const posted = await passagePost(reader, work, chapterId, { paragraph: '3', quote, body: 'Chills.' });
    assert.equal(posted.status, 303);
    const anchor = await anchorOf(commentIdOf(posted.location));
    assert.equal(anchor.paragraph, 3);
    assert.equal(anchor.passage_quote, quote);
    const page = await t.agent().get(work);
    assert.match(page.body, /aria-label="1 comment on paragraph 3" data-count="1"><\/a>/);
    assert.match(visibleText(page.body), /On paragraph 3 : She put her hand on the glass/);
    // The count leads to the threads on that paragraph, and only those.
    const threads = visibleText((await t.agent().get(`${work}/chapters/${chapterId}/comments/new?paragraph=3`)).body);
    assert.match(threads, /Comments on paragraph 3 \(1\)/);
    assert.match(threads, /Chills\./);
    assert.doesNotMatch(threads, /Love the steps/);
  });

  it('never stores a quote that is not in the paragraph', async () => {
    const forged = 'Buy cheap watches at example.com';
    const form = await reader.get(
      `${work}/chapters/${chapterId}/comments/new?paragraph=1&quote=${encodeURIComponent(forged)}`,
    );
    assert.doesNotMatch(form.body, /cheap watches/);
    const posted = await passagePost(reader, work, chapterId, { paragraph: '1', quote: forged, body: 'Hmm.' });
    assert.equal(posted.status, 303);
    const anchor = await anchorOf(commentIdOf(posted.location));
    assert.equal(anchor.paragraph, 1);
    assert.equal(anchor.passage_quote, null);
    // A quote from another paragraph is not this paragraph's either.
    const other = await passagePost(reader, work, chapterId, {
      paragraph: '1',
      quote: 'the lamp was cold',
      body: 'Cross-quoted.',
    });
    assert.equal((await anchorOf(commentIdOf(other.location))).passage_quote, null);
  });

  it('refuses a paragraph the chapter does not have with a clear 404', async () => {
    for (const paragraph of ['9', '0', 'x', '-1']) {
      const form = await reader.get(`${work}/chapters/${chapterId}/comments/new?paragraph=${paragraph}`);
      assert.equal(form.status, 404, paragraph);
      const posted = await passagePost(reader, work, chapterId, { paragraph, body: 'Lost.' });
      assert.equal(posted.status, 404);
      assert.match(visibleText(posted.body), /This chapter has no paragraph/);
    }
  });

  it('refuses passage comments on a work that turned them off, and offers no links there', async () => {
    const page = await reader.get(offWork);
    assert.doesNotMatch(page.body, /Comment on paragraph/);
    assert.doesNotMatch(page.body, /passage-comments\.js/);
    const form = await reader.get(`${offWork}/chapters/${offChapterId}/comments/new?paragraph=1`);
    assert.equal(form.status, 403);
    const posted = await passagePost(reader, offWork, offChapterId, { paragraph: '1', body: 'Here?' });
    assert.equal(posted.status, 403);
    assert.match(visibleText(posted.body), /do not take comments on a passage/);
    // An ordinary comment on the chapter is still welcome.
    const plain = await passagePost(reader, offWork, offChapterId, { body: 'On the whole chapter.' });
    assert.equal(plain.status, 303);
  });

  it('shows existing passage comments with their quote, as chapter comments, once turned off', async () => {
    const target = await writer.postWork({ title: 'Turned Off Later', body: html(PARAGRAPHS), passageComments: '1' });
    const chapter = chapterIdOf((await writer.get(target)).body);
    await passagePost(reader, target, chapter, { paragraph: '4', quote: 'already drifting', body: 'Oh no.' });
    const editForm = await writer.get(`${target}/edit`);
    assert.match(editForm.body, /name="passageComments" value="1" checked/);
    const saved = await writer.submit(target, {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Turned Off Later',
      creatorPseudIds: await writer.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
    });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
    const page = await reader.get(target);
    assert.doesNotMatch(page.body, /Comment on paragraph|comments? on paragraph 4/);
    assert.match(visibleText(page.body), /Oh no\./);
    assert.match(visibleText(page.body), /already drifting/);
  });

  it('gives a guest and a blocked member the same refusals as for ordinary comments', async () => {
    const guest = fromOwnAddress(t.agent());
    const asGuest = { guestName: 'Wanderer', guestEmail: 'wanderer@example.org' };
    const ordinaryGuest = await passagePost(guest, registeredWork, registeredChapterId, { ...asGuest, body: 'Hi.' });
    const passageGuest = await passagePost(guest, registeredWork, registeredChapterId, {
      ...asGuest,
      paragraph: '1',
      body: 'Hi.',
    });
    assert.equal(passageGuest.status, ordinaryGuest.status);
    assert.equal(passageGuest.status, 403);
    assert.match(visibleText(passageGuest.body), /Only registered users can comment/);
    const guestPage = await guest.get(registeredWork);
    assert.doesNotMatch(guestPage.body, /Comment on paragraph/, 'no links for a guest who may not comment');

    const ordinaryBlocked = await passagePost(blocked, work, chapterId, { body: 'Let me in.' });
    const passageBlocked = await passagePost(blocked, work, chapterId, { paragraph: '1', body: 'Let me in.' });
    assert.equal(passageBlocked.status, ordinaryBlocked.status);
    assert.equal(passageBlocked.status, 403);
    assert.match(visibleText(passageBlocked.body), /has blocked you/);
    assert.doesNotMatch((await blocked.get(work)).body, /Comment on paragraph/);
  });

  it('tells the writer in the inbox, with the quoted passage, and the reply is an ordinary reply in the thread', async () => {
    const quote = 'nobody had climbed it in years';
    const posted = await passagePost(reader, work, chapterId, { paragraph: '1', quote, body: 'So lonely.' });
    const id = commentIdOf(posted.location);
    const inbox = visibleText((await writer.get('/inbox')).body);
    assert.match(
      inbox,
      /bob commented on The Lighthouse, chapter 1 \(on the passage “nobody had climbed it in years”\)/,
    );
    assert.match(inbox, /On paragraph 1 : nobody had climbed it in years/);
    const reply = await writer.submit(`${work}/comments`, { parentId: String(id), body: 'It was meant to be.' });
    assert.equal(reply.status, 303);
    const replyAnchor = await anchorOf(commentIdOf(reply.location));
    assert.equal(replyAnchor.passage_text, null, 'a reply is no passage comment of its own');
    const page = await t.agent().get(work);
    // Two comments on it before (see above), this one, and its reply in the thread.
    assert.match(
      page.body,
      /aria-label="4 comments on paragraph 1" data-count="4"><\/a>/,
      'the reply counts in the thread',
    );
    const readerInbox = visibleText((await reader.get('/inbox')).body);
    assert.match(readerInbox, /alice replied to your comment/);
  });

  it('moves passage comments with their paragraphs when the chapter is edited through its form', async () => {
    const target = await writer.postWork({ title: 'Edited Later', body: html(PARAGRAPHS), passageComments: '1' });
    const chapter = chapterIdOf((await writer.get(target)).body);
    const ids: Record<string, number> = {};
    const posts: Record<string, Record<string, string>> = {
      steps: { paragraph: '2', body: 'Steps!' },
      lamp: { paragraph: '3', quote: 'the lamp was cold', body: 'Cold lamp.' },
      boat: { paragraph: '4', body: 'The boat!' },
    };
    for (const [name, fields] of Object.entries(posts))
      ids[name] = commentIdOf((await passagePost(reader, target, chapter, fields)).location);

    const edited = [
      'A new opening line, written later.',
      PARAGRAPHS[0],
      PARAGRAPHS[3],
      PARAGRAPHS[1].replace('worn', 'polished'),
    ];
    const saved = await writer.submit(`${target}/chapters/${chapter}`, { chapterTitle: '', body: html(edited) });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
    assert.equal((await anchorOf(ids.steps)).paragraph, 4, 'a word changed and moved: followed');
    assert.equal((await anchorOf(ids.boat)).paragraph, 3, 'moved up: followed');
    const lamp = await anchorOf(ids.lamp);
    assert.equal(lamp.paragraph, null, 'its passage is gone');
    assert.equal(lamp.chapter_id, chapter, 'it stays on the chapter');
    assert.equal(lamp.passage_quote, 'the lamp was cold');

    const page = await reader.get(target);
    const text = visibleText(page.body);
    assert.match(text, /Quoting a passage no longer in the chapter: the lamp was cold/);
    assert.match(
      text,
      /On paragraph 4 : Mara counted the steps as she went up: one hundred and twelve, each one polished/,
    );
    assert.match(page.body, /aria-label="1 comment on paragraph 3" data-count="1">/);
    assert.match(page.body, /aria-label="1 comment on paragraph 4" data-count="1">/);
    assert.doesNotMatch(page.body, /comment on paragraph 2"/);
  });

  it('names the chapter in each paragraph link where the whole work is on one page', async () => {
    const target = await writer.postWork({
      title: 'Two Chapters',
      body: html(PARAGRAPHS),
      passageComments: '1',
      expectedChapters: '2',
    });
    const added = await writer.submit(`${target}/chapters`, { chapterTitle: 'Second', body: html(PARAGRAPHS) });
    assert.equal(added.status, 303, visibleText(added.body).slice(0, 300));
    const second = Number(/\/chapters\/(\d+)/.exec(added.location!)![1]);
    await passagePost(reader, target, second, { paragraph: '2', body: 'In chapter two.' });
    const page = await reader.get(`${target}?view_full_work=true`);
    assert.match(page.body, /<p id="chapter-2-p-2">Mara counted/);
    assert.match(page.body, /aria-label="Comment on paragraph 2 of chapter 1"/);
    assert.match(
      page.body,
      new RegExp(
        `href="${target}/chapters/${second}/comments/new\\?paragraph=2#comments" aria-label="1 comment on paragraph 2 of chapter 2"`,
      ),
    );
    assert.doesNotMatch(page.body, /comment on paragraph 2 of chapter 1"/);
  });
});
