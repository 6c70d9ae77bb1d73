import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatUserText, paragraphize, sanitizeUserHtml } from '../../src/text/sanitize.ts';
import { XSS_PAYLOADS, assertHarmless } from '../support/xss.ts';

describe('sanitizing user HTML', () => {
  it('removes every XSS payload', () => {
    for (const payload of XSS_PAYLOADS) {
      assertHarmless(sanitizeUserHtml(payload), payload);
      assertHarmless(formatUserText(`Before.\n\n${payload}\n\nAfter.`), payload);
    }
  });

  it('keeps the formatting writers use', () => {
    const html =
      '<p>She said <em>no</em>, <strong>twice</strong>, <s>thrice</s>.</p><blockquote><p>Quoted</p></blockquote><hr />' +
      '<h2>Part Two</h2><ul><li>one</li></ul><ol start="3"><li>three</li></ol>' +
      '<table><caption>Ledger</caption><tr><th scope="col">A</th></tr><tr><td colspan="2">1</td></tr></table>' +
      '<p><abbr title="as far as I know">AFAIK</abbr> H<sub>2</sub>O x<sup>2</sup></p>' +
      '<details><summary>Spoiler</summary><p>Hidden</p></details><p><ruby>漢<rt>kan</rt></ruby></p>' +
      '<p dir="rtl" lang="ar">مرحبا</p>';
    const clean = sanitizeUserHtml(html);
    for (const kept of [
      '<em>no</em>',
      '<strong>twice</strong>',
      '<s>thrice</s>',
      '<blockquote>',
      '<hr />',
      '<h2>Part Two</h2>',
      '<ol start="3">',
      '<caption>Ledger</caption>',
      '<th scope="col">',
      '<td colspan="2">',
      '<abbr title="as far as I know">',
      '<sub>2</sub>',
      '<details><summary>Spoiler</summary>',
      '<ruby>漢<rt>kan</rt></ruby>',
      '<p dir="rtl" lang="ar">',
    ]) {
      assert.ok(clean.includes(kept), `lost ${kept} in ${clean}`);
    }
  });

  it('keeps http(s) and mailto links and images by http(s) URL, marking links as user content', () => {
    assert.equal(
      sanitizeUserHtml('<a href="https://example.org/fic">fic</a>'),
      '<a href="https://example.org/fic" rel="nofollow ugc noopener">fic</a>',
    );
    assert.match(sanitizeUserHtml('<a href="mailto:me@example.org">mail</a>'), /href="mailto:me@example.org"/);
    assert.equal(
      sanitizeUserHtml('<img src="https://example.org/a.png" alt="Art" width="200" />'),
      '<img src="https://example.org/a.png" alt="Art" width="200" />',
    );
    assert.equal(sanitizeUserHtml('<img src="ftp://example.org/a.png" />'), '<img />');
  });
});

describe('plain text to paragraphs', () => {
  it('turns blank-line blocks into paragraphs and line breaks into <br>', () => {
    assert.equal(
      paragraphize('First line\nsecond line\n\n\nNew paragraph.'),
      '<p>First line<br />\nsecond line</p>\n<p>New paragraph.</p>',
    );
    assert.equal(paragraphize('\r\nWindows\r\n\r\nlines\r\n'), '<p>Windows</p>\n<p>lines</p>');
  });

  it('leaves blocks that already are HTML blocks alone', () => {
    assert.equal(
      paragraphize('<p>Already</p>\n\n<blockquote>Quote</blockquote>\n\nPlain'),
      '<p>Already</p>\n<blockquote>Quote</blockquote>\n<p>Plain</p>',
    );
  });

  it('keeps inline markup in plain text', () => {
    assert.equal(
      formatUserText('A <em>very</em> good day.\n\nIndeed.'),
      '<p>A <em>very</em> good day.</p>\n<p>Indeed.</p>',
    );
  });
});
