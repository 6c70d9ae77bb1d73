/**
 * Writers' own files and board posts in West Frisian, Interlingua, Occitan, Papiamento, Uzbek, Scots, Kazakh, Georgian,
 * Belarusian, Bosnian and Macedonian: the "by" line ("troch", "per", "Muallif:", "напиша:"), the labelled fields, the part
 * headings with their number words and ordinals ("== Earste diel ==", "— 1-qism —", "Частка першая", "Прв дел"), "the
 * end", the line saying the rest comes tomorrow, and the boards' poster panes the posts sit beside.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterHeading, isByline, isEndMarker, labelledField, titleOf } from '../../../src/text/import/cues.ts';
import { subjectTitle } from '../../../src/text/import/mail-headers.ts';
import { continuesInNextPost } from '../../../src/text/import/note-sentences.ts';
import { creatorName, storyParagraphs, textFile as file } from '../../support/imports.ts';

describe('own files in West Frisian, Uzbek, Occitan, Interlingua and Scots', () => {
  it('reads a Frisian file: "troch" under the title, "Noat:", "== Earste diel ==" and EINE', async () => {
    const one = 'Pier stie op de dyk by Kimswert en seach nei it skip dat stadich út de mist wei kaam.';
    const two = 'De man knippere mei de eagen, en doe begûn er te laitsjen, sa hurd dat er hast oerboard foel.';
    const text = [
      'De fisker út Harns',
      'troch Wurdumer Wyfke',
      '',
      "Noat: Dit ferhaal is foar myn omke, dy't altyd oer Grutte Pier fertelde.",
      '',
      '== Earste diel ==',
      '',
      one,
      '',
      '== Twadde diel ==',
      '',
      two,
      '',
      'EINE',
      '',
      'Reaksjes binne tige wolkom!',
    ].join('\r\n');
    const work = await importWork([file('pier.txt', text)]);
    assert.equal(work.title, 'De fisker út Harns');
    assert.equal(creatorName(work), 'Wurdumer Wyfke');
    assert.equal(work.notes.beginning, "Dit ferhaal is foar myn omke, dy't altyd oer Grutte Pier fertelde.");
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(storyParagraphs(work), [one, two]);
  });

  it('reads an Uzbek file: the title over "Muallif:", "Janr:", "Izoh:", "— 1-qism —" and TAMOM', async () => {
    const one = 'Bir kuni amirning saroyiga chet eldan savdogarlar kelib, unga katta bir soat sovgʻa qilishdi.';
    const two = 'Uchinchi kuni soat toʻxtab qoldi, va amir gʻazablandi, chunki hech kim uni tuzata olmadi.';
    const text = [
      'AFANDI VA SOAT',
      'Muallif: Buxorolik_Qiz',
      '',
      'Janr: latifa, fanfik.',
      '',
      'Izoh: Bu hikoyani buvim aytib bergan latifalar asosida yozdim.',
      '',
      '— 1-qism —',
      '',
      one,
      '',
      '— 2-qism —',
      '',
      two,
      '',
      'TAMOM',
    ].join('\n');
    const work = await importWork([file('afandi.txt', text)]);
    assert.equal(work.title, 'AFANDI VA SOAT');
    assert.equal(creatorName(work), 'Buxorolik_Qiz');
    assert.equal(work.notes.beginning, 'Bu hikoyani buvim aytib bergan latifalar asosida yozdim.');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [one, two]);
  });

  it('reads "per" (Occitan, Interlingua) and "troch" (Frisian) as bylines only in lower case before a pen name', async () => {
    assert.ok(isByline('per Rucio_Fidel'));
    assert.ok(isByline('per Cigala de Maiana'));
    assert.ok(isByline('troch Wurdumer Wyfke'));
    for (const line of ['Per aspera ad astra', 'per sempre', 'per la mia amica', 'Troch de mist', 'troch it finster'])
      assert.ok(!isByline(line), line);
    const one =
      'Vincenç aviá setze ans e las mans totas trencadas per los vims, e pasmens cantava tot lo long del camin.';
    const text = [
      'La desca',
      'per Cigala de Maiana',
      '',
      'Resumit: Vincenç fa de descas.',
      '',
      "Nòta de l'autora: Escrivi aquò per lo talhièr d'escritura.",
      '',
      one,
    ].join('\n');
    const work = await importWork([file('desca.txt', text)]);
    assert.equal(work.title, 'La desca');
    assert.equal(creatorName(work), 'Cigala de Maiana');
    assert.equal(work.summary, 'Vincenç fa de descas.');
    assert.equal(work.notes.beginning, "Escrivi aquò per lo talhièr d'escritura.");
    assert.deepEqual(storyParagraphs(work), [one]);
  });

  it('reads the part headings of Frisian, Papiamento, Scots, Uzbek, Kazakh, Georgian, Belarusian and Macedonian, no title with them', () => {
    for (const line of [
      '== Earste diel ==',
      'Twadde diel',
      'PARTI 1',
      'Parti 2',
      '----- Pairt Ane -----',
      'Pairt Twa',
      'Pairt Three',
      '— 1-qism —',
      '3-qism',
      '1-бөлім',
      '2-бөлім',
      'ნაწილი პირველი',
      'ნაწილი მეორე',
      'Частка першая',
      'Частка трэцяя',
      'Прв дел',
      'Втор дел',
    ]) {
      const cue = chapterHeading(line);
      assert.ok(cue, line);
      assert.equal(cue.title, null, line);
    }
    assert.equal(chapterHeading('2-bob: Saroyda')?.title, 'Saroyda');
    // Story lines with the same words stay story.
    for (const line of [
      'Diel it brea mei dyn broer.',
      'Parti 1 kilo di pan pa mi.',
      'Pairt o the time he wis feart.',
      '1-qismni oʻqidim, juda yoqdi',
      'Частка хлеба ляжала на стале.',
      'Прв пат го видов на пазарот.',
      'ნაწილი მათგანი წავიდა.',
    ])
      assert.equal(chapterHeading(line), undefined, line);
  });

  it('reads "the end" and the labels in those languages; a story line of the same words stays story', () => {
    for (const line of ['EINE', 'TAMOM', 'СОҢЫ', 'КАНЕЦ', 'დასასრული', '~ Tamom ~']) assert.ok(isEndMarker(line), line);
    assert.ok(!isEndMarker('Eine kleine Nachtmusik'));
    assert.equal(labelledField('Noat: Foar myn omke.')?.field, 'notes');
    assert.equal(labelledField('Izoh: Buvim uchun.')?.field, 'notes');
    assert.equal(labelledField('Ескерту: Бұл менің бірінші фанфигім.')?.field, 'notes');
    assert.equal(labelledField('Resumit: Vincenç fa de descas.')?.field, 'summary');
    assert.equal(labelledField('Muallif: Buxorolik_Qiz')?.field, 'author');
    assert.equal(labelledField('ავტორი: tinatini_88')?.field, 'author');
    assert.equal(labelledField('напиша: ohridska_pastrmka')?.field, 'author');
    assert.equal(labelledField('Nā: Hinewai T.')?.field, 'author');
    assert.equal(labelledField('Janr: latifa, fanfik.')?.field, 'freeform');
  });

  it('reads the line that says the next part comes tomorrow as the writer’s, a sentence of the story as the story’s', () => {
    for (const line of [
      'Nastavak sutra, inšallah.',
      '(продолжува)',
      'გაგრძელება ხვალ!',
      'Працяг будзе...',
      'Davomi bor!',
    ])
      assert.ok(continuesInNextPost(line), line);
    for (const line of ['Nastavak priče bio je tužan i dug.', 'Продолжува да врне и денес.'])
      assert.ok(!continuesInNextPost(line), line);
  });
});

const page = (title: string, body: string) => ({
  name: 'topic.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
  ),
});

const ONE = [
  'Izet je tri dana pokušavao popraviti antenu na krovu, i tri dana je cijela mahala slušala kako psuje.',
  'Fazlija je sjedio na klupi ispred kuće, pio kafu i ništa nije govorio, kao da ga se sve to ne tiče.',
];
const TWO = [
  'Četvrtog dana Izet je sišao s krova, sjeo pored oca na klupu i prvi put za ta tri dana šutio.',
  'Dugo su tako sjedili, otac i sin, i gledali u antenu koja je stajala nakrivo na krovu kao pijan čovjek na svadbi.',
];

describe('a board whose posts are tables without ids: the poster’s cell in bold with a rank and counts', () => {
  const post = (date: string, name: string, text: string) =>
    `<table class="tborder" width="100%"><tr><td class="thead">${date}</td></tr><tr><td class="alt2" width="175"><b>${name}</b><br><span class="smallfont">Član<br>Registrovan: 03.2008<br>Postova: 622</span></td><td class="alt1">${text}</td></tr></table>`;

  it('reads the poster as the creator, a post opening with its part heading in bold as the story, a short reply as a reader’s', async () => {
    const work = await importWork([
      page(
        '[Fanfik] Antena - Forum',
        `<div id="top"><a href="#">Forum</a> | <a href="#">Registracija</a></div>` +
          post(
            '11.11.2009, 21:14',
            'mahalska_raja',
            `Selam raja! Evo jedne kratke priče, dva dijela.<br /><br /><b>ANTENA</b><br /><br /><b>Prvi dio</b><br /><br />${ONE.join('<br /><br />')}<br /><br />Nastavak sutra, inšallah.`,
          ) +
          post('11.11.2009, 22:40', 'Bascarsijski_golub', 'Hahaha, kao da ga gledam. Čekam nastavak.') +
          post('12.11.2009, 20:05', 'mahalska_raja', `<b>Drugi dio</b><br /><br />${TWO.join('<br /><br />')}`),
      ),
    ]);
    assert.equal(creatorName(work), 'mahalska_raja');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [...ONE, ...TWO]);
    assert.equal(work.chapters[0].notes.end, 'Nastavak sutra, inšallah.');
  });

  it('leaves a story told in a table, a bold place beside each long scene opening in bold, as the story', async () => {
    const row = (place: string, line: string) =>
      `<tr><td><b>${place}</b><br>jutro</td><td><b>Tog jutra.</b> ${line} ${line}</td></tr>`;
    const work = await importWork([
      page('Antena', `<table>${row('Baščaršija', ONE[0])}${row('Vratnik', ONE[1])}${row('Kovači', TWO[0])}</table>`),
    ]);
    const story = storyParagraphs(work).join('\n');
    for (const line of [ONE[0], ONE[1], TWO[0]]) assert.ok(story.includes(line), line);
  });
});

describe('a XenForo 1 topic: each post an <li class="message">, the poster’s pane a "messageUserInfo" with the name in bold', () => {
  const post = (name: string, date: string, text: string) =>
    `<li class="message"><div class="messageUserInfo"><b>${name}</b><br><span class="userTitle">Учесник</span></div><div class="messageContent"><span class="DateTime">${date}</span><blockquote class="messageText">${text}</blockquote></div></li>`;
  const one = [
    'Итар Пејо еден ден дојде во градот со празни џебови и со полн стомак од глад, а тоа значеше дека некој ќе остане без нешто.',
    'На пазарот, среде тезгите, седеше Хаџи Стојан, најскржавиот трговец од Скопје до Охрид.',
  ];
  const two = [
    'Хаџи Стојан веднаш се наежи од гордост и рече дека неговите пиперки се најлути во целиот свет.',
    'Пејо ја метна вреќата на рамо, ѝ намигна на Ленка и замина, а вечерта цела маала месеше леб.',
  ];

  it('reads the poster, the title over "напиша:", the parts "Прв дел" / "Втор дел", and leaves the reply out', async () => {
    const work = await importWork([
      page(
        'Фанфик: Итар Пејо и пиперката (2 дела) | Форум',
        `<h1>Фанфик: Итар Пејо и пиперката (2 дела)</h1><ol class="messageList">` +
          post(
            'ohridska_pastrmka',
            '28 Април 2011',
            `Здраво на сите! Пробав да напишам нова приказна за Итар Пејо.<br /><br /><b>Итар Пејо и пиперката</b><br />напиша: ohridska_pastrmka<br /><br /><b>Прв дел</b><br /><br />${one.join('<br /><br />')}<br /><br />(продолжува)`,
          ) +
          post('vardarski_vetar', '28 Април 2011', 'Хахах, ајде побрзо вториот дел!') +
          post('ohridska_pastrmka', '29 Април 2011', `<b>Втор дел</b><br /><br />${two.join('<br /><br />')}`) +
          `</ol>`,
      ),
    ]);
    assert.equal(work.title, 'Итар Пејо и пиперката');
    assert.equal(creatorName(work), 'ohridska_pastrmka');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [...one, ...two]);
    assert.equal(work.chapters[0].notes.end, '(продолжува)');
  });
});

describe('titles as boards, blogs, wikis and lists in those languages give them', () => {
  it('leaves out the source work in brackets, the count of parts, and "new story" after the title', () => {
    assert.equal(titleOf('Қызыл жіп (фанфик, «Қыз Жібек» бойынша, 2 бөлім)'), 'Қызыл жіп');
    assert.equal(titleOf('Māui me tōna whaea (pūrākau hou)'), 'Māui me tōna whaea');
    assert.equal(titleOf('Фанфік «Пасля палявання» (па «Дзікім паляванні караля Стаха»)'), 'Пасля палявання');
    assert.equal(titleOf('ფანფიკი: „ორი მეგობარი“ („ვეფხისტყაოსნის“ მიხედვით)'), 'ორი მეგობარი');
    assert.equal(titleOf('Antena (Lud, zbunjen, normalan, 2 dijela)'), 'Antena');
    // Brackets that are the title's own stay.
    for (const title of ['Сон (по мотивам)', 'She Said "No"', 'Zemra (dhe uji, dhe guri)', 'Kiša (po danu)'])
      assert.equal(titleOf(title), title);
  });

  it('reads a list subject tagged as a story in the list’s language, "[FIC]" before a fandom left to the body', () => {
    assert.equal(subjectTitle('[kuenta] Nanzi i e Pan Grandi (2 parti)'), 'Nanzi i e Pan Grandi');
    assert.equal(subjectTitle('Re: [ferhaal] De fisker út Harns'), 'De fisker út Harns');
    assert.equal(subjectTitle('[FIC] Tenchi Muyo! - "Washu\'s Tuesday" (complete)'), null);
    assert.equal(subjectTitle('[kuentanan] Reunion di djaweps'), null);
  });
});

describe('a board’s post with its poster and date in a "post-head" over the text and its buttons in a "post-foot"', () => {
  const post = (name: string, date: string, text: string) =>
    `<div class="post"><div class="post-head"><b>${name}</b> <span>${date}</span></div><div class="post-text">${text}</div><div class="post-foot">Профіль | Цытаваць</div></div>`;
  const one = [
    'Надзея Яноўская доўга не магла прывыкнуць да цішыні, што засталася ў доме пасля палявання.',
    'Яна хадзіла па пустых пакоях і слухала, як рыпяць маснічыны пад яе ўласнымі крокамі.',
  ];
  const two = [
    'Андрэй пісаў ёй з Мінска кожны тыдзень, і пісьмы былі доўгія і вясёлыя, пра кнігі і сяброў.',
    'Надзея чытала іх ля акна і смяялася ўголас, упершыню за многа гадоў, а потым адказвала коратка.',
  ];

  it('reads the poster as the creator, the bold line over the first part as the title, a reader’s reply as the board’s', async () => {
    const work = await importWork([
      page(
        'Фанфік «Пасля палявання» (па «Дзікім паляванні») : Літаратура : Форумы',
        `<h1>Фанфік «Пасля палявання» (па «Дзікім паляванні»)</h1>` +
          post(
            'balotny_ahon',
            '04.04.2010 20:12',
            `Добры вечар! Напісала невялічкую гісторыю пра Надзею пасля канца рамана. Буду ўдзячная за любыя заўвагі!<br /><br /><b>Пасля палявання</b><br /><br /><b>Частка першая</b><br /><br />${one.join('<br /><br />')}`,
          ) +
          post('Ziamlia_Palessia', '04.04.2010 21:30', 'Вельмі атмасферна. Чакаю працягу!') +
          post('balotny_ahon', '05.04.2010 19:48', `<b>Частка другая</b><br /><br />${two.join('<br /><br />')}`),
      ),
    ]);
    assert.equal(work.title, 'Пасля палявання');
    assert.equal(creatorName(work), 'balotny_ahon');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [...one, ...two]);
  });
});

describe('a labelled note ruled off from the story', () => {
  const story = [
    'I tētahi ata makariri, ka oho ake a Māui, ā, kua ngaro anō tōna whaea, a Taranga, i te whare nui.',
    'Ia ata, ia ata, ka pērā tonu, ā, kāore a Māui i pai ki tēnei, nā te mea he tamaiti pōtiki ia.',
  ];

  it('keeps the whole paragraph under "Kupu whakataki:" as the note when a rule parts it from the story', async () => {
    const note =
      'I tuhia tēnei mō tā mātou kaupapa pūrākau. Ko tāku anake he whakaaro hou mō te wā i whai ai ia i tōna whaea ki raro.';
    const work = await importWork([
      page(
        'Māui',
        `<h1>Māui me tōna whaea</h1><p>Kupu whakataki: ${note}</p><hr /><p>${story[0]}</p><p>${story[1]}</p><hr /><p>Ngā mihi ki a Whaea Mere mō tāna āwhina ki te reo.</p>`,
      ),
    ]);
    assert.equal(work.notes.beginning, note);
    assert.deepEqual(storyParagraphs(work), story);
    assert.equal(work.notes.end, 'Ngā mihi ki a Whaea Mere mō tāna āwhina ki te reo.');
  });

  it('still cuts a note whose paragraph goes on into the story’s speech above the rule', async () => {
    const said = '"Run," Kit said, and they ran down the hill together into the dark without looking back.';
    const text = [
      'A/N: Thanks to my beta for everything. ' + said,
      '',
      '***',
      '',
      'The river was high that spring, and the old bridge had gone in the night, taking the fence with it.',
    ].join('\n');
    const work = await importWork([file('run.txt', text)]);
    assert.equal(work.notes.beginning, 'Thanks to my beta for everything.');
    assert.ok(storyParagraphs(work).includes(said));
  });
});
