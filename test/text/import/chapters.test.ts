import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chromeStrength } from '../../../src/text/import/chrome.ts';
import { chapterTitles as titles, textFile as file } from '../../support/imports.ts';

const prose = (n: string) =>
  `The rain kept on through part ${n}, and the gutters along the street ran loud until the small hours.`;

describe('chapters and their titles, as writers’ tools and sites give them', () => {
  it('reads a numbered heading titled “Notes” as a chapter, and a site’s count of notes as the site’s', async () => {
    const html = [
      '<html><head><title></title></head><body>',
      '<p>Case File: The Neptune Swan</p>',
      '<h2 class="western">1. The Swans</h2>',
      `<p>${prose('one')}</p>`,
      `<p>${prose('one, again')}</p>`,
      '<h2 class="western">2. Notes</h2>',
      '<p>CASE NOTES — Tuesday</p>',
      `<p>${prose('two')}</p>`,
      '</body></html>',
    ].join('\n');
    assert.deepEqual(await titles('swans.html', html), ['The Swans', 'Notes']);
    for (const line of ['2 notes', '1,204 notes', '3.1K notes']) assert.equal(chromeStrength(line), 'button', line);
  });

  it('reads parts numbered as writers number them without the word “chapter”: “One: Title”, “#1.”, “1/4”', async () => {
    // Pages' plain text: no blank lines, each part's number spelled out before its title.
    const spelled = ['The Clock', 'by marmalade_fan', 'One: A Clock Without Hands', prose('one'), prose('one, again')];
    spelled.push('Two: Orange and Ginger', prose('two'), prose('two, again'));
    assert.deepEqual(await titles('clock.txt', spelled.join('\n')), ['A Clock Without Hands', 'Orange and Ginger']);
    // A blog post's parts: "#1.", "#2.".
    const blog = ['<html><body><article><h2>The Band</h2><p>#1.</p>', `<p>${prose('one')}</p><p>#2.</p>`];
    blog.push(`<p>${prose('two')}</p></article></body></html>`);
    assert.deepEqual(await titles('band.html', blog.join('')), [null, null]);
    // A drabble sequence: four parts of a hundred words or less, each headed with its place among them.
    const drabble = (n: string) => `${prose(n)} ${prose(n)} ${prose(n)}`;
    const parts = ['Eighteen Steps', 'by driftcompatible', '1/4', drabble('one'), '2/4', drabble('two')];
    parts.push('3/4', drabble('three'), '4/4', drabble('four'));
    assert.equal((await importWork([file('steps.txt', parts.join('\n\n'))])).chapters.length, 4);
    // A sentence after a spelled number stays story.
    const told = [prose('one'), 'One: the door was locked.', prose('two'), 'Two: nobody had the key.', prose('three')];
    assert.equal((await importWork([file('told.txt', told.join('\n\n'))])).chapters.length, 1);
  });

  it('reads a Swedish or Norwegian ordinal chapter, “Första kapitlet – Title”, as a heading', async () => {
    const text = ['Första kapitlet – Sommarlovets sista dag', prose('one'), 'Andra kapitlet – Betyg', prose('two')];
    assert.deepEqual(await titles('pippi.txt', text.join('\n\n')), ['Sommarlovets sista dag', 'Betyg']);
    assert.deepEqual(
      await titles('no.txt', ['Første kapittel', prose('one'), 'Andre kapittelet', prose('two')].join('\n\n')),
      [null, null],
    );
  });

  it('splits an eFiction printable page at the chapter titles it heads with the byline, not at the work’s title', async () => {
    const by = ' by <a href="viewuser.php?uid=117">Waverly’s Secretary</a>';
    const html = [
      '<html><body>',
      `<div id="pagetitle"><a href="viewstory.php?sid=1">The Borrowed Umbrella</a>${by}</div>`,
      '<div class="content"><span class="label">Rated:</span> Teen<br /><span class="label">Chapters: </span> 2</div>',
      `<div class="chaptertitle"><b>Via Margutta</b>${by}</div>`,
      `<div class="chapter">${prose('one')}<br /><br />${prose('one, again')}<br /><br />${prose('one, at last')}</div>`,
      '<hr>',
      `<div class="chaptertitle"><b>Something Borrowed</b>${by}</div>`,
      `<div class="chapter">${prose('two')}<br /><br />${prose('two, again')}<br /><br />${prose('two, at last')}</div>`,
      '</body></html>',
    ].join('\n');
    const work = await importWork([file('printable.html', html)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Via Margutta', 'Something Borrowed'],
    );
    assert.equal(work.title, 'The Borrowed Umbrella');
  });

  it('keeps one chapter when the title and byline come again only under the story', async () => {
    const text = [
      'The Borrowed Umbrella by Waverly’s Secretary',
      prose('one'),
      prose('two'),
      'The Borrowed Umbrella by Waverly’s Secretary',
    ];
    assert.deepEqual(await titles('umbrella.txt', text.join('\n\n')), [null]);
  });

  it('sets a journal page’s lines above the header’s fields apart, and makes no chapter of them', async () => {
    const html = [
      '<html><body>',
      '<p>Holy Ground: a Highlander community</p>',
      '<p>quickening_queen wrote in hl_holyground</p>',
      '<p>March 3rd, 2009, 11:41 pm</p>',
      '<h2>FIC: Last Orders (Duncan/Methos, PG, 1/1)</h2>',
      '<p><b>Title:</b> Last Orders<br><b>Author:</b> quickening_queen<br><b>Rating:</b> PG</p>',
      '<p><b>A/N:</b> Set after season five. Thanks to the community for the prompt week.</p>',
      '<p><b>Chapter One: The Bar</b></p>',
      `<p>${prose('one')}</p>`,
      `<p>${prose('one, again')}</p>`,
      '<p><b>Chapter Two: The Journal</b></p>',
      `<p>${prose('two')}</p>`,
      `<p>${prose('two, again')}</p>`,
      '</body></html>',
    ].join('\n');
    const work = await importWork([file('entry.html', html)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Bar', 'The Journal'],
    );
    assert.equal(work.title, 'Last Orders');
    assert.equal(work.notes.beginning, 'Set after season five. Thanks to the community for the prompt week.');
    // Over the first chapter, a line of story and no fields stays a chapter of its own.
    const opening = html.replace(/<p><b>Title:.*?<\/p>/, `<p>${prose('zero')}</p>`);
    assert.equal((await importWork([file('entry.html', opening)])).chapters.length, 3);
  });

  it('makes no chapters of a page’s links to chapters: related posts over the story, the next chapter under it', async () => {
    const page = [
      'Snowfall Stories',
      'Related posts',
      'Chapter 1: Beginnings\nChapter 4: Thaw',
      'Chapter 2: The Tower',
      prose('two'),
      prose('two, again'),
      'Chapter 3: The Storm →',
    ];
    const work = await importWork([file('tower.txt', page.join('\n\n'))]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Tower'],
    );
    assert.deepEqual(
      work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '—')),
      [prose('two'), prose('two, again')],
    );
    // In a writer's own text an arrow on one side decorates a heading over its chapter.
    const arrowed = ['Chapter 1: North →', prose('one'), 'Chapter 2: South →', prose('two')];
    assert.deepEqual(
      (await importWork([file('arrows.txt', arrowed.join('\n\n'))])).chapters.map((c) => c.blocks.length),
      [1, 1],
    );
    // A book's part over its first chapter names each kind once.
    const book = ['Part One: Winter', 'Chapter 1: Beginnings', prose('one'), 'Chapter 2: The Tower', prose('two')];
    const inBook = (await importWork([file('book.txt', book.join('\n\n'))])).chapters.filter(
      (c) => c.blocks.length > 0,
    );
    assert.deepEqual(
      inBook.map((c) => c.title),
      ['Beginnings', 'The Tower'],
    );
  });

  it('reads a wiki page’s sections without their edit buttons, and its numbered contents as contents', async () => {
    const edit = '<span class="mw-editsection">[<a>edit</a> | <a>edit source</a>]</span>';
    const section = (title: string) => `<h2><span class="mw-headline">${title}</span>${edit}</h2>`;
    const html = [
      '<html><body><div class="mw-parser-output">',
      '<h1>The Kettle’s True Name</h1>',
      '<p>The Kettle’s True Name is a fanon story set on Roke.</p>',
      '<div id="toc"><h2>Contents</h2><ul><li>1 Part One: The Tower</li><li>2 Part Two: The Kitchen</li><li>3 Author’s note</li></ul></div>',
      section('Part One: The Tower'),
      `<p>${prose('one')}</p>`,
      section('Part Two: The Kitchen'),
      `<p>${prose('two')}</p>`,
      section('Author’s note'),
      '<p>Written for the wiki’s spring writing challenge.</p>',
      '</div></body></html>',
    ].join('\n');
    const work = await importWork([file('wiki.html', html)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Tower', 'The Kitchen'],
    );
    assert.deepEqual(
      work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '—')),
      [prose('one')],
    );
  });

  it('reads Kakuyomu’s “紹介文” heading as the work’s introduction, not a chapter', async () => {
    const html = [
      '<html><body><main>',
      '<h1>長門さんは傘を持たない</h1>',
      '<h2>紹介文</h2>',
      '<p>梅雨のある放課後、部室に残ったのはキョンと長門だけだった。</p>',
      '<h2>第1話 雨の日の文芸部室</h2>',
      '<p>放課後の文芸部室には、雨の音しかなかった。窓の外は灰色で、グラウンドの土が泥になって光っている。</p>',
      '<p>「長門」と呼ぶと、長門はページから目を上げずに、わずかに首を傾けた。</p>',
      '<h2>おすすめレビュー</h2>',
      '<p>★★★ 静かで優しい十五分。── ユキ</p>',
      '</main></body></html>',
    ].join('\n');
    const work = await importWork([file('kakuyomu.html', html)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['雨の日の文芸部室'],
    );
    assert.equal(work.summary, '梅雨のある放課後、部室に残ったのはキョンと長門だけだった。');
  });
});
