import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { restoreParagraphs, textToBlocks } from '../../../src/text/import/paragraphs.ts';
import { chapterHeading, isSceneBreak } from '../../../src/text/import/cues.ts';
import {
  chapterTitles as titles,
  creatorName,
  storyBlocks,
  storyParagraphs,
  textFile as file,
  iceScene,
} from '../../support/imports.ts';

describe('titles, bylines and chapter headings', () => {
  it('reads the bare chapter titles an e-book converted to text lists under its contents, and its author under its title', async () => {
    const text = [
      'Salt Roads',
      '',
      'tidewater_kit',
      '',
      '',
      '',
      '',
      'Table of Contents',
      '',
      'Preface',
      'Low Tide',
      'High Water',
      'Afterword',
      '',
      '',
      '',
      '',
      'Salt Roads',
      '',
      'Posted originally on the Archive of Our Own at https://archiveofourown.org/works/1.',
      '',
      'Rating:',
      'General Audiences',
      'Fandom:',
      'Hornblower',
      '',
      'Salt Roads',
      '',
      'by tidewater_kit',
      '',
      '',
      '',
      '',
      'Low Tide',
      '',
      '(See the end of the chapter for notes.)',
      '',
      'The mud flats went on for a mile, and Archie walked them barefoot with his boots slung round his neck.',
      '',
      'Horatio followed at a distance, stepping only where Archie had stepped.',
      '',
      '',
      '',
      '',
      'High Water',
      '',
      'By noon the sea had come back, and the flats were gone as if they had never been there at all.',
      '',
      'They watched it from the sea wall, sharing one apple between them.',
    ].join('\n');
    const work = await importWork([file('salt-roads.txt', text)]);
    assert.equal(work.title, 'Salt Roads');
    assert.equal(creatorName(work), 'tidewater_kit');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Low Tide', 'High Water'],
    );
    assert.equal(work.chapters[0].blocks.length, 2);
    assert.ok(!storyParagraphs(work).some((p) => /tidewater_kit|Contents|Preface|See the end/.test(p)));
  });

  it('finds each listed title after the one before it, set apart, not in a line of dialogue saying it', async () => {
    const text = [
      'Salt Roads',
      '',
      'by tidewater_kit',
      '',
      '',
      '',
      'Table of Contents',
      '',
      'Preface',
      'Low Tide',
      'Home',
      'Afterword',
      '',
      '',
      '',
      'Low Tide',
      '',
      'The mud flats went on for a mile, and Archie walked them barefoot with his boots slung round his neck.',
      '',
      '“Where to?” Horatio asked.',
      '',
      'Home',
      '',
      'Archie did not say anything else.',
      '',
      '',
      '',
      'Home',
      '',
      'By noon the sea had come back, and the flats were gone as if they had never been there at all.',
    ].join('\n');
    const work = await importWork([file('salt-roads.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Low Tide', 'Home'],
    );
    assert.equal(work.chapters[0].blocks.length, 4);
  });

  // Its time is measured by bench/import-pathological.ts ("Contents" row), never asserted here.
  it('reads thousands of contents lists in a file, every line of them kept', async () => {
    const lists = Array.from({ length: 4000 }, (_, i) => `Contents\nPreface\nAlpha${i}\nBeta${i}`);
    const work = await importWork([file('lists.txt', lists.join('\n\n'))]);
    const kept = new Set(work.preview.pieces.flatMap((p) => p.text.split(/\s+/)));
    const lost = lists.flatMap((_, i) => [`Alpha${i}`, `Beta${i}`]).filter((w) => !kept.has(w));
    assert.deepEqual(lost.slice(0, 5), []);
  });

  it('reads chapter headings of a Vim draft without their fold markers', async () => {
    const text = [
      'Chapter 1: The Kettle {{{1',
      '',
      'The kettle had been boiling for ten minutes before anyone noticed, and by then the window was all steam.',
      '',
      '}}}',
      'Chapter 2: The Window {{{1',
      '',
      'Someone had drawn a cat in the steam on the window, and nobody would admit to it.',
      '}}}',
    ].join('\n');
    assert.deepEqual(await titles('kettle.txt', text), ['The Kettle', 'The Window']);
  });

  it('reads a community entry’s fields under the community’s name, its poster and its time', async () => {
    const text = [
      'Holy Ground: a Highlander community',
      '[info] quickening_queen wrote in hl_holyground',
      'March 3rd, 2009, 11:41 pm',
      'FIC: Last Orders (Duncan/Methos, PG)',
      'Title: Last Orders',
      'Author: quickening_queen',
      'Rating: PG',
      '',
      'Chapter One: Closing Time',
      '',
      'Joe Dawson’s bar had been closed for an hour, and the chairs were up on the tables.',
      '',
      'Chapter Two: Last Call',
      '',
      'Duncan came back at dawn with two coffees and no apology.',
    ].join('\n');
    const work = await importWork([file('entry.txt', text)]);
    assert.equal(work.title, 'Last Orders');
    assert.equal(work.preview.pieces.find((p) => p.field === 'author')?.text, 'quickening_queen');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Closing Time', 'Last Call'],
    );
  });

  it('takes a title and a "by" line of a several-word name at the top of a text file as title and byline', async () => {
    const text = [
      'Paper Boats',
      '',
      'by Lady Rowan',
      '',
      'The river was high that spring, and the boats went fast.',
    ].join('\n');
    const work = await importWork([file('boats.txt', text)]);
    assert.equal(work.title, 'Paper Boats');
    const byline = work.preview.pieces.find((p) => p.field === 'author');
    assert.equal(byline?.text, 'Lady Rowan');
    assert.equal(byline?.consumed, 'by');
    assert.equal(work.chapters[0].blocks.length, 1);
  });

  describe('a writer’s own text file: title and byline on consecutive lines, then a note run into the story', () => {
    const story = [
      'The rain had not stopped for three days, and Mara was beginning to think it never would. She stood at the window and watched the grey sea.',
      '“You should come away from there,” her brother said from the stairs.',
      'She did not turn. “Someone has to watch for the boats.”',
      'The next morning the storm broke, and the sea lay down like a tired dog.',
    ];
    const storyOf = (work: Awaited<ReturnType<typeof importWork>>) => storyBlocks(work, '*');

    it('finds the title and byline, cuts the note off where the story starts, and keeps every story sentence', async () => {
      const text = `My Story\nby marisol\n\nA/N: Thanks to my beta! Please review. ${story[0]}\n\n${story.slice(1).join('\n\n')}\n`;
      const work = await importWork([file('my-story.txt', text)]);
      assert.equal(work.title, 'My Story');
      assert.equal(work.preview.pieces.find((p) => p.field === 'author')?.text, 'marisol');
      assert.equal(work.notes.beginning, 'Thanks to my beta! Please review.');
      assert.equal(work.notes.end, null);
      assert.deepEqual(storyOf(work), story);
    });

    it('keeps the story sentences in the story when little story follows the note', async () => {
      const text = `My Story\nby marisol\n\nA/N: Thanks to my beta! Please review. ${story[0]}\n\n${story[1]}\n`;
      const work = await importWork([file('my-story.txt', text)]);
      assert.equal(work.notes.beginning, 'Thanks to my beta! Please review.');
      assert.equal(work.notes.end, null);
      assert.deepEqual(storyOf(work), story.slice(0, 2));
    });

    it('reads a header block of title, byline, rating and a summary wrapped onto a second line', async () => {
      const text = `My Story\nBy: marisol\nRating: T\nSummary: Mara finds a letter in a bottle,\nand everything changes.\n\n${story.join('\n\n')}\n`;
      const work = await importWork([file('my-story.txt', text)]);
      assert.equal(work.title, 'My Story');
      assert.equal(work.summary, 'Mara finds a letter in a bottle,\nand everything changes.');
      assert.deepEqual(storyOf(work), story);
    });

    it('reads titles and bylines in the shapes writers type them', async () => {
      const cases: [string, string, string | undefined][] = [
        ['lost and found\nwritten by marisol', 'lost and found', 'marisol'],
        ['“The Letter”\nBy SilverFox92', 'The Letter', 'SilverFox92'],
        ['Falling!\nby the_lonely_pen.', 'Falling!', 'the_lonely_pen'],
        ['Remember Me...\n~by rosie.p~', 'Remember Me...', 'rosie.p'],
        ['Falling by Dreamer101', 'Falling', 'Dreamer101'],
        ['~Lost and Found~ - by inkandember', 'Lost and Found', 'inkandember'],
        ['THE QUIET YEAR\nA Star Wars fic by kyber_crystal_kid', 'THE QUIET YEAR', 'kyber_crystal_kid'],
        ['Starlight Express (a Doctor Who fic)\nby TARDIS_blue_box', 'Starlight Express', 'TARDIS_blue_box'],
        ['Les onze jours\nune fanfic Code Lyoko par Lune_de_Kadic', 'Les onze jours', 'Lune_de_Kadic'],
        ['Tajemnica mapy\nfanfik na podstawie książek Nienackiego\nautor: wehikul_57', 'Tajemnica mapy', 'wehikul_57'],
        ['Вареники на свято\nфанфік за мультфільмом «Котигорошко»\nАвтор: марко_к', 'Вареники на свято', 'марко_к'],
        [
          'The Quiet Year\na fic based on the Earthsea books\nby kyber_crystal_kid',
          'The Quiet Year',
          'kyber_crystal_kid',
        ],
        ['Paper Moon\nby Teodora K.', 'Paper Moon', 'Teodora K.'],
        ['Salt Water\nby saltwater_ink (saltwater-ink on tumblr)', 'Salt Water', 'saltwater_ink'],
        ['The Quiet Harbour\nPosted on March 3, 2021 by harbourlights', 'The Quiet Harbour', 'harbourlights'],
        ['Sepeda Baru untuk Euis (Bagian 1 & 2)\nDiposting oleh Ara Cemara', 'Sepeda Baru untuk Euis', 'Ara Cemara'],
        ['The Long Road (Parts 1-3)\nPublicado por Lucía Ferrer', 'The Long Road', 'Lucía Ferrer'],
        ['Chapter and Verse (Part 2)\nby Teodora K.', 'Chapter and Verse (Part 2)', 'Teodora K.'],
        ['Сумрак и пирожки\nГородецкий_не_спит автор\nФэндом: Дозоры', 'Сумрак и пирожки', 'Городецкий_не_спит'],
        ['Stand by Me', 'Stand by Me', undefined],
        ['snow\n\nDisclaimer: I don’t own Sherlock.', 'snow', undefined],
        ['After the War', 'After the War', undefined],
      ];
      for (const [top, title, byline] of cases) {
        const work = await importWork([file('top.txt', `${top}\n\n${story.join('\n\n')}\n`)]);
        assert.equal(work.title, title, top);
        assert.equal(work.preview.pieces.find((p) => p.field === 'author')?.text, byline, top);
        assert.deepEqual(storyOf(work), story, top);
      }
    });

    it('takes no title from a story whose first line is a sentence', async () => {
      const work = await importWork([file('story.txt', `He was gone.\n\n${story.join('\n\n')}\n`)]);
      assert.equal(work.title, null);
      assert.equal(storyOf(work)[0], 'He was gone.');
    });

    it('finds a title and byline on one line above the first chapter heading', async () => {
      const text = `~Lost and Found~ - by inkandember\n\nChapter 1\n\n${story.join('\n\n')}\n\nChapter 2\n\n${story.join('\n\n')}\n`;
      const work = await importWork([file('lost.txt', text)]);
      assert.equal(work.title, 'Lost and Found');
      assert.equal(work.chapters.length, 2);
    });

    it('keeps a header apart when the file lost its blank lines under it', async () => {
      const text = `Title: Home\nRating: T\nSummary: After the war, two friends try to start again.\nA/N I wrote this at two in the morning, so be kind.\n${story.join('\n')}\n`;
      const work = await importWork([file('home.txt', text)]);
      assert.equal(work.title, 'Home');
      assert.equal(work.summary, 'After the war, two friends try to start again.');
      assert.equal(work.notes.beginning, 'I wrote this at two in the morning, so be kind.');
      assert.deepEqual(storyOf(work), story);
    });

    it('leaves a poem’s stanza at the top as one paragraph of story', async () => {
      const text = `Salt Wind\nthe gulls are crying\nover the harbour wall\n\n${story.join('\n\n')}\n`;
      const work = await importWork([file('poem.txt', text)]);
      assert.equal(storyOf(work)[0], 'Salt Wind\nthe gulls are crying\nover the harbour wall');
    });
  });

  it('reads an AO3 work page saved from the browser: notes, chapter headings and end notes, no "Chapter Text"', async () => {
    const html = `<!DOCTYPE html><html><head><title>Paper Boats - Chapter 1 - Archive of Our Own</title></head><body>
<header id="header"><h1>Archive of Our Own</h1></header>
<div id="main"><div id="workskin">
<div class="preface group"><h2 class="title heading">Paper Boats</h2><h3 class="byline heading"><a rel="author">lady_rowan</a></h3>
<div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>For my sister.</p></blockquote></div></div>
<div id="chapters">
<div class="chapter" id="chapter-1"><div class="chapter preface group"><h3 class="title"><a href="#">Chapter 1</a>: High Water</h3></div>
<div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3><p>The river was high that spring.</p></div>
<div class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>More on Friday!</p></blockquote></div></div>
<div class="chapter" id="chapter-2"><div class="chapter preface group"><h3 class="title"><a href="#">Chapter 2</a>: Low Water</h3></div>
<div class="userstuff module"><h3 class="landmark heading">Chapter Text</h3><p>By August the river was a trickle.</p></div></div>
</div></div></div></body></html>`;
    const work = await importWork([file('boats.html', html)]);
    assert.equal(work.title, 'Paper Boats');
    assert.equal(work.notes.beginning, 'For my sister.');
    assert.deepEqual(
      work.chapters.map((c) => [c.title, c.blocks.length, c.notes.end]),
      [
        ['High Water', 1, 'More on Friday!'],
        ['Low Water', 1, null],
      ],
    );
  });

  it('restores collapsed dialogue one speaker a paragraph, keeping a speaker’s action with the line', () => {
    const line = [
      'The kitchen was dark when Anna came down. The kettle was still warm on the stove. Someone had been up before her.',
      '“You’re up early,” Ben said.',
      '“Couldn’t sleep,” Anna replied. She poured the last of the tea into her cup.',
      '“Bad dreams?” Ben asked.',
      '“You’re late again,” Anna said. The clock on the wall struck nine.',
      '“I know,” Ben replied.',
      'Outside, a dog began to bark, and the first light came over the hill.',
    ].join(' ');
    const padded = `${line} ${'The road ran on past the farm and into the hills beyond. '.repeat(25)}`.trim();
    const { blocks } = restoreParagraphs(textToBlocks(padded));
    const texts = blocks.map((b) => b.text);
    assert.ok(texts.includes('“You’re up early,” Ben said.'), texts.join('\n'));
    assert.ok(
      texts.includes('“Couldn’t sleep,” Anna replied. She poured the last of the tea into her cup.'),
      texts.join('\n'),
    );
    assert.ok(texts.includes('“Bad dreams?” Ben asked.'), texts.join('\n'));
    // Narration between two speakers' lines, not about the next speaker, stays with the first line.
    assert.ok(texts.includes('“You’re late again,” Anna said. The clock on the wall struck nine.'), texts.join('\n'));
    assert.ok(texts.includes('“I know,” Ben replied.'), texts.join('\n'));
  });

  it('takes an ordinal before “chapter” for a heading only with its title after a colon or a dash', () => {
    assert.equal(chapterHeading('Вторая часть уже написана, выложу завтра.'), undefined);
    assert.equal(chapterHeading('The first chapter was the hardest to write.'), undefined);
    assert.deepEqual(chapterHeading('Première partie : Le départ'), { marker: 'Première partie', title: 'Le départ' });
  });

  it('reads an Org mode file’s #+TITLE and #+AUTHOR, and “Chapter the First” headings', async () => {
    const text = [
      '#+TITLE: The Towel Audit\n#+AUTHOR: marvin_was_right\n#+DATE: <2023-05-25 Thu>',
      '* Chapter the First: In Which a Form Is Filled',
      'Arthur Dent had been in the Vogon Regional Office of Hygiene for six hours, and he was beginning to suspect he would die there.',
      '* Chapter the Second: In Which the Duck Is Assessed',
      'The Vogon looked at the duck. The duck, it seemed to Arthur, looked back at the Vogon with great dignity.',
    ].join('\n\n');
    const work = await importWork([file('towel.txt', text)]);
    assert.equal(work.title, 'The Towel Audit');
    assert.equal(work.preview.pieces.find((p) => p.field === 'author')?.text, 'marvin_was_right');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['In Which a Form Is Filled', 'In Which the Duck Is Assessed'],
    );
  });

  it('reads the title and creator at a text file’s top in more of the shapes writers give them', async () => {
    const scenes = ['first', 'second'].map(iceScene);
    for (const [top, title, creator] of [
      ['Thin Ice - a Kit and Ren fanfic by kit_and_ren', 'Thin Ice', 'kit_and_ren'],
      ['Thin Ice [G]\nby kit_and_ren', 'Thin Ice', 'kit_and_ren'],
      ['FIC: Thin Ice (PG-13)\nby kit_and_ren', 'Thin Ice', 'kit_and_ren'],
      ['Thin Ice\n~ kit_and_ren ~', 'Thin Ice', 'kit_and_ren'],
      ['Thin Ice\n\nkit_and_ren', 'Thin Ice', 'kit_and_ren'],
      ['Thin Ice\n\n@kitren', 'Thin Ice', '@kitren'],
    ]) {
      const work = await importWork([file('ice.txt', `${top}\n\n${scenes.join('\n\n')}\n`)]);
      assert.equal(work.title, title, top);
      assert.equal(creatorName(work), creator, top);
      assert.deepEqual(storyParagraphs(work), scenes, top);
    }
    // What a fic is and whose, with no title before it, names no title; a word alone under the title is story.
    const kind = await importWork([file('ice.txt', `A Kit and Ren fic by kit_and_ren\n\n${scenes.join('\n\n')}`)]);
    assert.notEqual(kind.title, 'A Kit and Ren fic');
    const word = await importWork([file('ice.txt', `Thin Ice\n\nCold.\n\n${scenes.join('\n\n')}`)]);
    assert.deepEqual(storyParagraphs(word), ['Cold.', ...scenes]);
  });

  it('reads a heading decorated with emoji, as Wattpad copies and writers’ own files have them', () => {
    assert.deepEqual(chapterHeading('🌸 Chapter 1 🌸'), { marker: 'Chapter 1', title: null });
    assert.deepEqual(chapterHeading('❤️ Chapter 2: Love ❤️'), { marker: 'Chapter 2', title: 'Love' });
    assert.deepEqual(chapterHeading('💬 Part 1 - Test Chamber 19'), { marker: 'Part 1', title: 'Test Chamber 19' });
  });

  it('reads a heading between the letters writers use as ornaments ("xXx Chapter 3 xXx"), and "Chapter #2"', async () => {
    assert.deepEqual(chapterHeading('xXx Chapter 3 xXx'), { marker: 'Chapter 3', title: null });
    assert.deepEqual(chapterHeading('oOo Part Two: The Lens oOo'), { marker: 'Part Two', title: 'The Lens' });
    assert.deepEqual(chapterHeading('-o0o- Chapter 4 -o0o-'), { marker: 'Chapter 4', title: null });
    assert.deepEqual(chapterHeading('Chapter #2'), { marker: 'Chapter #2', title: null });
    // Letters that are words are no ornament: "Xxx" is no heading's, and a name stays a name.
    assert.equal(chapterHeading('Oxo Chapter 3'), undefined);
    const scenes = ['first', 'second', 'third'].map(iceScene);
    const chapters = scenes.flatMap((scene, i) => [`xXx Chapter ${i + 1} xXx`, '', scene, '']);
    const work = await importWork([file('ice.txt', ['Thin Ice', 'by kit_and_ren', '', ...chapters].join('\n'))]);
    assert.equal(work.chapters.length, 3);
    assert.deepEqual(storyParagraphs(work), scenes);
  });

  it('reads a chapter title in brackets after the number ("Chapter 1 (The Stairs)"), but not where a chapter stands', async () => {
    assert.deepEqual(chapterHeading('Chapter 1 (The Stairs)'), { marker: 'Chapter 1', title: 'The Stairs' });
    assert.deepEqual(chapterHeading('~ Part Two (Harry’s POV) ~'), { marker: 'Part Two', title: 'Harry’s POV' });
    for (const state of ['of 3', '2/3', 'continued', "cont'd", 'revised', '1,200 words'])
      assert.deepEqual(chapterHeading(`Chapter 2 (${state})`), { marker: 'Chapter 2', title: null }, state);
    const scenes = ['first', 'second', 'third'].map(iceScene);
    const names = ['The Pond', 'The Crack', 'The Thaw'];
    const chapters = scenes.flatMap((scene, i) => [`Chapter ${i + 1} (${names[i]})`, '', scene, '']);
    const work = await importWork([file('ice.txt', ['Thin Ice', 'by kit_and_ren', '', ...chapters].join('\n'))]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      names,
    );
    assert.deepEqual(storyParagraphs(work), scenes);
  });

  it('recognises the scene-break shapes writers use, and not words', () => {
    for (const line of ['oOo', 'xXx', '~~~', '-o-o-', '* * *', '==========', '#####', 'x-x-x'])
      assert.ok(isSceneBreak(line), line);
    for (const line of ['Oh.', 'xo', 'No.', 'Ox'] as const) assert.ok(!isSceneBreak(line), line);
  });

  it('finds chapter headings in the languages import detection names, the number before or after the word', async () => {
    const files: [string, string, string, string][] = [
      ['de', 'Kapitel 1: Der Winter', 'Kapitel 2: Heimkehr', 'Heimkehr'],
      ['es', 'Capítulo 1', 'Capítulo 2 - El regreso', 'El regreso'],
      ['ru', 'Глава 1', 'Глава 2. Возвращение', 'Возвращение'],
      ['tr', '1. Bölüm', '2. Bölüm: Dönüş', 'Dönüş'],
      ['hu', '1. fejezet', '2. fejezet', ''],
      ['ja', '第一章', '第二章　帰郷', '帰郷'],
      ['zh', '第1章', '第2章 回家', '回家'],
      ['ko', '제1장', '제2장 귀향', '귀향'],
      ['ar', 'الفصل ١', 'الفصل ٢', ''],
      ['th', 'บทที่ 1', 'บทที่ 2', ''],
      ['vi', 'Chương 1', 'Chương 2: Trở về', 'Trở về'],
      ['el', 'Κεφάλαιο 1', 'Κεφάλαιο 2', ''],
      // An ordinal before the word, and a Czech one after it.
      ['fi', 'ENSIMMÄINEN LUKU: Kantele', 'TOINEN LUKU', ''],
      ['de-ordinal', 'Erstes Kapitel', 'Zweites Kapitel: Heimkehr', 'Heimkehr'],
      ['tr-ordinal', 'Birinci Bölüm: Mürekkep', 'İkinci Bölüm: Dönüş', 'Dönüş'],
      ['en-ordinal', 'First Chapter', 'Second Chapter - The Road Home', 'The Road Home'],
      ['cs', 'Kapitola první: Plášť', 'Kapitola druhá: Návrat', 'Návrat'],
    ];
    for (const [language, first, second, title] of files) {
      const text = [first, '', 'Lorem ipsum dolor sit amet, the first part.', '', second, '', 'The second part.'].join(
        '\n',
      );
      const work = await importWork([file(`${language}.txt`, text)]);
      assert.equal(work.chapters.length, 2, `${language}: ${first} / ${second}`);
      assert.equal(work.chapters[1].title ?? '', title, language);
      assert.ok(
        work.chapters.every((c) => !c.html.includes(first) && !c.html.includes(second)),
        `${language}: headings are not story`,
      );
    }
  });

  it('reads a header written in German, French or Spanish, and a byline ending in an initial', async () => {
    const files: [string, string, string, string][] = [
      [
        'de',
        'Nebel über Hamburg\nvon Sternenstaub92',
        'Zusammenfassung: Zwei Fremde im Regen.',
        'Anmerkung: Meine erste Geschichte seit Jahren.',
      ],
      [
        'fr',
        'Les Lettres de Minuit\nAuteur : PlumeDeCorbeau',
        'Résumé : Hermione reçoit une lettre.',
        'Note de l’auteur : Écrite pour un défi.',
      ],
      [
        'es',
        'Corazón de Piedra\npor ValeriaEscribe',
        'Resumen: Después de la guerra.',
        'Nota de la autora: Mi primer fic.',
      ],
      ['en', 'Ashes of Summer\nby Teodora K.', 'Summary: Two rival bakers.', 'Notes: For my sister.'],
    ];
    for (const [language, top, summary, note] of files) {
      const text = [
        top,
        '',
        summary,
        '',
        note,
        '',
        'Chapter 1',
        '',
        'The rain came down all night.',
        '',
        'Chapter 2',
        '',
        'Morning.',
      ].join('\n');
      const work = await importWork([file(`${language}.txt`, text)]);
      assert.equal(work.title, top.split('\n')[0], language);
      assert.ok(
        work.preview.pieces.some((p) => p.field === 'author'),
        `${language}: the byline`,
      );
      assert.equal(work.summary, summary.replace(/^[^:]+:\s*/, ''), language);
      assert.equal(work.notes.beginning, note.replace(/^[^:]+:\s*/, ''), language);
      assert.equal(work.chapters.length, 2, language);
    }
  });

  it('reads the text of an AO3 download: the title twice, its tags, Summary, Notes and End Notes on lines of their own', async () => {
    const text = [
      'The Long Way Round',
      'Posted originally on the Archive of Our Own.',
      '',
      'Rating: Teen And Up Audiences',
      'Archive Warning: No Archive Warnings Apply',
      'Fandom: Stardew Valley (Video Game)',
      'Stats: Published: 2026-03-02 Words: 380',
      '',
      'The Long Way Round',
      'by pelicantownpotato',
      '',
      'Summary',
      '',
      'Shane walks home the long way. He has his reasons.',
      '',
      'Notes',
      '',
      'I have 400 hours in this game and Shane still makes me cry.',
      '',
      'Shane walks home the long way now.',
      '',
      '“Yeah,” Shane says, and opens the gate.',
      '',
      'End Notes',
      '',
      'Charlie the chicken is based on a real chicken. He is thriving.',
    ].join('\n');
    const work = await importWork([file('long-way.txt', text)]);
    assert.equal(work.title, 'The Long Way Round');
    assert.equal(work.summary, 'Shane walks home the long way. He has his reasons.');
    assert.equal(work.notes.beginning, 'I have 400 hours in this game and Shane still makes me cry.');
    assert.equal(work.notes.end, 'Charlie the chicken is based on a real chicken. He is thriving.');
    assert.deepEqual(
      work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '*')),
      ['Shane walks home the long way now.', '“Yeah,” Shane says, and opens the gate.'],
    );
  });

  it('takes chapters numbered without the word "chapter" as headings, but not a numbered list in the story', async () => {
    const prose = (n: string) => `The train left at dawn in part ${n}, and nobody on it spoke until the border.`;
    const text = [
      '1. The Ticket',
      '',
      prose('one'),
      '',
      '2. The Platform',
      '',
      prose('two'),
      '',
      '3.',
      '',
      prose('three'),
    ];
    const work = await importWork([file('train.txt', text.join('\n'))]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Ticket', 'The Platform', null],
    );
    const roman = ['I.', '', prose('one'), '', 'II.', '', prose('two')].join('\n');
    assert.equal((await importWork([file('roman.txt', roman)])).chapters.length, 2);
    const list = [prose('one'), '', 'She wrote a list:', '', '1. Bread', '', '2. Milk', '', prose('two')].join('\n');
    const listed = await importWork([file('list.txt', list)]);
    assert.equal(listed.chapters.length, 1);
    assert.match(listed.chapters[0].html, /1\. Bread/);
  });

  it('takes a number between ornaments with the chapter’s name after it ("— 1 — The Well") as a heading', async () => {
    const prose = (n: string) => `The well in the yard froze over in part ${n}, and Ada broke the ice with a poker.`;
    const text = [
      '— 1 — The Well',
      '',
      prose('one'),
      '',
      '— 2 — Thaw',
      '',
      prose('two'),
      '',
      '~ 3 ~ Ada’s Poker',
      '',
      prose('three'),
    ];
    const work = await importWork([file('well.txt', text.join('\n'))]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Well', 'Thaw', 'Ada’s Poker'],
    );
    const line = [prose('one'), '', '— 1 — she said, and stopped.', '', prose('two')].join('\n');
    assert.equal((await importWork([file('line.txt', line)])).chapters.length, 1);
  });

  it('takes names between ornaments (“~ Kit ~”, “~ Ren ~”) heading the story’s parts as headings, not a flashback’s marks', async () => {
    const part = (n: string) => [n, `${n} and last`, `${n} or so`, `${n} again`].map(iceScene).join('\n\n');
    const text = ['~ Kit ~', part('first'), '~ Ren ~', part('second'), '~ owari ~'].join('\n\n');
    const work = await importWork([file('pov.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Kit', 'Ren'],
    );
    // Marks in the middle of one story, its first part told before them, are the story's.
    const told = [part('first'), '~ Flashback ~', part('second'), '~ Today ~', part('third')].join('\n\n');
    assert.equal((await importWork([file('told.txt', told)])).chapters.length, 1);
  });

  it('keeps only the name of headings that number the writer’s own word for a chapter ("Day 1: Arrival"), and a bare "Day 1" whole', async () => {
    const prose = (n: string) => `The ferry was late again on the ${n} day, and Ruth counted the gulls on the rail.`;
    const named = ['## Day 1: Arrival', '', prose('first'), '', '## Day 2 – The Docks', '', prose('second')].join('\n');
    assert.deepEqual(
      (await importWork([file('days.md', named)])).chapters.map((c) => c.title),
      ['Arrival', 'The Docks'],
    );
    const bare = ['## Day 1', '', prose('first'), '', '## Day 2', '', prose('second')].join('\n');
    assert.deepEqual(
      (await importWork([file('bare.md', bare)])).chapters.map((c) => c.title),
      ['Day 1', 'Day 2'],
    );
    const mixed = ['## Day 1: Arrival', '', prose('first'), '', '## Night 2: Fog', '', prose('second')].join('\n');
    assert.deepEqual(
      (await importWork([file('mixed.md', mixed)])).chapters.map((c) => c.title),
      ['Day 1: Arrival', 'Night 2: Fog'],
    );
  });

  it('takes lower-case roman numerals for chapters ("i.", "ii."), and the "+1" that ends a five-times story', async () => {
    const scene = (n: string) =>
      `The first time Kit fell through the ice was the ${n} winter, and Ren pulled her out by the hood and said nothing about it.`;
    const five = ['i.', '', scene('first'), '', 'ii.', '', scene('second'), '', 'iii.', '', scene('third')];
    const work = await importWork([file('five-times.txt', [...five, '', '+1', '', scene('last')].join('\n'))]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null, null, null],
    );
    assert.ok(!work.chapters.some((c) => /^<p>(?:ii?i?\.|\+1)<\/p>/.test(c.html)), 'no numeral is left as story');
    const bare = await importWork([
      file('bare.txt', ['i', '', scene('first'), '', 'ii', '', scene('second')].join('\n')),
    ]);
    assert.equal(bare.chapters.length, 2);
  });

  it('does not take a sentence that starts with a chapter word for a heading', async () => {
    for (const line of [
      'Part of me wanted to stay.',
      'Глава семьи пришла домой.',
      'Part dim',
      '第二章はまだ書いていない。彼女は書き続けた。',
    ])
      assert.equal(chapterHeading(line), undefined, line);
  });

  it('finds every chapter of a collapsed file whose headings came in many shapes', async () => {
    const chapter = (n: string) =>
      `A/N: Sorry this took so long, real life got in the way. Enjoy! -o-o- The rain had not stopped since morning in chapter ${n}. “Where were you?” Tom asked. “Out,” Anna said. She did not look at him. ${'The fire burned low and the clock ticked on. '.repeat(12)}The next chapter should be up on Friday!`;
    const text = [
      'Salt and Iron',
      'by Lady Rowan',
      'Chapter 1: The Long Winter',
      chapter('one'),
      '~ Chapter Two: Homecoming ~',
      chapter('two'),
      'CHAPTER THREE',
      chapter('three'),
      'Ch. 4',
      chapter('four'),
    ].join('\n');
    const work = await importWork([file('salt.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Long Winter', 'Homecoming', null, null],
    );
    for (const c of work.chapters) {
      assert.equal(c.notes.beginning, 'Sorry this took so long, real life got in the way. Enjoy!');
      assert.equal(c.notes.end, 'The next chapter should be up on Friday!');
      assert.match(c.blocks[0].type === 'paragraph' ? c.blocks[0].text : '', /^The rain had not stopped/);
    }
  });
});

describe('chapter headings in more of the shapes writers and their tools leave', () => {
  const prose = (n: string) =>
    `The lamps were lit early in part ${n}, and the snow came down past the window all evening.`;

  it('reads a title after a tilde, ordinals after the word for chapter, and a right-to-left mark before it', () => {
    const cases: [string, string, string | null][] = [
      ['Chapter One ~ Reaping Day', 'Chapter One', 'Reaping Day'],
      ['Capitolo secondo', 'Capitolo secondo', null],
      ['Capítulo tercero: La vuelta', 'Capítulo tercero', 'La vuelta'],
      ['الفصل الثاني: الوعد', 'الفصل الثاني', 'الوعد'],
      ['\u200Fالفصل الأول', 'الفصل الأول', null],
      ['פרק שני', 'פרק שני', null],
      ['بخش اول', 'بخش اول', null],
      ['قسمت دوم: مغازه', 'قسمت دوم', 'مغازه'],
      ['Κεφάλαιο δεύτερο', 'Κεφάλαιο δεύτερο', null],
      ['Розділ перший. Криниця', 'Розділ перший', 'Криниця'],
      ['Розділ третій', 'Розділ третій', null],
    ];
    for (const [line, marker, title] of cases) assert.deepEqual(chapterHeading(line), { marker, title }, line);
    for (const line of [
      'Capitolo secondo me era sbagliato.',
      'Chapter and verse, she said.',
      'Part of me ~ wanted to stay.',
    ])
      assert.equal(chapterHeading(line), undefined, line);
  });

  it('reads LaTeX’s \\chapter and an Org mode heading’s tags', () => {
    assert.deepEqual(chapterHeading('\\chapter{Adagio}'), { marker: '\\chapter', title: 'Adagio' });
    assert.deepEqual(chapterHeading('\\chapter*{II}'), { marker: 'II', title: null });
    assert.deepEqual(chapterHeading('* Chapter the Third: In Which Nothing Is Resolved      :draft:'), {
      marker: 'Chapter the Third',
      title: 'In Which Nothing Is Resolved',
    });
    assert.equal(chapterHeading('Chapter one ~ she laughed, that was all it was.'), undefined);
  });

  it('splits a right-to-left text file with a direction mark on every line at its chapter headings', async () => {
    const text = [
      '‏العنوان: الحكاية',
      '',
      '‏الفصل الأول',
      `‏${prose('one')}`,
      '',
      '‏الفصل الثاني: الحكاية',
      `‏${prose('two')}`,
    ];
    const work = await importWork([file('rtl.txt', text.join('\r\n'))]);
    assert.equal(work.title, 'الحكاية');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, 'الحكاية'],
    );
  });

  it('splits a LaTeX source at its chapters', async () => {
    const latex = ['\\chapter{Adagio}', '', prose('one'), '', '\\chapter*{II}', '', prose('two')].join('\n');
    assert.deepEqual(await titles('passage.txt', latex), ['Adagio', null]);
  });

  it('splits a Chinese story posted in halves at its 上 and 下, but not at a 上 alone in the story', async () => {
    const snow = '那年冬天的雪下得特别大，山门外积了三尺深。';
    const halves = ['雪夜归人', '', '上', '', snow, '', '下', '', '“蓝湛。”那人在他面前停下，笑了一下。'];
    assert.deepEqual(await titles('lofter.txt', halves.join('\n')), ['上', '下']);
    const alone = ['雪夜', '', snow, '', '上', '', '不，他没有上去。', '', '他站了很久。'];
    assert.deepEqual(await titles('alone.txt', alone.join('\n')), [null]);
  });

  it('reads Scrivener’s tab-indented text: the title under each heading, even one titled “Notes”', async () => {
    const text = [
      'CHAPTER ONE',
      'Inventory',
      `\t${prose('one')}`,
      `\t${prose('one, again')}`,
      '',
      'CHAPTER TWO',
      'Transit',
      `\t${prose('two')}`,
      `\t${prose('two, again')}`,
      '',
      'CHAPTER THREE',
      'Notes',
      `\t${prose('three')}`,
      `\t${prose('three, again')}`,
    ].join('\r\n');
    const work = await importWork([file('tea.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Inventory', 'Transit', 'Notes'],
    );
    assert.ok(work.chapters.every((c) => c.blocks.length === 2));
    const poem = [
      `\t${prose('one')}`,
      `\t${prose('two')}`,
      `\t${prose('three')}`,
      `\t${prose('four')}`,
      '',
      'the sea, the sea',
      'the sea again',
      '',
      `\t${prose('five')}`,
    ];
    const lines = await importWork([file('poem.txt', poem.join('\n'))]);
    assert.deepEqual(
      lines.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '*')),
      [prose('one'), prose('two'), prose('three'), prose('four'), 'the sea, the sea\nthe sea again', prose('five')],
    );
  });

  it('reads a paragraph above a header’s fields as a note, and the fields under it, one chapter or several', async () => {
    for (const note of [
      'Reveals are up for the winter exchange. Go and comment on the stories below.',
      'Mod note: Reveals are up! Please go and say hello to your writers.',
    ])
      for (const heads of [
        ['I.', 'II.'],
        ['', ''],
      ]) {
        const text = [
          note,
          '',
          'Title: Ice That Holds',
          'Author: goldencrown',
          'Rating: G',
          '',
          heads[0],
          '',
          iceScene('first'),
          '',
          heads[1],
          '',
          iceScene('second'),
        ];
        const work = await importWork([file('reveal.txt', text.join('\n'))]);
        assert.equal(work.title, 'Ice That Holds');
        assert.equal(creatorName(work), 'goldencrown');
        assert.equal(work.chapters.length, heads[0] ? 2 : 1);
        const notes = work.preview.pieces.filter((p) => p.part === 'notes').map((p) => p.text);
        assert.deepEqual(notes, [note.replace(/^Mod note: /, '')]);
        assert.ok(!storyParagraphs(work).some((p) => /Title:|Reveals/.test(p)), 'no header line left in the story');
      }
  });

  it('reads a header whose labels ran together on one line, the story run on after its last field', async () => {
    const story =
      'Anna encontró a su hermana en la biblioteca, sentada en el suelo, rodeada de cartas. Eran las cartas que Anna le había escrito durante trece años.';
    const line = `Título: Lo que queda del invierno Autora: Neblina_Azul Fandom: Frozen N/A: Escrito para el reto de drabbles del foro. No soy dueña de nada, todo es de Disney. ${story}`;
    const work = await importWork([file('invierno.txt', line)]);
    assert.equal(work.title, 'Lo que queda del invierno');
    assert.equal(creatorName(work), 'Neblina_Azul');
    assert.equal(work.disclaimer, 'No soy dueña de nada, todo es de Disney.');
    assert.equal(storyParagraphs(work).join(' '), story);
    // A label inside a sentence of the story, lower case or not after a space, starts no field.
    const told =
      'Título: La carta Autora: Neblina_Azul\n\nElsa wrote: «Querida Anna», and stopped. The note: nothing more.';
    assert.deepEqual(storyParagraphs(await importWork([file('carta.txt', told)])), [
      'Elsa wrote: «Querida Anna», and stopped. The note: nothing more.',
    ]);
  });

  it('reads on past a note above the first of several chapters, and makes no chapter of it', async () => {
    const text = [
      'La casa de los relojes',
      'por Lunaria_Black',
      '',
      'Disclaimer: Los personajes de Harry Potter no me pertenecen, son de J.K. Rowling. Yo solo juego con ellos.',
      '',
      'Nota de la autora: ¡Hola! Son dos capítulos cortitos.',
      '',
      'Capítulo 1: Tic',
      '',
      prose('one'),
      '',
      'Capítulo 2: Tac',
      '',
      prose('two'),
    ].join('\n');
    const work = await importWork([file('relojes.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Tic', 'Tac'],
    );
    assert.match(work.notes.beginning ?? '', /Son dos capítulos cortitos/);
  });

  it('keeps a disclaimer and the note run on after it apart above the first chapter, each word said once', async () => {
    const text = [
      'Title: La casa de los relojes',
      'Author: Lunaria_Black',
      'Fandom: Harry Potter',
      'Rating: G',
      '',
      'Disclaimer: Rowling’s, not mine. Note: For the clock challenge. Thanks to Ivy for reading it first. The clock in the hall had its own moods.',
      '',
      'Capítulo 1: Tic',
      '',
      prose('one'),
      '',
      'Capítulo 2: Tac',
      '',
      prose('two'),
    ].join('\n');
    const work = await importWork([file('relojes.txt', text)]);
    const said = work.preview.pieces.map((p) => p.text).join(' ');
    for (const phrase of ['Rowling’s, not mine.', 'For the clock challenge.', 'Thanks to Ivy', 'The clock in the hall'])
      assert.equal(said.split(phrase).length - 1, 1, phrase);
    assert.equal(work.disclaimer, 'Rowling’s, not mine.');
  });

  it('reads an AO3 e-book saved as text: a chapter’s title over its summary and again over its text, “Epilogue” twice', async () => {
    const text = [
      'Austin Friars',
      'Chapter Summary',
      '1527. The boy arrives with a letter and no coat.',
      'Austin Friars',
      prose('one'),
      'Chapter 2',
      prose('two'),
      'Epilogue',
      'Epilogue',
      prose('three'),
    ].join('\n\n');
    const work = await importWork([file('ledger.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Austin Friars', null, 'Epilogue'],
    );
    assert.equal(work.chapters[0].notes.beginning, '1527. The boy arrives with a letter and no coat.');
  });

  it('takes the unnumbered heading over numbered chapters for the work’s title', async () => {
    const text = [
      '# Calibration #',
      '*Summary:* Garrus never finishes a calibration.',
      '# 1. Shore Leave #',
      prose('one'),
      '# 2. Thermal Clips #',
      prose('two'),
    ];
    const work = await importWork([file('calibration.md', text.join('\n\n'))]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Shore Leave', 'Thermal Clips'],
    );
    assert.equal(work.title, 'Calibration');
    const overStory = ['# Harbour', prose('zero'), '# 1. Morning', prose('one'), '# 2. Evening', prose('two')];
    assert.deepEqual(await titles('harbour.md', overStory.join('\n\n')), ['Harbour', 'Morning', 'Evening']);
  });

  it('does not take the headings a forum puts over its posts for chapters headed in the posts’ text', async () => {
    const post = (poster: string, body: string) =>
      `<div class="post"><h4>${poster}</h4><div class="inner">${body}</div></div>`;
    const html = [
      '<html><body>',
      post('Hemulinna', `<p><b>Luku 1 – Lyhty</b></p><p>${prose('one')}</p>`),
      post('Tuulihattu', '<p>Voi että, tämä on niin kaunis alku! Odotan innolla jatkoa.</p>'),
      post('Hemulinna', `<p><b>Luku 2 – Ranta</b></p><p>${prose('two')}</p>`),
      '</body></html>',
    ].join('\n');
    const work = await importWork([file('topic.html', html)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Lyhty', 'Ranta'],
    );
  });

  it('names a chapter copied alone from FanFiction.Net after the chapter its menu shows', async () => {
    const text = [
      'The Sour Orchard',
      'By: bramblewick_writes',
      'Ginny spends the first summer after the war in a neglected orchard.',
      'Rated: Fiction  K+ - English - Friendship - Ginny W., Luna L. - Chapters: 4 - Words: 6,212',
      ' < Prev   3. Thirty-One Trees   Next >',
      '',
      prose('three'),
      '',
      prose('three, again'),
      '',
      ' < Prev   3. Thirty-One Trees   Next >',
    ].join('\n');
    assert.deepEqual(await titles('orchard.txt', text), ['Thirty-One Trees']);
  });
});
