import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cutNote, judgeSentence } from '../../../src/text/import/note-sentences.ts';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterHeading, isByline, isDisclaimer, isEndMarker } from '../../../src/text/import/cues.ts';
import { chromeStrength } from '../../../src/text/import/chrome.ts';
import { chapterParagraphs, storyBlocks, textFile as file, iceScene } from '../../support/imports.ts';

describe('notes apart from story, sentence by sentence', () => {
  it('reads a chapter’s labelled end note above the rule a text download draws under each chapter', async () => {
    const text = [
      'Часть 1. Снег',
      '',
      '   Снег выпал ночью, и утром весь двор был белым, как чистая тетрадь.',
      '   Коля вышел первым и долго стоял у подъезда, не решаясь на него наступить.',
      '',
      'Примечания:',
      'Продолжение завтра!',
      '',
      '—————————',
      '',
      'Часть 2. Лёд',
      '',
      '   К вечеру снег растаял, а ночью всё замёрзло, и двор превратился в каток.',
      '   Коля катался до темноты, пока мама не позвала его ужинать.',
    ].join('\n');
    const work = await importWork([file('sneg.txt', text)]);
    assert.equal(work.chapters[0].notes.end, 'Продолжение завтра!');
    assert.ok(!chapterParagraphs(work, 0).some((p) => p.includes('Продолжение')));
  });

  it('reads the note under a first chapter that has no heading as that chapter’s end note', async () => {
    const text = [
      'The harbour froze in the night, and by morning the fishing boats stood in the ice like toys set down by a child who had gone in for tea. The harbour froze in the night, and by morning the fishing boats stood in the ice like toys set down by a child who had gone in for tea. The harbour froze in the night, and by morning the fishing boats stood in the ice like toys set down by a child who had gone in for tea.',
      '',
      'The harbour froze in the night, and by morning the fishing boats stood in the ice like toys set down by a child who had gone in for tea. The harbour froze in the night, and by morning the fishing boats stood in the ice like toys set down by a child who had gone in for tea. The harbour froze in the night, and by morning the fishing boats stood in the ice like toys set down by a child who had gone in for tea.',
      '',
      'Part 2 tomorrow, if the library computer lets me on!',
      '',
      'Part Two',
      '',
      'The thaw came late that year, and when it came the whole town went down to the water to watch the ice break up and drift out past the lighthouse. The thaw came late that year, and when it came the whole town went down to the water to watch the ice break up and drift out past the lighthouse. The thaw came late that year, and when it came the whole town went down to the water to watch the ice break up and drift out past the lighthouse.',
      '',
      'The thaw came late that year, and when it came the whole town went down to the water to watch the ice break up and drift out past the lighthouse. The thaw came late that year, and when it came the whole town went down to the water to watch the ice break up and drift out past the lighthouse. The thaw came late that year, and when it came the whole town went down to the water to watch the ice break up and drift out past the lighthouse.',
    ].join('\n');
    const work = await importWork([file('harbour.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.equal(work.chapters[0].notes.end, 'Part 2 tomorrow, if the library computer lets me on!');
    assert.equal(work.notes.end, null);
  });

  it('reads “Characters are Jane Austen’s; the muddle is mine.” under the story as the disclaimer', async () => {
    const text = [
      'The Muddle at Longbourn',
      '',
      'Mary had hidden the letter in the pianoforte, where nobody but she would ever look for it, and she was very pleased with herself.',
      '',
      'By dinner the whole house was looking for it, and Mary played a sonata very loudly to cover the noise of her own conscience.',
      '',
      '* * *',
      '',
      "Characters are Jane Austen's; the muddle is mine.",
    ].join('\n');
    const work = await importWork([file('muddle.txt', text)]);
    assert.equal(work.disclaimer, "Characters are Jane Austen's; the muddle is mine.");
    assert.equal(chapterParagraphs(work).length, 2);
    // "The characters are all here" is no one's claim on them.
    assert.equal(judgeSentence('The characters are all here, waiting in the hall.').reason, 'narration');
  });

  it('reads the writer on posting it, the subject left out, as the note’s: “Posted with her permission.”', () => {
    for (const sentence of [
      'Posted with her permission (she is nine and drives a hard bargain).',
      'Reposted from my old journal.',
      'Cross-posted to my Dreamwidth.',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
    assert.ok(judgeSentence('Posted guards at every gate, the captain went to bed.').score <= 0);
    const cut = cutNote(
      'Wrote this for my nephew, who wanted to know what the robots do at night. Posted with his permission. The robots, as it turned out, played cards.',
    );
    assert.equal(cut?.story, 'The robots, as it turned out, played cards.');
  });

  it('sets a labelled author’s note’s closing disclaimer apart as the disclaimer', async () => {
    const text = [
      'Morning Shift',
      'by lambda_lace',
      '',
      'A/N: Barney gets one nice morning before everything goes wrong. Thanks to my beta for reading it twice. Half-Life belongs to Valve, obviously.',
      '',
      'The tram was late again, and Barney spent the wait counting ceiling tiles.',
      '',
      'By the time it came, he had counted all of them twice and got a different number each time.',
    ].join('\n');
    const work = await importWork([file('morning-shift.txt', text)]);
    assert.equal(work.disclaimer, 'Half-Life belongs to Valve, obviously.');
    assert.equal(
      work.notes.beginning,
      'Barney gets one nice morning before everything goes wrong. Thanks to my beta for reading it twice.',
    );
  });

  it('sets apart the disclaimer closing a note under its own label, in Russian', async () => {
    const text = [
      'Зимний каток',
      '',
      'Примечания:',
      'Это AU, где зима длится на неделю дольше. Спасибо бете за терпение!',
      'Все права на персонажей принадлежат Киру Булычёву.',
      '',
      'Часть 1. Лёд',
      '',
      '   Каток залили в пятницу, и уже в субботу на нём катался весь двор.',
      '   Коля пришёл последним и долго стоял у бортика, не решаясь выйти на лёд.',
      '',
      'Часть 2. Оттепель',
      '',
      '   В понедельник началась оттепель, и каток превратился в огромную лужу.',
    ].join('\n');
    const work = await importWork([file('katok.txt', text)]);
    assert.equal(work.disclaimer, 'Все права на персонажей принадлежат Киру Булычёву.');
    assert.equal(work.notes.beginning, 'Это AU, где зима длится на неделю дольше. Спасибо бете за терпение!');
  });

  it('reads a labelled disclaimer above the first chapter as the disclaimer, not a note', async () => {
    const md = [
      '# One More Thing',
      '',
      '*by rumpled_coat*',
      '',
      '- [ ] send to @Maggie for beta',
      '- [x] check which season the dog shows up',
      '',
      '**A/N:** Written for a friend who says this fandom is all politeness. She is right.',
      '',
      '**Disclaimer:** Not mine; they belong to the studio.',
      '',
      '## Part One',
      '',
      'The house had a fountain in the drive and a butler at the door, and the lieutenant admired both at length.',
      '',
      '## Part Two',
      '',
      'By the time he left, the butler had told him everything, and the fountain had been switched off.',
    ].join('\n');
    const work = await importWork([file('one-more-thing.md', md)]);
    assert.equal(work.disclaimer, 'Not mine; they belong to the studio.');
    assert.ok(work.notes.beginning?.includes('Written for a friend'));
    assert.ok(!work.notes.beginning?.includes('A/N'));
  });

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

  it('hears the writer saying when the next part comes, and what it holds, at the end of a chapter', async () => {
    for (const promise of [
      'pt 2 tomorrow!!',
      '(more tomorrow, too sleepy)',
      'Part 2 in a minute!',
      'More soon!',
      'Next: Lin finds the box.',
      'Next chapter Iroh writes back.',
      'Up next: the storm.',
      'Let me know if I should continue this!',
      '*hides* Don’t hate me!',
      // As forums' writers say it in other languages, in a text file too.
      '(continua qui sotto)',
      'Fortsetzung folgt im nächsten Beitrag!',
    ]) {
      const text = [
        'Chapter 1',
        '',
        iceScene('first'),
        '',
        iceScene('second'),
        '',
        promise,
        '',
        'Chapter 2',
        '',
        iceScene('third'),
      ];
      const work = await importWork([file('ice.txt', text.join('\n'))]);
      assert.equal(work.chapters[0].notes.end, promise, promise);
      assert.deepEqual(chapterParagraphs(work, 0), [iceScene('first'), iceScene('second')], promise);
    }
    // Told in the story, the same words are narration.
    for (const story of [
      'More soon followed, whether she liked it or not.',
      'Next time she would bring a rope.',
      'Part of her wanted to stay on the ice.',
      'Let me know if he calls, Ren said.',
    ])
      assert.ok(judgeSentence(story).score <= 0, story);
    // "-end chapter-" and "End of Chapter 1" close a chapter as "THE END" closes a story: not its story.
    for (const mark of ['-end chapter-', 'End of Chapter 1', '~ end of part two ~']) assert.ok(isEndMarker(mark), mark);
    // Greek capitals drop the accent: "ΤΕΛΟΣ" is "Τέλος".
    assert.ok(isEndMarker('ΤΕΛΟΣ'));
  });

  it('sets apart the writer’s note on the file’s first line when the story starts on the line under it', async () => {
    const note = "ok here's the thing i said i'd finish. unbeta'd and written on my phone so sorry for typos lol";
    const story = [
      'The teahouse was nearly empty, which was the only reason Childe agreed to come.',
      'Zhongli had ordered for both of them before he even sat down, four pots of tea and a plate of lotus seeds.',
      '“Are those food?” Childe asked.',
    ];
    const work = await importWork([file('teahouse.txt', `${note}\n${story[0]}\n\n${story[1]}\n\n${story[2]}`)]);
    assert.equal(work.preview.pieces.find((p) => p.part === 'notes')?.text, note);
    assert.deepEqual(chapterParagraphs(work, 0), story);
  });

  it('hears the writer on their own edits to a post, not a character editing something', () => {
    for (const edit of [
      'Edited 12 March to fix the timeline, thanks to the reader who spotted it!',
      'Edit: fixed the typos in the second scene.',
      'ETA: corrected Hugh’s title.',
    ])
      assert.equal(judgeSentence(edit).reason, 'says what the writer edited', edit);
    for (const story of ['Edited out of every photograph, she learned to stand at the edge.', 'Edith fixed the fence.'])
      assert.notEqual(judgeSentence(story).reason, 'says what the writer edited', story);
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

  it('parts a disclaimer, a labelled note and the story run together on one line under a title and a byline', async () => {
    const text = [
      'Thin Ice',
      'by kit_and_ren',
      '',
      `Disclaimer: I own nothing. A/N: Set after season 2. ${iceScene('first')}`,
      '',
      iceScene('second'),
    ].join('\n');
    const work = await importWork([file('ice.txt', text)]);
    assert.equal(work.disclaimer, 'I own nothing.');
    assert.equal(work.notes.beginning, 'Set after season 2.');
    assert.deepEqual(chapterParagraphs(work, 0), [iceScene('first'), iceScene('second')]);
    // A label of several words opening the line is one label: "Author's Note:" is not cut before "Note:".
    const note = 'Sorry for any mistakes, English is not my first language. Thanks to my beta!';
    const labelled = text.replace(/^Disclaimer: .*? (?=The first)/mu, `Author's Note: ${note} `);
    assert.equal((await importWork([file('ice.txt', labelled)])).notes.beginning, note);
  });

  it('hears a note on a line of its own over the story: a gift, a birthday, when the story takes place, in brackets too', async () => {
    for (const note of [
      '(Written for the Lighthouse Exchange 2019.)',
      'for lamp_keeper, happy birthday!!',
      'Takes place after the events of chapter 12.',
    ]) {
      const text = ['Thin Ice', 'by kit_and_ren', '', note, '', iceScene('first'), '', iceScene('second')].join('\n');
      const work = await importWork([file('ice.txt', text)]);
      assert.equal(work.notes.beginning, note, note);
      assert.deepEqual(chapterParagraphs(work, 0), [iceScene('first'), iceScene('second')], note);
    }
    // Told in the story, the same words stay narration.
    assert.ok(judgeSentence('(She had not been there since the winter.)').score <= 0);
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

describe('the author’s words at a story’s ends, and narration that only sounds like them', () => {
  const harbour = [
    'Mara pushed the door open and stepped into the rain. The street was empty except for a cat sheltering under the baker’s awning, and the lamps had not yet been lit.',
    'She walked to the harbour the long way, past the chapel and the old rope works, because she was not ready to see the ship. Her brother had written that it would come in on the evening tide.',
    '“You’re late,” said the harbourmaster when she reached the pier. “Tide turned an hour ago.”',
    '“I know,” Mara said. She sat on the bollard and watched the grey water, and after a while the harbourmaster brought her a mug of tea and sat beside her without a word.',
    'The ship came in at dusk with its lamps lit. Mara stood up, set the mug down carefully on the stones, and went to meet it.',
  ];
  const storyOf = (work: Awaited<ReturnType<typeof importWork>>) => storyBlocks(work, '');

  it('hears more of what writers say to readers, in English and in other languages', () => {
    for (const sentence of [
      'Reviews are better than cocoa.',
      'Not beta’d, all mistakes mine.',
      'For the Patrick O’Brian fest.',
      'Dedicated to JustAnotherTestSubject — thank u for the cover!!',
      'comment if u want part 3 it’ll be the escape',
      'if you reblog this i love you',
      'Story © me, please don’t repost.',
      'Sorry in advance.',
      'Next month: the Legion arc, finally.',
      'Thanks to Placid_Heron and the Tale Critique thread for going over this one.',
      'Skriv gärna i min gästbok vad ni tyckte!',
      'Si t’ha agradat, pots deixar un comentari a sota.',
      'E aí, gostaram?',
      'Nhớ bình chọn và để lại bình luận cho mình nha.',
      'هذه أول قصة أكتبها، أرجو أن تعجبكم.',
      'נו, תגיבו, אני רוצה לדעת אם לכתוב המשך.',
      'Продолжение, возможно, будет.',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
    for (const sentence of ['That’s all for this year.', 'See you in January.', 'Here’s the rest.'])
      assert.ok(judgeSentence(sentence).score >= 1, sentence);
    for (const sentence of [
      'For the rest of the week, the harbour was quiet.',
      'Eles gostaram do bolo.',
      'That’s it.',
      'She had posted it on AO3 that night.',
      'I hope you enjoy the view, the guide said, and left us on the ridge.',
      'Comments are welcome, the sign on the harbour office said, but nobody ever left any.',
    ])
      assert.ok(judgeSentence(sentence).score <= 0, sentence);
  });

  it('keeps a told line of speech or a site in the narration as story at either end', async () => {
    const opening = 'I hope you enjoy the view, the guide said, and left us on the ridge.';
    const closing = 'Comments are welcome, the sign on the harbour office said, but nobody ever left any.';
    const posted = 'She had posted it on AO3 that night.';
    for (const story of [
      [opening, ...harbour],
      [...harbour, closing],
      [...harbour.slice(0, 4), posted],
    ]) {
      const work = await importWork([file('harbour.txt', story.join('\n\n'))]);
      assert.equal(work.notes.beginning, null, story[0]);
      assert.equal(work.notes.end, null, story.at(-1));
      assert.deepEqual(storyOf(work), story);
    }
  });

  it('reads an end note above the page’s lines under the story (a heading, links, a copyright)', async () => {
    const note =
      'That’s all for this year. Thank you for reading, and for the kind notes all autumn. See you in January.';
    const html = `<html><body>${harbour.map((p) => `<p>${p}</p>`).join('')}<p><em>${note}</em></p><h4>Discussion about this post</h4></body></html>`;
    const work = await importWork([file('post.html', html)]);
    assert.equal(work.notes.end, note);
    assert.deepEqual(storyOf(work), harbour);

    const guestbook = 'Skriv gärna i min gästbok vad ni tyckte! Jag blir så glad av varje inlägg.';
    const text = [...harbour, guestbook, 'Tillbaka till Mina berättelser'].join('\n\n');
    const page = await importWork([file('lejon.txt', text)]);
    assert.equal(page.notes.end, guestbook);
    assert.deepEqual(storyOf(page), harbour);
  });

  it('reads a Japanese end note above the site’s links, and leaves the end marker opening a note out of it', async () => {
    const japanese = [
      'マラは扉を開けて雨の中へ出た。通りには誰もいなくて、パン屋の日よけの下で猫が一匹雨宿りをしているだけだった。',
      '彼女は礼拝堂と古い綱工場の前を通って、遠回りをして港へ向かった。兄の手紙には、船は夕方の満ち潮で入ってくると書いてあった。',
      'マラは係船柱に腰を下ろして灰色の水を眺めた。しばらくすると港長が紅茶のマグを持ってきて、何も言わずに隣に座った。',
      '日が暮れるころ、灯りをともした船が入ってきた。マラは立ち上がって、船を迎えに行った。',
    ];
    const thanks = '最後まで読んでくださってありがとうございました！この話がずっと書きたかったんです。';
    const work = await importWork([
      file('ginga.txt', [...japanese, thanks, '前の作品 次の作品', 'コメント'].join('\n\n')),
    ]);
    assert.equal(work.notes.end, thanks);
    assert.deepEqual(storyOf(work), japanese);

    const note = 'Cảm ơn mọi người đã đọc đến đây! Nhớ bình chọn và để lại bình luận cho mình nha.';
    const ended = await importWork([
      file('de-men.txt', [...harbour, `Hết. ${note}`, 'Bạn cũng sẽ thích'].join('\n\n')),
    ]);
    assert.equal(ended.notes.end, note);
    assert.deepEqual(storyOf(ended), harbour);
  });

  it('cuts a note run into the last line above “THE END” with the site’s lines under it', async () => {
    const note = 'AN: omg thank u for reading!!! pls vote and comment if u want a part 2';
    const text = [...harbour.slice(0, 4), `${harbour[4]} ${note}`, 'THE END', 'You’ll also like'].join('\n\n');
    const work = await importWork([file('moonrise.txt', text)]);
    // The writer's note without its label; the site's heading under "THE END" is the site's, not the writer's.
    assert.equal(work.notes.end, 'omg thank u for reading!!! pls vote and comment if u want a part 2');
    assert.deepEqual(storyOf(work), harbour);
    assert.deepEqual(
      work.preview.pieces.filter((p) => p.text === 'You’ll also like').map((p) => p.part),
      ['metadata'],
    );
  });

  it('reads the end note above an archive’s buttons copied as text, “Kudos” among them', async () => {
    const text = [...harbour, 'Notes:\nThank you for reading!', 'Kudos\nBookmark\nComments (12)\n↑ Top'].join('\n\n');
    const work = await importWork([file('copied.txt', text)]);
    assert.equal(work.notes.end, 'Thank you for reading!');
    assert.deepEqual(storyOf(work), harbour);
    assert.deepEqual(
      work.preview.pieces.filter((p) => p.part === 'metadata').map((p) => p.text),
      ['Kudos', 'Bookmark\nComments (12)\n↑ Top'],
    );
  });

  it('knows a paragraph ending in a footnote’s mark for story, so the note above it stays apart', async () => {
    const story = [`${harbour[0].slice(0, -1)}.[1]`, ...harbour.slice(1)];
    const text = [
      'The Evening Tide\nMarguerite Hollow\nHarbour Tales (TV)',
      'Written for the Harbour Lights Exchange.',
      ...story,
      '[1] With apologies to the harbourmaster.',
    ].join('\n\n');
    const work = await importWork([file('dragons.txt', text)]);
    assert.equal(work.notes.beginning, 'Written for the Harbour Lights Exchange.');
    assert.deepEqual(storyOf(work), story);
    assert.equal(work.notes.end, '[1] With apologies to the harbourmaster.');
  });

  it('reads a chapter’s end note above the lines a thread or a list put between two parts', async () => {
    for (const sentence of [
      '(continued in part two)',
      'Part 2 follows in a separate file because the list software ate it the first time.',
      '(Part two tomorrow!',
      'Disclaimers etc. in part one.',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
    const text = [
      'Part One',
      ...harbour.slice(0, 3),
      '(continued in part two)',
      '* * *',
      '[personal profile] harbour_fic Fic: The Evening Tide (Harbour Tales, Mara & Jonah, 2/2)',
      'Part Two',
      ...harbour.slice(3),
    ].join('\n\n');
    const work = await importWork([file('tide.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.equal(work.chapters[0].notes.end, '(continued in part two)');
    assert.deepEqual(storyOf(work), harbour);
  });

  it('keeps a chapter’s note whole when the writer’s mail wrapped its sentence onto a second line', async () => {
    const text = [
      'Part One',
      ...harbour.slice(0, 3),
      'Part Two',
      'Thanks to everyone who wrote back about part one, I never thought\nanyone would read it!',
      ...harbour.slice(3),
    ].join('\n\n');
    const work = await importWork([file('tide.txt', text)]);
    assert.equal(
      work.chapters[1].notes.beginning?.replace(/\s+/g, ' '),
      'Thanks to everyone who wrote back about part one, I never thought anyone would read it!',
    );
    assert.deepEqual(storyOf(work), harbour);
  });

  it('reads a later part’s line sending readers to the first for the disclaimers as no part of the story', async () => {
    const text = [
      'Part One',
      ...harbour.slice(0, 3),
      'Part Two',
      'See part one for disclaimers.',
      ...harbour.slice(3),
    ].join('\n\n');
    const work = await importWork([file('tide.txt', text)]);
    assert.deepEqual(storyOf(work), harbour);
    assert.equal(work.disclaimer, 'See part one for disclaimers.');
  });

  it('hears what a story was written for, when it is set, and the rest of a disclaimer in more languages', () => {
    for (const sentence of [
      'A small thing for the Hogswatch-in-February challenge.',
      'Draft for the Zaun zine.',
      'For @boyle-family-recipes, who asked for "Holt losing at something he’s good at."',
      'Beta’d by the lovely gallifreyan_gal, all remaining mistakes are mine.',
      'This takes place a few months after Paul and Jessica join Sietch Tabr.',
      'Sie spielt viele Jahre nach dem Buch, Bastian ist erwachsen.',
      'Je n’ai fait que les emprunter pour une nuit.',
      'Aku cuma pinjam sebentar.',
      'Karakterler bana ait değildir, sadece ödünç aldım.',
      'Este cuento lo escribí para el concurso del foro de Quino el año pasado.',
      'Povídka do vánoční soutěže na fóru.',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
    for (const sentence of [
      'Waiting for the exchange.',
      'The man in the corner for the whole challenge stayed silent.',
      'It takes place after dark, the ritual.',
      'Sie spielt mit ihrer Katze vor dem Haus.',
    ])
      assert.ok(judgeSentence(sentence).score <= 0, sentence);
  });

  it('keeps a plain sentence inside a labelled note in the note when the note goes on after it', async () => {
    const note =
      'My first fic here! Mara is older in this one, and the harbourmaster has retired to a cottage by the chapel. I’d love to hear what you think.';
    const work = await importWork([file('tide.txt', [`A/N: ${note}`, ...harbour].join('\n\n'))]);
    assert.equal(work.notes.beginning, note);
    assert.deepEqual(storyOf(work), harbour);

    // Not the story's first lines, run into a note at each end of one line.
    const collapsed = `A/N: Thanks for reading! ${harbour[0]} ${harbour[1]} Please review!`;
    const line = await importWork([file('line.txt', [collapsed, ...harbour.slice(2)].join('\n\n'))]);
    assert.ok(storyOf(line)[0].startsWith(harbour[0]), storyOf(line)[0]);
  });

  it('hears a writer closing and planning more, and leaves a story’s plain “That’s it.” to it', async () => {
    for (const sentence of [
      'i might do one where bond wins a ribbon',
      'Might do a follow-up with Molly at some point.',
      'Maybe I’ll write a sequel.',
      'Nel prossimo capitolo: Natalina indaga da sola.',
      'Devamı yarın geliyor, söz!',
      'Chapter two below the cut!',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
    for (const story of [
      'I might do another lap.',
      'He was writing a sequel.',
      'That’s it.',
      'Devamı yarın gelecekti.',
      'The two chapters below the cut had been torn out.',
    ])
      assert.ok(judgeSentence(story).score < 2, story);
    const closing = 'ok that’s it. i might do one where the cat gets a ribbon';
    const work = await importWork([file('ribbon.txt', [...harbour, closing].join('\n\n'))]);
    assert.equal(work.notes.end, closing);
    assert.deepEqual(storyOf(work), harbour);
    const marked = await importWork([
      file('marked.txt', [...harbour.slice(0, 4), `${harbour[4]} That’s all! Please R&R ♥`].join('\n\n')),
    ]);
    assert.equal(marked.notes.end, 'That’s all! Please R&R ♥');
    assert.deepEqual(storyOf(marked), harbour);
  });

  it('reads a note in a right-to-left file, where every line opens with a mark that sets its direction', async () => {
    const thanks = 'شكرا لكل من قرأ حتى هنا، وأنتظر آراءكم في التعليقات.';
    assert.ok(judgeSentence(`\u200f${thanks}`).score >= 2);
    const work = await importWork([file('kalila.txt', [...harbour, `\u200f${thanks}`].join('\n\n'))]);
    assert.equal(work.notes.end?.replace('\u200f', ''), thanks);
    assert.deepEqual(storyOf(work), harbour);
  });

  it('reads a right-to-left file’s summary whichever mark opens its lines (Word’s embedding, an isolate)', async () => {
    const story = [
      'كانت الريح تهب من البحر حين وصلت مريم إلى الميناء. لم يكن في الشارع أحد سوى قطة تحت مظلة الخباز.',
      'مشت إلى الرصيف من الطريق الطويل، مرورا بالكنيسة ومصنع الحبال القديم، لأنها لم تكن مستعدة لرؤية السفينة.',
      'جلست على الحجر وراقبت الماء الرمادي، وبعد حين جاءها حارس الميناء بكوب من الشاي وجلس بجانبها دون كلمة.',
    ];
    for (const mark of ['\u200f', '\u202b', '\u2067']) {
      const lines = ['المرفأ', 'الملخص: مريم تنتظر سفينة أخيها.', ...story].map((line) => mark + line);
      const work = await importWork([file('marfa.txt', lines.join('\n\n'))]);
      assert.equal(work.summary, 'مريم تنتظر سفينة أخيها.', `U+${mark.codePointAt(0)!.toString(16)}`);
      assert.deepEqual(
        storyOf(work),
        story.map((line) => mark + line),
      );
    }
  });

  it('reads the lines between MultiMarkdown metadata and the document’s title heading as the writer’s note', async () => {
    const one = 'The lighthouse keeper counted the ships every evening, though nobody had asked her to.';
    const two = 'By morning the fog had come in, and she could not count anything at all.';
    const text = [
      'Title: Lamplight, Lately\nAuthor: harbour_owl\nRating: General',
      'Set the winter after the anime ends. This wanted to be longer and the cat would not let it.',
      '# Lamplight, Lately',
      '## I — Ships',
      ...Array(8).fill(one),
      '## II — Fog',
      ...Array(8).fill(two),
    ].join('\n\n');
    const work = await importWork([file('lamplight.md', text)]);
    assert.equal(
      work.notes.beginning,
      'Set the winter after the anime ends. This wanted to be longer and the cat would not let it.',
    );
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Ships', 'Fog'],
    );
    assert.deepEqual(chapterParagraphs(work, 0), Array(8).fill(one));
  });

  it('hears a writer apologising for a short chapter, promising the next, and answering comments', () => {
    for (const sentence of [
      'Short one, sorry!',
      'A short one today, sorry.',
      'The next one is longer I promise.',
      'Omake and replies to comments below the line, skip if you don’t care!',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
    for (const sentence of [
      'The next one was longer, and colder.',
      'Short of breath, sorry she had come, Mara sat down.',
    ])
      assert.ok(judgeSentence(sentence).score <= 0, sentence);
  });
});

describe('a note app’s quote box of labelled notes', () => {
  it('reads each labelled paragraph of a Markdown quote as its own field: the author’s note and the disclaimer', async () => {
    const text = [
      'Kapelusz panny Izabeli',
      '',
      '> **Od autorki:** Pisałam to na zajęcia z polskiego. Dziękuję Oli za betę!',
      '>',
      '> **Zastrzeżenie:** Postaci należą do Bolesława Prusa, ja tylko sprzątam w sklepie.',
      '',
      '### I. Wystawa',
      '',
      'Tego ranka, jak co dzień, otworzyłem sklep punktualnie o siódmej i nakręciłem pozytywkę z tańczącym niedźwiadkiem.',
    ].join('\n');
    const work = await importWork([file('lalka.md', text)]);
    assert.equal(work.notes.beginning, 'Pisałam to na zajęcia z polskiego. Dziękuję Oli za betę!');
    assert.equal(work.disclaimer, 'Postaci należą do Bolesława Prusa, ja tylko sprzątam w sklepie.');
  });

  it('keeps “I only borrowed them for a bit” with the disclaimer it follows', async () => {
    const text = [
      'Bells',
      '',
      "Disclaimer as always: Naruto is Kishimoto's. I only borrowed Team Seven for a bit.",
      '',
      'Kakashi had tied the bells to his belt again, which Sakura thought was frankly insulting, and said nothing.',
    ].join('\n');
    const work = await importWork([file('bells.txt', text)]);
    assert.match(work.disclaimer ?? '', /Naruto is Kishimoto's. I only borrowed Team Seven for a bit.$/);
  });

  it('leaves an Obsidian comment (“%% … %%”), hidden in its reading view, out of the story, kept as read', async () => {
    const story = [
      'The lamp in the shop window had burned all night, and nobody had come to put it out.',
      'In the morning the street was white, and the lamp was still burning.',
    ];
    const text = [
      '# The Lamp',
      '',
      story[0],
      '',
      "%% check the shopkeeper's son's name before posting %%",
      '',
      story[1],
    ].join('\n');
    const work = await importWork([file('lamp.md', text)]);
    assert.deepEqual(chapterParagraphs(work), story);
    assert.ok(work.preview.pieces.some((p) => p.part === 'metadata' && p.text.includes('check the shopkeeper')));
  });
});

describe('a writer’s “Voilà !!” opening the note run into the story’s last paragraph', () => {
  it('reads “Voilà !!” with the note after it, not as the story’s last words', async () => {
    const story = [
      'Ce soir-là, à Framboisy, le musée municipal était fermé depuis deux heures quand une ombre se glissa par la lucarne.',
      'Le lendemain matin, le masque était de retour dans sa vitrine, avec une petite carte où l’on avait dessiné une étoile.',
    ];
    const html = `<html><head><title>Le masque</title></head><body><h1>Le masque</h1>${story.map((p) => `<p>${p}</p>`).join('')}
      <p>Voilà !! La suite bientôt si vous laissez des coms !<br>Bisous, Léa ♥</p></body></html>`;
    const work = await importWork([file('masque.html', html)]);
    assert.deepEqual(chapterParagraphs(work), story);
    assert.match(work.notes.end ?? work.chapters[0].notes.end ?? '', /^Voilà !! La suite bientôt/);
  });
});

describe('notes in Dutch and French forum posts, and French narration that only looks like an English note', () => {
  const verhaal = [
    'Pluk reed op zijn kraanwagen door de stad, op zoek naar een huis, want hij had nog nooit een huis gehad.',
    'Bij het Torentje stopte hij, en hij keek omhoog naar het kleine raam helemaal bovenin, dat openstond.',
    'Daar woonde niemand, zei de portier, en niemand wilde er wonen, want de trap was veel te lang.',
  ];

  it('reads a Dutch greeting and a line saying whose the characters are, not mine, as the note and the disclaimer', async () => {
    const note = 'Hoi allemaal! Ik heb dit geschreven voor mijn zusje.';
    const disclaimer = 'Pluk is van Annie M.G. Schmidt, niet van mij.';
    const work = await importWork([
      file('pluk.txt', ['Het Torentje', `${note} ${disclaimer}`, ...verhaal].join('\n\n')),
    ]);
    assert.equal(work.disclaimer, disclaimer);
    assert.equal(work.notes.beginning, note);
    assert.deepEqual(storyBlocks(work, ''), verhaal);
  });

  it('reads "Deel 2 komt in de volgende post!" and "(la suite dans le message d’en dessous, c’était trop long !)" as the writer’s', () => {
    for (const line of [
      'Deel 2 komt in de volgende post!',
      "(la suite dans le message d'en dessous, c'était trop long !)",
      'La suite dans le message suivant.',
    ])
      assert.equal(judgeSentence(line).reason, 'says the story goes on in the next post', line);
    assert.equal(judgeSentence('La suite, dit-il, était ailleurs.').score, 0);
  });

  it('keeps French narration with "au" and "même" as story, and still hears an English writer’s AU', () => {
    for (const line of [
      'Il retourna deux chaises et alla chercher le pastis, ce qui, au Mistral, revenait souvent au même.',
      'Elle posa le thème au tableau, le même que la veille.',
    ])
      assert.ok(judgeSentence(line).score <= 0, line);
    assert.ok(judgeSentence('I wrote this AU for you guys.').score >= 2);
    assert.ok(judgeSentence('So this is a modern au, my first fic here.').score >= 1);
  });

  it('reads "Hết." opening the last line of a file without blank lines, and the thanks after it, as the end of the story and the end note', async () => {
    const truyen = [
      'Mùa đông năm ấy đến sớm, và Dế Mèn đã già. Chàng ngồi trước cửa hang, nhìn những chiếc lá cuối cùng rơi xuống.',
      'Trũi mang đến một ngọn đèn đom đóm, đặt bên cạnh anh. Hai anh em ngồi im lặng rất lâu, không ai nói gì.',
      'Gió thổi qua, lạnh buốt. Mèn kể lại chuyện ngày xưa, chuyện chị Cốc, chuyện Dế Choắt, và Trũi lắng nghe.',
      'Trũi hỏi anh có nhớ con mương nơi ngày xưa họ làm bè bằng lá sen không. Mèn cười, nói nhớ chứ, nhớ cả tiếng nước.',
      'Họ nói về những chuyến đi xa, về những trận đánh, về những lần được gọi là anh hùng. Nhưng Mèn chỉ nhớ một cái hang nhỏ.',
      'Sáng hôm sau, hai anh em rời hang, đi qua bờ ruộng, qua gốc cây cũ, rồi dừng lại trước cái hang đã sụp mất một nửa.',
      'Mèn quỳ xuống, lấy càng đào một lỗ nhỏ, rồi gieo từng hạt cỏ xuống đất lạnh. Tay chàng run run, nhưng chàng không dừng.',
      'Khi trời sáng, ngọn đèn đã tắt, nhưng hai anh em vẫn ngồi đó. Mùa xuân năm sau, cỏ non mọc kín cửa hang.',
    ];
    const end = 'Cảm ơn mọi người đã đọc đến đây! Nhớ bình chọn và để lại bình luận cho mình nha.';
    // The chapter's lines without blank lines between them, as a phone's copy gives them.
    const work = await importWork([file('de-men.txt', `Ngọn đèn\n\n${[...truyen, `Hết. ${end}`].join('\n')}`)]);
    assert.equal(work.notes.end ?? work.chapters.at(-1)?.notes.end, end);
    assert.doesNotMatch(storyBlocks(work, '').join('\n'), /Hết|Cảm ơn/);
  });
});

describe('greetings and send-offs in Polish and Portuguese', () => {
  it('hears "Witajcie!", "Obiecałam nowe opowiadanie" and "Boa leitura!" as the writer’s', () => {
    for (const line of ['Witajcie!', 'Obiecałam nowe opowiadanie na wakacje, no to jest.', 'Boa leitura!'])
      assert.ok(judgeSentence(line).score >= 2, line);
  });
});

describe('story lines that only look like the writer’s words, a site’s footer or a part’s heading', () => {
  it('keeps them the story’s: speech with who said it, a thing that is someone’s, a party hosted, a sentence after その', () => {
    for (const line of [
      'Let me know if you want the car tonight, Dad said without looking up.',
      'Happy birthday, she wrote on the card, and then crossed it out.',
    ])
      assert.ok(judgeSentence(line).score <= 0, line);
    for (const line of [
      'Ta książka należy do Marty, ja tylko ją pożyczyłam.',
      'Ten dům patří Petrovi, já jen hlídám.',
      'Dit is van Pieter, niet van mij.',
      'Sanne is van Daan, niet van mij.',
    ])
      assert.equal(isDisclaimer(line), false, line);
    assert.equal(chromeStrength('The party was hosted by the Weasleys.'), undefined);
    assert.equal(chapterHeading('その三、四日後、彼から手紙が来た。'), undefined);
  });
});

describe('a writer’s words on how the story was typed, and an end mark typed in lower case', () => {
  it('hears "sorry for typos" and "excuse any mistakes" as the writer’s, not "Forgive my mistakes, he said"', async () => {
    for (const sentence of [
      '(drafted on the bus, sorry for typos)',
      'Apologies for the formatting, I posted this from my phone.',
      'Please excuse any mistakes.',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
    assert.ok(judgeSentence('Forgive my mistakes, he said, and turned away.').score <= 0);
    const note = '(drafted on the bus, sorry for typos)';
    const text = [
      'Thin Ice',
      'by kit_and_ren',
      note,
      '',
      'Chapter 1',
      '',
      iceScene('first'),
      '',
      'Chapter 2',
      '',
      iceScene('second'),
    ];
    const work = await importWork([file('ice.txt', text.join('\n'))]);
    assert.match(work.notes.beginning ?? '', /sorry for typos/);
  });

  it('reads "end. sorry it’s short!!" under the last chapter as the end note', async () => {
    const last = "end. sorry it's short!! the game is short too";
    const text = [
      'Thin Ice',
      '',
      'Chapter 1',
      '',
      iceScene('first'),
      '',
      'Chapter 2',
      '',
      iceScene('second'),
      '---',
      last,
    ];
    const work = await importWork([file('ice.txt', text.join('\n'))]);
    assert.equal(work.chapters[1].notes.end ?? work.notes.end, last);
    assert.deepEqual(chapterParagraphs(work, 1), [iceScene('second')]);
  });
});

describe('story lines this session’s rules first took for headings, notes, disclaimers or bylines (a review’s probes)', () => {
  it('keeps a sign and a wrapped line with words in brackets out of the chapter headings', () => {
    assert.equal(chapterHeading('DELI (OPEN LATE)'), undefined);
    assert.equal(chapterHeading('part two (the one everybody said was boring, with the long trial)'), undefined);
  });

  it('hears a story’s future tense in the Nordic languages, Hungarian and Turkish as story, the next part promised as a note', () => {
    for (const sentence of [
      'Næste del kommer til at blive den sværeste.',
      'Nästa del kommer att bli den svåraste.',
      'Seuraava osa tulee olemaan vaikein.',
      'A következő rész jön, gondolta, és felállt.',
      'Sonraki bölüm yarın akşam yayınlanacaktı.',
      'Miss Tandy was not sorry for the spelling test, and she said so twice.',
    ])
      assert.ok(judgeSentence(sentence).score <= 0, sentence);
    for (const sentence of ['Næste kapitel kommer i morgen!', 'Seuraava luku tulee ensi viikolla.'])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
  });

  it('reads no disclaimer in a farmer’s money or a cast list, and no byline in a Danish title', () => {
    assert.equal(
      isDisclaimer('Nobody is making any money this year, Pa said, and he went back out to the barn.'),
      false,
    );
    assert.equal(isDisclaimer('A szereplőlistán láttam, hogy a főszerep már nem az enyém.'), false);
    assert.equal(isDisclaimer('Nobody is making any money from this, promise.'), true);
    assert.equal(isByline('Af hjertens lyst'), false);
    assert.equal(isByline('af bennymedbriller'), true);
  });

  it('keeps the salutation of a story told as a letter', async () => {
    const text = ['Dear friends,', '', iceScene('first'), '', iceScene('second')].join('\n');
    const work = await importWork([file('letter.txt', text)]);
    assert.equal(chapterParagraphs(work, 0)[0], 'Dear friends,');
  });
});

describe('story lines the chat, board and page rules first took for the site’s or the writer’s (a review’s probes)', () => {
  const story = [iceScene('first'), iceScene('second'), iceScene('third')];
  const html = (head: string, body: string) => ({
    name: 'page.html',
    bytes: new TextEncoder().encode(`<html><head><title>${head}</title></head><body>${body}</body></html>`),
  });

  it('keeps "From my POV, …" in a first-person story', () => {
    assert.ok(judgeSentence('From my POV, the whole thing was Tom’s fault.', true).score <= 0);
    assert.ok(judgeSentence('Rocky’s POV, of course.').score >= 2);
  });

  it('keeps a time skip set in bold under the note, and a dated epigraph box, in the story', async () => {
    const paragraphs = story.map((p) => `<p>${p}</p>`).join('');
    const bold = await importWork([
      html(
        'The Keeper - Harbour Fics',
        `<div class="post-body"><p>A/N: thanks so much for the comments! this is the prequel.</p><p><b>Twenty Years Earlier</b></p>${paragraphs}</div>`,
      ),
    ]);
    assert.notEqual(bold.title, 'Twenty Years Earlier');
    assert.equal(chapterParagraphs(bold, 0)[0], 'Twenty Years Earlier');
    const epigraph = await importWork([
      html(
        'The Keeper',
        `<h1>The Keeper</h1><div class="author-epigraph"><p>Winter, 1912</p></div><div class="entry">${paragraphs}</div>`,
      ),
    ]);
    assert.equal(chapterParagraphs(epigraph, 0)[0], 'Winter, 1912');
  });

  it('keeps lines of verse under a post’s "--" in the story, and names between ornaments that are no names', async () => {
    const verse = ['the light on the water', 'the key in his coat'];
    const post = `<table class="post"><tr><td class="author"><b>keeper_oona</b><br>Posts: 88<br>Registered: Mar 2002</td><td class="msg"><b>The Brass Key</b><br><br>${story.join('<br><br>')}<br><br>--<br>${verse.join('<br>')}</td></tr></table>`;
    const reply = `<table class="post"><tr><td class="author"><b>gull_feather</b><br>Posts: 12<br>Registered: Apr 2002</td><td class="msg">ooh lovely!! more please</td></tr></table>`;
    const board = await importWork([html('The Brass Key - Harbour Lights Board', post + reply)]);
    assert.ok(
      board.preview.pieces.some((p) => p.part === 'text' && p.text.includes('the key in his coat')),
      JSON.stringify(board.preview.pieces.map((p) => [p.part, p.text.slice(0, 40)])),
    );
    const text = ['Two Summers', '', '~ Then ~', '', story[0], '', story[1], '', '~ Now ~', '', story[2], '', story[0]];
    const work = await importWork([file('summers.txt', text.join('\n'))]);
    assert.equal(work.chapters.length, 1);
  });
});

describe('what writers of own files say above the story: where it first appeared, whose the characters are', () => {
  const scenes = ['first', 'second', 'third', 'fourth'].map(iceScene);
  /** Two parts under centred headings, as a zine's typed pages have them. */
  const parts = [
    '                              PART I',
    '',
    scenes[0],
    '',
    scenes[1],
    '',
    '                              PART II',
    '',
    scenes[2],
    '',
    scenes[3],
  ];

  it('reads a zine reprint’s “This story was written for …” as a note and “… and its characters are the property of …” as the disclaimer', async () => {
    const text = [
      '                         LETTERS FROM KIMPO',
      '                     A M*A*S*H story by R. Pierce',
      '',
      'This story was written for "The Swamp", issue 6, and is reprinted here with the editor\'s kind permission. Comments to the address on the contents page.',
      '',
      'M*A*S*H and its characters are the property of 20th Century Fox. This is an amateur work and no infringement is intended.',
      '',
      ...parts,
    ].join('\r\n');
    const work = await importWork([file('kimpo.txt', text)]);
    assert.equal(
      work.notes.beginning,
      'This story was written for "The Swamp", issue 6, and is reprinted here with the editor\'s kind permission. Comments to the address on the contents page.',
    );
    assert.equal(
      work.disclaimer,
      'M*A*S*H and its characters are the property of 20th Century Fox. This is an amateur work and no infringement is intended.',
    );
    assert.equal(work.summary, null);
    assert.deepEqual(chapterParagraphs(work, 0), scenes.slice(0, 2));
  });

  it('keeps a line under the title that tells what the story is about as its summary', async () => {
    const text = [
      'Letters from Kimpo',
      'by R. Pierce',
      '',
      'Radar gets two letters from home, and both of them are about the cow.',
      '',
      ...parts,
    ].join('\n');
    const work = await importWork([file('kimpo.txt', text)]);
    assert.equal(work.summary, 'Radar gets two letters from home, and both of them are about the cow.');
    assert.equal(work.notes.beginning, null);
  });

  it('reads “Based on the books by …” with “I own nothing but …” as the disclaimer, and “X owns everything; I own …” closing a note', async () => {
    const based = [
      '# The Darrowby Show',
      '',
      '*by heatherandhay*',
      '',
      '> Based on the books by James Herriot and the TV series. I own nothing but a very spoiled Pekingese of my own.',
      '',
      ...scenes.join('\n\n').split('\n'),
    ].join('\n');
    const work = await importWork([file('darrowby.md', based)]);
    assert.equal(
      work.disclaimer,
      'Based on the books by James Herriot and the TV series. I own nothing but a very spoiled Pekingese of my own.',
    );
    assert.equal(work.notes.beginning, null);
    const owns = [
      'Gotham, Rain',
      'by Oracle_Reads',
      '',
      "Author's note: Alfred-centric, because he deserves it. Set in no particular continuity. DC owns everything; I own a raincoat.",
      '',
      ...scenes.join('\n\n').split('\n'),
    ].join('\n');
    const rain = await importWork([file('gotham.txt', owns)]);
    assert.equal(rain.disclaimer, 'DC owns everything; I own a raincoat.');
    assert.equal(rain.notes.beginning, 'Alfred-centric, because he deserves it. Set in no particular continuity.');
  });

  it('keeps a first-person narrator owning little, and a book told of as based on another, in the story', async () => {
    assert.ok(!isDisclaimer('The film, based on the books by Roald Dahl, ran for three hours.'));
    assert.ok(judgeSentence('I own nothing but the clothes on my back.', true).score <= 0);
    assert.ok(judgeSentence('Dad owns everything; I own a bike and a bad temper.', true).score <= 0);
    const opening = [
      'I own nothing but the clothes on my back and a bus pass that runs out on Friday.',
      '',
      'Nobody tells you that about leaving home: how little of it comes with you, and how light the bag is.',
      '',
      'I walked to the station the long way, past the school and the chip shop, so that I would not have to see the house.',
      '',
      'At the station I bought tea I did not want, and held it until it was cold, and got on the first train that came.',
    ].join('\n');
    const work = await importWork([file('leaving.txt', opening)]);
    assert.equal(
      chapterParagraphs(work)[0],
      'I own nothing but the clothes on my back and a bus pass that runs out on Friday.',
    );
    assert.equal(work.disclaimer, null);
  });
});
