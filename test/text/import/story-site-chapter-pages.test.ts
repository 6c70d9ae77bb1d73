/** A story site's page for one chapter: the work's name and its writer's above the chapter's heading, the chapter's text in its box. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, storyParagraphs } from '../../support/imports.ts';

const page = (title: string, body: string) => ({
  name: 'chapter.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
  ),
});

const STORY = [
  'The kite went up on the third try, red against the grey, and Mara let the string run through her fingers until it burned.',
  '“Higher,” said her brother, who had never flown anything in his life and had opinions about all of it.',
  'By noon it was a speck over the harbour, and the whole pier had stopped to watch it climb.',
];
const paragraphs = (list: string[]) => list.map((p) => `<p>${p}</p>`).join('\n');

const noteText = (work: Awaited<ReturnType<typeof importWork>>, parts: string[]) =>
  work.preview.pieces
    .filter((p) => parts.includes(p.part))
    .map((p) => p.text)
    .join(' ');

describe('a story site’s chapter page', () => {
  it('reads a numbered chapter heading under the work’s as the chapter’s name, and the writer linked to their profile as the creator', async () => {
    const body = `<nav><a href="/">Site</a> <a>Sign In</a></nav>
<div class="storyhead"><h1><a href="/story/4412/paper-kites">Paper Kites</a></h1><div class="writer"><a href="/user/7781/harbour-gull">harbour_gull</a></div></div>
<div class="chapterhead"><h2>1 · The Red One</h2></div>
<div id="readarea">${paragraphs(STORY)}</div>`;
    const work = await importWork([page('Paper Kites - 1 · The Red One - Site', body)]);
    assert.equal(work.title, 'Paper Kites');
    assert.equal(creatorName(work), 'harbour_gull');
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, 'The Red One');
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('reads the work’s name and writer from the line of facts under the chapter’s heading, and a note and disclaimer run into the first paragraph as theirs', async () => {
    const body = `<div class="g_header"><a href="/">Novels</a> <a>Library</a> <a>Create</a></div>
<div class="cha-hd"><h1 class="cha-tit"><span>Chapter 1</span>: The Red One</h1><p class="cha-info"><a href="/book/paper-kites_5521">Paper Kites</a> · <a href="/profile/99812">harbour_gull</a> · Fan-fic · 2.4K views</p></div>
<div class="cha-content"><div class="cha-words">
<p>Author note: a birthday fic for my cousin, who loves kites! I do not own the harbour, the town council does. ${STORY[0]}</p>
${paragraphs(STORY.slice(1))}
</div></div>
<div class="cha-bts"><a>Report</a> <a>Next Chapter (locked)</a></div>`;
    const work = await importWork([page('Paper Kites Chapter 1: The Red One - Novels', body)]);
    assert.equal(work.title, 'Paper Kites');
    assert.equal(creatorName(work), 'harbour_gull');
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, 'The Red One');
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.match(noteText(work, ['notes', 'chapter-notes']), /^a birthday fic for my cousin, who loves kites!$/);
    assert.equal(work.disclaimer, 'I do not own the harbour, the town council does.');
  });

  it('reads the chapter’s name shown over the work’s title and byline, as the page’s title names the chapter first', async () => {
    const body = `<div class="sh_header"><a href="/">Site</a> <a href="/login/">Login</a></div>
<div class="chapter-title">The Red One</div>
<div class="chp_byline">Paper Kites by <a href="/profile/5512/harbour-gull/">harbour_gull</a></div>
<div class="chp_raw">${paragraphs(STORY)}</div>`;
    const work = await importWork([page('The Red One - Paper Kites | Site', body)]);
    assert.equal(work.title, 'Paper Kites');
    assert.equal(creatorName(work), 'harbour_gull');
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, 'The Red One');
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('reads the chapter’s text box and the note boxes around it, the description box as the summary, and leaves the comments out', async () => {
    const body = `<div id="nav"><a href="/">Site</a> <a href="/Login/">Log in</a></div>
<div id="storyhead"><h1>Paper Kites</h1><div class="by">Written by <a href="/Profile/harbour_gull/">harbour_gull</a></div></div>
<div class="description"><b>Description</b><br>Mara flies a kite. The pier watches.</div>
<div class="chapter"><h2>Paper Kites</h2>
<div class="authornote">For my brother, who still cannot fly one.</div>
<div class="chaptertext">${STORY.join('<br/><br/>')}</div>
<div class="authornote bottom">Comments make my day! More kites soon.</div></div>
<div id="comments"><h3>Comments</h3><div class="comment"><b>pier_cat</b> loved the ending so much, the whole pier watching!</div></div>
<div id="footer">Site © 2025 · Rules · Help</div>`;
    const work = await importWork([page('Paper Kites - Site', body)]);
    assert.equal(work.title, 'Paper Kites');
    assert.equal(creatorName(work), 'harbour_gull');
    assert.equal(work.summary, 'Mara flies a kite. The pier watches.');
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.match(noteText(work, ['notes', 'chapter-notes']), /^For my brother, who still cannot fly one\.$/);
    assert.match(noteText(work, ['end-notes', 'chapter-end-notes']), /^Comments make my day! More kites soon\.$/);
  });

  it('does not take a name linked in a dedication for the writer’s', async () => {
    const body = `<div class="storyhead"><h1>Paper Kites</h1><p>by harbour_gull</p></div>
<p>For <a href="/user/301/kitewatcher">kitewatcher</a>, who asked for kites.</p>
<div id="readarea">${paragraphs(STORY)}</div>`;
    const work = await importWork([page('Paper Kites - Site', body)]);
    assert.equal(creatorName(work), 'harbour_gull');
  });
});
