/** Stories saved from pages that are not fiction sites: paste sites, art galleries, forums, social posts. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterParagraphs, creatorName, storyParagraphs } from '../../support/imports.ts';

const page = (body: string, title = '') => ({
  name: 'saved.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
  ),
});

const notesOf = (work: Awaited<ReturnType<typeof importWork>>) =>
  work.preview.pieces.filter((p) => /notes|disclaimer|summary/.test(p.part)).map((p) => p.text);

describe('a paste page', () => {
  /** Pastebin's paste: GeSHi's list, one line of the pasted text to an item, blank lines as &nbsp; items. */
  const paste = (lines: string[], title: string) => `<div class="header"><a class="header__logo" href="/">Pastebin</a>
<a href="/login">Login</a> <a href="/signup">Sign up</a></div>
<div class="notice">Not a member of Pastebin yet? <a href="/signup">Sign Up</a>, it unlocks many cool features!</div>
<div class="post-view"><div class="details"><div class="info-bar"><div class="info-top"><h1>${title}</h1></div>
<div class="info-bottom"><div class="username"><a href="/u/tea_and_toast">tea_and_toast</a></div>
<div class="date"><span>Jan 9th, 2016</span></div><div class="visits">311</div><div class="expire">Never</div></div></div></div>
<div class="highlighted-code"><div class="top-buttons"><div class="left">text 1.20 KB | None</div>
<div class="right"><a href="/raw/x">raw</a> <a href="/dl/x">download</a> <a href="/report/x">report</a></div></div>
<div class="source text"><ol class="text">
${lines.map((line, i) => `<li class="li${(i % 2) + 1}"><div class="de${(i % 2) + 1}">${line || '&nbsp;'}</div></li>`).join('\n')}
</ol></div></div>
<div class="comments"><div class="comments__title">Add Comment</div><div>Please, <a href="/login">Sign In</a> to add comment</div></div></div>
<div class="sidebar"><div class="sidebar__title"><a href="/archive">Public Pastes</a></div>
<ul><li><a href="/a">Untitled</a><div class="details">Python | 12 sec ago | 0.41 KB</div></li></ul></div>
<div class="footer"><a href="/">create new paste</a> / <a href="/faq">faq</a> / <a href="/tools">tools</a></div>`;
  const ONE = [
    'The kettle had been whistling for a full minute before anyone in the flat thought to take it off the hob.',
    '“It’s your turn,” said Mira, without looking up from the crossword, which she had been losing to since breakfast.',
  ];
  const TWO = [
    'By the second pot the argument had moved on from whose turn it was to whose kettle it had been in the first place.',
    'Nobody won. The tea went cold on the windowsill, and the crossword stayed unfinished until Sunday.',
  ];
  const LINES = [
    'A KETTLE FOR TWO',
    'a fic for the tea thread',
    '',
    'Author’s note: Written for the forum’s winter swap, sorry for typos.',
    '',
    '=====',
    '',
    'Chapter 1: The Whistle',
    '',
    ONE[0],
    '',
    ONE[1],
    '',
    '=====',
    '',
    'Chapter 2: The Second Pot',
    '',
    TWO[0],
    '',
    TWO[1],
  ];

  it('reads the paste as the text file it is: its title line, notes and chapters, without the site’s lines', async () => {
    const work = await importWork([page(paste(LINES, 'Tea thread – A Kettle for Two (fanfic)'))]);
    // The text's title line is in capitals; the paste's title writes the same words as a title is written.
    assert.equal(work.title, 'A Kettle for Two');
    assert.ok(work.preview.pieces.some((p) => p.text === 'A KETTLE FOR TWO' && p.part !== 'text'));
    assert.equal(creatorName(work), 'tea_and_toast');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Whistle', 'The Second Pot'],
    );
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
    assert.ok(notesOf(work).some((note) => note.includes('Written for the forum’s winter swap')));
  });

  it('takes the paste’s title when the text has none of its own', async () => {
    const work = await importWork([page(paste(LINES.slice(7), 'A Kettle for Two'))]);
    assert.equal(work.title, 'A Kettle for Two');
    assert.equal(creatorName(work), 'tea_and_toast');
    assert.deepEqual(storyParagraphs(work), [...ONE, ...TWO]);
  });
});

describe('a deviantART literature deviation', () => {
  const ONE = [
    'The lighthouse had not been lit in forty years, which was why the keeper’s grandson was so surprised to see it burning.',
    'He climbed the stairs two at a time, and found nobody at the top but a moth the size of his hand.',
  ];
  const TWO = [
    'In the morning the moth was gone, and the lamp was cold, and the logbook had one new line in a hand he did not know.',
    'He never told anyone. He kept the logbook under his bed until he was an old man himself.',
  ];
  const body = `<div id="overhead"><a href="/" id="logo">deviantART</a>
<ul id="overhead-nav"><li><a href="/browse">Browse</a></li><li><a href="/shop">Shop</a></li><li><a href="/login">Log In</a></li></ul>
<div id="output">
<div class="dev-title-container"><h1><a href="/art/The-Moth-1234">The Moth in the Lamp</a></h1>
<div class="author">by ~<a class="u" href="/">lamp-keeper</a></div>
<div class="cat"><a href="/fanart/">Fan Art</a> / <a href="/fanart/fanfiction/">Fan Fiction</a> / <a href="/fanart/fanfiction/books/">Books &amp; Novels</a></div></div>
<div class="dev-lit"><h2>Literature Text</h2>
<div class="text"><b>Part 1: The Light</b><br /><br />${ONE.join('<br /><br />')}<br /><br />
<b>Part 2: The Logbook</b><br /><br />${TWO.join('<br /><br />')}</div></div>
<div class="dev-description"><h2>Artist's Comments</h2>
<div class="text">Written for a prompt about lighthouses. Comments are super appreciated!</div></div>
<div class="dev-details"><h2>Details</h2><p>Submitted on May 2, 2008<br />Views: 301 (0 today)<br />Favourites: 12 (<a href="#">who?</a>)</p>
<p><a href="#">+ Add to Favourites</a> · <a href="#">Download File</a> · <a href="#">Report Deviation</a></p></div>
<div id="comments"><h2>Comments</h2>
<div class="ccomment"><a class="u" href="/">*gull-friend</a> <span class="cc-time">May 3, 2008</span><div class="text">the moth!! I love this so much, more please</div><a class="reply">Reply</a></div>
</div></div></div>`;

  it('reads the literature text as the story, the artist’s comments as the writer’s note, and leaves the gallery’s lines out', async () => {
    const work = await importWork([page(body)]);
    assert.equal(work.title, 'The Moth in the Lamp');
    assert.equal(creatorName(work), '~lamp-keeper');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Light', 'The Logbook'],
    );
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
    assert.ok(notesOf(work).some((note) => note.includes('Written for a prompt about lighthouses.')));
    assert.ok(!notesOf(work).some((note) => /Literature Text|Fan Fiction|Artist/.test(note)));
  });
});

describe('a Discourse topic saved in its crawler view', () => {
  const post = (
    n: number,
    poster: string,
    text: string,
  ) => `<div id="post_${n}" itemprop="comment" itemscope itemtype="http://schema.org/Comment" class="topic-body crawler-post">
<div class="crawler-post-meta"><span class="creator" itemprop="author" itemscope itemtype="http://schema.org/Person"><a itemprop="url" href="/u/${poster}"><span itemprop="name">${poster}</span></a></span>
<span class="crawler-post-infos"><time itemprop="datePublished" datetime="2024-05-0${n}T10:00:00Z" class="post-time">May ${n}, 2024, 10:00am</time>
<meta itemprop="position" content="${n}"><span itemprop="position">#${n}</span></span></div>
<div class="post" itemprop="text">${text}</div>
<div itemprop="interactionStatistic" itemscope itemtype="http://schema.org/InteractionCounter"><span class="post-likes">${n + 4} Likes</span></div></div>`;
  const ONE = [
    'The ferry left at six, and Ines was on it with a suitcase that did not close and a plant she had promised to keep alive.',
    'The plant did not like the sea air. Neither did Ines, much, but she stood at the rail the whole way across anyway.',
  ];
  const TWO = [
    'The island had one shop, one road and one man who fixed everything, and he looked at the plant for a long time.',
    '“It’ll live,” he said at last. “Put it by the window. Talk to it.” She did, and it did, and so, in the end, did she.',
  ];
  const paras = (lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('\n');
  const body = `<header><a href="/"><img src="/logo.png" alt="Harbour Forums" id="site-logo"></a></header>
<div id="main-outlet" class="wrap" role="main">
<div id="topic-title"><h1><a href="/t/fic-the-plant/12">[Fic] The Plant on the Ferry</a></h1>
<div class="topic-category"><span class="category-name">Creative Corner</span></div></div>
<div itemscope itemtype="http://schema.org/DiscussionForumPosting">
${post(1, 'saltwater_ines', `<p>My first story here, be gentle!</p><hr><h2>Part One — The Crossing</h2>${paras(ONE)}<hr><p><em>Part two on Sunday!</em></p>`)}
${post(2, 'gull_reader', `<p>Oh I love Ines already. Please keep that plant alive, I am invested now.</p>`)}
${post(3, 'saltwater_ines', `<p>Thank you all for the likes! Here is the rest.</p><hr><h2>Part Two — The Island</h2>${paras(TWO)}<hr><p><em>The end. Thanks for reading!</em></p>`)}
</div>
<div id="related-topics" class="more-topics__list" role="complementary"><h3>Related topics</h3>
<table><tr><th>Topic</th><th>Replies</th></tr><tr><td><a href="/t/fic-lighthouse/9">[Fic] The Lighthouse at Night</a></td><td>4</td></tr></table></div></div>
<footer class="container wrap"><nav class="crawler-nav"><ul><li><a href="/">Home</a></li><li><a href="/categories">Categories</a></li></ul></nav></footer>
<div class="buorg"><div>Unfortunately, <a href="https://www.discourse.org/faq/#browser">your browser is unsupported</a>. Please switch to a supported browser to view rich content, log in and reply.</div></div>`;

  it('reads the topic’s title, its starter as the creator, their posts as the parts with the notes around them, and the replies apart', async () => {
    const work = await importWork([page(body)]);
    assert.equal(work.title, 'The Plant on the Ferry');
    assert.equal(creatorName(work), 'saltwater_ines');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Crossing', 'The Island'],
    );
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
    const parts = (text: string) => work.preview.pieces.filter((p) => p.text.includes(text)).map((p) => p.part);
    assert.deepEqual(parts('Part two on Sunday!'), ['chapter-end-notes']);
    assert.deepEqual(parts('Here is the rest.'), ['chapter-notes']);
    assert.deepEqual(parts('Thanks for reading!'), ['chapter-end-notes']);
    assert.ok(!storyParagraphs(work).some((p) => /invested|Related topics|unsupported/.test(p)));
  });
});

describe('a nickname box on a page that is not the poster’s', () => {
  const STORY = [
    'The rain had not stopped for three days, and Mara was beginning to think it never would, so she stood at the window.',
    'Her brother had promised to come back before the storm broke, and he had not, and the radio gave nothing but static.',
  ];
  const story = STORY.map((p) => `<p>${p}</p>`).join('');
  it('names no creator from a reader’s nickname under the story, and keeps the title whole', async () => {
    for (const under of ['comments', 'replies']) {
      const body = `<div id="content"><p>Lian's Return</p><p>by moonwriter</p>${story}<div class="${under}"><span class="nickname">Li</span><p>loved it</p></div></div>`;
      const work = await importWork([page(body, "Lian's Return")]);
      assert.equal(work.title, "Lian's Return");
      assert.equal(creatorName(work), 'moonwriter');
    }
  });

  it('does not cut a poster’s nickname out of a longer word', async () => {
    const body = `<div class="writer">Posted by <span class="nickname">Li</span></div><div id="content"><p>Lian's Return</p>${story}</div>`;
    const work = await importWork([page(body, "Lian's Return")]);
    assert.equal(work.title, "Lian's Return");
  });
});

describe('a Naver Cafe article', () => {
  /** SmartEditor ONE: every paragraph in its own nest of boxes, a zero-width space between them. */
  const para = (text: string) =>
    `<div class="se-component se-text"><div class="se-component-content"><div class="se-section se-section-text"><div class="se-module se-module-text"><p class="se-text-paragraph"><span class="se-fs-fs15">${text}</span></p></div></div></div></div>`;
  const ONE = [
    '비 오는 날이면 서점 주인은 문 앞에 우산 꽂이를 내놓았다. 손님이 한 명도 오지 않는 날에도 그랬다.',
    '“오늘도 안 올 거예요.” 아르바이트생이 말했지만, 주인은 웃으며 고개를 저을 뿐이었다.',
  ];
  const TWO = [
    '저녁 무렵 젖은 코트를 입은 노인이 들어와 오래된 지도책 한 권을 찾았다.',
    '주인은 창고 깊숙한 곳에서 그 책을 꺼내 왔고, 노인은 아무 말 없이 오랫동안 책장을 넘겼다.',
  ];
  const body = `<div id="gnb"><a href="https://section.cafe.naver.com/">네이버 카페</a> <a href="https://nid.naver.com/nidlogin.login">로그인</a></div>
<div class="cafe_header"><h1 class="cafe_name"><a href="/bookshop">비 오는 서점 (팬카페)</a></h1></div>
<div class="ArticleContentBox"><div class="article_header">
<div class="ArticleTitle"><a class="link_board" href="#">팬픽 게시판</a><h3 class="title_text">[팬픽] 우산 꽂이 (1~2화)</h3></div>
<div class="WriterInfo"><div class="profile_info"><a class="nickname">서점지기</a> <em class="nick_level">단골 손님</em></div>
<div class="article_info"><span class="date">2021.06.11. 21:04</span> <span class="count">조회 310</span></div>
<div class="ArticleTool"><a class="button_comment">댓글 4</a> <a class="button_url">URL 복사</a></div></div></div>
<div class="article_container"><div class="se-main-container">
${[
  '안녕하세요! 처음으로 써 본 팬픽이에요. 재미있게 읽어주세요.',
  '\u200b',
  '<b>#1. 우산</b>',
  '\u200b',
  ONE[0],
  '\u200b',
  ONE[1],
  '\u200b',
  '2화는 바로 아래에 이어집니다!',
  '\u200b',
  '<b>#2. 지도책</b>',
  '\u200b',
  TWO[0],
  '\u200b',
  TWO[1],
  '\u200b',
  '- 끝 -',
]
  .map(para)
  .join('\n')}
</div></div>
<div class="ReplyBox"><a class="like_article">좋아요 21</a> <a class="button_comment">댓글 4</a> <a class="button_share">공유</a> <a class="button_report">신고</a></div>
<div class="CommentBox"><h3 class="comment_title">댓글</h3><ul class="comment_list">
<li class="CommentItem"><a class="comment_nickname">우산장수</a><p class="text_comment">노인이 누군지 너무 궁금해요 ㅠㅠ 다음 이야기도 꼭 써 주세요 기다리고 있을게요</p><span class="comment_info_date">2021.06.11. 22:40</span> <a class="comment_info_button">답글쓰기</a></li>
<li class="CommentItem"><a class="comment_nickname">책벌레</a><p class="text_comment">지도책 장면에서 울었어요 정말 좋았어요 감사합니다 작가님 다음 편도 기다릴게요 화이팅</p><span class="comment_info_date">2021.06.12. 09:15</span> <a class="comment_info_button">답글쓰기</a></li>
</ul></div>
<div class="RelatedArticles"><h3>'팬픽 게시판' 게시판 글</h3><ul><li><a>[팬픽] 젖은 코트 (단편)</a></li><li><a>[팬픽] 창고 (1화)</a></li></ul></div></div>
<div id="footer"><p>NAVER Copyright © NAVER Corp. All Rights Reserved.</p></div>`;

  it('reads the article’s title without the episodes it holds, the poster’s nickname as the creator, and leaves the board’s buttons and comments out', async () => {
    const work = await importWork([page(body, '[팬픽] 우산 꽂이 (1~2화) : 네이버 카페')]);
    assert.equal(work.title, '우산 꽂이');
    assert.equal(creatorName(work), '서점지기');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['우산', '지도책'],
    );
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
    const parts = (text: string) => work.preview.pieces.filter((p) => p.text.includes(text)).map((p) => p.part);
    assert.deepEqual(parts('2화는 바로 아래에 이어집니다!'), ['chapter-end-notes']);
    assert.ok(!notesOf(work).some((note) => /좋아요|URL 복사|NAVER/.test(note)));
  });
});

describe('a thread unrolled by Thread Reader App', () => {
  const tweet = (n: number, text: string) =>
    `<div class="content-tweet" id="tweet_${n}" data-controller="thread" data-screenname="lamplight_fic" data-tweet="${9000 + n}">${text}<sup class="tw-permalink"><a href="https://twitter.com/lamplight_fic/status/${9000 + n}">#</a></sup></div>`;
  const ONE = [
    'The lamp in the window had gone out at midnight, which it never did, so Ada went down to see.',
    'She found the wick trimmed and the oil full and a note on the sill that said only: not tonight.',
  ];
  const TWO = [
    'In the morning the lamp was burning again, and nobody in the house would say who had lit it.',
    'Ada kept the note. She still has it, folded small, in the back of the clock on the mantel.',
  ];
  const texts = [
    'not tonight — a short lamplight fic 🧵 ada & the house, set after the finale. written on my phone, sorry',
    'part one: the window',
    ...ONE,
    'part two: the note',
    ...TWO,
    '(end!)',
  ];
  const body = `<nav class="navbar"><a class="navbar-brand" href="/">Thread Reader App</a><ul><li><a href="/login">Log in</a></li></ul></nav>
<div class="container"><div class="row thread-info"><div class="col"><span class="thread-author-name">Ada Lovell</span> <span class="screenname">@lamplight_fic</span></div>
<div class="col subscribe-box">Get real-time email alerts when new unrolls are available from this author! <a class="btn">Subscribe</a></div></div>
<div class="thread-meta">Mar 2, 2023 • ${texts.length} tweets • 2 min read • <a href="https://twitter.com/lamplight_fic">Read on Twitter</a></div>
<div class="thread-actions"><a class="btn">Bookmark</a> <a class="btn">Save as PDF</a> <a class="btn">+ My Authors</a></div>
<div class="t-main">${texts.map((text, i) => tweet(i + 1, text)).join('\n')}</div>
<div class="dot-separator">• • •</div>
<p class="small">Missing some Tweet in this thread? You can try to <a href="?refreshed=yes">force a refresh</a></p>
<div class="keep-current"><h4>Keep Current with Ada Lovell</h4><p>Stay in touch and get notified when new unrolls are available from this author!</p></div></div>`;

  it('reads the writer’s name as the creator, the opening tweet’s title and note, and the tweets without their permalinks as the story', async () => {
    const work = await importWork([page(body, 'Thread by @lamplight_fic on Thread Reader App')]);
    assert.equal(work.title, 'not tonight');
    assert.equal(creatorName(work), 'Ada Lovell');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['the window', 'the note'],
    );
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
    assert.ok(notesOf(work).some((note) => note.startsWith('ada & the house, set after the finale.')));
    assert.ok(!notesOf(work).some((note) => /Subscribe|Keep Current|tweets/.test(note)));
  });
});

describe('an archive.today snapshot of a blog post', () => {
  const STORY = [
    'Noor had kept pigeons on the roof since she was nine, and every one of them had a name and an opinion.',
    '‘Ze komen terug,’ zei haar opa altijd, ‘duiven komen altijd terug.’ En dat deden ze ook, elke avond om zes uur.',
    'Behalve op de dag dat de grijze wegbleef, en Noor tot het donker werd op het dak bleef zitten wachten.',
  ];
  const div = (text: string, style = 'font-size:12px;color:rgb(51, 51, 51);margin-bottom:12px') =>
    `<div style="${style}">${text}</div>`;
  const body = `<center><div id="HEADER" style="position:relative;width:100%;background-color:#EEE">
<table style="width:1028px;font-size:10px"><tr><td rowspan="2"><a href="https://archive.ph/"><div style="font-size:24px">archive.today</div><div style="font-size:9px">webpage capture</div></a></td>
<td><table><tr><td style="font-weight:bold">Saved from</td><td><input type="text" value="http://noor.hyves.nl/blog/1/"/></td><td><a href="https://archive.ph/http://noor.hyves.nl/*">search</a></td></tr>
<tr><td></td><td><span>4 Feb 2013 10:01:12 UTC</span></td><td></td></tr></table></td>
<td style="text-align:right">All snapshots from host <a href="https://archive.ph/noor.hyves.nl">noor.hyves.nl</a></td></tr>
<tr><td colspan="2"><a href="https://archive.ph/abc12">Webpage</a> <a href="https://archive.ph/abc12/image">Screenshot</a></td></tr>
<tr><td colspan="3"><a href="#">share</a> <a href="https://archive.ph/download/abc12.zip">download .zip</a> <a href="https://archive.ph/abc12#report">report bug or abuse</a></td></tr></table></div></center>
<div id="SOLID" style="position:relative;width:1028px;margin:0 auto">
<div style="height:50px;background-color:rgb(255, 102, 0)"><a href="https://archive.ph/o/abc12/http://www.hyves.nl/" style="font-size:22px">Hyves</a></div>
<div style="margin-left:200px;padding:10px;">
${div('Het duivenhok (deel 1 + 2)', 'font-size:16px;font-weight:bold;margin-bottom:4px')}
${div('Geplaatst op 2 februari 2010, 18:40 · Categorie: Verhalen', 'font-size:10px;color:rgb(136, 136, 136)')}
${STORY.map((p) => div(p)).join('\n')}
</div></div>`;

  it('reads the post’s title without the parts it holds, and leaves archive.today’s bar out', async () => {
    const work = await importWork([page(body, 'Het duivenhok (verhaal deel 1 + 2) - Blog van Noor - Hyves.nl')]);
    assert.equal(work.title, 'Het duivenhok');
    for (const paragraph of STORY) assert.ok(storyParagraphs(work).includes(paragraph), `lost: ${paragraph}`);
    assert.ok(!work.preview.pieces.some((p) => /archive\.today|Saved from/.test(p.text) && p.part !== 'metadata'));
  });
});

describe('a journal or blog page whose title names its owner', () => {
  const STORY = [
    'The lanterns along the quay were lit one by one, as they had been every evening for three hundred years.',
    'Tomas counted them from the harbour wall, and lost count, and started again, and did not mind at all.',
  ];
  it('reads the journal’s user tag above a Dreamwidth entry’s header as the creator', async () => {
    const body = `<div id="canvas"><div class="entry"><h3 class="entry-title">Fic: Lanterns (Harbour Tales, Tomas &amp; Ilse, G)</h3>
<div class="datetime">Nov. 2nd, 2018 08:40 pm</div>
<div class="poster"><span class="ljuser"><img alt="[personal profile] " src="/user.png"><a href="/">quill_and_ink</a></span></div>
<div class="entry-content"><p><b>Title:</b> Lanterns<br><b>Fandom:</b> Harbour Tales<br><b>Rating:</b> G</p>
${STORY.map((p) => `<p>${p}</p>`).join('\n')}</div></div></div>`;
    const work = await importWork([page(body, 'quill_and_ink: Fic: Lanterns (Harbour Tales, Tomas &amp; Ilse, G)')]);
    assert.equal(work.title, 'Lanterns');
    assert.equal(creatorName(work), 'quill_and_ink');
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('names no creator from a fandom before the title’s “:”, nor from the rating line', async () => {
    const body = `<div id="content"><p>Fanfiction</p><p>Harbour Tales</p><p>Rated T · 2,400 words</p><h1>Lanterns</h1>
${STORY.map((p) => `<p>${p}</p>`).join('\n')}</div>`;
    const work = await importWork([page(body, 'Harbour Tales: Lanterns')]);
    assert.equal(work.title, 'Lanterns');
    assert.equal(creatorName(work), undefined);
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('reads the blog’s name above a LOFTER post’s title as the creator', async () => {
    const ZH = [
      '港口的灯一盏一盏地亮了起来，三百年来每天晚上都是这样。',
      '他坐在码头的石墙上数灯，数乱了，又从头数起，一点也不着急。',
    ];
    const body = `<div class="g-hd"><a class="logo" href="/">LOFTER</a></div>
<div class="g-bd"><div class="m-blog"><h1><a href="/">小灯笼</a></h1><p class="desc">随便写写。</p></div>
<div class="m-post"><h2 class="ttl">一盏灯</h2><div class="txtcont">${ZH.map((p) => `<p>${p}</p>`).join('')}</div></div></div>`;
    const work = await importWork([page(body, '一盏灯 - 小灯笼')]);
    assert.equal(work.title, '一盏灯');
    assert.equal(creatorName(work), '小灯笼');
    assert.deepEqual(storyParagraphs(work), ZH);
  });
});

describe('a Chinese post’s title with its tags in lenticular brackets', () => {
  it('reads the title without the fandom and focus tags before it', async () => {
    const ZH = [
      '港口的灯一盏一盏地亮了起来，三百年来每天晚上都是这样。',
      '他坐在码头的石墙上数灯，数乱了，又从头数起，一点也不着急。',
    ];
    const body = `<div class="m-post"><h2 class="ttl">【港口故事】【守灯人中心】一盏灯</h2><div class="txtcont">${ZH.map((p) => `<p>${p}</p>`).join('')}</div></div>`;
    const work = await importWork([page(body, '【港口故事】【守灯人中心】一盏灯 - 小灯笼')]);
    assert.equal(work.title, '一盏灯');
    assert.deepEqual(storyParagraphs(work), ZH);
  });
});

describe('a Chinese post’s comments under it', () => {
  it('leaves the end mark "（完）", the comments under a "评论(3)" heading and the likes listed after them out of the story', async () => {
    const ZH = [
      '港口的灯一盏一盏地亮了起来，三百年来每天晚上都是这样。守灯人提着油壶，从码头的这一头走到那一头。',
      '他坐在码头的石墙上数灯，数乱了，又从头数起，一点也不着急。海风吹过来，灯火晃了晃，又稳住了。',
      '天快亮的时候，最后一盏灯也灭了。他站起来，拍了拍衣服上的灰，慢慢走回家去。',
    ];
    const body = `<div class="m-post"><h2 class="ttl">一盏灯</h2><div class="txtcont">${ZH.map((p) => `<p>${p}</p>`).join('')}<p>（完）</p></div>
<div class="info"><a class="date">03-02</a> <span class="tags"><a>#港口故事</a> <a>#守灯人</a> <a>#原创</a></span> <a class="hot">热度(40)</a> <a class="cmt">评论(3)</a></div></div>
<div class="m-cmt"><h3>评论(3)</h3><div class="cmt-item"><a>海边的猫</a>：数灯那里好可爱</div><div class="cmt-item"><a>灯塔</a>：太太写得真好</div></div>
<div class="m-hot"><h3>热度(40)</h3><ul><li><a>海边的猫</a> 喜欢此文字</li></ul></div>`;
    const work = await importWork([page(body, '一盏灯 - 小灯笼')]);
    assert.equal(work.chapters.length, 1);
    assert.deepEqual(storyParagraphs(work), ZH);
  });
});

describe('a fanon wiki article on Fandom', () => {
  const ONE = [
    'The tide came in over the causeway an hour early, and Wren was still on the wrong side of it with a basket of eggs.',
    'She sat down on the sea wall to wait, because there was nothing else to do, and the gulls sat down beside her.',
  ];
  const TWO = [
    'At dusk a boat came round the point with a lantern in its bow, and the ferryman waved his hat at her.',
    'He did not charge her. He took two eggs instead, and said it was the best bargain he had made all year.',
  ];
  const section = (title: string, lines: string[]) =>
    `<h2><span class="mw-headline">${title}</span><span class="mw-editsection"><span class="mw-editsection-bracket">[</span><a href="?action=edit">edit</a><span class="mw-editsection-bracket">]</span></span></h2>\n${lines.map((p) => `<p>${p}</p>`).join('\n')}`;
  const body = `<div class="global-navigation"><a href="https://www.fandom.com/">Fandom</a> <a href="/signin">Sign In</a></div>
<main class="page__main"><div class="page-header"><div class="page-header__categories">in: <a href="/wiki/Category:Fanfictions">Fanfictions</a>, and 1 more</div>
<h1 class="page-header__title" id="firstHeading">The Causeway</h1>
<div class="page-header__actions"><a href="?action=edit">Sign in to edit</a> <a href="?action=history">History</a> <a href="/wiki/Talk:The_Causeway">Talk (0)</a></div></div>
<div id="content" class="page-content"><div id="mw-content-text"><div class="mw-parser-output">
<table class="notice"><tr><td><b>This fanfiction belongs to <a href="/wiki/User:Tidewatcher">Tidewatcher</a>.</b> Please do not edit it without their permission.</td></tr></table>
<aside class="portable-infobox"><h2 class="pi-item pi-title">The Causeway</h2>
<div class="pi-item pi-data"><h3 class="pi-data-label">Author</h3><div class="pi-data-value"><a href="/wiki/User:Tidewatcher">Tidewatcher</a></div></div>
<div class="pi-item pi-data"><h3 class="pi-data-label">Status</h3><div class="pi-data-value">Complete</div></div></aside>
${section('Chapter 1: The Tide', ONE)}
${section('Chapter 2: The Ferry', TWO)}
${section('Ending Note', ['The sequel is coming soon! Tell me in the comments what you want Wren to do next.'])}
</div></div></div></main>`;

  it('reads the infobox’s author as the creator, and leaves the wiki’s tabs and its ownership notice out of the story', async () => {
    const work = await importWork([page(body, 'The Causeway | Seaside Fanfiction Wiki | Fandom')]);
    assert.equal(work.title, 'The Causeway');
    assert.equal(creatorName(work), 'Tidewatcher');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Tide', 'The Ferry'],
    );
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
    assert.ok(notesOf(work).some((note) => note.startsWith('The sequel is coming soon!')));
  });
});

describe('comments under a post counted on a line of their own', () => {
  const STORY = [
    'Het regende al drie dagen, en de kat van de buren zat nog steeds op het dak van de schuur te kijken.',
    '‘Hij wacht ergens op,’ zei Noor. Haar broer haalde zijn schouders op en ging verder met zijn huiswerk.',
    'Op de vierde dag kwam de zon terug, en de kat sprong van het dak alsof er nooit iets aan de hand was geweest.',
  ];
  const div = (text: string) => `<div style="font-size:12px;margin-bottom:12px">${text}</div>`;
  const body = `<div style="margin-left:200px">${div('<b>De kat op het dak</b>')}
${STORY.map(div).join('\n')}
<div style="font-size:11px"><a href="#">Respect!</a> (4) · <a href="#">Doorsturen</a> · <a href="#">Reageer</a></div>
<div style="margin-top:16px"><div style="font-weight:bold">Krabbels (2)</div>
<div style="font-size:11px"><b>Lotte</b> · 3 mei 2009, 18:12<br>haha die kat!! echt leuk geschreven noor</div>
<div style="font-size:11px"><b>Sem</b> · 4 mei 2009, 09:30<br>meer verhalen graag :)</div></div></div>`;

  it('leaves the buttons, the count and the comments under it out of the story', async () => {
    const work = await importWork([page(body, 'De kat op het dak - Blog van Noor - Hyves.nl')]);
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});

describe('a Tumblr post with a reblog trail', () => {
  const STORY = [
    'The lighthouse keeper’s daughter could hear the foghorn in her sleep, and in her dreams it sang instead of groaning.',
    'When she told her father, he laughed, and then he listened to it the next night, and did not laugh again.',
    'By winter the whole island swore the horn was singing, and nobody could say when it had started.',
  ];
  const header = (name: string) =>
    `<header class="postHeader"><img class="avatar" src="/a.png" alt=""><a class="blogLink" href="https://www.tumblr.com/${name}">${name}</a></header>`;
  const body = `<header class="siteHeader"><a class="logo" href="/">tumblr</a><nav><a href="/login">Log in</a></nav></header>
<main><article class="post">${header('foghorn-daughter')}
<div class="reblogTrail"><div class="trailItem">${header('foghorn-daughter')}
<div class="content"><h1>The Singing Horn</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}</div></div>
<div class="trailItem">${header('gull-gossip')}<div class="content"><p>WAIT is there more?? i need more of this</p></div></div></div>
</article></main>`;

  it('reads the first post’s poster as the creator, not a reader’s reblog comment', async () => {
    const work = await importWork([page(body, 'The Singing Horn | Tumblr')]);
    assert.equal(work.title, 'The Singing Horn');
    assert.equal(creatorName(work), 'foghorn-daughter');
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});

describe('a blog post’s disclaimer line over the story', () => {
  it('reads a short line that only says who owns the characters as the disclaimer', async () => {
    const div = (text: string) => `<div style="font-size:12px;margin-bottom:12px">${text}</div>`;
    const body = `<div style="margin-left:200px">
<div style="font-size:16px;font-weight:bold">De kat op het dak</div>
<div style="font-size:10px;color:rgb(136, 136, 136)">Geplaatst op 3 mei 2009, 18:02 · Categorie: Verhalen</div>
${div('Hoi allemaal!! Hier is eindelijk mijn verhaaltje voor de schrijfwedstrijd :)')}
${div('<i>Joris en Muis zijn van Annie M.G. Schmidt, niet van mij!</i>')}
${div('<b>Deel 1</b>')}
${div('Het regende al drie dagen, en de kat van de buren zat nog steeds op het dak van de schuur te kijken naar de goot.')}
${div('<b>Deel 2</b>')}
${div('Op de vierde dag kwam de zon terug, en de kat sprong van het dak alsof er nooit iets aan de hand was geweest.')}</div>`;
    const work = await importWork([page(body, 'De kat op het dak - Blog van Noor - Hyves.nl')]);
    const piece = work.preview.pieces.find((p) => p.text.includes('niet van mij'));
    assert.equal(piece?.part, 'disclaimer');
  });
});

describe('a blog post whose own <header> holds its title', () => {
  const STORY = [
    'The lamp above her turned and turned, throwing its light out into the dark for no one at all.',
    'When the knock finally came it was almost midnight, and she ran down the spiral stairs so fast she nearly fell.',
  ];
  const post = (header: string) =>
    `<nav><a href="/">Home</a> <a href="/fic">Fic</a></nav><article class="h-entry"><header class="post-header">${header}</header>
<div class="post-body">${STORY.map((p) => `<p>${p}</p>`).join('')}</div></article>`;

  it('reads the linked heading as the title, not as who posted it', async () => {
    const header = `<h2 class="post-title"><a href="/2020/03/lighthouse/">The Lighthouse Keeper</a></h2><p class="post-date">March 3, 2020</p>`;
    const work = await importWork([page(post(header), 'The Lighthouse Keeper - notes from the attic')]);
    assert.equal(work.title, 'The Lighthouse Keeper');
    assert.notEqual(creatorName(work), 'The Lighthouse Keeper');
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('names no poster from a link to the post itself', async () => {
    const header = `<a href="/2020/03/lighthouse/">March 3, 2020</a>`;
    const work = await importWork([page(post(header), 'The Lighthouse Keeper - notes from the attic')]);
    assert.notEqual(creatorName(work), 'March 3, 2020');
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});

describe('a Facebook post selected in the browser and pasted as text', () => {
  const STORY = [
    'The last bus of the year came in late, and the rain had not stopped since noon.',
    'Ngan stood under the banyan tree with the old guitar on his back and watched the door open.',
    'The girl who stepped down last had her mother’s eyes, and she asked him whether he still played that song.',
  ];
  it('reads the end mark, then the writer’s note, the post’s tags, its counts and buttons and the comments under them apart from the story', async () => {
    const text = [
      'Hội Những Người Yêu Truyện\nNhóm Công khai · 48,2K thành viên',
      'Lam Thanh Trà\nTác giả\n3 ngày · 🌏',
      'THE LAST BUS',
      ...STORY,
      '— HẾT —',
      'Thanks for reading this far! Part two comes next week.',
      '#fanfic #MắtBiếc',
      'All reactions:\n1,3K\n214 comments\n87 shares\nLike\nComment\nShare',
      'Pham Hong Nhung\nI cried at the last line 😭\n3d\nLike\nReply',
      'Lam Thanh Trà\nAuthor\nPham Hong Nhung thank you so much 💙\n2d\nLike\nReply',
      'View more comments\nWrite a public comment…',
    ].join('\n\n');
    const work = await importWork([{ name: 'post.txt', bytes: new TextEncoder().encode(text) }]);
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.equal(
      work.notes.end ?? work.chapters.at(-1)!.notes.end,
      'Thanks for reading this far! Part two comes next week.',
    );
    assert.ok(work.preview.pieces.some((p) => p.field === 'freeform' && p.text === 'fanfic, MắtBiếc'));
  });
});

describe('a social thread (Bluesky, Mastodon) selected in the browser and pasted as text', () => {
  const post = (lines: string[], counts = ['0', '0', '4'], name = 'Ada Quill 🌙', handle = '@adaquill.bsky.social') =>
    [name, handle, '', ...lines.flatMap((line) => [line, '']), ...counts.flatMap((c) => [c, ''])].join('\n');
  const ONE = [
    'The ferry left at six, and Ines was on it with a suitcase that did not close and a plant she had promised to keep alive.',
    'The plant did not like the sea air. Neither did Ines, much, but she stood at the rail the whole way across anyway.',
  ];
  const TWO = [
    'The island had one shop, one road and one man who fixed everything, and he looked at the plant for a long time.',
    '“It’ll live,” he said at last. “Put it by the window.” She did, and it did, and so, in the end, did she.',
  ];
  const text = [
    post(
      ['the plant, a ferry fic, 1/4 🧵', 'March 9, 2025 at 9:02 PM\nEveryone can reply'],
      ['2 reposts 1 quote 18 likes'],
    ),
    post([ONE[0]]),
    post([ONE[1]]),
    post(['part two!! (3/4)']),
    post(TWO),
    post(['“It’ll live” I am so glad'], ['0', '0', '1'], 'Gull Reader', '@gull.bsky.social'),
  ].join('\n');

  it('reads the poster’s name as the creator, the first line as the title, a “part two” post as a part, and the headers, counts and replies apart', async () => {
    const work = await importWork([{ name: 'thread.txt', bytes: new TextEncoder().encode(text) }]);
    assert.equal(work.title, 'the plant');
    assert.equal(creatorName(work), 'Ada Quill');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(chapterParagraphs(work, 0), ONE);
    assert.deepEqual(chapterParagraphs(work, 1), TWO);
  });
});
