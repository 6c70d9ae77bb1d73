import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  chapterHeading,
  isDisclaimer,
  isSceneBreak,
  labelledField,
  noteStrength,
  sequelMentions,
  titleOf,
} from '../../../src/text/import/cues.ts';
import { chromeStrength } from '../../../src/text/import/chrome.ts';
import { splitSentences } from '../../../src/text/import/sentences.ts';

describe('chapterHeading', () => {
  it('reads headings in the styles writers use, with and without titles', () => {
    const cases: [string, string, string | null][] = [
      ['Chapter 2', 'Chapter 2', null],
      ['Ch. II: The Ball', 'Ch. II', 'The Ball'],
      ['CHAPTER THREE - Homecoming', 'CHAPTER THREE', 'Homecoming'],
      ['~ Chapter 12 ~', 'Chapter 12', null],
      ['*** Part IV: Winter ***', 'Part IV', 'Winter'],
      ['Chapter Twenty-One: In Which Things Go Wrong', 'Chapter Twenty-One', 'In Which Things Go Wrong'],
      ['Prologue', 'Prologue', null],
      ['Epilogue: Ten Years Later', 'Epilogue', 'Ten Years Later'],
      ['Chap 7. Rain', 'Chap 7', 'Rain'],
      ['חלק 2', 'חלק 2', null],
      // An ordinal's ending after the digits, as Greek writes it ("1ο") and Spanish ("1º").
      ['Μέρος 1ο', 'Μέρος 1ο', null],
      ['Capítulo 2º: La llave', 'Capítulo 2º', 'La llave'],
      // A title in title case keeps an old-fashioned heading's full stop after it.
      ['Chapter 1. In Which Harry Wakes Up.', 'Chapter 1', 'In Which Harry Wakes Up'],
      ['Chapter 3. The Storm.', 'Chapter 3', 'The Storm'],
    ];
    for (const [line, marker, title] of cases) assert.deepEqual(chapterHeading(line), { marker, title }, line);
  });

  it('does not take prose for a heading', () => {
    for (const line of [
      'Chapter two of her life began that day, and she was ready for it.',
      'Part of him wanted to stay.',
      'The chapter house was cold.',
      // The part's number and a sentence after it, as a writer opens a post: a note, each ending at a full stop.
      'Part three. One more tomorrow.',
    ]) {
      assert.equal(chapterHeading(line), undefined, line);
    }
  });
});

describe('isSceneBreak', () => {
  it('knows the ornaments writers put between scenes', () => {
    for (const line of [
      '~*~',
      '* * *',
      '***',
      'oOo',
      'OoOoOoO',
      '-o0o-',
      'xXx',
      '--',
      '———',
      '###',
      '~~~',
      'Line Break',
      '-Scene Break-',
      '+++',
    ]) {
      assert.equal(isSceneBreak(line), true, line);
    }
  });
  it('does not take words or punctuation-only speech for a break', () => {
    for (const line of ['Oh.', 'No!', '"..."', 'Ox', 'Boo', 'The end']) assert.equal(isSceneBreak(line), false, line);
  });
  it('takes a rule the width of a mail for a break, but not a long line with words', () => {
    assert.equal(isSceneBreak('-='.repeat(38)), true);
    assert.equal(isSceneBreak('-'.repeat(69)), true);
    assert.equal(isSceneBreak(`${'-'.repeat(24)} Yahoo! Groups Sponsor ${'-'.repeat(21)}`), false);
    // Long lines of other symbols are a story's: morse, a redacted line, a hummed melody.
    for (const line of ['.-.. ---'.repeat(9), '█'.repeat(70), '♪♫'.repeat(33)])
      assert.equal(isSceneBreak(line), false, line);
  });
});

describe('labelledField', () => {
  it('reads labels and keeps the value', () => {
    assert.deepEqual(labelledField('Summary: Harry finds a cat.'), {
      field: 'summary',
      label: 'Summary:',
      value: 'Harry finds a cat.',
    });
    assert.deepEqual(labelledField('A/N: Thanks for reading!'), {
      field: 'notes',
      label: 'A/N:',
      value: 'Thanks for reading!',
    });
    assert.deepEqual(labelledField('Author’s Note: hi'), { field: 'notes', label: 'Author’s Note:', value: 'hi' });
    assert.equal(labelledField('Rating: T')?.field, 'rating');
    assert.equal(labelledField('Pairing: Draco/Harry')?.field, 'relationship');
    assert.equal(labelledField('Disclaimer')?.value, '');
  });
  it('reads header labels in every language import detection names', () => {
    const cases: [string, string][] = [
      ['Poznámka autorky: Psala jsem to v noci.', 'notes'],
      ['Poznámka autora: Díky za přečtení!', 'notes'],
      ['Τίτλος: Το τελευταίο γλυκό', 'title'],
      ['Συγγραφέας: Φωτεινή', 'author'],
      ['Περίληψη: Μια γιαγιά και ένα βάζο.', 'summary'],
      ['כותרת: המטה הסודי', 'title'],
      ['מאת: ירדן', 'author'],
      // "Wrote:", as a Hebrew forum's writer signs the line under the title.
      ['כתבה: נורית', 'author'],
      ['תקציר: ירון חוזר למטה.', 'summary'],
      ['العنوان: آخر غروب', 'title'],
      ['الكاتبة: نجمة', 'author'],
      ['ملاحظة الكاتبة: شكراً لكم', 'notes'],
      ['Cím: A grund', 'title'],
      ['Szerző: Anna', 'author'],
      ['Írói megjegyzés: Az osztályomnak írtam.', 'notes'],
      ['Titlu: Spânul', 'title'],
      ['Rezumat: Harap-Alb îmbătrânește.', 'summary'],
      ['Títol: La ràdio', 'title'],
      ['Resum: Una ràdio antiga.', 'summary'],
      ['Otsikko: Viimeinen lyhty', 'title'],
      ['Kirjoittaja: Hemulinna', 'author'],
      ['Tittel: Kaffe', 'title'],
      ['Forfatter: Even', 'author'],
      ['Pamagat: Ang Huling Awit', 'title'],
      ['Varningar: inga', 'warnings'],
      ['Hahmot: Muumipeikko, Pikku Myy', 'character'],
    ];
    for (const [line, field] of cases) assert.equal(labelledField(line)?.field, field, line);
  });
  it('leaves prose that merely starts with such a word', () => {
    for (const line of [
      'Notes on the war were scattered everywhere.',
      'Title deeds lay on the desk.',
      'Summary judgement: she hated it.',
    ]) {
      assert.equal(labelledField(line), undefined, line);
    }
  });
});

describe('isDisclaimer and noteStrength', () => {
  it('recognises disclaimers', () => {
    assert.ok(isDisclaimer("I don't own Harry Potter, JK Rowling does."));
    assert.ok(isDisclaimer('Disclaimer: not mine, no profit made.'));
    assert.ok(!isDisclaimer('He owned three brooms and a cat.'));
    for (const line of [
      'I personaggi appartengono ad Andrea Camilleri e alla Rai.',
      'Harry Potter y todos sus personajes pertenecen a J. K. Rowling.',
      'Karakterler ve evren J.K. Rowling’e aittir.',
      'Οι χαρακτήρες ανήκουν στον Καζαντζάκη.',
      'הדמויות שייכות ליגאל מוסינזון.',
      'Personajele aparțin lui Ion Creangă.',
      'Pluk en Zaza zijn van Annie M.G. Schmidt, niet van mij!',
      '人物属于原著和剧组，OOC属于我。',
      '角色都不属于我。',
      'شخصیت‌ها متعلق به ایشان است.',
      'Black Books is Dylan Moran and Graham Linehan’s, I just live here.',
    ])
      assert.ok(isDisclaimer(line), line);
    assert.ok(!isDisclaimer('Los personajes de su infancia volvieron a visitarla.'));
    assert.ok(!isDisclaimer('"I don\'t know, I just live here," she said.'));
  });
  it('reads a show’s name that belongs to its makers, named in capitals, as a disclaimer in other languages', () => {
    for (const line of [
      'I Cesaroni appartengono a Publispei e Mediaset.',
      'Los Serrano pertenecen a Globomedia y Telecinco, yo solo juego con ellos.',
      'TKKG gehört Stefan Wolf bzw. seinen Erben und dem Verlag.',
      'Ich verdiene kein Geld damit.',
      'Chaves pertence a Roberto Gómez Bolaños.',
      'Carrossel pertence ao SBT e à Televisa, só a história é minha.',
    ])
      assert.ok(isDisclaimer(line), line);
    for (const line of ['Die Tasche gehört ihm.', 'La casa appartiene a lui e a sua sorella.', 'Das Geld gehört mir.'])
      assert.ok(!isDisclaimer(line), line);
  });
  it('reads Polish, Czech, Dutch, Italian and Korean lines saying whose the characters are, not the writer’s, as disclaimers', () => {
    for (const line of [
      'Reksio należy do Studia Filmów Rysunkowych, ja tylko o nim piszę.',
      'Krtek patří Zdeňku Milerovi, ne mně.',
      'Bassie is van Aad van Toor, niet van mij.',
      'I personaggi non sono miei ma della Rai.',
      '등장인물은 원작자와 방송사의 것이며 저는 아무 권리도 없습니다.',
    ])
      assert.ok(isDisclaimer(line), line);
    for (const line of [
      'Dom należy do Jana Kowalskiego.',
      'Klíče patří Petrovi, řekla.',
      'De fiets is van Pieter, zei ze.',
      'Het boek is van Pieter, niet van mij.',
    ])
      assert.ok(!isDisclaimer(line), line);
  });
  it('reads “belonging to” as a disclaimer’s only before an owner named in capitals', () => {
    assert.ok(isDisclaimer('All characters belonging to Rooster Teeth, used with love.'));
    assert.ok(
      !isDisclaimer('The flag stayed there for a week, belonging to everybody and nobody, until Donut took it home.'),
    );
    assert.ok(!isDisclaimer('She found a coat belonging to the old man by the door.'));
  });
  it('reads Swedish figures and Greek heroes that belong to a maker named in capitals as a disclaimer', () => {
    assert.ok(isDisclaimer('Alla figurer tillhör Astrid Lindgren, inte mig.'));
    assert.ok(isDisclaimer('Οι ήρωες ανήκουν στον Στέλιο Ανεμοδουρά, εγώ απλώς τους δανείστηκα.'));
    // A story's figurines in a museum, heroes who belong to history.
    assert.ok(!isDisclaimer('Figurerna tillhör museet, sa vakten.'));
    assert.ok(!isDisclaimer('Οι ήρωες ανήκουν στην ιστορία, είπε ο δάσκαλος.'));
  });
  it('does not take a story’s line about whose something is for a disclaimer', () => {
    for (const line of [
      'Cette maison appartient à Julien, pas à moi.',
      'De sleutels zijn van Pieter, niet van mij. Ik heb ze alleen maar geleend.',
      '导演最后还是拍板了：这个角色属于他。',
    ])
      assert.ok(!isDisclaimer(line), line);
    assert.ok(isDisclaimer('Harry Potter et Hermione appartiennent à J.K. Rowling, pas à moi.'));
    // Hebrew: "all rights to the characters are reserved to …", and "the characters are not mine".
    assert.ok(isDisclaimer('כל הזכויות על הדמויות שמורות ליוצרי הסדרה, אני רק שואלת אותן.'));
    assert.ok(isDisclaimer('הדמויות לא שלי.'));
    assert.ok(!isDisclaimer('כל הזכויות שמורות © 2010'));
  });
  it('hears the author, not the characters', () => {
    assert.equal(noteStrength('Please review! :) Thank you!'), 2);
    assert.equal(noteStrength('Thanks so much for all the reviews, guys!'), 2);
    assert.equal(noteStrength("I'm not sure about this chapter, let me know"), 1);
    assert.equal(noteStrength('"Please review the file," said Snape.'), 0);
    assert.equal(noteStrength('She turned the page of the next chapter of her life.'), 0);
    assert.equal(noteStrength("ok that's it. if you read this far thank you. i'll miss this place."), 2);
    assert.equal(noteStrength('If you made it this far, you deserve a cookie.'), 2);
    assert.equal(noteStrength('She had read this far into the letter before she wept.'), 0);
    assert.equal(noteStrength("Next month's poll is up for supporters."), 2);
    assert.equal(noteStrength('The next part is patrons-only for a week.'), 2);
    assert.equal(noteStrength('The patrons of the inn had all gone home.'), 0);
  });
});

describe('sequelMentions', () => {
  it('finds the earlier work a summary names', () => {
    assert.deepEqual(sequelMentions('A short little sequel to "The First Meeting" involving Scorpius.'), [
      'The First Meeting',
    ]);
    assert.deepEqual(sequelMentions('Sequel to The Lost Boy. Harry returns.'), ['The Lost Boy']);
    assert.deepEqual(sequelMentions('A follow-up to ‘Winter’s End’'), ['Winter’s End']);
    assert.deepEqual(sequelMentions('Harry and Draco fall in love.'), []);
  });
});

describe('splitSentences', () => {
  it('splits at sentence ends but not after titles like Mr.', () => {
    assert.deepEqual(splitSentences('Mr. Weasley laughed. "Really?" Harry asked. It was 3 p.m. and late.'), [
      'Mr. Weasley laughed.',
      '"Really?" Harry asked.',
      'It was 3 p.m. and late.',
    ]);
  });

  it('splits where the space after a full stop was lost, but not in a site’s name', () => {
    assert.deepEqual(splitSentences('I don’t own Avatar, obviously.The problem with the river was that it moved.'), [
      'I don’t own Avatar, obviously.',
      'The problem with the river was that it moved.',
    ]);
    assert.deepEqual(splitSentences('I post on fanfiction.Net too. Thanks!'), [
      'I post on fanfiction.Net too.',
      'Thanks!',
    ]);
  });

  it('splits sentences of scripts without capitals (Hebrew, Arabic) at their full stops', () => {
    assert.deepEqual(splitSentences('זה קצר, שני חלקים. הזכויות על הדמויות שייכות לבועז דוידזון, כמובן.'), [
      'זה קצר, שני חלקים.',
      'הזכויות על הדמויות שייכות לבועז דוידזון, כמובן.',
    ]);
    assert.deepEqual(splitSentences('كتبتها في الصيف. الشخصيات ملك لصناع المسلسل.'), [
      'كتبتها في الصيف.',
      'الشخصيات ملك لصناع المسلسل.',
    ]);
  });

  it('ends a sentence after a word cut short by an apostrophe (“beta’d.”, “I’d.”), not after an initial', () => {
    assert.deepEqual(splitSentences('Not beta’d. Black Books is theirs. Ask J. Smith why.'), [
      'Not beta’d.',
      'Black Books is theirs.',
      'Ask J. Smith why.',
    ]);
  });
});

describe('titleOf', () => {
  it('takes off what a site or a writer puts around a title: ships, fandoms in brackets, marks, "ficlet:"', () => {
    const cases: [string, string][] = [
      ['Paper Cranes || BakuDeku', 'Paper Cranes'],
      ['[전독시/중혁독자] 마지막 정거장', '마지막 정거장'],
      ['Senja di Konoha [NaruHina] ✔', 'Senja di Konoha'],
      ['💥 Paper Cranes 💥', 'Paper Cranes'],
      ['hollow knight ficlet: what the dreamers kept', 'what the dreamers kept'],
      // A title that is all brackets, or a colon in the title itself, stays.
      ['[Untitled]', 'Untitled'],
      ['Mass Effect: Calibration', 'Mass Effect: Calibration'],
      ['The Girl Who Said [No]', 'The Girl Who Said [No]'],
      ['Eclipse [1/3]', 'Eclipse [1/3]'],
      ['[Redacted] Files', '[Redacted] Files'],
      ['My Life as a Fanfic: Part Two', 'My Life as a Fanfic: Part Two'],
      ['Hearts ♥', 'Hearts ♥'],
      // A site's word count after the title; a fandom before a title in quotes.
      ['Biscuits With the Boss, Redux (498 words)', 'Biscuits With the Boss, Redux'],
      ['Baantjer - "De laatste rondvaart"', 'De laatste rondvaart'],
      ['The 100 Words (a drabble)', 'The 100 Words'],
      ['Eleven (11 Words)', 'Eleven'],
      ['She Said: "No"', 'She Said: "No"'],
      ['Hamlet: "To Be"', 'Hamlet: "To Be"'],
      ['Tell Me - "Please"', 'Tell Me - "Please"'],
      // The fandom and the word for what it is before a colon, as a forum's post is headed.
      ['אסקימו לימון - פאנפיק: ארטיק לימון', 'ארטיק לימון'],
    ];
    for (const [line, title] of cases) assert.equal(titleOf(line), title, line);
  });
});

describe('chromeStrength', () => {
  it('knows a site’s menus, buttons and counts, and not a story’s lines', () => {
    for (const line of [
      'Skip header Log In Site Navigation',
      '61.2K Reads 4.3K Votes 14 Parts',
      '< Prev   3. Thirty-One Trees   Next >',
      'Comments (4) Share Download',
      '首页 >> 衍生 >> 言情 >> 完结',
      'סיפורים › ספרים › חסמב"ה › המטה הסודי',
      'Hem | Om mig | Mina berättelser | Gästbok | Länkar',
    ])
      assert.equal(chromeStrength(line), 'button', line);
    // Each of these may be a story's line, so it counts only among other lines of the site's.
    for (const line of [
      'Home',
      'More',
      'Follow/Fav',
      'Vote',
      'Download',
      'Joined: Mar 4, 2015',
      'Likes received: 31,880',
      'Cartoons » Avatar: Last Airbender',
      '#412',
      'Next >',
      '프롤로그 | 블로그 | 안부',
    ])
      assert.equal(chromeStrength(line), 'menu', line);
    for (const line of [
      'Share.',
      'She shared the bread.',
      'Follow me',
      'Rating: Teen',
      'The Long Way Home',
      'Vote for Pedro!',
      '« Viens » dit-elle',
      'Share Apollo 11, 1969',
      'Love > Hate',
      'Fluff | Angst',
      'Chapter One | In which Mara goes to sea and does not come back',
    ])
      assert.equal(chromeStrength(line), undefined, line);
  });
});
