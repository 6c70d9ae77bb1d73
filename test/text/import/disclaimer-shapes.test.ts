import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { isDisclaimer } from '../../../src/text/import/cues.ts';
import { chapterParagraphs, textFile as file } from '../../support/imports.ts';

/** A short story under a title and a byline, with the writer's note paragraph `note` above it. */
const withNote = (note: string) =>
  [
    'The Signal Box',
    'by lamp_keeper',
    '',
    note,
    '',
    'Chapter 1',
    '',
    'Perks had kept the signal box at the end of the line for eleven years, and in all that time nobody had ever brought him a cake.',
    '',
    'So when the three children came up the steps with a paper parcel, he did not know at first what to do with his hands.',
  ].join('\n');

describe('disclaimers the writer put in a note, and the shapes they say it in', () => {
  it('sets a disclaimer opening a labelled note apart, the rest of the note kept', async () => {
    const work = await importWork([
      file(
        'hedge.txt',
        withNote(
          'Notes: Brambly Hedge belongs to Jill Barklem. I wrote this for my niece, who is six and thinks Wilfred is the best mouse.',
        ),
      ),
    ]);
    assert.equal(work.disclaimer, 'Brambly Hedge belongs to Jill Barklem.');
    assert.equal(work.notes.beginning, 'I wrote this for my niece, who is six and thinks Wilfred is the best mouse.');
  });

  it('sets a possessive disclaimer closing a labelled note apart ("… is E. Nesbit’s and I’m only borrowing …")', async () => {
    const work = await importWork([
      file(
        'perks.txt',
        withNote(
          "Author's note: This started as a drabble and got away from me. Many thanks to my sister for reading it over the phone. The Railway Children is E. Nesbit's and I'm only borrowing Perks for an afternoon.",
        ),
      ),
    ]);
    assert.equal(work.disclaimer, "The Railway Children is E. Nesbit's and I'm only borrowing Perks for an afternoon.");
    assert.equal(
      work.notes.beginning,
      'This started as a drabble and got away from me. Many thanks to my sister for reading it over the phone.',
    );
  });

  it('keeps a labelled note whole when the disclaimer sits between its sentences or after its own words', async () => {
    for (const note of [
      "A/N: Bit of an experiment with the present tense. Doctor Who isn't mine (sadly). Let me know if it worked!",
      'Lời tác giả: Truyện viết vui, nhân vật không thuộc về tôi. Vui lòng không mang đi nơi khác.',
    ]) {
      const work = await importWork([file('box.txt', withNote(note))]);
      assert.equal(work.disclaimer, null, note);
      assert.equal(work.notes.beginning, note.replace(/^[^:]+:\s*/, ''), note);
    }
  });

  it('reads a whole labelled note that only says whose the characters are as the disclaimer', async () => {
    const work = await importWork([
      file('warriors.txt', withNote('Notes: Warriors belongs to Erin Hunter, I only own my OCs.')),
    ]);
    assert.equal(work.disclaimer, 'Warriors belongs to Erin Hunter, I only own my OCs.');
    assert.equal(work.notes.beginning, null);
  });

  it('sets apart a "Disclaimer:" inside a note, and an "A/N:" inside a disclaimer', async () => {
    const inNote = await importWork([
      file(
        'renown.txt',
        withNote(
          "Author's note: Written for a friend who keeps asking for more Bush. Set aboard Renown. Disclaimer: Horatio Hornblower and company belong to the estate of C. S. Forester; the cat is mine.",
        ),
      ),
    ]);
    assert.equal(
      inNote.disclaimer,
      'Horatio Hornblower and company belong to the estate of C. S. Forester; the cat is mine.',
    );
    assert.equal(inNote.notes.beginning, 'Written for a friend who keeps asking for more Bush. Set aboard Renown.');
    const inDisclaimer = await importWork([
      file(
        'mowgli.txt',
        withNote(
          "Disclaimer: Kipling's, all of it. A/N: I was rereading the Mowgli stories for a class and could not stop thinking about the in-between years.",
        ),
      ),
    ]);
    assert.equal(inDisclaimer.disclaimer, "Kipling's, all of it.");
    assert.equal(
      inDisclaimer.notes.beginning,
      'I was rereading the Mowgli stories for a class and could not stop thinking about the in-between years.',
    );
  });

  it('keeps the writer’s side after a disclaimer with it, and ends it at a line the note says it was written for', async () => {
    const side = await importWork([
      file('wire.txt', withNote("Disclaimer: I don't own The Wire, HBO does. I don't even own a cigar.")),
    ]);
    assert.equal(side.disclaimer, "I don't own The Wire, HBO does. I don't even own a cigar.");
    const written = await importWork([
      file('island.txt', withNote("Stevenson's, not mine. Written for the Castaways challenge on the list.")),
    ]);
    assert.equal(written.disclaimer, "Stevenson's, not mine.");
    assert.equal(written.notes.beginning, 'Written for the Castaways challenge on the list.');
  });

  it('sets apart a disclaimer closing an unlabelled note typed in lower case', async () => {
    const work = await importWork([
      file(
        'rugrats.txt',
        withNote('ok so my friend dared me to write this. dont laff. i dont own the rugrats, Klasky Csupo does.'),
      ),
    ]);
    assert.equal(work.disclaimer, 'i dont own the rugrats, Klasky Csupo does.');
    // An initial's full stop ends no sentence: "Magnum P.I. isn't mine" is one.
    const initials = await importWork([
      file('regatta.txt', withNote('Here it is, the regatta story! Magnum P.I. isn’t mine, it belongs to Universal.')),
    ]);
    assert.equal(initials.disclaimer, 'Magnum P.I. isn’t mine, it belongs to Universal.');
  });

  it('knows a maker’s ownership said by a possessive, by "owns them", and of an old work nobody owns', () => {
    for (const line of [
      "Trigun is Yasuhiro Nightow's.",
      "The Prisoner of Zenda is Anthony Hope's.",
      "Code Geass is Sunrise's, I'm just crying about it.",
      "Garfield and friends are Jim Davis's; I just feed them.",
      'Baroness Orczy’s characters; I only take them out for air.',
      "Mark Twain's characters, my marigolds.",
      "Mary Shelley is the author of Frankenstein, I'm just a fan.",
      'Enid Blyton owns them.',
      'Dickens owns them; I just feel bad for Joe.',
      'Toriyama owns everything.',
      "Kipling's, all of it.",
      "Melville's, public domain, but credit where it's due.",
      'Sir Gawain and the Green Knight is anonymous and about six hundred years old, so I think it is fair game.',
      'The poem is about twelve hundred years out of copyright.',
      'Oor Wullie belangs tae D.C. Thomson, no tae me.',
      'Nanzi no ta di mi, e ta di tur Antiyano, di nos wela-nan.',
      'Bouki ak Malis se pou tout pèp ayisyen, se pa pou mwen.',
      'Nasriddin Afandi — xalqniki, meniki emas.',
      'Итар Пејо е од народот, не е мој.',
      'Усе героі належаць Уладзіміру Караткевічу.',
      'Likovi pripadaju autorima serije, ja se samo igram.',
      'Ehara i te mea nāku a Māui, nō tātou katoa ia.',
      'Don Quijote e Sancho Panza pertine a Miguel de Cervantes.',
    ])
      assert.ok(isDisclaimer(line), line);
  });

  it('leaves narration about owning and belonging to the story', async () => {
    for (const line of [
      'The house belonged to Peter.',
      "The house is Peter's.",
      "Tom is Anna's.",
      "Emma is Mr Knightley's.",
      'He owns them.',
      'The bank owns everything.',
      'Peter owns a boat.',
      'Mr Bates owns everything.',
      'Jonas Berg owns them all, and he never lets anyone forget it.',
      '"Peter\'s, obviously," she said.',
      'Anything left on the table is fair game.',
      "Peter's characters, my favourites.",
      'Тоа не е мој проблем.',
      'Dat hûs heart by Piter.',
      'The old map was out of date by twenty years.',
    ])
      assert.ok(!isDisclaimer(line), line);
    const story = [
      'The Mill',
      'by lamp_keeper',
      '',
      'Chapter 1',
      '',
      "The mill is Jonas Berg's. Everyone in the valley knows it, and nobody says it to his face.",
      '',
      'Jonas Berg owns everything. He owns the mill, the bridge and the road to the church.',
      '',
      'Ada walked past it every morning on her way to the school, and every morning the wheel was still.',
    ].join('\n');
    const work = await importWork([file('mill.txt', story)]);
    assert.equal(work.disclaimer, null);
    assert.equal(chapterParagraphs(work, 0).length, 3);
  });

  it('keeps a story’s possessive of a titled or named character, and “Mr. Darcy owns them.”, no disclaimer', () => {
    for (const sentence of [
      'This is Professor Snape’s.',
      'That is Captain Hook’s.',
      'It was late. Mr. Darcy owns them.',
      'The Ring is Prince Imrahil’s.',
    ])
      assert.equal(isDisclaimer(sentence), false, sentence);
    assert.equal(isDisclaimer('Trigun is Yasuhiro Nightow’s.'), true);
  });
});
