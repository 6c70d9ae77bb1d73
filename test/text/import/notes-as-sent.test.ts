import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

/** The story's paragraphs of a chapter, as the preview shows them. */
const paragraphs = (work: ImportedWork, chapter: number) =>
  work.chapters[chapter].blocks.map((b) => (b.type === 'paragraph' ? b.text : '*'));

describe('notes as writers send them', () => {
  it('cuts a note typed on in lower case after the last sentence of a chapter, and keeps one typed so from its start whole', async () => {
    const text = [
      'Bus Stop',
      'by ferry_tales',
      '',
      'Chapter 1',
      '',
      'Mara waited at the stop for an hour, and the bus did not come. She counted the cars going past. She counted the pigeons. Then she gave up and walked home in the rain, humming. next part tmrw if i get a seat lol',
      '',
      'Chapter 2',
      '',
      'The bus came the next morning, exactly on time, as if nothing had happened. Mara got on and sat at the back and watched the town go by. thats it!! leave a comment if u want more',
    ].join('\n');
    const work = await importWork([file('bus.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.equal(work.chapters[0].notes.end, 'next part tmrw if i get a seat lol');
    assert.match(paragraphs(work, 0).at(-1) ?? '', /walked home in the rain, humming\.$/);
    assert.match(paragraphs(work, 1).at(-1) ?? '', /watched the town go by\.$/);
    assert.match(work.notes.end ?? work.chapters[1].notes.end ?? '', /^thats it!! leave a comment/);
    // Typed in lower case from its start, the note is a note all through.
    const whole = [
      'The Tea',
      'by ferry_tales',
      '',
      'Mara poured the tea and they drank it in silence, and when the pot was empty she made another one without asking anybody.',
      '',
      '* * *',
      '',
      'ok going to bed. if you reblog this i love you',
    ].join('\n');
    const tea = await importWork([file('tea.txt', whole)]);
    assert.equal(tea.notes.end ?? tea.chapters[0].notes.end, 'ok going to bed. if you reblog this i love you');
  });
});
