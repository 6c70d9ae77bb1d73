import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, textFile } from '../../support/imports.ts';

const story = [
  'The lighthouse keeper counted the ships every evening, though nobody had asked her to.',
  '“Seven tonight,” she told the cat. The cat did not care.',
  'By morning the fog had come in, and she could not count anything at all.',
  'She counted the gulls instead, and then the waves, and then she gave up and made tea.',
];

/** A blog's or a social site's page holding one post: its heading, what the post shows above the story, the story. */
const post = (heading: string, above: string[] = []) =>
  `<html><head><meta charset="utf-8"><title>${heading} | My Blog</title></head><body><div class="post"><h1>${heading}</h1>${above
    .map((line) => `<p>${line}</p>`)
    .join('')}${story.map((s) => `<p>${s}</p>`).join('')}</div></body></html>`;

const read = (heading: string, above: string[] = []) => importWork([textFile('post.html', post(heading, above))]);

/** Lines the preview leaves out with no field: the ones that may name who wrote the work. */
const unreadLines = (work: Awaited<ReturnType<typeof importWork>>) =>
  work.preview.pieces.filter((p) => p.part === 'metadata' && p.field === undefined).map((p) => p.text);

describe('a single post’s title, without what the writer says of it beside the title', () => {
  it('leaves out which parts or episodes the post holds and that it is complete, in the languages writers post in', async () => {
    for (const [heading, title] of [
      ['여름의 끝 (1~3화 완결)', '여름의 끝'],
      ['夏の終わり（前編・後編）', '夏の終わり'],
      ['ทะเลสีเทา (จบในตอน)', 'ทะเลสีเทา'],
    ])
      assert.equal((await read(heading)).title, title, heading);
  });

  it('leaves out the fandom and the word for a fic before a colon ("Frasier fic: The Couch")', async () => {
    assert.equal((await read('Frasier fic: The Couch')).title, 'The Couch');
    assert.equal((await read('Threat Assessment: Tea')).title, 'Threat Assessment: Tea');
  });

  it('leaves out the word for a fanfic and its fandom in brackets with no word between ("(Fanfic Castelo Rá-Tim-Bum)")', async () => {
    assert.equal((await read('O Relógio (Fanfic Castelo Rá-Tim-Bum)')).title, 'O Relógio');
    assert.equal(
      (await read('The Dog Park Is Open (On One Condition)')).title,
      'The Dog Park Is Open (On One Condition)',
    );
  });

  it('never takes the aside cut off the title ("(Fanfic)", "（上下）", "(parts 1 & 2)") for the line that names the writer', async () => {
    for (const heading of ['Spelling Bee (Fanfic)', '一条鱼（上下）', 'The Bench (parts 1 & 2)']) {
      const work = await read(heading);
      assert.deepEqual(unreadLines(work), [], heading);
      assert.equal(creatorName(work), undefined, heading);
    }
  });
});

describe('a single post’s byline, as blogs and social sites show it', () => {
  it('reads a nickname and the post’s date on one line over the story as the writer and when they posted', async () => {
    for (const [line, name] of [
      ['小雨的积木 2017-05-14 20:31:07', '小雨的积木'],
      ['Маша Серая Шейка · 9 мая 2021', 'Маша Серая Шейка'],
      ['은찬이네 2020. 6. 21. 23:47', '은찬이네'],
      ['✿ plantar_pals ✿ Lv 12 March 3, 2021', '✿ plantar_pals ✿'],
    ])
      assert.equal(creatorName(await read('The Lighthouse', [line])), name, line);
  });

  it('does not read a chapter’s heading and its date as a name', async () => {
    const work = await read('The Lighthouse', ['Chapter 1 · March 3, 2021']);
    assert.equal(creatorName(work), undefined);
  });

  it('reads "submitted … by user@instance to community@instance" as the user who posted it', async () => {
    const work = await read('The Lighthouse', [
      'submitted 2 days ago by lamp_keeper@lemmy.world to lighthouses@lemmy.world',
    ]);
    assert.equal(creatorName(work), 'lamp_keeper@lemmy.world');
  });

  it('reads "A MacGyver fan fiction by NAME" as a byline', async () => {
    const work = await read('The Lighthouse', ['A MacGyver fan fiction by Swiss Army Sue']);
    assert.equal(creatorName(work), 'Swiss Army Sue');
  });

  it('reads the author a blog’s theme marks for feed readers (“author vcard”), in the post’s footer or its meta line', async () => {
    const body = story.map((s) => `<p>${s}</p>`).join('');
    const comment = `<div id="comments"><div class="comment"><span class="author vcard"><span class="fn">gull_feather</span></span> said… <p>Lovely!</p></div></div>`;
    const blogger = `<html><head><title>The Keeper’s Lamp</title></head><body><div class="post hentry"><h3 class="post-title">The Keeper’s Lamp</h3><div class="post-body">${body}</div><div class="post-footer"><span class="post-author vcard">Posted by <span class="fn">lamp_oil</span></span> <span class="post-timestamp">at 23:41</span></div></div>${comment}</body></html>`;
    const wordpress = `<html><head><title>The Keeper’s Lamp – Harbour Notes</title></head><body><article class="post"><header class="entry-header"><h1 class="entry-title">The Keeper’s Lamp</h1><div class="entry-meta">Posted on <time>31 October 2024</time> by <span class="author vcard"><a class="url fn n" href="/author/lamp_oil/">lamp_oil</a></span></div></header><div class="entry-content">${body}</div></article></body></html>`;
    for (const page of [blogger, wordpress])
      assert.equal(creatorName(await importWork([textFile('post.html', page)])), 'lamp_oil');
    // A page naming several posters so (a forum's posts) names no one by it.
    const two = blogger.replace(
      '</div></div>',
      '</div><span class="author vcard"><span class="fn">tide_clock</span></span></div>',
    );
    assert.notEqual(creatorName(await importWork([textFile('post.html', two)])), 'lamp_oil');
  });

  it('reads the line a blog engine writes under its post ("Posted by NAME at 09:14 PM in …"), not a comment’s "Posted by:"', async () => {
    const body = story.map((s) => `<p>${s}</p>`).join('');
    const typepad = (byline = '') =>
      `<html><head><title>Harbour Notes: The Keeper’s Lamp</title></head><body><div class="entry"><h3 class="entry-header">The Keeper’s Lamp</h3><div class="entry-body">${byline}${body}</div><p class="entry-footer"><span class="post-footers">Posted by <a>lamp_oil</a> at 09:14 PM in <a>Fic</a></span> | <a>Permalink</a> | <a>Comments (1)</a></p></div><div class="comments"><p>Lovely!</p><p class="comment-footer">Posted by: gull_feather | October 17, 2006 at 08:02 AM</p></div></body></html>`;
    assert.equal(creatorName(await importWork([textFile('post.html', typepad())])), 'lamp_oil');
    // The post's own byline names the writer better than the blog's account under it.
    const bylined = typepad('<p><b>A lighthouse story by Harbour Owl</b></p>');
    assert.equal(creatorName(await importWork([textFile('post.html', bylined)])), 'Harbour Owl');
  });
});

describe('a single post’s note and disclaimer in one paragraph over the story', () => {
  const parts = (work: Awaited<ReturnType<typeof importWork>>, part: string) =>
    work.preview.pieces.filter((p) => p.part === part).map((p) => p.text);

  it('sets the writer’s words apart from the disclaimer after them, whose ever the characters are said to be', async () => {
    const work = await read('The Lighthouse', [
      'Фанфик по «Маяку». Очень добрый, честно. Все права на персонажей принадлежат студии.',
    ]);
    assert.deepEqual(parts(work, 'notes'), ['Фанфик по «Маяку». Очень добрый, честно.']);
    assert.deepEqual(parts(work, 'disclaimer'), ['Все права на персонажей принадлежат студии.']);
  });

  it('knows a disclaimer in Chinese, Korean and Japanese at the end of the writer’s note', async () => {
    for (const [note, disclaimer] of [
      ['写在前面：小时候每天都等着看，现在长大了，写一篇给自己。', '人物属于原剧，不属于我。'],
      ['드라마 종영 후 일 년 뒤라는 설정이에요.', '등장인물의 저작권은 원작자와 방송국에 있습니다.'],
      ['夏休み最後の日なので、夏休み最後の話を書きました。', '原作者さま・関係者さまとは一切関係ありません。'],
    ]) {
      const work = await read('The Lighthouse', [`${note}${/[가-힣]/u.test(note) ? ' ' : ''}${disclaimer}`]);
      assert.deepEqual(parts(work, 'disclaimer'), [disclaimer], note);
    }
  });

  it('sets a disclaimer opening the writer’s note under the story apart from their thanks', async () => {
    const page = post('The Lighthouse').replace(
      '</div></body>',
      '<p>~ FINE ~</p><p>The lighthouse belongs to Studio Ghibli. Thank you so much for reading, and see you next time!</p></div></body>',
    );
    const work = await importWork([textFile('post.html', page)]);
    assert.deepEqual(parts(work, 'disclaimer'), ['The lighthouse belongs to Studio Ghibli.']);
    assert.ok(work.preview.pieces.some((p) => /notes$/.test(p.part) && p.text.startsWith('Thank you so much')));
  });
});

describe('a single post’s halves', () => {
  it('reads "前編" / "後編" headings as a Japanese post’s halves, chapters with no title of their own', async () => {
    const half = story.map((s) => `<p>${s}</p>`).join('');
    const page = `<html><head><meta charset="utf-8"><title>夏の終わり - ブログ</title></head><body><div class="entry"><h1>夏の終わり</h1><h3>前編</h3>${half}<h3>後編</h3>${half}</div></body></html>`;
    const work = await importWork([textFile('post.html', page)]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
  });
});
