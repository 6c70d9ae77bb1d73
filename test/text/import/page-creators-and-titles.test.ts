/**
 * Story, blog and article pages saved from sites the import had not met: where each names its writer (a
 * box the site marks for them, the blog's heading, a line of facts under the title or under the story), what
 * its title says besides the story's name, and its menus.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, storyParagraphs, textFile } from '../../support/imports.ts';

const STORY = [
  'The ferry left at six, and Odile was on it with a suitcase, a cake tin and a letter she had not yet decided to post.',
  'Her brother waved from the quay until the boat rounded the point, and then he went home and fed her cat, as he had promised.',
  'By the time the island came into view the letter was in the sea, and the cake was gone, and she was laughing at nothing.',
];

const paragraphs = STORY.map((p) => `<p>${p}</p>`).join('\n');

const page = (title: string, body: string) =>
  textFile('page.html', `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`);

describe('a page’s writer, as the site names them', () => {
  it('reads the name in a box the site marks for the creator as the creator, not the episode’s counts', async () => {
    const work = await importWork([
      page(
        'The Ferry | Island Shorts | Webnovels',
        `<header class="top-nav"><a href="/">webnovels</a> <a href="/novels">Novels</a> <a href="/signin">Log in</a></header>
         <div class="series-header"><a class="series-title" href="#">Island Shorts</a><div class="creator">odile_writes</div><div class="meta">Drama · 812 subscribers</div></div>
         <article><div class="ep-meta">Episode 3 · Mar 2, 2021 · 1.2k views · 40 likes</div><h1>The Ferry</h1>
         <div class="viewer">${paragraphs}</div></article>`,
      ),
    ]);
    assert.equal(work.title, 'The Ferry');
    assert.equal(creatorName(work), 'odile_writes');
  });

  it('reads the linked name in an author box as the creator, and the bio beside it as the site’s', async () => {
    const work = await importWork([
      page(
        'The Ferry - Articles',
        `<article><h1>The Ferry</h1>
         <div class="author-box"><img src="/a.jpg" alt=""> <a href="#">Rosalind Perrault</a> <span>Rosalind is a retired ferry captain who writes about the sea and her cats.</span></div>
         ${paragraphs}</article>`,
      ),
    ]);
    assert.equal(creatorName(work), 'Rosalind Perrault');
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('reads the name in a post’s header linked as its author, not the words after it', async () => {
    const work = await importWork([
      page(
        'Odile Marchand - Social - The ferry left at six…',
        `<div class="post"><div class="post-header"><a class="author" href="#">Odile Marchand</a> <span>Shared publicly - Oct 4, 2013</span></div>
         <div class="post-body">${paragraphs}</div></div>`,
      ),
    ]);
    assert.equal(creatorName(work), 'Odile Marchand');
  });

  it('does not take the writer’s note box, classed for the author, as a creator', async () => {
    const work = await importWork([
      page(
        'The Ferry - Stories',
        `<article><h1>The Ferry</h1><div class="author-note"><b>Thanks</b> to everyone who waited for this one.</div>${paragraphs}</article>`,
      ),
    ]);
    assert.notEqual(creatorName(work), 'Thanks');
  });

  it('reads a byline followed by the work’s genres and counts as the creator', async () => {
    const work = await importWork([
      page(
        'The Ferry - a story by tidewriter on Storysite',
        `<div id="story"><h1>The Ferry</h1><div class="by">A story by <a href="/people/tidewriter">tidewriter</a> · Drama · Fan Fiction · 2 chapters · 1,204 reads</div>
         ${paragraphs}</div>`,
      ),
    ]);
    assert.equal(creatorName(work), 'tidewriter');
  });

  it('reads a Hebrew byline ("מאת …") with the post’s date after it as the creator, not the blog’s name', async () => {
    const work = await importWork([
      page(
        'פאנפיק: המעבורת - הבלוג של אודיל - בלוגים',
        `<div class="blog-header"><h2>הבלוג של אודיל</h2></div>
         <article class="post"><h1>פאנפיק: המעבורת</h1><div class="post-meta">מאת אודיל_כותבת | פורסם ב-12.05.2012, 22:40</div>
         <div class="post-body">${paragraphs}</div></article>`,
      ),
    ]);
    assert.equal(work.title, 'המעבורת');
    assert.equal(creatorName(work), 'אודיל_כותבת');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null],
    );
  });
});

describe('a blog’s owner, as the page’s title and heading name them', () => {
  it('reads the owner a space’s heading names (“Odile’s space”) as the creator, under a menu bar ending in its log-in', async () => {
    const work = await importWork([
      page(
        'fic: The Ferry (PG, 2 parts) - Odile&#39;s space - Spaces',
        `<div id="spaceHeader"><span>Spaces</span> <a href="#">Home</a> | <a href="#">Profile</a> | <a href="#">People</a> | <a href="#">Mail</a> | <a href="#">Photos</a> | <a href="#">Sign in</a></div>
         <div id="spaceTitle"><h1>Odile's space</h1><div>words and ferries</div></div>
         <div class="entry"><h2 class="entryTitle">fic: The Ferry (PG, 2 parts)</h2>
         <div class="entryBody"><p><b>I.</b></p>${paragraphs}<p><b>II.</b></p>${paragraphs}</div></div>`,
      ),
    ]);
    assert.equal(work.title, 'The Ferry');
    assert.equal(creatorName(work), 'Odile');
    assert.equal(work.chapters.length, 2);
  });

  it('reads the owner’s name on the first line of their box, when the title says whose journal it is', async () => {
    const work = await importWork([
      page(
        'The Ferry - tidewriter&#39;s Journal - Journals',
        `<div id="head"><a href="/">journals</a> <a href="#">Home</a> <a href="#">Sign In</a></div>
         <div id="owner"><b>tidewriter</b><br>Brest, France · <a href="#">Blog</a> · <a href="#">Photos</a></div>
         <div class="journal"><h2 class="itemtitle">The Ferry</h2><div class="itembody">${paragraphs}</div></div>`,
      ),
    ]);
    assert.equal(creatorName(work), 'tidewriter');
  });

  it('keeps a menu bar of a story’s own words, without a log-in, as the story’s', async () => {
    const work = await importWork([
      textFile(
        'ferry.txt',
        ['The Ferry', '', 'Eat | Sleep | Sail | Repeat', '', ...STORY.flatMap((p) => [p, ''])].join('\n'),
      ),
    ]);
    assert.ok(storyParagraphs(work).includes('Eat | Sleep | Sail | Repeat'));
  });
});

describe('what a page’s title says besides the story’s name', () => {
  it('leaves “: a Fandom Fan Fiction” and “: A Fandom Short Story” after an article’s title out of it', async () => {
    for (const [heading, title] of [
      ['The Ferry: a Island Days Fan Fiction', 'The Ferry'],
      ['The Ferry: A Island Days Short Story', 'The Ferry'],
      ['Life: A Love Story', 'Life: A Love Story'],
    ]) {
      const work = await importWork([
        page(`${heading} - Articles`, `<article><h1>${heading}</h1>${paragraphs}</article>`),
      ]);
      assert.equal(work.title, title, heading);
    }
  });

  it('numbers a Hebrew part heading in letters (“חלק א׳”) without a title', async () => {
    const work = await importWork([
      page('המעבורת', `<article><h1>המעבורת</h1><h3>חלק א'</h3>${paragraphs}<h3>חלק ב'</h3>${paragraphs}</article>`),
    ]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
  });
});

describe('the writer’s note over a page’s story', () => {
  it('reads a Hebrew note that says it is the writer’s fanfic and asks what readers think as a note', async () => {
    const work = await importWork([
      textFile(
        'post.txt',
        [
          'המעבורת',
          '',
          'אז ככה, זה פאנפיק שכתבתי בשיעור גאוגרפיה. תגידו מה דעתכם!!!',
          '',
          '~*~*~*~',
          '',
          ...STORY.flatMap((p) => [p, '']),
        ].join('\n'),
      ),
    ]);
    assert.ok(work.preview.pieces.some((p) => p.part === 'notes' && p.text.includes('תגידו מה דעתכם')));
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('sets the disclaimer ending a note written all in lower case apart from the note', async () => {
    const work = await importWork([
      page(
        '~ the ferry ~',
        `<h1>the ferry</h1><p>written on a rainy night for my sister. if you like it, say hi in the guestbook! the island belongs to its writers, not me.</p><hr>${paragraphs}`,
      ),
    ]);
    assert.ok(
      work.preview.pieces.some(
        (p) => p.part === 'disclaimer' && p.text === 'the island belongs to its writers, not me.',
      ),
    );
    assert.ok(work.preview.pieces.some((p) => p.part === 'notes' && p.text.startsWith('written on a rainy night')));
  });
});

describe('the site’s boxes among and under a page’s story', () => {
  it('leaves a shop’s box between the parts and the guestbook under them out of the chapters, and reads the lens footer’s byline as the creator', async () => {
    const work = await importWork([
      page(
        'The Ferry: a Island Days Fan Fiction',
        `<div id="sq-header"><a href="/">Lenses</a> <a href="#">Explore</a> <a href="#">Sign In</a></div>
         <div id="lens"><h1>The Ferry: a Island Days Fan Fiction</h1>
         <div class="module"><h2>Part I</h2>${paragraphs}</div>
         <div class="module amazon"><h2>Island Days on DVD</h2><div>Island Days - Season 1 · $24.99 · <a href="#">Buy now</a></div></div>
         <div class="module"><h2>Part II</h2>${paragraphs}</div>
         <div class="module guestbook"><h2>Guestbook</h2><div><b>annie_b</b>: Loved the ferry! Blessed by an angel!</div></div>
         <div class="lensfooter">by <a href="#">TideWriter</a> · 5 stars · Report Abuse · Related lenses: <a href="#">Ferries</a></div></div>`,
      ),
    ]);
    assert.equal(work.title, 'The Ferry');
    assert.equal(creatorName(work), 'TideWriter');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(storyParagraphs(work), [...STORY, ...STORY]);
  });

  it('leaves a blog’s sidebar under the post (“about me”, “archives”) out of the story and its chapters', async () => {
    const work = await importWork([
      page(
        'Blogs - the ferry blog - new fic!!!!',
        `<div class="entry"><h2>new fic!!!!</h2><div class="entrytext">${paragraphs}</div></div>
         <div id="right"><h3>about me</h3><p>16. island girl. ferries, cats, cake.</p><h3>archives</h3><ul><li>October 2005</li><li>September 2005</li></ul></div>`,
      ),
    ]);
    assert.equal(work.chapters.length, 1);
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('keeps a last chapter named “Archives” among chapters of its level as the story’s', async () => {
    const chapters = ['The Quay', 'The Crossing', 'Archives'];
    const work = await importWork([
      page('The Ferry', `<h1>The Ferry</h1>${chapters.map((c) => `<h2>${c}</h2>${paragraphs}`).join('\n')}`),
    ]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      chapters,
    );
  });

  it('reads a Japanese novel page: the note box under its ■ label with the disclaimer apart, its page places as the site’s, a note about the next page', async () => {
    const japanese = [
      '船は六時に出た。オディールはスーツケースとケーキの缶と、まだ出すかどうか決めていない手紙を持って乗っていた。',
      '兄は岬を回るまで桟橋で手を振り、それから家に帰って約束どおり彼女の猫にえさをやった。',
    ];
    const lines = japanese.join('<br>');
    const work = await importWork([
      page(
        '渡し船、ふたたび - 小説サイト',
        `<div class="book-head"><h1>渡し船、ふたたび</h1><div class="author">作者：<a href="#">ゆきの</a></div></div>
         <div class="intro"><h3>■作者からのひとこと</h3><p>島の話の、その後のお話です。もしも話。</p><p>原作の著作権はすでに切れていますが、作品は先生のものです。</p></div>
         <div class="page"><div class="page-no">1/2ページ</div><h2>第一話\u3000桟橋</h2><p>${lines}</p><p class="note">☆次のページは明日更新します！☆</p></div>
         <div class="page"><div class="page-no">2/2ページ</div><h2>第二話\u3000島</h2><p>${lines}</p></div>`,
      ),
    ]);
    assert.equal(creatorName(work), 'ゆきの');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['桟橋', '島'],
    );
    const part = (text: string) => work.preview.pieces.find((p) => p.text.includes(text))?.part;
    assert.equal(part('その後のお話です'), 'notes');
    assert.equal(part('先生のものです'), 'disclaimer');
    assert.equal(part('次のページは明日更新します'), 'chapter-end-notes');
    assert.equal(part('1/2ページ'), 'metadata');
  });
});

describe('readers’ comments and the footer under a post', () => {
  it('sets a post’s box of comments without a heading of its own, and a footer of terms and privacy, apart from the story', async () => {
    const work = await importWork([
      page(
        'Odile Marchand - Social - The ferry left at six…',
        `<div class="post"><div class="post-body">${paragraphs}</div>
         <div class="comments"><div class="comment"><b>Rosalind</b> The cake tin! I'M DEAD</div><div class="comment"><b>Dev</b> Perfect ending, lol.</div><div class="addcomment">Add a comment...</div></div></div>
         <div id="foot">©2013 Social Inc. · Terms · Privacy · Content Policy</div>`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('keeps a story inside a box whose class speaks of comments (“has-comments”) as the story', async () => {
    const work = await importWork([
      page(
        'The Ferry',
        `<h1>The Ferry</h1><p>${STORY[0]}</p><div class="post has-comments">${STORY.slice(1)
          .map((p) => `<p>${p}</p>`)
          .join('')}</div>`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});

describe('what the writer says round a one-shot on a social or story site', () => {
  it('reads the title the note gives in plain words (“It’s called … and it’s …”) over a blog’s name', async () => {
    const work = await importWork([
      page(
        'Blogs - ~*the ferry blog*~ - new fic!!!!',
        `<div id="blogheader"><h1>~*the ferry blog*~</h1><div>a blog by ferry_girl</div></div>
         <div class="entry"><h2>new fic!!!!</h2><div class="entrydate">Friday, October 14, 2005 · 11:58 PM</div><div class="entrytext"><p>So I finally wrote the ferry fic. It's called Salt on the Crossing and it's Odile and her brother, sorry cat fans. R&amp;R please!!</p><p>*~*~*~*</p>${paragraphs}${paragraphs}<p>*~*~*~*</p><p>ok thats it, hope you guys liked it!! *hugs*</p></div>
         <div class="entryfoot">posted by ferry_girl at 11:58 PM | <a href="#">4 comments</a> | <a href="#">link</a></div></div>`,
      ),
    ]);
    assert.equal(work.title, 'Salt on the Crossing');
  });

  it('reads a post’s note about how it was written, whose point of view it is and asking for reshares as the writer’s', async () => {
    const work = await importWork([
      page(
        'Odile Marchand - Social',
        `<div class="post"><div class="post-body"><p>New fic! Written in one sitting after last night's episode, so forgive the typos. Odile's POV, of course.</p>
         ${paragraphs}<p>If you liked it, reshare! I'll put it on AO3 this weekend once I've cleaned it up.</p></div></div>`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), STORY);
    const notes = work.preview.pieces.filter((p) => p.part.includes('notes')).map((p) => p.text);
    assert.ok(notes.some((n) => n.includes('forgive the typos') && n.includes('POV')));
    assert.ok(notes.some((n) => n.startsWith('If you liked it, reshare!')));
  });

  it('reads a one-shot written for a prompt week as the writer’s note, and the creator’s note box under the story as the end note, its episode links as the site’s', async () => {
    const work = await importWork([
      page(
        'The Ferry | Island Shorts | Webnovels',
        `<article class="episode"><h1 class="ep-title">The Ferry</h1>
         <div class="viewer"><p><i>A little Island Days one-shot for the summer prompt week.</i></p>${paragraphs}</div>
         <div class="creator-note"><img src="/a.jpg" alt=""> <b>odile_writes</b><p>Creator's note: thank you for 1k subscribers!! I'll post the cat's side story next Tuesday.</p></div>
         <div class="ep-nav"><a href="#">‹ Prev episode</a> <a href="#">Next episode ›</a></div></article>`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), STORY);
    const part = (text: string) => work.preview.pieces.find((p) => p.text.includes(text))?.part;
    assert.equal(part('prompt week'), 'notes');
    assert.equal(part('1k subscribers'), 'end-notes');
    assert.equal(part('Prev episode'), 'metadata');
  });

  it('keeps a story line that says someone’s work was written in a night as the story’s', async () => {
    const work = await importWork([
      textFile(
        'ferry.txt',
        [
          'The Ferry',
          '',
          'The letter was written in one night, and it showed.',
          '',
          ...STORY.flatMap((p) => [p, '']),
        ].join('\n'),
      ),
    ]);
    assert.ok(storyParagraphs(work).includes('The letter was written in one night, and it showed.'));
  });
});

describe('a journal entry’s and a social post’s own lines', () => {
  it('sets a post’s footer and its counted replies apart, so that the thanks run into the last sentence is the end note', async () => {
    const work = await importWork([
      page(
        'The Ferry - tidewriter&#39;s Journal - Journals',
        `<div class="journal"><h2 class="itemtitle">The Ferry</h2>
         <div class="itembody">${STORY.slice(0, 2).join('<br><br>')}<br><br>${STORY[2]} Thanks so much for reading guys, I'll try to update more often!!</div>
         <div class="itemfooter">Tags: <a href="#">ferries</a>, <a href="#">fanfic</a> · <a href="#">Add Comment</a> · <a href="#">Share</a></div>
         <div class="replies"><h4>2 Replies</h4><div class="reply"><b>sk_girl</b> wrote: "The cake tin!" LOL</div><div class="reply"><b>tidewriter</b> wrote: haha thanks!!</div></div></div>`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.ok(
      work.preview.pieces.some((p) => p.part.includes('end-notes') && p.text.startsWith('Thanks so much for reading')),
    );
  });

  it('reads a post’s note and the bold title-case line under it as the note and the title', async () => {
    const work = await importWork([
      page(
        'Odile Marchand - Social - New fic!…',
        `<div class="post"><div class="post-body"><p>New fic! Written in one sitting after last night's episode, so forgive the typos. Odile vs. the ferry, as promised.</p>
         <p><b>Salt on the Crossing</b></p>${paragraphs}</div></div>`,
      ),
    ]);
    assert.equal(work.title, 'Salt on the Crossing');
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});

describe('an article’s summary and a closing note', () => {
  it('reads a paragraph the site marks as the summary, under the writer’s bio, as the summary, and “That’s the end!” opening the end note as the note’s', async () => {
    const work = await importWork([
      page(
        'The Ferry - Articles',
        `<article><h1>The Ferry</h1>
         <div class="author-box"><a href="#">Rosalind Perrault</a> <span>Rosalind is a retired ferry captain who writes about the sea.</span></div>
         <div class="full-width"><p class="summary">A short piece about a ferry, a cake tin and a letter that never gets posted.</p></div>
         ${paragraphs}<p><i>That's the end! Please leave a rating and tell me what you thought.</i></p></article>`,
      ),
    ]);
    const part = (text: string) => work.preview.pieces.find((p) => p.text.includes(text))?.part;
    assert.equal(part('a letter that never gets posted'), 'summary');
    assert.equal(part("That's the end!"), 'end-notes');
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});
