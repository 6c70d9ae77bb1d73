import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterParagraphs as storyOf, creatorName as creator, textFile as file } from '../../support/imports.ts';

const story = [
  'The lighthouse keeper counted the ships every evening, though nobody had asked her to.',
  '“Seven tonight,” she told the cat. The cat did not care.',
  'By morning the fog had come in, and she could not count anything at all.',
];

const storyInJapanese = [
  '灯台守は毎晩、船の数を数えていた。誰に頼まれたわけでもないのに。',
  '「今夜は七隻」と彼女は猫に言った。猫は気にしなかった。',
  '朝になると霧が出て、もう何も数えられなかった。',
];

describe('the work’s title and creator, as writers and sites give them', () => {
  it('reads the line of nested tags under a Bear note’s title as its tags, not as an unread line that may name someone', async () => {
    const note = [
      '# The Lighthouse Cat',
      '#fic/lighthouse #wip/done',
      '',
      '## One',
      '',
      'The cat arrived on the supply boat in March, and nobody on the island would admit to having ordered it.',
      '',
      'The keeper said it could stay until the weather turned, and the weather did not turn for eleven years.',
      '',
      '## Two',
      '',
      'By the time the lamp was automated, the cat had outlived two keepers and a very patient inspector.',
    ].join('\n');
    const work = await importWork([file('lighthouse.txt', note)]);
    assert.ok(work.tags.freeforms.includes('lighthouse'));
    assert.deepEqual(
      work.preview.pieces.filter((p) => p.part === 'metadata' && p.field === undefined).map((p) => p.text),
      [],
    );
  });

  it('reads labelled lines with no blank line between them at the top of a Markdown file one by one', async () => {
    const text = ['Title: Lamplight', 'Author: harbour_owl', 'Status: Finished', 'Rating: General', '', ...story].join(
      '\n',
    );
    const work = await importWork([file('lamplight.md', text.replace(/\n(?=[“B])/g, '\n\n'))]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'harbour_owl');
    assert.deepEqual(storyOf(work), story);
  });

  it('reads the labelled title and author under a journal entry’s poster and subject line, copied run together', async () => {
    const text = [
      '[personal profile] harbour_owl\nFic: Lamplight (Pokémon, Jenny & the cat, 1/2)',
      'Title: Lamplight\nAuthor: harbour_owl\nFandom: Pokémon\nRating: G',
      'Part One',
      story[0],
      story[1],
      'Part Two',
      story[2],
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'harbour_owl');
    assert.deepEqual(storyOf(work, 0), [story[0], story[1]]);
  });

  it('reads the labelled title and author under a forum post’s breadcrumbs and poster, not the breadcrumbs as the title', async () => {
    const text = [
      'Fanfiction Corner > Anime & Manga > Pokémon',
      '[Pokémon] Lamplight (Jenny & the cat, gen, 2 parts)',
      'Started by harbour_owl, 03 February 2009 - 08:14 PM',
      'harbour_owl\nGroup: Members\nPosts: 412',
      'Title: Lamplight\nAuthor: harbour_owl\nRating: K+',
      'Part 1',
      story[0],
      story[1],
      'Part 2',
      story[2],
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'harbour_owl');
    assert.deepEqual(storyOf(work, 1), [story[2]]);
  });

  it('reads a phone note’s title over when it was written and a byline in the writer’s language', async () => {
    const text = ['lampelys', '14. mai 2024 kl. 01:12', 'skrevet av havne_ugla', ...story].join('\n');
    const work = await importWork([file('lampelys.txt', text)]);
    assert.equal(work.title, 'lampelys');
    assert.equal(creator(work), 'havne_ugla');
    assert.deepEqual(storyOf(work), story);
  });

  it('reads bylines in Turkish, Czech, Catalan, Finnish and Tagalog as the creator', async () => {
    for (const [byline, name] of [
      ['yazan: liman_baykusu', 'liman_baykusu'],
      ['napsala Jana Nováková', 'Jana Nováková'],
      ['escrit per Txell Roig', 'Txell Roig'],
      ['kirjoittanut Hemulinna', 'Hemulinna'],
      // Tagalog's "ni:" on the line under the title, as WPS Office and Wattpad writers type it.
      ['ni: bituin_ng_maynila', 'bituin_ng_maynila'],
    ]) {
      const work = await importWork([file('lamplight.txt', ['Lamplight', byline, ...story].join('\n\n'))]);
      assert.equal(work.title, 'Lamplight', byline);
      assert.equal(creator(work), name, byline);
      assert.deepEqual(storyOf(work), story, byline);
    }
  });

  it('reads a saved page’s title and the byline the site sets beside it with no space between them', async () => {
    const html = [
      '<html><head><title>Part 1 - Lamplight - StoryShelf</title></head><body>',
      '<div class="toc-header"><a href="/story/1"><span class="title">Lamplight</span></a><span class="author">by harbour_owl</span></div>',
      '<h2>Part 1</h2>',
      ...story.map((p) => `<p>${p}</p>`),
      '</body></html>',
    ].join('\n');
    const work = await importWork([file('lamplight.html', html)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'harbour_owl');
    assert.deepEqual(storyOf(work), story);
  });

  it('reads a title and a Turkish byline on one line', async () => {
    const text = ['Fener Işığı yazan: liman_baykusu', ...story].join('\n\n');
    const work = await importWork([file('fener.txt', text)]);
    assert.equal(work.title, 'Fener Işığı');
    assert.equal(creator(work), 'liman_baykusu');
  });

  it('reads the title over its byline under a site’s name and menus, not the site’s name', async () => {
    const text = [
      'StoryShelf',
      'Home | Quizzes | Stories | Poems | Lyrics | Users | Log In',
      'Stories » Games » Pokémon',
      'Lamplight ~ {oneshot} ~',
      'by xXharbour_owlXx',
      'Rating: ★★★★☆ (41 votes)',
      'Views: 1,877',
      'Comments: 23',
      'Added: 3/19/2008',
      'Tags: pokemon, jenny, oneshot',
      '~*~',
      'A/N: MY FIRST FIC EVER!!! SORRY IF THERE ARE MISTAKES.',
      '~*~',
    ].join('\n');
    const work = await importWork([file('lamplight.txt', [text, ...story].join('\n\n'))]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'xXharbour_owlXx');
    assert.deepEqual(storyOf(work), story);
  });

  it('leaves the fandom and kind of work a forum thread puts in square brackets after the title out of the title, and a status tag, but not a word of the title', async () => {
    for (const [line, title] of [
      ['Lamplight [Pokemon one-shot]', 'Lamplight'],
      ['Lamplight [WIP]', 'Lamplight'],
      ['Dear [Redacted]', 'Dear [Redacted]'],
      ['Hamlet [Director’s Cut]', 'Hamlet [Director’s Cut]'],
    ]) {
      const work = await importWork([file('lamplight.txt', [line, 'by harbour_owl', ...story].join('\n\n'))]);
      assert.equal(work.title, title, line);
    }
    const wip = await importWork([file('lamplight.txt', ['Lamplight [WIP]', 'by harbour_owl', ...story].join('\n\n'))]);
    assert.equal(wip.status?.where, 'title');
  });

  it('leaves a fandom in round brackets after the title out of it when a note or the disclaimer names it again, but not a title’s own words in brackets', async () => {
    for (const [line, note, title] of [
      ['Lamplight (Pokémon)', 'A/N: My first Pokémon fic, be kind!', 'Lamplight'],
      ['Lamplight (Pokémon, Jenny & the cat)', 'Disclaimer: Pokémon belongs to Nintendo.', 'Lamplight'],
      ['Lamplight (On One Condition)', 'A/N: My first Pokémon fic, be kind!', 'Lamplight (On One Condition)'],
      ['Lamplight (Twice)', 'A/N: I rewrote this twice, be kind!', 'Lamplight (Twice)'],
    ]) {
      const work = await importWork([file('lamplight.txt', [line, 'by harbour_owl', note, ...story].join('\n\n'))]);
      assert.equal(work.title, title, line);
      assert.deepEqual(storyOf(work), story, line);
    }
  });

  it('leaves the rating a forum subject line gives after the title out of it when the header states that rating', async () => {
    for (const [line, rating, title] of [
      ['Lamplight, S', 'S', 'Lamplight'],
      ['Lamplight [PG-13]', 'PG-13', 'Lamplight'],
      ['Lamplight, Texas', 'T', 'Lamplight, Texas'],
    ]) {
      const text = [line, `Author: harbour_owl\nRating: ${rating}`, ...story].join('\n\n');
      const work = await importWork([file('lamplight.txt', text)]);
      assert.equal(work.title, title, line);
    }
  });

  it('reads who posted a Reddit or phpBB post, as the forum shows it over the post, as the creator', async () => {
    const longer = [...story, ...story, ...story];
    const reddit = [
      'r/Pokemon\nPosted by u/harbour_owl 3 yr. ago',
      '[Fanfic] Lamplight (~650 words, my first fic, feedback welcome)',
      'Fan Fiction',
      'I’ve been lurking here for ages and finally wrote something. Mild spoilers for the anime.',
      '---',
      ...longer,
    ].join('\n\n');
    const phpbb = [
      'Fan Fiction Corner ‹ Board index ‹ Creative ‹ Fan Fiction Corner',
      '[Pokémon] Lamplight (oneshot, Jenny, K+)',
      'Post by harbour_owl » Tue Mar 04, 2008 9:14 pm',
      'hi everyone! long time lurker, first time posting fic here. this is set before the anime.',
      ...longer,
    ].join('\n\n');
    for (const [name, text] of [
      ['reddit.txt', reddit],
      ['phpbb.txt', phpbb],
    ]) {
      const work = await importWork([file(name, text)]);
      assert.equal(creator(work), 'harbour_owl', name);
      assert.deepEqual(storyOf(work), longer, name);
    }
  });

  it('reads who started a XenForo thread, as the thread’s description says it, as the creator', async () => {
    const longer = [...story, ...story, ...story];
    for (const line of [
      'Thread starter harbour_owl · Start date Feb 20, 2025',
      "Discussion in 'Creative Writing' started by harbour_owl, Mar 3, 2021.",
    ]) {
      const text = [
        'Lamplight [Pokemon one-shot]',
        line,
        'A small thing for the winter challenge. Feedback welcome!',
        '---',
        ...longer,
      ].join('\n\n');
      const work = await importWork([file('lamplight.txt', text)]);
      assert.equal(creator(work), 'harbour_owl', line);
    }
  });

  it('reads the writer of a story posted as a comment under a Reddit prompt as the creator, not who posted the prompt', async () => {
    for (const header of ['u/harbour_owl · 4 yr. ago · 2.3k points', 'Level 1 · harbour_owl · 6h']) {
      const text = [
        'r/WritingPrompts',
        'Posted by u/prompt_machine_99 4 yr. ago',
        '[WP] A lighthouse keeper starts counting ships nobody else can see. Tonight there are seven.',
        'Sort by: best',
        header,
        ...story,
        ...story,
        'Reply · Share',
      ].join('\n\n');
      const work = await importWork([file('lamplight.md', text)]);
      assert.equal(creator(work), 'harbour_owl', header);
      assert.match(work.notes.beginning ?? '', /^\[WP\] A lighthouse keeper/, header);
      assert.deepEqual(storyOf(work), [...story, ...story], header);
    }
  });

  it('reads a byline with an aside after the name ("aka …") under the title as the creator', async () => {
    const text = [
      'LAMPLIGHT\na Pokémon story\nby Harbour Owl (aka Ruth Penhallow)',
      'Written for a friend who keeps asking for more lighthouses.',
      'I.',
      story[0],
      story[1],
      'II.',
      story[2],
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'LAMPLIGHT');
    assert.equal(creator(work), 'Harbour Owl');
    assert.deepEqual(storyOf(work, 1), [story[2]]);
  });

  it('reads a gift’s AO3 byline as its creator, not whom it was written for', async () => {
    const html = `<!DOCTYPE html><html><head><title>Lamplight - harbour_owl - Pokémon [Archive of Our Own]</title></head><body>
<div id="main"><div id="workskin">
<div class="preface group"><h2 class="title heading">Lamplight</h2>
<h3 class="byline heading"><a rel="author" href="/users/harbour_owl">harbour_owl</a> for <a href="/users/Marigold_Wren/gifts">Marigold_Wren</a></h3></div>
<div id="chapters"><div class="userstuff"><p>${story.join('</p><p>')}</p></div></div></div></div></body></html>`;
    const work = await importWork([file('lamplight.html', html)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'harbour_owl');
    assert.ok(work.preview.pieces.some((p) => p.part === 'metadata' && p.text === 'for Marigold_Wren'));
    assert.deepEqual(storyOf(work), story);
  });

  it('reads a blog’s line over the post, its poster, when and how often it was read, as the creator, not the title', async () => {
    const text = [
      'StoryShelf\nLamplight\n[Pokémon] Jenny & the cat | after the anime',
      'harbour_owl · 2022.03.14 · views 1,204',
      'Author’s note: written after the finale. Comments are always welcome!',
      '* * *',
      ...story,
      ...story,
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(creator(work), 'harbour_owl');
    assert.notEqual(work.title, 'harbour_owl · 2022.03.14 · views 1,204');
    assert.deepEqual(storyOf(work), [...story, ...story, ...story]);
  });

  it('reads a first line of a title and when the story is set ("Halloween Night · 31 October 1981") as the title', async () => {
    const work = await importWork([
      file('halloween.txt', ['Halloween Night · 31 October 1981', ...story].join('\n\n')),
    ]);
    assert.equal(work.title, 'Halloween Night · 31 October 1981');
    assert.equal(creator(work), undefined);
    assert.deepEqual(storyOf(work), story);
  });

  it('leaves the pairing a reader-insert writer puts after the title out of it', async () => {
    for (const line of ['Lamplight ~ Jenny x Reader', 'Lamplight - Officer Jenny x Reader ~']) {
      const work = await importWork([file('lamplight.txt', [line, 'by harbour_owl', ...story].join('\n\n'))]);
      assert.equal(work.title, 'Lamplight', line);
    }
  });

  it('reads a Tumblr post’s blog name over its Follow button as the creator', async () => {
    const text = [
      'harbour-owl-writes\nFollow',
      'okay so i finally finished the fic i was yelling about in the tags last week. jenny & the cat, set after the anime.',
      'Lamplight',
      'Keep reading',
      ...story,
      ...story,
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(creator(work), 'harbour-owl-writes');
    assert.deepEqual(storyOf(work), [...story, ...story, ...story]);
  });

  it('reads the line over a Tumblr post’s “Keep reading” as the title, in lower case too, and leaves the link out of the story', async () => {
    for (const title of ['the lamp and the cat', 'Lamplight']) {
      const text = [
        'harbour-owl-writes\nFollow',
        'okay so i finally finished the fic i was yelling about in the tags last week. jenny & the cat, set after the anime.',
        title,
        'Keep reading',
        ...story,
        ...story,
        ...story,
        '#pokemon #my fic',
        '48 notes',
      ].join('\n\n');
      const work = await importWork([file('lamplight.txt', text)]);
      assert.equal(work.title, title);
      assert.deepEqual(storyOf(work), [...story, ...story, ...story]);
    }
    // A saved post: the link is a paragraph of its own.
    const html = `<p>the lamp and the cat</p><p class="read_more_container"><a href="#">Keep reading</a></p>${[...story, ...story, ...story].map((p) => `<p>${p}</p>`).join('')}`;
    assert.ok(!storyOf(await importWork([file('lamplight.html', html)])).includes('Keep reading'));
  });

  it('reads a Chinese site’s “《title》作者：name” line under the site’s name and menus as the title and the creator', async () => {
    const lines = [
      '灯塔看守人每天傍晚都数着来往的船，虽然从来没有人要她这么做。',
      '“今晚七艘，”她对猫说。猫并不在乎。',
      '到了早上，雾进来了，她什么也数不清了。',
    ];
    const text = [
      '晋江文学城',
      '首页 >> 衍生 >> 言情 >> 完结',
      '《灯塔之夜》作者：港口的猫头鹰',
      '第1章 雾',
      ...lines,
      ...lines,
      ...lines,
    ].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, '灯塔之夜');
    assert.equal(creator(work), '港口的猫头鹰');
  });

  it('reads a title over a pen name in a script without capitals at the top of a file as the title and the creator', async () => {
    const lines = storyInJapanese;
    const text = ['灯台の夜\n港のふくろう', '※捏造設定があります。何でも許せる方向け。', ...lines, ...lines].join(
      '\n\n',
    );
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, '灯台の夜');
    assert.equal(creator(work), '港のふくろう');
    assert.deepEqual(storyOf(work), [...lines, ...lines]);
  });

  it('reads a pixiv novel page copied line by line: the title and its writer over the tags, under the site’s menus', async () => {
    const lines = storyInJapanese;
    const text = [
      'pixiv',
      '小説',
      'ホーム ランキング 新着 発見',
      '灯台の夜',
      '港のふくろう',
      '#ポケモン #ジョーイ #二次創作',
      'キャプション',
      '灯台守と猫の話です。',
      '2,104文字 ・ 5分',
      '第一話',
      ...lines,
      '第二話',
      ...lines,
    ].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, '灯台の夜');
    assert.equal(creator(work), '港のふくろう');
  });

  it('reads the short line under the writer’s warnings, right over the first chapter, as the title', async () => {
    const lines = storyInJapanese;
    const text = [
      '【注意】\n・捏造設定があります\n・なんでも許せる方向け',
      '灯台の夜',
      '第一話',
      ...lines,
      '第二話',
      ...lines,
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, '灯台の夜');
    assert.match(work.notes.beginning ?? '', /捏造設定があります/);
    assert.equal(work.summary, null);
  });

  it('reads a Tumblr post’s “title | pairing | length” line as the title, the rest of the line kept as what it says of the work', async () => {
    const text = [
      'harbour-owl-writes\nFollow',
      'prompt from anon: "jenny and the cat, lighthouse au, one of them can\'t sleep." hope this works for you!!',
      'Lamplight | Jenny/Cat | 650 words | also on ao3',
      ...story,
      ...story,
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.ok(
      work.preview.pieces.some((p) => p.part === 'metadata' && p.text === 'Jenny/Cat | 650 words | also on ao3'),
    );
    assert.deepEqual(storyOf(work), [...story, ...story, ...story]);
  });

  it('reads the title and byline in a mail to oneself over the subject line and the sender', async () => {
    const text = [
      'From: Jenny P <jenny.p@example.com>\nTo: Jenny P <jenny.p@example.com>\nSubject: fic draft - Lamplight (PKMN) - both parts\nDate: Tue, 24 Nov 2026 08:02:51 -0800',
      'ok so this is the thing I started on the bus. two parts, both done, needs a proofread before it goes up.',
      'LAMPLIGHT\nby harbour_owl',
      'PART ONE',
      story[0],
      story[1],
      'PART TWO',
      story[2],
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'LAMPLIGHT');
    assert.equal(creator(work), 'harbour_owl');
    assert.deepEqual(storyOf(work, 1), [story[2]]);
  });

  it('leaves out of the title the fandom and kind of work a page’s heading gives in brackets after it', async () => {
    const page = (heading: string) =>
      [
        '<html><head><title>',
        heading,
        ' - Ko-fi</title></head><body>',
        '<h1>',
        heading,
        '</h1>',
        ...story.map((line) => `<p>${line}</p>`),
        '</body></html>',
      ].join('');
    for (const [heading, title] of [
      ['Summit (a Celeste fic)', 'Summit'],
      ['The Quiz (Ghosts fic, complete)', 'The Quiz'],
      ['Dona Emília (fic do Sítio)', 'Dona Emília'],
      ['The Dog Park Is Open (On One Condition)', 'The Dog Park Is Open (On One Condition)'],
    ]) {
      const work = await importWork([file('post.html', page(heading))]);
      assert.equal(work.title, title, heading);
    }
  });

  it('leaves out of a first line’s title the kind of work in brackets in words other than English (“фік”)', async () => {
    const text = ['Груша на межі (Кайдаші фік)', '', '1', '', ...story, '', '2', '', ...story].join('\n');
    const work = await importWork([file('note.txt', text)]);
    assert.equal(work.title, 'Груша на межі');
  });

  it('leaves out of the title the fandom or ship in 【】 before or after it, and keeps a status there for the status', async () => {
    for (const [line, title] of [
      ['【羡忘】雪夜归人', '雪夜归人'],
      ['【甄嬛传】【温实初中心】一碗药', '一碗药'],
      ['どら焼きの箱【ドラえもん】', 'どら焼きの箱'],
    ]) {
      const text = [line, '作者：北山有枝', '', ...storyInJapanese].join('\n');
      const work = await importWork([file('post.txt', text)]);
      assert.equal(work.title, title, line);
      assert.equal(creator(work), '北山有枝', line);
    }
  });

  it('reads the name over the first post of whoever posts a forum thread’s chapter marks as the work’s creator', async () => {
    const text = [
      'Hive Mind (Worm AU) | SpaceBattles',
      'Forums  Threadmarks  Reader mode',
      'Bramblefinch\nJun 3, 2019   #1',
      'Threadmark: 1.1',
      ...story,
      'Like Reply',
      'Ravenmind\nJun 3, 2019   #2',
      'Oh this is good. Watched!',
      'Bramblefinch\nJun 5, 2019   #9',
      'Threadmark: 1.2',
      ...story.slice().reverse(),
    ].join('\n\n');
    const work = await importWork([file('thread.txt', text)]);
    assert.equal(creator(work), 'Bramblefinch');
    assert.equal(work.chapters.length, 2);
  });

  it('reads an eFiction story list’s “Title by Writer [Reviews - 4]” line as the title and its byline', async () => {
    const text = [
      'The Lighthouse Cat by moss_and_lamp [Reviews - 12]',
      'Summary: A cat arrives on the supply boat.',
      'Rated: K+',
      '',
      ...story,
    ].join('\n');
    const work = await importWork([file('story.txt', text)]);
    assert.equal(work.title, 'The Lighthouse Cat');
    assert.equal(creator(work), 'moss_and_lamp');
  });

  it('leaves the page’s chapter after a title over its byline out of the title (“, part 1 of 3”, Spirit’s “História … - Capítulo 1”)', async () => {
    for (const [line, title] of [
      ['The Long Winter, part 1 of 3', 'The Long Winter'],
      ['História Antes do Treino - Capítulo 1 - Portas abertas', 'Antes do Treino'],
      ['História A Última Espiga - Capítulo 1', 'A Última Espiga'],
    ]) {
      const text = [line, 'by moss_and_lamp', '', ...story].join('\n');
      const work = await importWork([file('story.txt', text)]);
      assert.equal(work.title, title, line);
    }
  });

  it('reads a LiveJournal user’s name after “Author:” without the icon’s “[info]” before it', async () => {
    const page = [
      '<html><body><div class="entry">',
      '<b>Title:</b> The Lighthouse Cat<br />',
      '<b>Author:</b> <span class="ljuser" lj:user="moss_and_lamp"><a href="https://moss-and-lamp.livejournal.com/profile">',
      '<img src="userinfo.gif" alt="[info]" width="17" height="17" /></a>',
      '<a href="https://moss-and-lamp.livejournal.com/"><b>moss_and_lamp</b></a></span><br />',
      '<b>Rating:</b> G<br /><br />',
      ...story.map((line) => `${line}<br /><br />`),
      '</div></body></html>',
    ].join('');
    const work = await importWork([file('entry.html', page)]);
    assert.equal(work.title, 'The Lighthouse Cat');
    assert.equal(creator(work), 'moss_and_lamp');
  });

  it('reads the name a blog post links to the writer’s page as the creator, in the post’s line or left out with the page’s', async () => {
    const paragraphs = story.map((line) => `<p>${line}</p>`).join('');
    const wordpress = [
      '<html><head><title>The Lighthouse Cat – Salt Cellar</title></head><body>',
      '<header id="masthead"><p class="site-title">Salt Cellar</p><nav><a href="/">Home</a> <a href="/about/">About</a></nav></header>',
      '<article class="post type-post"><header class="entry-header"><h1 class="entry-title">The Lighthouse Cat</h1></header>',
      '<div class="entry-meta">Posted on <a href="/2024/10/31/cat/"><time class="entry-date">31 October 2024</time></a>',
      ' by <span class="author vcard"><a class="url fn n" href="/author/moss_and_lamp/">moss_and_lamp</a></span></div>',
      `<div class="entry-content">${paragraphs}</div></article></body></html>`,
    ].join('');
    const blog = [
      '<html><head><title>The Lighthouse Cat</title></head><body><div id="menu"><a href="/">Főoldal</a> | <a href="/archivum">Archívum</a></div>',
      '<div class="post"><h2 class="entry-title">The Lighthouse Cat</h2>',
      '<div class="post-meta">2024.05.12. 18:30 <a href="/author/">Csónakos_Anna</a></div>',
      `<div class="entry-content">${paragraphs}</div></div></body></html>`,
    ].join('');
    for (const [page, name] of [
      [wordpress, 'moss_and_lamp'],
      [blog, 'Csónakos_Anna'],
    ]) {
      const work = await importWork([file('post.html', page)]);
      assert.equal(creator(work), name);
      assert.deepEqual(storyOf(work), story);
    }
  });

  it('reads a Czech header’s labels: “Název:” the title, “Anotace:” the summary, “Poznámka:” a note, “Přístupnost:” the rating', async () => {
    const text = [
      'Název: Čtvrtý oříšek',
      'Autor: sova_Rozarka',
      'Přístupnost: pro všechny',
      'Anotace: Co se stalo, když v oříšku zůstalo ještě jedno přání.',
      'Poznámka: Povídka do vánoční soutěže na fóru.',
      '',
      story.join('\n\n'),
    ].join('\n');
    const work = await importWork([file('povidka.txt', text)]);
    assert.equal(work.title, 'Čtvrtý oříšek');
    assert.equal(creator(work), 'sova_Rozarka');
    assert.equal(work.summary, 'Co se stalo, když v oříšku zůstalo ještě jedno přání.');
    assert.equal(work.notes.beginning, 'Povídka do vánoční soutěže na fóru.');
    assert.deepEqual(storyOf(work), story);
  });

  it('reads “Title - a Fandom fanfic by name.” opening a file whose lines ran together as the title and its byline', async () => {
    const text = `The Lighthouse Cat - a Pokémon fanfic by mossandlamp. Summary: A cat arrives on the supply boat. ${story.join(' ')} ${story.join(' ')}`;
    const work = await importWork([file('note.txt', text)]);
    assert.equal(work.title, 'The Lighthouse Cat');
    assert.equal(creator(work), 'mossandlamp');
  });

  it('reads “文/name” (Lofter) and “글 · name” (Postype) under a title as its byline, and a “※” line under them as a note', async () => {
    const lofter = ['【博君一肖】旧信', '文/南山有雪', '', storyInJapanese.join('\n\n')].join('\n');
    const chinese = await importWork([file('lofter.txt', lofter)]);
    assert.equal(chinese.title, '旧信');
    assert.equal(creator(chinese), '南山有雪');
    const chapter = ['지하철은 여전히 3호선이었다.', '독자는 창밖을 보았다. 아무것도 변하지 않았다.'].join('\n\n');
    const postype = [
      '마지막 정거장\n글 · 별빛우체국',
      '※ 본편 완결 이후 시점, 약간의 날조 있습니다.',
      '1.',
      chapter,
      '2.',
      chapter,
    ].join('\n\n');
    const korean = await importWork([file('postype.txt', postype)]);
    assert.equal(korean.title, '마지막 정거장');
    assert.equal(creator(korean), '별빛우체국');
    assert.equal(korean.notes.beginning, '※ 본편 완결 이후 시점, 약간의 날조 있습니다.');
  });

  it('reads a byline after a dash under the title, behind what the story is (“Çalıkuşu hayran kurgusu – yazan: …”)', async () => {
    for (const line of ['Çalıkuşu hayran kurgusu – yazan: Feride_Zeyniler', 'A Pokémon fic - by Feride_Zeyniler']) {
      const text = ['Kuşun Mektubu', line, ...story].join('\n\n');
      const work = await importWork([file('story.txt', text)]);
      assert.equal(work.title, 'Kuşun Mektubu', line);
      assert.equal(creator(work), 'Feride_Zeyniler', line);
    }
  });

  it('reads a header a page gives as a list of terms, each label with its value, so the creator is the name alone', async () => {
    const page = [
      '<html><body><h1 class="story-title">The Lighthouse Cat</h1>',
      '<dl class="story-info"><dt>Author:</dt><dd><a href="/authors/412">Saskia Vell</a></dd>',
      '<dt>Rating:</dt><dd>G</dd><dt>Summary:</dt><dd>A cat arrives on the supply boat.</dd></dl>',
      `<div class="story-text">${story.map((line) => `<p>${line}</p>`).join('')}</div></body></html>`,
    ].join('');
    const work = await importWork([file('story.html', page)]);
    assert.equal(work.title, 'The Lighthouse Cat');
    assert.equal(creator(work), 'Saskia Vell');
    assert.equal(work.summary, 'A cat arrives on the supply boat.');
  });

  it('reads the blog a Tumblr post’s tab names as its creator, but not a reblogger’s', async () => {
    const post = (trail: string) =>
      [
        '<html><head><title>moss-and-lamp — the lighthouse cat</title>',
        '<script src="https://assets.tumblr.com/assets/scripts/tumblelog.js"></script></head><body>',
        '<header><a href="/">moss-and-lamp</a><p>i write about cats. ask box open</p></header>',
        `<article class="post text">${trail}<h2>the lighthouse cat</h2>`,
        ...story.map((line) => `<p>${line}</p>`),
        '</article></body></html>',
      ].join('');
    const own = await importWork([file('post.html', post(''))]);
    assert.equal(creator(own), 'moss-and-lamp');
    const reblogged = await importWork([file('post.html', post('<div class="reblog-trail"></div>'))]);
    assert.notEqual(creator(reblogged), 'moss-and-lamp');
  });

  it('reads a byline with the site’s date and counts after it, and leaves a reader-insert pairing in brackets out of the title', async () => {
    const text = [
      'Raining on the Roof (Kyo x Reader)',
      'by xX_sohma_rin_Xx | Created on: March 14, 2008 | 2,419 views',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('quiz.txt', text)]);
    assert.equal(work.title, 'Raining on the Roof');
    assert.equal(creator(work), 'xX_sohma_rin_Xx');
  });
  it('reads a channel’s post copied under the channel’s name and handle: the title and “Author:” line of the post are the work’s', async () => {
    const text = [
      'Lighthouse Fic Weekly 🌊',
      '@lighthouse_fic_weekly',
      '',
      '✨ A new story from one of our readers! ✨',
      '',
      'The Keeper’s Count',
      'Author: gull_on_the_rocks',
      'Rating: G',
      '',
      ...story.flatMap((p) => [p, '']),
    ].join('\n');
    const work = await importWork([file('channel.txt', text)]);
    assert.equal(work.title, 'The Keeper’s Count');
    assert.equal(creator(work), 'gull_on_the_rocks');
    assert.deepEqual(storyOf(work), story);
  });

  it('still reads a title over a user name as AO3 shows them when no “Author:” line follows', async () => {
    const text = [
      'The Keeper’s Count',
      '@gull_on_the_rocks',
      '',
      'Rating: G',
      '',
      ...story.flatMap((p) => [p, '']),
    ].join('\n');
    const work = await importWork([file('copied.txt', text)]);
    assert.equal(work.title, 'The Keeper’s Count');
    assert.equal(creator(work), '@gull_on_the_rocks');
  });
});
