import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import {
  chapterHeading,
  isByline,
  isDisclaimer,
  isEndMarker,
  labelledField,
  titleOf,
} from '../../../src/text/import/cues.ts';
import { creatorName, storyParagraphs, textFile as file } from '../../support/imports.ts';

/**
 * Writers' own files and posts in Esperanto, Latin, Albanian, Irish, Scottish Gaelic, Luxembourgish, Malay, Indonesian,
 * Serbian, Azerbaijani and Maltese: the "by" line, the labelled fields, the part headings with their number words, the
 * disclaimers, "the end" and the words to readers, as writers in each language put them.
 */
describe('own files in Esperanto, Latin, Albanian, Irish, Luxembourgish and their neighbours', () => {
  it('reads an Esperanto file: "de" under the title, "Noto de la aŭtoro:", "Ĉapitro 1" over its title, FINO', async () => {
    const one = 'La knabino sidis sur la ŝtupoj de la biblioteko kaj atendis, ke la pluvo ĉesu.';
    const two = 'Kiam la suno revenis, ŝi trovis la libron malferma sur la benko, tute seka.';
    const text = [
      'La blua libro',
      'de ruĝa_vulpo',
      '',
      'Fandomo: Momo',
      'Taksado: por ĉiuj',
      '',
      'Noto de la aŭtoro: Mi verkis ĉi tion por mia fratino.',
      'Malgarantio: Momo apartenas al Michael Ende, ne al mi.',
      '',
      'Ĉapitro 1',
      'La pluvo',
      '',
      one,
      '',
      'Ĉapitro 2',
      'La suno',
      '',
      two,
      '',
      'FINO',
      '',
      'Komentoj estas tre bonvenaj!',
    ].join('\n');
    const work = await importWork([file('libro.txt', text)]);
    assert.equal(work.title, 'La blua libro');
    assert.equal(creatorName(work), 'ruĝa_vulpo');
    assert.equal(work.notes.beginning, 'Mi verkis ĉi tion por mia fratino.');
    assert.equal(work.disclaimer, 'Momo apartenas al Michael Ende, ne al mi.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['La pluvo', 'La suno'],
    );
    assert.deepEqual(storyParagraphs(work), [one, two]);
  });

  it('reads a Latin mail: "Salvete, sodales!", the note and its disclaimer, the title over "auctore", PARS PRIMA', async () => {
    const one = 'Aeneas in litore stabat et naves suas numerabat, dum venti super undas ludebant.';
    const two = 'Mane Dido in turri stetit et vela longe in mari evanescentia diu spectavit.';
    const text = [
      'From: Marcus Tullius <marcus@example.org>',
      'To: scriptores@example.org',
      'Subject: Fabula nova',
      'Date: Fri, 17 Dec 2004 21:36:09 +0100',
      '',
      'Salvete, sodales!',
      '',
      'Ecce fabella mea, quam pro certamine scripsi. Vergilius omnia prius narravit; ego nihil possideo.',
      '',
      'DE DIDONE',
      'auctore Marcus Tullius',
      '',
      'PARS PRIMA',
      '',
      one,
      '',
      'PARS ALTERA',
      '',
      two,
      '',
      'FINIS',
    ].join('\n');
    const work = await importWork([file('dido.txt', text)]);
    assert.equal(work.title, 'DE DIDONE');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [one, two]);
    assert.equal(work.disclaimer, 'Vergilius omnia prius narravit; ego nihil possideo.');
  });

  it('reads an Albanian file: "nga" with a name\'s particle, "PJESA E PARË", FUND and the request for comments', async () => {
    const one = 'Në mëngjes gjyshja hapi dritaren dhe era e detit hyri në dhomë si një mik i vjetër.';
    const two = 'Kur u kthye babai, shtëpia ishte plot me zëra, dhe askush nuk e pyeti ku kishte qenë.';
    const text = [
      'ERA E DETIT',
      'nga Mira e Malit',
      '',
      'PJESA E PARË',
      '',
      one,
      '',
      'PJESA E DYTË',
      '',
      two,
      '',
      'FUND',
      '',
      'Ju lutem më shkruani çfarë mendoni!',
    ].join('\n');
    const work = await importWork([file('era.txt', text)]);
    assert.equal(work.title, 'ERA E DETIT');
    assert.equal(creatorName(work), 'Mira e Malit');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [one, two]);
    assert.equal(work.notes.end ?? work.chapters[1].notes.end, 'Ju lutem më shkruani çfarë mendoni!');
    assert.ok(
      isDisclaimer('Qyteti dhe gjyshja i përkasin Ismail Kadaresë; unë vetëm i huazova për pak.'),
      'whose they are, and that the writer only borrowed them',
    );
  });

  it('reads an Irish file: "le:" byline, "Achoimre:", "Nóta:", "* Caibidil a hAon *" and CRÍOCH', async () => {
    const one = 'Bhí an fharraige ciúin an oíche sin, agus bhí Oisín ina sheasamh ar an trá ag féachaint siar.';
    const two = 'Nuair a tháinig an mhaidin, bhí an capall bán imithe, agus ní raibh ach rian a chrúb sa ghaineamh.';
    const text = [
      'An Capall Bán',
      'le: cailin_na_tra',
      '',
      'Rátáil: K',
      'Achoimre: Oíche dheireanach Oisín in Éirinn.',
      '',
      'Nóta: Scríobh mé é seo do mo dheirfiúr.',
      '',
      '* Caibidil a hAon *',
      '',
      one,
      '',
      '* Caibidil a Dó *',
      '',
      two,
      '',
      'CRÍOCH',
    ].join('\n');
    const work = await importWork([file('capall.txt', text)]);
    assert.equal(work.title, 'An Capall Bán');
    assert.equal(creatorName(work), 'cailin_na_tra');
    assert.equal(work.summary, 'Oíche dheireanach Oisín in Éirinn.');
    assert.equal(work.notes.beginning, 'Scríobh mé é seo do mo dheirfiúr.');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [one, two]);
  });

  it('reads a Luxembourgish file: "vum:" byline, "Notiz vum Auteur:", its disclaimer, "-- ENN --" and the thanks', async () => {
    const one = 'De Jhang ass moies ze spéit opgestan, an dat war den Ufank vun engem ganz komeschen Dag.';
    const two = 'Owes souz hien um Balkon, mat enger Taass Téi, an huet iwwer säin Dag gelaacht.';
    const text = [
      'De Jhang a säi Velo',
      'vum: Mosel_Kand',
      '',
      'Bewäertung: fir jiddereen',
      '',
      'Notiz vum Auteur: Meng éischt Geschicht. De Jhang gehéiert dem Auteur vun de Bicher, net mir.',
      '',
      '========== Kapitel 1 ==========',
      '',
      one,
      '',
      '========== Kapitel 2 ==========',
      '',
      two,
      '',
      '-- ENN --',
      '',
      "Merci fir d'Liesen! Kommentaren si wëllkomm.",
    ].join('\n');
    const work = await importWork([file('velo.txt', text)]);
    assert.equal(work.title, 'De Jhang a säi Velo');
    assert.equal(creatorName(work), 'Mosel_Kand');
    assert.equal(work.disclaimer, 'De Jhang gehéiert dem Auteur vun de Bicher, net mir.');
    assert.deepEqual(storyParagraphs(work), [one, two]);
    assert.equal(work.notes.end ?? work.chapters[1].notes.end, "Merci fir d'Liesen! Kommentaren si wëllkomm.");
  });

  it('reads the part headings of Malay, Serbian, Azerbaijani, Gaelic, Latin and Esperanto posts, no title with them', () => {
    for (const line of [
      'Bahagian 1',
      'Први део',
      'Трећи део',
      '1-ci hissə',
      '2-ci hissə',
      'Earrann a h-Aon',
      'Earrann a Dhà',
      '* Caibidil a Trí *',
      'PARS ALTERA',
      'Caput III',
      'Unua ĉapitro',
      'PJESA E DYTË',
    ]) {
      const cue = chapterHeading(line);
      assert.ok(cue, line);
      assert.equal(cue.title, null, line);
    }
    assert.equal(chapterHeading('Ĉapitro 2: La demando')?.title, 'La demando');
    // Story lines with the same words stay story.
    assert.equal(chapterHeading('Pars magna militum in castris manebat.'), undefined);
    assert.equal(chapterHeading('Bahagian yang paling sukar ialah menunggu.'), undefined);
    assert.equal(chapterHeading('1-ci hissəni oxudum, çox xoşuma gəldi'), undefined);
  });

  it('reads "the end", labels and disclaimers in those languages; a story line of the same words stays story', () => {
    for (const line of ['FINO', 'FUND', 'CRÍOCH', '~ Crìoch ~', '-- ENN --']) assert.ok(isEndMarker(line), line);
    assert.equal(labelledField('Malgarantio: Ĝi ne estas mia.')?.field, 'disclaimer');
    assert.equal(labelledField('Séanadh: Ní liomsa é.')?.field, 'disclaimer');
    assert.equal(labelledField('Achoimre: Oíche fhada.')?.field, 'summary');
    assert.equal(labelledField('Nòta: Tapadh leibh.')?.field, 'notes');
    assert.equal(labelledField('Taksado: por ĉiuj')?.field, 'rating');
    assert.equal(labelledField('Bewäertung: fir jiddereen')?.field, 'rating');
    assert.equal(labelledField('Kitbitha: Nanna Ċetta')?.field, 'author');
    assert.equal(labelledField('Müəllif: telli_xanim')?.field, 'author');
    for (const disclaimer of [
      'Watak-watak semua milik Allahyarham P. Ramlee dan Shaw Brothers, saya pinjam sekejap saja.',
      'Wiro Sableng adalah milik almarhum Bastian Tito, saya hanya penggemar berat sejak SD.',
      'Personajlar Üzeyir Hacıbəylinindir, mən sadəcə sevirəm onları.',
      'Ġaħan huwa tal-poplu Malti kollu, mhux tiegħi.',
      'Buinidh Bannan agus na caractaran do BBC Alba.',
      'Is leis an traidisiún an scéal, ní liomsa.',
    ])
      assert.ok(isDisclaimer(disclaimer), disclaimer);
    for (const story of [
      'Rumah itu milik Pak Budi, dan semua orang tahu.',
      'La domo apartenas al Petro.',
      'Shtëpia i përket Agimit.',
      'Il-ktieb huwa tiegħi.',
    ])
      assert.ok(!isDisclaimer(story), story);
  });

  it('reads "de" and "nga" as bylines only in lower case before a pen name', () => {
    assert.ok(isByline('de verda_stelo'));
    assert.ok(isByline('de Victor Hugo'));
    assert.ok(isByline('nga Drita e Kalasë'));
    assert.ok(isByline('auctore Sibylla Cumana'));
    for (const title of [
      'De Profundis',
      'De Mëttwoch ouni Kachkéis',
      'DE PALINURO',
      'de laatste rondvaart',
      'nga pala',
    ])
      assert.ok(!isByline(title), title);
  });

  it('leaves a post title\'s "Fanfik:" and its aside of source and parts out of the title', () => {
    assert.equal(titleOf('Fanfik: Qiyməti nə qədərdir? („Arşın mal alan" əsasında, 2 hissə)'), 'Qiyməti nə qədərdir?');
    assert.equal(titleOf('Векна (по серији „Отписани“, три дела)'), 'Векна');
    // An aside that is no count of parts is the title's own.
    assert.equal(titleOf('Zemra (dhe uji, dhe guri)'), 'Zemra (dhe uji, dhe guri)');
  });

  it('reads a "Kitbitha:" line with the writer\'s own name in brackets and a date as the pen name', async () => {
    const story = 'Ġaħan ħareġ mid-dar kmieni u ġibed il-bieb warajh, kif qaltlu ommu, u telaq lejn il-pjazza.';
    const text = ['Ġaħan u l-Bieb', 'Kitbitha: Nanna Ċetta (Ċetta Borg), Awwissu 2011', '', story].join('\n');
    const work = await importWork([file('gahan.txt', text)]);
    assert.equal(creatorName(work), 'Nanna Ċetta');
    assert.deepEqual(storyParagraphs(work), [story]);
  });
});
