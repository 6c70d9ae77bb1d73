import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterParagraphs as storyOf, creatorName as creator, textFile as file } from '../../support/imports.ts';

const partOne = [
  'The ferry left at six, and Marguerite was on it with a suitcase full of lemons.',
  'Nobody asked about the lemons. On a ferry, nobody asks about anything.',
  'By the time the island came up out of the haze she had eaten two of them, peel and all.',
];
const partTwo = [
  'Her aunt met her at the pier with a wheelbarrow, as if she had expected the lemons all along.',
  '“You took your time,” her aunt said, and that was the whole of the welcome.',
  'They pushed the wheelbarrow up the hill together, and the lemons rolled about like loose teeth.',
];

describe('stories sent in a chat and exported from it', () => {
  it('reads a WhatsApp export: the sender’s messages are the story in parts, the friend’s replies are set apart', async () => {
    const text = [
      '[03/05/2026, 19:40:02] Rosalind: Messages and calls are end-to-end encrypted.',
      '[03/05/2026, 19:41:10] Kit 🍋: is it done',
      '[03/05/2026, 19:44:51] Rosalind: yes!! here is the lemon thing. no judging',
      `[03/05/2026, 19:45:03] Rosalind: Citrus Season`,
      ...partOne,
      '[03/05/2026, 19:50:40] Kit 🍋: PEEL AND ALL',
      '[03/05/2026, 19:51:12] Kit 🍋: <Media omitted>',
      `[04/05/2026, 20:02:15] Rosalind: ${partTwo[0]}`,
      ...partTwo.slice(1),
      '[04/05/2026, 20:03:30] Rosalind: the end. might do a sequel with the aunt',
      '[04/05/2026, 20:10:00] Kit 🍋: This message was deleted',
    ].join('\n');
    const work = await importWork([file('WhatsApp Chat with Kit.txt', text)]);
    assert.equal(work.title, 'Citrus Season');
    assert.equal(creator(work), 'Rosalind');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.chapters[0].notes.beginning, 'yes!! here is the lemon thing. no judging');
    assert.equal(work.notes.end, 'the end. might do a sequel with the aunt');
  });

  it('reads a DiscordChatExporter dump: the channel’s header, message headers and reactions are the chat’s, not the story', async () => {
    const text = [
      '='.repeat(40),
      'Guild: lemon grove',
      'Channel: Text Channels / writing',
      '='.repeat(40),
      '',
      '[03/05/2026 19:41] kit_lemonade',
      'fic time??',
      '',
      '[03/05/2026 19:44] rosalind.writes',
      'posting part one, part two tomorrow',
      '',
      '[03/05/2026 19:45] rosalind.writes',
      partOne.join('\n\n'),
      '',
      '{Reactions}',
      '🍋 (3)',
      '',
      '[03/05/2026 19:50] kit_lemonade',
      'the lemons!!!',
      '',
      '[04/05/2026 20:02] rosalind.writes',
      partTwo.join('\n\n'),
      '',
      '='.repeat(40),
      'Exported 5 message(s)',
      '='.repeat(40),
    ].join('\n');
    const work = await importWork([file('lemon grove - writing.txt', text)]);
    assert.equal(creator(work), 'rosalind.writes');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.chapters[0].notes.beginning, 'posting part one, part two tomorrow');
  });

  it('reads a mailing list’s digest: the writer’s mails are the parts, the list’s lines and a reader’s reply are set apart', async () => {
    const rule = '_'.repeat(60);
    const text = [
      ['To unsubscribe from this group, send an email to:', 'lemonfic-unsubscribe@yahoogroups.com'].join('\n'),
      [
        'There are 3 messages in this issue.',
        'Topics in this digest:',
        '1. FIC: Citrus Season 1/2',
        '2. Re: FIC: Citrus Season 1/2',
      ].join('\n'),
      rule,
      [
        'Message: 1',
        'Date: Sat, 3 May 2003 19:45:00 +0100',
        'From: "Rosalind Hart" <ros_hart@example.com>',
        'Subject: FIC: Citrus Season 1/2',
      ].join('\n'),
      ['Title: Citrus Season', 'Author: Rosalind Hart', 'Rating: G'].join('\n'),
      ...partOne,
      rule,
      [
        'Message: 2',
        'Date: Sun, 4 May 2003 08:02:51 +0100',
        'From: Kit <kit@example.com>',
        'Subject: Re: FIC: Citrus Season 1/2',
      ].join('\n'),
      '> peel and all',
      'More lemons please!',
      rule,
      [
        'Message: 3',
        'Date: Sun, 4 May 2003 20:02:15 +0100',
        'From: "Rosalind Hart" <ros_hart@example.com>',
        'Subject: FIC: Citrus Season 2/2',
      ].join('\n'),
      ...partTwo,
      rule,
    ].join('\n\n');
    const work = await importWork([file('digest.txt', text)]);
    assert.equal(work.title, 'Citrus Season');
    assert.equal(creator(work), 'Rosalind Hart');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('reads a Telegram Desktop HTML export: headers, the chat’s name and a friend’s messages are set apart, the parts’ notes kept', async () => {
    const message = (id: number, from: string | null, time: string, html: string) =>
      [
        `<div class="message default clearfix${from ? '' : ' joined'}" id="message${id}">`,
        '<div class="pull_left userpic_wrap"><div class="userpic"><div class="initials">X</div></div></div>',
        '<div class="body">',
        `<div class="pull_right date details" title="03.05.2026 ${time}:00 UTC+00:00">${time}</div>`,
        from ? `<div class="from_name">${from}</div>` : '',
        `<div class="text">${html}</div>`,
        '</div></div>',
      ].join('\n');
    const html = [
      '<html><head><title>Exported Data</title></head><body><div class="page_wrap">',
      '<div class="page_header"><div class="content"><div class="text bold">Lemon grove</div></div></div>',
      '<div class="page_body chat_page"><div class="history">',
      '<div class="message service" id="message-1"><div class="body details">3 May 2026</div></div>',
      message(1, 'Kit', '19:41', 'is it done'),
      message(
        2,
        'Rosalind Ashe',
        '19:44',
        ['here is the lemon thing. no judging', '<strong>Citrus Season</strong>', '<em>Part One</em>', ...partOne].join(
          '<br><br>',
        ),
      ),
      message(3, 'Kit', '19:50', 'PEEL AND ALL'),
      message(4, 'Rosalind Ashe', '20:02', ['the rest, as promised', '<em>Part Two</em>', ...partTwo].join('<br><br>')),
      message(5, null, '20:03', 'the end. might do a sequel with the aunt'),
      '</div></div></div></body></html>',
    ].join('\n');
    const work = await importWork([file('messages.html', html)]);
    assert.equal(work.title, 'Citrus Season');
    assert.equal(creator(work), 'Rosalind Ashe');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.chapters[0].notes.beginning, 'here is the lemon thing. no judging');
    assert.equal(work.chapters[1].notes.beginning, 'the rest, as promised');
    assert.equal(work.notes.end, 'the end. might do a sequel with the aunt');
  });

  it('reads the writer’s “part 2!!” over a part sent in a chat as their note, not the part’s first line', async () => {
    const text = [
      '03/05/2026, 19:41 - Kit: is it done',
      `03/05/2026, 19:44 - Rosalind: ${partOne[0]}`,
      ...partOne.slice(1),
      '03/05/2026, 19:50 - Kit: PEEL AND ALL',
      '04/05/2026, 20:02 - Rosalind: part 2!!',
      ...partTwo,
      '04/05/2026, 20:10 - Kit: the aunt!!',
    ].join('\n');
    const work = await importWork([file('WhatsApp Chat with Kit.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.chapters[1].notes.beginning, 'part 2!!');
  });

  it('reads Signal Desktop messages copied: “Name, hh:mm” over each message, the parts’ headings sent alone, the title said in Spanish', async () => {
    const text = [
      'Limones del Norte',
      '4 miembros',
      '',
      'Rosalía M., 21:02',
      'Bueno, aquí está el fic de los limones. Se llama «Temporada de cítricos» y es mío. Dos partes.',
      '',
      'Rosalía M., 21:02',
      '— PRIMERA PARTE —',
      '',
      'Rosalía M., 21:03',
      ...partOne,
      '',
      'Kit, 21:05',
      'PIEL Y TODO',
      '',
      'Rosalía M., 21:06',
      '— SEGUNDA PARTE —',
      '',
      'Rosalía M., 21:07',
      ...partTwo,
      '',
      'Rosalía M., 21:09',
      'FIN. Gracias por leer 💛',
      '',
      'Kit, 21:10',
      'la tía!!',
    ].join('\n');
    const work = await importWork([file('signal.txt', text)]);
    assert.equal(work.title, 'Temporada de cítricos');
    assert.equal(creator(work), 'Rosalía M.');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'FIN. Gracias por leer 💛');
  });

  it('reads a Google Hangouts conversation copied from the web: the sender’s name over each message, “Thu 3:02 PM” under it', async () => {
    const text = [
      'Hangouts',
      'Rosalind Vey, Kit Marlowe',
      '',
      'Rosalind Vey',
      'ok the lemon fic is done',
      'title: Citrus Season',
      'Thu 7:40 PM',
      '',
      'Kit Marlowe',
      'send it!!',
      'Thu 7:41 PM',
      '',
      'Rosalind Vey',
      'Chapter 1: The Ferry',
      '',
      ...partOne,
      'Thu 7:45 PM',
      '',
      'Kit Marlowe',
      'peel and all',
      'Thu 7:46 PM',
      '',
      'Rosalind Vey',
      'Chapter 2: The Pier',
      '',
      ...partTwo,
      'Thu 7:50 PM',
      '',
      'Kit Marlowe',
      'the aunt!!',
      'Thu 7:52 PM',
    ].join('\n');
    const work = await importWork([file('hangouts.txt', text)]);
    assert.equal(work.title, 'Citrus Season');
    assert.equal(creator(work), 'Rosalind Vey');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Ferry', 'The Pier'],
    );
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.beginning, 'ok the lemon fic is done');
  });

  it('keeps a story told in short chat messages whole', async () => {
    const text = [
      '[03/05/2026, 19:40] Marguerite: are you on the ferry',
      '[03/05/2026, 19:41] Aunt Odile: I am on the pier. Where are you.',
      '[03/05/2026, 19:41] Marguerite: on the ferry. with lemons',
      '[03/05/2026, 19:42] Aunt Odile: Of course you are.',
    ];
    const work = await importWork([file('texts.txt', text.join('\n\n'))]);
    assert.deepEqual(storyOf(work), text);
  });
});
