import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { judgeSentence } from '../../../src/text/import/note-sentences.ts';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { chapterBlocks, storyHtml as allStory, textFile as file } from '../../support/imports.ts';

/** The story's paragraphs of a chapter, as the preview shows them. */
const paragraphs = (work: ImportedWork, chapter: number) => chapterBlocks(work, chapter, '*');

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

  it('keeps a lower-case text message ending a chapter of a story told in texts as story, not as the end note', async () => {
    const text = [
      'Read Receipts',
      'by harbour_owl',
      '',
      'Chapter 1',
      '',
      'Mara: did you get the package',
      '',
      'Jonah: I got it. I opened it on the bus and nearly cried.',
      '',
      'Mara: it was the notebook from the shop on Fell Street. the one with the blue cover.',
      '',
      'Jonah read it twice on the bus home. thank you for reading it. i wrote it for you.',
      '',
      'Chapter 2',
      '',
      'Mara: are you awake',
      '',
      'Jonah: I am now. What happened?',
    ].join('\n');
    const work = await importWork([file('texts.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.equal(work.chapters[0].notes.end, null);
    assert.equal(
      paragraphs(work, 0).at(-1),
      'Jonah read it twice on the bus home. thank you for reading it. i wrote it for you.',
    );
  });

  it('hears sign-offs, settings and dedications writers write, in several languages', () => {
    for (const sentence of [
      'Cheers for reading – reviews are very welcome.',
      'This takes place in 1969, before the war.',
      "It's a standalone.",
      'ch 2 coming tmrw i promise',
      'Para @luna_azul, feliz cumpleaños!',
      '@sarikedi_hayrani için, doğum günün kutlu olsun!',
      'En liten berättelse jag skrev till min dotter.',
      '안녕하세요! 오랜만에 팬픽 들고 왔어요.',
      '드라마 끝나고 허전해서 쓴 짧은 글이에요.',
    ])
      assert.ok(judgeSentence(sentence).score >= 2, sentence);
    assert.ok(judgeSentence('Cheers for the drinks, mate.').score <= 0);
  });

  it('sets a Korean disclaimer apart from the story', async () => {
    const text = [
      '고래',
      '',
      '※ 본 글은 드라마의 2차 창작입니다. 등장인물의 권리는 원작에 있습니다.',
      '',
      '* * *',
      '',
      '우영우는 회전문 앞에서 세 번 숨을 쉬었다. 하나, 둘, 셋. 그리고 네 번째 숨을 쉬려는 순간, 옆에서 누군가 조용히 손을 내밀었다.',
    ].join('\n');
    const work = await importWork([file('whale.txt', text)]);
    assert.match(work.disclaimer ?? '', /2차 창작/);
    assert.doesNotMatch(allStory(work), /2차 창작/);
  });

  it('reads the words under Wattpad’s “end of published parts” line as the site’s, and the note above it as a note', async () => {
    const story = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Bruno sat at the table for the ${i + 1}th morning and ate his arepa slowly, one bite at a time.</p>`,
    ).join('');
    const html = `<html><body><h1>The Chair</h1><div class="story">${story}<p>~</p><p>Don't forget to vote and comment if you liked it!</p></div>
<div class="part-footer"><span>You've reached the end of published parts.</span><div>Share</div></div>
<div class="comments"><h3>Comments</h3><div>bruno_fan</div><div>the rat in the bread basket IM CRYING</div></div></body></html>`;
    const work = await importWork([file('chair.html', html)]);
    assert.doesNotMatch(allStory(work), /vote and comment|reached the end|IM CRYING/);
    assert.match(work.notes.end ?? work.chapters[0].notes.end ?? '', /vote and comment/);
  });

  it('reads Wattpad’s vote, comment and share buttons in its other languages as the site’s, not the chapter’s end note', async () => {
    const story = (n: number) =>
      Array.from(
        { length: 6 },
        (_, i) =>
          `Mecnun sat at the table for the ${i + 1}th morning of part ${n} and ate his simit slowly, one bite at a time.`,
      );
    for (const [buttons, next] of [
      ['★ Oy ver   ↗ Paylaş', ''],
      ['★ Bình chọn   💬 Bình luận (23)   ↗ Chia sẻ', '\nTiếp tục đọc phần tiếp theo'],
    ]) {
      const text = [
        'Chapter 1: Simit',
        ...story(1),
        `Next chapter is the last one, thanks for reading!\n${buttons}${next}`,
        'Chapter 2: Tea',
        ...story(2),
      ].join('\n\n');
      const work = await importWork([file('simit.txt', text)]);
      assert.equal(work.chapters[0].notes.end, 'Next chapter is the last one, thanks for reading!', buttons);
      assert.deepEqual(paragraphs(work, 1), story(2), buttons);
    }
  });

  it('reads “Afterword” after the story’s END as the work’s end notes, not a last chapter', async () => {
    const text = [
      'THE LONG WATCH',
      'by viper_seven',
      '',
      'Chapter One',
      '',
      'Kara flew the long watch forty-one times and never saw anything on it. That was the point of the long watch.',
      '',
      'Chapter Two',
      '',
      'At hour six the dradis blinked once and went clean. Kara looked at it for a long moment and waited.',
      '',
      'END',
      '',
      'Afterword',
      '',
      'So say we all. Feedback welcome at the usual place.',
    ].join('\n');
    const work = await importWork([file('watch.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.equal(work.notes.end, 'So say we all. Feedback welcome at the usual place.');
  });

  it('keeps the narrator’s “Afterword” after the “THE END” of a story told within the story as the last chapter', async () => {
    const afterword =
      'I closed the manuscript as the sun came up and sat for a long time with the tin in my lap. I did not sell the house. I wound every clock in it instead, and I have kept them going since.';
    const text = [
      'The Book of Small Hours',
      'by harbour_owl',
      '',
      'Chapter 1: The Manuscript',
      '',
      'My grandmother left me a manuscript in a biscuit tin, and a note that said only: read it before you sell the house. I sat on the kitchen floor and read it through the night.',
      '',
      'Chapter 2: The Small Hours',
      '',
      'Once there was a clockmaker who stole an hour from every night, and kept them in jars on a shelf above his bench, until the town woke one morning and found that it was old.',
      '',
      'THE END',
      '',
      'Afterword',
      '',
      afterword,
    ].join('\n');
    const work = await importWork([file('hours.txt', text)]);
    assert.equal(work.notes.end, null);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Manuscript', 'The Small Hours', 'Afterword'],
    );
    assert.deepEqual(paragraphs(work, 2), [afterword]);
  });

  it('keeps a sign the story reads out as story, even when it says “DISCLAIMER:”', async () => {
    const text = [
      'Room Nine',
      'by lister_fan',
      '',
      'Chapter 1 – The Corridor',
      '',
      'Lister walked down the corridor to the last door, and Kryten followed him, complaining about the dust all the way.',
      '',
      'Chapter 2 – Room Nine',
      '',
      'DISCLAIMER: The company accepts no responsibility for crew who enter this room, said the sign on the last door, in letters so faded that only Lister could read them.',
      '',
      'Inside, on a single shelf, under three million years of dust, sat one glass jar.',
    ].join('\n');
    const work = await importWork([file('room.txt', text)]);
    assert.equal(work.disclaimer, null);
    assert.match(paragraphs(work, 1)[0], /^DISCLAIMER: The company .* said the sign on the last door/);
  });

  it('still reads an author’s note that tells readers to read another note as a note', async () => {
    const text = [
      'Room Nine',
      'by lister_fan',
      '',
      'A/N: Confused? If so, read the note at the end.',
      '',
      'Lister walked down the corridor to the last door, and Kryten followed him, complaining about the dust all the way.',
      '',
      'Inside, on a single shelf, under three million years of dust, sat one glass jar.',
    ].join('\n');
    const work = await importWork([file('room.txt', text)]);
    assert.equal(work.notes.beginning, 'Confused? If so, read the note at the end.');
    assert.match(paragraphs(work, 0)[0], /^Lister walked/);
  });

  it('reads a page’s footnote under the story, and its comments under “Discussion about this post”, apart from the story', async () => {
    const story = Array.from(
      { length: 5 },
      (_, i) => `<p>Poirot looked at the jar for the ${i + 1}th time and said nothing at all about the marmalade.</p>`,
    ).join('');
    const html = `<html><body><article><h1>The Vanishing Marmalade</h1><div class="body">
<p>"One jar each Monday. I consume none, naturally.<a class="footnote-anchor" href="#footnote-1">1</a> You consume a spoonful."</p>${story}
<hr><p><em>Thank you, as always, for reading and for subscribing.</em></p>
<div class="footnote"><a class="footnote-number" href="#footnote-anchor-1">1</a><div class="footnote-content"><p>Poirot, in the books, would never eat marmalade.</p></div></div>
</div><div class="post-footer"><a href="#">♡ 41 Likes</a> · <a href="#">12 Comments</a> · <a href="#">Share</a></div>
<div class="comments-section"><h4>Discussion about this post</h4><div class="comment"><b>Agnes P.</b> The squirrel!! I should have guessed.</div></div>
</article></body></html>`;
    const work = await importWork([file('marmalade.html', html)]);
    const notes = [work.notes.end, ...work.chapters.map((c) => c.notes.end)].join('\n');
    assert.match(notes, /Thank you, as always/);
    assert.match(notes, /would never eat marmalade/);
    assert.doesNotMatch(allStory(work), /would never eat marmalade|Discussion about this post|should have guessed/);
  });

  it('keeps the story’s last line under a countdown as story, though a road named “A1” is in the story', async () => {
    const text = [
      'New Year on the A1',
      'by harbour_owl',
      '',
      'They had been stuck on the A1 since nine, the whole coach singing, and now the driver turned the radio up so everyone could hear the countdown from the square.',
      '',
      'Mara leaned her head on the cold window and counted along with the rest of them, under her breath, watching the brake lights stretch away north.',
      '',
      '3',
      '',
      '2',
      '',
      '1',
      '',
      'The cheer went down the coach like a wave, and somebody opened a bottle, and Mara laughed for the first time since Leeds.',
    ].join('\n');
    const work = await importWork([file('a1.txt', text)]);
    assert.equal(work.notes.end ?? work.chapters[0].notes.end, null);
    assert.equal(
      paragraphs(work, 0).at(-1),
      'The cheer went down the coach like a wave, and somebody opened a bottle, and Mara laughed for the first time since Leeds.',
    );
  });

  it('reads eFiction’s “Author’s Chapter Notes:” and FanFiktion.de’s Nachwort box as notes', async () => {
    const story = Array.from(
      { length: 5 },
      (_, i) => `<p>Der Pumuckl saß zum ${i + 1}. Mal auf dem Regal und sah Meister Eder beim Hobeln zu.</p>`,
    ).join('');
    const html = `<html><body><div id="header"><a href="/">FanFiktion.de</a></div>
<div id="ffcbox-story-topic"><h4>Der Hobel</h4><div>von Klabauterchen</div></div>
<div class="user-formatted-inner" id="storytext"><div class="notes"><span class="label">Author's Chapter Notes:</span><br>Für die Werkstatt-Challenge.</div>${story}</div>
<div class="nachwort"><strong>Autorennotiz</strong><br>Ich freue mich sehr über Reviews!</div>
<div id="footer">© FanFiktion.de</div></body></html>`;
    const work = await importWork([file('hobel.html', html)]);
    const notes = [
      work.notes.beginning,
      work.notes.end,
      ...work.chapters.flatMap((c) => [c.notes.beginning, c.notes.end]),
    ]
      .filter(Boolean)
      .join('\n');
    assert.match(notes, /Für die Werkstatt-Challenge\./);
    assert.match(notes, /Ich freue mich sehr über Reviews!/);
    assert.doesNotMatch(allStory(work), /Challenge|Reviews/);
  });

  it('keeps the end notes an AO3 download puts in a group of their own after a chapter', async () => {
    const para = (who: string) =>
      Array.from(
        { length: 4 },
        (_, i) => `<p>${who} sat in the deep leather chair for the ${i + 1}th hour and watched the stairs.</p>`,
      ).join('');
    const html = `<html><body><div id="preface"><p class="message">Posted originally on the Archive of Our Own</p>
<div class="meta"><h1>The Chair</h1><div class="byline">by <a>belmont_hold</a></div></div></div>
<div id="chapters"><div class="meta group"><h2 class="heading">Chapter 1: The Chair</h2></div>
<div class="userstuff">${para('Trevor')}</div>
<div class="meta group"><p>Chapter End Notes</p><blockquote class="userstuff"><p>Sypha gets the last word next chapter, as she should.</p></blockquote></div>
<div class="meta group"><h2 class="heading">Chapter 2: The Books</h2></div>
<div class="userstuff">${para('Alucard')}</div></div></body></html>`;
    const work = await importWork([file('chair.html', html)]);
    assert.equal(work.chapters.length, 2);
    assert.equal(work.chapters[0].notes.end, 'Sypha gets the last word next chapter, as she should.');
  });
});
