import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { el, escapeAttr, escapeText, xmlDocument, xmlSafe } from '../../src/formats/xml.ts';
import { workDownloadPath, seriesDownloadPath, slugify } from '../../src/formats/formats.ts';
import { parseFeed } from '../support/feeds.ts';

describe('the XML writer', () => {
  it('escapes markup in text and attributes, so "]]>" and "<script>" stay text', () => {
    assert.equal(escapeText('a < b && c > d ]]>'), 'a &lt; b &amp;&amp; c &gt; d ]]&gt;');
    assert.equal(escapeAttr('say "hi" <x>\n\tthen'), 'say &quot;hi&quot; &lt;x&gt;&#10;&#9;then');
  });

  it('drops characters XML 1.0 cannot carry, and keeps every other character', () => {
    assert.equal(xmlSafe('bell\u0007 nul\u0000 esc\u001b ok\ttab\nline'), 'bell nul esc ok\ttab\nline');
    assert.equal(xmlSafe('lone \ud800 surrogate, \uffff and \ufffe'), 'lone  surrogate,  and ');
    assert.equal(xmlSafe('emoji 🦊, CJK 漢字, RTL עברית'), 'emoji 🦊, CJK 漢字, RTL עברית');
  });

  it('writes a document a strict parser reads back exactly, whatever the text', () => {
    const hostile = 'Title <script>alert(1)</script> ]]> & "quotes" \u0001\u0008 end';
    const doc = xmlDocument(
      el(
        'feed',
        { xmlns: 'http://www.w3.org/2005/Atom' },
        el('id', {}, 'urn:x'),
        el('title', { type: 'text' }, hostile),
        el('updated', {}, '2026-01-01T00:00:00.000Z'),
        el('link', { rel: 'self', href: 'http://x/?a=1&b="2"' }),
      ),
    );
    const parsed = parseFeed(doc);
    assert.equal(parsed.xmlError, undefined);
    assert.equal(parsed.xml!.title, 'Title <script>alert(1)</script> ]]> & "quotes"  end');
    assert.equal(parsed.xml!.links[0].href, 'http://x/?a=1&b="2"');
  });

  it('writes empty elements short and skips absent attributes and children', () => {
    assert.equal(
      xmlDocument(el('a', { b: undefined, c: 1 }, null, false, undefined, [el('d')])),
      '<?xml version="1.0" encoding="utf-8"?>\n<a c="1"><d/></a>\n',
    );
  });

  it('refuses names that are not XML names instead of writing broken markup', () => {
    assert.throws(() => xmlDocument(el('bad name')), /not an XML name/);
    assert.throws(() => xmlDocument(el('a', { 'on"x': '1' })), /not an XML attribute name/);
  });
});

describe('download addresses', () => {
  it('put a URL-safe, lowercased slug of the title after the id', () => {
    assert.equal(slugify('Über die Brücke!', 'work'), 'uber-die-brucke');
    assert.equal(slugify('<script>alert(1)</script>', 'work'), 'script-alert-1-script');
    assert.equal(slugify('???', 'work'), 'work');
    assert.equal(
      workDownloadPath({ id: 7, title: 'The Lighthouse Keeper' }, 'epub'),
      '/downloads/7/the-lighthouse-keeper.epub',
    );
    assert.equal(
      workDownloadPath({ id: 8, title: '漢字だけ' }, 'epub'),
      `/downloads/8/${encodeURIComponent('漢字だけ')}.epub`,
    );
    assert.equal(seriesDownloadPath({ id: 3, title: '???' }, 'epub'), '/downloads/series/3/series-3.epub');
    assert.ok(slugify('a'.repeat(300), 'work').length <= 80);
  });
});
