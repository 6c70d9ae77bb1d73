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
