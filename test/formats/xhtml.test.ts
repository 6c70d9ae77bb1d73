import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { toXhtml } from '../../src/formats/xhtml.ts';
import { workEpub, seriesEpub } from '../../src/formats/epub.ts';
import { workHtml } from '../../src/formats/html.ts';
import { workTxt, wrap } from '../../src/formats/txt.ts';
import { uuidV5 } from '../../src/formats/document.ts';
import { contentDisposition, slugify, workDownloadPath } from '../../src/formats/formats.ts';
import { DownloadCache } from '../../src/formats/cache.ts';
import { ARCHIVE, chapter, oddWorks, sampleSeries, sampleWork } from '../support/download-works.ts';

const x = (html: string, images: 'keep' | 'link' = 'link') =>
  toXhtml(html, { idPrefix: 'p-', images, baseUrl: 'https://archive.test' });

describe('XHTML from stored HTML', () => {
  it('maps HTML entities to characters and escapes only what XML needs', () => {
    assert.equal(
      x('<p>Tom &amp; Jerry &eacute;t&eacute; &nbsp;&mdash; &lt;b&gt; "q" \'a\'</p>'),
      '<p>Tom &amp; Jerry été \u00a0— &lt;b&gt; "q" \'a\'</p>',
    );
    assert.equal(x('<p title="a<b &quot;c&quot;">t</p>'), '<p title="a&lt;b &quot;c&quot;">t</p>');
  });

  it('closes void elements and keeps CJK and right-to-left text as characters', () => {
    assert.equal(x('<p>一<br>二<hr>'), '<p>一<br/>二</p><hr/>');
    assert.equal(x('<p dir="rtl" lang="ar">مرحبا</p>'), '<p lang="ar" dir="rtl">مرحبا</p>');
  });

  it('writes old elements and attributes the HTML5 way and drops invalid values', () => {
    assert.equal(x('<center>c</center>'), '<div class="align-center">c</div>');
    assert.equal(
      x('<p align="right"><big>b</big><tt>t</tt><strike>s</strike><acronym>A</acronym></p>'),
      '<p class="align-right"><span class="big">b</span><span class="mono">t</span><s>s</s><abbr>A</abbr></p>',
    );
    assert.equal(x('<p lang="no way" dir="up">t</p>'), '<p>t</p>');
    assert.equal(x('<ol reversed start="4"><li>a</li></ol>'), '<ol start="4" reversed="reversed"><li>a</li></ol>');
  });

  it('turns images into links for e-books and keeps them for the HTML download', () => {
    assert.equal(
      x('<p><img src="https://e.org/a.png" alt="Sea"></p>'),
      '<p><a href="https://e.org/a.png" class="image-link">[Image: Sea]</a></p>',
    );
    assert.equal(
      x('<p><a href="https://e.org/b"><img src="https://e.org/a.png"></a></p>'),
      '<p><a href="https://e.org/b">[Image]</a></p>',
    );
    assert.equal(
      x('<p><img src="https://e.org/a.png" width="30" height="x"></p>', 'keep'),
      '<p><img src="https://e.org/a.png" alt="" width="30"/></p>',
    );
  });

  it('keeps footnote links whose anchor exists, resolves relative links and drops the rest', () => {
    const out = x(
      '<p><a href="#fn1">1</a> <a href="#gone">x</a> <a href="/works/3">w</a> <a href="javascript:alert(1)">j</a></p><p><a name="fn1">note</a></p>',
    );
    assert.equal(
      out,
      '<p><a href="#p-fn1">1</a> <a>x</a> <a href="https://archive.test/works/3">w</a> <a>j</a></p><p><a id="p-fn1">note</a></p>',
    );
  });

  it('repairs structure: blocks inside inline elements, stray list items and table cells', () => {
    assert.equal(x('<em><p>a</p><p>b</p></em>'), '<p><em>a</em></p><p><em>b</em></p>');
    assert.equal(x('<li>one</li><li>two</li>'), '<ul><li>one</li><li>two</li></ul>');
    assert.equal(x('<table><td>c</td></table>'), '<table><tbody><tr><td>c</td></tr></tbody></table>');
    assert.equal(x('<details><p>p</p></details>'), '<details><summary>Details</summary><p>p</p></details>');
    assert.equal(x('<dl><dd>d</dd></dl>'), '<div><div>d</div></div>');
  });

  it('removes characters XML does not allow', () => {
    assert.equal(x('<p>a\u0001b\u000bc\uFFFEd</p>'), '<p>abcd</p>');
  });
});

describe('EPUB parts', () => {
  const work = sampleWork({
    title: 'Tides & "Lights"',
    creators: ['marisol_writes', 'Co (author)'],
    fandoms: ['Original Work'],
    freeforms: ['Storms'],
    series: [{ title: 'Harbour', position: 2, url: `${ARCHIVE.origin}/series/4` }],
    chapters: [chapter(1, 'One.', { title: 'Arrival' }), chapter(2, 'Two.')],
    endNotes: '<p>Thanks.</p>',
  });
  const files = unzipSync(workEpub(work, ARCHIVE.name, ARCHIVE.origin));
  const zip = workEpub(work, ARCHIVE.name, ARCHIVE.origin);

  it('starts with the mimetype, stored without compression or extra field', () => {
    assert.equal(strFromU8(zip.subarray(30, 38)), 'mimetype');
    assert.equal(zip[8] | (zip[9] << 8), 0, 'compression method 0 (stored)');
    assert.equal(zip[28] | (zip[29] << 8), 0, 'no extra field');
    assert.equal(strFromU8(zip.subarray(38, 58)), 'application/epub+zip');
    assert.equal(Object.keys(files)[0], 'mimetype');
  });

  it('describes the work in the package document', () => {
    const opf = strFromU8(files['OEBPS/content.opf']);
    assert.match(opf, new RegExp(`<dc:identifier id="uid">urn:uuid:${uuidV5(ARCHIVE.uuid, 'work:1')}</dc:identifier>`));
    assert.match(opf, /<dc:title id="title">Tides &amp; "Lights"<\/dc:title>/);
    assert.match(
      opf,
      /<dc:creator id="creator1">marisol_writes<\/dc:creator>[\s\S]*<dc:creator id="creator2">Co \(author\)<\/dc:creator>/,
    );
    assert.match(opf, /<dc:language>en<\/dc:language>/);
    assert.match(opf, /<meta property="dcterms:modified">2026-01-02T03:04:05Z<\/meta>/);
    assert.match(opf, /<dc:subject>Original Work<\/dc:subject>[\s\S]*<dc:subject>Storms<\/dc:subject>/);
    assert.match(
      opf,
      /<meta property="belongs-to-collection" id="collection1">Harbour<\/meta>[\s\S]*group-position">2</,
    );
    assert.match(opf, /properties="nav"/);
  });

  it('has a title page, one file per chapter, an afterword and a table of contents', () => {
    assert.deepEqual(
      Object.keys(files)
        .filter((f) => f.endsWith('.xhtml'))
        .sort(),
      [
        'OEBPS/afterword.xhtml',
        'OEBPS/chapter-001.xhtml',
        'OEBPS/chapter-002.xhtml',
        'OEBPS/nav.xhtml',
        'OEBPS/title.xhtml',
      ],
    );
    const title = strFromU8(files['OEBPS/title.xhtml']);
    assert.match(title, /<h1 class="work-title"><bdi>Tides &amp; "Lights"<\/bdi><\/h1>/);
    assert.match(title, /Part 2 of <a href="http:\/\/archive.test\/series\/4"><bdi>Harbour<\/bdi><\/a>/);
    assert.match(
      strFromU8(files['OEBPS/chapter-001.xhtml']),
      /<h2 class="chapter-title">Chapter 1: <bdi>Arrival<\/bdi><\/h2>/,
    );
    assert.match(strFromU8(files['OEBPS/afterword.xhtml']), /End Notes[\s\S]*Thanks\./);
    const nav = strFromU8(files['OEBPS/nav.xhtml']);
    assert.match(
      nav,
      /<a href="chapter-001.xhtml">Chapter 1: Arrival<\/a>[\s\S]*<a href="chapter-002.xhtml">Chapter 2<\/a>/,
    );
    assert.match(
      strFromU8(files['OEBPS/toc.ncx']),
      new RegExp(`<meta name="dtb:uid" content="urn:uuid:${uuidV5(ARCHIVE.uuid, 'work:1')}"/>`),
    );
  });

  it('reads right to left for Arabic, Hebrew and Persian works', () => {
    const rtl = unzipSync(workEpub(oddWorks()['right-to-left text (Arabic and Hebrew)'], ARCHIVE.name, ARCHIVE.origin));
    assert.match(strFromU8(rtl['OEBPS/content.opf']), /<spine toc="ncx" page-progression-direction="rtl">/);
    assert.match(strFromU8(rtl['OEBPS/chapter-001.xhtml']), /<html [^>]*xml:lang="ar" lang="ar" dir="rtl">/);
  });

  it('builds the same bytes for the same work, and a series with each work in order', () => {
    assert.deepEqual(workEpub(work, ARCHIVE.name, ARCHIVE.origin), zip);
    const works = [sampleWork({ title: 'First' }, 1), sampleWork({ title: 'Second' }, 2)];
    const series = unzipSync(seriesEpub(sampleSeries(works), ARCHIVE.name, ARCHIVE.origin));
    const nav = strFromU8(series['OEBPS/nav.xhtml']);
    assert.match(
      nav,
      /series.xhtml[\s\S]*w1-title.xhtml">First<\/a><ol><li><a href="w1-chapter-001.xhtml">[\s\S]*w2-title.xhtml">Second/,
    );
  });
});

describe('HTML and text downloads', () => {
  const work = sampleWork({
    title: 'Tides',
    notes: '<p>Before.</p>',
    endNotes: '<p>After.</p>',
    chapters: [
      chapter(1, `<p>${'word '.repeat(40)}</p><ul><li>item</li></ul><p><a href="https://e.org/x">link</a></p>`, {
        notes: '<p>Chapter note.</p>',
      }),
      chapter(2, 'Two.'),
    ],
  });

  it('HTML is one file with the front matter, a table of contents and every chapter', () => {
    const html = workHtml(work, ARCHIVE.name, ARCHIVE.origin);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<style>/);
    assert.doesNotMatch(html, /<script|<link /);
    assert.match(
      html,
      /<a href="#chapter-1">Chapter 1<\/a>[\s\S]*<section class="chapter" id="chapter-1">[\s\S]*<section class="chapter" id="chapter-2">[\s\S]*After\./,
    );
  });

  it('plain text wraps paragraphs, labels the notes and writes out links', () => {
    const text = workTxt(work, ARCHIVE.name);
    assert.ok(
      text.split('\n').every((line) => [...line].length <= 78),
      'no line over 78 characters',
    );
    assert.match(text, /Notes:\n\n {2}Before\./);
    assert.match(text, /Chapter Notes:\n\n {2}Chapter note\./);
    assert.match(text, /- item/);
    assert.match(text, /link \(https:\/\/e\.org\/x\)/);
    assert.match(text, /End Notes:\n\n {2}After\./);
    assert.deepEqual(wrap('aaa bbb ccc', 7), ['aaa bbb', 'ccc']);
  });
});

describe('download names and cache', () => {
  it('makes slugs and safe file names from any title', () => {
    assert.equal(slugify('The Lighthouse Keeper!', 'work-1'), 'the-lighthouse-keeper');
    assert.equal(slugify('Café Über', 'work-1'), 'cafe-uber');
    assert.equal(slugify('灯台守', 'work-1'), '灯台守');
    assert.equal(slugify('!!!', 'work-1'), 'work-1');
    assert.equal(workDownloadPath({ id: 3, title: '灯台' }, 'epub'), '/downloads/3/%E7%81%AF%E5%8F%B0.epub');
    assert.equal(
      contentDisposition('Tom & "Jerry"/../x', 'work-1', 'epub'),
      `attachment; filename="Tom_Jerry_.._x.epub"; filename*=UTF-8''Tom%20%26%20Jerry%20..%20x.epub`,
    );
    assert.equal(
      contentDisposition('灯台', 'work-3', 'txt'),
      `attachment; filename="work-3.txt"; filename*=UTF-8''%E7%81%AF%E5%8F%B0.txt`,
    );
  });

  it('keeps built files within its budget, newest fingerprint only, and builds a missing one once', async () => {
    const cache = new DownloadCache(100);
    let builds = 0;
    const build = () => {
      builds += 1;
      return new Uint8Array(20);
    };
    const [a, b] = await Promise.all([cache.get('work:1:epub', 'v1', build), cache.get('work:1:epub', 'v1', build)]);
    assert.equal(builds, 1);
    assert.equal(a.file, b.file);
    assert.equal((await cache.get('work:1:epub', 'v1', build)).cached, true);
    await cache.get('work:1:epub', 'v2', build);
    assert.equal(cache.size, 20, 'the old version was dropped');
    for (let i = 2; i < 10; i++) await cache.get(`work:${i}:epub`, 'v1', build);
    assert.ok(cache.size <= 100);
  });
});
