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
    assert.ok(judgeSentence('First time posting a fic here, please be nice.').score >= 2);
    assert.ok(judgeSentence('Thanks to the Lamplight thread for cheering me on.').score >= 2);
    assert.ok(judgeSentence('Thanks to the storm, the ferry was late.').score <= 0);
    assert.ok(judgeSentence('Please, she wrote, take care of the lighthouse.').score <= 0);
    assert.ok(judgeSentence('Please let the ship come home, Mara prayed every night on the pier.').score <= 0);
    assert.ok(judgeSentence('Thanks to Captain Reyes for her quick thinking, the crew survived the night.').score <= 0);
    // "Kishimoto does." after "I don't own Naruto" continues a disclaimer; a narrator's "I do." does not.
    assert.equal(judgeSentence('Kishimoto does.').reason, 'continues the disclaimer');
    assert.notEqual(judgeSentence('I do.').reason, 'continues the disclaimer');
    // "If it were mine …" after a disclaimer; a story's "as if they were strangers" is narration.
    for (const tail of [
      'If it were mine, Sirius would have lived.',
      'If it were, things would have ended very differently.',
      'If I did, Sirius would have lived.',
      'If I owned Naruto, Sasuke would be nicer.',
    ])
      assert.equal(judgeSentence(tail).reason, 'continues the disclaimer', tail);
    for (const story of [
      'He looked at her as if they were strangers.',
      'It felt as if it was already over.',
      'She wondered if I did it.',
    ])
      assert.notEqual(judgeSentence(story).reason, 'continues the disclaimer', story);
  });

  it('hears thanks and requests for comments in every language import detection names', () => {
    for (const sentence of [
      'Gràcies a l’Oriol per les correccions.',
      'Köszönöm, hogy elolvastátok!',
      'Mulțumesc pentru lectură!',
      'Kiitos lukemisesta!',
      'Takk for at du leste!',
      'Ευχαριστώ που το διαβάσατε!',
      'תודה שקראתם!',
      'شكرا على القراءة!',
      'Maraming salamat sa pagbasa!',
      'ขอบคุณที่อ่านนะคะ',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
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

  it('ends a note in brackets where the bracket closes, and keeps a story told to “you, reader” as story', async () => {
    const text = [
      'Remember Me',
      'by: the_lonely_pen',
      '',
      '(A/N: It’s been a while since I posted anything. Sorry!) You won’t believe this, reader, but I was the one who found the key. My hands would not stop shaking.',
      '',
      'I set the key down on the table and sat beside it. I hope you understand now, reader, why I never went back.',
    ].join('\n');
    const work = await importWork([file('key.txt', text)]);
    assert.equal(work.notes.beginning, 'It’s been a while since I posted anything. Sorry!)');
    assert.equal(work.notes.end, null);
    const story = work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '*'));
    assert.match(story[0], /^You won’t believe this, reader/);
    assert.match(story[1], /why I never went back\.$/);
  });

  it('reads the note sentences writers put in an “A/N” without a colon, in a story told in the first person', async () => {
    const text = [
      'Stay',
      'By kitkat_writes',
      '',
      'A/N I wrote this at two in the morning, so be kind. Sorry for any mistakes, English is not my first language. I love writing Charlie and Sam so much. I closed the door behind me and waited.',
      '',
      'I did not sleep that night. I sat by the window and watched the road.',
      '',
      'When the car came at last, I was already on the step. Do you think Sam will forgive her? The next chapter should be up on Friday.',
    ].join('\n');
    const work = await importWork([file('stay.txt', text)]);
    assert.equal(
      work.notes.beginning,
      'I wrote this at two in the morning, so be kind. Sorry for any mistakes, English is not my first language. I love writing Charlie and Sam so much.',
    );
    assert.equal(work.notes.end, 'Do you think Sam will forgive her? The next chapter should be up on Friday.');
    const story = work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '*'));
    assert.deepEqual(story, [
      'I closed the door behind me and waited.',
      'I did not sleep that night. I sat by the window and watched the road.',
      'When the car came at last, I was already on the step.',
    ]);
  });

  it('reads the author of a FanFiction.Net page saved from the browser', async () => {
    const html = `<html><head><title>Home | FanFiction</title></head><body>
<div id="profile_top"><b class="xcontrast_txt">Home</b><br>By: <a class="xcontrast_txt" href="/u/1234/rosie-p">rosie.p</a><br><span class="xgray">Rated: T</span></div>
<div id="storytextp"><div class="storytext" id="storytext"><p>The rain had not stopped for three days, and Mara was beginning to think it never would.</p></div></div>
</body></html>`;
    const work = await importWork([file('home.html', html)]);
    assert.equal(work.title, 'Home');
    assert.equal(work.preview.pieces.find((p) => p.field === 'author')?.text, 'rosie.p');
    assert.doesNotMatch(work.chapters[0].html, /rosie/);
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

describe('a note in another language on a line of its own', () => {
  const story = [
    'Mafalda tenía cuarenta y tres años la primera vez que hizo sopa a propósito, y no la compró hecha.',
    'La hizo porque su hija estaba enferma, y porque nadie más en la casa sabía cómo se hacía.',
    'Cuando la sopa estuvo lista, se la llevó a la cama en una bandeja, y la nena se la tomó toda.',
  ];

  it('reads a header paragraph that says what the story is, its rating and length, as the author’s', async () => {
    const about =
      "A Pokémon fic. Professor Oak's grandson isn't the only one who left Pallet Town that spring. Rated G. About 1,000 words.";
    const english = [
      'The bus to Viridian broke down at the edge of Route 1, and so Ember walked the rest of the way.',
      'She had planned to take the bus, get to the city by ten, and buy six Potions and a map.',
      '"Well," she said to her Charmander. "It\'s only eleven miles."',
    ];
    const work = await importWork([
      file('route.txt', ['The Long Way Round\nby Ferntail', about, '---', ...english].join('\n\n')),
    ]);
    assert.equal(work.summary ?? work.notes.beginning, about);
    assert.deepEqual(
      work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '')),
      english,
    );
  });

  it('reads thanks and a request for comments after the story as the end notes', async () => {
    const end = '¡Gracias por leer! Firmá mi libro de visitas si te gustó.';
    const work = await importWork([file('sopa.txt', ['La sopa', 'por Susanita', ...story, end].join('\n\n'))]);
    assert.equal(work.notes.end, end);
    assert.deepEqual(
      work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '')),
      story,
    );
  });

  it('keeps a last line of dialogue that thanks someone as story, dashed or not', async () => {
    for (const last of [
      '—Gracias por todo —dijo Mafalda, y apagó la luz.',
      'Levi spojrzał na nią. — Siodłaj konie — powiedział. — I weź coś do jedzenia.',
    ]) {
      const work = await importWork([file('sopa.txt', ['La sopa', 'por Susanita', ...story, last].join('\n\n'))]);
      assert.equal(work.notes.end, null, last);
      const kept = work.chapters[0].blocks.at(-1);
      assert.equal(kept?.type === 'paragraph' ? kept.text : undefined, last);
    }
  });
});
