import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cutNote, judgeSentence } from '../../../src/text/import/note-sentences.ts';
import { importWork } from '../../../src/text/import/index.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('notes apart from story, sentence by sentence', () => {
  it('tells the author talking to readers from narration and speech', () => {
    assert.ok(judgeSentence('Sorry this took forever, real life got in the way.').score > 0);
    assert.ok(judgeSentence('Cross-posted from my Tumblr.').score > 0);
    assert.ok(judgeSentence('It belongs to the BBC.').score > 0);
    assert.ok(judgeSentence('Mara pushed the door open and stepped into the rain.').score <= 0);
    assert.ok(judgeSentence('“Thank you for coming,” Mara said.').score < 0);
  });

  it('cuts a note run into the first line of the story where the note ends, with reasons', () => {
    const cut = cutNote(
      'Thanks to my beta, river_song, for all her help! Sorry this took so long. Enjoy! The snow had been falling since noon when Mara reached the inn.',
    );
    assert.ok(cut);
    assert.equal(cut.story, 'The snow had been falling since noon when Mara reached the inn.');
    assert.match(cut.note, /^Thanks to my beta.*Enjoy!$/);
    assert.equal(cut.reasons.length, 3);
  });

  it('puts a disclaimer, a note and the story of one collapsed opening line each in its place', async () => {
    const text = [
      'The Winter Inn',
      '',
      'Disclaimer: I don’t own Sherlock. It belongs to the BBC. Wow, over fifty follows already, you guys are the best! Anyway, on to the next part. The snow had been falling since noon when John reached the inn. He stamped his boots on the step and went in.',
      '',
      '“You’re late,” Sherlock said without looking up.',
      '',
      'John hung his coat by the fire. Please review, it makes my day!',
    ].join('\n');
    const work = await importWork([file('winter.txt', text)]);
    assert.equal(work.disclaimer, 'I don’t own Sherlock. It belongs to the BBC.');
    assert.match(work.notes.beginning ?? '', /fifty follows.*next part\.$/);
    assert.equal(work.notes.end, 'Please review, it makes my day!');
    const story = work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '*'));
    assert.equal(
      story[0],
      'The snow had been falling since noon when John reached the inn. He stamped his boots on the step and went in.',
    );
    assert.equal(story[story.length - 1], 'John hung his coat by the fire.');
    const cut = work.preview.pieces.find((p) => p.part === 'notes');
    assert.ok(cut?.reason, 'the preview shows why');
  });

  it('keeps the italics of story words cut from a note in the same formatted paragraph', async () => {
    const html = [
      '<html><body>',
      '<p>A/N: Thanks to my <b>beta</b>! Please review. The rain had not stopped for <i>three whole days</i>, and Mara was beginning to think it never would.</p>',
      '<p>“You should come away from there,” her brother said from the stairs.</p>',
      '</body></html>',
    ].join('\n');
    const work = await importWork([file('rain.html', html)]);
    assert.equal(work.notes.beginning, 'Thanks to my beta! Please review.');
    const first = /<p>(.*?)<\/p>/s.exec(work.chapters[0].html)?.[1] ?? '';
    assert.match(first, /^The rain had not stopped for <i>three whole days<\/i>, and Mara/);
    assert.doesNotMatch(work.chapters[0].html, /beta|A\/N/);
  });

  it('keeps story that merely mentions a letter or a chapter of a book as story', async () => {
    const text = [
      'Mara read the last chapter of the old book twice before she put it down.',
      '',
      '“Did you finish it?” Tom asked.',
      '',
      'She nodded. The review in the paper had been wrong about the ending.',
    ].join('\n');
    const work = await importWork([file('book.txt', text)]);
    assert.equal(work.notes.beginning, null);
    assert.equal(work.notes.end, null);
    assert.equal(work.chapters[0].blocks.length, 3);
  });
});
