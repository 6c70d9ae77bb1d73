/**
 * A story saved from a mail program: the headers are the mail's, the subject names the story when
 * the sender marks it as fiction, the sender is its writer; a "Title:" or "Author:" below says it better.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { creatorName as creator, iceScene, storyParagraphs, textFile } from '../../support/imports.ts';

const file = (text: string) => textFile('story.txt', text);

const STORY = [
  'Vila drew the map on the back of a ration wrapper, and Avon pretended not to look at it.',
  'It was a bad map. The corridors went nowhere and the teleport bay was in the wrong place entirely.',
  '"You have put the flight deck in the galley," Avon said at last, because someone had to.',
].join('\n\n');

const storyOf = (work: ImportedWork) => storyParagraphs(work).join('\n\n');

describe('a story saved from a mail program', () => {
  it('reads the title from a subject marked as fiction and the writer from the sender', async () => {
    const work = await importWork([
      file(
        [
          'From: "Morag Finlay" <morag.f@freenet-mail.co.uk>\nTo: "Liberator Library" <lib-b7@listhost.example.org>\nSubject: Fwd: [B7] FIC: Cartography (Avon, Vila) PG\nDate: Tue, 14 Aug 2001 22:40:11 +0100',
          STORY,
        ].join('\n\n'),
      ),
    ]);
    assert.equal(work.title, 'Cartography');
    assert.equal(creator(work), 'Morag Finlay');
    assert.equal(work.preview.pieces.find((p) => p.field === 'author')?.reason, 'the mail’s sender');
    assert.equal(storyOf(work), STORY);
    const headers = work.preview.pieces.find((p) => p.text.includes('Liberator Library'));
    assert.equal(headers?.part, 'metadata');
    assert.match(headers!.reason, /mail’s headers/);
  });

  it('reads an Outlook mail saved as text (tab after each header, “Attachments:”), a letter to the beta above a rule, then the story’s own header', async () => {
    const mail = [
      'From:\tJune Okafor\nSent:\tFriday, May 5, 2006 9:12 PM\nTo:\tbeta_reader@example.com\nSubject:\tcan you look at this? - Cartography\nAttachments:\tmap_notes.doc',
      'Hi Sam,',
      'Here it is at last! Be brutal about the ending, please.',
      'J.',
      '-----',
      'CARTOGRAPHY\nby liberator_june',
      'Summary: Vila draws a map, and Avon pretends not to look.',
      'Disclaimer: Blake’s 7 belongs to Terry Nation’s estate, not to me.',
      '1. The Map',
      STORY,
      '2. The Galley',
      'The galley was, in fact, where Vila had drawn it, and nobody was more surprised than Avon.',
    ].join('\n\n');
    const work = await importWork([file(mail)]);
    assert.equal(work.title, 'CARTOGRAPHY');
    assert.equal(creator(work), 'liberator_june');
    assert.equal(work.summary, 'Vila draws a map, and Avon pretends not to look.');
    assert.equal(storyParagraphs(work).slice(0, 3).join('\n\n'), STORY);
    const headers = work.preview.pieces.find((p) => p.text.includes('map_notes.doc'));
    assert.equal(headers?.part, 'metadata');
  });

  it('reads a newsletter post received by mail (its text part saved): the title and the writer over the day it was sent, its links and footer the newsletter’s', async () => {
    const mail = [
      'View this post on the web at https://harbourletters.example.com/p/cartography',
      'Cartography',
      'A Blake’s 7 story in two parts',
      'Morag Finlay\nJun 12',
      'Hello, everyone, and welcome to the new subscribers! This one is for Ann, who asked for maps.',
      'I.',
      STORY,
      'II.',
      'The galley was, in fact, where Vila had drawn it, and nobody was more surprised than Avon.',
      'Vila said nothing at all, which was worse than anything he could have said.',
      'That’s all for this week. If you liked it, hit reply and tell me your favourite map; I read every answer.',
      'Share',
      '[https://harbourletters.example.com/p/cartography?action=share]',
      'Leave a comment',
      '[https://harbourletters.example.com/p/cartography/comments]',
      'Unsubscribe [https://harbourletters.example.com/unsubscribe]',
    ].join('\n\n');
    const work = await importWork([file(mail)]);
    assert.equal(work.title, 'Cartography');
    assert.equal(creator(work), 'Morag Finlay');
    assert.equal(work.chapters.length, 2);
    assert.equal(storyParagraphs(work).slice(0, 3).join('\n\n'), STORY);
    const apart = work.preview.pieces.filter((p) => p.part === 'metadata').map((p) => p.text);
    assert.ok(apart.some((t) => t.startsWith('View this post on the web')));
    assert.ok(apart.includes('[https://harbourletters.example.com/p/cartography/comments]'));
  });

  it('reads headers in the mail program’s language, and leaves a subject that names no story alone', async () => {
    const work = await importWork([
      file(
        [
          'Från: Lotta Berg <lotta.berg@example.se>\nTill: Sara Nyström <sara.nystrom@example.se>\nDatum: sön 9 juni 2024 kl. 21:17\nÄmne: novellen till fanzinet!!',
          STORY,
        ].join('\n\n'),
      ),
    ]);
    assert.equal(creator(work), 'Lotta Berg');
    assert.notEqual(work.title, 'novellen till fanzinet!!');
    assert.equal(storyOf(work), STORY);
  });

  it('takes a title quoted after the news of it, not a name quoted after “for”', async () => {
    const shared = await importWork([
      file(
        [
          'From: Patreon <bingo@patreon.com>\nTo: me\nSubject: Mojave Nocturne just shared "The Courier\'s Postcard (early access)"',
          STORY,
        ].join('\n\n'),
      ),
    ]);
    assert.equal(shared.title, "The Courier's Postcard");
    assert.equal(creator(shared), undefined);

    const exchange = await importWork([
      file(
        [
          'From: Carys Morgan <carys.morgan@example.co.uk>\nSent: 14 March 2024 22:41\nTo: mods@example.org\nSubject: FW: Exchange fic for "tallisfan" – Varric & Cassandra',
          STORY,
        ].join('\n\n'),
      ),
    ]);
    assert.notEqual(exchange.title, 'tallisfan');
  });

  it('leaves the title and writer to a “Title:” and “Author:” under the headers', async () => {
    const work = await importWork([
      file(
        [
          'From: willowtree99@hotmail.com\nTo: spikefic@egroups.com\nSubject: [spikefic] FIC: Regular Customer 1/2 (PG-13)\nDate: Thu, 14 Oct 1999 23:51:07 -0400',
          'Title: Regular Customer\nAuthor: Willow Tree\nRating: PG-13',
          STORY,
        ].join('\n\n'),
      ),
    ]);
    assert.equal(work.title, 'Regular Customer');
    assert.equal(creator(work), 'Willow Tree');
  });

  it('reads a Pegasus Mail message saved as text (“Date sent:” and “Priority:” among its headers), the title and pen name under a note', async () => {
    const work = await importWork([
      file(
        [
          'Date sent:      \tWed, 9 Feb 2000 21:04:13 +0000\nFrom:           \t"Gwendolyn Price" <g.price@example.net>\nTo:             \tb7_fic@egroups.com\nSubject:        \t[b7_fic] NEW: Ration Maps (Avon, Vila)\nPriority:       \tnormal',
          'Hello all - a small one, not betaed.',
          'Ration Maps\nby Gwen P.',
          STORY,
        ].join('\n\n'),
      ),
    ]);
    assert.equal(work.title, 'Ration Maps');
    assert.equal(creator(work), 'Gwen P.');
    assert.equal(storyOf(work), STORY);
  });

  it('does not take a character’s own mail, opening a story, for a list’s post of it', async () => {
    const work = await importWork([
      file(
        [
          'From: Mara Quinn <mara@lighthouse.example>\nTo: Ben\nSubject: Story: the night the lamp went out',
          STORY,
        ].join('\n\n'),
      ),
    ]);
    assert.notEqual(work.title, 'the night the lamp went out');
  });
});

describe('a mailbox (mbox) of a story posted to a list in parts', () => {
  const footer = [
    '',
    '-----------------------------------------',
    'To unsubscribe: owls-fic-off@lists.example',
    '-----------------------------------------',
    '',
  ];
  const mbox = [
    'From juniper@example.net Sat Jun  5 10:12:00 1999',
    'Return-Path: <juniper@example.net>',
    'Received: from mail.example.net by lists.example',
    '  with SMTP; Sat, 5 Jun 1999 10:12:00 -0000',
    'From: "Juniper Hale" <juniper@example.net>',
    'To: owls-fic@lists.example',
    'Mailing-List: list owls-fic@lists.example',
    'Precedence: bulk',
    'Subject: [owls-fic] FIC: The Long Barn (1/2)',
    '',
    'TITLE: The Long Barn (1/2)',
    'AUTHOR: Juniper Hale',
    'DISCLAIMER: The owls and the barn belong to the people who made the show, and',
    'Not to me. No money made.',
    '',
    'The barn owl came back to the long barn on the first warm night of June, and the farmer left the high door open for her as he always did.',
    '',
    '"She\'s late this year," said his daughter, and he said that she was not.',
    ...footer,
    'From moth@example.org Sun Jun  6 08:00:00 1999',
    'From: moth@example.org',
    'Subject: Re: [owls-fic] FIC: The Long Barn (1/2)',
    '',
    'Lovely! More please.',
    ...footer,
    'From juniper@example.net Mon Jun  7 19:30:00 1999',
    'From: "Juniper Hale" <juniper@example.net>',
    'Subject: [owls-fic] FIC: The Long Barn (2/2)',
    '',
    'TITLE: The Long Barn (2/2)',
    'AUTHOR: Juniper Hale',
    '',
    "By July there were four owlets in the rafters, and the farmer's daughter had named them all.",
    '',
    '>From the loft they watched the field mice run, and the farmer shut the high door only in storms.',
    ...footer,
  ].join('\n');

  it("reads the writer's messages as the story's parts, without the readers' replies and the list's footer", async () => {
    const work = await importWork([textFile('owls.mbox', mbox)]);
    assert.equal(work.title, 'The Long Barn');
    assert.equal(creator(work), 'Juniper Hale');
    assert.equal(
      work.disclaimer,
      'The owls and the barn belong to the people who made the show, and\nNot to me. No money made.',
    );
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(storyParagraphs(work), [
      'The barn owl came back to the long barn on the first warm night of June, and the farmer left the high door open for her as he always did.',
      '"She\'s late this year," said his daughter, and he said that she was not.',
      "By July there were four owlets in the rafters, and the farmer's daughter had named them all.",
      'From the loft they watched the field mice run, and the farmer shut the high door only in storms.',
    ]);
    const { preview, ...posted } = work;
    assert.ok(!JSON.stringify(posted).includes('More please'));
    assert.ok(!JSON.stringify(work).includes('unsubscribe'));
    assert.ok(preview.pieces.some((p) => p.text === 'Lovely! More please.' && p.part === 'metadata'));
  });

  it("finds the writer when a reader's reply comes first, and keeps that reply apart, not lost", async () => {
    const story = mbox.split('\n');
    const reply = story.slice(story.indexOf('From moth@example.org Sun Jun  6 08:00:00 1999'));
    const replyFirst = [
      'From moth@example.org Fri Jun  4 08:00:00 1999',
      'From: moth@example.org',
      "Subject: Re: [owls-fic] Last month's challenge",
      '',
      'Loved every one of the challenge stories, thank you all!',
      ...footer,
      ...story.slice(0, story.length - reply.length),
      ...reply,
    ].join('\n');
    const work = await importWork([textFile('owls.mbox', replyFirst)]);
    assert.equal(work.title, 'The Long Barn');
    assert.equal(creator(work), 'Juniper Hale');
    assert.equal(work.chapters.length, 2);
    assert.equal(storyParagraphs(work).length, 4);
    const { preview, ...posted } = work;
    assert.ok(!JSON.stringify(posted).includes('challenge stories'));
    assert.ok(preview.pieces.some((p) => p.text.includes('challenge stories') && p.part === 'metadata'));
  });
});

describe('a message a mail program saved to a file with its mailbox flags', () => {
  const saved = (flags: string[]) =>
    [
      'From shadow@cix.example Sat Jun  8 14:02:11 1996',
      'Date: Sat, 8 Jun 1996 13:58:40 +0100 (BST)',
      "From: Bodie's Shadow <shadow@cix.example>",
      'To: CI5 Fiction List <ci5-fic@lists.example>',
      'Subject: NEW: "Milk Run" (Pros, gen) 1/1',
      'Message-ID: <Pine.SOL.3.91.960608135512.2201A-100000@cix>',
      'MIME-Version: 1.0',
      'Content-Type: TEXT/PLAIN; charset=US-ASCII',
      ...flags,
      '',
      'Another one from the notebook. Thanks to Jules for looking it over on the train.',
      '',
      'Standard disclaimer: The lads belong to Mark 1 / LWT. No profit, no harm meant.',
      '',
      '                          MILK RUN',
      "                      by Bodie's Shadow",
      '',
      STORY,
      '',
      ...['first', 'second', 'third'].map(iceScene).join('\n\n').split('\n'),
    ].join('\n');

  it('reads the note under Pine’s “Status:” and an empty “X-Status:” as the writer’s note, the flags as the mail’s', async () => {
    const work = await importWork([file(saved(['Status: RO', 'X-Status: ']))]);
    assert.equal(work.title, 'MILK RUN');
    assert.equal(
      work.notes.beginning,
      'Another one from the notebook. Thanks to Jules for looking it over on the train.',
    );
    assert.equal(work.disclaimer, 'The lads belong to Mark 1 / LWT. No profit, no harm meant.');
    assert.equal(creator(work), "Bodie's Shadow");
    assert.ok(storyOf(work).startsWith(STORY));
  });

  it('reads the same message without the flags the same way', async () => {
    const work = await importWork([file(saved([]))]);
    assert.equal(work.title, 'MILK RUN');
    assert.equal(
      work.notes.beginning,
      'Another one from the notebook. Thanks to Jules for looking it over on the train.',
    );
    assert.ok(storyOf(work).startsWith(STORY));
  });
});

describe('a Usenet post saved with its headers', () => {
  const post = [
    'Path: news.example.net!feed.example.com!not-for-mail',
    'From: marsh_hen@example.com (Ada Reedling)',
    'Newsgroups: rec.arts.example.creative',
    'Subject: [FIC] Moomins - "Ice Lanterns" (complete)',
    'Date: 2 Dec 1997 10:02:11 GMT',
    'Lines: 40',
    'Message-ID: <abc123@news.example.net>',
    'NNTP-Posting-Host: dialup-7.example.net',
    'Xref: news.example.net rec.arts.example.creative:1234',
    '',
    '                 ICE LANTERNS',
    '           by Ada Reedling <marsh_hen@example.com>',
    '',
    '          === Act One: The Freeze ===',
    '',
    'The lake froze on the first night of December, and Moomintroll was the first to walk out on it.',
    '',
    'Too-ticky followed him with a lantern made of ice, and a candle burning inside it.',
    '',
    '          === Act Two: The Thaw ===',
    '',
    'By March the lanterns had all melted, and only the candle ends were left on the shore.',
  ].join('\n');

  it('sets its news headers apart, names its sender without the address, and reads its acts as chapters', async () => {
    const work = await importWork([file(post)]);
    assert.equal(work.title, 'ICE LANTERNS');
    assert.equal(creator(work), 'Ada Reedling');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Freeze', 'The Thaw'],
    );
    assert.ok(!storyParagraphs(work).some((p) => /NNTP|Xref|Act/.test(p)));
  });
});

describe('a mail saved as .eml, its body in quoted-printable', () => {
  const eml = [
    'From: Wren Hollis <wren@example.net>',
    'Content-Type: text/plain;',
    '\tcharset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    'Subject: [fic-list] FIC: The Long Frost',
    'Date: Sat, 6 Jan 2018 21:14:06 -0500',
    'To: fic-list@example.org',
    '',
    'Title: The Long Frost',
    'Summary: The pipes freeze. Nobody is surprised except the landlord, who =',
    'should have been.',
    '',
    'The pipes froze on the second night, and Wren woke to a silence where the =',
    'radiator=E2=80=99s knocking should have been.',
    '',
    'She put the kettle on anyway, out of habit, and then remembered there was =',
    'no water to put in it.',
  ].join('\r\n');

  it('reads the body as the mail program shows it: soft line breaks joined, escaped bytes decoded', async () => {
    const work = await importWork([textFile('frost.eml', eml)]);
    assert.equal(work.title, 'The Long Frost');
    assert.equal(creator(work), 'Wren Hollis');
    assert.equal(work.summary, 'The pipes freeze. Nobody is surprised except the landlord, who should have been.');
    assert.deepEqual(storyParagraphs(work), [
      'The pipes froze on the second night, and Wren woke to a silence where the radiator’s knocking should have been.',
      'She put the kettle on anyway, out of habit, and then remembered there was no water to put in it.',
    ]);
  });
});

describe('a story forwarded by mail, quoted whole', () => {
  const quote = (text: string) =>
    text
      .split('\n')
      .map((line) => (line === '' ? '>' : `> ${line}`))
      .join('\n');
  const wrapped = (paragraph: string) => paragraph.replace(/(.{1,60})(?:\s+|$)/g, '$1\n').trim();

  it('reads the quoted story as the story: its header fields, its paragraphs joined and without the quote marks', async () => {
    const paragraphs = [
      'Vila drew the map on the back of a ration wrapper over three long weeks, and Avon pretended not to look at it, which said a great deal.',
      'It was a bad map. The corridors went nowhere and the teleport bay was in the wrong place entirely, which Vila maintained was artistic licence.',
      '"You have put the flight deck in the galley," Avon said at last, because someone had to, and Vila only smiled at him.',
    ];
    const text = [
      '----- Forwarded Message -----',
      'From: Morag Finlay <morag.f@example.co.uk>',
      'To: Liberator Library <lib-b7@example.org>',
      'Sent: Sunday, March 9, 2008 4:12:07 PM',
      'Subject: Fw: FIC: Cartography (1/1, PG)',
      '',
      'Forwarding this from my other account because the list bounced it. Sorry if it arrives twice!',
      'Morag',
      '',
      quote(
        [
          'TITLE: Cartography\nAUTHOR: Morag F.\nRATING: PG\nDISCLAIMER: Not mine, the BBC’s. No money made.',
          ...paragraphs.map(wrapped),
          'THE END',
        ].join('\n\n'),
      ),
    ].join('\n');
    const work = await importWork([file(text)]);
    assert.equal(work.title, 'Cartography');
    assert.equal(creator(work), 'Morag F.');
    assert.deepEqual(storyParagraphs(work), paragraphs);
  });

  it('leaves The Bat!\'s "Hello …," greeting, the note and the title again over its byline out of the story', async () => {
    const text = [
      'From: Ice Writer <ice@example.com>',
      'To: Frozen Readers <frozen@yahoogroups.co.uk>',
      'Subject: FIC: Ice Year (G)',
      'Date: Thu, 21 Feb 2002 23:17:42 +0000',
      'X-Mailer: The Bat! (v1.53d) Personal',
      '',
      'Hello Frozen Readers,',
      '',
      'Here is my little winter story at last, the one I kept threatening you all with.',
      '',
      'Ice Year',
      'by Ice Writer',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
    ].join('\n');
    const work = await importWork([file(text)]);
    assert.equal(work.title, 'Ice Year');
    assert.equal(
      work.notes.beginning,
      'Here is my little winter story at last, the one I kept threatening you all with.',
    );
    assert.deepEqual(storyParagraphs(work), [iceScene('first'), iceScene('second')]);
  });

  it('keeps "Dear Sir," opening a story told as a letter in the story', async () => {
    const text = [
      'From: Ice Writer <ice@example.com>',
      'Subject: FIC: Ice Year (G)',
      '',
      'Dear Sir,',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
    ].join('\n');
    assert.equal(storyParagraphs(await importWork([file(text)]))[0], 'Dear Sir,');
  });
});
