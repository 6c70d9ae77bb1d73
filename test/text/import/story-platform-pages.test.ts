/**
 * A story platform's page, one story to a page (Vocal's and sites like it): the title, a subtitle that
 * says what the story is, a byline linking to the writer's page under /authors/, and the site's boxes
 * under the story ("About the Creator", "Keep reading").
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, fieldText, storyParagraphs, textFile } from '../../support/imports.ts';

const STORY = [
  'The bakery on Fenwick Street opened at five, and by a quarter past Odile had burnt the first tray of rolls and sworn at the oven in three languages.',
  'Her brother came in at six with the newspapers and pretended not to notice the smell, which was the kindest thing he had done all year.',
  'By seven the second tray was perfect, and she sold every roll of it to men on their way to the docks who never once said thank you.',
];

const SUBTITLE = 'A small story about a bakery, a burnt tray of rolls and a brother who knows when to say nothing.';

function platformPage(options: { byline?: string; under?: string } = {}) {
  const byline =
    options.byline ??
    '<div class="author-row"><a href="/authors/wren-adebayo">Wren Adebayo</a> <span>Published 2 years ago</span> <span>3 min read</span></div>';
  return textFile(
    'story.html',
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>First Tray | Fiction | Storyhouse</title></head><body>
<header class="site-nav"><a href="/">Storyhouse</a> <a href="/communities">Communities</a> <a href="/signin">Sign in</a></header>
<article><h1>First Tray</h1>
<h2 class="subtitle">${SUBTITLE}</h2>
${byline}
<div class="content">${STORY.map((p) => `<p>${p}</p>`).join('\n')}</div>
${
  options.under ??
  `<div class="about-creator"><h3>About the Creator</h3><p><a href="#">Wren Adebayo</a> · Writes about bread and siblings. Lives in Leeds.</p></div>
<div class="reads-next"><h3>Keep reading</h3><a href="#">The Second Tray</a> <a href="#">Flour on Everything</a></div>`
}
</article></body></html>`,
  );
}

describe('a story platform’s page', () => {
  it('names the writer its byline links to under /authors/', async () => {
    const work = await importWork([platformPage()]);
    assert.equal(creatorName(work), 'Wren Adebayo');
  });

  it('does not take a link to the list of all authors for the writer', async () => {
    const work = await importWork([
      platformPage({ byline: '<div class="author-row"><a href="/authors/">Authors</a> <span>3 min read</span></div>' }),
    ]);
    assert.notEqual(creatorName(work), 'Authors');
  });

  it('reads the subtitle between the title and the byline as the summary', async () => {
    const work = await importWork([platformPage()]);
    assert.equal(fieldText(work, 'summary') ?? work.preview.pieces.find((p) => p.part === 'summary')?.text, SUBTITLE);
  });

  it('sets the boxes under the story apart: “About the Creator” and “Keep reading” are no chapter', async () => {
    const work = await importWork([platformPage()]);
    assert.equal(work.chapters.length, 1);
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});
