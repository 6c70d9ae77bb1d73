/**
 * A story posted in a board's topic or a list's archive, the poster named on a card of the board's
 * beside or over each post (a table cell, a column, a pane, a message's header) with their post count
 * or join date: the writer's posts are the story, each holding its chapters, and the cards, dates,
 * signatures and readers' replies are the board's.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { creatorName as creator, storyBlocks } from '../../support/imports.ts';

const page = (title: string, body: string) => ({
  name: 'topic.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
  ),
});

const STORY = [
  'The ferry was late again, and Oona stood on the slipway for an hour with the parcel under her coat to keep it dry, watching the grey water for a light.',
  'Nobody on the island knew what was in it, least of all Oona, who had been told only to hand it to the keeper.',
  'The keeper opened it on the kitchen table while the kettle boiled, and took out a single brass key, very old, wrapped in a page torn from a ledger.',
  'He turned it over twice and then put it in his pocket, and said that the light would be lit tonight after all.',
];

const storyText = (work: ImportedWork) => storyBlocks(work, '').join('\n');

describe('a topic whose posts name their poster on a card of the board’s, with a post count or join date', () => {
  // An old board's post: a table with the poster's cell (name in bold, rank, count, join date) beside the text.
  const post = (name: string, body: string) =>
    `<table class="post"><tr><td class="author"><b>${name}</b><br><span class="small">Lamplighter<br>Posts: 88<br>Registered: Mar 2002</span></td>
     <td class="msg"><span class="small">Posted 3/4/02 9:14 pm</span><hr>${body}</td></tr></table>`;

  it('reads the poster named in the card cell, the writer’s posts as the chapters and the replies as the board’s', async () => {
    const work = await importWork([
      page(
        'The Brass Key - Harbour Lights Board - ezboard',
        `<div class="nav">Search | Register | Login</div>
         ${post('keeper_oona', `<b>Chapter 1 - The Ferry</b><br>------<br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${post('gull_feather', 'ooh what is in the parcel!! more please')}
         ${post('keeper_oona', `Thanks for the replies! Here is the rest.<br><br><b>Chapter 2 - The Key</b><br>------<br>${STORY[2]}<br><br>${STORY[3]}`)}`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Ferry', 'The Key'],
    );
    assert.equal(work.chapters[1].notes.beginning, 'Thanks for the replies! Here is the rest.');
  });

  it('reads a pane whose name is a heading (“cAuthorPane”), and a column named “user”', async () => {
    const article = (name: string, body: string) =>
      `<article class="cPost"><aside class="cAuthorPane"><h3>${name}</h3><div>Μέλος</div><div>Δημοσιεύσεις: 1.203</div></aside>
       <div class="cPost_contentWrap"><div class="ipsType_richText">${body}</div></div></article>`;
    const work = await importWork([
      page(
        'Το κλειδί - Λογοτεχνία - Forum',
        `${article('keeper_oona', `<p><strong>Μέρος 1ο</strong></p><p>${STORY[0]}</p><p>${STORY[1]}</p><p><strong>Μέρος 2ο</strong></p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}
         ${article('gull_feather', '<p>Πολύ όμορφο!</p>')}`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
  });

  it('takes the name with letters in a message’s header, not its number (“4172.1 From: …”)', async () => {
    const msg = (n: number, name: string, body: string) =>
      `<div class="msg"><div class="msghead"><b>4172.${n}</b> From: <b>${name}</b> 7/8/11 8:31 PM To: ALL <a href="#">Reply</a></div>
       <div class="msgbody">${body}</div></div>`;
    const work = await importWork([
      page(
        'Harbour Lights Club - The Brass Key - Forums',
        `${msg(1, 'keeper_oona', `<p>Part 1: The Ferry</p><p>${STORY[0]}</p><p>${STORY[1]}</p>`)}
         ${msg(2, 'gull_feather', '<p>Waiting for part 2!</p>')}
         ${msg(3, 'keeper_oona', `<p>Part 2: The Key</p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('does not take a blog’s bylines, a name alone in an “author” box, for a board’s posts', async () => {
    const entry = (body: string) =>
      `<div class="entry"><h2>The Brass Key</h2><span class="author"><b>keeper_oona</b></span><div class="entry-body">${body}</div></div>`;
    const work = await importWork([
      page(
        'Oona writes',
        `${entry(`<p>${STORY[0]}</p><p>${STORY[1]}</p>`)}${entry(`<p>${STORY[2]}</p><p>${STORY[3]}</p>`)}`,
      ),
    ]);
    assert.match(storyText(work), /The ferry was late again/);
    assert.match(storyText(work), /light would be lit tonight/);
  });
});

describe('a post’s text as the board shows it', () => {
  it('reads a post’s text box that is a <blockquote> of the board’s (“messageText”) as its paragraphs and headings', async () => {
    const li = (name: string, body: string) =>
      `<li class="message"><div class="messageUserInfo"><h3 class="userText"><a class="username">${name}</a><em class="userTitle">Thành viên</em></h3></div>
       <div class="messageInfo"><div class="messageContent"><blockquote class="messageText">${body}</blockquote></div>
       <div class="messageMeta">20/10/2015 lúc 21:15 · <a href="#">Trả lời</a></div></div></li>`;
    const work = await importWork([
      page(
        'Chiếc chìa khóa | Diễn đàn',
        `<ol class="messageList">
         ${li('keeper_oona', `<b>Chương 1: Con phà</b><br><br>${STORY[0]}<br><br>${STORY[1]}<br><br><i>Chương 2 mình sẽ đăng tối mai nha!</i>`)}
         ${li('gull_feather', '<div class="bbCodeQuote">keeper_oona nói: hay quá</div>Hóng chương 2!')}
         ${li('keeper_oona', `<b>Chương 2: Chiếc chìa khóa</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}
         </ol>`,
      ),
    ]);
    assert.equal(storyText(work), STORY.join('\n'));
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Con phà', 'Chiếc chìa khóa'],
    );
    // The line naming when the next part comes is the part's end note.
    assert.equal(work.chapters[0].notes.end, 'Chương 2 mình sẽ đăng tối mai nha!');
  });

  it('keeps a story’s closing line that opens with a part’s number as story when the post holds no heading', async () => {
    const li = (name: string, body: string) =>
      `<li class="message"><div class="messageUserInfo"><a class="username">${name}</a></div>
       <div class="messageContent"><blockquote class="messageText">${body}</blockquote></div></li>`;
    const last = 'Part two of the plan, the keeper said, would have to wait for the morning tide.';
    const work = await importWork([
      page(
        'The Brass Key | Board',
        `<ol class="messageList">${li('keeper_oona', `${STORY.join('<br><br>')}<br><br>${last}`)}${li('gull_feather', 'Lovely!')}</ol>`,
      ),
    ]);
    assert.equal(storyText(work), [...STORY, last].join('\n'));
  });

  it('reads the date at the top of a post’s text (“Posted 3/4/02 9:14 pm”) as the board’s, not a note over the part', async () => {
    const post = (name: string, body: string) =>
      `<table class="post"><tr><td class="author"><b>${name}</b><br>Posts: 88</td>
       <td class="msg"><span class="small">Posted 3/4/02 9:14 pm</span><hr>${body}</td></tr></table>`;
    const work = await importWork([
      page(
        'The Brass Key - Board',
        `${post('keeper_oona', `<b>Chapter 1</b><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${post('gull_feather', 'more please')}
         ${post('keeper_oona', `<b>Chapter 2</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}`,
      ),
    ]);
    assert.equal(work.chapters[1].notes.beginning, null);
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('sets the writer’s signature under each post (“--” over a name) apart, and reads a post’s note over its number', async () => {
    const post = (name: string, n: number, body: string) =>
      `<div class="nabble-post"><table><tr><td class="avatar"><img src="a.png"><br><b>${name}</b><br><span class="posts">Posts: 58</span></td>
       <td><div class="subject"><b>[FIC] The Brass Key (${n}/2)</b></div><div class="date">Mar 02, 2016; 7:14pm</div>
       <div class="message-text">${body}<p>-- <br>Oona</p></div></td></tr></table></div>`;
    const work = await importWork([
      page(
        'Nabble - harbour-fic - [FIC] The Brass Key (1-2/2)',
        `${post('Oona Keeper', 1, `<p>~ 1 ~</p><p>${STORY[0]}</p><p>${STORY[1]}</p>`)}
         ${post('Oona Keeper', 2, `<p>Part two, as promised.</p><p>~ 2 ~</p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}`,
      ),
    ]);
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
    assert.equal(work.chapters[1].notes.beginning, 'Part two, as promised.');
  });

  it('keeps a last scene after a “--” break as story: it ends a sentence, as no signature does', async () => {
    const post = (name: string, body: string) =>
      `<div class="nabble-post"><table><tr><td class="avatar"><b>${name}</b><br>Posts: 58</td>
       <td><div class="message-text">${body}</div></td></tr></table></div>`;
    const work = await importWork([
      page(
        'The Brass Key - Board',
        `${post('keeper_oona', `<p>${STORY[0]}</p><p>${STORY[1]}</p><p>${STORY[2]}</p><p>--<br>The light came on at nine.</p>`)}
         ${post('gull_feather', '<p>Lovely!</p>')}`,
      ),
    ]);
    assert.match(storyText(work), /The light came on at nine\./);
  });
});

describe('a topic’s title and its chapters as the writer gives them', () => {
  const post = (name: string, body: string) =>
    `<div class="post"><div class="user"><b>${name}</b><br><span class="member">Medlem sedan 2011</span></div>
     <div class="content"><div class="date">2014-01-12 20:41</div>${body}</div></div>`;

  it('takes the bare title the first post gives over its first part, the topic’s title dressing it, and the note over it', async () => {
    const work = await importWork([
      page(
        'Min novell om Oona: Mässingsnyckeln (2 delar) - Skrivande - Forum',
        `<h1>Min novell om Oona: Mässingsnyckeln (2 delar)</h1>
         ${post('keeper_oona', `<p>Hej allihop! Här är min lilla berättelse, säg gärna vad ni tycker om den när ni har läst den, jag blir så glad av alla svar och kommentarer.</p><p>Alla figurer tillhör Anna Reed, inte mig.</p><p><b>Mässingsnyckeln</b></p><p><b>Del 1</b></p><p>${STORY[0]}</p><p>${STORY[1]}</p><p><b>Del 2</b></p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}
         ${post('gull_feather', '<p>Åh vad fint!</p>')}`,
      ),
    ]);
    assert.equal(work.title, 'Mässingsnyckeln');
    assert.equal(work.disclaimer, 'Alla figurer tillhör Anna Reed, inte mig.');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('keeps the writer’s short lines over the title as their note and disclaimer, not the site’s', async () => {
    const block = (name: string, body: string) =>
      `<div class="post_block"><div class="author_info"><b>${name}</b><br>Grup: Members<br>Posturi: 214</div>
       <div class="post_body"><div class="posted_info">Postat 12 ianuarie 2015 - 21:08</div><div class="post entry-content">${body}</div></div></div>`;
    const work = await importWork([
      page(
        '[Fanfic] Cheia de alamă (după Anna Reed) - Scriem și noi - Forum',
        `<h1>[Fanfic] Cheia de alamă (după Anna Reed)</h1>
         ${block('keeper_oona', `<p>Salutare tuturor! Sper să vă placă.</p><p>Personajele aparțin lui Anna Reed, eu doar m-am jucat puțin cu ele.</p><p><strong>Cheia de alamă</strong></p><p><strong>Capitolul 1 – Feribotul</strong></p><p>${STORY[0]}</p><p>${STORY[1]}</p><p><strong>Capitolul 2 – Cheia</strong></p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}
         ${block('gull_feather', '<p>Frumos!</p>')}`,
      ),
    ]);
    assert.equal(work.title, 'Cheia de alamă');
    assert.equal(work.disclaimer, 'Personajele aparțin lui Anna Reed, eu doar m-am jucat puțin cu ele.');
    assert.equal(work.notes.beginning, 'Salutare tuturor! Sper să vă placă.');
  });
});

describe('a topic the writer posts into, after another’s opening post', () => {
  it('reads the writer’s first post’s title line and note as the work’s, under a moderator’s opening post', async () => {
    const row = (name: string, body: string) =>
      `<tr><td class="forumuser"><a href="/u/1/">${name}</a><br><span class="xgray">Posts: 344</span></td>
       <td class="forumpost"><div class="xgray">#4 · 7/14/2011</div><div class="post_body">${body}</div></td></tr>`;
    const work = await importWork([
      page(
        'Short Fic Corner | Harbour Writers | Forum',
        `<table class="table">
         ${row('harbour_mod', 'Post your short fics here! One fic per post, continuations as replies please.')}
         ${row('keeper_oona', `<b>The Brass Key</b> (K+, Oona, the keeper) by keeper_oona<br><br>A/N: My first time posting in the forum!<br><br><b>Part 1: The Ferry</b><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${row('gull_feather', 'more please!')}
         ${row('keeper_oona', `<b>Part 2: The Key</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}
         </table>`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    // The rating and characters in brackets after the title are facts about it, not its words.
    assert.equal(work.title, 'The Brass Key');
    assert.equal(work.notes.beginning ?? work.chapters[0].notes.beginning, 'My first time posting in the forum!');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads a later message’s place among the parts (“(2/2)”) as its heading, under a message header (“hdr”)', async () => {
    const msg = (name: string, body: string) =>
      `<div class="msg"><div class="hdr"><b>${name}</b> <span class="date">Mar 2 2006, 10:14 pm</span></div>
       <div class="body">${body}</div><div class="links"><a>Reply</a> | <a>Forward</a></div></div>`;
    const work = await importWork([
      page(
        'The Brass Key (1/2) - harbour-fic | Groups',
        `<div class="thread"><h2>The Brass Key (1/2)</h2>
         ${msg('keeper_oona', `<p>${STORY[0]}</p><p>${STORY[1]}</p>`)}
         ${msg('keeper_oona', `<p>(2/2)</p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}
         ${msg('gull_feather', '<p>Lovely!</p>')}</div>`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(work.chapters.length, 2);
    assert.equal(storyText(work), STORY.join('\n'));
    // The first message's "(1/2)" heads its part as well, and is no line of the story.
    const both = await importWork([
      page(
        'The Brass Key (1/2) - harbour-fic | Groups',
        `<div class="thread"><h2>The Brass Key (1/2)</h2>
         ${msg('keeper_oona', `<p>(1/2)</p><p>${STORY[0]}</p><p>${STORY[1]}</p>`)}
         ${msg('keeper_oona', `<p>(2/2)</p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}
         ${msg('gull_feather', '<p>Lovely!</p>')}</div>`,
      ),
    ]);
    assert.equal(both.chapters.length, 2);
    assert.equal(storyText(both), STORY.join('\n'));
  });
});

describe('a topic’s title dressed by the board, and no bare title in the post', () => {
  it('leaves out the count of chapters after a dash and the book the story goes on from, named in the note', async () => {
    const block = (name: string, body: string) =>
      `<div class="post_block"><div class="author_info"><b>${name}</b><br>Posturi: 214</div>
       <div class="post_body"><div class="post entry-content">${body}</div></div></div>`;
    const work = await importWork([
      page(
        '[Fanfic] Chiếc chìa khóa (viết tiếp Ngọn hải đăng trên đảo) - 2 chương | Diễn đàn',
        `<h1>[Fanfic] Chiếc chìa khóa (viết tiếp Ngọn hải đăng trên đảo) - 2 chương</h1>
         ${block('keeper_oona', `<p>Chào cả nhà! Mình mới đọc lại Ngọn hải đăng trên đảo và viết thêm một đoạn nhỏ.</p><p><strong>Chương 1</strong></p><p>${STORY[0]}</p><p>${STORY[1]}</p><p><strong>Chương 2</strong></p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}
         ${block('gull_feather', '<p>Hay quá!</p>')}`,
      ),
    ]);
    assert.equal(work.title, 'Chiếc chìa khóa');
    assert.equal(storyText(work), STORY.join('\n'));
  });
});
