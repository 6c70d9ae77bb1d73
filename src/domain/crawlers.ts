/**
 * What the archive tells crawlers: robots.txt (which AI crawlers are turned away, which paths no
 * crawler should walk) and the robots directives of pages whose writers asked not to be indexed.
 * Pure: no I/O.
 */
import { ValidationError } from './errors.ts';

/** The directives for a work or member that asked not to be indexed: search engines and AI use alike. */
export const NOINDEX_DIRECTIVES = 'noindex, noai, noimageai';

/**
 * Crawlers that gather text for training or answering with AI models, turned away from the whole
 * archive unless the admins change the list. From the ai.robots.txt project's list (late 2025),
 * leaving out agents that also fetch link previews or run ordinary web search.
 */
export const DEFAULT_BLOCKED_CRAWLERS: readonly string[] = [
  'AI2Bot',
  'Ai2Bot-Dolma',
  'aiHitBot',
  'Amazonbot',
  'anthropic-ai',
  'Applebot-Extended',
  'Bytespider',
  'CCBot',
  'ChatGLM-Spider',
  'ChatGPT-User',
  'Claude-SearchBot',
  'Claude-User',
  'Claude-Web',
  'ClaudeBot',
  'cohere-ai',
  'cohere-training-data-crawler',
  'Cotoyogi',
  'Crawl4AI',
  'DeepSeekBot',
  'Diffbot',
  'DuckAssistBot',
  'FacebookBot',
  'FirecrawlAgent',
  'FriendlyCrawler',
  'Google-CloudVertexBot',
  'Google-Extended',
  'GoogleOther',
  'GoogleOther-Image',
  'GoogleOther-Video',
  'GPTBot',
  'iaskspider',
  'ICC-Crawler',
  'ImagesiftBot',
  'img2dataset',
  'Kangaroo Bot',
  'LAIONDownloader',
  'Meta-ExternalAgent',
  'Meta-ExternalFetcher',
  'MistralAI-User',
  'OAI-SearchBot',
  'omgili',
  'omgilibot',
  'PanguBot',
  'Perplexity-User',
  'PerplexityBot',
  'PetalBot',
  'QuillBot',
  'TikTokSpider',
  'Timpibot',
  'VelenPublicWebCrawler',
  'Webzio-Extended',
  'YandexAdditional',
  'YandexAdditionalBot',
  'YouBot',
];

/** At most this many crawler names in the list, each at most this long. */
export const CRAWLER_LIST_LIMITS = { names: 300, nameLength: 100 };

/** A crawler's name as robots.txt holds it: letters, digits, spaces and . _ - / (no colon, so no directive can be slipped in). */
const CRAWLER_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._\-/]*$/;

/** The crawler list as an admin typed it (one name a line), checked: the names, duplicates (in any case) dropped. */
export function parseCrawlerList(text: string): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r\n|\r|\n/);
  for (const [i, line] of lines.entries()) {
    const name = line.trim().replace(/\s+/g, ' ');
    if (name === '') continue;
    if (name.length > CRAWLER_LIST_LIMITS.nameLength)
      throw new ValidationError({
        crawlers: `Line ${i + 1} is longer than ${CRAWLER_LIST_LIMITS.nameLength} characters: a crawler's name is one short word, like GPTBot.`,
      });
    if (!CRAWLER_NAME.test(name))
      throw new ValidationError({
        crawlers: `Line ${i + 1} (“${name}”) is not a crawler's name: use letters, digits, spaces and . _ - / only, one name a line, like GPTBot.`,
      });
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  if (names.length > CRAWLER_LIST_LIMITS.names)
    throw new ValidationError({
      crawlers: `The list names ${names.length} crawlers; it can hold at most ${CRAWLER_LIST_LIMITS.names}.`,
    });
  return names;
}

/**
 * Paths no crawler should walk: a member's own pages, staff pages, forms, search results (any
 * query of the search page, filtered lists), downloads (heavy, and the work pages say the same), the API and
 * OPDS catalogue (for apps and e-readers). Work, chapter, tag and user pages stay open.
 */
export const DISALLOWED_PATHS: readonly string[] = [
  '/account',
  '/admin',
  '/api/',
  '/autosave',
  '/bookmarks/new',
  '/downloads/',
  '/inbox',
  '/invitations',
  '/login',
  '/logout',
  '/opds',
  '/search',
  '/settings/',
  '/signup',
  '/works/import',
  '/works/new',
  '/*/delete',
  '/*/edit',
  '/*/new',
  '/*/readings',
  // Filtered and sorted lists: endless combinations of the same works (the sitemap lists each once).
  '/works?',
  '/*/works?',
];

/** robots.txt: the blocked crawlers turned away from everything, every crawler kept off the paths above, the sitemap named. */
export function robotsTxt(blocked: readonly string[], sitemapUrl: string): string {
  const lines: string[] = [];
  if (blocked.length > 0) {
    lines.push('# Crawlers gathering text for AI models: this archive asks them to stay away entirely.');
    for (const name of blocked) lines.push(`User-agent: ${name}`);
    lines.push('Disallow: /', '');
  }
  lines.push('# Everyone else: read works, tags and user pages; leave accounts, forms and searches alone.');
  lines.push('User-agent: *');
  for (const path of DISALLOWED_PATHS) lines.push(`Disallow: ${path}`);
  lines.push('', `Sitemap: ${sitemapUrl}`, '');
  return lines.join('\n');
}
