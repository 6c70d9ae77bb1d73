import { it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { textFile } from '../../support/imports.ts';

const marked = async (text: string) =>
  (await importWork([textFile('story.txt', text)])).preview.pieces.filter((p) => p.unsure && p.text.trim() !== '');

const narration = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `The rain went on for the ${i + 1}th hour, and Marta emptied the buckets into the yard again.`,
  );

it('asks the writer to check story text at a chapter’s edge holding a sentence to readers, and says which', async () => {
  const text = [
    'The Buckets',
    ...narration(8),
    'Marta counted the buckets. Sorry this took so long to post, real life got in the way. She emptied them.',
    'The rain had not stopped for three days.',
  ].join('\n\n');
  const flagged = await marked(text);
  const piece = flagged.find((p) => p.text.startsWith('Marta counted'));
  assert.ok(piece, 'the paragraph with the note in it is marked to check');
  assert.equal(piece.part, 'text', 'and left where the import put it');
  assert.match(piece.reason, /“Sorry this took so long to post, real life got in the way\.” sounds like the writer/);
  assert.ok(!flagged.some((p) => p.text.startsWith('The rain went on')), 'plain narration is not marked');
});

it('asks to check a short line that is no sentence in a story told in sentences, not in a story told in such lines', async () => {
  const story = ['The Buckets', ...narration(6), 'automail_fan', 'Like · Comment', ...narration(6)].join('\n\n');
  const flagged = (await marked(story)).map((p) => p.text);
  assert.ok(flagged.includes('automail_fan'));
  assert.ok(flagged.includes('Like · Comment'));

  const verse = [
    'Rain Song',
    ...Array.from({ length: 12 }, (_, i) => `the rain on the roof\nthe bucket ${i + 1} full`),
    'The rain stopped at last, and Marta slept.',
  ].join('\n\n');
  assert.deepEqual(
    (await marked(verse)).filter((p) => p.part === 'text').map((p) => p.text),
    [],
    'no line of a poem is marked',
  );
});

it('asks to check a note that reads as story all through', async () => {
  const text = [
    'The Buckets',
    ...narration(8),
    'THE END',
    'Years later, Marta still kept one bucket by the door of the new house. Her grandson asked her why, and she told him about the rain that did not stop.',
  ].join('\n\n');
  const after = (await marked(text)).find((p) => p.text.startsWith('Years later'));
  assert.ok(after, 'the story-like paragraph after THE END is marked to check');
  assert.equal(after.part, 'end-notes');
  assert.match(after.reason, /but it reads like story$/);
});

it('does not take dialogue quoted or broken off in other languages’ ways for a program’s words', async () => {
  const story = [
    'Der Eimer',
    ...narration(6),
    '„Komm sofort her!“',
    '«Viens ici !»',
    'Er sah sie an —',
    ...narration(6),
  ].join('\n\n');
  assert.deepEqual(
    (await marked(story)).filter((p) => p.part === 'text').map((p) => p.text),
    [],
  );
});

it('reads a saved page’s footer as the site’s, its notice sentence or not, and does not ask to check it', async () => {
  const story = narration(6)
    .map((line) => `<p>${line}</p>`)
    .join('');
  const footer =
    'Powered by Invision Power Board(U) v1.3 Final © 2003 IPS, Inc.<br>Hosted for free by InvisionFree | Get a free forum';
  const page = `<html><head><title>The Buckets</title></head><body><h1>The Buckets</h1>${story}<div class="copyright">${footer}</div></body></html>`;
  const work = await importWork([textFile('story.html', page)]);
  const piece = work.preview.pieces.find((p) => p.text.includes('Powered by'));
  assert.ok(piece, 'the footer is among the pieces');
  assert.equal(piece.part, 'metadata');
  assert.ok(!piece.unsure, piece.reason);
  assert.deepEqual(
    work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '')),
    narration(6),
  );
});
