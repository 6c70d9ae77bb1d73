/** A story's facts given as a table of fields on a wiki's or an archive's page, a label and its value to a row. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, storyParagraphs } from '../../support/imports.ts';

const page = (body: string) => ({
  name: 'wiki.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Low Tide - The Harbour Archive</title></head><body>${body}</body></html>`,
  ),
});

const CHAPTERS = [
  [
    'The tide went out further that morning than anyone in the village could remember, and the boats lay on their sides in the mud.',
    'Oskar walked out past the last of them with a bucket, because his mother had said there would be cockles, and there were.',
  ],
  [
    'By noon the whole village was out on the flats, and nobody was watching the line of white along the edge of the sky.',
    'Oskar saw it first. He dropped the bucket and ran, shouting, and for once in his life everyone listened to him.',
  ],
];

describe('a table of fields over a story', () => {
  it('reads each row as its field, so the creator is the name alone, and a labelled note under it as a note', async () => {
    const body = `<div id="page-title">Low Tide</div>
<div id="page-content">
<table class="wiki-content-table"><tr><td><strong>Author</strong></td><td><span class="printuser">cockle_picker</span></td></tr>
<tr><td><strong>Rating</strong></td><td>G</td></tr><tr><td><strong>Characters</strong></td><td>Oskar, his mother</td></tr></table>
<div class="blockquote"><p>The sea goes out. Oskar goes after it.</p></div>
<p><em>Author's note: Written for the archive's seaside week.</em></p>
<h2>Part 1: Cockles</h2>${CHAPTERS[0].map((p) => `<p>${p}</p>`).join('')}
<h2>Part 2: The Line of White</h2>${CHAPTERS[1].map((p) => `<p>${p}</p>`).join('')}
</div>`;
    const work = await importWork([page(body)]);
    assert.equal(work.title, 'Low Tide');
    assert.equal(creatorName(work), 'cockle_picker');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Cockles', 'The Line of White'],
    );
    assert.deepEqual(storyParagraphs(work), CHAPTERS.flat());
    assert.equal(work.notes.beginning, "Written for the archive's seaside week.");
  });
});
