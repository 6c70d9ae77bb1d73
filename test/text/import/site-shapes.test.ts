/** Pages saved from sites whose markup hides the story from a reader that goes by the usual elements. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, storyParagraphs } from '../../support/imports.ts';

const page = (body: string) => ({
  name: 'saved.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`,
  ),
});

const STORY = [
  'The lighthouse keeper counted the ships every evening, though nobody had asked her to, and wrote the number on the wall.',
  '“Seven tonight,” she told the cat. The cat, who had never counted anything in its life, did not care.',
  'By morning the fog had come in, and she could not count anything at all, so she counted the cat twice.',
];

describe('saved pages that keep the story where other pages keep their controls', () => {
  it('reads an old Reddit self post, whose text is in the form its writer edits it in', async () => {
    const body = `<div class="side"><form id="search" action="/r/lighthouses/search"><input type="text" name="q"></form></div>
<div class="thing link self" data-author="fog_counter"><p class="title"><a class="title">[Fic] Counting Ships</a></p>
<div class="expando"><form class="usertext"><div class="usertext-body md-container"><div class="md">
${STORY.map((p) => `<p>${p}</p>`).join('\n')}
</div></div></form></div></div>`;
    const work = await importWork([page(body)]);
    const story = storyParagraphs(work);
    for (const paragraph of STORY) assert.ok(story.includes(paragraph), `lost: ${paragraph}`);
  });

  it('reads an old Reddit post’s title and poster, and leaves the subreddit’s lines and the comments out of the story', async () => {
    const body = `<div id="header"><span class="pagename redditname"><a href="/r/lighthouses/">lighthouses</a></span></div>
<div class="side"><div class="titlebox"><h1 class="redditname"><a href="/r/lighthouses/">lighthouses</a></h1>
<span class="subscribers"><span class="number">4,210</span> readers</span><div class="md"><p>For keepers of lights.</p></div></div></div>
<div class="content"><div class="sitetable"><div class="thing link self" data-author="fog_counter">
<div class="midcol"><div class="score">212</div></div><div class="entry"><div class="top-matter">
<p class="title"><a class="title">[Fic] Counting Ships</a> <span class="linkflairlabel">Fan Content</span></p>
<p class="tagline">submitted 3 days ago by <a class="author">fog_counter</a></p></div>
<div class="expando"><form class="usertext"><div class="usertext-body md-container"><div class="md">
${STORY.map((p) => `<p>${p}</p>`).join('\n')}
</div></div></form></div>
<ul class="flat-list buttons"><li><a>12 comments</a></li><li><a>share</a></li></ul></div></div></div>
<div class="commentarea"><div class="thing comment"><div class="entry"><p class="tagline"><a class="author">gull_watch</a> 40 points</p>
<div class="md"><p>The cat deserved to be counted twice, honestly, and I will not hear otherwise from anyone.</p></div></div></div></div></div>`;
    const work = await importWork([page(body)]);
    assert.equal(work.title, 'Counting Ships');
    assert.equal(creatorName(work), 'fog_counter');
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});
