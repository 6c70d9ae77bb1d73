import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterParagraphs, creatorName, textFile as file } from '../../support/imports.ts';

const storyWords = (work: Awaited<ReturnType<typeof importWork>>) =>
  work.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []))).join(' ');

describe('import of a wiki page saved as its source text', () => {
  it('reads a Zim Desktop Wiki page: its title heading, its chapters, its file lines and tags kept apart', async () => {
    const page = [
      'Content-Type: text/x-zim-wiki',
      'Wiki-Format: zim 0.6',
      'Creation-Date: 2023-03-02T10:00:00+00:00',
      '',
      '====== Lanterns on the Pier ======',
      'Created Thursday 02 March 2023',
      '',
      '@fic @done',
      '',
      '//Notes:// Written in one sitting, for my brother.',
      '',
      '===== 1. The Pier =====',
      '',
      'The lanterns went up one by one along the pier, and Maren counted them under her breath.',
      '',
      '===== 2. The Boat =====',
      '',
      'By midnight the boat had come in, and nobody on it would say where it had been.',
      '',
      '----',
      '',
      '//After:// I wrote this on the ferry home, which felt right.',
    ].join('\n');
    const work = await importWork([file('Lanterns.txt', page)]);
    assert.equal(work.title, 'Lanterns on the Pier');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Pier', 'The Boat'],
    );
    assert.deepEqual(chapterParagraphs(work, 0), [
      'The lanterns went up one by one along the pier, and Maren counted them under her breath.',
    ]);
    assert.ok(!storyWords(work).includes('zim'));
    assert.ok(!storyWords(work).includes('='));
    // Nothing lost: the wiki's own lines are kept, set apart.
    assert.ok(work.preview.pieces.some((p) => p.part === 'metadata' && p.text.includes('Wiki-Format: zim 0.6')));
    assert.ok(work.tags.freeforms.includes('fic'));
    // "After:" labels the writer's words under the story.
    assert.equal(work.notes.end ?? work.chapters[1].notes.end, 'I wrote this on the ferry home, which felt right.');
  });

  it('reads a TiddlyWiki tiddler (.tid): the title field, "!" chapter headings, the quoted note, a macro kept apart', async () => {
    const tiddler = [
      'created: 20220105120000000',
      'creator: wren',
      'modified: 20220106120000000',
      'tags: fic [[Winter Court]]',
      'title: The Salt Road',
      'type: text/vnd.tiddlywiki',
      '',
      '//by Wren Hollis//',
      '',
      '<<<',
      'Written for a friend who wanted more of the salt traders. Thank you for reading!',
      '<<<',
      '',
      '! The Road',
      '',
      'The caravan left before dawn, and the salt on the carts shone grey under the last of the stars.',
      '',
      '! The Well',
      '',
      'At the well there was a woman who would not give her name, and she drank first, as if it were hers.',
      '',
      '<<list-links filter:"[tag[fic]]">>',
    ].join('\n');
    const work = await importWork([file('The Salt Road.tid', tiddler)]);
    assert.equal(work.title, 'The Salt Road');
    assert.equal(creatorName(work), 'Wren Hollis');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Road', 'The Well'],
    );
    assert.equal(
      work.notes.beginning,
      'Written for a friend who wanted more of the salt traders. Thank you for reading!',
    );
    assert.ok(!storyWords(work).includes('list-links'));
    assert.ok(work.preview.pieces.some((p) => p.part === 'metadata' && p.text.includes('list-links')));
    assert.ok(work.tags.freeforms.includes('Winter Court'));
  });

  it('reads a MediaWiki page’s wikitext: the infobox’s title and author, "== … ==" chapters, a closing section as end notes', async () => {
    const wikitext = [
      '{{StoryInfo',
      '| title = The Cartographer',
      '| author = Pell Marsh',
      '}}',
      "'''The Cartographer''' is a story by ''Pell Marsh''.",
      '',
      '== Chapter One: Ink ==',
      'The map was wrong, and the cartographer knew it before she had finished unrolling it on the table.',
      '',
      '== Chapter Two: Paper ==',
      'She burned the first copy in the grate and began the second by candlelight, humming.',
      '',
      '== Afterword ==',
      'Thank you for reading! This one was for the map nerds.',
      '',
      '<!-- fix the river names -->',
      '[[Category:Stories]]',
    ].join('\n');
    const work = await importWork([file('The_Cartographer.txt', wikitext)]);
    assert.equal(work.title, 'The Cartographer');
    assert.equal(creatorName(work), 'Pell Marsh');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Ink', 'Paper'],
    );
    assert.ok(!storyWords(work).includes('Category'));
    assert.ok(!storyWords(work).includes('river names'));
    // The comment and the categories are kept, set apart from the notes and the story.
    const apart = work.preview.pieces.filter((p) => p.part === 'metadata').map((p) => p.text);
    assert.ok(apart.some((t) => t.includes('fix the river names')));
    assert.ok(apart.some((t) => t.includes('Category:Stories')));
    assert.match(work.notes.end ?? work.chapters[1].notes.end ?? '', /Thank you for reading/);
  });

  it('keeps "== Chapter 1 ==" headings in a plain text file a plain text file’s', async () => {
    const text = [
      'Harbour Lights',
      '',
      '== Chapter 1 ==',
      '',
      'The harbour lights came on at six, as they always did, and Tomas watched them from the sea wall.',
      '',
      '== Chapter 2 ==',
      '',
      'In the morning the fishing boats were gone, every one of them, and the water was flat as a plate.',
    ].join('\n');
    const work = await importWork([file('harbour.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.equal(work.title, 'Harbour Lights');
  });
});
