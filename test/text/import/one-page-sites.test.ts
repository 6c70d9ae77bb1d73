/** A one-page site (Carrd's, a link-in-bio page): the story's parts in sections of their own, and the writer's sections after it. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { storyParagraphs } from '../../support/imports.ts';

const page = (body: string) => ({
  name: 'site.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>lanterns</title></head><body>${body}</body></html>`,
  ),
});

const PART_ONE = [
  'The lanterns came down the river at dusk, one for every house in the valley, and Ines counted them from the bridge.',
  'Her grandmother had taught her to count them, and to say the name of the house as each one passed beneath her feet.',
];
const PART_TWO = [
  'The last lantern was late. It came round the bend long after the others, burning low, and it had no name on it at all.',
  'Ines climbed down the bank and lifted it out of the water, and carried it home, and gave it a name of her own.',
];
const paragraphs = (list: string[]) => list.map((p) => `<p>${p}</p>`).join('');

const notes = (work: Awaited<ReturnType<typeof importWork>>) =>
  work.preview.pieces.filter((p) => p.part === 'end-notes' || p.part === 'chapter-end-notes').map((p) => p.text);

describe('a one-page site', () => {
  it('reads a section after the parts, headed as no part, as the writer’s end notes and not a chapter; the builder’s credit is the site’s', async () => {
    const body = `<div id="main"><section id="home"><h1>lanterns</h1><p>a short fic by <strong>riverlight</strong></p></section>
<section id="one"><h2>part one</h2>${paragraphs(PART_ONE)}</section>
<section id="two"><h2>part two</h2>${paragraphs(PART_TWO)}</section>
<section id="faq"><h2>faq / links</h2><p>yes the grandmother is based on mine. no i will not write a sequel.</p></section>
<p>thank you for reading!! my inbox is open</p></div>
<a class="made-with">Made with Carrd</a>`;
    const work = await importWork([page(body)]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [...PART_ONE, ...PART_TWO]);
    assert.deepEqual(notes(work), [
      '',
      'yes the grandmother is based on mine. no i will not write a sequel.',
      'thank you for reading!! my inbox is open',
    ]);
    assert.ok(work.preview.pieces.some((p) => p.part === 'metadata' && p.text === 'Made with Carrd'));
  });

  it('keeps a last part named as no part when a part’s worth of story is under it', async () => {
    const longer = [...PART_TWO, ...PART_ONE].map((p) => p.replace(/\.$/, ', and that was all.'));
    const body = `<section><h2>part one</h2>${paragraphs(PART_ONE)}</section>
<section><h2>part two</h2>${paragraphs(PART_TWO)}</section>
<section><h2>the morning after</h2>${paragraphs(longer)}</section>`;
    const work = await importWork([page(body)]);
    assert.equal(work.chapters.length, 3);
    assert.equal(work.chapters[2].title, 'the morning after');
  });
});

describe('a story in parts whose short last section has a title of its own', () => {
  // A told short section ("Thaw") after the parts is still read as end notes: keeping it the story's cost a
  // chapter on a held-out set, so that misfire stays for now.
  it('still reads a short last section in the writer’s voice as end notes', async () => {
    const body = `<h2>Part One</h2>${paragraphs(PART_ONE)}
<h2>Part Two</h2>${paragraphs(PART_TWO)}
<h2>Afterword</h2><p>Thank you for reading! I wrote this for my grandmother, who counted lanterns too.</p>`;
    const work = await importWork([page(body)]);
    assert.deepEqual(storyParagraphs(work), [...PART_ONE, ...PART_TWO]);
    assert.ok(notes(work).some((n) => /Thank you for reading/.test(n)));
  });
});
