import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

const MEME = '/collections/kink_meme';

describeEachDatabase('prompt memes', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let prompter: Agent;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    owner = t.agent();
    prompter = t.agent();
    writer = t.agent();
    await owner.signUp('meme_owner');
    await prompter.signUp('meme_prompter');
    await writer.signUp('meme_writer');
  });
  afterEach(() => t.dispose());

  const text = async (agent: Agent, path: string) => visibleText((await agent.get(path)).body);

  /** The collection, made a prompt meme by its owner; the prompter joins it. */
  async function meme(collection: Record<string, string> = {}, settings: Record<string, string | string[]> = {}) {
    const created = await owner.submit('/collections', {
      name: 'kink_meme',
      title: 'Comment Fic Meme',
      open: '1',
      ...collection,
    });
    assert.equal(created.status, 303, visibleText(created.body).slice(0, 300));
    const saved = await owner.submit(`${MEME}/prompt-meme`, {
      open: '1',
      anonymousAllowed: '1',
      tagKinds: ['fandom', 'relationship', 'character', 'freeform'],
      ...settings,
    });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
    assert.equal((await prompter.submit(`${MEME}/participants/join`, {})).status, 303);
  }

  async function postPrompt(agent: Agent, fields: Record<string, string> = {}): Promise<string> {
    const posted = await agent.submit(`${MEME}/prompts`, {
      title: 'Lighthouse keepers',
      description: 'Two lighthouse keepers, one storm.',
      fandoms: 'Original Work',
      ...fields,
    });
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 400));
    return posted.location!;
  }

  it('lets owners make a collection a prompt meme, keeping typed settings when they are wrong', async () => {
    await owner.submit('/collections', { name: 'kink_meme', title: 'Comment Fic Meme', open: '1' });
    assert.match(await text(owner, MEME), /Make this collection a prompt meme/);
    assert.doesNotMatch(await text(t.agent(), MEME), /prompt meme/);
    assert.equal((await t.agent().get(`${MEME}/prompts`)).status, 404, 'not a prompt meme yet');

    const bad = await owner.submit(`${MEME}/prompt-meme`, {
      open: '1',
      maxPrompts: 'lots',
      closesAt: '2027-13-45',
      tagKinds: 'freeform',
      fandomRequired: '1',
    });
    assert.equal(bad.status, 422);
    const shown = visibleText(bad.body);
    assert.match(shown, /Prompts per member: write a whole number/);
    assert.match(shown, /Prompting closes: write the date/);
    assert.match(shown, /A fandom can be required only when prompts may have fandom tags/);
    assert.match(bad.body, /value="lots"/);
    assert.match(bad.body, /value="2027-13-45"/);

    assert.equal((await prompter.get(`${MEME}/prompt-meme`)).status, 403);
    assert.equal((await prompter.submit(`${MEME}/prompt-meme`, { open: '1' })).status, 403);

    const saved = await owner.submit(`${MEME}/prompt-meme`, { open: '1', maxPrompts: '1', tagKinds: 'fandom' });
    assert.equal(saved.status, 303);
    const list = await text(t.agent(), `${MEME}/prompts`);
    assert.match(list, /Each member may post up to 1 prompt\./);
    assert.match(list, /Prompters are named\./);
    assert.match(await text(t.agent(), MEME), /This collection is a prompt meme/);
  });

  it('takes prompts from members only, keeping what was typed when a prompt is refused', async () => {
    await meme({}, { fandomRequired: '1', maxPrompts: '1' });
    // A guest is sent to log in; a member of the archive who has not joined is refused.
    assert.equal((await t.agent().get(`${MEME}/prompts/new`)).status, 303);
    assert.equal((await writer.get(`${MEME}/prompts/new`)).status, 403);
    const outsider = await writer.submit(`${MEME}/prompts`, { title: 'Sneaky', fandoms: 'Original Work' });
    assert.equal(outsider.status, 403);
    assert.match(await text(writer, `${MEME}/prompts`), /Join the collection/);
    assert.doesNotMatch(await text(t.agent(), `${MEME}/prompts`), /Sneaky/);

    const refused = await prompter.submit(`${MEME}/prompts`, {
      title: '   ',
      description: 'Kept <em>description</em> text',
      relationships: 'Keeper/Storm',
      freeforms: 'Hurt/Comfort, Fluff',
    });
    assert.equal(refused.status, 422);
    const shown = visibleText(refused.body);
    assert.match(shown, /Give the prompt a title/);
    assert.match(shown, /Name at least one fandom/);
    assert.match(refused.body, /Kept &lt;em>description&lt;\/em> text|Kept &lt;em&gt;description&lt;\/em&gt; text/);
    assert.match(refused.body, /value="Keeper\/Storm"/);
    assert.match(refused.body, /value="Hurt\/Comfort, Fluff"/);

    const path = await postPrompt(prompter, { description: '<p>Storm.</p><script>alert(1)</script>' });
    const page = await prompter.get(path);
    assert.match(page.body, /<p>Storm\.<\/p>/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(visibleText(page.body), /Prompter: meme_prompter/);

    // One prompt per member here: the second is refused.
    assert.equal((await prompter.get(`${MEME}/prompts/new`)).status, 403);
    assert.match(await text(prompter, `${MEME}/prompts`), /You have posted 1 prompt, the most/);

    // The prompter edits it; others may not.
    const id = path.split('/').pop()!;
    assert.equal((await writer.get(`${path}/edit`)).status, 403);
    assert.equal((await writer.submit(path, { title: 'Mine now', fandoms: 'X' })).status, 403);
    const edited = await prompter.submit(path, { title: 'Lighthouse keepers, revised', fandoms: 'Original Work' });
    assert.equal(edited.status, 303);
    assert.match(await text(t.agent(), `${MEME}/prompts`), /Lighthouse keepers, revised/);
    assert.equal((await t.agent().get(`${MEME}/prompts/999999`)).status, 404);
    assert.equal((await t.agent().get(`${MEME}/prompts/abc`)).status, 404);
    assert.equal((await t.agent().get(`/prompts/${id}`)).location, path);
  });

  it('hides an anonymous prompter from everyone but themselves and the maintainers', async () => {
    await meme();
    const path = await postPrompt(prompter, { anonymous: '1', title: 'Secret wish' });
    for (const viewer of [t.agent(), writer]) {
      const list = await viewer.get(`${MEME}/prompts`);
      assert.match(visibleText(list.body), /Secret wish by Anonymous/);
      assert.doesNotMatch(list.body, /meme_prompter/);
      const page = await viewer.get(path);
      assert.match(visibleText(page.body), /Prompter: Anonymous/);
      assert.doesNotMatch(page.body, /meme_prompter/);
    }
    assert.match(await text(prompter, path), /Prompter: meme_prompter \(posted anonymously\)/);
    assert.match(await text(owner, path), /Prompter: meme_prompter \(posted anonymously\)/);

    // A fill's work page names the prompter as "Anonymous" too.
    const work = await writer.postWork({ title: 'Answer in the dark', prompt: path.split('/').pop()! });
    const workPage = await t.agent().get(work);
    assert.match(visibleText(workPage.body), /In response to a prompt by Anonymous in Comment Fic Meme/);
    assert.doesNotMatch(workPage.body, /meme_prompter/);
    assert.match(await text(prompter, work), /In response to a prompt by meme_prompter in Comment Fic Meme/);

    // Where anonymity is not allowed, ticking it is refused with the form kept.
    await owner.submit(`${MEME}/prompt-meme`, { open: '1', tagKinds: 'fandom' });
    const refused = await prompter.submit(`${MEME}/prompts`, { title: 'Another', fandoms: 'X', anonymous: '1' });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /names its prompters/);
    assert.match(refused.body, /value="Another"/);
  });

  it('lets members claim and drop claims, listed on the prompt and on their claims page', async () => {
    await meme();
    const path = await postPrompt(prompter);
    assert.match(await text(t.agent(), path), /Claims \(0\) Nobody has claimed/);
    assert.equal((await writer.submit(`${path}/claim`, {})).status, 303);
    assert.equal((await writer.submit(`${path}/claim`, {})).status, 303, 'claiming twice changes nothing');
    assert.match(await text(t.agent(), path), /Claims \(1\) meme_writer claimed/);
    assert.match(await text(writer, path), /Drop my claim/);
    assert.match(await text(writer, '/users/meme_writer/claims'), /Lighthouse keepers Comment Fic Meme .* Fill it/);
    assert.equal((await prompter.get('/users/meme_writer/claims')).status, 403);
    assert.match(await text(t.agent(), `${MEME}/prompts`), /Claims: 1/);

    const own = await prompter.submit(`${path}/claim`, {});
    assert.equal(own.status, 400);
    assert.match(visibleText(own.body), /your own prompt/);

    assert.equal((await writer.submit(`${path}/unclaim`, {})).status, 303);
    assert.match(await text(t.agent(), path), /Claims \(0\)/);
    assert.equal((await writer.submit(`${path}/unclaim`, {})).status, 400);
    assert.match(await text(writer, '/users/meme_writer/claims'), /You have not claimed any prompts/);
  });

  it('posts a fill: linked to the prompt, filed in the collection, claim fulfilled, prompter told', async () => {
    await meme();
    const path = await postPrompt(prompter, { relationships: 'Keeper/Storm' });
    const id = path.split('/').pop()!;
    await writer.submit(`${path}/claim`, {});
    assert.match(await text(writer, path), /Fill this prompt/);

    const form = await writer.get(`/works/new?prompt=${id}`);
    assert.equal(form.status, 200);
    assert.match(form.body, new RegExp(`name="prompt" value="${id}"`));
    assert.match(form.body, /name="collections"[^>]*value="kink_meme"|value="kink_meme"[^>]*name="collections"/);
    assert.match(form.body, /value="Keeper\/Storm"/);
    assert.match(visibleText(form.body), /You are posting a fill of prompt/);

    // A refused posting keeps the prompt.
    const creatorPseudIds = await writer.defaultPseudId();
    const refused = await writer.submit('/works', {
      title: '',
      prompt: id,
      collections: 'kink_meme',
      body: 'x',
      creatorPseudIds,
    });
    assert.equal(refused.status, 422);
    assert.match(refused.body, new RegExp(`name="prompt" value="${id}"`));

    const work = await writer.postWork({ title: 'Storm Watch', prompt: id });
    assert.match(await text(t.agent(), path), /Fills \(1\).*Storm Watch/);
    assert.match(await text(t.agent(), `${MEME}/works`), /Storm Watch/);
    assert.match(await text(t.agent(), work), /In collections: Comment Fic Meme/);
    assert.match(
      await text(t.agent(), work),
      /In response to a prompt by meme_prompter in Comment Fic Meme ?: “Lighthouse keepers”/,
    );
    assert.match(await text(writer, '/users/meme_writer/claims'), /Fulfilled/);
    assert.match(
      await text(prompter, '/inbox'),
      /meme_writer posted Storm Watch, a fill of your prompt “Lighthouse keepers”/,
    );

    // A prompt that is gone: the form says so and keeps everything.
    const gone = await writer.submit('/works', {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Orphan fill',
      creatorPseudIds,
      language: 'en',
      body: 'Some text.',
      prompt: '999999',
    });
    assert.equal(gone.status, 422);
    assert.match(visibleText(gone.body), /The prompt this work was to fill is gone/);
    assert.match(gone.body, /value="Orphan fill"/);

    // Deleting the prompt keeps the work.
    const unconfirmed = await prompter.submit(`${path}/delete`, {});
    assert.equal(unconfirmed.status, 422);
    assert.equal((await writer.submit(`${path}/delete`, { confirm: '1' })).status, 403);
    assert.equal((await prompter.submit(`${path}/delete`, { confirm: '1' })).status, 303);
    assert.equal((await t.agent().get(path)).status, 404);
    const after = await text(t.agent(), work);
    assert.match(after, /Storm Watch/);
    assert.doesNotMatch(after, /In response to a prompt/);
  });

  it('filters prompts by claimed, filled and tag, and sorts by claims', async () => {
    await meme();
    await postPrompt(prompter, { title: 'Alpha prompt', freeforms: 'Fluff' });
    const beta = await postPrompt(prompter, { title: 'Beta prompt', freeforms: 'Angst' });
    const gamma = await postPrompt(prompter, { title: 'Gamma prompt', freeforms: 'Fluff' });
    await writer.submit(`${beta}/claim`, {});
    await owner.submit(`${beta}/claim`, {});
    await writer.submit(`${gamma}/claim`, {});
    await writer.postWork({ title: 'Gamma fill', prompt: gamma.split('/').pop()! });

    const titles = async (query: string) =>
      [...(await text(t.agent(), `${MEME}/prompts?${query}`)).matchAll(/(Alpha|Beta|Gamma) prompt by/g)].map(
        (m) => m[1],
      );
    assert.deepEqual(await titles(''), ['Gamma', 'Beta', 'Alpha']);
    assert.deepEqual(await titles('claimed=yes'), ['Gamma', 'Beta']);
    assert.deepEqual(await titles('claimed=no'), ['Alpha']);
    assert.deepEqual(await titles('filled=yes'), ['Gamma']);
    assert.deepEqual(await titles('filled=no'), ['Beta', 'Alpha']);
    assert.deepEqual(await titles('tag=fluff'), ['Gamma', 'Alpha']);
    assert.deepEqual(await titles('tag=Fluff&filled=no'), ['Alpha']);
    assert.deepEqual(await titles('sort=claims'), ['Beta', 'Gamma', 'Alpha']);
    assert.match(await text(t.agent(), `${MEME}/prompts?tag=Angst`), /1 prompt tagged “Angst”/);
    assert.equal((await t.agent().get(`${MEME}/prompts?page=0`)).status, 400);
  });

  it('does not show a fill of an unrevealed collection to others until it is revealed', async () => {
    await meme({ unrevealed: '1', anonymous: '1' });
    const path = await postPrompt(prompter, { title: 'Hidden wish' });
    await writer.submit(`${path}/claim`, {});
    // The collection keeps its creators anonymous: claimers are not named to others either.
    assert.match(await text(t.agent(), path), /Claims \(1\) Anonymous claimed/);
    assert.match(await text(owner, path), /Claims \(1\) meme_writer claimed/);
    assert.match(await text(writer, path), /Claims \(1\) meme_writer claimed/);
    const work = await writer.postWork({ title: 'Secret Fill', prompt: path.split('/').pop()! });

    for (const viewer of [t.agent(), prompter]) {
      const page = await text(viewer, path);
      assert.match(page, /Fills \(0\)/);
      assert.doesNotMatch(page, /Secret Fill/);
      assert.match(await text(viewer, `${MEME}/prompts`), /Fills: 0/);
      assert.doesNotMatch(await text(viewer, `${MEME}/prompts?filled=yes`), /Hidden wish/);
    }
    assert.match(await text(writer, path), /Fills \(1\).*Secret Fill/);
    const inbox = (await prompter.get('/inbox')).body;
    assert.doesNotMatch(inbox, /Secret Fill|meme_writer/);
    assert.match(visibleText(inbox), /A fill of your prompt “Hidden wish” .* was posted/);

    assert.equal((await owner.submit(`${MEME}/reveal`, { what: 'works' })).status, 303);
    const revealed = await text(t.agent(), path);
    assert.match(revealed, /Fills \(1\).*Secret Fill/);
    assert.doesNotMatch(revealed, /meme_writer/, 'creators stay anonymous');
    assert.match(await text(t.agent(), work), /In response to a prompt by meme_prompter/);
  });

  it('protects every prompt form against cross-site requests', async () => {
    await meme();
    const path = await postPrompt(prompter);
    const form = await prompter.get(`${MEME}/prompts/new`);
    assert.match(form.body, /name="_csrf" value="[^"]+"/);
    assert.match((await writer.get(path)).body, /name="_csrf" value="[^"]+"/);
    for (const [agent, url, fields] of [
      [prompter, `${MEME}/prompts`, { title: 'Forged', fandoms: 'X' }],
      [writer, `${path}/claim`, {}],
      [prompter, `${path}/delete`, { confirm: '1' }],
      [owner, `${MEME}/prompt-meme`, { open: '1' }],
    ] as const) {
      const forged = await agent.request('POST', url, { ...fields });
      assert.equal(forged.status, 403, url);
    }
    assert.doesNotMatch(await text(t.agent(), `${MEME}/prompts`), /Forged/);
    assert.match(await text(t.agent(), path), /Claims \(0\)/);
  });
});
