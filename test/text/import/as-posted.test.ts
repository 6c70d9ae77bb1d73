import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const field = (work: ImportedWork, name: string) => work.preview.pieces.find((p) => p.field === name)?.text;
const storyOf = (work: ImportedWork, chapter = 0) =>
  work.chapters[chapter].blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));

const story = [
  'The lighthouse keeper counted the ships every evening, though nobody had asked her to.',
  '“Seven tonight,” she told the cat. The cat did not care.',
  'By morning the fog had come in, and she could not count anything at all.',
];

describe('stories as writers paste them from the sites they posted on', () => {
  it('reads a FanFiction.Net chapter copied from the browser: page title, byline, summary, facts line', async () => {
    const text = [
      'Lamplight Chapter 1: Fog, a Pokémon fanfic | FanFiction',
      'Lamplight By: harbour_owl',
      'A keeper, a cat, and the ships that stop coming.',
      'Rated: Fiction K+ - English - Family - Words: 420 - Published: Nov 3 - id: 14021987',
      'Disclaimer: I don’t own Pokémon.',
      ...story,
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(field(work, 'fandom'), 'Pokémon');
    assert.equal(work.summary, 'A keeper, a cat, and the ships that stop coming.');
    assert.equal(work.disclaimer, 'I don’t own Pokémon.');
    assert.equal(work.chapters[0].title, 'Fog');
    assert.equal(work.tags.rating, 'General Audiences');
    assert.deepEqual(work.tags.freeforms, []);
    assert.deepEqual(storyOf(work), story);
  });

  it('splits a LiveJournal header typed as lines of one paragraph, and reads the story under its cut', async () => {
    const html = `<p><b>Title:</b> Harbour Lights<br>
<b>Author:</b> <a href="https://harbour-owl.livejournal.com/">harbour_owl</a><br>
<b>Rating:</b> PG<br>
<b>Summary:</b> Seven ships, then none.<br>
<b>Notes:</b> For the lighthouse_fest prompt "fog". Unbetaed.</p>
<lj-cut text="read more">${story.map((p) => `<p>${p}</p>`).join('\n')}</lj-cut>`;
    const work = await importWork([file('lights.html', html)]);
    assert.equal(work.title, 'Harbour Lights');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.summary, 'Seven ships, then none.');
    assert.equal(work.notes.beginning, 'For the lighthouse_fest prompt "fog". Unbetaed.');
    assert.deepEqual(storyOf(work), story);
  });

  it('keeps a chapter note whole when it answers a reviewer, and takes "Next chapter: …" as the end note', async () => {
    const text = [
      'THE KEEPER',
      'A Pokémon fic by harbour_owl',
      '',
      'CHAPTER ONE: Fog',
      '',
      'A/N: Updates every Sunday!',
      '',
      story[0],
      '',
      'Please leave a review, it keeps me going!',
      '',
      'CHAPTER TWO: Ships',
      '',
      'Author’s note: Thank you so much for the reviews! To the guest who asked, yes, the cat gets a name eventually.',
      '',
      story[1],
      '',
      story[2],
      '',
      'Next chapter: the fog lifts.',
    ].join('\n');
    const work = await importWork([file('keeper.txt', text)]);
    assert.equal(work.title, 'THE KEEPER');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
    assert.equal(
      work.chapters[1].notes.beginning,
      'Thank you so much for the reviews! To the guest who asked, yes, the cat gets a name eventually.',
    );
    assert.equal(work.chapters[1].notes.end, 'Next chapter: the fog lifts.');
    assert.deepEqual(storyOf(work, 1), story.slice(1));
  });

  it('reads a short note between the header and the first of several chapters, and a title without "(a … fic)"', async () => {
    const text = [
      'Lamplight (a Pokémon fic)',
      'Written by: harbour_owl',
      '',
      'Rated K+. Just the keeper. Set somewhere after the league.',
      '',
      '1. Fog',
      '',
      story[0],
      '',
      '2. Ships',
      '',
      story[1],
      '',
      story[2],
    ].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(work.notes.beginning, 'Rated K+. Just the keeper. Set somewhere after the league.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Fog', 'Ships'],
    );
    assert.deepEqual(storyOf(work, 0), [story[0]]);
  });

  it('reads a whole header typed on one line, a dedication, and feedback asked for at the end', async () => {
    const text = [
      'Lamplight - by harbour_owl - A Pokémon fic. Disclaimer: Nintendo owns all.',
      '',
      '- for Ceci, who asked -',
      '',
      ...story.flatMap((p) => [p, '']),
      'Comments are love, concrit welcome!',
    ].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(field(work, 'author'), 'harbour_owl');
    assert.equal(work.disclaimer, 'Nintendo owns all.');
    assert.equal(field(work, 'fandom'), 'Pokémon');
    assert.equal(work.notes.beginning, 'for Ceci, who asked');
    assert.equal(work.notes.end, 'Comments are love, concrit welcome!');
    assert.deepEqual(storyOf(work), story);
  });

  it('reads headers labelled in other languages, and names a prologue and epilogue as such', async () => {
    const text = [
      'Название: Дорога',
      'Автор: Серая_Сова',
      'Описание: Зима застаёт их в дороге.',
      '',
      'Prologue',
      '',
      story[0],
      '',
      'Chapter One',
      '',
      story[1],
      '',
      'Epilogue',
      '',
      story[2],
    ].join('\n');
    const work = await importWork([file('doroga.txt', text)]);
    assert.equal(work.title, 'Дорога');
    assert.equal(field(work, 'author'), 'Серая_Сова');
    assert.equal(work.summary, 'Зима застаёт их в дороге.');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Prologue', null, 'Epilogue'],
    );
  });

  it('finds chapters headed by a bare number word only when they count up through the file', async () => {
    const chapters = ['One', story[0], 'Two', story[1], 'Three', story[2]].join('\n\n');
    const work = await importWork([file('counted.txt', `Lamplight\nby harbour_owl\n\n${chapters}`)]);
    assert.equal(work.chapters.length, 3);
    assert.deepEqual(storyOf(work, 2), [story[2]]);
    const shuffled = ['Two', story[0], 'One', story[1]].join('\n\n');
    const single = await importWork([file('shuffled.txt', `Lamplight\nby harbour_owl\n\n${shuffled}`)]);
    assert.equal(single.chapters.length, 1);
  });

  it('ends a note set off by stars or brackets where they close, at the start and at the end', async () => {
    const text = [
      'Lamplight',
      'By: harbour_owl',
      '',
      '**A/N: This is a lighthouse AU! Everyone keeps a light. Please don’t ask which coast.**',
      '',
      story[0],
      '',
      story[1],
      '',
      `${story[2]} [Reviews = love! Xie xie for reading.]`,
    ].join('\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(
      work.notes.beginning,
      'This is a lighthouse AU! Everyone keeps a light. Please don’t ask which coast.',
    );
    assert.equal(work.notes.end, '[Reviews = love! Xie xie for reading.]');
    assert.deepEqual(storyOf(work), story);
  });
});
