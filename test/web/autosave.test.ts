import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { formBody, testApp, visibleText, type Agent, type FormFields, type TestApp } from '../support/http.ts';

const RESTORED = /We restored the text you had not posted yet \(saved \d\d:\d\d UTC on \d+ \w+ \d{4} ?\)\./;

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s/>])`).exec(tag);
  return match ? decode(match[1] ?? '') : undefined;
}

/**
 * What the page's posting or chapter form would send if the writer pressed its button now:
 * text fields, ticked boxes and chosen options, in the form's order (no CSRF token).
 */
function formState(html: string): [string, string][] {
  const form = /<form[^>]*class="work-form"[\s\S]*?<\/form>/.exec(html)?.[0];
  assert.ok(form, 'the page has a posting form');
  const fields: [string, string][] = [];
  // Attribute values may hold a raw ">"; a tag ends at the first ">" outside quotes.
  const tag = (name: string) => `<${name}\\b((?:[^>"]|"[^"]*")*)>`;
  const fieldPattern = new RegExp(
    `${tag('input')}|${tag('textarea')}([\\s\\S]*?)<\\/textarea>|${tag('select')}([\\s\\S]*?)<\\/select>`,
    'g',
  );
  for (const match of form.matchAll(fieldPattern)) {
    const [element, , textareaAttributes, text, selectAttributes, options] = match;
    if (textareaAttributes !== undefined) {
      fields.push([attribute(textareaAttributes + ' ', 'name')!, decode(text)]);
    } else if (selectAttributes !== undefined) {
      const all = [...options.matchAll(new RegExp(tag('option'), 'g'))].map((o) => o[0]);
      const chosen = all.find((o) => attribute(o, 'selected') !== undefined) ?? all[0];
      fields.push([attribute(selectAttributes + ' ', 'name')!, attribute(chosen, 'value') ?? '']);
    } else {
      const name = attribute(element, 'name');
      const type = attribute(element, 'type') ?? 'text';
      // The CSRF token and the spam check's time and honeypot belong to the page, not to what was typed.
      if (!name || ['_csrf', 'shownAt', 'website'].includes(name)) continue;
      if ((type === 'checkbox' || type === 'radio') && attribute(element, 'checked') === undefined) continue;
      fields.push([name, attribute(element, 'value') ?? (type === 'checkbox' ? 'on' : '')]);
    }
  }
  return fields;
}

/** The same fields as a plain object (lists for repeated names), to compare with what was typed. */
function asFields(pairs: [string, string][]): FormFields {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const had = fields[name];
    fields[name] = had === undefined ? value : [had, value].flat();
  }
  return fields;
}

/** A long work text, with paragraphs, markup, quotes and characters outside ASCII. */
const LONG_TEXT = Array.from(
  { length: 400 },
  (_, i) => `Paragraph ${i + 1}: the tide came in “slowly” & <em>then</em> all at once — ship’s bell, 灯台, 🌊.`,
).join('\n\n');

function typedWork(pseudId: string): FormFields {
  return {
    rating: 'Mature',
    warnings: ['Graphic Depictions Of Violence', 'Major Character Death'],
    categories: ['F/F', 'Gen'],
    fandoms: 'Harbour Lights (TV)',
    relationships: 'Maren Holt/Ilse Brandt',
    characters: 'Maren Holt, Ilse Brandt',
    freeforms: 'Angst, "Quoted" & <Bracketed>',
    title: 'Storm Season',
    creatorPseudIds: pseudId,
    summary: 'The storm took the pier.\n\nThey rebuilt it.',
    notes: 'For the winter exchange.',
    endNotes: 'Thank you!',
    disclaimer: 'Not mine.',
    coCreators: '',
    gifts: 'Grandma Rose',
    betas: 'Tam the Beta',
    // One related work, then the two blank rows the form always offers.
    relatedRelation: ['translation-of', 'inspired-by', 'inspired-by'],
    relatedTarget: ['https://example.org/storm', '', ''],
    relatedTitle: ['La Tempête', '', ''],
    seriesId: '',
    newSeriesTitle: 'The Harbour Cycle',
    collections: '',
    language: 'fr',
    expectedChapters: '3',
    // "complete" is left unticked.
    publishAt: '',
    visibility: 'registered',
    commentPolicy: 'registered',
    moderated: '1',
    chapterTitle: 'Landfall',
    body: LONG_TEXT,
  };
}

describeEachDatabase('autosave and forms kept across an expired session', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let pseudId: string;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('tide_writer');
    pseudId = await writer.defaultPseudId();
  });
  afterEach(() => t.dispose());

  /** What autosave.js sends: the form's fields, URL-encoded, with the page's CSRF token in a header. */
  async function autosave(agent: Agent, formKey: string, fields: FormFields, { csrfHeader = true } = {}) {
    if (!agent.csrfToken) await agent.get('/');
    const cookie = ['_csrf', 'quire_session']
      .filter((name) => agent.cookie(name))
      .map((name) => `${name}=${agent.cookie(name)}`)
      .join('; ');
    const response = await t.app.inject({
      method: 'POST',
      url: `/autosave?form=${encodeURIComponent(formKey)}`,
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        ...(csrfHeader ? { 'csrf-token': agent.csrfToken! } : {}),
      },
      payload: formBody(fields),
    });
    return { status: response.statusCode, body: response.body };
  }

  /** Ends the writer's session on the server, as expiry does, while the browser still has the form open. */
  async function endSession(agent: Agent) {
    await t.store.sessions.end(agent.cookie('quire_session')!);
  }

  it('takes the form’s fields from the logged-in writer and shows them again, with a notice, on the form page', async () => {
    await writer.get('/works/new');
    const typed = typedWork(pseudId);
    const saved = await autosave(writer, '/works/new', { _csrf: writer.csrfToken!, ...typed });
    assert.equal(saved.status, 204);

    const page = await writer.get('/works/new');
    assert.equal(page.status, 200);
    assert.match(visibleText(page.body), RESTORED);
    assert.deepEqual(asFields(formState(page.body)), typed, 'every field as typed, the CSRF token left out');
    assert.match(page.body, /data-autosave="\/works\/new"/);
    const savedAt = /data-autosave-saved-at="([^"]+)"/.exec(page.body)?.[1];
    assert.ok(savedAt && !Number.isNaN(Date.parse(savedAt)), 'the page tells the script when the archive saved it');

    const stranger = t.agent();
    await stranger.signUp('other_writer');
    const theirs = await stranger.get('/works/new');
    assert.doesNotMatch(visibleText(theirs.body), /We restored/, 'autosaves are the writer’s own');
    assert.doesNotMatch(theirs.body, /Storm Season/);
  });

  it('answers the script with 401 when logged out, 400 for other addresses or bad fields, and needs the CSRF token', async () => {
    await writer.get('/works/new');
    assert.equal((await autosave(writer, '/works/new', { title: 'No token' }, { csrfHeader: false })).status, 403);
    assert.equal((await autosave(writer, '/account', { title: 'Elsewhere' })).status, 400);
    assert.equal((await autosave(writer, '/works/new/../../account', { title: 'Elsewhere' })).status, 400);
    assert.equal((await autosave(writer, '/works/999/edit', { title: 'Not a work of mine' })).status, 404);
    const tooLong = await autosave(writer, '/works/new', { body: 'x'.repeat(2_600_000) });
    assert.equal(tooLong.status, 400);
    assert.match(JSON.parse(tooLong.body).message, /longer than the archive can keep/);

    const guest = t.agent();
    await guest.get('/');
    const loggedOut = await autosave(guest, '/works/new', { title: 'Guest' });
    assert.equal(loggedOut.status, 401);
    assert.match(JSON.parse(loggedOut.body).message, /logged out/);
    assert.doesNotMatch(visibleText((await writer.get('/works/new')).body), /We restored/, 'nothing refused was kept');
  });

  it('discards the restored text when asked, and forgets it once the form is posted', async () => {
    await writer.get('/works/new');
    await autosave(writer, '/works/new', { title: 'Thrown away', body: 'Gone.' });
    const discard = await writer.submit('/autosave/discard', { form: '/works/new' });
    assert.equal(discard.status, 303);
    assert.equal(discard.location, '/works/new');
    const fresh = await writer.get('/works/new');
    assert.match(visibleText(fresh.body), /The text you had not posted was discarded\./);
    assert.doesNotMatch(visibleText(fresh.body), /We restored/);
    assert.doesNotMatch(fresh.body, /Thrown away/);
    assert.equal((await writer.submit('/autosave/discard', { form: '//evil.example/' })).status, 400);

    await autosave(writer, '/works/new', typedWork(pseudId));
    const posted = await writer.submit('/works', typedWork(pseudId));
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 300));
    assert.equal(
      decodeURIComponent(writer.cookie('quire_posted') ?? ''),
      '/works/new',
      'the script learns the form was posted',
    );
    const again = await writer.get('/works/new');
    assert.doesNotMatch(visibleText(again.body), /We restored/);
    assert.doesNotMatch(again.body, /Storm Season/);
  });

  it('keeps a form that failed validation, and restores an edit only when it is newer than the saved work', async () => {
    const rejected = await writer.submit('/works', { ...typedWork(pseudId), title: '' });
    assert.equal(rejected.status, 422);
    const back = await writer.get('/works/new');
    assert.match(visibleText(back.body), RESTORED);
    assert.deepEqual(asFields(formState(back.body)), { ...typedWork(pseudId), title: '' });

    const work = await writer.postWork({ title: 'First Title', summary: 'As posted.' });
    const editKey = `${work}/edit`;
    assert.equal((await autosave(writer, editKey, { ...typedWork(pseudId), title: 'Half-edited Title' })).status, 204);
    const edit = await writer.get(editKey);
    assert.match(visibleText(edit.body), RESTORED);
    assert.equal(asFields(formState(edit.body)).title, 'Half-edited Title');

    // The work is saved again elsewhere (another device) after the autosave: the saved work wins.
    const id = Number(work.split('/').pop());
    const later = new Date(Date.now() + 60_000).toISOString();
    await t.store.handle.db.updateTable('works').set({ updated_at: later }).where('id', '=', id).execute();
    const overtaken = await writer.get(editKey);
    assert.doesNotMatch(visibleText(overtaken.body), /We restored/);
    assert.equal(asFields(formState(overtaken.body)).title, 'First Title');
    assert.match(
      overtaken.body,
      new RegExp(`data-autosave-saved-at="${later}"`),
      'the saved work is the archive’s newest copy',
    );

    const stranger = t.agent();
    await stranger.signUp('not_a_creator');
    await stranger.get('/works/new');
    assert.equal((await autosave(stranger, editKey, { title: 'Not mine' })).status, 404);
  });

  it('keeps a form sent after the session ended, and after logging in lands on it with every field as typed, ready to post', async () => {
    await writer.get('/works/new');
    await endSession(writer);
    const typed = typedWork(pseudId);
    const sent = await writer.submit('/works', typed);
    assert.equal(sent.status, 303);
    assert.equal(sent.location, '/login?return_to=%2Fworks%2Fnew');
    assert.ok(writer.cookie('quire_pending'), 'the browser holds the kept form’s token');
    assert.doesNotMatch(writer.cookie('quire_pending')!, /^[A-Za-z0-9_-]{43}$/, 'the token cookie is signed');

    const login = await writer.get(sent.location!);
    assert.match(visibleText(login.body), /What you typed is safe: log in again and you will be back at the form/);
    const loggedIn = await writer.submit('/login', {
      identifier: 'tide_writer',
      password: 'correct horse battery',
      return_to: '/works/new',
    });
    assert.equal(loggedIn.status, 303);
    assert.equal(loggedIn.location, '/works/new');
    assert.equal(writer.cookie('quire_pending'), undefined, 'the token is spent');

    const form = await writer.get('/works/new');
    assert.match(visibleText(form.body), RESTORED);
    const shown = formState(form.body);
    assert.deepEqual(
      asFields(shown),
      typed,
      'every field as typed, ticked boxes, unticked boxes and the long text included',
    );

    const posted = await writer.submit('/works', asFields(shown));
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 300));
    const work = visibleText((await writer.get(posted.location!)).body);
    for (const seen of [
      'Storm Season',
      'Rating: Mature',
      'Major Character Death',
      'Categories: F/F Gen',
      'Language: Français',
      'Chapters: 1/3',
      'Paragraph 1: the tide came in “slowly” & then all at once',
      'Paragraph 400:',
      'Part 1 of The Harbour Cycle',
    ]) {
      assert.ok(work.includes(seen), `missing “${seen}” in the posted work`);
    }
    assert.doesNotMatch(visibleText((await writer.get('/works/new')).body), /We restored/);
  });

  it('hands a kept form only to whoever logs in in that browser, once', async () => {
    await writer.get('/works/new');
    await endSession(writer);
    await writer.submit('/works', typedWork(pseudId));

    const otherBrowser = t.agent();
    const elsewhere = await otherBrowser.submit('/login', {
      identifier: 'tide_writer',
      password: 'correct horse battery',
    });
    assert.equal(elsewhere.location, '/');
    assert.doesNotMatch(visibleText((await otherBrowser.get('/works/new')).body), /We restored/);

    await writer.submit('/login', { identifier: 'tide_writer', password: 'correct horse battery' });
    assert.match(visibleText((await writer.get('/works/new')).body), RESTORED);
    await writer.submit('/autosave/discard', { form: '/works/new' });
    await writer.submit('/logout', {});
    const second = await writer.submit('/login', { identifier: 'tide_writer', password: 'correct horse battery' });
    assert.equal(second.location, '/');
    assert.doesNotMatch(visibleText((await writer.get('/works/new')).body), /We restored/);
  });

  it('still needs the CSRF token to keep a form sent while logged out', async () => {
    await writer.get('/works/new');
    await endSession(writer);
    const forged = await writer.request('POST', '/works', typedWork(pseudId));
    assert.equal(forged.status, 403);
    assert.equal(writer.cookie('quire_pending'), undefined);
    const rows = await t.store.handle.db.selectFrom('pending_forms').selectAll().execute();
    assert.equal(rows.length, 0);
  });

  it('keeps chapter forms across an expired session too, and an edit shows the kept text instead of the saved chapter', async () => {
    const work = await writer.postWork({ title: 'Three Winters', expectedChapters: '?', complete: '' });
    const firstChapter = /href="(\/works\/\d+\/chapters\/\d+)"/.exec((await writer.get(`${work}/navigate`)).body)![1];

    const newChapter = await writer.get(`${work}/chapters/new`);
    assert.match(newChapter.body, new RegExp(`data-autosave="${work}/chapters/new"`));
    assert.match(newChapter.body, /<script type="module" src="\/static\/autosave.js">/);

    await writer.get(`${firstChapter}/edit`);
    await endSession(writer);
    const chapter = {
      chapterTitle: 'Thaw, revised',
      chapterSummary: 'Spring.',
      chapterNotes: '',
      body: 'The ice broke in the night.\n\nNobody slept.',
      chapterEndNotes: 'More soon.',
    };
    const sent = await writer.submit(firstChapter, chapter);
    assert.equal(sent.location, `/login?return_to=${encodeURIComponent(`${firstChapter}/edit`)}`);
    const loggedIn = await writer.submit('/login', { identifier: 'tide_writer', password: 'correct horse battery' });
    assert.equal(loggedIn.location, `${firstChapter}/edit`);

    const form = await writer.get(loggedIn.location!);
    assert.match(visibleText(form.body), RESTORED);
    assert.deepEqual(asFields(formState(form.body)), chapter);
    const saved = await writer.submit(firstChapter, asFields(formState(form.body)));
    assert.equal(saved.status, 303);
    const edited = await writer.get(`${firstChapter}/edit`);
    assert.doesNotMatch(visibleText(edited.body), /We restored/);
    assert.match(edited.body, /value="Thaw, revised"/);
  });
});
