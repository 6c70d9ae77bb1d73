import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterParagraphs as storyOf, fieldText as field, textFile as file } from '../../support/imports.ts';

const story = [
  'The lighthouse keeper counted the ships every evening, though nobody had asked her to.',
  '“Seven tonight,” she told the cat. The cat did not care.',
  'By morning the fog had come in, and she could not count anything at all.',
];

describe('stories as writers paste them from the sites they posted on', () => {
  it('reads a FanFiction.Net chapter copied from the browser: page title, byline, summary, facts line', async () => {
    const text = [
      'Lamplight Chapter 1: Fog, a Pokémon fanfic | FanFiction',
      'Lamplight By: harbour_owl',
      'A keeper, a cat, and the ships that stop coming.',
      'Rated: Fiction K+ - English - Family - Words: 420 - Published: Nov 3 - id: 14021987',
      'Disclaimer: I don’t own Pokémon.',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(field(work, 'fandom'), 'Pokémon');
    assert.equal(work.summary, 'A keeper, a cat, and the ships that stop coming.');
    assert.equal(work.disclaimer, 'I don’t own Pokémon.');
    assert.equal(work.chapters[0].title, 'Fog');
    assert.equal(work.tags.rating, 'General Audiences');
    assert.deepEqual(work.tags.freeforms, []);
    assert.deepEqual(storyOf(work), story);
  });

  it('splits a LiveJournal header typed as lines of one paragraph, and reads the story under its cut', async () => {
    const html = `<p><b>Title:</b> Harbour Lights<br>
<b>Author:</b> <a href="https://harbour-owl.livejournal.com/">harbour_owl</a><br>
<b>Rating:</b> PG<br>
<b>Summary:</b> Seven ships, then none.<br>
<b>Notes:</b> For the lighthouse_fest prompt "fog". Unbetaed.</p>
<lj-cut text="read more">${story.map((p) => `<p>${p}</p>`).join('\n')}</lj-cut>`;
    const work = await importWork([file('lights.html', html)]);
    assert.equal(work.title, 'Harbour Lights');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'Seven ships, then none.');
    assert.equal(work.notes.beginning, 'For the lighthouse_fest prompt "fog". Unbetaed.');
    assert.deepEqual(storyOf(work), story);
  });

  it('keeps a chapter note whole when it answers a reviewer, and takes "Next chapter: …" as the end note', async () => {
    const text = [
      'THE KEEPER',
      'A Pokémon fic by harbour_owl',
      '',
      'CHAPTER ONE: Fog',
      '',
      'A/N: Updates every Sunday!',
      '',
      story[0],
      '',
      'Please leave a review, it keeps me going!',
      '',
      'CHAPTER TWO: Ships',
      '',
      'Author’s note: Thank you so much for the reviews! To the guest who asked, yes, the cat gets a name eventually.',
      '',
      story[1],
      '',
      story[2],
      '',
      'Next chapter: the fog lifts.',
    ].join('\n');
    const work = await importWork([file('keeper.txt', text)]);
    assert.equal(work.title, 'THE KEEPER');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
    assert.equal(
      work.chapters[1].notes.beginning,
      'Thank you so much for the reviews! To the guest who asked, yes, the cat gets a name eventually.',
    );
    assert.equal(work.chapters[1].notes.end, 'Next chapter: the fog lifts.');
    assert.deepEqual(storyOf(work, 1), story.slice(1));
  });

  it('reads a short note between the header and the first of several chapters, and a title without "(a … fic)"', async () => {
    const text = [
      'Lamplight (a Pokémon fic)',
      'Written by: harbour_owl',
      '',
      'Rated K+. Just the keeper. Set somewhere after the league.',
      '',
      '1. Fog',
      '',
      story[0],
      '',
      '2. Ships',
      '',
      story[1],
      '',
      story[2],
    ].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(work.notes.beginning, 'Rated K+. Just the keeper. Set somewhere after the league.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
    assert.deepEqual(storyOf(work, 0), [story[0]]);
  });

  it('reads a whole header typed on one line, a dedication, and feedback asked for at the end', async () => {
    const text = [
      'Lamplight - by harbour_owl - A Pokémon fic. Disclaimer: Nintendo owns all.',
      '',
      '- for Ceci, who asked -',
      '',
      ...story.flatMap((p) => [p, '']),
      'Comments are love, concrit welcome!',
    ].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.disclaimer, 'Nintendo owns all.');
    assert.equal(field(work, 'fandom'), 'Pokémon');
    assert.equal(work.notes.beginning, 'for Ceci, who asked');
    assert.equal(work.notes.end, 'Comments are love, concrit welcome!');
    assert.deepEqual(storyOf(work), story);
  });

  it('reads headers labelled in other languages, and names a prologue and epilogue as such', async () => {
    const text = [
      'Название: Дорога',
      'Автор: Серая_Сова',
      'Описание: Зима застаёт их в дороге.',
      '',
      'Prologue',
      '',
      story[0],
      '',
      'Chapter One',
      '',
      story[1],
      '',
      'Epilogue',
      '',
      story[2],
    ].join('\n');
    const work = await importWork([file('doroga.txt', text)]);
    assert.equal(work.title, 'Дорога');
    assert.equal(field(work, 'author'), 'Серая_Сова');
    assert.equal(work.summary, 'Зима застаёт их в дороге.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Prologue', null, 'Epilogue'],
    );
  });

  it('finds chapters headed by a bare number word only when they count up through the file', async () => {
    const chapters = ['One', story[0], 'Two', story[1], 'Three', story[2]].join('\n\n');
    const work = await importWork([file('counted.txt', `Lamplight\nby harbour_owl\n\n${chapters}`)]);
    assert.equal(work.chapters.length, 3);
    assert.deepEqual(storyOf(work, 2), [story[2]]);
    const shuffled = ['Two', story[0], 'One', story[1]].join('\n\n');
    const single = await importWork([file('shuffled.txt', `Lamplight\nby harbour_owl\n\n${shuffled}`)]);
    assert.equal(single.chapters.length, 1);
  });

  it('ends a note set off by stars or brackets where they close, at the start and at the end', async () => {
    const text = [
      'Lamplight',
      'By: harbour_owl',
      '',
      '**A/N: This is a lighthouse AU! Everyone keeps a light. Please don’t ask which coast.**',
      '',
      story[0],
      '',
      story[1],
      '',
      `${story[2]} [Reviews = love! Xie xie for reading.]`,
    ].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(
      work.notes.beginning,
      'This is a lighthouse AU! Everyone keeps a light. Please don’t ask which coast.',
    );
    assert.equal(work.notes.end, '[Reviews = love! Xie xie for reading.]');
    assert.deepEqual(storyOf(work), story);
  });
  it('reads a header past labels it does not know, notes under a label on its own line, and notes after THE END', async () => {
    const text = [
      'Lamplight',
      'S. Okonkwo-Hale',
      'Fandom: Pokémon',
      'Mood: cosy\nSoundtrack: sea shanties',
      'Vorwort\nWritten on a very long train ride. Thanks to my beta!',
      'Hoofdstuk een',
      story[0],
      'Hoofdstuk twee',
      story[1],
      story[2],
      'FIN',
      'Danke fürs Lesen! Kommentare sind wie Erdbeeren.',
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'S. Okonkwo-Hale');
    // The unknown labels are kept as read, not taken for the story.
    const metadata = work.preview.pieces.filter((p) => p.part === 'metadata').map((p) => p.text);
    assert.ok(metadata.includes('Mood: cosy\nSoundtrack: sea shanties'), metadata.join(' | '));
    assert.equal(work.notes.beginning, 'Written on a very long train ride. Thanks to my beta!');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), [story[0]]);
    assert.deepEqual(storyOf(work, 1), [story[1], story[2]]);
    const endNotes = work.preview.pieces.filter((p) => p.part === 'chapter-end-notes' && p.chapter === 1);
    assert.deepEqual(
      endNotes.map((p) => p.text),
      ['Danke fürs Lesen! Kommentare sind wie Erdbeeren.'],
    );
    assert.ok(work.preview.pieces.some((p) => p.part === 'separator' && p.consumed === 'FIN'));
  });

  it('reads an AO3 download whose chapter headings stand right under the chapters, and its byline', async () => {
    const html = `<html><body><div id="preface"><p class="message">Posted originally on the Archive of Our Own</p>
      <div class="meta"><dl class="tags"><dt>Fandom:</dt><dd><a>Pokémon</a></dd></dl><h1>Lamplight</h1>
      <div class="byline">by <a rel="author" href="https://archiveofourown.org/users/harbour_owl">harbour_owl</a></div>
      </div></div>
      <div id="chapters" class="userstuff">
      <h2 class="toc-heading">Chapter 1: Fog</h2><div class="userstuff"><p>${story[0]}</p></div>
      <h2 class="toc-heading">Chapter 2: Ships</h2><div class="userstuff"><p>${story[1]}</p><p>${story[2]}</p></div>
      </div>
      <div id="afterword"><p>End Notes</p><blockquote class="userstuff"><p>Comments are love.</p></blockquote></div>
      </body></html>`;
    const work = await importWork([file('lamplight.html', html)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
    assert.deepEqual(storyOf(work, 1), [story[1], story[2]]);
    assert.equal(work.notes.end, 'Comments are love.');
    assert.equal(work.preview.files[0].layout, 'AO3 download');
  });
  it('reads a journal entry copied with its poster and time, and a header label followed by sentences', async () => {
    const text = [
      'harbour_owl wrote,\n2009-06-21 23:14:00',
      'Titel: Lamplight\nFörfattare: harbour_owl\nBetyg: PG\nSammanfattning: A keeper and a cat.\nAnmärkning: Skriven för en utmaning. Tack till min beta!',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'A keeper and a cat.');
    assert.equal(work.notes.beginning, 'Skriven för en utmaning. Tack till min beta!');
    assert.deepEqual(storyOf(work), story);
  });
  it('reads the YAML front matter of a Markdown file as its header', async () => {
    const text = [
      '---',
      'title: "Lamplight"',
      'author: harbour_owl',
      'fandom: Pokémon',
      'tags: [fluff, Hurt/Comfort, Romance/Angst]',
      'summary: "A keeper, a cat, and the ships that stop coming."',
      '---',
      '',
      '> **Note:** Written on a train. Accuracy is loose. Very loose. Practically absent.',
      '',
      '## Chapter One: Fog',
      '',
      story[0],
      '',
      '## Chapter Two: Ships',
      '',
      story[1],
      '',
      story[2],
    ].join('\n');
    const work = await importWork([file('lamplight.md', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(field(work, 'fandom'), 'Pokémon');
    assert.equal(work.summary, 'A keeper, a cat, and the ships that stop coming.');
    assert.deepEqual(work.tags.freeforms, ['fluff', 'Hurt/Comfort', 'Romance', 'Angst']);
    assert.equal(work.notes.beginning, 'Written on a train. Accuracy is loose. Very loose. Practically absent.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
    assert.deepEqual(storyOf(work, 0), [story[0]]);
  });
  it('reads the TOML front matter of a Hugo page as its header', async () => {
    const text = [
      '+++',
      'title = "Lamplight"',
      'author = "harbour_owl"',
      'date = 2025-04-23T10:00:00+02:00',
      'description = "A keeper, a cat, and the ships that stop coming."',
      'tags = ["fluff", "Pokémon"]',
      '+++',
      '',
      story[0],
      '',
      story[1],
    ].join('\n');
    const work = await importWork([file('lamplight.md', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'A keeper, a cat, and the ships that stop coming.');
    assert.deepEqual(work.tags.freeforms, ['fluff', 'Pokémon']);
    assert.ok(work.preview.pieces.some((p) => p.part === 'metadata' && p.text === '2025-04-23'));
    assert.deepEqual(storyOf(work), [story[0], story[1]]);
  });
  it('keeps the title and name lines of a hard-wrapped file apart, and joins the wrapped story lines', async () => {
    const wrap = (paragraph: string) => paragraph.match(/.{1,68}(?:\s|$)/g)!.map((line) => line.trim());
    const long = story.map((p) => `${p} ${p} ${p}`);
    const text = ['Lamplight', 'harbour_owl', '', ...long.flatMap((p) => [...wrap(p), ''])].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.deepEqual(storyOf(work), long);
  });
  it('reads a title and a user name after a dash on the first line', async () => {
    const text = ['Lamplight - harbour_owl', 'Summary - A keeper, a cat, and the ships.', ...story].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'A keeper, a cat, and the ships.');
    assert.deepEqual(storyOf(work), story);
  });

  it('reads a Chinese header with full-width colons and a bracketed disclaimer, and 作者有话要说 as the end note', async () => {
    const zh = ['冬天的第一场雪落下来的时候，他还在书房里。', '他放下笔，看着窗外。', '“下雪了。”他说。'];
    const text = [
      '《雪夜》',
      '作者：桂圆',
      '文案：冬天，下雪了。一个很短的小故事。',
      '内容标签：日常 甜文',
      '【声明】人物不属于我，只属于原作。',
      ...zh,
      '作者有话要说：谢谢大家阅读！明天更新。',
    ].join('\n\n');
    const work = await importWork([file('xueye.txt', text)]);
    assert.equal(work.title, '雪夜');
    assert.equal(field(work, 'author'), '桂圆');
    assert.equal(work.summary, '冬天，下雪了。一个很短的小故事。');
    assert.equal(work.disclaimer, '人物不属于我，只属于原作。');
    assert.equal(work.notes.end, '谢谢大家阅读！明天更新。');
    assert.deepEqual(work.tags.freeforms, ['日常', '甜文']);
    // It ends with a full stop of its own script: not a file cut off mid-sentence.
    assert.ok(!work.warnings.some((w) => w.code === 'truncated'));
    assert.deepEqual(storyOf(work), zh);
  });

  it('reads pixiv novel markup: hashtags as tags, and “[chapter:…]” as chapter headings', async () => {
    const ja = [
      '放課後の音楽室には、いつも誰かのピアノの音が残っている。',
      '「なんでいるの」',
      '善逸は振り返りもせずに言った。',
    ];
    const text = [
      '放課後のピアノ',
      '作者：柚子茶',
      '#キメツ学園 #炭善',
      '[chapter:一音目]',
      ...ja,
      '[chapter:二音目]',
      ...ja,
    ].join('\n\n');
    const work = await importWork([file('piano.txt', text)]);
    assert.equal(work.title, '放課後のピアノ');
    assert.equal(field(work, 'author'), '柚子茶');
    assert.deepEqual(work.tags.freeforms, ['キメツ学園', '炭善']);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['一音目', '二音目'],
    );
    assert.deepEqual(storyOf(work, 1), ja);
  });

  it('reads chapter headings with a star or a bar between number and title, and recaps and review replies as notes', async () => {
    const text = [
      'The Keeper',
      'by harbour_owl',
      'Chapter one ☆ the fog',
      ...story,
      'Chapter two ☆ the ships',
      'Review replies:',
      'Guest: thank you, more soon!',
      'Previously: the fog came in and the keeper could not count the ships.',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('keeper.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['the fog', 'the ships'],
    );
    assert.match(work.chapters[1].notes.beginning ?? '', /Guest: thank you, more soon!/);
    assert.match(work.chapters[1].notes.beginning ?? '', /the fog came in and the keeper could not count the ships/);
    assert.deepEqual(storyOf(work, 1), story);

    const barred = ['1 | Fog', ...story, '2 | Ships', ...story].join('\n\n');
    const numbered = await importWork([file('bars.txt', barred)]);
    assert.deepEqual(
      numbered.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
  });

  it('takes a Wattpad plea for votes and an Indonesian greeting as notes, not story', async () => {
    const text = [
      'Lamplight',
      'by harbour_owl',
      '⭐ vote + comment pls it motivates me sm ⭐',
      'Halo semuanya!! Ini cerita pertamaku di wattpad, semoga suka yaa. Jangan lupa vote dan komen!',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.match(work.notes.beginning ?? '', /vote \+ comment pls/);
    assert.match(work.notes.beginning ?? '', /Halo semuanya/);
    assert.deepEqual(storyOf(work), story);
  });

  it('reads a Quotev header with "Chapter 1 of 2", and keeps a second-person story line about "everyone" in the story', async () => {
    const you = [
      'Azusa-san said he was like that with everyone, which was a lie, and you both knew it.',
      'You watched him all week. He never sat with his back to the window.',
    ];
    const text = [
      'Partner in Crime || Amuro x Reader',
      'By ~ghostlatte',
      'Chapter 1 of 2',
      'Description:\nYou are the new waitress at Cafe Poirot.',
      '1 | Partner',
      ...you,
      '2 | The Napkin',
      ...you,
    ].join('\n\n');
    const work = await importWork([file('partner.txt', text)]);
    assert.equal(work.summary, 'You are the new waitress at Cafe Poirot.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Partner', 'The Napkin'],
    );
    assert.equal(work.chapters[1].notes.beginning, null);
    assert.deepEqual(storyOf(work, 1), you);
  });

  it('takes a dedication on the line above the story as the chapter’s note when the file lost its blank lines', async () => {
    const lines = [
      'ur seat (harry styles)',
      'by xxmoonlitgirl_xx',
      'Chapter one ☆ the seat',
      ...story,
      'Chapter two ☆ octopuses',
      'dedicated to @harrysbeanie bc she made me post this',
      ...story,
    ];
    const work = await importWork([file('seat.txt', lines.join('\n'))]);
    assert.equal(work.chapters[1].notes.beginning, 'dedicated to @harrysbeanie bc she made me post this');
    assert.ok(storyOf(work, 1).join(' ').startsWith(story[0]));
  });

  it('reads the author’s notes and headings a saved chapter page keeps outside its story (Royal Road)', async () => {
    const html = `<html><body><div class="fic-header"><h1>Chapter 14 - Bones With Feelings</h1>
<h2><a href="/fiction/1">Second Floor Down</a></h2><h4>by <a href="/profile/2">Tavernkeep_Lio</a></h4></div>
<div class="author-note-portlet"><div class="caption">A note from Tavernkeep_Lio</div>
<div class="portlet-body author-note"><p>Two chapters a week now, Tuesday and Friday!</p></div></div>
<div class="chapter-inner chapter-content">${story.map((p) => `<p>${p}</p>`).join('')}</div>
<div class="author-note-portlet"><div class="portlet-body author-note"><p>Thanks for reading! See you Friday.</p></div></div>
<h3>Support "Second Floor Down"</h3></body></html>`;
    const work = await importWork([file('chapter.html', html)]);
    assert.equal(work.title, 'Second Floor Down');
    assert.equal(field(work, 'author'), 'Tavernkeep_Lio');
    assert.equal(work.chapters[0].title, 'Bones With Feelings');
    assert.equal(work.notes.beginning, 'Two chapters a week now, Tuesday and Friday!');
    assert.equal(work.notes.end, 'Thanks for reading! See you Friday.');
    assert.deepEqual(storyOf(work), story);
  });

  it('takes the labelled title over a journal entry’s heading above it', async () => {
    const html = `<html><body><article><h3 class="entry-title">fic: Harbour Lights, parts 1-2 [Pokémon; PG]</h3>
<div class="entry-content"><p>Title: Harbour Lights<br>Author: harbour_owl<br>Rating: PG</p>${story.map((p) => `<p>${p}</p>`).join('')}</div></article></body></html>`;
    const work = await importWork([file('entry.html', html)]);
    assert.equal(work.title, 'Harbour Lights');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.deepEqual(storyOf(work), story);
  });

  it('keeps story lines that only look like notes, headings or labels in the story', async () => {
    const read = async (lines: string[]) => importWork([file('story.txt', lines.join('\n\n'))]);
    const header = ['The Keeper', 'by harbour_owl'];

    const listed = await read([
      ...header,
      story[0],
      '1 - and then the fog came',
      'She waited.',
      '2 - and then the ships stopped',
      ...story,
    ]);
    assert.equal(listed.chapters.length, 1);
    assert.ok(storyOf(listed).includes('1 - and then the fog came'));

    const kind = await read([...header, 'She was kind to everyone, and I hated her for it.', ...story]);
    assert.equal(kind.notes.beginning, null);
    assert.equal(storyOf(kind)[0], 'She was kind to everyone, and I hated her for it.');

    const spoken = await read([
      'La guardiana',
      'por buho',
      'Capítulo 1',
      'La noche era larga.\nElla contaba barcos.',
      'Capítulo 2',
      '—¡Muchas gracias! —dijo el tabernero\nLa guardiana asintió y bebió.',
      'Luego salió.',
    ]);
    assert.equal(spoken.chapters[1].notes.beginning, null);
    assert.match(storyOf(spoken, 1)[0], /^—¡Muchas gracias!/);

    const notice = await read(['《雪夜》', '作者：桂圆', '【更新】系统已更新，宿主请注意。', '他放下笔，看着窗外。']);
    assert.deepEqual(storyOf(notice), ['【更新】系统已更新，宿主请注意。', '他放下笔，看着窗外。']);
  });

  it('reads who posted a Discord message as the creator, and their words before the story as the note', async () => {
    const text = [
      'lotusfield — Today at 11:42 PM',
      'ok here it is, the roof fic i promised in #writing-chat. pls be nice, i wrote it in one night!!',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('paste.txt', text)]);
    assert.equal(field(work, 'author'), 'lotusfield');
    assert.match(work.notes.beginning ?? '', /^ok here it is, the roof fic/);
    assert.deepEqual(storyOf(work), story);
  });

  it('sets a site’s menus and buttons apart, and reads the header and end note they hid (FanFiction.Net in Chrome)', async () => {
    const text = [
      [
        'Just In',
        'Community',
        'Forum',
        'More',
        'Cartoons » Avatar: Last Airbender',
        'Follow/Fav',
        'Lamplight',
        'By: harbour_owl',
      ].join('\n'),
      [
        'A keeper, a cat, and the ships that stop coming.',
        'Rated: Fiction K+ - English - Family - Words: 420 - Published: Nov 3 - id: 14021987',
      ].join('\n'),
      'Text size: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15',
      `A/N: For my sister, who lost a bet. I don't own Pokémon, obviously.${story[0]}`,
      ...story.slice(1),
      'Thanks for reading! Reviews make my day :)',
      'Sign up to review',
      'Review',
      'Favorite',
      'Follow',
      'Close',
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'A keeper, a cat, and the ships that stop coming.');
    assert.match(work.notes.beginning ?? '', /^For my sister, who lost a bet\./);
    assert.equal(work.notes.end, 'Thanks for reading! Reviews make my day :)');
    assert.deepEqual(storyOf(work), story);
    const menus = work.preview.pieces.filter((p) => p.reason.startsWith('the site’s menus'));
    assert.match(menus[0].text, /^Just In\nCommunity/);
    assert.ok(menus.some((p) => p.text === 'Close'));
  });

  it('reads an AO3 page selected without its blank lines: each label owns the line under it', async () => {
    const text = [
      [
        'Skip to Main Content',
        'Archive of Our Own beta',
        'Log In',
        'Entire Work Next Chapter → Chapter Index',
        'Comments (4) Share Download',
        'Rating:',
        'Teen And Up Audiences',
        'Fandom:',
        'Avatar: The Last Airbender',
        'Additional Tags:',
        'Post-Canon, Letters',
        'Letters Home',
        'ashfall_tea',
        'Summary:',
        'After the war, Zuko travels. He owes his uncle a letter.',
        'Notes:',
        'First time posting for ATLA, be gentle!',
      ].join('\n'),
      ...story,
    ].join('\n\n');
    const work = await importWork([file('letters.txt', text)]);
    assert.equal(work.title, 'Letters Home');
    assert.equal(field(work, 'author'), 'ashfall_tea');
    assert.equal(work.tags.rating, 'Teen And Up Audiences');
    assert.deepEqual(work.tags.fandoms, ['Avatar: The Last Airbender']);
    assert.equal(work.summary, 'After the war, Zuko travels. He owes his uncle a letter.');
    assert.equal(work.notes.beginning, 'First time posting for ATLA, be gentle!');
    assert.deepEqual(storyOf(work), story);
  });

  it('takes the lines and the note a forum post puts above the story out of it, but not a story’s own first line', async () => {
    const post = [
      'The Harbour Forums - View topic - [Pokémon] Lamplight (oneshot, K+)',
      'Post by harbour_owl » Sun Oct 09, 2011 4:52 pm',
      'Hi everyone! First time posting a fic here, please be nice. Thanks to the Lamplight thread for cheering me on.',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('post.txt', post)]);
    assert.match(work.notes.beginning ?? '', /^Hi everyone! First time posting a fic here/);
    assert.deepEqual(storyOf(work), story);
    const above = work.preview.pieces.find((p) => p.text.startsWith('The Harbour Forums'));
    assert.equal(above?.part, 'metadata');
    assert.equal(above?.unsure, true);

    // Prose under a header that is not clearly the author's is the story's first paragraph.
    const opening = 'Honestly, I never meant to keep a lighthouse, and I want that on the record.';
    const told = await importWork([file('story.txt', ['Lamplight', 'by harbour_owl', opening, ...story].join('\n\n'))]);
    assert.deepEqual(storyOf(told), [opening, ...story]);
  });

  it('makes no chapter of a header it could not read above the first of several chapters, but keeps an unheaded prologue', async () => {
    const chapters = ['Chapter 1', story[0], story[1], 'Chapter 2', story[2], 'The ships came back in spring.'];
    const text = [
      'Salt and Iron\n~ Witcher thing ~',
      'Hi everyone! Back with a new one, two short chapters this time. Enjoy!',
      ...chapters,
    ].join('\n\n');
    const work = await importWork([file('salt.txt', text)]);
    assert.equal(work.title, 'Salt and Iron');
    assert.equal(work.chapters.length, 2);
    assert.match(work.notes.beginning ?? '', /^Hi everyone! Back with a new one/);
    assert.deepEqual(storyOf(work, 0), [story[0], story[1]]);

    const prologue = await importWork([file('salt.txt', ['Salt and Iron', ...story, ...chapters].join('\n\n'))]);
    assert.equal(prologue.chapters.length, 3);
    assert.deepEqual(storyOf(prologue, 0), story);
  });

  it('reads headings that label notes or comments as labels, not chapters (a Spirit Fanfics page)', async () => {
    const html = `<html><body><h1>O farol</h1>
<h2>Notas do Autor</h2><p>Oi gente! Essa é uma one-shot que tava na minha cabeça faz tempo.</p>
<h2>Capítulo 1 - Maré baixa</h2>${story.map((p) => `<p>${p}</p>`).join('')}
<h2>Notas Finais</h2><p>E aí, gostaram? Comentem o que acharam!</p>
<h2>Comentários</h2><p>Nenhum comentário ainda.</p></body></html>`;
    const work = await importWork([file('farol.html', html)]);
    assert.equal(work.title, 'O farol');
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, 'Maré baixa');
    assert.match(work.notes.beginning ?? work.chapters[0].notes.beginning ?? '', /^Oi gente!/);
    assert.deepEqual(storyOf(work), story);
  });

  it('takes a clear note and the lines around it out of the end of the story, but not a letter’s signed close', async () => {
    const tail = [
      'Författarens kommentar: Tack för att du läste! Säg gärna till om något låter konstigt.',
      'kk, Uppsala 2019',
    ];
    const work = await importWork([file('sv.txt', ['Fyren', 'av kk', ...story, ...tail].join('\n\n'))]);
    assert.match(work.notes.end ?? '', /Tack för att du läste!/);
    assert.deepEqual(storyOf(work), story);

    const letter = [
      ...story,
      'That is all my news. Thank you for reading all my silly letters, dearest. Please write soon.',
      'Your friend always,\nAnne',
    ];
    const epistolary = await importWork([file('letters.txt', ['Letters', 'by kk', ...letter].join('\n\n'))]);
    assert.equal(epistolary.notes.end, null);
    assert.deepEqual(storyOf(epistolary), letter);
  });

  it('keeps a story’s own lines that look like a site’s buttons, and chapters named like labels', async () => {
    const vote = await importWork([file('vote.txt', ['The Count', 'by kk', 'Vote', ...story, 'Share?'].join('\n\n'))]);
    assert.deepEqual(storyOf(vote), ['Vote', ...story, 'Share?']);

    const chapters = ['The Audition', 'Notes', 'Update', 'Comments']
      .map((title, i) => `<h2>${title}</h2><p>${story[i % 3]}</p><p>${story[(i + 1) % 3]}</p>`)
      .join('');
    const html = await importWork([file('pianist.html', `<html><body><h1>The Pianist</h1>${chapters}</body></html>`)]);
    assert.deepEqual(
      html.chapters.map((c) => c.title),
      ['The Audition', 'Notes', 'Update', 'Comments'],
    );

    const opening = ['Three years earlier', 'Dear Nobody,', ...story];
    const letter = await importWork([file('dear.txt', ['Nobody', 'by kk', ...opening].join('\n\n'))]);
    assert.deepEqual(storyOf(letter), opening);
  });

  it('reads a header past a poster line it does not know, down to the separator above the story', async () => {
    const long = [...story, ...story, ...story, ...story];
    const header = [
      'harbour_owl (harbour_owl) wrote in lighthouse_exchange, 2014-03-02 18:40:00',
      '[fic] Lamplight, keeper/cat, G',
      'Title: Lamplight',
      'Author: harbour_owl',
      'Summary: A keeper counts ships. Nobody asked her to.',
      "Author's notes: Dear fogbound, you asked for something quiet, so here it is. Thanks to my sister for the read-through.",
    ];
    const work = await importWork([file('dw.txt', [...header, '---', ...long].join('\n\n'))]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'A keeper counts ships. Nobody asked her to.');
    assert.match(work.notes.beginning ?? '', /^Dear fogbound, you asked for something quiet/);
    assert.deepEqual(storyOf(work), long);

    const unread = [
      'Kuşun Mektubu',
      'Çalıkuşu hayran kurgusu – yazan: Feride',
      'Thanks to my class for reading it first, you guys are the best!',
    ];
    const turkish = await importWork([file('tr.txt', [...unread, '* * *', ...long].join('\n\n'))]);
    assert.equal(turkish.notes.beginning, 'Thanks to my class for reading it first, you guys are the best!');
    assert.deepEqual(storyOf(turkish), long);
  });

  it('keeps a story’s opening above its first scene break: a chat, a letter, a short scene', async () => {
    const long = [...story, ...story, ...story, ...story];
    for (const opening of [
      ['Dean: where r u', 'Sam: library. thanks for asking', 'Dean: ok'],
      ['Dear Anna,', 'Thank you for your letter. The fog has not lifted since you left.', 'Love, Mum'],
      ['The kettle boiled dry.', 'She did not notice; she was counting ships again.'],
    ]) {
      const work = await importWork([
        file('open.txt', ['Lamplight', 'by harbour_owl', ...opening, '* * *', ...long].join('\n\n')),
      ]);
      assert.equal(work.notes.beginning, null, opening[0]);
      assert.deepEqual(storyOf(work).slice(0, opening.length), opening);
    }
  });

  it('takes what a blog or a compile puts below the story’s last separator as the end note, but not a closing scene', async () => {
    const long = [...story, ...story, ...story, ...story];
    const blog = await importWork([
      file(
        'blog.txt',
        [
          'Lamplight',
          'by harbour_owl',
          ...long,
          '* * *',
          'Koniec. Dajcie znać w komentarzach, czy lubicie takie krótkie rzeczy!',
          'Opublikowane przez harbour_owl o 21:04 5 komentarzy',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(blog.notes.end, 'Koniec. Dajcie znać w komentarzach, czy lubicie takie krótkie rzeczy!');
    assert.deepEqual(storyOf(blog), long);

    const compiled = await importWork([
      file(
        'compile.txt',
        [
          'Lamplight',
          'by harbour_owl',
          ...long,
          '#',
          "Author's note: This came from a foggy week. Thanks for reading!",
          'THE END',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(compiled.notes.end, 'This came from a foggy week. Thanks for reading!');
    assert.deepEqual(storyOf(compiled), long);

    for (const closing of [
      ['Years later, she still counted them.', 'Seven, always seven.'],
      ['Thank you for the ships, she wrote.', 'Your friend always,\nAnne'],
    ]) {
      const work = await importWork([
        file('closing.txt', ['Lamplight', 'by harbour_owl', ...long, '* * *', ...closing].join('\n\n')),
      ]);
      assert.equal(work.notes.end, null, closing[0]);
      assert.deepEqual(storyOf(work).slice(-closing.length), closing);
    }
  });

  it('reads the Afterword of an AO3 text download as the work’s end notes, not a last chapter', async () => {
    const text = [
      'Lamplight',
      'harbour_owl',
      'Chapter 1: Fog',
      story[0],
      'Chapter 2: Ships',
      story[1],
      story[2],
      'Afterword',
      'End Notes',
      'Thanks for reading! The cat is the real keeper and I will die on this hill.',
      'Please drop by the Archive and comment to let the creator know if you enjoyed their work!',
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
    assert.deepEqual(storyOf(work, 1), [story[1], story[2]]);
    assert.match(work.notes.end ?? '', /^Thanks for reading! The cat is the real keeper/);
  });

  it('reads a header past lines it does not know down to where the story starts, and a note before a disclaimer', async () => {
    const long = [...story, ...story, ...story, ...story];
    const header = [
      'Fandom Stories · Fan fiction',
      'harbour_owl (harbour_owl) wrote in lighthouse_exchange, 2014-03-02 18:40:00',
      'Title: Lamplight',
      'Author: harbour_owl',
      'Summary: A keeper counts ships. Nobody asked her to.',
      'First time posting here, so please be nice! Pokémon belongs to Nintendo.',
    ];
    const work = await importWork([file('dw.txt', [...header, ...long].join('\n\n'))]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'A keeper counts ships. Nobody asked her to.');
    assert.equal(work.notes.beginning, 'First time posting here, so please be nice!');
    assert.equal(work.disclaimer, 'Pokémon belongs to Nintendo.');
    assert.deepEqual(storyOf(work), long);

    // A dateline over a first-person opening ("I do.") is the story's.
    const opening = ['Summer, three years before the war', 'Nobody remembers the first ship. I do. I was there.'];
    const memoir = await importWork([file('memoir.txt', ['Lamplight', ...opening, ...long].join('\n\n'))]);
    assert.equal(memoir.notes.beginning, null);
    assert.deepEqual(storyOf(memoir).slice(0, 2), opening);
  });

  it('takes the line over the byline as the title, not a site’s name above its menus', async () => {
    const top = [
      'Lottas fanfiction-sida',
      'Hem | Om mig | Mina berättelser | Gästbok | Länkar',
      'Lamplight',
      'av harbour_owl',
    ];
    const oneShot = await importWork([file('site.txt', [...top, ...story, ...story].join('\n\n'))]);
    const chapters = await importWork([
      file(
        'site2.txt',
        [...top, 'Kapitel ett: Dimma', story[0], story[1], 'Kapitel två: Skepp', story[2]].join('\n\n'),
      ),
    ]);
    for (const work of [oneShot, chapters]) {
      assert.equal(work.title, 'Lamplight');
      assert.equal(field(work, 'author'), 'harbour_owl');
    }
    assert.deepEqual(storyOf(oneShot), [...story, ...story]);
    assert.deepEqual(
      chapters.chapters.map((c) => c.title),
      ['Dimma', 'Skepp'],
    );
    // Right under a title, a line that says what the story is stays the title's.
    const described = await importWork([
      file(
        'dw.txt',
        ['THE LIBRARY CARD', 'Doctor Who - Thirteen & Yaz - 580 words', 'by tardisblue', ...story].join('\n\n'),
      ),
    ]);
    assert.equal(described.title, 'THE LIBRARY CARD');
  });

  it('takes footnotes under the story, an end marker’s note and a printable page’s menu out of the story', async () => {
    const marked = [story[0], `${story[1]}[1]`, story[2], `The ships came back at dawn.(2) ${story[0]}`];
    const work = await importWork([
      file(
        'footnotes.txt',
        [
          'Lamplight',
          'by harbour_owl',
          ...marked,
          'Footnotes',
          '[1] The cat is based on my own cat.',
          '(2) Seven ships, as in the song.',
        ].join('\n\n'),
      ),
    ]);
    assert.deepEqual(storyOf(work), marked);
    assert.equal(work.notes.end, '[1] The cat is based on my own cat.\n\n(2) Seven ships, as in the song.');

    const dutch = await importWork([
      file(
        'einde.txt',
        ['Lamplight', 'by harbour_owl', ...story, 'Einde. Bedankt om te lezen! Reacties zijn altijd welkom.'].join(
          '\n\n',
        ),
      ),
    ]);
    assert.equal(dutch.notes.end, 'Bedankt om te lezen! Reacties zijn altijd welkom.');
    assert.deepEqual(storyOf(dutch), story);

    const printable = await importWork([
      file(
        'efiction.txt',
        [
          'Lamplight',
          'by harbour_owl',
          ...story,
          'Reviews are lovely and I answer every one!',
          'Home | Back to story | Powered by eFiction 3.5.3',
        ].join('\n\n'),
      ),
    ]);
    assert.equal(printable.notes.end, 'Reviews are lovely and I answer every one!');
    assert.deepEqual(storyOf(printable), story);
  });

  it('reads a personal page’s header past its banner, menu and heading, down to a story that lost its paragraphs', async () => {
    const collapsed = [...story, ...story, ...story, ...story, ...story].join(' ');
    const html = `<html><body>
      <p>~*~ welcome 2 harbour's fic corner ~*~ under construction</p>
      <p>home | fics | lighthouse shrine | guestbook</p>
      <h1>Lamplight</h1>
      <p>a pokémon fic by harbour_owl</p>
      <p>this is an old fic from 2012 that i cleaned up for the site! enjoy!</p>
      <p>${collapsed}</p>
      </body></html>`;
    const work = await importWork([file('page.html', html)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.match(work.notes.beginning ?? '', /this is an old fic from 2012/);
    assert.equal(storyOf(work).join(' '), collapsed);
  });

  it('keeps a story’s own signs, posts, logs, chats and thanks in the story beside its scene breaks', async () => {
    const long = [...story, ...story, ...story, ...story];
    const header = ['Lamplight', 'by harbour_owl'];
    for (const closing of [
      ['The stone reads:', 'For Anna', '1921–1998', 'She waited.'],
      ['Her post that night said only: rain again.', '#bakery #rain #sister'],
      ['Mill Street | Bridge | Bakery | Home'],
      ['The poster outside the cinema:', 'Rated PG for mild peril', 'They went in.'],
      ['Pöydällä oli lappu.', 'Kiitos kaikesta, rakas.'],
      ['Az asztalon egy cetli várta.', 'Köszönöm, hogy itt voltál. Tavasszal jövök.'],
    ]) {
      const work = await importWork([file('end.txt', [...header, ...long, '* * *', ...closing].join('\n\n'))]);
      assert.equal(work.notes.end, null, closing[0]);
      assert.deepEqual(storyOf(work).slice(-closing.length), closing);
    }
    for (const opening of [
      ["SHIP'S LOG, ENTRY 47", 'Status: critical', 'Location: Deck 3'],
      ['snow in london again and the trains are all cancelled', '#snowday #london #whyme'],
      ['Uri: אתה ער?', 'Noa: כן', 'Uri: גם אני'],
    ]) {
      const work = await importWork([file('open.txt', [...header, ...opening, ...long].join('\n\n'))]);
      assert.equal(work.notes.beginning, null, opening[0]);
      assert.deepEqual(storyOf(work).slice(0, opening.length), opening);
    }
  });

  it('reads the title again under an AO3 EPUB’s “Preface”, and the summary and notes under it', async () => {
    const text = [
      'Lamplight\nharbour_owl',
      'Preface',
      'Lamplight',
      'Posted originally on the Archive of Our Own at',
      'https://archiveofourown.org/works/1.',
      'Rating: General Audiences',
      'Lamplight',
      'by harbour_owl',
      'Summary',
      'A keeper counts ships.',
      'Notes',
      'Written for the Lighthouse Exchange.',
      'Chapter 1',
      ...story,
      'Chapter 2',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('epub.txt', text)]);
    const story0 = work.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])));
    assert.ok(!story0.includes('Lamplight'), story0.join(' | '));
    assert.ok(!story0.includes('Written for the Lighthouse Exchange.'));
    assert.ok(
      work.preview.pieces.some((p) => /notes$/.test(p.part) && p.text === 'Written for the Lighthouse Exchange.'),
    );
  });

  it('reads a SpaceBattles thread: each threadmarked post is a chapter, and the posts’ headers, buttons and readers’ replies are not story', async () => {
    const second = [
      'The fog lifted on the third day, and the keeper counted eleven ships.',
      '“Eleven,” she told the cat, who had opinions about ships.',
    ];
    const text = [
      'The Keeper [Pokémon AU]',
      'Threadmarks: Snip 1: Fog\nharbour_owl\nVerified Lamp Enjoyer\nNov 3, 2022\nAdd bookmark\n#1',
      'Thanks for all the replies on the ideas thread! Here’s the first bit.',
      '---',
      ...story,
      'Reactions: Gull, Tern and 187 others\nReply\nReport',
      'Gull\nNov 4, 2022\n#2',
      'Oh, I am so here for this. Watched!',
      'Reply',
      'harbour_owl\nVerified Lamp Enjoyer\nNov 9, 2022\nAdd bookmark\n#14\nThreadmarks: Snip 2: Eleven Ships',
      'Snip 2: Eleven Ships',
      ...second,
      '---',
      'AN: Next snip might take a while, work is eating me alive.',
      'Like x 42\nReply',
    ].join('\n\n');
    const work = await importWork([file('keeper.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Eleven Ships'],
    );
    assert.deepEqual(storyOf(work, 0), story);
    assert.deepEqual(storyOf(work, 1), second);
    assert.equal(
      work.chapters[0].notes.beginning,
      'Thanks for all the replies on the ideas thread! Here’s the first bit.',
    );
    assert.equal(work.chapters[1].notes.end, 'Next snip might take a while, work is eating me alive.');
    // The reader's reply is kept in the preview, as readers' words.
    const reply = work.preview.pieces.find((p) => p.text.includes('I am so here for this'));
    assert.equal(reply?.part, 'metadata');
    assert.match(reply!.reason, /reader’s reply/);
    const header = work.preview.pieces.find((p) => p.text.includes('Nov 9, 2022'));
    assert.equal(header?.reason, 'a post’s header: who posted it and when');
  });

  it('keeps a story whose characters write “Threadmarks:” once, and a lone “Reply” line, as story', async () => {
    const lines = [
      'Taylor scrolled past the ads to the post.',
      'Threadmarks: Interlude 3.x',
      'Reply',
      'She closed the laptop and did not open it again until morning.',
    ];
    const work = await importWork([file('one.txt', [...story, ...lines].join('\n\n'))]);
    assert.equal(work.chapters.length, 1);
    assert.deepEqual(storyOf(work).slice(-1), [lines[3]]);
    assert.ok(storyOf(work).includes('Reply'));
  });

  it('keeps a disclaimer’s second sentence with it when chapters follow, instead of starting a chapter with it', async () => {
    const text = [
      'Tinta y mandarinas',
      'Fandom: One Piece',
      'Disclaimer: One Piece no me pertenece, es obra de Eiichiro Oda. Yo solo lloro con sus personajes.',
      'Capítulo 1: Tinta',
      ...story,
      'Capítulo 2: Mandarinas',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('tinta.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Tinta', 'Mandarinas'],
    );
    assert.equal(
      work.disclaimer,
      'One Piece no me pertenece, es obra de Eiichiro Oda. Yo solo lloro con sus personajes.',
    );
    assert.deepEqual(storyOf(work, 0), story);
  });

  it('reads a mailing-list serial: “Carol (1/2)” and “Carol (2/2)” head its chapters, and the signature under “--” is not an end note', async () => {
    // Each part is a post's worth of story.
    const first = [...story, ...story];
    const second = [
      'The ice machine in Ogallala sang “Silent Night” in August.',
      '“Don’t,” said Scully.',
      ...story,
      ...story,
    ];
    const text = [
      'From: Paula Venn <pvenn@netcom.com>\nTo: xf-creative@lists.example.edu\nSubject: NEW: Carol (1/2) [PG]',
      'TITLE: Carol\nAUTHOR: Paula Venn\nRATING: PG',
      '-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=-=',
      'Carol (1/2)',
      ...first,
      'Carol (2/2)',
      ...second,
      'THE END',
      'Feedback to pvenn@netcom.com makes me do a happy dance.',
      '--\nPaula Venn * pvenn@netcom.com',
      '> On Fri, 17 Dec 1999, Kath wrote:\n> Post it already!',
      '---------------------------------------------------------------------\nTo unsubscribe, e-mail: xf-creative-off@lists.example.edu',
    ].join('\n\n');
    const work = await importWork([file('carol.txt', text)]);
    assert.equal(work.title, 'Carol');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(storyOf(work, 0), first);
    assert.deepEqual(storyOf(work, 1), second);
    // After the last chapter: the work's end note, or the last chapter's.
    assert.equal(
      work.notes.end ?? work.chapters[1].notes.end,
      'Feedback to pvenn@netcom.com makes me do a happy dance.',
    );
    const signature = work.preview.pieces.find((p) => p.text.includes('To unsubscribe'));
    assert.equal(signature?.part, 'metadata');
  });

  it('does not take a story’s “(1/2)” lines out of order, or of different totals, as chapters', async () => {
    const lines = ['Votes counted (2/3)', ...story, 'Votes counted (1/3)', ...story];
    const work = await importWork([file('votes.txt', lines.join('\n\n'))]);
    assert.equal(work.chapters.length, 1);
    assert.ok(storyOf(work).includes('Votes counted (1/3)'));
  });

  it('takes the number off a chapter heading’s title: “## I. The Lesson”, pixiv’s “[chapter:一、停車場]”', async () => {
    const md = ['# The Lessons', '## I. The Lesson', ...story, '## II. The Name', ...story].join('\n\n');
    const work = await importWork([file('lessons.md', md)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Lesson', 'The Name'],
    );
    // Unless the headings count up by one: a date, initials or a decimal are the title as written.
    const dates = ['# Advent', '## 24. Dezember', ...story, '## 31. Dezember', ...story].join('\n\n');
    assert.deepEqual(
      (await importWork([file('advent.md', dates)])).chapters.map((c) => c.title),
      ['24. Dezember', '31. Dezember'],
    );
    const interludes = ['# Log', '## 2. Launch', ...story, '## 2.5 Interlude', ...story, '## 3. Orbit', ...story].join(
      '\n\n',
    );
    assert.deepEqual(
      (await importWork([file('log.md', interludes)])).chapters.map((c) => c.title),
      ['2. Launch', '2.5 Interlude', '3. Orbit'],
    );
    const pixiv = ['[chapter:一、停車場]', ...story, '[chapter:二、りんご]', ...story].join('\n');
    assert.deepEqual(
      (await importWork([file('ginga.txt', pixiv)])).chapters.map((c) => c.title),
      ['停車場', 'りんご'],
    );
  });

  it('takes a spelled-out or small roman number off a heading’s title: “## One: The Buckle”, “<h2>ii. the light</h2>”', async () => {
    const md = ['# Finds', '## One: The Buckle', ...story, '## Two: Finds Liaison', ...story].join('\n\n');
    assert.deepEqual(
      (await importWork([file('finds.md', md)])).chapters.map((c) => c.title),
      ['The Buckle', 'Finds Liaison'],
    );
    const page = ['<h1>the light got out</h1>', '<h2>i. the lantern</h2>', ...story, '<h2>ii. the light</h2>', ...story]
      .map((line) => (line.startsWith('<') ? line : `<p>${line}</p>`))
      .join('\n');
    assert.deepEqual(
      (await importWork([file('lantern.html', `<html><body>${page}</body></html>`)])).chapters.map((c) => c.title),
      ['the lantern', 'the light'],
    );
  });

  it('sets a table of contents apart instead of taking its lines for empty chapters', async () => {
    const second = ['The fog lifted on the third day.', '“Eleven,” she told the cat.'];
    const text = [
      'The Keeper',
      'by harbour_owl',
      'Contents',
      'Chapter 1: Fog\nChapter 2: Ships',
      'Chapter 1: Fog',
      ...story,
      'Chapter 2: Ships',
      ...second,
    ].join('\n\n');
    const work = await importWork([file('keeper.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
    assert.deepEqual(storyOf(work, 0), story);
    assert.deepEqual(storyOf(work, 1), second);
    assert.match(work.preview.pieces.find((p) => p.text === 'Contents')!.reason, /table of contents/);
  });

  it('reads Fimfiction’s text download: each chapter’s comment box names it, and repeats the story and author', async () => {
    const box = (title: string) =>
      [
        '//------------------------------//',
        `// ${title}`,
        '// Story: The Keeper',
        '// by harbour_owl',
        '//------------------------------//',
      ].join('\n');
    const second = ['The fog lifted on the third day.', '“Eleven,” she told the cat.'];
    const text = ['The Keeper\nby harbour_owl', box('Fog'), ...story, box('Eleven Ships'), ...second].join('\n\n');
    const work = await importWork([file('the-keeper.txt', text)]);
    assert.equal(work.title, 'The Keeper');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Eleven Ships'],
    );
    assert.deepEqual(storyOf(work, 0), story);
    assert.deepEqual(storyOf(work, 1), second);
  });

  it('reads an AO3 work page copied in the browser without blank lines: the title and creator under the stats', async () => {
    const text = [
      'Rating:',
      'General Audiences',
      'Fandom:',
      'Pokémon',
      'Stats:',
      'Published:',
      '2025-03-02',
      'Words:',
      '1,034',
      'Hits:',
      '2,871',
      'The Keeper of Lamplight',
      'harbour_owl',
      'Summary:',
      'A keeper, a cat, and the ships that stop coming.',
      'Notes:',
      'Written on the bus home.',
      'Chapter 1: Fog',
      'Chapter Text',
      ...story,
      'Chapter 2: Ships',
      'Chapter Text',
      ...story,
    ].join('\n');
    const work = await importWork([file('keeper.txt', text)]);
    assert.equal(work.title, 'The Keeper of Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'A keeper, a cat, and the ships that stop coming.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
  });

  it('reads “1 of 2” and “2 of 2” alone on their lines, as a blog post heads the parts of a story, as its chapters', async () => {
    const work = await importWork([
      file('parts.txt', ['1 of 2', ...story, ...story, '2 of 2', ...story, ...story].join('\n\n')),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.ok(!storyOf(work).includes('2 of 2'));
  });

  it('keeps a story’s counted lines as story: free throws, split text messages, a diary’s days', async () => {
    const texts = [
      [
        'Free throw 1 of 2',
        'She bounced the ball twice.',
        'Free throw 2 of 2',
        'It rolled around the rim and fell out.',
      ],
      [
        'Mom: call me when you land, and don’t forget (1/2)',
        ...story,
        'Mom: the keys are under the mat (2/2)',
        ...story,
      ],
      ['Day 1 of 14', ...story, ...story, 'Day 2 of 14', ...story, ...story],
    ];
    for (const lines of texts) {
      const work = await importWork([file('counted.txt', [...story, ...lines].join('\n\n'))]);
      assert.equal(work.chapters.length, 1, lines[0]);
      assert.ok(storyOf(work).includes(lines[0]), lines[0]);
    }
  });

  it('keeps a story that quotes two threadmarks, and an e-mail story’s last scene under a “--” break, as story', async () => {
    const quoted = [
      ...story,
      'Above the new post it said:',
      'Threadmarks: Chapter 12 – The Gala',
      'And above the one before it:',
      'Threadmarks: Chapter 11 – Cold Open',
      'She closed the laptop and did not open it again until morning.',
    ];
    const thread = await importWork([file('quoted.txt', quoted.join('\n\n'))]);
    assert.equal(thread.chapters.length, 1);
    assert.deepEqual(storyOf(thread), quoted);
    const lastScene = [
      'Ruth found the culprit on Thursday: a fox, curled up asleep between the tomato frames, with three cubs tucked against her belly.',
      'She did not tell Dan. She bought a bag of dog biscuits on the way home and left the door open a crack every night until June.',
    ];
    const letters = [
      'From: Ruth Okonkwo <r.okonkwo@millbrook-hs.edu>\nTo: Daniel Price <dprice@millbrook-hs.edu>\nSubject: the Greenhouse',
      ...story,
      '--',
      ...lastScene,
    ];
    const mail = await importWork([file('greenhouse.txt', letters.join('\n\n'))]);
    assert.deepEqual(storyOf(mail).slice(-2), lastScene);
  });

  it('gives no title to a chapter headed only “Chapter 1” over AO3’s “Chapter Text”, or “Capítulo Único”', async () => {
    const ao3 = ['Chapter 1', 'Chapter Text', ...story, 'Chapter 2: The Farmhouse', 'Chapter Text', ...story].join(
      '\n\n',
    );
    assert.deepEqual(
      (await importWork([file('ao3.txt', ao3)])).chapters.map((c) => c.title),
      [null, 'The Farmhouse'],
    );
    const spirit = ['O sítio', 'Capítulo 1 - Capítulo Único', ...story].join('\n\n');
    assert.equal((await importWork([file('sitio.txt', spirit)])).chapters[0].title, null);
  });

  it('reads the header above a rule over the first chapter: the rule ends it, it is no chapter of its own', async () => {
    const text = [
      '*  *  *  THE KEEPER  *  *  *',
      'a Pokémon tale by harbour_owl',
      '(harbour.owl@example.net)',
      'This is for Mum, who read me every one of the books out loud. Feedback is welcome by email.',
      '-'.repeat(64),
      'BOOK ONE',
      ...story,
      'BOOK TWO',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('keeper.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), story);
    assert.equal(
      work.notes.beginning,
      'This is for Mum, who read me every one of the books out loud. Feedback is welcome by email.',
    );
  });
});

describe('a header typed straight above the story, with no blank line', () => {
  it('ends a long notes line at its line: the next, a capitalised sentence, is the story’s first', async () => {
    const text = [
      [
        'Title: The Lighthouse',
        'Author: marawrites',
        "Notes: Written for the prompt 'storm' at the Summer Fic Exchange 2019",
        'It was raining when Mara got to the lighthouse, and it did not stop.',
      ].join('\n'),
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lighthouse.txt', text)]);
    assert.equal(work.notes.beginning, "Written for the prompt 'storm' at the Summer Fic Exchange 2019");
    assert.deepEqual(storyOf(work), ['It was raining when Mara got to the lighthouse, and it did not stop.', ...story]);
  });

  it('goes on with a notes line a hard wrap cut after a word in lower case', async () => {
    const text = [
      [
        'Title: The Lighthouse',
        'Author: marawrites',
        "Notes: Written for the prompt 'storm' at the Summer Fic Exchange, with thanks to",
        'Sam for the beta and for putting up with my commas.',
      ].join('\n'),
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lighthouse.txt', text)]);
    assert.match(work.notes.beginning ?? '', /with thanks to\s+Sam for the beta/);
    assert.deepEqual(storyOf(work), story);
  });
});
