/**
 * The heads of saved pages that are no boards: a journal's entry laid out in a table of the page's regions, a diary
 * site's tab naming the site, the journal and the entry, a blog whose tab is only its name, a wiki's contents opening
 * with the page's own heading, a homepage's centred title over its byline, a story site's facts on one line; and the
 * words writers of more languages use for parts and disclaimers.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { isDisclaimer, withoutPartCount } from '../../../src/text/import/cues.ts';
import { isPostDate } from '../../../src/text/import/post-date.ts';
import { creatorName, fieldText, storyParagraphs, textFile } from '../../support/imports.ts';

const LINES = [
  'The lighthouse keeper counted the steps every morning, one hundred and twelve of them, and every morning he lost count somewhere near the top.',
  'His sister said it was the wind that did it, the way it came through the slit windows and whistled a tune he almost knew.',
  'On the ninth day he wrote the number on the wall in chalk, and on the tenth the chalk was gone and a gull was sitting where it had been.',
];

const html = (title: string, body: string) =>
  textFile('page.html', `<html><head><title>${title}</title></head><body>${body}</body></html>`);

describe('a journal entry under a header table whose cells are named for the page’s regions', () => {
  const entry = (cellClass: string) =>
    html(
      'tidewatch - fic: One Hundred and Twelve (G)',
      `<table width="100%"><tr><td class="${cellClass}"><b>tidewatch</b><br>salt in the air</td></tr>
      <tr><td class="nav"><a href="/users/tidewatch/">Recent Entries</a> | <a href="/f">Friends</a> | <a href="/c">Archive</a> | <a href="/u">User Info</a></td></tr></table>
      <div class="date">Tuesday, March 9th, 2004</div>
      <div class="entry"><b>fic: One Hundred and Twelve (G)</b><br>
      <b>Title:</b> One Hundred and Twelve<br><b>Author:</b> tidewatch<br><b>Rating:</b> G<br>
      <b>Summary:</b> A keeper counts the steps of his tower.<br><br>
      ${LINES.join('<br><br>\n')}</div>`,
    );

  it('reads the header’s cells apart: the entry’s fields are read and none of the page is story', async () => {
    const work = await importWork([entry('header')]);
    assert.equal(work.title, 'One Hundred and Twelve');
    assert.equal(work.summary, 'A keeper counts the steps of his tower.');
    assert.equal(fieldText(work, 'rating'), 'G');
    assert.deepEqual(storyParagraphs(work), LINES);
  });

  it('keeps a table of a few words a cell whole when no cell is named for a region of the page', async () => {
    const work = await importWork([
      html(
        'Log in',
        `<p>${LINES[0]}</p><table><tr><td class="steps">steps</td><td>112</td></tr><tr><td class="windows">windows</td><td>9</td></tr></table><p>${LINES[1]}</p>`,
      ),
    ]);
    assert.equal(work.chapters[0].blocks.length, 3);
  });
});

describe('a diary site’s tab naming the site, the journal and the entry ("Diary-X: journal - entry")', () => {
  const diary = (logo: string) =>
    html(
      'Diary-X: sophia_says - Cheesecake at Two',
      `<table><tr><td><a href="/"><img src="/logo.gif" alt="${logo}"></a></td><td><a href="/login.php">login</a> | <a href="/signup.php">get a diary</a></td></tr></table>
      <h2>sophia_says</h2>
      <p><a href="e1">&lt;&lt; previous</a> | <a href="index.php">index</a> | <a href="e3">next &gt;&gt;</a></p>
      <h3>Saturday, June 14, 2003 - 11:48 p.m.</h3>
      <h3>Cheesecake at Two</h3>
      ${LINES.map((line) => `<p>${line}</p>`).join('\n')}`,
    );

  it('takes the entry’s heading as the title and the journal’s name as its creator, the date as no chapter', async () => {
    const work = await importWork([diary('Diary-X')]);
    assert.equal(work.title, 'Cheesecake at Two');
    assert.equal(creatorName(work), 'sophia_says');
    assert.equal(work.chapters.length, 1);
    assert.deepEqual(storyParagraphs(work), LINES);
  });

  it('reads the last part of the tab as the site’s when the page’s logo does not name the site before the colon', async () => {
    const work = await importWork([diary('Cheesecake at Two')]);
    assert.notEqual(work.title, 'Cheesecake at Two');
  });
});

describe('a post’s date with its time after a dash', () => {
  it('is a date: "Saturday, June 14, 2003 - 11:48 p.m.", "12 ianuarie 2015 - 21:08"', () => {
    assert.equal(isPostDate('Saturday, June 14, 2003 - 11:48 p.m.'), true);
    assert.equal(isPostDate('12 ianuarie 2015 - 21:08'), true);
    assert.equal(isPostDate('June 14, 2003 @ 11:48 pm'), true);
  });

  it('is not a heading that only holds a time or a part: "Part 2 - June 14, 2003", "Chapter 3 - 11:48"', () => {
    assert.equal(isPostDate('Part 2 - June 14, 2003'), false);
    assert.equal(isPostDate('Chapter 3 - 11:48'), false);
  });
});

describe('a blog whose tab is only its name, over its tagline and a dated post', () => {
  const blog = (dateLine: string, titleLine: string, tagline = '<i>a bear of very little brain</i>') =>
    html(
      '~*Hundred Acre Hideaway*~',
      `<table><tr><td colspan="2"><h1>~*Hundred Acre Hideaway*~</h1>${tagline}</td></tr>
      <tr><td><p class="date">${dateLine}</p>
      <div class="post"><p class="title">${titleLine}</p>
      ${LINES.map((line) => `<p>${line}</p>`).join('\n')}
      <p class="posted">Posted at 04:12 pm by <a href="mailto:tb@example.com">tiggerbounce</a><br><a href="#">Make a comment</a> | <a href="#">Permalink</a></p>
      </div></td></tr></table>`,
    );

  it('takes the post’s bold title under the date as the work’s, and the blog’s line under the post as its creator', async () => {
    const work = await importWork([blog('Sunday, November 27', "<b>Eeyore's Umbrella</b>")]);
    assert.equal(work.title, "Eeyore's Umbrella");
    assert.equal(creatorName(work), 'tiggerbounce');
    assert.deepEqual(storyParagraphs(work).slice(0, 3), LINES);
  });

  it('keeps the heading as the title over a story’s own dateline and a bold greeting: "Dear Mother,"', async () => {
    const work = await importWork([blog('June 14, 1944', '<b>Dear Mother,</b>')]);
    assert.equal(work.title, 'Hundred Acre Hideaway');
  });

  it('keeps a post page’s heading, its tab naming the writer, over its subtitle, date and counts ("♡ 41 💬 12 Share")', async () => {
    const work = await importWork([
      html(
        'The Case of the Vanishing Marmalade - by Hastings &amp; Co.',
        `<h1>The Case of the Vanishing Marmalade</h1><h3>A little pastiche in two parts</h3>
        <p>Mar 16, 2024</p><p>♡ 41 💬 12 Share</p>
        ${LINES.map((line) => `<p>${line}</p>`).join('\n')}`,
      ),
    ]);
    assert.equal(work.title, 'The Case of the Vanishing Marmalade');
  });

  it('keeps the heading as the title when a dateline stands right under it, with no tagline', async () => {
    const work = await importWork([blog('June 14, 1944', '<b>London</b>', '')]);
    assert.equal(work.title, 'Hundred Acre Hideaway');
  });
});

describe('a Dutch blog’s page, its tab the blog’s name and the host’s', () => {
  const blog = (footer: string) =>
    html(
      'Flodderfics van Ilse - Bloggen.be',
      `<div id="bar"><a href="/"><img src="/logo.gif" alt="Bloggen.be"></a> | <a>Maak je eigen blog</a> | <a>Inloggen</a></div>
      <h1>Flodderfics van Ilse</h1><p>Verhaaltjes over de leukste familie</p>
      <div class="post"><div class="datum">16-04-2009</div><div class="titel">De heg</div>
      ${LINES.map((line) => `<p>${line}</p>`).join('\n')}
      <div class="footer">${footer}</div></div>`,
    );

  it('takes the post’s title under the date, and "Geschreven door NAME om 20:41" names the creator', async () => {
    const work = await importWork([blog('Geschreven door Ilse om 20:41 | <a>Reageer (3)</a> | <a>Permalink</a>')]);
    assert.equal(work.title, 'De heg');
    assert.equal(creatorName(work), 'Ilse');
  });

  it('names no creator from a story’s line written by candlelight', async () => {
    const work = await importWork([blog('Written by candlelight at 2 in the morning, the letter never came.')]);
    assert.notEqual(creatorName(work), 'candlelight');
  });
});

describe('a wiki page’s contents opening with the page’s own heading', () => {
  const wiki = (title: string) =>
    html(
      title,
      `<div id="dokuwiki__header"><h1><a href="/">Attic Archive</a></h1><p class="claim">a fic wiki</p></div>
      <div class="toc"><h3>Table of Contents</h3><ul><li><a href="#treatment">Treatment</a><ul><li><a href="#one">One</a></li><li><a href="#two">Two</a></li></ul></li></ul></div>
      <h1 id="treatment">Treatment</h1>
      <h2 id="one">One</h2><p>${LINES[0]}</p><p>${LINES[1]}</p>
      <h2 id="two">Two</h2><p>${LINES[2]}</p>`,
    );

  it('takes the heading the tab names by its path ("fic:treatment [Attic Archive]") as the title; "One", "Two" number the sections', async () => {
    const work = await importWork([wiki('fic:treatment [Attic Archive]')]);
    assert.equal(work.title, 'Treatment');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(storyParagraphs(work), LINES);
  });

  it('keeps the listed heading as a chapter’s when the tab does not name it', async () => {
    const work = await importWork([wiki('Attic Archive')]);
    assert.equal(work.chapters[0].title, 'Treatment');
  });
});

describe('a homepage’s centred head: an image’s caption, the title, the byline, between <br>s', () => {
  it('takes the line over the byline as the title, though the tab names the site first ("Hill Valley Stories - 88 Miles Per Hour")', async () => {
    const work = await importWork([
      html(
        'Hill Valley Stories - 88 Miles Per Hour',
        `<center><img src="car.gif" alt="DeLorean"><br><font size="6"><b>88 Miles Per Hour</b></font><br><font size="3">by Jennifer P.</font></center>
        ${LINES.map((line) => `<p>${line}</p>`).join('\n')}`,
      ),
    ]);
    assert.equal(work.title, '88 Miles Per Hour');
    assert.equal(creatorName(work), 'Jennifer P.');
    assert.deepEqual(storyParagraphs(work), LINES);
  });

  it('still reads the site’s name at the end of the tab as the site’s when the page shows it over no byline', async () => {
    const work = await importWork([
      html(
        "The Keeper's Lamp - Lamplight Archive",
        `<p>Lamplight Archive</p><h1>The Keeper's Lamp</h1><p>by lamp_oil</p>
        ${LINES.map((line) => `<p>${line}</p>`).join('\n')}`,
      ),
    ]);
    assert.equal(work.title, "The Keeper's Lamp");
  });
});

describe('a story site’s facts on one line between bars', () => {
  const site = (facts: string) =>
    html(
      'Jakubova zima | Modrý koník',
      `<h1>Jakubova zima</h1><p>${facts}</p><h3>1. časť</h3><p>${LINES[0]}</p><h3>2. časť</h3><p>${LINES[1]}</p><p>${LINES[2]}</p>`,
    );

  it('reads "Autor: … | Kategória: … | Pridané: …" field by field: the creator is the name alone', async () => {
    const work = await importWork([site('Autor: snehova_vlocka | Kategória: Próza / Poviedka | Pridané: 3. 1. 2012')]);
    assert.equal(creatorName(work), 'snehova_vlocka');
    assert.deepEqual(storyParagraphs(work), LINES);
  });

  it('takes "1. časť", "2. časť" as the Slovak parts’ numbers, with no titles', async () => {
    const work = await importWork([site('Autor: snehova_vlocka')]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
  });

  it('leaves a story’s line with bars and colons in it as story', async () => {
    const line = 'Mum said: no | Dad said: yes | Gran said: maybe';
    const work = await importWork([
      html('Log in', `<p>${LINES[0]}</p><p>${line}</p><p>${LINES[1]}</p><p>${LINES[2]}</p>`),
    ]);
    assert.deepEqual(storyParagraphs(work), [LINES[0], line, LINES[1], LINES[2]]);
  });
});

describe('parts and disclaimers in the words of more writers', () => {
  it('reads "(1ª e 2ª parte)" after a title as the parts the post holds', () => {
    assert.equal(withoutPartCount('Balbino volve á aldea (1ª e 2ª parte)'), 'Balbino volve á aldea');
    assert.equal(withoutPartCount('O 1º de Maio'), 'O 1º de Maio');
  });

  it('reads Slovak, Galician and initialled makers’ disclaimers', () => {
    assert.equal(isDisclaimer('Postavy patria tvorcom filmu Perinbaba. Nič na tom nezarábam.'), true);
    assert.equal(isDisclaimer('As personaxes son de Xosé Neira Vilas, eu só as tomei prestadas.'), true);
    assert.equal(isDisclaimer('Non gaño nada con isto, é só por amor ao libro.'), true);
    assert.equal(isDisclaimer('Pooh and friends belong to the A. A. Milne estate. not me.'), true);
    assert.equal(isDisclaimer("No one owns them but Witt/Thomas and Disney, I'm just a fan."), true);
  });

  it('leaves story lines that say the same words of other things', () => {
    assert.equal(isDisclaimer('Tie dve postavy patria k sebe, povedala stará mama.'), false);
    assert.equal(isDisclaimer('Non gaño nada traballando no porto, dixo o pai.'), false);
    assert.equal(isDisclaimer('The boats belong to J. now, and to nobody else.'), false);
    assert.equal(isDisclaimer('Nobody owns them but the sea, said the old man.'), false);
  });
});
