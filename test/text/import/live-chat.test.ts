import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterParagraphs as storyOf, creatorName as creator, textFile as file } from '../../support/imports.ts';

const partOne = [
  'The lighthouse keeper had not spoken to anyone in eleven days, and he was beginning to enjoy it.',
  'He talked to the gulls instead. The gulls, on the whole, were better listeners than the supply boat.',
  '“Morning,” he told the fog, and the fog rolled politely past the window and said nothing back.',
];
const partTwo = [
  'On the twelfth day the supply boat came early, with a dog in it that nobody had ordered.',
  'The dog climbed the hundred and four stairs without being asked and lay down on his good rug.',
  'He looked at the dog for a long time, and then he put the kettle on for two, out of habit.',
];

describe('a story posted live into a chat, a paragraph a message', () => {
  it('reads an IRC log: the writer’s “PART ONE” lines head the chapters, the channel’s lines and readers’ are set apart', async () => {
    const line = (time: string, nick: string, text: string) => `${time} <${nick}> ${text}`;
    const text = [
      '--- Log opened Fri Oct 06 21:00:01 2006',
      '21:00 -!- gullwatcher [~gw@host.example.net] has joined #fic',
      line('21:01', '@mod_ferry', 'evening all'),
      line('21:02', ' gullwatcher', 'ok live posting the lighthouse one now'),
      line('21:02', ' gullwatcher', 'it’s called Keeper, by gullwatcher, rated G'),
      line('21:03', '@mod_ferry', 'go go go'),
      line('21:03', ' gullwatcher', 'PART ONE'),
      ...partOne.map((p) => line('21:04', ' gullwatcher', p)),
      line('21:06', '+ferry_fan', 'the FOG'),
      line('21:07', ' gullwatcher', 'PART TWO'),
      ...partTwo.map((p) => line('21:08', ' gullwatcher', p)),
      line('21:10', ' gullwatcher', 'the end!! thanks for the prompt, mod_ferry'),
      line('21:11', '+ferry_fan', 'the dog!!'),
      '21:12 -!- gullwatcher [~gw@host.example.net] has quit [Quit: Leaving]',
      '--- Log closed Fri Oct 06 21:30:00 2006',
    ].join('\n');
    const work = await importWork([file('fic.log.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'gullwatcher');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    // The line telling the title is the writer’s note whole, the title taken from it.
    assert.equal(
      work.notes.beginning,
      'ok live posting the lighthouse one now\n\nit’s called Keeper, by gullwatcher, rated G',
    );
    assert.equal(work.notes.end, 'the end!! thanks for the prompt, mod_ferry');
  });

  it('keeps every word of the line that tells the title when it opens with marks (“... it’s called Keeper.”)', async () => {
    const line = (time: string, nick: string, text: string) => `${time} <${nick}> ${text}`;
    const text = [
      line('21:01', 'mod_ferry', 'evening all'),
      line('21:02', 'gullwatcher', '... ok so it’s called Keeper. be nice to it'),
      line('21:03', 'mod_ferry', 'go go go'),
      line('21:03', 'gullwatcher', 'PART ONE'),
      ...partOne.map((p) => line('21:04', 'gullwatcher', p)),
      line('21:06', 'ferry_fan', 'the FOG'),
      line('21:07', 'gullwatcher', 'PART TWO'),
      ...partTwo.map((p) => line('21:08', 'gullwatcher', p)),
    ].join('\n');
    const work = await importWork([file('fic.log.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.beginning, '... ok so it’s called Keeper. be nice to it');
  });

  it('reads a Skype paste with “~ one ~” parts: the writer’s short answer to a reader after a part is no part of the story', async () => {
    const line = (name: string, text: string) => `[06/10/2013 21:04:11] ${name}: ${text}`;
    const text = [
      line('Maeve Doyle', 'ok ready?'),
      line('Orla', 'READY'),
      line('Maeve Doyle', 'ok. it’s called Keeper. it’s for the winter swap, be nice'),
      line('Maeve Doyle', '~ one ~'),
      ...partOne.map((p) => line('Maeve Doyle', p)),
      line('Orla', 'the gulls'),
      line('Maeve Doyle', 'shh'),
      line('Maeve Doyle', '~ two ~'),
      ...partTwo.map((p) => line('Maeve Doyle', p)),
      line('Maeve Doyle', 'end. too soppy?'),
      line('Orla', 'post it'),
    ].join('\n');
    const work = await importWork([file('skype.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'Maeve Doyle');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'end. too soppy?');
    assert.equal(work.chapters[0].notes.end, 'shh');
    assert.match(work.notes.beginning ?? '', /for the winter swap/);
  });

  it('reads a messenger’s archive with each header on a line of its own, over the export’s own lines', async () => {
    const header = (name: string, time: string) => `${name} (2012-03-18 ${time}):`;
    const text = [
      'Archiwum rozmów',
      'Rozmowa z: Ola (1234567)',
      '',
      header('latarnik', '22:05:12'),
      'wklejam ci to. title: Keeper. pisz szczerze!!',
      header('Ola', '22:05:40'),
      'dawaj :D',
      header('latarnik', '22:06:30'),
      'Part 1',
      ...partOne.flatMap((p, i) => [header('latarnik', `22:0${7 + i}:10`), p]),
      header('Ola', '22:14:03'),
      'hahaha',
      header('latarnik', '22:14:20'),
      'Part 2',
      ...partTwo.flatMap((p, i) => [header('latarnik', `22:1${5 + i}:20`), p]),
    ].join('\n');
    const work = await importWork([file('archiwum.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'latarnik');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('keeps a story told as a chat whole, its parts headed but its lines a chat’s', async () => {
    const line = (name: string, text: string) => `[06/10/2013 21:04:11] ${name}: ${text}`;
    const text = [
      line('Keeper', '~ one ~'),
      line('Keeper', 'is anyone there'),
      line('Gull', 'no'),
      line('Keeper', 'you are a gull'),
      line('Keeper', 'gulls cannot type'),
      line('Gull', 'and yet'),
      line('Keeper', '~ two ~'),
      line('Keeper', 'the boat is late again'),
      line('Gull', 'I ate the boat'),
    ];
    const work = await importWork([file('texts.txt', text.join('\n'))]);
    assert.equal(work.chapters.length, 1);
    assert.equal(storyOf(work).join('\n').includes('I ate the boat'), true);
  });
});

describe('a chat copied from an instant messenger or a team chat, with a story pasted in', () => {
  it('reads an AIM log saved by Trillian: “[hh:mm] nick:” on every line, the session lines the client’s', async () => {
    const line = (time: string, nick: string, text: string) => `[${time}] ${nick}: ${text}`;
    const text = [
      'Session Start (AIM - lampwriter:gullreader): Fri Oct 15 22:41:09 2004',
      line('22:41', 'gullreader', 'hey are you there'),
      line('22:41', 'lampwriter', 'yes. ok here is the lighthouse thing, beta it before the list'),
      line('22:42', 'lampwriter', 'title: Keeper'),
      line('22:42', 'gullreader', '!!! go'),
      line('22:43', 'lampwriter', '~part one~'),
      ...partOne.map((p) => line('22:43', 'lampwriter', p)),
      line('22:47', 'gullreader', 'the fog lol'),
      line('22:48', 'lampwriter', '~part two~'),
      ...partTwo.map((p) => line('22:48', 'lampwriter', p)),
      line('22:52', 'lampwriter', 'the end. it is short because the list said 400 words'),
      line('22:53', 'gullreader', 'i love it, the dog!!'),
      line('22:53', 'lampwriter', 'ok thanks'),
      'Session Close (gullreader): Fri Oct 15 22:58:31 2004',
    ].join('\n');
    const work = await importWork([file('gullreader.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'lampwriter');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('reads LINE’s saved chat history: “hh:mm<TAB>name<TAB>message” lines, “[1]” / “[2]” heading the parts, a quoted title and byline in a message', async () => {
    const line = (time: string, nick: string, text: string) => `${time}\t${nick}\t${text}`;
    const text = [
      '[LINE] Chat history with Harbour Writers',
      'Saved on: 2023/11/02 23:40',
      '',
      '2023/11/02(Thu)',
      line('22:01', 'fog horn', 'ok here is the lighthouse one, be nice'),
      line('22:01', 'fog horn', '“Keeper” by fog horn'),
      line('22:02', 'fog horn', '[1]'),
      ...partOne.map((p) => line('22:03', 'fog horn', p)),
      line('22:05', 'gull_girl', 'the gulls lol'),
      line('22:06', 'fog horn', '[2]'),
      ...partTwo.map((p) => line('22:07', 'fog horn', p)),
      line('22:09', 'fog horn', 'the end! thanks for reading'),
      line('22:10', 'gull_girl', '[Sticker]'),
      line('22:10', 'gull_girl', 'the dog!!!'),
    ].join('\n');
    const work = await importWork([file('[LINE] Chat with Harbour Writers.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'fog horn');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.beginning, 'ok here is the lighthouse one, be nice');
    assert.equal(work.notes.end, 'the end! thanks for reading');
  });

  it('reads a Pidgin HTML log: “(09:12:40 PM) nick:” in <font> tags on every line, its “Conversation with …” heading the log’s, not the title', async () => {
    const line = (time: string, nick: string, text: string) =>
      `<font color="#A82F2F"><font size="2">(${time} PM)</font> <b>${nick}:</b></font> ${text}<br/>`;
    const html = [
      '<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"><title>Conversation with gullreader at Fri 15 Oct 2004 10:41:09 PM on lampwriter (AIM)</title></head><body>',
      '<h3>Conversation with gullreader at Fri 15 Oct 2004 10:41:09 PM on lampwriter (AIM)</h3>',
      line('10:41:09', 'lampwriter', 'ok here is the lighthouse thing'),
      line('10:41:30', 'gullreader', 'go!!'),
      line('10:42:02', 'lampwriter', 'its called Keeper.'),
      line('10:42:10', 'lampwriter', 'part 1'),
      ...partOne.map((p) => line('10:43:00', 'lampwriter', p)),
      line('10:46:00', 'gullreader', 'the fog lol'),
      line('10:47:00', 'lampwriter', 'part 2'),
      ...partTwo.map((p) => line('10:48:00', 'lampwriter', p)),
      line('10:52:00', 'lampwriter', 'THE END. thanks for reading'),
      line('10:53:00', 'gullreader', 'the dog!!'),
      '</body></html>',
    ].join('\n');
    const work = await importWork([file('2004-10-15.224109.html', html)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'lampwriter');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('reads a Slack channel pasted: “name  9:02 PM” over each message, reactions and reply counts the app’s', async () => {
    const text = [
      '#fic-swap',
      'Channel details  ·  9 members',
      '',
      'lampwriter  9:02 PM',
      'ok here it goes, my lighthouse ficlet for the swap. title: Keeper',
      'lampwriter  9:03 PM',
      'PART 1',
      '',
      partOne.join('\n\n'),
      '',
      ':heart: 3  :ocean: 2',
      'gull reader  9:07 PM',
      'THE FOG',
      'lampwriter  9:08 PM',
      'PART 2',
      '',
      partTwo.join('\n\n'),
      '',
      ':tada: 5',
      'gull reader  9:15 PM',
      'i love it so much, the dog!!!!',
      '3 replies  Last reply today at 9:31 PM',
    ].join('\n');
    const work = await importWork([file('slack.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'lampwriter');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('reads a Messenger conversation copied from the web: the sender’s name over each message, “You” over the reader’s, “1/2” heading the parts', async () => {
    const text = [
      'Messenger',
      'Chats',
      'Ana Ruiz',
      'Active 5m ago',
      '',
      'Ana Ruiz',
      'ok so I wrote the lighthouse thing. dont laugh. its called Keeper',
      'You',
      'send it',
      'Ana Ruiz',
      '1/2',
      partOne.join('\n\n'),
      'You',
      'the fog 😂',
      'Ana Ruiz',
      '2/2',
      partTwo.join('\n\n'),
      'Ana Ruiz',
      'fin. be honest is it too soppy',
      'You',
      'post it!!',
      'Aa',
    ].join('\n');
    const work = await importWork([file('messenger.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'Ana Ruiz');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.beginning, 'ok so I wrote the lighthouse thing. dont laugh. its called Keeper');
  });

  it('reads the title a writer announces with its rating and pairing after it, “… 🌊 Keeper in the Fog (gen, G, Keeper + dog)”', async () => {
    const line = (name: string, text: string) => `[06/10/2013 21:04:11] ${name}: ${text}`;
    const text = [
      line(
        'Maeve Doyle',
        'ok here it goes!! my lighthouse ficlet for the winter swap, for @orla 🌊 Keeper in the Fog (gen, G, Keeper + dog)',
      ),
      line('Orla', 'READY'),
      line('Maeve Doyle', 'PART 1'),
      ...partOne.map((p) => line('Maeve Doyle', p)),
      line('Orla', 'the gulls'),
      line('Maeve Doyle', 'PART 2'),
      ...partTwo.map((p) => line('Maeve Doyle', p)),
      line('Orla', 'post it'),
    ].join('\n');
    const work = await importWork([file('swap.txt', text)]);
    assert.equal(work.title, 'Keeper in the Fog');
    assert.equal(
      work.notes.beginning,
      'ok here it goes!! my lighthouse ficlet for the winter swap, for @orla 🌊 Keeper in the Fog (gen, G, Keeper + dog)',
    );
    assert.equal(work.chapters.length, 2);
  });
});

describe('a story pasted into a messenger’s conversation, as its history or archive keeps it', () => {
  it('reads an ICQ message history: “nick (12/19/2003 8:41:02 PM)” over each message, “[Part 1 of 2]” messages, a part over two messages', async () => {
    const header = (nick: string, time: string) => `${nick} (12/19/2003 ${time} PM)`;
    const text = [
      'ICQ 2003b - Message History with gull_reader (123456789)',
      '-------------------------------------------------------',
      '',
      header('lamp_writer', '8:41:02'),
      'ok the lighthouse fic is done finally',
      '',
      header('gull_reader', '8:41:30'),
      'whats it called',
      '',
      header('lamp_writer', '8:41:55'),
      'its called The Keeper of Gull Rock',
      '',
      header('lamp_writer', '8:42:31'),
      '[Part 1 of 2]',
      '',
      header('lamp_writer', '8:42:33'),
      partOne.slice(0, 2).join('\n'),
      '',
      header('lamp_writer', '8:42:35'),
      partOne[2],
      '',
      header('gull_reader', '8:44:12'),
      'the fog lol',
      '',
      header('lamp_writer', '8:44:40'),
      '[Part 2 of 2]',
      '',
      header('lamp_writer', '8:44:42'),
      partTwo.join('\n'),
      '',
      header('lamp_writer', '8:45:03'),
      'ok done!! is the dog too much, i can cut it',
      '',
      header('gull_reader', '8:47:51'),
      'keep the dog',
    ].join('\n');
    const work = await importWork([file('icq history.txt', text)]);
    assert.equal(work.title, 'The Keeper of Gull Rock');
    assert.equal(creator(work), 'lamp_writer');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.beginning, 'ok the lighthouse fic is done finally\n\nits called The Keeper of Gull Rock');
    assert.equal(work.notes.end, 'ok done!! is the dog too much, i can cut it');
  });

  it('reads a Yahoo! Messenger archive: “nick (7:02:11 PM): ” before every message, the title told with its number of parts', async () => {
    const line = (nick: string, time: string, text: string) => `${nick} (${time} PM): ${text}`;
    const text = [
      'Archived Messages - lamp_writer with gull_reader',
      '',
      line('lamp_writer', '7:02:11', 'here is the lighthouse fic i told u about!! The Keeper of Gull Rock. 2 parts'),
      line('gull_reader', '7:02:40', 'YES'),
      line('lamp_writer', '7:03:02', 'part 1'),
      ...partOne.map((p) => line('lamp_writer', '7:03:10', p)),
      line('gull_reader', '7:05:55', 'the fog lol'),
      line('lamp_writer', '7:06:20', 'part 2'),
      ...partTwo.map((p) => line('lamp_writer', '7:06:30', p)),
      line('lamp_writer', '7:07:01', 'thats all!!! pls tell me what u think'),
      line('gull_reader', '7:09:44', 'the dog :( post it'),
    ].join('\n');
    const work = await importWork([file('archive.txt', text)]);
    assert.equal(work.title, 'The Keeper of Gull Rock');
    assert.equal(creator(work), 'lamp_writer');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'thats all!!! pls tell me what u think');
  });

  it('reads a BlackBerry Messenger history: “Name: message (10:14)”, the time after each message, “Judulnya …” telling the title', async () => {
    const line = (name: string, text: string) => `${name}: ${text} (10:14)`;
    const text = [
      'BBM Chat History',
      'Chat with: Gull Reader',
      'Started: 9/8/2013 10:12',
      '',
      line('Lamp Writer', 'Aku udah selesai nulis fanfic. Judulnya Penjaga Mercusuar. Dua bagian ya.'),
      line('Gull Reader', 'kirim aja'),
      line('Lamp Writer', 'BAGIAN 1'),
      ...partOne.map((p) => line('Lamp Writer', p)),
      line('Gull Reader', 'kabutnya!!'),
      line('Lamp Writer', 'BAGIAN 2'),
      ...partTwo.map((p) => line('Lamp Writer', p)),
      line('Lamp Writer', 'Udah, tamat. Gimana?'),
      line('Gull Reader', 'bagus!!'),
    ].join('\n');
    const work = await importWork([file('bbm.txt', text)]);
    assert.equal(work.title, 'Penjaga Mercusuar');
    assert.equal(creator(work), 'Lamp Writer');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'Udah, tamat. Gimana?');
    assert.equal(
      work.preview.pieces.some((p) => p.part === 'text' && p.text.includes('(10:14)')),
      false,
    );
    // Nothing is left of the writer's "Lamp Writer:" once their name is taken for the creator's.
    assert.equal(
      work.preview.pieces.some((p) => p.part === 'metadata' && p.text.trim() === ''),
      false,
    );
  });

  it('reads an MSN Messenger conversation pasted: “name says:” over each message, a decorated name, the part’s heading the first line of its message', async () => {
    const text = [
      'Gull [in class, text me] says:',
      'so?',
      '~*Lamp*~ says:',
      'ok its finished!! its called The Keeper of Gull Rock',
      'Gull [in class, text me] says:',
      'go',
      '~*Lamp*~ says:',
      'PART ONE',
      ...partOne,
      'Gull [in class, text me] says:',
      'the fog',
      '~*Lamp*~ says:',
      'PART TWO',
      ...partTwo,
      '~*Lamp*~ says:',
      'and that’s it. too soppy?',
      'Gull [in class, text me] says:',
      'no!!',
    ].join('\r\n');
    const work = await importWork([file('msn.txt', text)]);
    assert.equal(work.title, 'The Keeper of Gull Rock');
    assert.equal(creator(work), '~*Lamp*~');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('cuts the last part’s last line where “FIN.” runs into the writer’s words to the chat', async () => {
    const text = [
      'Gull says:',
      'so?',
      'Lamp says:',
      'ok its called The Keeper of Gull Rock',
      'Gull says:',
      'go',
      'Lamp says:',
      'PART ONE',
      ...partOne,
      'Gull says:',
      'the fog',
      'Lamp says:',
      'PART TWO',
      ...partTwo.slice(0, 2),
      `${partTwo[2]} FIN. too soppy?`,
      'Gull says:',
      'no!!',
    ].join('\r\n');
    const work = await importWork([file('msn.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end ?? work.chapters[1].notes.end, 'too soppy?');
  });

  it('reads these messengers’ other versions: Windows Live’s “name says (10:15 PM):”, Yahoo!’s time after the day’s date, BBM’s time with seconds', async () => {
    const wlm = [
      'Gull says (10:14 PM):',
      'so?',
      'Lamp says (10:15 PM):',
      'ok its called The Keeper of Gull Rock',
      'Gull says (10:15 PM):',
      'go',
      'Lamp says (10:16 PM):',
      'PART ONE',
      ...partOne,
      'Gull says (10:18 PM):',
      'the fog',
      'Lamp says (10:19 PM):',
      'PART TWO',
      ...partTwo,
    ];
    const yahoo = [
      'lamp (12/19/03 7:02:11 PM): ok its called The Keeper of Gull Rock',
      'gull (12/19/03 7:02:40 PM): YES',
      'lamp (12/19/03 7:03:02 PM): part 1',
      ...partOne.map((p) => `lamp (12/19/03 7:03:10 PM): ${p}`),
      'gull (12/19/03 7:05:55 PM): the fog',
      'lamp (12/19/03 7:06:20 PM): part 2',
      ...partTwo.map((p) => `lamp (12/19/03 7:06:30 PM): ${p}`),
    ];
    const bbm = [
      'Lamp: ok its called The Keeper of Gull Rock (10:14:02 PM)',
      'Gull: go (10:14:30 PM)',
      'Lamp: BAGIAN 1 (10:15:01 PM)',
      ...partOne.map((p) => `Lamp: ${p} (10:15:40 PM)`),
      'Gull: the fog (10:16:12 PM)',
      'Lamp: BAGIAN 2 (10:17:01 PM)',
      ...partTwo.map((p) => `Lamp: ${p} (10:17:40 PM)`),
    ];
    for (const [name, lines] of [
      ['wlm.txt', wlm],
      ['yahoo.txt', yahoo],
      ['bbm.txt', bbm],
    ] as const) {
      const work = await importWork([file(name, lines.join('\n'))]);
      assert.equal(work.title, 'The Keeper of Gull Rock', name);
      assert.equal(work.chapters.length, 2, name);
      assert.deepEqual(storyOf(work, 1), partTwo, name);
    }
  });

  it('reads Discord messages selected and copied: “name — Today at 11:42 PM” over each, the title told as “title is …”', async () => {
    const header = (name: string, time: string) => `${name} — Today at ${time} PM`;
    const text = [
      header('lamp_writer', '11:42'),
      'ok here it is, the lighthouse fic i promised. title is "The Keeper". be nice its 2am',
      header('lamp_writer', '11:43'),
      partOne.join('\n'),
      header('lamp_writer', '11:44'),
      partTwo.join('\n'),
      header('gull_reader', '11:50'),
      'THE DOG',
      header('lamp_writer', '11:51'),
      'ok done!! lmk what u think',
    ].join('\n');
    const work = await importWork([file('discord.txt', text)]);
    assert.equal(work.title, 'The Keeper');
    assert.equal(creator(work), 'lamp_writer');
    assert.deepEqual(storyOf(work), [...partOne, ...partTwo]);
    assert.equal(work.notes.end, 'ok done!! lmk what u think');
  });

  it('reads Discord’s desktop copy: the name alone over “ — Today at 21:02”, “**part 1**” in bold heading a part, not titling the work', async () => {
    const header = (name: string, time: string) => [name, ` — Today at ${time}`];
    const text = [
      ...header('lamp_writer', '21:02'),
      'ok posting it here. title is "The Keeper", gen',
      ...header('lamp_writer', '21:03'),
      '**part 1**',
      ...partOne,
      ...header('gull_reader', '21:05'),
      'THE FOG',
      ...header('lamp_writer', '21:09'),
      '**part 2**',
      ...partTwo,
      ...header('gull_reader', '21:12'),
      'the dog!!',
    ].join('\n');
    const work = await importWork([file('discord.txt', text)]);
    assert.equal(work.title, 'The Keeper');
    assert.equal(creator(work), 'lamp_writer');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('reads a Microsoft Teams chat copied: “[12:47 PM] Name” over each message, a reaction line under a colleague’s', async () => {
    const text = [
      '[12:47 PM] Gull Reader',
      'did you bring the lighthouse story',
      '[12:52 PM] Lamp Writer',
      'Here it is. It’s called "The Keeper of Gull Rock", two short bits.',
      '[12:52 PM] Lamp Writer',
      'Part one',
      ...partOne,
      '[12:55 PM] Gull Reader',
      'the fog!',
      'like 1',
      '[12:56 PM] Lamp Writer',
      'Part two',
      ...partTwo,
      '[12:57 PM] Lamp Writer',
      'Anyway that’s the end.',
      '[1:03 PM] Gull Reader',
      'the dog!!',
    ].join('\n');
    const work = await importWork([file('teams.txt', text)]);
    assert.equal(work.title, 'The Keeper of Gull Rock');
    assert.equal(creator(work), 'Lamp Writer');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('reads a mIRC log: the title told with its parts, “END” and the writer’s thanks run into the last line', async () => {
    const line = (time: string, nick: string, text: string) => `[${time}] <${nick}> ${text}`;
    const text = [
      'Session Start: Fri Jan 23 21:00:02 2004',
      'Session Ident: #lighthouse',
      '[21:00] * Now talking in #lighthouse',
      line('21:02', 'lamp_writer', 'ok shush everyone. this is The Keeper of Gull Rock, two parts, for fic night'),
      line('21:02', 'gull_reader', 'yay'),
      line('21:03', 'lamp_writer', 'PART ONE'),
      line('21:03', 'lamp_writer', partOne.join(' ')),
      line('21:05', 'gull_reader', 'the fog lmao'),
      line('21:05', 'lamp_writer', 'PART TWO'),
      line('21:06', 'lamp_writer', `${partTwo.join(' ')} END ok that's it. thanks for listening guys`),
      line('21:07', 'gull_reader', 'the dog'),
      'Session Close: Fri Jan 23 22:10:45 2004',
    ].join('\n');
    const work = await importWork([file('#lighthouse.log', text)]);
    assert.equal(work.title, 'The Keeper of Gull Rock');
    assert.equal(creator(work), 'lamp_writer');
    assert.equal(work.chapters.length, 2);
    assert.equal(storyOf(work, 1).join(' '), partTwo.join(' '));
    assert.match(work.notes.end ?? work.chapters[1].notes.end ?? '', /^ok that's it\. thanks for listening guys$/);
  });
});

describe('the lines a messenger writes over a conversation saved with a story in it', () => {
  // Each part pasted whole, as one message long enough to be a story's.
  const one = [
    ...partOne,
    'He made tea. He drank the tea. He watched the sea do what the sea always did, which was everything and nothing at once, and he wrote all of it down in the log.',
  ].join(' ');
  const two = [
    ...partTwo,
    'The dog, it turned out, liked tea. By morning they were friends, and the log had a new line in it, under the weather: one dog, brown, staying.',
  ].join(' ');

  it('takes neither ICQ’s “Message History with …” line nor Yahoo!’s “Archived Messages - … with …” for the title', async () => {
    const icq = [
      'ICQ 2003b - Message History with gull_reader (123456789)',
      '-------------------------------------------------------',
      '',
      'lamp_writer (12/19/2003 8:41:02 PM)',
      'ok its called Keeper, here goes',
      '',
      'gull_reader (12/19/2003 8:41:30 PM)',
      'go',
      '',
      'lamp_writer (12/19/2003 8:42:33 PM)',
      one,
      '',
      'gull_reader (12/19/2003 8:44:12 PM)',
      'lol the fog',
      '',
      'lamp_writer (12/19/2003 8:44:42 PM)',
      two,
    ].join('\n');
    const yahoo = [
      'Archived Messages - lamp_writer with gull_reader',
      '',
      'lamp_writer (7:02:11 PM): ok its called Keeper, here goes',
      'gull_reader (7:02:40 PM): YES',
      `lamp_writer (7:03:10 PM): ${one}`,
      'gull_reader (7:05:55 PM): lol the fog',
      `lamp_writer (7:06:30 PM): ${two}`,
    ].join('\n');
    for (const [name, text] of [
      ['icq.txt', icq],
      ['yahoo.txt', yahoo],
    ]) {
      const work = await importWork([file(name, text)]);
      assert.equal(work.title, 'Keeper', name);
      assert.equal(creator(work), 'lamp_writer', name);
      assert.equal(work.chapters.length, 2, name);
    }
  });

  it('takes no mIRC “Session Start: …” / “Session Close: …” line for the title or the writer’s note', async () => {
    const text = [
      'Session Start: Fri Jan 23 21:00:02 2004',
      'Session Ident: #lighthouse',
      '[21:00] * Now talking in #lighthouse',
      '[21:02] <lamp_writer> ok shush everyone. its called Keeper',
      '[21:02] <gull_reader> yay',
      `[21:03] <lamp_writer> ${one}`,
      '[21:05] <gull_reader> the fog lmao',
      `[21:06] <lamp_writer> ${two}`,
      'Session Close: Fri Jan 23 22:10:45 2004',
    ].join('\n');
    const work = await importWork([file('#lighthouse.log', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(work.chapters.length, 2);
    assert.equal(/Session/.test(JSON.stringify(work.notes)), false);
  });
});

describe('lines of a story shaped like a messenger’s', () => {
  it('keeps a story whose characters are quoted under “Name says:” lines as story', async () => {
    const text = [
      'The Notes on the Fridge',
      '',
      'Mum says:',
      'Eat the soup before it goes off. There is bread in the tin and the good butter is for Sunday.',
      '',
      'Dad says:',
      'Listen to your mother, and feed the cat, who has not been fed, whatever she tells you.',
      '',
      'The cat says nothing. She sits on the fridge and watches the notes pile up under the magnets.',
      '',
      'Mum says:',
      'Who ate the good butter?',
    ].join('\n');
    const work = await importWork([file('fridge.txt', text)]);
    assert.equal(work.chapters.length, 1);
    assert.equal(
      storyOf(work).some((p) => p.includes('Who ate the good butter?')),
      true,
    );
    assert.equal(
      storyOf(work).some((p) => p.includes('Listen to your mother')),
      true,
    );
  });

  it('does not take a writer’s “Here it is. 2 parts” for a title, nor a last paragraph’s plain “That’s all.” for their note', async () => {
    const line = (nick: string, text: string) => `${nick} (7:02:11 PM): ${text}`;
    const ending = 'That’s all, he thought, and he put the kettle on for two, out of habit, and sat down to wait.';
    const text = [
      line('lamp_writer', 'ok. Here it is. 2 parts'),
      line('gull_reader', 'YES'),
      line('lamp_writer', 'part 1'),
      ...partOne.map((p) => line('lamp_writer', p)),
      line('gull_reader', 'the fog lol'),
      line('lamp_writer', 'part 2'),
      ...partTwo.slice(0, 2).map((p) => line('lamp_writer', p)),
      line('lamp_writer', ending),
    ].join('\n');
    const work = await importWork([file('archive.txt', text)]);
    assert.notEqual(work.title, 'Here it is');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 1), [...partTwo.slice(0, 2), ending]);
  });
});

describe('a story whose characters text each other, no chat’s log', () => {
  // Paragraphs of a story's length, a sentence or four each: no chat message runs on so.
  const narration = [
    'The kettle had been boiling for a minute before she noticed it. She switched it off and stood by the window, watching the rain come in sideways off the river. The landlord had promised to fix the gutter in October, and then in November, and then he had stopped answering altogether.',
    'Across the road the baker was pulling down his shutter, slowly, as if it weighed more than it used to. A bus went by with nobody on it. She counted the lit windows in the flats opposite, as she had done since she was small, and got a different number every time. Somebody on the third floor was cooking onions. Somebody else was practising the same four bars on a trumpet, over and over, never quite reaching the top note, and she found herself waiting for it.',
    'She thought about the drive north, and the long table, and her brother carving as though nothing had happened. She thought about the crack in the ceiling and the letter in the drawer. Then she put her coat on, and took it off again, and sat down on the stairs.',
  ];

  it('keeps narration between “Mum says:” texts the story’s', async () => {
    const text = [
      'Unread',
      '',
      narration[0],
      '',
      'Mum says:',
      '',
      'Are you up?',
      '',
      narration[1],
      '',
      'Ben says:',
      '',
      'did u tell her',
      '',
      narration[2],
      '',
      'Mum says:',
      '',
      'hello?',
      '',
      'She let it ring.',
    ];
    const work = await importWork([file('unread.txt', text.join('\n'))]);
    const story = storyOf(work).join('\n');
    for (const paragraph of narration) assert.equal(story.includes(paragraph), true, paragraph);
    assert.equal(story.includes('Mum says:'), true);
  });

  it('keeps narration between “Ben (10:14): …” and “Ben: … (10:14)” texts the story’s', async () => {
    for (const texts of [
      [
        'Ben (10:14): anyone coming',
        'Mum (10:15): Yes. All of you.',
        'Ben (10:15): fine',
        'Gran (10:21): Wear a collar.',
      ],
      [
        'Ben: anyone coming (10:14)',
        'Mum: Yes. All of you. (10:15)',
        'Ben: fine (10:15)',
        'Gran: Wear a collar. (10:21)',
      ],
    ]) {
      const text = [
        'The Group',
        '',
        narration[0],
        '',
        ...texts.slice(0, 3),
        '',
        `${narration[1]} ${narration[2]}`,
        '',
        texts[3],
      ];
      const work = await importWork([file('group.txt', text.join('\n'))]);
      const story = storyOf(work).join('\n');
      assert.equal(story.includes(narration[0]), true);
      assert.equal(story.includes(narration[2]), true);
      assert.equal(story.includes(texts[0]), true);
    }
  });

  it('keeps a live-posted story’s last paragraph opening “The end, when it came, …” the story’s', async () => {
    const header = (name: string, time: string) => `${name} (2012-03-18 22:${time}:00):`;
    const last = 'The end, when it came, was quiet: the dog asleep on the rug and the kettle on for two.';
    const text = [
      header('keeper', '01'),
      'ok posting it now',
      header('gull', '02'),
      'yay',
      header('keeper', '03'),
      'part 1',
      ...partOne.flatMap((p, i) => [header('keeper', `1${i}`), p]),
      header('gull', '20'),
      'the fog lol',
      header('keeper', '21'),
      'part 2',
      ...[...partTwo, last].flatMap((p, i) => [header('keeper', `3${i}`), p]),
      header('gull', '40'),
      'omg',
    ];
    const work = await importWork([file('log.txt', text.join('\n'))]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 1), [...partTwo, last]);
  });
});

describe('a chat log with a blank line under its opening line, a message a line below it', () => {
  it('reads an Adium transcript: “(hh:mm:ss) nick:” lines stay messages, not one paragraph run together', async () => {
    const line = (time: string, nick: string, text: string) => `(${time}) ${nick}: ${text}`;
    const text = [
      'Conversation with gullreader at 2013-08-02 21:14:07 on lampwriter (AIM)',
      '',
      line('21:14:07', 'lampwriter', 'ok i finished the lighthouse one'),
      line('21:14:22', 'gullreader', 'YES post it here first'),
      line('21:14:40', 'lampwriter', 'its called Keeper, two parts, rated G'),
      line('21:16:11', 'lampwriter', 'PART 1'),
      ...partOne.map((p) => line('21:16:30', 'lampwriter', p)),
      line('21:19:48', 'gullreader', 'the fog lol'),
      line('21:20:45', 'lampwriter', 'PART 2'),
      ...partTwo.map((p) => line('21:21:30', 'lampwriter', p)),
      line('21:24:10', 'lampwriter', 'thats it!! the end. be honest lol'),
      line('21:24:31', 'gullreader', 'it’s perfect'),
    ].join('\n');
    const work = await importWork([file('gullreader.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'lampwriter');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'thats it!! the end. be honest lol');
  });

  it('reads an XChat log: “Mon DD hh:mm:ss <nick><TAB>” lines, “part 1/2” heading the parts, the BEGIN / ENDING LOGGING lines the client’s', async () => {
    const line = (time: string, nick: string, text: string) => `Jan 21 ${time} <${nick}>\t${text}`;
    const text = [
      '**** BEGIN LOGGING AT Sat Jan 21 20:31:44 2017',
      '',
      'Jan 21 20:31:44 *\tNow talking on #lighthouse-writers',
      line('20:32:10', 'lampwriter', 'ok i wrote the keeper thing, its called Keeper, pasting it in two bits'),
      line('20:32:40', 'gullreader', 'go for it'),
      line('20:33:02', 'lampwriter', 'part 1/2'),
      ...partOne.map((p) => line('20:33:30', 'lampwriter', p)),
      line('20:37:15', 'gullreader', 'the fog lol'),
      line('20:37:30', 'lampwriter', 'part 2/2'),
      ...partTwo.map((p) => line('20:38:00', 'lampwriter', p)),
      line('20:41:02', 'lampwriter', 'end!!! thats it'),
      'Jan 21 20:41:50 *\tgullreader (~gull@example.net) has left #lighthouse-writers',
      '**** ENDING LOGGING AT Sat Jan 21 20:42:03 2017',
    ].join('\n');
    const work = await importWork([file('lighthouse.log', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'lampwriter');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'end!!! thats it');
  });

  it('reads a WhatsApp export whose story message has blank lines in it: the messages over it stay the writer’s, the title told and repeated over the story taken once', async () => {
    const line = (time: string, nick: string, text: string) => `12/03/2019, ${time} - ${nick}: ${text}`;
    const text = [
      '12/03/2019, 21:02 - Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.',
      line('21:05', 'Niamh', 'ok so i finally finished it!! its called Keeper, rated G'),
      line('21:05', 'Niamh', 'dont laugh at the ending ok'),
      line('21:06', 'Ciara', 'I WON’T'),
      line('21:08', 'Niamh', 'Keeper'),
      '',
      partOne.join('\n\n'),
      line('21:09', 'Ciara', 'oh no'),
      line('21:11', 'Niamh', partTwo.join('\n\n')),
      line('21:12', 'Ciara', 'CRYING'),
    ].join('\n');
    const work = await importWork([file('WhatsApp Chat with Ciara.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'Niamh');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.match(work.notes.beginning ?? '', /dont laugh at the ending ok/);
  });

  it('reads a Discord paste of the writer’s own messages alone: “name — date time” over each, the bold title, the note over it and under the story', async () => {
    const header = (time: string) => `gullwatcher — 10/12/2023 ${time}`;
    const text = [
      header('9:41 PM'),
      'ok here it is!! the lighthouse fic i promised in #writing-wip. no beta we die like men',
      '**Keeper**',
      partOne.join('\n\n'),
      header('9:42 PM'),
      partTwo.join('\n\n'),
      header('9:44 PM'),
      'end!! lmk what u think',
    ].join('\n');
    const work = await importWork([file('discord.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'gullwatcher');
    assert.deepEqual(storyOf(work), [...partOne, ...partTwo]);
    assert.equal(
      work.notes.beginning,
      'ok here it is!! the lighthouse fic i promised in #writing-wip. no beta we die like men',
    );
    assert.equal(work.notes.end, 'end!! lmk what u think');
  });

  it('reads a Discord copy whose members show their pronouns by their names: “wren (she/her) — Today at 9:41 PM”', async () => {
    const text = [
      'wren (she/her) — Today at 9:41 PM',
      'ok i finished the drabble from the prompt game, its unbeta’d. cw for mild blood',
      'wren (she/her) — Today at 9:41 PM',
      [...partOne, ...partTwo].join('\n'),
      'marrow (they/them) — Today at 9:44 PM',
      'i am literally crying on the bus',
      'wren (she/her) — Today at 9:44 PM',
      'lmaooo sorry. ok thats it, feel free to crit',
    ].join('\n');
    const work = await importWork([file('discord.txt', text)]);
    assert.equal(creator(work), 'wren');
    assert.deepEqual(storyOf(work), [...partOne, ...partTwo]);
    assert.equal(work.notes.end, 'lmaooo sorry. ok thats it, feel free to crit');
    assert.doesNotMatch(storyOf(work).join(' '), /crying on the bus|Today at/);
  });

  it('keeps a story’s line naming a character with a bracket and a dash the story’s: “Wren (she was ten) — Today at last”', async () => {
    const text = ['Wren (she was ten) — Today at last', ...partOne, '', ...partTwo].join('\n');
    const work = await importWork([file('story.txt', text)]);
    assert.match(storyOf(work).join(' '), /Today at last/);
  });

  it('takes a lower-case “thats the end.” after the last part for the writer’s note, in a Miranda IM history', async () => {
    const line = (time: string, nick: string, text: string) => `[11/14/2001 ${time}] ${nick}: ${text}`;
    const text = [
      'History for gullreader (ICQ)',
      'Exported by History++ on 14.11.2001 22:48',
      '',
      line('9:02 PM', 'lampwriter', 'the new one is done, it’s called Keeper'),
      line('9:04 PM', 'gullreader', 'omg yes send'),
      line('9:05 PM', 'lampwriter', 'part one'),
      ...partOne.map((p) => line('9:06 PM', 'lampwriter', p)),
      line('9:12 PM', 'gullreader', 'noooo don’t stop there'),
      line('9:13 PM', 'lampwriter', 'part two'),
      ...partTwo.map((p) => line('9:14 PM', 'lampwriter', p)),
      line('9:19 PM', 'lampwriter', 'thats the end. is it too cheesy?? be honest'),
      line('9:20 PM', 'gullreader', 'ok i’m crying'),
    ].join('\n');
    const work = await importWork([file('history.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'thats the end. is it too cheesy?? be honest');
  });
});

describe('a chat log whose parts are told, not headed, or headed as the log’s client writes them', () => {
  it('reads a HexChat log: “[1/2]” lines head the parts, the title the one the channel’s topic gives the writer’s reading, the join lines the client’s', async () => {
    const line = (time: string, nick: string, text: string) => `Mar 14 ${time} <${nick}>\t${text}`;
    const text = [
      '**** BEGIN LOGGING AT Sat Mar 14 21:02:11 2015',
      '',
      'Mar 14 21:02:11 *\tNow talking on #lighthouse-fic',
      'Mar 14 21:02:11 *\tTopic for #lighthouse-fic is: fic night! tonight: lampwriter reads "Keeper" | be nice',
      line('21:04:05', 'lampwriter', 'short and silly, i wrote it on my lunch break'),
      line('21:04:20', 'gullreader', 'go go'),
      line('21:04:31', 'lampwriter', '[1/2]'),
      ...partOne.map((p) => line('21:05:10', 'lampwriter', p)),
      line('21:09:10', 'gullreader', 'lol the fog'),
      'Mar 14 21:09:33 *\tstormwatch (~sw@example.net) has joined #lighthouse-fic',
      line('21:09:40', 'lampwriter', '[2/2]'),
      ...partTwo.map((p) => line('21:10:00', 'lampwriter', p)),
      line('21:14:55', 'lampwriter', 'the end! thank u for listening'),
      line('21:15:08', 'gullreader', 'aww'),
      '',
      '**** ENDING LOGGING AT Sat Mar 14 21:16:02 2015',
    ].join('\n');
    const work = await importWork([file('hexchat.log', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'lampwriter');
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'the end! thank u for listening');
  });

  it('reads a Konversation log: “[date] [time] <nick>” lines, a service’s notice, Basque “*** LEHEN ZATIA ***” parts and “«…» deitzen da” telling the title', async () => {
    const line = (time: string, nick: string, text: string) => `[2011-11-19] [${time}] <${nick}> ${text}`;
    const text = [
      '[2011-11-19] [20:58:02] [Notice] -ChanServ- [#ipuin-gaua] Ongi etorri! Ipuin gaua larunbatero.',
      line('21:00:14', 'mendiko_txori', 'kaixo denoi'),
      line('21:00:40', 'amonaren_kutxa', 'kaixo! nor da gaur?'),
      line('21:01:05', 'mendiko_txori', 'ni. «Itsasargia» deitzen da, nire ipuina. bi zati.'),
      line('21:01:30', 'mendiko_txori', '*** LEHEN ZATIA ***'),
      ...partOne.map((p) => line('21:02:10', 'mendiko_txori', p)),
      line('21:05:44', 'amonaren_kutxa', 'ai ama...'),
      '[2011-11-19] [21:05:50] * gorbeia_gizona has joined #ipuin-gaua',
      line('21:06:02', 'mendiko_txori', '*** BIGARREN ZATIA ***'),
      ...partTwo.map((p) => line('21:07:20', 'mendiko_txori', p)),
      line('21:11:58', 'mendiko_txori', 'amaiera! eskerrik asko entzuteagatik'),
      line('21:12:31', 'amonaren_kutxa', 'oso polita!'),
    ].join('\n');
    const work = await importWork([file('konversation.log', text)]);
    assert.equal(work.title, 'Itsasargia');
    assert.equal(creator(work), 'mendiko_txori');
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'amaiera! eskerrik asko entzuteagatik');
    assert.doesNotMatch(storyOf(work).join(' '), /ChanServ|gorbeia_gizona|ai ama/);
  });

  it('reads a Kopete chat copied: “Conversation with … on …” over “[hh:mm:ss] nick:” lines, two parts told and cut only by the friend’s “more!!”', async () => {
    const line = (time: string, nick: string, text: string) => `[${time}] ${nick}: ${text}`;
    const text = [
      'Conversation with gullreader (gullreader@jabber.org) on Wed 17 Oct 2007',
      '',
      line('21:10:14', 'lampwriter', 'ok i finished the lighthouse thing'),
      line('21:10:20', 'gullreader', '!!!!! paste it'),
      line('21:10:48', 'lampwriter', 'title is "Keeper". its in two bits, here is the first'),
      ...partOne.map((p) => line('21:11:00', 'lampwriter', p)),
      line('21:14:30', 'gullreader', 'the fog!!'),
      line('21:14:41', 'gullreader', 'more!!'),
      line('21:15:02', 'lampwriter', 'ok'),
      ...partTwo.map((p) => line('21:15:30', 'lampwriter', p)),
      line('21:20:11', 'lampwriter', 'thats the end. too sad? be honest'),
      line('21:20:40', 'gullreader', 'not too sad'),
      'gullreader is now Away (Auto-away)',
    ].join('\n');
    const work = await importWork([file('kopete.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'lampwriter');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'thats the end. too sad? be honest');
  });

  it('reads a WeeChat log: “date time<TAB>nick<TAB>message” lines, its “-->” join and “--” topic lines the client’s', async () => {
    const line = (time: string, nick: string, text: string) => `2014-06-02 ${time}\t${nick}\t${text}`;
    const text = [
      line('20:59:58', '--', 'Topic for #keepers is "fic night"'),
      line('21:00:07', 'lampwriter', 'ok, its called Keeper, two parts'),
      line('21:00:20', '@gullreader', 'go'),
      line('21:00:31', 'lampwriter', 'part one'),
      ...partOne.map((p) => line('21:01:10', 'lampwriter', p)),
      line('21:04:02', '@gullreader', 'the fog!!'),
      line('21:04:09', '-->', 'stormwatch (~sw@example.net) has joined #keepers'),
      line('21:04:31', 'lampwriter', 'part two'),
      ...partTwo.map((p) => line('21:05:00', 'lampwriter', p)),
      line('21:08:55', 'lampwriter', 'the end! thanks for listening'),
      line('21:09:08', '@gullreader', 'aww'),
    ].join('\n');
    const work = await importWork([file('irc.freenode.#keepers.weechatlog', text)]);
    assert.equal(work.title, 'Keeper');
    assert.equal(creator(work), 'lampwriter');
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'the end! thanks for listening');
  });

  it('reads a Gaim log: a buddy signing off and on between the writer’s paragraphs is the messenger’s line, not the story’s', async () => {
    const line = (time: string, nick: string, text: string) => `(${time}) ${nick}: ${text}`;
    const text = [
      'Conversation with gullreader at Sat 12 Mar 2005 09:15:01 PM EST on lampwriter (aim)',
      line('09:15:01 PM', 'lampwriter', 'ok its called Keeper'),
      line('09:15:20 PM', 'gullreader', 'yay'),
      line('09:15:31 PM', 'lampwriter', 'part one'),
      ...partOne.slice(0, 2).map((p) => line('09:16:10 PM', 'lampwriter', p)),
      '(09:17:00 PM) gullreader has signed off.',
      '(09:17:30 PM) gullreader has signed on.',
      line('09:18:10 PM', 'lampwriter', partOne[2]),
      line('09:18:40 PM', 'gullreader', 'sorry my connection'),
      line('09:19:31 PM', 'lampwriter', 'part two'),
      ...partTwo.map((p) => line('09:20:00 PM', 'lampwriter', p)),
      line('09:24:55 PM', 'lampwriter', 'the end!'),
      '(09:25:30 PM) gullreader is now known as gull_afk.',
    ].join('\n');
    const work = await importWork([file('gaim.txt', text)]);
    assert.equal(work.title, 'Keeper');
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('reads a Quassel log: “[date time] <nick>” lines, its “*” notices the client’s, Haitian “PATI 1” parts, “li rele …” telling the title and “fen!!” ending the story', async () => {
    const line = (time: string, nick: string, text: string) => `[2011-06-18 ${time}] <${nick}> ${text}`;
    const text = [
      '[2011-06-18 20:58:03] * Now talking on #kont-ayisyen',
      '[2011-06-18 20:58:03] * Topic is: Kont, istwa, fanfik an kreyòl',
      line('21:01:40', 'lanp_lakay', 'bonswa tout moun!! m fin ekri yon nouvo istwa, li rele Gadyen Limyè a'),
      line('21:02:05', 'zanmi_lanmè', 'anfen!!'),
      line('21:02:30', 'lanp_lakay', 'PATI 1'),
      ...partOne.map((p) => line('21:03:10', 'lanp_lakay', p)),
      line('21:04:44', 'zanmi_lanmè', 'o o'),
      '[2011-06-18 21:05:01] * vwazen (~v@adsl.example.ht) has joined #kont-ayisyen',
      line('21:05:20', 'lanp_lakay', 'PATI 2'),
      ...partTwo.map((p) => line('21:06:10', 'lanp_lakay', p)),
      line('21:08:12', 'lanp_lakay', 'fen!! kisa nou panse?'),
      line('21:08:40', 'zanmi_lanmè', 'mwen kriye tou wi'),
    ].join('\n');
    const work = await importWork([file('quassel.txt', text)]);
    assert.equal(work.title, 'Gadyen Limyè a');
    assert.equal(creator(work), 'lanp_lakay');
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.equal(work.notes.end, 'fen!! kisa nou panse?');
    assert.doesNotMatch(storyOf(work).join(' '), /Now talking|vwazen|o o|kriye/);
  });

  it('takes the title a writer tells the chat after a comma, “my first fic ever, called Keeper”, and no title from “called it a night”', async () => {
    const line = (time: string, nick: string, text: string) => `2010-08-21 ${time}\t${nick}\t${text}`;
    const log = (opening: string) =>
      [
        line('21:03:40', 'lampwriter', opening),
        line('21:04:01', '@gullreader', 'go'),
        line('21:04:10', 'lampwriter', '--- 1 ---'),
        ...partOne.map((p) => line('21:04:36', 'lampwriter', p)),
        line('21:06:02', '@gullreader', 'ooh'),
        line('21:06:44', 'lampwriter', '--- 2 ---'),
        ...partTwo.map((p) => line('21:07:14', 'lampwriter', p)),
        line('21:08:30', 'lampwriter', 'the end.'),
      ].join('\n');
    const told = await importWork([file('weechat.log', log('ok here it is, my first fic ever, called Keeper'))]);
    assert.equal(told.title, 'Keeper');
    const untold = await importWork([file('weechat.log', log('wrote a story last night, called it a night at 3'))]);
    assert.notEqual(untold.title, 'it a night at 3');
    assert.deepEqual(storyOf(untold, 1), partTwo);
  });

  it('keeps a story told in one run whole when a reader breaks in mid-way but the writer told no number of parts', async () => {
    const line = (time: string, nick: string, text: string) => `[${time}] ${nick}: ${text}`;
    const text = [
      'Conversation with gullreader (gullreader@jabber.org) on Wed 17 Oct 2007',
      '',
      line('21:10:48', 'lampwriter', 'title is "Keeper". here goes'),
      ...partOne.map((p) => line('21:11:00', 'lampwriter', p)),
      line('21:14:30', 'gullreader', 'the fog!!'),
      ...partTwo.map((p) => line('21:15:30', 'lampwriter', p)),
      line('21:20:11', 'lampwriter', 'thats the end. too sad? be honest'),
      line('21:20:40', 'gullreader', 'not too sad'),
    ].join('\n');
    const work = await importWork([file('kopete.txt', text)]);
    assert.equal(work.chapters.length, 1);
  });
});
