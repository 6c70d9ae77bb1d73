/** A blog post whose story is in parts under headings, with the blog's share, like and related boxes under it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { storyParagraphs } from '../../support/imports.ts';

const page = (body: string) => ({
  name: 'post.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Driftwood – Salt Notes</title></head><body>${body}</body></html>`,
  ),
});

const PARTS = [
  [
    'Ailsa found the driftwood on the shingle at the north end of the bay, grey and smooth and shaped almost exactly like a hand.',
    'She carried it home under her arm, though it was heavier than it looked, and propped it by the stove to dry.',
  ],
  [
    'In the morning the hand had moved. It was pointing, quite clearly, at the window and the sea beyond the window.',
    'Ailsa put on her boots and her coat and went where it pointed, because there was nothing else to be done about it.',
  ],
];

describe('a blog post in parts with the blog’s boxes under it', () => {
  it('sets the share, like and related boxes apart, though their headings stand at the level of the parts’', async () => {
    const body = `<article><h1 class="entry-title">Driftwood</h1><div class="entry-content">
<h3>Part One</h3>${PARTS[0].map((p) => `<p>${p}</p>`).join('')}
<h3>Part Two</h3>${PARTS[1].map((p) => `<p>${p}</p>`).join('')}
<p>Thanks for reading. The hand is real, it lives on my windowsill.</p>
<div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li><a>Twitter</a></li><li><a>Facebook</a></li></ul></div>
<div class="sharedaddy sd-like"><h3 class="sd-title">Like this:</h3><div>Like Loading...</div></div>
<div id="jp-relatedposts"><h3><em>Related</em></h3></div>
</div></article>`;
    const work = await importWork([page(body)]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), PARTS.flat());
    const end = work.preview.pieces.filter((p) => p.part === 'end-notes' || p.part === 'chapter-end-notes');
    assert.deepEqual(
      end.map((p) => p.text),
      ['Thanks for reading. The hand is real, it lives on my windowsill.'],
    );
    const site = work.preview.pieces.filter((p) => p.part === 'metadata').map((p) => p.text);
    for (const line of ['Share this:', 'Like this:', 'Like Loading...', 'Related'])
      assert.ok(site.includes(line), line);
  });
});
