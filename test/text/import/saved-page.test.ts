/**
 * A saved web page names its story in its <title>; the heading the <title> repeats is the work's
 * title, the site's name and menus above it are not, and a creator the <title> names is read.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { creatorName as creator, storyBlocks } from '../../support/imports.ts';

const page = (head: string, body: string) => ({
  name: 'saved.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`,
  ),
});

const STORY = [
  'The kitchen was quiet when Will came down, and the knives were laid out on the board in a row like a sentence nobody had finished saying yet.',
  '“You are early,” Hannibal said, without turning from the stove. The pan hissed. Something in it smelled of thyme and of a long winter.',
  'Will sat at the counter and watched him work, and did not ask what the meat was, because he had learned that the answer was always the same.',
];
const story = STORY.map((p) => `<p>${p}</p>`).join('\n');

function storyText(work: ImportedWork): string {
  return storyBlocks(work, '').join('\n');
}

describe('a saved page’s <title>', () => {
  it('picks the story’s heading over the blog’s name and menus above it', async () => {
    const work = await importWork([
      page(
        '<title>The Last Course – Mise en Place</title>',
        `<div class="site"><p>Mise en Place</p><p>fic, recipes, and other crimes</p><p>Home About Archive</p></div>
         <div class="post"><h2>The Last Course</h2>${story}</div>`,
      ),
    ]);
    assert.equal(work.title, 'The Last Course');
    assert.doesNotMatch(storyText(work), /Mise en Place|other crimes|Home About/);
    assert.match(storyText(work), /^The kitchen was quiet/);
  });

  it('reads the creator a page’s title names, and the line under the title as what the story is', async () => {
    const work = await importWork([
      page(
        '<title>Spânul, la bătrânețe | by Ioana Crăciun | Medium</title>',
        `<p>Povești scurte · Fan fiction</p><h1>Spânul, la bătrânețe</h1>
         <h2>Ce s-a întâmplat, de fapt, cu Spânul? O poveste despre Harap-Alb, spusă de cel care a pierdut.</h2>
         <p>Ioana Crăciun ·</p>${story}`,
      ),
    ]);
    assert.equal(work.title, 'Spânul, la bătrânețe');
    assert.equal(creator(work), 'Ioana Crăciun');
    assert.equal(
      work.summary,
      'Ce s-a întâmplat, de fapt, cu Spânul? O poveste despre Harap-Alb, spusă de cel care a pierdut.',
    );
    assert.match(storyText(work), /^The kitchen was quiet/);
  });

  it('reads a blog post’s title without the category the blog shows over it or in its brackets, and without the parts it holds', async () => {
    for (const [title, category, heading, where] of [
      ['[한니발 팬픽] 마지막 코스 : 네이버 블로그', '팬픽', '[한니발 팬픽] 마지막 코스', 'below'],
      ['한니발 팬픽 ♡ 마지막 코스 (1~2) : 네이버 블로그', '한니발 팬픽', '한니발 팬픽 ♡ 마지막 코스 (1~2)', 'above'],
    ]) {
      const work = await importWork([
        page(
          `<title>${title}</title>`,
          `<div class="blog"><p>Mise en Place</p><p>Prologue | Blog | Guestbook</p></div>
           <div class="post">${where === 'above' ? `<p>${category}</p>` : ''}<h3>${heading}</h3>${where === 'below' ? `<p>${category}</p>` : ''}${story}</div>`,
        ),
      ]);
      assert.equal(work.title, '마지막 코스', title);
    }
  });

  it('reads the poster under a post’s title in the post’s own header (Postype’s), in a script without capitals too, as the creator', async () => {
    for (const name of ['한바다김밥', 'knife_and_fork']) {
      const work = await importWork([
        page(
          `<title>고래가 보이는 창 : ${name}의 포스트 - 포스타입</title>`,
          `<header class="gnb"><a class="logo">POSTYPE</a> <a>탐색</a> <a>로그인</a></header>
           <div class="channel-header"><a>${name}의 포스트</a> <button>구독</button></div>
           <div class="post-header"><h1 class="post-title">고래가 보이는 창</h1>
           <div class="post-info"><a class="author">${name}</a> · <span class="date">2022.09.02</span> · <span>조회 2,841</span></div></div>
           <div id="post-content" class="post-content">${story}</div>`,
        ),
      ]);
      assert.equal(work.title, '고래가 보이는 창', name);
      assert.equal(creator(work), name);
      assert.match(storyText(work), /^The kitchen was quiet/, name);
    }
  });

  it('does not take the creator named in brackets after the title for the title', async () => {
    const work = await importWork([
      page(
        '<title>第1話\u3000雨の日の文芸部室 - 長門さんは傘を持たない（しおり川） - カクヨム</title>',
        `<p>カクヨム</p><p>長門さんは傘を持たない</p><p>しおり川</p><h2>第1話\u3000雨の日の文芸部室</h2>
         <p>放課後の文芸部室には、雨の音しかなかった。ハルヒは朝比奈さんを連れて「梅雨の不思議を探しに行く」と言い残し、古泉はバイトとかいう名目で姿を消した。</p>
         <p>窓の外は灰色で、グラウンドの土が泥になって光っている。天気予報では夕方には止むと言っていたが、空はそんな約束を覚えていないようだった。</p>`,
      ),
    ]);
    assert.equal(work.title, '長門さんは傘を持たない');
    assert.equal(work.chapters[0].title, '雨の日の文芸部室');
  });

  it('keeps a chapter heading above the work’s title as the chapter’s', async () => {
    const work = await importWork([
      page(
        '<title>Chapter 14 - Bones With Feelings | Second Floor Down | Royal Road</title>',
        `<p>Royal Road</p><h1>Chapter 14 - Bones With Feelings</h1><h2>Second Floor Down</h2><p>by Tavernkeep_Lio</p>${story}`,
      ),
    ]);
    assert.equal(work.title, 'Second Floor Down');
    assert.equal(work.chapters[0].title, 'Bones With Feelings');
    assert.equal(creator(work), 'Tavernkeep_Lio');
  });

  it('leaves a title the page labels to its label', async () => {
    const work = await importWork([
      page(
        '<title>moonyandme: Fic: Eleven Minutes (Remus/Sirius, PG)</title>',
        `<p>Fic: Eleven Minutes (Remus/Sirius, PG)</p><p>Title: Eleven Minutes</p><p>Rating: PG</p>${story}`,
      ),
    ]);
    assert.equal(work.title, 'Eleven Minutes');
  });

  it('keeps every word: the site’s lines are set apart, not dropped', async () => {
    const work = await importWork([
      page(
        '<title>Moon Tea - hotel del luna - Asianfanfics</title>',
        `<p>Asianfanfics Browse Tags Upgrade Log in</p><h1>Moon Tea</h1><p>Author: lunar_innkeeper</p>${story}`,
      ),
    ]);
    assert.equal(work.title, 'Moon Tea');
    const site = work.preview.pieces.find((p) => p.text.includes('Browse Tags'));
    assert.equal(site?.part, 'metadata');
    assert.match(site!.reason, /site/);
  });
});

describe('what a saved page shows above its story', () => {
  it('reads the byline and the blurb in the story’s box above the chapter: the creator and the summary', async () => {
    const work = await importWork([
      page(
        '<title>The Water Debt by Sietch Tabr Archivist | Inkitt</title>',
        `<header class="site-header"><a href="/">inkitt</a><nav><a href="/genres">Fanfiction</a> <a href="/login">Log in</a></nav></header>
         <main><div class="story-header"><h1>The Water Debt</h1>
         <div class="author">By <a href="/SietchTabrArchivist">Sietch Tabr Archivist</a> · All Rights Reserved</div>
         <div class="blurb"><h3>Summary</h3><p>A Fremen girl is owed a drop of water by the Duke's son. She intends to collect.</p></div></div>
         <article class="chapter"><h2>Chapter 1</h2><div class="chapter-text">${story}</div></article></main>`,
      ),
    ]);
    assert.equal(work.title, 'The Water Debt');
    assert.equal(creator(work), 'Sietch Tabr Archivist');
    assert.equal(work.summary, "A Fremen girl is owed a drop of water by the Duke's son. She intends to collect.");
    assert.equal(work.chapters.length, 1);
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads the poster’s name under a post’s title, apart from when it was posted', async () => {
    for (const [line, name] of [
      ['Marguerite Hollow Dec 19, 2025 ∙ Paid', 'Marguerite Hollow'],
      ['Hoàng Bạch Dương · 12 phút đọc · 3 tháng trước', 'Hoàng Bạch Dương'],
    ]) {
      const work = await importWork([
        page('<title>Shiv Makes Tea</title>', `<article><h1>Shiv Makes Tea</h1><p>${line}</p>${story}</article>`),
      ]);
      assert.equal(creator(work), name, line);
      assert.equal(storyText(work), STORY.join('\n'), line);
    }
    // A line of the story under the title is not a poster's.
    const work = await importWork([
      page('<title>Shiv Makes Tea</title>', `<article><h1>Shiv Makes Tea</h1><p>Rain · 3 a.m.</p>${story}</article>`),
    ]);
    assert.equal(creator(work), undefined);
  });

  it('reads the note a site keeps under the chapter, outside the story’s box, as the end note', async () => {
    const work = await importWork([
      page(
        '<title>Ang Huling Misyon ni Cardo</title>',
        `<div class="chapter"><h2>Kabanata 1: Sinigang</h2><div class="chapter-content">${story}</div>
         <div class="chapter-end-note"><p>Salamat sa pagbabasa! Vote and comment po kayo para sa susunod na kabanata.</p></div></div>`,
      ),
    ]);
    assert.equal(work.notes.end, 'Salamat sa pagbabasa! Vote and comment po kayo para sa susunod na kabanata.');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads an archive’s title, byline, summary and fields around its “storytext”, one field at a time', async () => {
    const work = await importWork([
      page(
        '<title>FicWad: The Last Snow Day</title>',
        `<div id="header"><a href="/">FicWad</a> | <a href="/search">Search</a> | <a href="/login">Log in</a></div>
         <div id="story"><h2><a href="/story/20417">The Last Snow Day</a></h2>
         <span class="author">by <a href="/a/bartletforamerica">bartletforamerica</a></span>
         <blockquote class="summary"><p>Washington shuts down for a blizzard. The Senior Staff do not.</p></blockquote>
         <div class="meta">Rating: PG - Genres: Humor - Characters: C.J. Cregg, Toby Ziegler</div>
         <div id="storytext">${story}</div></div>`,
      ),
    ]);
    assert.equal(work.title, 'The Last Snow Day');
    assert.equal(creator(work), 'bartletforamerica');
    assert.equal(work.summary, 'Washington shuts down for a blizzard. The Senior Staff do not.');
    assert.deepEqual(work.tags.characters, ['C.J. Cregg', 'Toby Ziegler']);
    assert.deepEqual(work.tags.rating, 'General Audiences');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads the book’s box at the top of an app’s page, not its bar', async () => {
    const work = await importWork([
      page(
        '<title>Ang Huling Misyon ni Cardo</title>',
        `<div class="top-bar"><a href="/">Dreame</a> <a href="/library">Library</a> <a href="/signin">Sign In</a></div>
         <div class="book-info"><h1>Ang Huling Misyon ni Cardo</h1>
         <div class="author">Author: <a href="/author/dalagang_taga_quiapo">dalagang_taga_quiapo</a></div>
         <div class="intro"><p>Isang gabi lang ang hinihingi ni Cardo: ang makapaghapunan kasama ang kanyang Lola Flora.</p></div></div>
         <div class="chapter"><h2>Kabanata 1: Sinigang</h2><div class="chapter-content">${story}</div></div>`,
      ),
    ]);
    assert.equal(creator(work), 'dalagang_taga_quiapo');
    assert.equal(
      work.summary,
      'Isang gabi lang ang hinihingi ni Cardo: ang makapaghapunan kasama ang kanyang Lola Flora.',
    );
    assert.ok(!work.preview.pieces.some((p) => /Sign In/.test(p.text)));
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads a journal entry’s header under its heading and the time it was posted', async () => {
    const work = await importWork([
      page(
        '<title>archivistical: fic: Custard Creams [Torchwood; PG]</title>',
        `<div class="entry-wrapper"><h3 class="entry-title">fic: Custard Creams [Torchwood; PG]</h3>
         <div class="datetime">2009-03-02 11:14 pm (UTC)</div>
         <div class="entry-content"><p>Title: Custard Creams<br>Author: archivistical<br>Fandom: Torchwood<br>Rating: PG</p>
         <p>Summary: Ianto, a Weevil, and the archive at three in the morning.</p>${story}</div></div>`,
      ),
    ]);
    assert.equal(work.title, 'Custard Creams');
    assert.equal(creator(work), 'archivistical');
    assert.equal(work.summary, 'Ianto, a Weevil, and the archive at three in the morning.');
    assert.ok(work.preview.pieces.some((p) => p.text === '2009-03-02 11:14 pm (UTC)' && p.part === 'metadata'));
    assert.equal(storyText(work), STORY.join('\n'));
  });
});

describe('a chapter’s page under its work’s title', () => {
  it('reads a part page: the work’s title and byline, the part’s title, and the paragraphs in its <pre>', async () => {
    const paragraphs = STORY.map(
      (p, i) =>
        `<p data-p-id="${i}">${p}<span class="num-comment"><span class="comment-marker">${i + 2}</span></span></p>`,
    ).join('');
    const work = await importWork([
      page(
        '<title>The Quiet Kitchen (A Hannibal Fanfic) - Thyme - Wattpad</title>',
        `<header id="header"><nav><a href="/home">Wattpad</a> <a href="/stories">Browse</a></nav></header>
         <div class="toc-header"><a class="story-info" href="/story/1"><span class="info"><h2 class="title">The Quiet Kitchen (A Hannibal Fanfic)</h2><span class="author">by knifeandfork</span></span></a></div>
         <div class="part-header"><header class="panel panel-reading"><h1>Thyme</h1>
         <div class="story-stats"><span class="reads">3.4K</span> <span class="votes">402</span></div>
         <div class="dedication">Dedicated to <a href="/user/wolftrap">wolftrap</a></div></header></div>
         <div class="panel panel-reading"><pre>${paragraphs}</pre></div>`,
      ),
    ]);
    assert.equal(work.title, 'The Quiet Kitchen');
    assert.equal(creator(work), 'knifeandfork');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Thyme'],
    );
    assert.equal(work.chapters[0].notes.beginning, 'Dedicated to wolftrap');
    assert.ok(work.preview.pieces.some((p) => p.text === '3.4K 402' && p.part === 'metadata'));
    // Each paragraph stays one, without the count of readers' comments beside it.
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('gives a part no title where the site names it only by its number (“Untitled Part 1”, “Bölüm 1”), and its counts are no title', async () => {
    for (const name of ['Untitled Part 1', 'Bölüm 1']) {
      const work = await importWork([
        page(
          '<title>The Quiet Kitchen - Wattpad</title>',
          `<div class="part-header"><header class="panel panel-reading"><h1>${name}</h1>
           <div class="story-stats"><span class="reads">2.1K</span><span class="votes">318</span></div></header></div>
           <div class="panel panel-reading"><pre>${STORY.map((p) => `<p>${p}</p>`).join('')}</pre></div>
           <h3>Yorumlar</h3><p>erdal_bakkal</p><p>harika olmuş</p>
           <h3>Bunları da beğenebilirsin</h3><p>Yavuz'un Defteri</p>`,
        ),
      ]);
      assert.deepEqual(
        work.chapters.map((c) => c.title),
        [null],
        name,
      );
      assert.ok(storyText(work).startsWith(STORY.join('\n')), name);
    }
  });

  it('reads a chapter page’s heading over the work’s title and byline as the chapter’s', async () => {
    const royal = await importWork([
      page(
        '<title>The Ferry - Lanterns Over the River | Royal Road</title>',
        `<div class="fic-header"><h1>The Ferry</h1><h2>Lanterns Over the River</h2><h3>by <a href="/profile/2">marrow_and_moss</a></h3></div>
         <div class="chapter-content">${story}</div>`,
      ),
    ]);
    assert.equal(royal.title, 'Lanterns Over the River');
    assert.deepEqual(
      royal.chapters.map((c) => c.title),
      ['The Ferry'],
    );
    assert.equal(storyText(royal), STORY.join('\n'));
  });

  it('leaves a magazine’s issue line over a one-shot’s title and byline to the site, not to a chapter', async () => {
    const work = await importWork([
      page(
        '<title>The Cove Gazette - Issue 87 - "Lanterns Over the River" by marrow_and_moss</title>',
        `<div class="issue">Issue 87 | 3rd day of Frost, Y9</div><h1>Lanterns Over the River</h1>
         <p class="by">by <a href="/user/2">marrow_and_moss</a></p><div class="story">${story}</div>`,
      ),
    ]);
    assert.equal(work.title, 'Lanterns Over the River');
    assert.equal(creator(work), 'marrow_and_moss');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null],
    );
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads the work’s title over its byline, and the chapter’s heading under it, whichever the <title> names first', async () => {
    const work = await importWork([
      page(
        '<title>The Ferry - Lanterns Over the River | Royal Road</title>',
        `<div class="fic-header"><a href="/fiction/1"><h2>Lanterns Over the River</h2></a> <h4>by <a href="/profile/2">marrow_and_moss</a></h4>
         <h1>The Ferry</h1></div><div class="chapter-content">${story}</div>`,
      ),
    ]);
    assert.equal(work.title, 'Lanterns Over the River');
    assert.equal(creator(work), 'marrow_and_moss');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Ferry'],
    );
    assert.equal(storyText(work), STORY.join('\n'));
  });
});

describe('a work’s page with all its parts, as ficbook.net shows it', () => {
  it('reads the note ficbook shows over a part, under the part before, as the note opening that part', async () => {
    const part = (title: string, paragraphs: string[]) =>
      `<article class="part"><h2 class="title-area">${title}</h2><div class="part_text">${paragraphs.join('<br>\n')}</div></article>`;
    const work = await importWork([
      page(
        '<title>Тихая кухня — Книга Фанфиков</title>',
        `<main><h1 class="mb-10">Тихая кухня</h1>
         ${part('Тимьян', [STORY[0], STORY[1]])}
         <div class="part-comment-top"><strong>Примечания:</strong> Спасибо всем, кто ждал вторую часть!</div>
         ${part('Зима', [STORY[2], STORY[0]])}</main>`,
      ),
    ]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Тимьян', 'Зима'],
    );
    assert.equal(work.chapters[0].notes.end, null);
    assert.equal(work.chapters[1].notes.beginning, 'Спасибо всем, кто ждал вторую часть!');
    assert.equal(storyText(work), [STORY[0], STORY[1], STORY[2], STORY[0]].join('\n'));
  });
});

describe('a forum thread saved as a page', () => {
  const post = (id: number, author: string, mark: string | null, body: string) =>
    `<article class="message message--post" data-author="${author}" id="js-post-${id}"><div class="message-inner">
     <div class="message-cell message-cell--user"><section class="message-user"><h4 class="message-name"><a href="#">${author}</a></h4>
     <h5 class="userTitle">Know what you did</h5><dl><dt>Joined</dt><dd>Aug 12, 2016</dd></dl></section></div>
     <div class="message-cell message-cell--main">${mark ? `<div class="message-cell--threadmark-header"><span class="threadmarkLabel">${mark}</span> <a href="#">Threadmarks</a></div>` : ''}
     <header class="message-attribution"><ul><li><time>Apr ${id}, 2023</time></li><li>#${id}</li></ul></header>
     <div class="message-content"><article class="message-body"><div class="bbWrapper">${body}</div></article></div>
     <footer class="message-footer"><a href="#">Reply</a> <a href="#">Like</a><div class="reactionsBar">Liked by 31 others</div></footer></div></div></article>`;

  it('reads a thread’s later page, which opens with a reader’s post, and the writer’s own reply as the chapter’s end note', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen (Hannibal) | Page 5 | Sufficient Velocity</title>',
        `<div class="block-body">
         ${post(41, 'Tinker_Tales', null, 'Still waiting for the next one!')}
         ${post(42, 'knife_and_fork', 'Chapter 5: Salt', `${STORY[0]}<br><br>${STORY[1]}<br><br>${STORY[2]}`)}
         ${post(43, 'knife_and_fork', null, 'Thanks! Next one should be up Friday.')}
         </div>`,
      ),
    ]);
    assert.equal(creator(work), 'knife_and_fork');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(work.chapters.at(-1)?.notes.end, 'Thanks! Next one should be up Friday.');
  });

  it('keeps readers’ comments, each in an <article>, out of the story', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen</title>',
        `<main><article><h1>The Kitchen</h1>${story}</article><div class="comments">
         <article><p><b>hannigram4ever</b> said:</p><p>This was so good, I read it twice on the bus home tonight.</p></article>
         <article><p><b>wolftrap</b> said:</p><p>The knives line got me. Please write more of these two, honestly.</p></article></div></main>`,
      ),
    ]);
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('keeps a teaser of another work beside the story out of it', async () => {
    const teaser =
      'Another work entirely, about a lighthouse keeper and a storm that will not end, with a teaser long enough to read as prose.';
    const work = await importWork([
      page(
        '<title>The Kitchen</title>',
        `<article><h1>The Kitchen</h1>${story}</article><aside></aside><article class="teaser"><h2>The Keeper</h2><p>${teaser}</p></article>`,
      ),
    ]);
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads every post of the writer’s, each threadmark heading its chapter, and sets the readers’ replies apart', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen (Hannibal, complete) | Sufficient Velocity</title>',
        `<div class="p-title"><h1>The Kitchen (Hannibal, complete)</h1></div>
         <div class="block-body">
         ${post(1, 'knife_and_fork', 'Chapter 1: Thyme', `<b>The Kitchen</b><br><br>A/N: A short two-parter.<br><br><b>Chapter 1: Thyme</b><br><br>${STORY[0]}`)}
         ${post(2, 'Tinker_Tales', null, 'Oh no. Oh no, Will. Watched!')}
         ${post(3, 'knife_and_fork', 'Chapter 2: Salt', `Thanks for all the comments, everyone! Here's the rest.<br><br><b>Chapter 2: Salt</b><br><br>${STORY[1]}<br><br>${STORY[2]}`)}
         </div>`,
      ),
    ]);
    assert.equal(work.title, 'The Kitchen');
    assert.equal(creator(work), 'knife_and_fork');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Thyme', 'Salt'],
    );
    assert.equal(work.chapters[1].notes.beginning, "Thanks for all the comments, everyone! Here's the rest.");
    assert.equal(storyText(work), STORY.join('\n'));
    const reply = work.preview.pieces.find((p) => p.text === 'Oh no. Oh no, Will. Watched!');
    assert.equal(reply?.part, 'metadata');
    // Each chapter's heading, given twice (the threadmark and the post's own), is read once.
    assert.deepEqual(
      work.preview.pieces.filter((p) => p.reason.startsWith('the chapter’s heading again')).map((p) => p.text),
      ['Chapter 1: Thyme', 'Chapter 2: Salt'],
    );
  });
});

describe('a XenForo thread as SpaceBattles and Questionable Questing save it', () => {
  // The threadmark's box named in camel case, its label only the site's word, the chapter's name beside it.
  const marked = (id: number, mark: string, body: string) =>
    `<article class="message message--post threadmarked" data-author="knife_and_fork" id="js-post-${id}">
     <div class="message-cell message-cell--user"><h4 class="message-name"><a class="username">knife_and_fork</a></h4>
     <dl class="pairs"><dt>Messages</dt><dd>214</dd></dl></div>
     <div class="message-cell message-cell--main"><div class="message-attribution"><a>Apr ${id}, 2023</a> <a>#${id}</a></div>
     <div class="message-threadmarkHeader"><span class="threadmarkLabel">Threadmarks</span> ${mark} <a>Next</a></div>
     <div class="message-content"><article class="message-body"><div class="bbWrapper">${body}</div></article></div></div></article>`;
  // Reader mode: only the writer's posts, with no "data-author".
  const reader = (id: number, mark: string, body: string) =>
    `<article class="message message--post hasThreadmark" id="js-post-${id}"><div class="message-cell--threadmark-header"><span class="threadmarkLabel">${mark}</span> <span class="threadmark-control">Threadmarks: Story</span></div>
     <div class="message-inner"><div class="message-cell message-cell--user"><section class="message-user"><h4 class="message-name"><a class="username">knife_and_fork</a></h4><h5 class="userTitle">Know what you did</h5></section></div>
     <div class="message-cell message-cell--main"><header class="message-attribution"><time>Apr ${id}, 2023</time> <a>#${id}</a></header><article class="message-body"><div class="bbWrapper">${body}</div></article></div></div></article>`;

  it('heads each chapter with its threadmark, the poster’s box and the lines above the posts the site’s', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen | SpaceBattles</title>',
        `<div class="p-pageWrapper"><ul class="p-breadcrumbs"><li><a>Forums</a></li><li><a>Creative Writing</a></li></ul>
         <div class="p-title"><h1 class="p-title-value">The Kitchen</h1></div>
         <div class="p-description">Discussion in 'Creative Writing' started by knife_and_fork, Apr 1, 2023</div>
         ${marked(1, 'Chapter 1: Thyme', `<b>Chapter 1: Thyme</b><br><br>${STORY[0]}`)}
         <article class="message message--post" data-author="Tinker_Tales" id="js-post-2"><div class="message-cell message-cell--user"><h4 class="message-name"><a class="username">Tinker_Tales</a></h4></div><div class="message-cell message-cell--main"><div class="bbWrapper">Oh no. Oh no, Will. Watched!</div></div></article>
         ${marked(3, 'Chapter 2: Salt', `<b>Chapter 2: Salt</b><br><br>${STORY[1]}<br><br>${STORY[2]}`)}</div>`,
      ),
    ]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Thyme', 'Salt'],
    );
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(creator(work), 'knife_and_fork');
  });

  it('leaves the thread’s prefix (a forum’s tag before its title) out of the work’s title', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen | SpaceBattles</title>',
        `<div class="p-title"><h1 class="p-title-value"><span class="label label--blue" dir="auto">Hannibal</span><span class="label-append">&nbsp;</span>The Kitchen</h1></div>
         ${marked(1, 'Chapter 1: Thyme', `<b>Chapter 1: Thyme</b><br><br>${STORY[0]}`)}
         ${marked(3, 'Chapter 2: Salt', `<b>Chapter 2: Salt</b><br><br>${STORY[1]}<br><br>${STORY[2]}`)}`,
      ),
    ]);
    assert.equal(work.title, 'The Kitchen');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads reader mode’s posts, which do not say who posted them but in the poster’s box', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen | Reader mode | Questionable Questing</title>',
        `<h1 class="p-title-value">The Kitchen</h1>
         ${reader(1, 'Chapter 1 - Thyme', STORY[0])}
         ${reader(2, 'Chapter 2 - Salt', `${STORY[1]}<br><br>${STORY[2]}`)}`,
      ),
    ]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Thyme', 'Salt'],
    );
    assert.equal(storyText(work), STORY.join('\n'));
  });
});

describe('a vBulletin thread saved as a page', () => {
  const post = (id: number, author: string, body: string) =>
    `<li class="postbitlegacy" id="post_${id}"><div class="posthead"><span class="date">12-11-2026, 08:42 PM</span> <a class="postcounter">#${id}</a></div>
     <div class="postdetails"><div class="userinfo"><a class="username">${author}</a><span class="usertitle">Senior member</span></div>
     <div class="postbody"><blockquote class="postcontent restore">${body}</blockquote></div></div></li>`;

  it('reads the first poster’s posts as the story, each part heading its chapter, and the replies apart', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen - Anime Forums</title>',
        `<div id="breadcrumb"><a>Anime Forums</a> › <a>Stories</a></div><div id="postlist"><ol id="posts">
         ${post(1, 'knife_and_fork', `<div align="center"><b>Part One</b></div><br />${STORY[0]}`)}
         ${post(2, 'Tinker_Tales', 'So good! When is part two?')}
         ${post(3, 'knife_and_fork', `<div align="center"><b>Part Two</b></div><br />${STORY[1]}<br /><br />${STORY[2]}`)}
         </ol></div>`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(creator(work), 'knife_and_fork');
  });

  it('reads a later page of the thread, starting with a reader’s reply, as the story of the one who posts its parts', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen - Page 2 - Anime Forums</title>',
        `<div id="breadcrumb"><a>Anime Forums</a> › <a>Stories</a></div><div class="pagenav">Page 2 of 5</div>
         <div id="postlist"><ol id="posts">
         ${post(21, 'Tinker_Tales', 'So good! When is part three?')}
         ${post(22, 'knife_and_fork', `<div align="center"><b>Part Three</b></div><br />${STORY[0]}`)}
         ${post(23, 'Tinker_Tales', 'Oh no, the kitchen!')}
         ${post(24, 'knife_and_fork', `<div align="center"><b>Part Four</b></div><br />${STORY[1]}<br /><br />${STORY[2]}`)}
         </ol></div>`,
      ),
    ]);
    assert.equal(creator(work), 'knife_and_fork');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
  });

  it('reads vBulletin 3’s post tables, whose poster box and header row have no class that says so, as the site’s', async () => {
    const table = (id: number, author: string, body: string) =>
      `<table id="post${id}" class="tborder"><tr><td class="thead">#${id}&nbsp;&nbsp; 12-11-2026, 08:42 PM</td></tr>
       <tr><td class="alt2"><a class="bigusername" href="member.php?u=7">${author}</a><div class="smallfont">Senior member</div><div class="smallfont">Join Date: Jun 2007<br />Posts: 1,204</div></td>
       <td class="alt1"><div id="post_message_${id}">${body}</div></td></tr></table>`;
    const work = await importWork([
      page(
        '<title>The Kitchen - Anime Forums</title>',
        `<div class="navbar"><a>Anime Forums</a> &gt; <a>Stories</a></div>
         ${table(1, 'knife_and_fork', `<b>Part One</b><br /><br />${STORY[0]}`)}
         ${table(2, 'Tinker_Tales', 'So good! When is part two?')}
         ${table(3, 'knife_and_fork', `<b>Part Two</b><br /><br />${STORY[1]}<br /><br />${STORY[2]}`)}`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(creator(work), 'knife_and_fork');
  });
});

describe('a Simple Machines Forum (SMF) topic saved as a page', () => {
  it('reads the first poster’s posts as the story, their poster box, subject and buttons as the site’s, and replies apart', async () => {
    const post = (id: number, author: string, body: string) =>
      `<div class="post_wrapper" id="msg${id}">
       <div class="poster"><h4><a href="index.php?action=profile;u=7">${author}</a></h4><ul><li class="postgroup">Senior member</li><li class="postcount">Posts: 212</li></ul></div>
       <div class="keyinfo"><h5><a href="#msg${id}">The Kitchen</a></h5><div class="smalltext">« Reply #${id} : 02.11.2024 at 19:40:12 »</div></div>
       <div class="inner">${body}</div>
       <div class="moderatorbar"><a>Quote</a> <span>Logged</span></div></div>`;
    const work = await importWork([
      page(
        '<title>The Kitchen - Fan Fiction | Anime Forums</title>',
        `<div class="navigate_section"><ul><li><a>Anime Forums</a></li><li>» <a>Fan Fiction</a></li><li>» The Kitchen</li></ul></div>
         <h3 class="catbg">Topic: The Kitchen &nbsp;(Read 612 times)</h3>
         ${post(1, 'knife_and_fork', `<b>Part One</b><br><br>${STORY[0]}`)}
         ${post(2, 'Tinker_Tales', 'So good! When is part two?')}
         ${post(3, 'knife_and_fork', `<b>Part Two</b><br><br>${STORY[1]}<br><br>${STORY[2]}`)}`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(creator(work), 'knife_and_fork');
  });
  it('reads the words over a later part, in the writer’s post that starts it, as that part’s notes', async () => {
    const post = (id: number, author: string, body: string) =>
      `<div class="post_wrapper" id="msg${id}">
       <div class="poster"><h4><a>${author}</a></h4></div>
       <div class="keyinfo"><div class="smalltext">« Reply #${id} : 02.11.2024 at 19:40:12 »</div></div>
       <div class="inner">${body}</div></div>`;
    const work = await importWork([
      page(
        '<title>The Kitchen - Fan Fiction | Anime Forums</title>',
        `<h3 class="catbg">Topic: The Kitchen</h3>
         ${post(1, 'knife_and_fork', `<b>Part One</b><br><br>${STORY[0]}`)}
         ${post(2, 'Tinker_Tales', 'So good! When is part two?')}
         ${post(3, 'knife_and_fork', `Thanks, Tinker! Here is the last part.<br><br><b>Part Two</b><br><br>${STORY[1]}<br><br>${STORY[2]}`)}`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.equal(work.chapters[1].notes.beginning, 'Thanks, Tinker! Here is the last part.');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('keeps the story a later post goes on with above the next part’s heading as story', async () => {
    const post = (id: number, author: string, body: string) =>
      `<div class="post_wrapper" id="msg${id}">
       <div class="poster"><h4><a>${author}</a></h4></div>
       <div class="keyinfo"><div class="smalltext">« Reply #${id} : 02.11.2024 at 19:40:12 »</div></div>
       <div class="inner">${body}</div></div>`;
    const work = await importWork([
      page(
        '<title>The Kitchen - Fan Fiction | Anime Forums</title>',
        `<h3 class="catbg">Topic: The Kitchen</h3>
         ${post(1, 'knife_and_fork', `<b>Part One</b><br><br>${STORY[0]}`)}
         ${post(2, 'knife_and_fork', `${STORY[0]}<br><br>${STORY[1]}<br><br><b>Part Two</b><br><br>${STORY[2]}`)}`,
      ),
    ]);
    assert.equal(storyText(work), [STORY[0], STORY[0], STORY[1], STORY[2]].join('\n'));
    assert.equal(work.chapters[1]?.notes.beginning ?? null, null);
  });
});

describe('an SMF topic whose posts have no id (a theme’s or a saved copy’s “windowbg” boxes)', () => {
  const post = (author: string, reply: number, body: string) =>
    `<div class="windowbg"><div class="poster"><h4><a href="/profile/?u=7">${author}</a></h4><ul><li class="postcount">Viestejä: 40</li></ul></div>
     <div class="postarea"><div class="keyinfo"><h5><a>Keittiö</a></h5><div class="smalltext">« Vastaus #${reply}: 02.11.2024 klo 19:40:12 »</div></div>
     <div class="post"><div class="inner">${body}</div></div></div></div>`;

  it('reads the first poster’s posts as the story and the reader’s reply apart, with the Finnish disclaimer label and a “continued tomorrow” note', async () => {
    const work = await importWork([
      page(
        '<title>Keittiö</title>',
        `<div class="navigate_section"><ul><li><a>Foorumi</a> »</li><li><strong>Keittiö</strong></li></ul></div>
         ${post('veitsi_ja_haarukka', 0, `<b>Vastuuvapaus:</b> Hahmot eivät ole minun.<br /><br /><b>Luku 1</b><br /><br />${STORY[0]}<br /><br /><i>Jatkuu huomenna, kun ehdin.</i>`)}
         ${post('lukija_77', 1, 'Ihana! Milloin tulee jatkoa?')}
         ${post('veitsi_ja_haarukka', 2, `<b>Luku 2</b><br /><br />${STORY[1]}<br /><br />${STORY[2]}`)}`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(creator(work), 'veitsi_ja_haarukka');
    assert.equal(work.disclaimer, 'Hahmot eivät ole minun.');
    assert.equal(work.chapters[0].notes.end, 'Jatkuu huomenna, kun ehdin.');
  });
});

describe('a forum whose every message is a table of its own (subject row, “poster | date” row, text row)', () => {
  const message = (subject: string, poster: string, body: string) =>
    `<table class="msg" width="100%"><tr><td class="msgTitle"><b>${subject}</b></td></tr>
     <tr><td class="msgInfo">${poster} | 14/04/10 21:33</td></tr><tr><td class="msgBody">${body}</td></tr></table>`;

  it('reads the poster of the first message as the creator, their messages as the parts, the title in quotes in the subject, and the reply apart', async () => {
    const work = await importWork([
      page(
        '<title>Fanfic: “The Kitchen” (Part 1 of 2) - Fan Fiction Forum</title>',
        `<div class="forumName">Fan Fiction Forum</div><div class="breadcrumbs">Forums &gt; Culture &gt; Fan Fiction</div>
         ${message('Fanfic: “The Kitchen” (Part 1 of 2)', 'knife_and_fork', `<b>Part 1</b><br><br>${STORY[0]}`)}
         ${message('Re: Fanfic', 'Tinker_Tales', 'So good! When is part two?')}
         ${message('Fanfic: “The Kitchen” (Part 2 of 2)', 'knife_and_fork', `<b>Part 2</b><br><br>${STORY[1]}<br><br>${STORY[2]}`)}`,
      ),
    ]);
    assert.equal(work.title, 'The Kitchen');
    assert.equal(creator(work), 'knife_and_fork');
    assert.equal(work.chapters.length, 2);
    assert.equal(storyText(work), STORY.join('\n'));
  });
});

describe('a phpBB topic saved as a page', () => {
  const post = (id: number, author: string, subject: string, body: string) =>
    `<div id="p${id}" class="post has-profile bg2"><div class="inner">
     <dl class="postprofile" id="profile${id}"><dt class="has-profile-rank no-avatar"><a href="./memberlist.php?mode=viewprofile&amp;u=7" class="username">${author}</a></dt>
     <dd class="profile-rank">Senior member</dd><dd class="profile-posts"><strong>Posts:</strong> 212</dd></dl>
     <div class="postbody"><div id="post_content${id}"><h3><a href="#p${id}">${subject}</a></h3>
     <p class="author"><a class="unread" href="#p${id}" title="Post">Post</a> by <strong><a href="#" class="username">${author}</a></strong> » Sat Nov 21, 2026 7:40 pm</p>
     <div class="content">${body}</div></div></div>
     <div class="back2top"><a href="#top" class="top" title="Top">Top</a></div></div></div><hr class="divider" />`;

  it('reads the first poster’s posts as the story, their card, subject and “Top” as the site’s, replies and the forum’s lines under the posts apart', async () => {
    const work = await importWork([
      page(
        '<title>The Kitchen - Anime Forums</title>',
        `<div class="navbar"><a>Board index</a> <a>Fan Fiction</a></div>
         <h2 class="topic-title"><a href="./viewtopic.php?t=412">The Kitchen</a></h2>
         <div class="action-bar bar-top"><a class="button">Post Reply</a> <div class="pagination">3 posts • Page 1 of 1</div></div>
         ${post(1, 'knife_and_fork', 'The Kitchen', `<b>Part One</b><br><br>${STORY[0]}`)}
         ${post(2, 'Tinker_Tales', 'Re: The Kitchen', 'So good! When is part two?')}
         ${post(3, 'knife_and_fork', 'Re: The Kitchen', `Thanks, Tinker! Here is the last part.<br><br><b>Part Two</b><br><br>${STORY[1]}<br><br>${STORY[2]}`)}
         <div class="action-bar bar-bottom"><a class="button">Post Reply</a> <div class="pagination">3 posts • Page 1 of 1</div></div>
         <div class="stat-block online-list"><h3>Who is online</h3><p>Users browsing this forum: No registered users and 2 guests</p></div>`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(creator(work), 'knife_and_fork');
    assert.equal(work.chapters[1].notes.beginning, 'Thanks, Tinker! Here is the last part.');
  });
});

describe('a Blogfa post saved as a page', () => {
  it('reads the post’s text box, its bold Persian part headings and “پایان”, and leaves the blog’s header, sidebar and footer out', async () => {
    const para = (n: number) => `<p>مجید کنار حوض نشسته بود و به ماهی قرمزها نگاه می‌کرد. این بند ${n} است.</p>`;
    const work = await importWork([
      page(
        '<title>قصه‌های من - آرزوی مجید</title>',
        `<div id="header"><h1><a href="/">قصه‌های من</a></h1><h2>نوشته‌هایی از کوچه‌های قدیم</h2></div>
         <div id="main"><div class="post"><div class="posttitle"><a href="/post/58">آرزوی مجید</a></div>
         <div class="postdate">جمعه ۱۴ آذر ۱۴۰۵</div>
         <div class="postcontent"><p><strong>بخش اول</strong></p>${para(1)}${para(2)}<p><strong>بخش دوم</strong></p>${para(3)}
         <p>پایان</p><p><em>ممنون که خواندید. اگر دوست داشتید نظر بدهید.</em></p></div>
         <div class="postdesc">نوشته شده توسط <a href="/">مریم.ک</a> در ساعت ۲۱:۴۰ | <a href="#comments">نظرات (۹)</a></div></div></div>
         <div id="sidebar"><div class="sidetitle">آرشیو</div><div class="sidecontent"><a href="#">آذر ۱۴۰۵</a></div></div>
         <div id="footer">قدرت گرفته از <a href="https://blogfa.com">بلاگفا</a></div>`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.equal(
      storyText(work),
      [1, 2, 3].map((n) => `مجید کنار حوض نشسته بود و به ماهی قرمزها نگاه می‌کرد. این بند ${n} است.`).join('\n'),
    );
    assert.equal(work.notes.end ?? work.chapters[1].notes.end, 'ممنون که خواندید. اگر دوست داشتید نظر بدهید.');
  });
});

describe('a page wrapped whole in one box', () => {
  it('leaves the site’s banner in the box round the page out, as it would at the page’s top level', async () => {
    const work = await importWork([
      page(
        '<title>@knifeandfork on cohost</title>',
        `<div class="bg-notWhite"><div class="cohost-shutdown-banner">cohost is now read-only. thank you for everything. — the staff</div>
         <main><article class="co-post-box"><div class="co-title"><h1>The Kitchen</h1></div>
         <div class="co-prose prose">${story}</div></article></main></div>`,
      ),
    ]);
    assert.equal(work.title, 'The Kitchen');
    assert.equal(storyText(work), STORY.join('\n'));
  });
});

describe('a journal entry under its journal’s name', () => {
  it('reads the entry’s labelled fields under its subject, its time and its poster, not the journal’s name as the title', async () => {
    const work = await importWork([
      page(
        '<title>knifeandfork: Fic: The Kitchen (Hannibal, Will/Hannibal, T)</title>',
        `<div id="canvas"><div id="header"><h1 id="title"><a href="/">the quiet kitchen</a></h1><h2 id="subtitle">hannibal, mostly</h2></div>
         <div id="primary"><div class="entry"><div class="header"><h3 class="entry-title"><a href="#">Fic: The Kitchen (Hannibal, Will/Hannibal, T)</a></h3>
         <span class="datetime">Dec. 21st, 2022 at 9:14 PM</span></div>
         <div class="poster"><span class="ljuser"><img alt="[personal profile] " src="user.png"><a href="#"><b>knifeandfork</b></a></span></div>
         <div class="contents"><div class="entry-content"><b>Title:</b> The Kitchen<br><b>Author:</b> knifeandfork<br><b>Rating:</b> T<br>
         <b>Summary:</b> Will comes down early.<br><br>${STORY.join('<br><br>')}</div></div></div></div></div>`,
      ),
    ]);
    assert.equal(work.title, 'The Kitchen');
    assert.equal(creator(work), 'knifeandfork');
    assert.equal(work.summary, 'Will comes down early.');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.ok(!work.preview.pieces.some((p) => p.text.includes('the quiet kitchen') && p.part !== 'metadata'));
  });
});

describe('a story site’s page with its boxes named in camel case', () => {
  it('reads the poster’s name beside what the site says of the work, and the description box as the summary', async () => {
    const work = await importWork([
      page(
        '<title>The Quiet Kitchen | Quotev</title>',
        `<div id="content"><div class="breadcrumbs"><a href="/stories">Stories</a> » <a href="/stories/Fanfiction">Fanfiction</a> » <a href="/c/Hannibal">Hannibal</a></div>
         <div id="quizHeadTitle"><h1>The Quiet Kitchen</h1></div>
         <div class="quizHeadInfo"><a href="/knifeandfork" class="user">knifeandfork</a> · <span>Fanfiction</span> · <span>Oneshot</span> · <span>Completed</span></div>
         <div id="qdesc" class="descBox"><div class="quizDescription">Will comes down early, and the knives are already out.</div></div>
         <div id="chapters"><div id="rescontent" class="storyText">${story}</div></div></div>`,
      ),
    ]);
    assert.equal(work.title, 'The Quiet Kitchen');
    assert.equal(creator(work), 'knifeandfork');
    assert.equal(work.summary, 'Will comes down early, and the knives are already out.');
    assert.equal(storyText(work), STORY.join('\n'));
  });

  it('reads a box named after the work as the summary, and not one named after its author', async () => {
    const work = await importWork([
      page(
        '<title>The Quiet Kitchen</title>',
        `<div id="content"><h1>The Quiet Kitchen</h1>
         <div class="authorDescription">I mostly write about kitchens.</div>
         <div class="storyDescription">Will comes down early, and the knives are already out.</div>
         <div id="chapters"><div id="rescontent" class="storyText">${story}</div></div></div>`,
      ),
    ]);
    assert.equal(work.summary, 'Will comes down early, and the knives are already out.');
    assert.equal(storyText(work), STORY.join('\n'));
  });
});

describe('what only looks like a page’s lines above the story', () => {
  it('keeps the story’s first paragraph under a poster’s line as story, and a place and a month as story', async () => {
    const first = '<p>Low tide. Nobody in the village had seen the water go out so far, and nobody liked it.</p>';
    const posted = await importWork([
      page(
        '<title>The Salt Road</title>',
        `<article><h1>The Salt Road</h1><p>Marguerite Hollow Dec 19, 2025 ∙ Paid</p>${first}${story}</article>`,
      ),
    ]);
    assert.equal(creator(posted), 'Marguerite Hollow');
    assert.match(storyText(posted), /^Low tide\./);
    const placed = await importWork([
      page(
        '<title>The Salt Road</title>',
        `<article><h1>The Salt Road</h1><p>Saint Petersburg · March 1917</p>${first}${story}</article>`,
      ),
    ]);
    assert.equal(creator(placed), undefined);
    assert.match(storyText(placed), /Low tide\./);
  });

  it('leaves a picture’s caption and a row of share links above the story out of the story', async () => {
    const work = await importWork([
      page(
        '<title>The Salt Road</title>',
        `<div class="post"><h1>The Salt Road</h1>
         <figure><img src="a.jpg"><figcaption>Art by @heronfeathers, used with permission</figcaption></figure>
         <div class="share-row"><a href="#">Share</a> <a href="#">Tweet</a> <a href="#">Pin it</a> <a href="#">Email</a></div>
         <div class="entry-content">${story}</div></div>`,
      ),
    ]);
    assert.equal(storyText(work), STORY.join('\n'));
    // A class that only contains such a word ("author-notice", "autocomplete") is the writer's box.
    const noted = await importWork([
      page(
        '<title>The Salt Road</title>',
        `<div class="post"><h1>The Salt Road</h1>
         <div class="author-notice"><p>Written for the Harbour Lights exchange. Thank you to my beta!</p></div>
         <div class="entry-content">${story}</div></div>`,
      ),
    ]);
    assert.equal(noted.notes.beginning, 'Written for the Harbour Lights exchange. Thank you to my beta!');
  });
});

describe('a saved page’s own sections', () => {
  it('reads “Description”, “Foreword” and “Afterword” headings as the summary and notes, not as chapters', async () => {
    const work = await importWork([
      page(
        '<title>Moon Tea - hotel del luna - Asianfanfics</title>',
        `<h1>Moon Tea</h1><p>Author: lunar_innkeeper</p>
         <h3>Description</h3><p>Chan-seong learns to make the tea Man-wol’s sister used to make. It does not go well.</p>
         <h3>Foreword</h3><p>hi everyone!! this is for the anniversary of the drama ending.</p>
         ${story}
         <h3>Afterword</h3><p>thank you for reading!! comments make my day</p>
         <h3>Comments</h3><p>moonfan: this made me cry</p><p>lunar_innkeeper: thank you!!</p>`,
      ),
    ]);
    assert.equal(work.chapters.length, 1);
    assert.equal(work.summary, 'Chan-seong learns to make the tea Man-wol’s sister used to make. It does not go well.');
    assert.equal(work.notes.beginning, 'hi everyone!! this is for the anniversary of the drama ending.');
    assert.equal(work.notes.end, 'thank you for reading!! comments make my day');
    assert.match(storyText(work), /^The kitchen was quiet[\s\S]*always the same\.$/);
  });

  it('sets a blog’s “Share this”, “Like this” and “Related” under the story apart from it', async () => {
    const work = await importWork([
      page(
        '<title>The Last Course – Mise en Place</title>',
        `<h2>The Last Course</h2>${story}
         <h3>Share this:</h3><p>Twitter</p><p>Facebook</p><h3>Like this:</h3><p>Like Loading...</p>
         <h3>Related</h3><p>Amuse-Bouche In "hannibal"</p><p>A Feast of Seven Fishes In "fic"</p>`,
      ),
    ]);
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].title, null);
    assert.match(storyText(work), /always the same\.$/);
    const related = work.preview.pieces.find((p) => p.text.includes('Amuse-Bouche'));
    assert.equal(related?.part, 'metadata');
    assert.match(related!.reason, /comments, buttons and links under the story/);
  });

  it('sets the readers’ comments under the site’s buttons apart, and keeps a last chapter named “Comments”', async () => {
    const work = await importWork([
      page(
        '<title>Mibba | Spots and Stripes | Chapter 1 of 1</title>',
        `<h2>Spots and Stripes</h2>${story}<p>Subscribe | Add to Favourites | Report</p>
         <h3>Comments</h3><p>bakery_girl — “It’s wool, not a criminal” is going on my wall.</p><p>kwamiqueen — more please</p>`,
      ),
    ]);
    assert.match(storyText(work), /always the same\.$/);
    assert.equal(work.preview.pieces.find((p) => p.text.includes('kwamiqueen'))?.part, 'metadata');

    const chapters = ['The Audition', 'Comments'].map((title) => `<h2>${title}</h2>${story}`).join('');
    const novel = await importWork([page('<title>The Pianist</title>', `<h1>The Pianist</h1>${chapters}`)]);
    assert.deepEqual(
      novel.chapters.map((c) => c.title),
      ['The Audition', 'Comments'],
    );
  });

  it('reads an old fan site laid out in a table: its menu, title, byline, story and end note apart', async () => {
    const work = await importWork([
      page(
        '<title>Rincón de Susanita :: Fanfics de Mafalda</title>',
        `<table width="640"><tr><td><a href="index.html">Inicio</a> | <a href="fanfics.html">Mis fanfics</a></td></tr>
         <tr><td><h2>La sopa del día que Mafalda creció</h2><p>by Susanita Rincón</p><hr>${story}
         <p>thank u for reading!!! sign my guestbook if u liked it, i read every single entry</p>
         <p><a href="fics.html">&lt;&lt; back to fics</a></p><p>you are visitor # 004172</p></td></tr></table>`,
      ),
    ]);
    assert.equal(work.title, 'La sopa del día que Mafalda creció');
    assert.equal(creator(work), 'Susanita Rincón');
    assert.equal(storyText(work), STORY.join('\n'));
    assert.equal(work.notes.end, 'thank u for reading!!! sign my guestbook if u liked it, i read every single entry');
  });

  it('keeps a table in a story whole', async () => {
    const table = '<table><tr><th>Day</th><th>Ships</th></tr><tr><td>Monday</td><td>7</td></tr></table>';
    const work = await importWork([page('<title>Ledger</title>', `<h1>Ledger</h1>${story}${table}${story}`)]);
    const blocks = work.chapters[0].blocks.filter((b) => b.type === 'paragraph');
    assert.equal(blocks.length, STORY.length * 2 + 1);
    assert.match(work.chapters[0].html, /<table>[\s\S]*Monday[\s\S]*<\/table>/);
  });
});

describe('a saved page’s story lines that look like the page’s', () => {
  it('does not read a story sentence opening with the creator’s name as the creator’s line', async () => {
    const work = await importWork([
      page(
        '<title>The Long Way Round</title><meta name="author" content="Jo">',
        `<h1>The Long Way Round</h1><p>Joanna waited by the gate.</p><p>Jo laughed first.</p>${story}`,
      ),
    ]);
    assert.equal(creator(work), undefined);
    assert.match(storyText(work), /^Joanna waited by the gate\.\nJo laughed first\.\nThe kitchen was quiet/);
  });

  it('keeps a chat log or a poem set out in a table in the story whole, even with a paragraph in each cell', async () => {
    const rows = [
      ['will', 'are you awake'],
      ['hannibal', 'Always.'],
      ['will', 'the knives are out again'],
    ];
    const table = `<table>${rows.map(([who, said]) => `<tr><td><p>${who}</p></td><td><p>${said}</p></td></tr>`).join('')}</table>`;
    const work = await importWork([page('<title>Ledger</title>', `<h1>Ledger</h1>${story}${table}${story}`)]);
    assert.equal(work.chapters.length, 1);
    assert.equal(work.chapters[0].blocks.filter((b) => b.type === 'paragraph').length, STORY.length * 2 + 1);
    assert.match(work.chapters[0].html, /<table>[\s\S]*the knives are out again[\s\S]*<\/table>/);
  });

  it('keeps a last chapter titled “Related” among chapters at its level, with its short lines of dialogue', async () => {
    const dialogue = ['“So we’re family,” he said.', '“Apparently.”', '“Every year,” said Will. “Forever.”']
      .map((line) => `<p>${line}</p>`)
      .join('');
    const work = await importWork([
      page(
        '<title>Kin</title>',
        `<h1>Kin</h1><h2>Strangers</h2>${story}<h2>Cousins</h2>${story}<h2>Related</h2>${dialogue}`,
      ),
    ]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Strangers', 'Cousins', 'Related'],
    );
    assert.match(storyText(work), /“Every year,” said Will\. “Forever\.”$/);
  });

  it('keeps a story’s own “Description” section, longer than a site’s blurb, as story', async () => {
    const description = Array.from({ length: 6 }, () => STORY[0]).join(' ');
    const work = await importWork([
      page(
        '<title>SCP-7741 - The Kettle</title>',
        `<h1>SCP-7741</h1><h2>Description</h2><p>${description}</p><p>${STORY[1]}</p><h2>Notes</h2><p>${STORY[2]}</p>`,
      ),
    ]);
    assert.equal(work.summary, null);
    assert.match(storyText(work), /nobody had finished saying yet\.\n“You are early/);
  });

  it('does not take one word of the page’s title, found in its menu, for the title', async () => {
    const work = await importWork([
      page(
        "<title>Tern's Fics</title>",
        `<table><tr><td><p>Home</p><p>Fics</p><p>Links</p></td></tr><tr><td><h1>Harbour</h1><p>by Tern</p>${story}</td></tr></table>`,
      ),
    ]);
    assert.notEqual(work.title, 'Fics');
  });
});

describe('an AO3 work page printed to PDF, its text copied out of the viewer', () => {
  const margins = (n: number) => [
    `https://archiveofourown.org/works/77?view_full_work=true ${n}/2`,
    '03/02/2022, 10:15 Paper Boats - reedwarbler - Moomins [Archive of Our Own]',
  ];
  const text = [
    '03/02/2022, 10:15 Paper Boats - reedwarbler - Moomins [Archive of Our Own]',
    'Skip to Main Content',
    'Archive of Our Own beta',
    'Log In',
    'Site Navigation',
    'Fandoms',
    'Browse',
    'Search',
    'About',
    'Search Works',
    'Actions',
    'Entire Work',
    '← Previous Chapter',
    'Next Chapter →',
    'Chapter Index',
    'Bookmark',
    'Share',
    'Download',
    'Work Header',
    'Rating:',
    'General Audiences',
    'Fandom:',
    'Moomins',
    'Language:',
    'English',
    'Stats:',
    'Published: 2022-03-01 Completed: 2022-03-02 Chapters: 2/2 Words: 48',
    'Paper Boats',
    'reedwarbler',
    'Summary:',
    'Boats, and who sails them.',
    'Chapter 1: Spring',
    ...margins(1),
    'Chapter Text',
    'Moomintroll folded the first boat out of an old map, and it sank at once.',
    'Snufkin showed him how to fold the corners under, and the second boat sailed all the way to the bridge.',
    'Chapter 2: Summer',
    ...margins(2),
    'Chapter Text',
    'By summer there was a whole fleet of them moored in the reeds below the house.',
    'Actions',
    '↑ Top',
    'Kudos ♥',
    'Comments (3)',
    'Footer',
    'About the Archive',
    'Site Map',
    'Terms of Service',
    'https://archiveofourown.org/works/77?view_full_work=true 2/2',
  ].join('\n');

  it('reads the title and creator under the menus, and leaves out the browser’s header and footer at each page', async () => {
    const work = await importWork([{ name: 'paper-boats.txt', bytes: new TextEncoder().encode(text) }]);
    assert.equal(work.title, 'Paper Boats');
    assert.equal(creator(work), 'reedwarbler');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Spring', 'Summer'],
    );
    const story = JSON.stringify(work.chapters.map((c) => c.blocks));
    assert.ok(!/archiveofourown|10:15|Footer|Site Map|↑ Top/.test(story), story);
  });
});

describe('a poem of short lines, one a block, that were never a printed page', () => {
  it('keeps the lines that say what a menu says ("Home", "History", "Talk") in the poem', async () => {
    const refrain = ['the long road', 'and the lamp went round', 'the sea was grey', 'all winter', 'the salt'];
    const lines = [
      ...refrain,
      ...refrain,
      ...refrain,
      ...refrain,
      'I walked you home',
      'Home',
      'More',
      'Follow',
      'History',
      'Talk',
      'Close',
      'my brother',
      ...refrain,
      ...refrain,
      ...refrain,
    ];
    const text = ['Lamp Song', 'by marawrites', '', ...lines].join('\n\n');
    const work = await importWork([{ name: 'lamp-song.txt', bytes: new TextEncoder().encode(text) }]);
    const story = storyBlocks(work, '***');
    for (const line of ['Home', 'More', 'Follow', 'History', 'Talk', 'Close']) assert.ok(story.includes(line), line);
  });
});
