import sanitizeHtml from 'sanitize-html';

/**
 * The allowlist for HTML that users write (chapter text, notes, summaries, comments), after
 * AO3's: text formatting, structure, tables, links and images by http(s) URL. No scripts,
 * styles, event handlers, forms, frames, SVG, or javascript:/data: URLs.
 */
const COMMON = ['title', 'dir', 'lang'];
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'div',
    'span',
    'blockquote',
    'pre',
    'code',
    'kbd',
    'samp',
    'var',
    'q',
    'cite',
    'dfn',
    'address',
    'em',
    'strong',
    'i',
    'b',
    'u',
    's',
    'strike',
    'del',
    'ins',
    'small',
    'big',
    'mark',
    'tt',
    'sup',
    'sub',
    'abbr',
    'acronym',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'table',
    'caption',
    'colgroup',
    'col',
    'thead',
    'tbody',
    'tfoot',
    'tr',
    'th',
    'td',
    'a',
    'img',
    'details',
    'summary',
    'ruby',
    'rb',
    'rt',
    'rp',
    'figure',
    'figcaption',
    'center',
    'bdo',
  ],
  allowedAttributes: {
    '*': COMMON,
    a: [...COMMON, 'href', 'name', 'rel'],
    img: [...COMMON, 'src', 'alt', 'width', 'height', 'align'],
    ol: [...COMMON, 'start', 'type', 'reversed'],
    ul: [...COMMON, 'type'],
    li: [...COMMON, 'value'],
    td: [...COMMON, 'colspan', 'rowspan', 'align', 'valign'],
    th: [...COMMON, 'colspan', 'rowspan', 'scope', 'align', 'valign'],
    col: [...COMMON, 'span', 'width'],
    colgroup: [...COMMON, 'span', 'width'],
    table: [...COMMON, 'summary', 'width', 'border'],
    p: [...COMMON, 'align'],
    div: [...COMMON, 'align'],
    details: [...COMMON, 'open'],
    abbr: COMMON,
    blockquote: [...COMMON, 'cite'],
    q: [...COMMON, 'cite'],
    del: [...COMMON, 'cite', 'datetime'],
    ins: [...COMMON, 'cite', 'datetime'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: {
    img: ['http', 'https'],
    blockquote: ['http', 'https'],
    q: ['http', 'https'],
    del: ['http', 'https'],
    ins: ['http', 'https'],
  },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Content of these is dropped entirely, not shown as text.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'title',
    'template',
    'svg',
    'math',
    'iframe',
    'object',
    'embed',
    'xmp',
    'noembed',
    'noframes',
  ],
  transformTags: {
    // Links written by users earn no search-engine credit and get no handle on this page.
    a: (tagName, attribs) => {
      const { rel: _ignored, ...rest } = attribs;
      return { tagName, attribs: rest.href ? { ...rest, rel: 'nofollow ugc noopener' } : rest };
    },
  },
};

export function sanitizeUserHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

const BLOCK_START = /^\s*<(p|div|blockquote|pre|h[1-6]|ul|ol|dl|table|hr|details|figure|center|address)[\s>/]/i;

/**
 * Writers paste plain text as often as HTML. Blank-line-separated blocks that are not already
 * block elements become paragraphs, and single line breaks inside them become <br>.
 */
export function paragraphize(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (normalized === '') return '';
  return normalized
    .split(/\n[ \t]*\n+/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => (BLOCK_START.test(block) ? block : `<p>${block.replace(/\n/g, '<br />\n')}</p>`))
    .join('\n');
}

/** What a writer typed into a text area, made safe to show: paragraphs restored, HTML allowlisted. */
export function formatUserText(input: string): string {
  return sanitizeUserHtml(paragraphize(input));
}
