/**
 * Uploads shaped to make the importer slow or make it fail: long runs of one character, thousands of
 * headings, a hundred thousand lines, Markdown nested thousands deep. Each must import to the story
 * a writer would expect (or be refused with a message); how long they take is measured in
 * bench/import-pathological.ts, never here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ImportError, importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { endsSentence, splitSentences } from '../../../src/text/import/sentences.ts';
import { elementDepth } from '../../../src/text/import/nesting.ts';
import { normalizeSpacing } from '../../../src/text/import/spacing.ts';
import { storyBlocks, textFile } from '../../support/imports.ts';

const OPENING = 'She waited at the window until the boats came in.';
const CLOSING = 'The tide came in, and the keeper counted the ships.';

/** A short story with `middle` as its second paragraph. */
const story = (middle: string) => `The Lighthouse\n\nby harbour_owl\n\n${OPENING}\n\n${middle}\n\n${CLOSING}\n`;
const file = (text: string, name = 'story.txt') => textFile(name, text);
const paragraphs = (work: ImportedWork) => storyBlocks(work, '* * *');

describe('input shaped to make the import slow', () => {
  it('reads a run of 100,000 full stops inside a sentence, which still ends where it did', () => {
    const dots = '.'.repeat(100_000);
    assert.deepEqual(splitSentences(`She said${dots}and left. Then she went.`), [
      `She said${dots}and left.`,
      'Then she went.',
    ]);
    assert.deepEqual(splitSentences('She waited... Then she left.'), ['She waited...', 'Then she left.']);
  });

  it('imports a line of story holding 100,000 full stops as it was', async () => {
    const line = `She said${'.'.repeat(100_000)}and left.`;
    const work = await importWork([file(story(line))]);
    assert.deepEqual(paragraphs(work), [OPENING, line, CLOSING]);
  });

  it('cuts a run of 100,000 spaces, tabs or no-break spaces inside a line to 120; the words either side stay one paragraph', async () => {
    for (const [space, kept] of [
      [' ', ' '],
      ['\t', '\t'],
      ['\u00A0', ' '],
    ]) {
      const work = await importWork([file(story(`She said${space.repeat(100_000)}and left.`))]);
      assert.deepEqual(paragraphs(work), [OPENING, `She said${kept.repeat(120)}and left.`, CLOSING]);
    }
  });

  it('keeps a writer’s spacing up to 120 characters, and a line of spaces is still a blank line', () => {
    const orgHeading = `* Chapter the Third: In Which Nothing Is Resolved${' '.repeat(28)}:draft:`;
    assert.equal(normalizeSpacing(orgHeading), orgHeading);
    assert.equal(normalizeSpacing(`a${' '.repeat(120)}b`), `a${' '.repeat(120)}b`);
    assert.equal(normalizeSpacing(`a${' \t'.repeat(200)}b`), `a${' \t'.repeat(60)}b`);
    assert.equal(
      normalizeSpacing(`She said${' '.repeat(100_000)}\n${' '.repeat(100_000)}\nand left.`),
      'She said\n\nand left.',
    );
  });

  it('reads a Markdown list indented two spaces more on each of 2,000 lines, every item kept', async () => {
    const items = Array.from({ length: 2000 }, (_, i) => `keeper ${i + 1}`);
    const markdown = `The Lighthouse\n\nby harbour_owl\n\n${items.map((item, i) => `${'  '.repeat(i)}- ${item}`).join('\n')}\n\n${CLOSING}\n`;
    const work = await importWork([file(markdown, 'story.md')]);
    assert.deepEqual(paragraphs(work), [items.join('\n\n'), CLOSING]);
  });

  it('refuses Markdown that nests quotes 10,000 deep with a message, not a server error', async () => {
    await assert.rejects(
      importWork([file(`${'>'.repeat(10_000)} She said.\n`, 'story.md')]),
      (error: unknown) =>
        error instanceof ImportError &&
        error.message ===
          'story.md: its Markdown nests quotes or lists inside each other thousands of levels deep, more than can be read. Import it as .txt instead.',
    );
  });

  it('reads 3,000 chapter headings one under another, each once: a list of links over the last one’s chapter', async () => {
    const headings = Array.from({ length: 3000 }, (_, i) => `Chapter ${i + 1}`);
    const work = await importWork([file(story(headings.join('\n\n')))]);
    assert.deepEqual(
      work.chapters.map((c) => c.blocks.length),
      [1, 1],
    );
    assert.deepEqual(paragraphs(work), [OPENING, CLOSING]);
    // Every heading is kept, once, set apart as the page's links to chapters.
    const links = work.preview.pieces.filter((p) => p.reason.startsWith('links to chapters')).map((p) => p.text);
    assert.deepEqual(links, headings.slice(0, 2999));
  });

  it('imports a file of 150,000 lines, every sentence kept in order', async () => {
    const lines = Array.from({ length: 150_000 }, (_, i) => `The keeper counted ${i + 1}.`);
    const work = await importWork([file(`The Lighthouse\n\nby harbour_owl\n\n${lines.join('\n')}\n`)]);
    assert.equal(work.chapters.length, 1);
    assert.equal(paragraphs(work).join(' '), lines.join(' '));
  });

  it('reads a saved page titled with a pairing-shaped title ending in one word of 20,000 letters, the title as it is', async () => {
    // "Salt and Honey ~ Newt x Reader" loses its pairing; a pattern for that once tried every split of the word.
    const heading = `Salt and Honey ~ Newt x ${'a'.repeat(20_000)}!`;
    const page = `<html><head><title>${heading}</title></head><body><h1>${heading}</h1><p>by harbour_owl</p><p>${OPENING}</p><p>${CLOSING}</p></body></html>`;
    const work = await importWork([file(page, 'story.html')]);
    assert.equal(work.preview.pieces.find((p) => p.part === 'title')?.text, heading);
    assert.deepEqual(paragraphs(work), [OPENING, CLOSING]);
  });

  it('refuses a page of elements nested 50,000 deep with a message, not a server error', async () => {
    const page = `<html><body>${'<div>'.repeat(50_000)}<p>She waited.</p>${'</div>'.repeat(50_000)}</body></html>`;
    await assert.rejects(
      importWork([file(page, 'story.html')]),
      (error: unknown) =>
        error instanceof ImportError &&
        error.message ===
          'story.html: it nests its elements inside each other thousands of levels deep, more than can be read. Save the story as .txt or .docx and import that.',
    );
    const nested = `<html><body>${'<div>'.repeat(2_000)}<p>She waited.</p>${'</div>'.repeat(2_000)}</body></html>`;
    assert.deepEqual(paragraphs(await importWork([file(nested, 'story.html')])), ['She waited.']);
  });

  it('reads the story of a page whose comments beside it nest 3,000 deep, and says the comments were not read', async () => {
    const comments = '<div class="box"><p>love this</p>'.repeat(3_000) + '</div>'.repeat(3_000);
    const page = `<html><body><article class="post"><p>${OPENING}</p><p>${CLOSING}</p></article>${comments}</body></html>`;
    const work = await importWork([file(page, 'story.html')]);
    assert.deepEqual(paragraphs(work), [OPENING, CLOSING]);
    const warning = work.warnings.find((w) => w.code === 'outside-unread');
    assert.match(warning?.message ?? '', /outside the story .* too deep to read, so it is not shown below/);
    // Nested a little less, the comments are read and shown apart, with no such warning.
    const shallow = '<div class="box"><p>love this</p>'.repeat(100) + '</div>'.repeat(100);
    const read = await importWork([file(page.replace(comments, shallow), 'story.html')]);
    assert.equal(read.warnings.filter((w) => w.code === 'outside-unread').length, 0);
    assert.ok(read.preview.pieces.filter((p) => p.text === 'love this').length >= 100);
  });

  it('reads a line of 100,000 x’s as no sentence’s end, and “hugs xx” as one', () => {
    assert.equal(endsSentence(`${'x'.repeat(100_000)} y`), false);
    assert.equal(endsSentence(`hugs ${'x'.repeat(100_000)}`), true);
    assert.equal(endsSentence('love you all, xx'), true);
  });

  it('reads a <pre> of prose whose paragraphs stand 100,000 blank lines apart, each paragraph kept', async () => {
    const gap = '\n'.repeat(100_000);
    const page = `<html><body><pre>${OPENING}\n\nThe boats came in.${gap}${CLOSING}</pre></body></html>`;
    const work = await importWork([file(page, 'story.html')]);
    assert.deepEqual(paragraphs(work), [OPENING, 'The boats came in.', CLOSING]);
  });

  it('imports an old FrontPage page of 5,000 paragraphs that never close their <p><font>, each its own paragraph', async () => {
    // htmlparser2 puts each in the one before, 10,000 deep; a browser closes a <p> when the next one opens.
    const lines = Array.from({ length: 5_000 }, (_, i) => `The keeper counted ${i + 1}.`);
    const page = `<html><body>${lines.map((line) => `<p><font face="Arial" size="2">${line}\n`).join('')}</body></html>`;
    assert.deepEqual(paragraphs(await importWork([file(page, 'story.html')])), lines);
  });

  it('imports a paragraph of 10,000 words each followed by a self-closed <span/>, every word kept in order', async () => {
    // "<span/>" opens a span (to a browser too) that is never closed: 10,000 deep.
    const words = Array.from({ length: 10_000 }, (_, i) => `word${i}`);
    const page = `<html><body><p>${OPENING}</p><p>${words.map((w) => `${w} <span class="x"/>`).join('')}</p></body></html>`;
    const read = paragraphs(await importWork([file(page, 'story.html')]));
    assert.deepEqual(read, [OPENING, words.join(' ')]);
  });

  it('blames a page for nesting too deep only when it nests that deep, counted without running out of stack', () => {
    // An overflow on a shallower file is the archive's own fault, and is not said to be the writer's.
    assert.equal(
      elementDepth(`<html><body>${'<div>'.repeat(50_000)}<p>x</p>${'</div>'.repeat(50_000)}</body></html>`),
      50_003,
    );
    assert.equal(elementDepth('<p>One<br>two<img src="a.png"><br/></p><p>three'), 2);
  });
});
