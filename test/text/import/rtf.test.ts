import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, ImportError } from '../../../src/text/import/index.ts';
import { TEXTEDIT, WORD, WORDPAD } from '../../support/rtf-files.ts';
import { storyHtml } from '../../support/imports.ts';

const rtf = (name: string, text: string) => ({ name, bytes: Buffer.from(text, 'latin1') });

describe('RTF import', () => {
  it('reads a TextEdit file: centred bold title, smart quotes in cp1252 and \\u, italics, underline, line breaks', async () => {
    const work = await importWork([rtf('lantern.rtf', TEXTEDIT)]);
    assert.equal(work.title, 'The Lantern Road');
    const html = storyHtml(work);
    assert.match(html, /“Are you coming\?” she asked\. “Not yet,” said the café owner, and <em>nobody<\/em> argued\./);
    assert.match(html, /<p>Dear Mara,<br \/>I kept the <u>letter<\/u>\.<\/p>/);
    // The last paragraph has no \par before the closing brace.
    assert.match(html, /did not look back\.<\/p>$/);
    assert.doesNotMatch(html, /Helvetica|cocoa|expandedcolortbl/);
  });

  it('reads a WordPad file in Windows-1251 with CRLF line ends, \\u Japanese without its "?" fallbacks', async () => {
    const work = await importWork([rtf('winter.rtf', WORDPAD)]);
    const html = storyHtml(work);
    assert.match(html, /<p align="center"><strong>Зимний вечер<\/strong><\/p>/);
    assert.match(html, /Снег шёл всю ночь\. «Пора домой», сказала Оля\./);
    assert.match(html, /<p>雪が降る。<\/p>/);
    assert.doesNotMatch(html, /\?|Calibri|Riched20|\u0000/);
  });

  it('reads a Word "Rich Text" file: its Title and heading styles, its stated author, footnotes; not its tables or page header', async () => {
    const work = await importWork([rtf('night-shift.rtf', WORD)]);
    assert.equal(work.title, 'Night Shift');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Ward', 'Morning'],
    );
    const byline = work.preview.pieces.find((p) => p.field === 'author');
    assert.equal(byline?.text, 'Ana Ruiz');
    const html = storyHtml(work);
    assert.match(html, /“I don’t think so,” said the naïve nurse\. She had worked <em>three<\/em> nights in a row\./);
    assert.match(html, /The board read <u>the rota<\/u> — nobody liked it\./);
    assert.match(html, /• Check the charts\./);
    assert.match(html, /Based on my own nights\./);
    assert.doesNotMatch(html, /Running head|HYPERLINK|Times New Roman|Default Paragraph Font|Home Office|504b03/);
  });

  it('states the title and author of \\info only when the text does not show them', async () => {
    const body = '\\pard Rain again. The bus was late and the shelter leaked, so Tom read his book standing up.\\par}';
    const stated = await importWork([
      rtf('scrivener.rtf', `{\\rtf1\\ansi\\ansicpg1252{\\info{\\title Bus Shelter}{\\author tomwrites}}${body}`),
    ]);
    assert.equal(stated.title, 'Bus Shelter');
    assert.equal(stated.preview.pieces.find((p) => p.field === 'author')?.text, 'tomwrites');

    const shown = await importWork([
      rtf(
        'shown.rtf',
        `{\\rtf1\\ansi{\\info{\\title Bus Shelter}{\\author tomwrites}}\\pard\\qc\\b Bus Shelter\\b0\\par\\pard by tomwrites\\par ${body}`,
      ),
    ]);
    assert.equal(shown.title, 'Bus Shelter');
    assert.equal(shown.preview.pieces.filter((p) => p.text.includes('Bus Shelter')).length, 1);
    assert.equal(shown.preview.pieces.filter((p) => p.text.includes('tomwrites')).length, 1);

    // Word's placeholder account name is no one's byline.
    const placeholder = await importWork([
      rtf('word.rtf', `{\\rtf1\\ansi{\\info{\\title Bus Shelter}{\\author Microsoft Office User}}${body}`),
    ]);
    assert.ok(!placeholder.preview.pieces.some((p) => p.text.includes('Microsoft')));
  });

  it('reads Japanese in Shift-JIS bytes (\\ansicpg932, \\fcharset128)', async () => {
    const text =
      '{\\rtf1\\ansi\\ansicpg932\\deff0{\\fonttbl{\\f0\\fnil\\fcharset128 MS Mincho;}}\\uc1\\pard\\f0 ' +
      "\\'89\\'4a\\'82\\'aa\\'8d\\'7e\\'82\\'e9\\'81\\'42\\par}";
    const work = await importWork([rtf('ame.rtf', text)]);
    assert.match(storyHtml(work), /雨が降る。/);
  });

  it('knows RTF by its signature whatever the name, and says when a .rtf file is not RTF', async () => {
    const work = await importWork([rtf('story.txt', TEXTEDIT)]);
    assert.equal(work.title, 'The Lantern Road');
    assert.equal(work.preview.files[0].format, 'rtf');
    await assert.rejects(
      importWork([rtf('story.rtf', 'Just a plain story, saved with the wrong name.')]),
      (e: unknown) => e instanceof ImportError && /story\.rtf: this is not a real \.rtf file/.test(e.message),
    );
    await assert.rejects(
      importWork([rtf('empty.rtf', '{\\rtf1\\ansi{\\fonttbl\\f0 Helvetica;}}')]),
      (e: unknown) => e instanceof ImportError && /no text/.test(e.message),
    );
  });

  it('reads what it can of a damaged file: cut off, unbalanced braces, nesting a hundred thousand deep, a lying \\bin', async () => {
    const cut = await importWork([rtf('cut.rtf', TEXTEDIT.slice(0, TEXTEDIT.indexOf('road forked')))]);
    assert.match(storyHtml(cut), /I kept the <u>letter<\/u>\.<\/p>\n<p>She walked until the ?<\/p>$/);
    const unbalanced = await importWork([
      rtf(
        'braces.rtf',
        '{\\rtf1\\ansi \\pard The first part of it.\\par}} {\\b And the rest after a stray brace.}\\par}',
      ),
    ]);
    assert.match(
      storyHtml(unbalanced),
      /The first part of it\.<\/p>\n<p><strong>And the rest after a stray brace\.<\/strong><\/p>/,
    );
    const deep = await importWork([
      rtf(
        'deep.rtf',
        `{\\rtf1\\ansi ${'{'.repeat(100_000)}Deep inside the story there are words.${'}'.repeat(100_000)}}`,
      ),
    ]);
    assert.match(storyHtml(deep), /Deep inside the story there are words\./);
    const bin = await importWork([rtf('bin.rtf', '{\\rtf1\\ansi The words before it.\\par{\\bin99999999999 }')]);
    assert.match(storyHtml(bin), /The words before it\./);
  });
});
