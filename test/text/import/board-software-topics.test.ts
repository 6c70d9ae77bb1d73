/**
 * Topics saved from the boards fan writers posted on (MyBB, Snitz Forums, phpBB 3, XenForo 2, an old board's
 * tables) in the writers' languages: each post's card, header, date and buttons are the board's, the writer's
 * posts are the story under their part headings, the words over the first part are the writer's note, and the
 * work's title is the topic's subject without what the board or the writer adds to it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { chapterHeading, isDisclaimer, isEndMarker, titleOf } from '../../../src/text/import/cues.ts';
import { isPostDate } from '../../../src/text/import/post-date.ts';
import { creatorName as creator, storyParagraphs } from '../../support/imports.ts';

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

const story = (work: ImportedWork) => storyParagraphs(work).join('\n');

describe('a MyBB thread: the poster’s “post_author” card, the “post_head” date and the “post_controls” buttons', () => {
  const post = (id: number, name: string, body: string) =>
    `<div class="post" id="post_${id}"><div class="post_author"><strong><a href="member.php?uid=3">${name}</a></strong><br><span class="smalltext">Member<br>Posts: 88<br>Joined: Mar 2012</span></div>
     <div class="post_head"><span class="post_date">04-02-2013, 07:12 PM</span> <a href="#">#${id}</a></div>
     <div class="post_body">${body}</div>
     <div class="post_controls"><a href="#">Quote</a> <a href="#">Reply</a> <a href="#">Report</a></div></div>`;

  it('names the writer, keeps the cards, dates, buttons and a reader’s reply out of the story', async () => {
    const work = await importWork([
      page(
        'The Brass Key',
        `<div class="navigation">Harbour Board › Fan Fiction › The Brass Key</div>
         ${post(1, 'keeper_oona', `<b>Part 1</b><br />${STORY[0]}<br />${STORY[1]}`)}
         ${post(2, 'gull_feather', 'What is in the parcel?! Keep going!!')}
         ${post(3, 'keeper_oona', `<b>Part 2</b><br />${STORY[2]}<br />${STORY[3]}`)}`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(story(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
  });
});

describe('a Snitz Forums topic: one table, each row a post with the poster’s cell in bold beside the text', () => {
  const row = (name: string, rank: string, body: string) =>
    `<tr><td valign="top" width="175"><b>${name}</b><br><small>${rank}<br><br>USA<br>37 Posts</small></td>
     <td valign="top"><img src="icon_posticon.gif"> <small>Posted - 11/02/2004 : 19:22:10</small> <a href="#"><img src="icon_profile.gif" alt="Show Profile"></a> <a href="#"><img src="icon_reply_topic.gif" alt="Reply with Quote"></a><hr noshade size="1">${body}</td></tr>`;
  const topic = (footer: string) =>
    page(
      'Harbour Scribblers - The Brass Key (lighthouse fic, 2 parts)',
      `<p><a href="default.asp">All Forums</a><br>&nbsp;<a href="#">Fan Fiction</a><br>&nbsp;&nbsp;<b>The Brass Key (lighthouse fic, 2 parts)</b></p>
       <table width="100%"><tr><td><b>Author</b></td><td><b>Topic</b></td></tr>
       ${row('keeper_oona', 'Starting Member', `Here's the fic I promised! Two parts.<br><br><b>Part One</b><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
       ${row('gull_feather', 'Junior Member', 'ha. great stuff')}
       ${row('keeper_oona', 'Starting Member', `<b>Part Two</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}
       </table>${footer}`,
    );

  it('reads the posts, the poster, the date line over the rule as the board’s, and the subject at the path’s end as the title', async () => {
    const work = await importWork([topic('<table><tr><td><small>© 2004 Harbour Scribblers</small></td></tr></table>')]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(story(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
    assert.equal(work.title, 'The Brass Key');
    assert.equal(work.notes.beginning, "Here's the fic I promised! Two parts.");
  });

  it('still takes the site’s name from the end of a page’s title when the copyright line names that end', async () => {
    const work = await importWork([
      page(
        'The Brass Key - Harbour Scribblers',
        `<h1>Harbour Scribblers</h1><h2>The Brass Key</h2><p>${STORY[0]}</p><p>${STORY[1]}</p><p><small>© 2004 Harbour Scribblers</small></p>`,
      ),
    ]);
    assert.equal(work.title, 'The Brass Key');
  });
});

describe('a phpBB 3 topic in Welsh: “Board • View topic - Ffuglen: …”, the “gan <name> »” line and the first post’s note', () => {
  const post = (id: number, name: string, body: string) =>
    `<div class="post bg2" id="p${id}"><div class="inner"><div class="postbody"><h3><a href="#p${id}">Re: Ffuglen: Yr Allwedd Bres</a></h3>
     <p class="author"><a href="#"><img src="icon_post_target.gif" alt="Neges"></a>gan <strong><a href="/memberlist.php?mode=viewprofile&amp;u=${id}">${name}</a></strong> &raquo; Gwe Ion 14, 2011 8:12 pm</p>
     <div class="content">${body}</div></div>
     <dl class="postprofile"><dt><a href="#">${name}</a></dt><dd>Negeseuon: 873</dd><dd>Ymunwyd: Maw 2004</dd></dl></div></div>`;

  it('reads the title without the kind of work and the count of parts, the writer, the note, the disclaimer and the end', async () => {
    const work = await importWork([
      page(
        'seiat • Gweld pwnc - Ffuglen: Yr Allwedd Bres (Pobol y Cwm, 2 rhan)',
        `<div class="headerbar"><h1>seiat</h1><p>Y seiat drafod Gymraeg ar y we</p></div>
         <h2><a href="#">Ffuglen: Yr Allwedd Bres (Pobol y Cwm, 2 rhan)</a></h2>
         ${post(1, 'Dic_Penderyn', `Shwmae bawb. Dyma stori fach ysgrifennais i dros y Nadolig.<br /><br />Ymwadiad: Mae Pobol y Cwm yn perthyn i BBC Cymru, nid i fi.<br /><br /><span style="font-weight: bold">Rhan 1</span><br /><br />${STORY[0]}<br /><br />${STORY[1]}`)}
         ${post(2, 'Sioned_y_Siop', 'Mae hwn yn wych!')}
         ${post(3, 'Dic_Penderyn', `<span style="font-weight: bold">Rhan 2</span><br /><br />${STORY[2]}<br /><br />${STORY[3]}<br /><br />DIWEDD<br /><br />Diolch am ddarllen, bois.`)}`,
      ),
    ]);
    assert.equal(work.title, 'Yr Allwedd Bres');
    assert.equal(creator(work), 'Dic_Penderyn');
    assert.equal(work.notes.beginning, 'Shwmae bawb. Dyma stori fach ysgrifennais i dros y Nadolig.');
    assert.equal(work.disclaimer, 'Mae Pobol y Cwm yn perthyn i BBC Cymru, nid i fi.');
    assert.equal(story(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
  });
});

describe('the first post’s words over its first part’s heading, in a language the import has no note words for', () => {
  const post = (id: number, name: string, body: string) =>
    `<div class="post" id="msg${id}"><div class="poster"><b>${name}</b><br><span class="small">Регистриран: 2011<br>Мнения: 1 204</span></div>
     <div class="postbody"><div class="postdate">15.03.2014, 21:07 » <a href="#msg${id}">#${id}</a></div>${body}</div></div>`;
  const topic = (above: string) =>
    page(
      'Фенфик: Последната вечер (по „Под игото“, 2 части) - Литература - Форум',
      `${post(1, 'Радка_Г', `${above}<p><b>Последната вечер</b></p><p><b>Част първа</b></p><p>${STORY[0]}</p><p>${STORY[1]}</p>`)}
       ${post(2, 'мама_на_двама', '<p>Чакам втората част!</p>')}
       ${post(3, 'Радка_Г', `<p><b>Част втора</b></p><p>${STORY[2]}</p><p>${STORY[3]}</p><p>КРАЙ</p><p>Благодаря на всички!</p>`)}`,
    );

  it('reads them as the work’s note and disclaimer, the bold line over the heading as the title', async () => {
    const work = await importWork([
      topic(
        '<p>Здравейте, момичета! Дъщеря ми учи „Под игото“ в училище.</p><p>Героите принадлежат на Иван Вазов, аз само си ги заех.</p>',
      ),
    ]);
    assert.equal(work.title, 'Последната вечер');
    assert.equal(work.notes.beginning, 'Здравейте, момичета! Дъщеря ми учи „Под игото“ в училище.');
    assert.equal(work.disclaimer, 'Героите принадлежат на Иван Вазов, аз само си ги заех.');
    assert.equal(work.chapters[1].notes.end, 'Благодаря на всички!');
    assert.equal(story(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
  });

  it('keeps lines opening with speech over the first heading in the story', async () => {
    const speech = '„Утре тръгвам,“ каза той накрая, и затвори вратата, без да погледне назад към прозореца.';
    const work = await importWork([topic(`<p>${speech}</p><p>Рада остана на прозореца до сутринта.</p>`)]);
    assert.ok(storyParagraphs(work).includes(speech));
    assert.equal(work.notes.beginning, null);
  });

  it('keeps more than a short word to readers over the first heading in the story', async () => {
    const [first, second] = [`${STORY[3]} ${STORY[2]}`, `${STORY[1]} ${STORY[0]}`];
    const work = await importWork([topic(`<p>${first}</p><p>${second}</p>`)]);
    assert.deepEqual(storyParagraphs(work).slice(0, 2), [first, second]);
  });
});

describe('a XenForo 2 thread whose readers’ cards show a name and a rank only', () => {
  const message = (id: number, name: string, facts: string, body: string) =>
    `<article class="message" id="post-${id}"><div class="message-user"><h4>${name}</h4><h5>Member</h5>${facts}</div>
     <div class="message-content"><div class="message-attribution">Mar 3, 2015 · #${id}</div><div class="bbWrapper">${body}</div></div></article>`;

  it('reads every card of the writer’s card’s kind, so the readers’ replies are no chapters', async () => {
    const work = await importWork([
      page(
        'Hadithi fupi: Barua Kutoka Tanga (kutoka Siku Njema) | Jukwaa',
        `<h1 class="p-title">Hadithi fupi: Barua Kutoka Tanga (kutoka Siku Njema)</h1>
         ${message(1, 'mwalimu_kongowea', '<dl><dt>Joined</dt><dd>Jan 12, 2013</dd><dt>Messages</dt><dd>2,417</dd></dl>', `Nimeandika hadithi hii baada ya riwaya ya Siku Njema.<br><br>Wahusika wote ni wa marehemu Ken Walibora, mimi nimewaazima tu.<br><br>${STORY[0]}<br><br>${STORY[1]}<br><br>${STORY[2]}<br><br>${STORY[3]}<br><br><b>MWISHO</b>`)}
         ${message(2, 'Dada Tausi', '', 'Hongera mwalimu!')}
         ${message(3, 'Mzee wa Busara', '', 'Nzuri sana.')}`,
      ),
    ]);
    assert.equal(work.chapters.length, 1);
    assert.equal(creator(work), 'mwalimu_kongowea');
    assert.equal(work.title, 'Barua Kutoka Tanga');
    assert.equal(work.disclaimer, 'Wahusika wote ni wa marehemu Ken Walibora, mimi nimewaazima tu.');
    assert.ok(!storyParagraphs(work).some((p) => /Hongera|Nzuri/u.test(p)));
  });
});

describe('the words of boards in Bulgarian, Welsh and Swahili', () => {
  it('reads their part headings, and not a line that only opens with the word', () => {
    for (const line of ['Част първа', 'Първа част', 'Глава 3', 'Rhan 1', 'Rhan Dau', 'Pennod 3: Y Daith'])
      assert.ok(chapterHeading(line), line);
    for (const line of ["Rhan o'r stori", 'Част от мен']) assert.equal(chapterHeading(line), undefined, line);
  });

  it('reads their end markers and disclaimers, and not a line about a house', () => {
    for (const line of ['КРАЙ', 'DIWEDD', 'MWISHO']) assert.ok(isEndMarker(line), line);
    assert.ok(isDisclaimer('Mae Pobol y Cwm yn perthyn i BBC Cymru, nid i fi.'));
    for (const line of ['Къщата принадлежи на Иван.', 'Героите принадлежат на миналото.', "Mae'r tŷ yn perthyn i Dad."])
      assert.ok(!isDisclaimer(line), line);
  });

  it('leaves the kind of work out of a topic’s subject', () => {
    assert.equal(titleOf('Ffuglen: Noson Gwis yn y Deri'), 'Noson Gwis yn y Deri');
    assert.equal(titleOf('Фенфик: Последната вечер'), 'Последната вечер');
    assert.equal(titleOf('Hadithi fupi: Barua Kutoka Tanga'), 'Barua Kutoka Tanga');
  });

  it('reads a board’s date with a colon before the time', () => {
    assert.ok(isPostDate('11/04/2004 : 20:03:44'));
    assert.ok(!isPostDate('11/04/2004 : the day'));
  });
});

describe('a poster’s signature under each post, a next part promised in Bulgarian', () => {
  it('keeps the signature box (“sig”) out of the story and reads the promise as the part’s end note', async () => {
    const post = (id: number, name: string, body: string) =>
      `<div class="post" id="msg${id}"><div class="poster"><b>${name}</b><br><span class="small">Мнения: 1 204</span></div>
       <div class="postbody"><div class="postdate">15.03.2014, 21:07 » #${id}</div>${body}<div class="sig"><i>"Snake? Snake?! SNAAAAKE!"</i></div></div></div>`;
    const work = await importWork([
      page(
        'Ключът - Форум',
        `${post(1, 'Радка_Г', `<p><b>Част първа</b></p><p>${STORY[0]}</p><p>${STORY[1]}</p><p>Втората част утре вечер, ако децата ми позволят!</p>`)}
         ${post(2, 'мама_на_двама', '<p>Чакам!</p>')}
         ${post(3, 'Радка_Г', `<p><b>Част втора</b></p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}`,
      ),
    ]);
    assert.equal(story(work), STORY.join('\n'));
    assert.equal(work.chapters[0].notes.end, 'Втората част утре вечер, ако децата ми позволят!');
  });
});

describe('a list archive’s message and an old board’s message, one page each', () => {
  it('takes the title over its byline in the body over a dressed subject line, and the byline’s writer', async () => {
    const work = await importWork([
      page(
        'cheers-fic: FIC: Last Call (Cheers) 1/1',
        `<h1>FIC: Last Call (Cheers) 1/1</h1><b>From:</b> Vera's Husband (<a href="mailto:norm@example.com">norm@example.com</a>)<br><b>Date:</b> Fri Oct 15 1999 - 20:12:58 EDT<br>
         <ul><li><b>Next message:</b> <a href="0412.html">Sam's Ladies: "Re: FIC: Last Call (Cheers) 1/1"</a></ul>
         <pre>
Hi everybody, long time lurker, first time poster.

Cheers belongs to Paramount and the Charles/Burrows/Charles folks. I'm just pulling a pint.

LAST CALL
by Vera's Husband

PART ONE

${STORY[0]}

${STORY[1]}

PART TWO

${STORY[2]}

${STORY[3]}
</pre>`,
      ),
    ]);
    assert.equal(work.title, 'LAST CALL');
    assert.equal(creator(work), "Vera's Husband");
  });

  it('reads a Pipermail message: its links round the message the archive’s, its subject and “Title:” one title, the poster the creator', async () => {
    const nav = (next: string) => `<P><UL>
        <LI>Previous message: <A HREF="000412.html">[harbour] Re: Lamp oil
</A></li>
        <LI>Next message: <A HREF="000414.html">[harbour] ${next}
</A></li>
         <LI> <B>Messages sorted by:</B> <a href="date.html">[ date ]</a> <a href="thread.html">[ thread ]</a>
         </LI></UL>`;
    const work = await importWork([
      page(
        '[harbour] FIC: The Brass Key (Oona, G)',
        `<H1>[harbour] FIC: The Brass Key (Oona, G)</H1>
    <B>Keeper Oona</B> <A HREF="mailto:harbour%40lists.example.org">keeper.oona at example.org</A><BR>
    <I>Sun Mar  7 09:12:44 GMT 2004</I>
    ${nav('FIC: The Brass Key (Oona, G)')}<HR>
<!--beginarticle-->
<PRE>Title: The Brass Key
Author: Keeper Oona
Rating: G

${STORY.join('\n\n')}
</PRE>
<!--endarticle-->
    <HR>${nav('Re: FIC: The Brass Key (Oona, G)')}<hr>
<a href="http://lists.example.org/mailman/listinfo/harbour">More information about the harbour mailing list</a><br>`,
      ),
    ]);
    assert.equal(work.title, 'The Brass Key');
    assert.equal(creator(work), 'Keeper Oona');
    assert.equal(story(work), STORY.join('\n'));
  });

  it('keeps a story’s sentence opening with the words of an archive’s link as story', async () => {
    const line = 'Next message: the ferry is late again, and so am I.';
    const work = await importWork([page('The Brass Key', `<h1>The Brass Key</h1><p>${STORY.join('<p>')}<p>${line}`)]);
    assert.ok(story(work).endsWith(line));
  });

  it('reads a one-shot’s note run into a second sentence as all note when a disclaimer follows it', async () => {
    const note = "Here is my Christmas story for this year, as promised. It's a bit sentimental but so is the season.";
    const work = await importWork([
      page(
        'The Tunnel Christmas',
        `<h1>The Tunnel Christmas</h1><p>Posted by Kinch's Radio on December 04, 1998 at 21:17:33:<p>${note}<p>Hogan's Heroes belongs to Bing Crosby Productions and CBS, not to me.<p>${STORY.join('<p>')}`,
      ),
    ]);
    assert.equal(work.notes.beginning, note);
    assert.equal(work.disclaimer, "Hogan's Heroes belongs to Bing Crosby Productions and CBS, not to me.");
    assert.equal(story(work), STORY.join('\n'));
  });

  it('keeps a one-shot’s second sentence in the story when no disclaimer follows', async () => {
    const work = await importWork([
      page(
        'The Tunnel Christmas',
        `<h1>The Tunnel Christmas</h1><p>Here is my Christmas story for this year, as promised. It snowed on Christmas Eve in Stalag 13.<p>${STORY.join('<p>')}`,
      ),
    ]);
    assert.ok(storyParagraphs(work)[0].startsWith('It snowed'));
  });
});

describe('a PunBB or FluxBB topic: "blockpost" posts, the first also "firstpost", the poster’s card a "postleft"', () => {
  const post = (n: number, name: string, subject: string, body: string, first = false) =>
    `<div id="p${n}" class="blockpost${first ? ' firstpost' : ''} row${n % 2 ? 'odd' : 'even'}">
     <h2><span><span class="conr">#${n}</span> <a href="viewtopic.php?pid=${n}">2010-09-14 22:0${n}:11</a></span></h2>
     <div class="box"><div class="inbox"><div class="postbody">
     <div class="postleft"><dl><dt><strong><a href="profile.php?id=${name.length}">${name}</a></strong></dt><dd class="usertitle"><strong>Member</strong></dd><dd><span>Registered: 2009-08-11</span></dd><dd><span>Posts: ${80 + n}</span></dd></dl></div>
     <div class="postright"><h3>${subject}</h3><div class="postmsg">${body}</div>
     <div class="postsignature"><hr /><p>~ Keep the light ~</p></div></div></div></div>
     <div class="inbox"><div class="postfoot clearb"><div class="postfootleft"><p><span>Offline</span></p></div><div class="postfootright"><ul><li class="postreport"><a href="#">Report</a></li><li class="postquote"><a href="#">Quote</a></li></ul></div></div></div></div></div>`;

  it('names the writer and reads their posts as the parts, the cards, subjects, signatures and a reader’s reply the board’s', async () => {
    const subject = 'Lamplight - short fic, all ages';
    const MORE = [
      'Oona walked back down to the slipway in the dark, and the ferryman asked her what had been in the parcel.',
      'Out on the point the lamp turned over the water, slow and white, the way it had every night before the key was lost.',
    ];
    const NOTE = 'First post here, be gentle! A short lighthouse piece in three little parts, all written tonight.';
    const work = await importWork([
      page(
        `${subject} (Page 1) — Fan Fiction — Harbour Board`,
        `<div id="brdheader"><h1><a href="index.php">Harbour Board</a></h1></div>
         <ul class="crumbs"><li><a href="index.php">Index</a></li><li>» <a href="#">Fan Fiction</a></li><li>» <strong><a href="#">${subject}</a></strong></li></ul>
         <div id="brdmain">${post(1, 'keeper_oona', subject, `<p>${NOTE}</p><p><strong>Part 1</strong></p><p>${STORY[0]}</p><p>${STORY[1]}</p>`, true)}
         ${post(2, 'gull_feather', `Re: ${subject}`, '<p>What is in the parcel?! Keep going!!</p>')}
         ${post(3, 'keeper_oona', `Re: ${subject}`, `<p><strong>Part 2</strong></p><p>${STORY[2]}</p><p>${MORE[0]}</p>`)}
         ${post(4, 'keeper_oona', `Re: ${subject}`, `<p><strong>Part 3</strong></p><p>${STORY[3]}</p><p>${MORE[1]}</p>`)}</div>
         <div id="brdfooter"><p id="poweredby">Powered by <a href="#">FluxBB</a></p></div>`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(story(work), [...STORY.slice(0, 3), MORE[0], STORY[3], MORE[1]].join('\n'));
    assert.equal(work.chapters.length, 3);
    assert.equal(work.title, 'Lamplight');
    assert.equal(work.notes.beginning, NOTE);
  });
});

describe('a YaBB thread: each post a table, the poster’s cell a bold profile link spanning the header and text rows', () => {
  const post = (name: string, facts: string, subject: string, body: string) =>
    `<table cellpadding="4" cellspacing="1" class="bordercolor" width="100%"><tr><td class="windowbg" valign="top" width="140" rowspan="2"><a href="YaBB.pl?action=viewprofile;username=${name}"><b>${name}</b></a><br /><span class="small">${facts}</span></td>
     <td class="windowbg" valign="top"><span class="small"><b>${subject}</b> &laquo; <b>on:</b> Jun 15th, 2007, 9:20pm &raquo;</span></td></tr>
     <tr><td class="windowbg" valign="top"><div class="message">${body}</div><hr class="hr" /><div class="small">Keep the light burning.</div></td></tr></table>`;

  it('names the writer, keeps the cards, headers and a reader’s reply out, and reads the promise of the next part as the part’s end note', async () => {
    const LAST =
      'Out on the point the lamp turned over the water, slow and white, the way it had every night before the key was lost.';
    const card = 'Full Member<br />***<br /><br />Posts: 154<br />Harbour, sort of';
    const work = await importWork([
      page(
        'Harbour Board - [FIC] The Brass Key (lighthouse, PG)',
        `<div class="nav"><a href="YaBB.pl">Harbour Board</a> &rsaquo; <a href="#">Fan Fiction</a></div>
         <table width="100%" class="bordercolor"><tr><td class="titlebg">Topic: [FIC] The Brass Key (lighthouse, PG) &nbsp; (Read 212 times)</td></tr></table>
         ${post('keeper_oona', card, '[FIC] The Brass Key (lighthouse, PG)', `<b>Part the First</b><br /><br />${STORY[0]}<br /><br />${STORY[1]}<br /><br /><i>Part the Second coming soon!</i>`)}
         ${post('gull_feather', 'God Member<br />*****<br />Posts: 2031', 'Re: [FIC] The Brass Key (lighthouse, PG)', 'Oooh, the key. More please!')}
         ${post('keeper_oona', card, 'Re: [FIC] The Brass Key (lighthouse, PG)', `<b>Part the Second</b><br /><br />${STORY[2]}<br /><br />${STORY[3]}<br /><br />${LAST}`)}
         <div align="center" class="small"><a href="#">YaBB 2.1</a> &copy; 2000-2005.</div>`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(story(work), [...STORY, LAST].join('\n'));
    assert.equal(work.chapters.length, 2);
    assert.equal(work.chapters[0].notes.end, 'Part the Second coming soon!');
  });

  it('keeps a sentence of the story opening with a part’s words as story, where no part heads it', async () => {
    const line = 'Part the sea with your hands, the keeper said, and you will find the key there.';
    const work = await importWork([
      page(
        'Harbour Board - [FIC] The Brass Key (lighthouse, PG)',
        `${post('keeper_oona', 'Full Member<br />Posts: 154', '[FIC] The Brass Key', `${STORY[0]}<br /><br />${STORY[1]}<br /><br />${line}`)}
         ${post('gull_feather', 'God Member<br />Posts: 2031', 'Re: [FIC] The Brass Key', 'Oooh, the key. More please!')}`,
      ),
    ]);
    assert.ok(story(work).endsWith(line));
  });
});

describe('a Phorum thread: each "message" with its "message-author", subject, date and options round its body', () => {
  const message = (name: string, subject: string, body: string) =>
    `<div class="message"><div class="message-author icon-user">${name}</div>
     <div class="message-subject"><a name="msg-1"></a>${subject}</div>
     <div class="message-date">March 02, 2008 08:44PM</div>
     <div class="message-body">${body}</div>
     <div class="message-options"><a href="#reply">Reply</a> <a href="#quote">Quote</a> <a href="#">Report</a></div></div>`;

  it('names the writer and keeps each message’s author, subject, date and options and a reader’s reply out of the story', async () => {
    const subject = 'FIC: The Brass Key (lighthouse, G, 2 chapters)';
    const work = await importWork([
      page(
        `Harbour Forum :: Fan Fiction :: ${subject}`,
        `<div id="phorum"><div id="phorum-header"><a href="#">Harbour</a> &ndash; by the light!</div>
         <div id="breadcrumbs"><a href="#">Harbour Forum</a> &gt; <a href="#">Fan Fiction</a> &gt; FIC: The Brass Key</div>
         ${message('keeper_oona', subject, `<p><b>I. The Ferry</b></p><p>${STORY[0]}</p><p>${STORY[1]}</p>`)}
         ${message('keeper_oona', `Re: ${subject}`, `<p><b>II. The Key</b></p><p>${STORY[2]}</p><p>${STORY[3]}</p>`)}
         ${message('gull_feather', 'Re: FIC: The Brass Key', '<p>Ha! Perfect. Lovely and a bit sad.</p>')}
         <div id="footer-plug">This forum powered by <a href="#">Phorum</a>.</div></div>`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(story(work), STORY.join('\n'));
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Ferry', 'The Key'],
    );
  });
});

describe('a vBulletin thread: the signature under the board’s rule of underscores and the buttons under the text', () => {
  const motto = 'Keep the light burning — and the kettle too.';
  const post3 = (id: number, name: string, body: string) =>
    `<table class="tborder" id="post${id}" cellpadding="6" width="100%"><tr><td class="thead">12.10.2012., 21:14</td><td class="thead" align="right">#${id}</td></tr>
     <tr><td class="alt2" width="175"><div class="bigusername">${name}</div><div class="smallfont">Senior<br /><br />Joined: 03.05.2007.<br />Posts: 1.044</div></td>
     <td class="alt1"><div id="post_message_${id}">${body}</div><div>__________________<br />${motto}</div></td></tr>
     <tr><td class="alt2"><img src="/images/statusicon/user_offline.gif" alt="${name} is offline" /></td><td class="alt1" align="right"><a href="#">Quote</a></td></tr></table>`;

  it('keeps vBulletin 3’s signature, a sentence, and the poster’s online state and Quote button out of the story', async () => {
    const work = await importWork([
      page(
        'The Brass Key - Harbour Forum',
        `${post3(1, 'keeper_oona', `<b>Part 1</b><br /><br />${STORY[0]}<br /><br />${STORY[1]}`)}
         ${post3(2, 'gull_feather', 'What is in the parcel?! Keep going!!')}
         ${post3(3, 'keeper_oona', `<b>Part 2</b><br /><br />${STORY[2]}<br /><br />${STORY[3]}`)}`,
      ),
    ]);
    assert.equal(creator(work), 'keeper_oona');
    assert.equal(story(work), STORY.join('\n'));
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(
      work.chapters.map((c) => c.notes.end),
      [null, null],
    );
  });

  it('keeps vBulletin 4’s "postfoot" buttons out of the story', async () => {
    const post4 = (id: number, name: string, body: string) =>
      `<li class="postbit" id="post_${id}"><div class="posthead"><span class="date">21.03.2013, 22:15</span> <a class="postcounter" href="#">#${id}</a></div>
       <div class="userinfo"><a class="username" href="#"><strong>${name}</strong></a><span class="usertitle">Member<br />Posts: 417</span></div>
       <div class="postbody"><blockquote class="postcontent">${body}</blockquote></div>
       <div class="postfoot"><a href="#">Quote</a> <a href="#">Report</a> <span class="likes">Like</span></div></li>`;
    const work = await importWork([
      page(
        'The Brass Key - Harbour Forum',
        `<ol id="posts">${post4(1, 'keeper_oona', `<b>Part 1</b><br><br>${STORY[0]}<br><br>${STORY[1]}`)}
         ${post4(2, 'gull_feather', 'What is in the parcel?! Keep going!!')}
         ${post4(3, 'keeper_oona', `<b>Part 2</b><br><br>${STORY[2]}<br><br>${STORY[3]}`)}</ol>`,
      ),
    ]);
    assert.equal(story(work), STORY.join('\n'));
  });

  it('keeps a short last line under a story’s own rule of a few underscores as the story’s', async () => {
    const last = 'And the light was lit that night after all.';
    const work = await importWork([
      page(
        'The Brass Key - Harbour Forum',
        `${post3(1, 'keeper_oona', `${STORY[0]}<br /><br />${STORY[1]}<br /><br />__________<br />${last}`)}
         ${post3(2, 'gull_feather', 'What is in the parcel?! Keep going!!')}`,
      ),
    ]);
    assert.ok(story(work).includes(last));
  });
});
