/** Lines of ordinary stories that rules for site pages and notes must leave alone (a review's probes). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, storyParagraphs, textFile } from '../../support/imports.ts';

const P = [
  'The kitchen was cold when Marta came down, and the kettle had boiled dry again. She stood at the window and watched the snow fall over the yard.',
  'Outside, the dog barked twice at the gate and then lay down in the drift, patient as ever. Marta pulled her shawl tighter and went to find the matches.',
  'By noon the road was gone under the snow, and the post would not come, and that was that. She made soup from what was left and ate it standing.',
  'In the evening her brother came stamping in from the barn with ice in his beard, and they did not speak of their mother, who had gone to town on Tuesday.',
];
const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

describe('an ordinary story is not read as a site page or a note', () => {
  it('keeps a last section headed "After" in the story', async () => {
    const coda = 'The thaw came in March, and the dog was buried under the apple tree.';
    const work = await importWork([
      file('story.txt', `Snowbound\n\n${P[0]}\n\n${P[1]}\n\n${P[2]}\n\nAfter\n\n${P[3]}\n\n${coda}`),
    ]);
    assert.ok(storyParagraphs(work).includes(coda), storyParagraphs(work).join(' | '));
    assert.ok(storyParagraphs(work).includes(P[3]));
  });

  it('keeps a chapter’s first paragraph told in the third person as story, "she had written" in it', async () => {
    const opening =
      'Dot came up last, with her notebook. She wore her pyjamas and the good flower in her hair, because, she said later, you never know when there will be an audience. She opened the notebook to the last page, where she had written the number 4,001.';
    const text = ['Snowbound', '', 'PART ONE', '', P[0], '', P[1], '', 'PART TWO', '', opening, '', P[2], '', P[3]];
    const work = await importWork([file('story.txt', text.join('\n'))]);
    assert.equal(work.chapters.length, 2);
    assert.ok(storyParagraphs(work).includes(opening), storyParagraphs(work).join(' | '));
  });

  it('keeps an opening line about a prompter in a theatre as story', async () => {
    const line = 'Ellen asked the prompter for her line, but the old man had fallen asleep in his box again.';
    const work = await importWork([file('story.txt', `The Understudy\n\n${line}\n\n${P.join('\n\n')}`)]);
    assert.equal(storyParagraphs(work)[0], line);
  });

  it('keeps a character’s thought about whose characters they are as story', async () => {
    const line =
      "The characters are Shakespeare's, Nell thought as the curtain rose, but tonight the words would be hers.";
    const work = await importWork([file('story.txt', `Opening Night\n\n${line}\n\n${P.join('\n\n')}`)]);
    assert.equal(storyParagraphs(work)[0], line);
  });

  it('does not take the name a story is dedicated to, linked to their profile, for its writer', async () => {
    const page = `<html><head><title>Snowbound</title></head><body><h1>Snowbound</h1><p>for <a href="https://example.net/users/mira">mira</a></p>${P.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
    const work = await importWork([file('page.html', page)]);
    assert.notEqual(creatorName(work), 'mira');
    assert.deepEqual(storyParagraphs(work), P);
  });
});

describe('a letter in the story headed with a place over a day', () => {
  const chapters = [
    'Chapter One',
    'The lake was colder than anyone had said it would be, and the girl in the bunk above June snored like a tractor.',
    'June did not cry once that first week, because her father had bet her a dollar that she would.',
    'Chapter Two',
    'On the last night they lit a fire on the beach, and June wrote her mother a second letter she never sent.',
  ];

  it('keeps "Camp Wanakee" over "July 3" above the first chapter the story’s, not the creator and the post’s day', async () => {
    const letter = [
      'Letters from the Lake',
      'Camp Wanakee\nJuly 3',
      'Dear Mom,',
      'Please come and get me. I mean it this time.',
      'June',
    ];
    const work = await importWork([textFile('letter.txt', [...letter, ...chapters].join('\n\n'))]);
    assert.equal(creatorName(work), undefined);
    const story = storyParagraphs(work).join('\n\n');
    assert.match(story, /Camp Wanakee/);
    assert.match(story, /Dear Mom,/);
  });

  it('does not take a place over a day, a diary entry’s heading, for the creator', async () => {
    const diary = ['Letters from the Lake', 'Harrow Hall\nMarch 3', 'It rained again today, and nobody came.'];
    const work = await importWork([textFile('diary.txt', [...diary, ...chapters].join('\n\n'))]);
    assert.equal(creatorName(work), undefined);
  });

  it('still reads a newsletter’s writer over the day it was sent when the post opens to its readers', async () => {
    const post = [
      'Letters from the Lake',
      'Felicity Crane\nJuly 3',
      'Hello, everyone, and welcome to the new subscribers! This one is for my sister.',
    ];
    const work = await importWork([textFile('post.txt', [...post, ...chapters].join('\n\n'))]);
    assert.equal(creatorName(work), 'Felicity Crane');
  });
});
