/**
 * Pages saved from sites of the 2000s and 2010s: an Everything2 writeup, a wiki's fanon page with its infobox and
 * sections, journal entries (DeadJournal through the Wayback Machine, Scribbld), free site builders' pages (Yola,
 * Webnode). What the site shows round the story (its sidebar, footer, share links, readers' comments) is set apart;
 * the title, the writer, the notes and the chapters are read as the writer wrote them.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, storyParagraphs, textFile } from '../../support/imports.ts';

const LINES = [
  'The lighthouse keeper counted the steps every morning, one hundred and twelve of them, and every morning he lost count somewhere near the top.',
  'His sister said it was the wind that did it, the way it came through the slit windows and whistled a tune he almost knew.',
  'On the ninth day he wrote the number on the wall in chalk, and on the tenth the chalk was gone and a gull was sitting where it had been.',
  'He climbed down again and made the tea, and when his sister asked how many steps there had been he told her one hundred and twelve, and she believed him.',
];
const prose = (lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('\n');

describe('an Everything2 writeup', () => {
  const writeup = (content: string) =>
    textFile(
      'writeup.html',
      `<html><head><title>The Lamp (fiction)@Everything2.com</title></head><body>
      <div id="header"><h1 id="e2logo"><a href="/">Everything<span>2</span></a></h1></div>
      <div id="wrapper"><div id="mainbody">
      <div id="pageheader"><h1 class="nodetitle">The Lamp (fiction)</h1></div>
      <div class="item writeup"><div class="contentinfo contentheader"><a href="/title/The+Lamp" class="title">(fiction)</a> by <a href="/user/salt_keeper" class="author">salt_keeper</a> <span class="date">Sat Apr 09 2005 at 16:20:43</span></div>
      <div class="content">${content}</div></div></div>
      <div id="sidebar"><div class="nodelet"><h2>New Writeups</h2><ul><li><a href="/title/Tuesday">Tuesday</a> (log) by <a href="/user/borgo">borgo</a></li></ul></div>
      <div class="nodelet"><h2>Cool Archive</h2></div></div></div>
      <div id="footer">Everything2 is brought to you by Everything2 Media, LLC.</div></body></html>`,
    );

  it('reads the node title without "(fiction)", the writeup’s author, its one chapter and the note under its rule', async () => {
    const work = await importWork([
      writeup(`${prose(LINES)}<hr><p><small>Written for the April fiction quest. /msg me with any typos.</small></p>`),
    ]);
    assert.equal(work.title, 'The Lamp');
    assert.equal(creatorName(work), 'salt_keeper');
    assert.equal(work.chapters.length, 1);
    assert.deepEqual(storyParagraphs(work), LINES);
    assert.match(work.notes.end ?? work.chapters[0].notes.end ?? '', /April fiction quest/);
  });

  it('reads "written out of love and not for money" as the disclaimer', async () => {
    const work = await importWork([
      writeup(
        `<p><i>The lighthouse and its keeper are the property of Harbour Books; this is written out of love and not for money.</i></p>${prose(LINES)}`,
      ),
    ]);
    assert.match(work.disclaimer ?? '', /not for money/);
    assert.deepEqual(storyParagraphs(work), LINES);
  });
});

describe('a wiki’s fanon page', () => {
  const fanon = (sections: string) =>
    textFile(
      'fanon.html',
      `<html><head><title>The Lamp - Lighthouse Fanon Wiki</title></head><body>
      <header id="WikiHeader"><h1 class="wordmark"><a href="/">Lighthouse Fanon Wiki</a></h1></header>
      <article id="WikiaMainContent"><header id="WikiaPageHeader"><h1>The Lamp</h1><a href="?action=edit">Edit</a></header>
      <div id="mw-content-text">
      <table class="infobox"><tr><th colspan="2">The Lamp</th></tr><tr><td>Author</td><td><a href="/wiki/User:Salt_Keeper">Salt_Keeper</a></td></tr><tr><td>Rating</td><td>K</td></tr><tr><td>Status</td><td>Complete</td></tr></table>
      <p><b>Author's note:</b> This is my first story on the wiki, so please don't edit it! The Lighthouse Stories are by Mary Harbour.</p>
      ${sections}
      </div></article></body></html>`,
    );
  const section = (name: string, lines: string[]) =>
    `<h2><span class="mw-headline">${name}</span><span class="editsection">[<a href="?action=edit">edit</a>]</span></h2>${prose(lines)}`;

  it('reads the infobox’s caption and author, the sections as chapters without "[edit]", the note’s closing credit as the disclaimer', async () => {
    const work = await importWork([
      fanon(`${section('Morning', LINES.slice(0, 2))}${section('Night', LINES.slice(2))}`),
    ]);
    assert.equal(work.title, 'The Lamp');
    assert.equal(creatorName(work), 'Salt_Keeper');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Morning', 'Night'],
    );
    assert.match(work.notes.beginning ?? '', /first story on the wiki/);
    assert.equal(work.disclaimer, 'The Lighthouse Stories are by Mary Harbour.');
  });

  it('reads a "Comments" section of one line asking for them as the writer’s note, not a chapter', async () => {
    const work = await importWork([
      fanon(
        `${section('Morning', LINES.slice(0, 2))}${section('Night', LINES.slice(2))}<h2><span class="mw-headline">Comments</span></h2><p>Please leave a comment below if you liked this! I'm working on another one next.</p>`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.match(work.notes.end ?? work.chapters[1].notes.end ?? '', /Please leave a comment/);
  });

  it('keeps a last chapter named "Comments" with its story under it', async () => {
    const work = await importWork([
      fanon(`${section('Morning', LINES.slice(0, 2))}${section('Comments', [...LINES.slice(2), ...LINES])}`),
    ]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Morning', 'Comments'],
    );
  });
});

describe('journal entries', () => {
  it('takes headings numbered between ornaments ("❦ i. the dice ❦") as chapters, and the note after the lone ornament', async () => {
    const names = ['the steps', 'the wind', 'the chalk', 'the tea'];
    const work = await importWork([
      textFile(
        'entry.html',
        `<html><head><title>keeper: The Count</title></head><body><div class="entry">
        ${names.map((name, i) => `<p align="center">❦ ${['i', 'ii', 'iii', 'iv'][i]}. ${name} ❦</p>${prose([LINES[i], LINES[i]])}`).join('\n')}
        <p align="center">❦</p><p>Thank you for reading. I have another one half-written, so that might be next. Comments are love!</p>
        </div><div class="footer"><a href="/site/">Site Map</a> | <a href="/tos">Terms of Service</a> | <a href="/support">Support</a><br>DeadJournal.com</div></body></html>`,
      ),
    ]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      names,
    );
    assert.match(work.notes.end ?? work.chapters[3].notes.end ?? '', /Thank you for reading/);
    assert.deepEqual(storyParagraphs(work).at(-1), LINES[3]);
  });

  it('reads "* * * FINISH * * *" as the story’s end, and sets the comment thread apart', async () => {
    const work = await importWork([
      textFile(
        'entry.html',
        `<html><head><title>racer: Fic</title></head><body><div class="entry"><div class="entry-text">
        ${LINES.join('<br><br>')}<br><br><center>* * * FINISH * * *</center><br>Comments make me go faster!</div></div>
        <div class="comment-thread"><div class="comment"><b>trixie</b> wrote: <p>I love him so much.</p><small>Aug. 11th, 2007 06:02 pm (UTC)</small> <a href="#">Reply</a></div></div>
        </body></html>`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), LINES);
    assert.match(work.notes.end ?? work.chapters[0].notes.end ?? '', /Comments make me go faster/);
  });
});

describe('free site builders’ pages', () => {
  it('sets the sidebar inside the content box apart (its heading no chapter), and the share links by network', async () => {
    const work = await importWork([
      textFile(
        'site.html',
        `<html><head><title>Stories - Salt and Ink</title></head><body><div id="header"><h1>Salt and Ink</h1></div>
        <div id="content"><div class="layout"><h2>The Lamp</h2>
        <h3>Part One</h3>${prose(LINES.slice(0, 2))}<h3>Part Two</h3>${prose(LINES.slice(2))}
        <div class="bookmarks"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Google+</a></div></div>
        <div id="sidebar"><h3>More stories</h3><ul><li><a href="/a">The Ferry</a></li><li><a href="/b">The Gull</a></li></ul></div></div>
        </body></html>`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), LINES);
  });
});
