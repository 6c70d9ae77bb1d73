import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterHeading, isByline, isDisclaimer, isEndMarker } from '../../../src/text/import/cues.ts';
import { creatorName, storyParagraphs, textFile as file } from '../../support/imports.ts';

/**
 * Writers' own files in Norwegian, Icelandic, Estonian, Latvian, Lithuanian, Croatian and Afrikaans: the title and
 * "by" line, the labelled notes and disclaimers, the chapter headings and "the end" as writers in each language put them.
 */
describe('own files in Nordic, Baltic, South Slavic and Afrikaans', () => {
  it('reads an Icelandic file: "eftir" under the title, "Athugasemd höfundar:", "1. kafli", ENDIR and the thanks', async () => {
    const one = 'Einn morguninn vaknaði Solla og fann að eplið hennar var horfið af gluggakistunni.';
    const two = 'En það var ekki Glanni, heldur lítill grár fugl sem sat á lægstu greininni með eplið.';
    const text = [
      'Týnda eplið',
      'eftir solla_stirda',
      '',
      'Athugasemd höfundar: Þetta er saga handa bróður mínum.',
      'Latibær og allar persónurnar tilheyra Magnúsi Scheving.',
      '',
      '1. kafli',
      one,
      '',
      '2. kafli',
      two,
      '',
      'ENDIR',
      '',
      'Takk fyrir að lesa! Skrifið endilega athugasemd.',
    ].join('\n');
    const work = await importWork([file('epli.txt', text)]);
    assert.equal(work.title, 'Týnda eplið');
    assert.equal(creatorName(work), 'solla_stirda');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [one, two]);
    assert.equal(work.notes.beginning, 'Þetta er saga handa bróður mínum.');
    assert.equal(work.disclaimer, 'Latibær og allar persónurnar tilheyra Magnúsi Scheving.');
  });

  it('reads Estonian "I osa" / "II osa" and "kirjutanud", and "Aitäh lugemast!" after the story as a note', async () => {
    const one = 'Jõulueelsel nädalal otsustas Toots, et kirikukell peab helisema keskööl.';
    const two = 'Nad hiilisid kirikutorni pool tundi enne keskööd ja trepp kriuksus igal sammul.';
    const text = [
      'TOOTS JA KIRIKUKELL',
      'kirjutanud Kiir',
      '',
      'I osa',
      '',
      one,
      '',
      'II osa',
      '',
      two,
      '',
      'Aitäh lugemast! Kõik kommentaarid on teretulnud.',
    ].join('\n');
    const work = await importWork([file('kell.txt', text)]);
    assert.equal(work.title, 'TOOTS JA KIRIKUKELL');
    assert.equal(creatorName(work), 'Kiir');
    assert.deepEqual(storyParagraphs(work), [one, two]);
    assert.equal(work.notes.end ?? work.chapters[1].notes.end, 'Aitäh lugemast! Kõik kommentaarid on teretulnud.');
  });

  it('reads a Latvian header ("Autors:", "Kopsavilkums:", "Piezīme:") and "1. nodaļa. Garāža" as chapter "Garāža"', async () => {
    const one = 'Ēriks atrada limuzīnu vecajā kolhoza garāžā, zem brezenta un gadu putekļiem.';
    const two = 'Viņš to remontēja visu pavasari, un kaimiņi nāca skatīties un smējās.';
    const text = [
      'LIMUZĪNS ATGRIEŽAS',
      'Autors: Janu_nakts_berns',
      '',
      'Kopsavilkums: Ēriks atkal izbrauc ar melno limuzīnu.',
      '',
      'Piezīme: Šis ir mans pirmais fanfiks latviski.',
      '',
      '1. nodaļa. Garāža',
      '',
      one,
      '',
      '2. nodaļa. Ceļš',
      '',
      two,
      '',
      'BEIGAS',
    ].join('\n');
    const work = await importWork([file('limuzins.txt', text)]);
    assert.equal(work.title, 'LIMUZĪNS ATGRIEŽAS');
    assert.equal(creatorName(work), 'Janu_nakts_berns');
    assert.equal(work.summary, 'Ēriks atkal izbrauc ar melno limuzīnu.');
    assert.equal(work.notes.beginning, 'Šis ir mans pirmais fanfiks latviski.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Garāža', 'Ceļš'],
    );
    assert.deepEqual(storyParagraphs(work), [one, two]);
  });

  it('reads a Lithuanian title over its subtitle over "Autorius:", "PIRMAS SKYRIUS" and a disclaimer', async () => {
    const one = 'Praėjo daug metų, kai malūnas ant Baltaragio kalvos vėl pradėjo suktis.';
    const two = 'Malūne buvo tamsu ir šilta, o ant maišo prie girnų sėdėjo mažas žmogelis.';
    const text = [
      'Jurgos daina',
      'Malūnininko dukters istorija',
      '',
      'Autorius: girnu_akmuo',
      '',
      'Visi veikėjai priklauso Kaziui Borutai. Aš nieko neuždirbu.',
      '',
      'PIRMAS SKYRIUS',
      '',
      one,
      '',
      'ANTRAS SKYRIUS',
      '',
      two,
      '',
      'PABAIGA',
    ].join('\n');
    const work = await importWork([file('daina.txt', text)]);
    assert.equal(work.title, 'Jurgos daina');
    assert.equal(creatorName(work), 'girnu_akmuo');
    assert.equal(work.disclaimer, 'Visi veikėjai priklauso Kaziui Borutai. Aš nieko neuždirbu.');
    assert.deepEqual(storyParagraphs(work), [one, two]);
  });

  it('reads a title over its subtitle over the byline in English too, and leaves two lines of story as story', async () => {
    const scene = 'Many years passed before the mill on the hill began to turn again, and nobody knew who started it.';
    const titled = await importWork([
      file('song.txt', ['The Song of Jurga', 'The Miller’s Daughter', '', 'by girnu_akmuo', '', scene].join('\n')),
    ]);
    assert.equal(titled.title, 'The Song of Jurga');
    assert.deepEqual(storyParagraphs(titled), [scene]);
    // Two short lines opening the story, no byline under them: the story's.
    const verse = await importWork([file('verse.txt', ['Snow fell', 'On the quiet town', '', scene].join('\n'))]);
    assert.ok(storyParagraphs(verse).join('\n').includes('On the quiet town'));
  });

  it('reads a Croatian header and "Prvo poglavlje - Sajam" headings, and "Hvala što ste pročitali!" as a note', async () => {
    const one = 'Na proljetnom sajmu u gradu bilo je više ljudi nego ikada, i Hlapić je prvi put imao svoj štand.';
    const two = 'Oko podne došao je mali dječak bos i prašnjav i dugo gledao jednu malu čizmu na kraju stola.';
    const text = [
      'HLAPIĆ I IZGUBLJENA ČIZMA',
      'napisala: crvena_kapica_94',
      '',
      'Napomena: Ovo je priča za sestričnu.',
      'Odricanje od odgovornosti: Šegrt Hlapić pripada Ivani Brlić-Mažuranić.',
      '',
      'Prvo poglavlje - Sajam',
      '',
      one,
      '',
      'Drugo poglavlje - Čizma',
      '',
      two,
      '',
      'Hvala što ste pročitali! Molim vas, ostavite komentar.',
    ].join('\n');
    const work = await importWork([file('hlapic.txt', text)]);
    assert.equal(work.title, 'HLAPIĆ I IZGUBLJENA ČIZMA');
    assert.equal(creatorName(work), 'crvena_kapica_94');
    assert.equal(work.notes.beginning, 'Ovo je priča za sestričnu.');
    assert.equal(work.disclaimer, 'Šegrt Hlapić pripada Ivani Brlić-Mažuranić.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Sajam', 'Čizma'],
    );
    assert.deepEqual(storyParagraphs(work), [one, two]);
  });

  it('reads an Afrikaans "deur" line, "Hoofstuk 1", DIE EINDE, and a Norwegian disclaimer and SLUTT', async () => {
    const one = 'Op ’n mooi somersoggend in Blommeland het Liewe Heksie wakker geword en haar towerwoord vergeet.';
    const two = 'Koningin Rosemaryn het haar die middag daar gekry, op die trappie voor haar huisie.';
    const text = ['Heksie se towerwoord', 'deur Marietjie', '', 'Hoofstuk 1', '', one, '', 'Hoofstuk 2', '', two];
    const work = await importWork([file('heksie.txt', [...text, '', 'DIE EINDE'].join('\n'))]);
    assert.equal(work.title, 'Heksie se towerwoord');
    assert.equal(creatorName(work), 'Marietjie');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [one, two]);
    assert.ok(isEndMarker('*SLUTT*'));
    assert.ok(isDisclaimer('Flåklypa og alle figurene tilhører Kjell Aukrust og Ivo Caprino.'));
    assert.ok(isDisclaimer('Tegelased kuuluvad Oskar Lutsule, mina ainult laenasin neid.'));
    assert.ok(isDisclaimer('Liewe Heksie behoort aan Verna Vels; ek leen haar net vir een aand.'));
  });

  it('reads "Tere kõigile!" over a mailed story as a greeting, not its title, and the note under it as a note', async () => {
    const one = 'Jõulueelsel nädalal otsustas Toots, et kirikukell peab helisema keskööl, ja mitte niisama.';
    const two = 'Ta tõmbas nöörist. Kell lõi üks kord, sügavalt ja pikalt, üle lumise küla.';
    const text = [
      'From: Kiir <kiir@example.ee>',
      'To: Paunvere fännid <paunvere-lood@example.org>',
      'Subject: Uus lugu: Toots ja kirikukell',
      'Date: Wed, 12 May 2010 18:22:41 +0300',
      '',
      'Tere kõigile!',
      '',
      'Lõpuks sain oma loo valmis. Kirjutasin selle kirjandustunni jaoks.',
      '',
      'TOOTS JA KIRIKUKELL',
      'kirjutanud Kiir',
      '',
      one,
      '',
      two,
    ].join('\n');
    const work = await importWork([file('kell.eml.txt', text)]);
    assert.equal(work.title, 'TOOTS JA KIRIKUKELL');
    assert.equal(work.notes.beginning, 'Lõpuks sain oma loo valmis. Kirjutasin selle kirjandustunni jaoks.');
    assert.deepEqual(storyParagraphs(work), [one, two]);
  });

  it('finds the headings writers put in those languages, the number as a word or a figure, before or after', () => {
    const headings: [string, string | null][] = [
      ['Kapittel to', null],
      ['Hoofstuk vyf: Die reën', 'Die reën'],
      ['1. poglavlje', null],
      ['2. dio: Povratak', 'Povratak'],
      ['Peatükk 3', null],
      ['3. peatükk: Kool', 'Kool'],
      ['Pirmā nodaļa: Garāža', 'Garāža'],
      ['Antra dalis', null],
      ['Fyrsti kafli', null],
      ['Прво поглавље', null],
    ];
    for (const [line, title] of headings) assert.equal(chapterHeading(line)?.title, title, line);
    for (const line of ['LÕPP', 'BEIGAS', 'PABAIGA', 'ENDIR', 'Sögulok', 'DIE EINDE', '*SLUTT*'])
      assert.ok(isEndMarker(line), line);
  });

  it('keeps a story "to be continued" in those languages unfinished', async () => {
    const one = 'Ēriks atrada limuzīnu vecajā kolhoza garāžā, zem brezenta un gadu putekļiem.';
    const two = 'Viņš to remontēja visu pavasari, un kaimiņi nāca skatīties un smējās.';
    for (const more of ['Turpinājums sekos...', 'Fortsettelse følger!', 'Nastavit će se...', 'Word vervolg']) {
      const text = [
        'Limuzīns',
        'Autors: Janu_nakts_berns',
        '',
        '1. nodaļa',
        '',
        one,
        '',
        '2. nodaļa',
        '',
        two,
        '',
        more,
      ];
      const work = await importWork([file('limuzins.txt', text.join('\n'))]);
      assert.equal(work.complete, false, more);
      assert.deepEqual(storyParagraphs(work), [one, two], more);
    }
  });

  it('names the writer of an Icelandic "eftir" line under a title that itself opens with "Eftir"', async () => {
    const scene =
      'Þegar stríðinu lauk fór hún heim til Akureyrar og opnaði bakaríið aftur, eins og ekkert hefði gerst.';
    const work = await importWork([file('eftir.txt', ['Eftir stríðið', 'eftir Jón Jónsson', '', scene].join('\n'))]);
    assert.equal(work.title, 'Eftir stríðið');
    assert.equal(creatorName(work), 'Jón Jónsson');
    assert.deepEqual(storyParagraphs(work), [scene]);
    assert.equal(chapterHeading('III osa')?.marker, 'III osa');
  });

  it('leaves titles that open with "Eftir" or "Deur", everyday "belongs to" lines and lower-case numerals alone', () => {
    assert.ok(!isByline('Eftir stríðið'));
    assert.ok(!isByline('Deur die venster'));
    // A museum's figures, the heroes of a generation: no maker named, no disclaimer.
    assert.ok(!isDisclaimer('Figurene tilhører museet nå, sa hun.'));
    assert.ok(!isDisclaimer('Varoņi pieder pie vecās paaudzes.'));
    // "Cosa" is an Italian word, "vi luku" and "Mi dio un libro" no headings: a Roman number without its full stop
    // only in capitals.
    assert.equal(chapterHeading('Cosa'), undefined);
    assert.equal(chapterHeading('vi luku'), undefined);
    assert.equal(chapterHeading('Mi dio un libro'), undefined);
  });
});
