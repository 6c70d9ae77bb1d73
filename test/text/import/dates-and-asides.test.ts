import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { isPostDate } from '../../../src/text/import/post-date.ts';
import { textFile as file } from '../../support/imports.ts';

const story = [
  'The lighthouse keeper counted the ships every evening, though nobody had asked her to.',
  '“Seven tonight,” she told the cat. The cat did not care.',
  'By morning the fog had come in, and she could not count anything at all.',
];

/** Lines the preview leaves out with no field: the ones that may name who wrote the work. */
const unreadLines = (work: Awaited<ReturnType<typeof importWork>>) =>
  work.preview.pieces.filter((p) => p.part === 'metadata' && p.field === undefined).map((p) => p.text);

describe('a post’s date and a title’s aside, read as what they are', () => {
  it('knows a line that is only a date, in the shapes sites and note apps write it', () => {
    for (const line of [
      'March 4, 2026',
      'Mar 4, 2026 09:15',
      '4 de mar. de 2026 09:15:02',
      '2026/03/04 09:15',
      'جمعه ۱۴ آذر ۱۴۰۵',
      'Tuesday, 4 March 2026',
    ])
      assert.ok(isPostDate(line), line);
    for (const line of [
      'Part 1',
      'harbour_owl 2019',
      'Summer of 1999',
      'March 4',
      'The 4th of March, 2026, was the day she left.',
    ])
      assert.ok(!isPostDate(line), line);
  });

  it('reads the date a note app writes under the note’s title as when it was written, not as its summary or a name', async () => {
    const note = ['Lighthouse', 'Mar 4, 2026 09:15', 'Part 1', ...story, 'Part 2', ...story].join('\n');
    const work = await importWork([file('note.txt', note)]);
    assert.equal(work.title, 'Lighthouse');
    assert.equal(work.summary, null);
    assert.deepEqual(unreadLines(work), []);
    const date = work.preview.pieces.find((p) => p.text === 'Mar 4, 2026 09:15');
    assert.equal(date?.part, 'metadata');
  });

  it('reads a saved post’s title aside ("(a Hollow Knight fic)") as the fandom it names, not as a line that may name someone', async () => {
    const page = `<html><head><title>Paper Lanterns (a Hollow Knight fic) | Harbour Owl on Patreon</title></head><body><h1>Paper Lanterns (a Hollow Knight fic)</h1>${story.map((s) => `<p>${s}</p>`).join('')}</body></html>`;
    const work = await importWork([{ name: 'lanterns.html', bytes: new TextEncoder().encode(page) }]);
    assert.equal(work.title, 'Paper Lanterns');
    assert.deepEqual(work.tags.fandoms, ['Hollow Knight']);
    assert.ok(!unreadLines(work).includes('(a Hollow Knight fic)'));
  });

  it('reads a phone note’s bare "pt 1" / "pt 2" lines as its parts’ headings', async () => {
    const note = ['Lighthouse', 'pt 1', ...story, 'pt 2', ...story].join('\n');
    const work = await importWork([file('note.txt', note)]);
    assert.equal(work.chapters.length, 2);
    assert.ok(!work.chapters.some((c) => c.blocks.some((b) => b.type === 'paragraph' && /^pt \d$/.test(b.text))));
  });
});
