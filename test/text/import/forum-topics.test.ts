/**
 * A story posted in a forum topic saved as a page, on boards whose posts carry no id or data the
 * importer knows (ProBoards, InvisionFree, ForumFree, WoltLab, Foroactivo, a dictionary's entry
 * list): each post shows its poster's name in a box of its own, and the writer's posts are the story.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { creatorName as creator, storyBlocks } from '../../support/imports.ts';

const page = (head: string, body: string) => ({
  name: 'topic.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`,
  ),
});

const STORY = [
  'The lighthouse had been dark for a week when Mara climbed the stairs with a lamp in one hand and the keeper’s letter in the other.',
  'Nobody in the village would say why the light had gone out. They only said that the keeper had gone to the mainland and had not come back.',
  'At the top she found the great lens wrapped in a blanket, as if somebody had wanted to keep it warm, and a cup of tea gone cold beside it.',
  'She unwrapped it slowly. Out on the water a boat turned toward the rocks, and she struck the match before she could think about it.',
];

function storyText(work: ImportedWork): string {
  return storyBlocks(work, '').join('\n');
}

describe('a forum topic whose posts name their poster in bold, in a header or a column of the site’s', () => {
  it('reads the bold name in each post’s header as the poster, and the header as the site’s', async () => {
    const post = (n: number, name: string, body: string) =>
      `<div class="post" id="post${n}"><div class="postheader"><b>${name}</b> <span class="usertitle">Forumlid</span> <span class="posttime">zaterdag 4 mei 2013 @ 20:1${n}</span> #${n}</div>
       <div class="postmain">${body}</div></div>`;
    const work = await importWork([
      page(
        '<title>De lamp van de wachter - Boeken - Het Forum</title>',
        `<div id="top">Het Forum</div><h1 class="topictitle">De lamp van de wachter</h1>
         ${post(1, 'lamp_oil', `<b>Deel 1</b><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${post(2, 'lamp_oil', `<b>Deel 2</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}
         ${post(3, 'gull_feather', 'Mooi geschreven!')}`,
      ),
    ]);
    assert.equal(creator(work), 'lamp_oil');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
  });

  it('reads the bold name before the date and a reply link in a club’s item head as the poster', async () => {
    const item = (name: string, body: string) =>
      `<div class="item"><div class="item-head"><b>${name}</b> <span class="date">12. 3. 2016 22:40:11</span> <a href="#">odpovědět</a></div>
       <div class="content">${body}</div></div>`;
    const work = await importWork([
      page(
        '<title>Staré seriály - Kluby</title>',
        `<div class="board-header"><h1>Staré seriály</h1></div>
         ${item('lamp_oil', `${STORY[0]}<br><br>${STORY[1]}<br><br>${STORY[2]}<br><br>${STORY[3]}`)}
         ${item('gull_feather', 'Krásné!')}`,
      ),
    ]);
    assert.equal(creator(work), 'lamp_oil');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads the bold name in a post’s column as the poster, and the date over the post’s text as the site’s', async () => {
    const row = (name: string, body: string) =>
      `<tr class="message"><td class="auteur"><b>${name}</b><br>Profil : Membre<br>Messages : 2 318</td>
       <td class="contenu"><div class="date">Posté le 15/11/2010 à 23:12:45</div>${body}</td></tr>`;
    const work = await importWork([
      page(
        '<title>La lampe du gardien - Forum Livres</title>',
        `<h1>La lampe du gardien</h1><table class="messages">
         ${row('lamp_oil', `<u>Première partie</u><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${row('lamp_oil', `<u>Deuxième partie</u><br><br>${STORY[2]}<br><br>${STORY[3]}`)}
         ${row('gull_feather', 'Trop bien !')}
         </table>`,
      ),
    ]);
    assert.equal(creator(work), 'lamp_oil');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
  });
});

describe('a forum topic whose posts show their poster in a box of the site’s', () => {
  // A post as a table row: the poster's card (name, rank, post count) beside the post's date and text.
  const row = (name: string, body: string) =>
    `<tr><td class="mini-profile"><a class="user-link">${name}</a><div class="rank">Senior Scribe</div><div class="posts">Posts: 412</div></td>
     <td class="content"><div class="date">Posted on Jun 14, 2019 at 9:12pm</div><div class="message">${body}</div></td></tr>`;

  it('reads the first poster’s posts as the story and the card beside each post as the site’s', async () => {
    const work = await importWork([
      page(
        '<title>The Keeper’s Lamp | Harbour Lights Fan Forum</title>',
        `<div id="banner">Harbour Lights Fan Forum</div>
         <div class="nav-tree">Harbour Lights Fan Forum » Fan Creations » Fan Fiction</div>
         <h1>The Keeper’s Lamp</h1>
         <table class="list">
         ${row('lamp_oil', `<b>Part 1</b><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${row('gull_feather', 'Oh no, what happened to the keeper?? Can’t wait for part 2')}
         ${row('lamp_oil', `<b>Part 2</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}
         </table>`,
      ),
    ]);
    assert.equal(creator(work), 'lamp_oil');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
  });

  it('reads the poster whose entries hold the story as its creator when another’s entry comes first', async () => {
    const entry = (name: string, body: string) =>
      `<li><div class="content">${body}</div><footer><a class="entry-date">12.06.2014 21:03</a> <a class="entry-author">${name}</a></footer></li>`;
    const work = await importWork([
      page(
        '<title>lighthouse stories - the dictionary</title>',
        `<h1 id="title">lighthouse stories</h1><ul id="entry-item-list">
         ${entry('sea_salt', 'stories about lighthouses and the people who keep them.')}
         ${entry('lamp_oil', `part 1<br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${entry('lamp_oil', `part 2<br><br>${STORY[2]}<br><br>${STORY[3]}`)}
         ${entry('gull_feather', 'the cold tea made me cry.')}
         </ul>`,
      ),
    ]);
    assert.equal(creator(work), 'lamp_oil');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads a paragraph of the first post that only says who owns the characters as the disclaimer, not the note', async () => {
    const work = await importWork([
      page(
        '<title>The Keeper’s Lamp | Harbour Lights Fan Forum</title>',
        `<table class="list">
         ${row('lamp_oil', `Hi all, long time lurker, first time poster! Two parts, the second one later tonight.<br><br><i>Harbour Lights belongs to Anna Reed.</i><br><br><b>Part 1</b><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${row('lamp_oil', `<b>Part 2</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}
         ${row('gull_feather', 'Oh no, what happened to the keeper??')}
         </table>`,
      ),
    ]);
    assert.equal(work.disclaimer, 'Harbour Lights belongs to Anna Reed.');
    assert.doesNotMatch(work.notes.beginning ?? work.chapters[0].notes.beginning ?? '', /belongs/);
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('sets apart the disclaimer that closes the note under a post’s profile lines, the note staying the note', async () => {
    const text = [
      'A Lâmpada',
      'Membro · Mensagens: 287',
      'Enviado em 03 Março 2018 - 22:12',
      'Olá membros do fórum',
      'Oi gente!! Trouxe minha primeira fanfic, espero que gostem!! Harbour Lights pertence à Anna Reed e à Globo, só a história é minha.',
      'Capítulo 1',
      STORY[0],
      STORY[1],
      'Capítulo 2',
      STORY[2],
      STORY[3],
    ].join('\n\n');
    const work = await importWork([{ name: 'topic.txt', bytes: new TextEncoder().encode(text) }]);
    assert.equal(work.disclaimer, 'Harbour Lights pertence à Anna Reed e à Globo, só a história é minha.');
    assert.equal(
      work.notes.beginning ?? work.chapters[0].notes.beginning,
      'Oi gente!! Trouxe minha primeira fanfic, espero que gostem!!',
    );
  });

  for (const line of [
    '[continued below]',
    'part 2 in the next post!!',
    '(continua qui sotto)',
    'Fortsetzung folgt im nächsten Beitrag!',
    'המשך בהודעה הבאה...',
    "devamı bir sonraki entry'de.",
  ])
    it(`reads “${line}” ending the writer’s post as the part’s end note, the next post going on with the story`, async () => {
      const work = await importWork([
        page(
          '<title>The Keeper’s Lamp | Harbour Lights Fan Forum</title>',
          `<table class="list">
           ${row('lamp_oil', `<b>Part 1</b><br><br>${STORY[0]}<br><br>${STORY[1]}<br><br>${line}`)}
           ${row('lamp_oil', `<b>Part 2</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}
           ${row('gull_feather', 'Oh no, what happened to the keeper??')}
           </table>`,
        ),
      ]);
      assert.equal(storyText(work), STORY.join('\n'));
      assert.equal(work.chapters.length, 2);
      assert.equal(work.chapters[0].notes.end, line);
    });
});

describe('the site’s lines read from a topic’s table', () => {
  it('keeps a row’s cells apart, so the poster’s name and the post’s date do not run together', async () => {
    // InvisionFree's post header: the name in one cell, "Posted: …" in the next, no space between them in the markup.
    const header = (name: string) =>
      `<tr><td class="row4"><span class="normalname"><a>${name}</a></span></td><td class="row4"><span class="postdetails"><b>Posted:</b> Feb 11 2007, 10:02 PM</span></td></tr>`;
    const post = (name: string, body: string) =>
      `<table class="tableborder">${header(name)}<tr><td class="post2"><span class="postdetails">Group: Members<br>Posts: 12</span></td><td class="post2"><div class="postcolor">${body}</div></td></tr></table>`;
    const work = await importWork([
      page(
        '<title>Harbour Lights -> The Keeper’s Lamp</title>',
        `${post('lamp_oil', `<b>Part 1</b><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${post('lamp_oil', `<b>Part 2</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}`,
      ),
    ]);
    const siteLines = work.preview.pieces.filter((p) => p.part === 'metadata').map((p) => p.text);
    assert.ok(siteLines.includes('lamp_oil Posted: Feb 11 2007, 10:02 PM'), siteLines.join(' | '));
    assert.ok(!siteLines.some((line) => line.includes('oilPosted')), siteLines.join(' | '));
    assert.equal(storyText(work), STORY.join('\n'));
  });
});

describe('a club’s page whose heading is the club’s name, the work named only in the writer’s note', () => {
  it('takes the title the note gives in bold after "Jmenuje se" and leaves the club’s name as the page’s', async () => {
    const work = await importWork([
      page(
        '<title>Staré seriály pro pamětníky - Kluby</title>',
        `<div class="board-header"><h1>Staré seriály pro pamětníky</h1></div>
         <div class="item"><div class="item-head"><b>lamp_oil</b> <span class="date">12. 3. 2016 22:40:11</span></div>
         <div class="content">Konečně jsem to dopsala. Jmenuje se <b>Lampa na majáku</b> a je krátká. Maják patří Janu Novákovi, ne mně.<br><br>${STORY.join('<br><br>')}</div></div>
         <div class="item"><div class="item-head"><b>gull_feather</b> <span class="date">12. 3. 2016 23:02:45</span></div>
         <div class="content">Krásné!</div></div>`,
      ),
    ]);
    assert.equal(work.title, 'Lampa na majáku');
    assert.equal(storyText(work), STORY.join('\n'));
  });
});

describe('a board’s topic whose masthead links to its log-in page under /user/', () => {
  it('names the poster the post’s author box links, not the site’s “Log In”', async () => {
    const work = await importWork([
      page(
        '<title>[Fanfic] The Keeper (one-shot) - Lighthouse Message Board - BoardSite</title>',
        `<div class="masthead"><a href="/">BoardSite</a> <a href="/boards">Boards</a> <a href="/user/login">Log In</a> <a href="/user/register">Register</a></div>
<h2 class="title">[Fanfic] The Keeper (one-shot)</h2>
<table class="board"><tr class="msg"><td class="author"><a class="name" href="#">lamp_oil</a> <span class="post_time">3/2/2015 9:14:02 PM</span> #1</td></tr>
<tr><td class="msg_body">${STORY.join('<br /><br />')}</td></tr></table>`,
      ),
    ]);
    assert.equal(creator(work), 'lamp_oil');
  });
});
