/** Stories posted as fills in a page's comments: kink memes and prompt posts on journals and archives. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterParagraphs, creatorName, storyParagraphs } from '../../support/imports.ts';

const page = (body: string, title = '') => ({
  name: 'saved.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
  ),
});

const paras = (lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('\n');
const partOf = (work: Awaited<ReturnType<typeof importWork>>, text: string) =>
  work.preview.pieces.filter((p) => p.text.includes(text)).map((p) => p.part);

const ONE = [
  'The lighthouse had not been lit in nine years, which was why the whole village came out when it flickered on.',
  'Nell climbed the steps with a torch in one hand and her brother’s old key in the other, counting as she went.',
  'At the top, a boy she had never seen was polishing the lens with his sleeve, very carefully, as if it might bite.',
];
const TWO = [
  '“It was dark,” he said, when she asked him what he thought he was doing. “Boats kept coming in wrong.”',
  'Nell looked out at the water, at the little lights of the fishing boats turning for home, all of them in the right place.',
  'She did not send him away. In the morning she brought two mugs of tea up the steps instead of one.',
];

describe('a kink meme fill in a journal’s comments', () => {
  /** A Dreamwidth-style comment: its header (subject, the poster's user tag, date), its text and its links. */
  const comment = (poster: string, subject: string, body: string) =>
    `<div class="comment-thread"><div class="dwexpcomment"><div class="comment">
<div class="comment-head"><h4 class="comment-title">${subject}</h4>
<span class="comment-poster"><span class="ljuser"><a href="https://${poster}.dreamwidth.org/profile"><img alt="[personal profile]" src="/user.png"></a><a href="https://${poster}.dreamwidth.org/"><b>${poster}</b></a></span></span>
<span class="datetime">2019-03-02 09:15 pm (UTC)</span></div>
<div class="comment-content">${body}</div>
<ul class="comment-interaction-links"><li><a>Link</a></li><li><a>Reply</a></li><li><a>Thread</a></li></ul></div></div></div>`;
  const body = `<div id="canvas"><h1>harbour_meme</h1>
<div class="entry"><h3 class="entry-title">Prompt post: round two</h3>
<div class="entry-content">Leave a prompt as a new comment, fill in reply. Mark fills with FILL and a part count.</div></div>
<div id="comments">
${comment('anon_ghost', 'Nell, a lighthouse, a stranger', 'Someone lights the old lighthouse and nobody knows who. Gen please!')}
${comment('tidewriter', 'FILL: The Keeper’s Boy (1/2)', `<p>I hope this is close to what you wanted, OP!</p>${paras(ONE)}`)}
${comment('tidewriter', 'FILL: The Keeper’s Boy (2/2)', paras(TWO))}
${comment('anon_ghost', 'Re: FILL: The Keeper’s Boy (2/2)', 'Two mugs of tea! I am crying, thank you so much for filling this.')}
</div></div>`;

  it('reads the fill as the story in its parts, its subject as the title and its poster as the creator, and sets the prompt post and the replies apart', async () => {
    const work = await importWork([page(body, 'harbour_meme: Prompt post: round two')]);
    assert.equal(work.title, 'The Keeper’s Boy');
    assert.equal(creatorName(work), 'tidewriter');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
    assert.ok(!storyParagraphs(work).some((p) => /Leave a prompt|Gen please|crying|Reply/.test(p)));
    assert.ok(partOf(work, 'I hope this is close').every((part) => /notes/.test(part)));
    assert.deepEqual(partOf(work, 'Gen please!'), ['metadata']);
  });
});

describe('a prompt work on an archive with a fill in its comments', () => {
  /** An AO3-style comment: the byline heading with the poster's link and date, the text in a blockquote, replies nested under it. */
  const comment = (poster: string, body: string, replies = '') =>
    `<li class="comment"><h4 class="heading byline"><a href="/users/${poster}">${poster}</a> on Chapter 1 <span class="posted datetime">Sat 03 Dec 2022 08:00PM UTC</span></h4>
<blockquote class="userstuff">${body}</blockquote><ul class="actions"><li><a>Reply</a></li></ul></li>${replies ? `<li><ol class="thread">${replies}</ol></li>` : ''}`;
  const body = `<div id="header"><h1><a href="/">Archive</a></h1></div>
<div id="workskin"><div class="preface group"><h2 class="title heading">Lighthouse Prompts 2022</h2>
<h3 class="byline heading"><a href="/users/harbour_mods">harbour_mods</a></h3></div>
<div class="userstuff"><p>Prompt in the comments, fill in the comments. Put FILL in your first line.</p></div></div>
<div id="feedback"><h3 class="heading">Comments</h3><ol class="thread">
${comment(
  'gull_prompts',
  '<p>Prompt: someone lights the old lighthouse.</p>',
  comment(
    'tidewriter',
    `<p>FILL: The Keeper’s Boy (1/2)</p>${paras(ONE)}`,
    comment('tidewriter', `<p>FILL: The Keeper’s Boy (2/2)</p>${paras(TWO)}`) +
      comment('gull_prompts', '<p>The two mugs of tea!! Thank you!</p>'),
  ),
)}
</ol></div>`;

  it('reads the fill under the prompt as the work, not the prompt work that holds it', async () => {
    const work = await importWork([page(body, 'Lighthouse Prompts 2022 - harbour_mods [Archive]')]);
    assert.equal(work.title, 'The Keeper’s Boy');
    assert.equal(creatorName(work), 'tidewriter');
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
    assert.ok(!storyParagraphs(work).some((p) => /Prompt|mugs of tea!!|FILL/.test(p)));
  });

  it('leaves a story posted as the work itself where it is, whatever a reader’s comment says', async () => {
    const story = body.replace(
      '<p>Prompt in the comments, fill in the comments. Put FILL in your first line.</p>',
      paras([...ONE, ...TWO, ...ONE.map((line) => line.replace('Nell', 'Ada'))]),
    );
    const work = await importWork([page(story.replace(/FILL: The Keeper’s Boy \(\d\/2\)/g, 'Filled!'))]);
    assert.notEqual(creatorName(work), 'tidewriter');
    assert.ok(chapterParagraphs(work, 0).includes(ONE[0]));
    assert.notEqual(work.title, 'The Keeper’s Boy');
  });
});
