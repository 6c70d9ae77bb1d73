/** The OpenAPI 3.1 document of the public API, served at /api/v1/openapi.json. */
import { INDEX_SORTS, PAGE_LIMITS, SEARCH_LIMITS, WORK_SORTS } from '../../domain/work-list-query.ts';
import { FILTER_TAG_KINDS } from '../../domain/work-filters.ts';
import { LANGUAGES, RATINGS } from '../../domain/works.ts';
import { API_PREFIX } from './resources.ts';
import { SCHEMAS } from './schemas.ts';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function param(name: string, where: 'query' | 'path', description: string, schema: Json, extra: Json = {}): Json {
  return { name, in: where, description, required: where === 'path', schema, ...extra };
}

const PATH = {
  id: param('id', 'path', 'The work id.', { type: 'integer', minimum: 1 }),
  chapterId: param('chapterId', 'path', 'The chapter id.', { type: 'integer', minimum: 1 }),
  seriesId: param('id', 'path', 'The series id.', { type: 'integer', minimum: 1 }),
  name: param('name', 'path', 'The tag name (any case).', { type: 'string' }),
  login: param('login', 'path', 'The account login.', { type: 'string' }),
  pseud: param('pseud', 'path', 'The pen name.', { type: 'string' }),
  collection: param('name', 'path', 'The collection’s short name (any case).', { type: 'string' }),
};

const PAGING = [
  param('limit', 'query', `Items per page, 1 to ${PAGE_LIMITS.max}.`, {
    type: 'integer',
    minimum: 1,
    maximum: PAGE_LIMITS.max,
    default: PAGE_LIMITS.default,
  }),
  param('cursor', 'query', 'nextCursor of the previous page. Opaque; only valid with the same sort and order.', {
    type: 'string',
  }),
];

const WORK_FILTERS = [
  param(
    'tag',
    'query',
    'A tag name of any kind; repeat for works carrying every one.',
    { type: 'array', items: { type: 'string' }, maxItems: 10 },
    { style: 'form', explode: true },
  ),
  param(
    'fandom',
    'query',
    'A fandom; repeat for crossovers of all of them.',
    { type: 'array', items: { type: 'string' }, maxItems: 10 },
    { style: 'form', explode: true },
  ),
  param(
    'rating',
    'query',
    'A rating; repeat for any of several.',
    { type: 'array', items: { type: 'string', enum: [...RATINGS] } },
    { style: 'form', explode: true },
  ),
  param('complete', 'query', 'Only complete (true) or only in-progress (false) works.', { type: 'boolean' }),
  param('language', 'query', 'Language code.', { type: 'string', enum: LANGUAGES.map(([code]) => code) }),
  param('words_from', 'query', 'At least this many words.', { type: 'integer', minimum: 0 }),
  param('words_to', 'query', 'At most this many words.', { type: 'integer', minimum: 0 }),
  param('updated_since', 'query', 'Updated at or after this date (2026-01-31) or timestamp (2026-01-31T18:00:00Z).', {
    type: 'string',
  }),
  param('user', 'query', 'Works by this account (login).', { type: 'string' }),
  param('pseud', 'query', 'Works under this pen name (of `user`, when given).', { type: 'string' }),
  param(
    'q',
    'query',
    `Words that must each appear in the title, summary or a tag name (at most ${SEARCH_LIMITS.queryLength} characters).`,
    { type: 'string', maxLength: SEARCH_LIMITS.queryLength },
  ),
  param('sort', 'query', 'What to order by.', { type: 'string', enum: [...WORK_SORTS], default: 'updated' }),
  param('order', 'query', 'desc (default; asc for title) or asc.', { type: 'string', enum: ['asc', 'desc'] }),
  ...PAGING,
];

/** /works's filters, answered by the works index (GET /works and /search). */
const INDEXED_FILTERS = [
  param(
    'q',
    'query',
    `A search in the query syntax of /works: words (each must match), "quoted phrases", and ranges such as words>10000, kudos:100-500, hits<50, chapters:1, complete:yes (at most ${SEARCH_LIMITS.queryLength} characters).`,
    { type: 'string', maxLength: SEARCH_LIMITS.queryLength },
  ),
  param(
    'inside',
    'query',
    'Search the text of the stories too (true) as well as titles, summaries, creators and tags.',
    { type: 'boolean' },
  ),
  ...FILTER_TAG_KINDS.flatMap((kind) => [
    param(
      `include_${kind}`,
      'query',
      `${kind} tags a work must carry, comma-separated or repeated (synonyms and subtags count).`,
      { type: 'string' },
    ),
    param(`exclude_${kind}`, 'query', `${kind} tags a work must not carry, comma-separated or repeated.`, {
      type: 'string',
    }),
  ]),
  param('crossovers', 'query', 'Crossovers (works in more than one fandom): include (default), exclude, or only.', {
    type: 'string',
    enum: ['include', 'exclude', 'only'],
  }),
  param('complete', 'query', 'Only complete (true) or only in-progress (false) works.', { type: 'boolean' }),
  param('single', 'query', 'Only works of a single chapter.', { type: 'boolean' }),
  param('words_from', 'query', 'At least this many words.', { type: 'integer', minimum: 0 }),
  param('words_to', 'query', 'At most this many words.', { type: 'integer', minimum: 0 }),
  param('updated_from', 'query', 'Updated on or after this day (2026-01-31).', { type: 'string', format: 'date' }),
  param('updated_to', 'query', 'Updated on or before this day (2026-01-31).', { type: 'string', format: 'date' }),
  param('language', 'query', 'Language code.', { type: 'string', enum: LANGUAGES.map(([code]) => code) }),
  param(
    'collection',
    'query',
    'Works in this collection, gift exchange or prompt meme (its short name), as its page lists them.',
    { type: 'string' },
  ),
  param(
    'tag',
    'query',
    'A tag name of any kind; repeat for works carrying every one.',
    { type: 'array', items: { type: 'string' }, maxItems: 10 },
    { style: 'form', explode: true },
  ),
  param(
    'fandom',
    'query',
    'A fandom; repeat for crossovers of all of them.',
    { type: 'array', items: { type: 'string' }, maxItems: 10 },
    { style: 'form', explode: true },
  ),
  param(
    'rating',
    'query',
    'A rating; repeat for any of several.',
    { type: 'array', items: { type: 'string', enum: [...RATINGS] } },
    { style: 'form', explode: true },
  ),
  param(
    'updated_since',
    'query',
    'Updated on or after the day of this date (2026-01-31) or timestamp (2026-01-31T18:00:00Z).',
    { type: 'string' },
  ),
  param('user', 'query', 'Works by this account (login).', { type: 'string' }),
  param('pseud', 'query', 'Works under this pen name (of `user`, when given).', { type: 'string' }),
  param(
    'sort',
    'query',
    'What to order by, as on /works: best (best match, for a text search; else updated), updated, posted, creator, title, words, hits, kudos, comments, bookmarks.',
    { type: 'string', enum: [...INDEX_SORTS] },
  ),
  param('order', 'query', 'asc or desc; by default best match, newest or most first, and creator and title A to Z.', {
    type: 'string',
    enum: ['asc', 'desc'],
  }),
  param('limit', 'query', `Items per page, 1 to ${PAGE_LIMITS.max}.`, {
    type: 'integer',
    minimum: 1,
    maximum: PAGE_LIMITS.max,
    default: PAGE_LIMITS.default,
  }),
  param(
    'cursor',
    'query',
    'nextCursor of the previous page. Opaque; only valid with the same filters, sort and order.',
    { type: 'string' },
  ),
];

const OWN_WORK_FILTERS = WORK_FILTERS.filter((p) => p.name !== 'user' && p.name !== 'pseud');

function json(schema: string, description: string): Json {
  return { description, content: { 'application/json': { schema: ref(schema) } } };
}

const ERRORS: Record<string, string> = {
  '400':
    'A parameter or the body is malformed (unknown parameter, bad cursor, limit out of range, unknown sort, wrong type).',
  '401': 'The token is missing (where one is needed), malformed or revoked.',
  '403': "The token's owner may see the work but not change it.",
  '404': 'Nothing there, or nothing this caller may see.',
  '413': 'The body is too large.',
  '415': 'The body is not JSON.',
  '422': 'The work or chapter breaks a rule of the posting form; fields says which.',
  '429': 'Too many requests; Retry-After says when to try again.',
};

function errors(...statuses: string[]): Record<string, Json> {
  return Object.fromEntries(
    ['400', '429', ...statuses].map((s) => [
      s,
      { description: ERRORS[s], content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
}

/**
 * Read-your-writes on archives with read replicas (src/web/read-your-writes.ts): a write's answer
 * carries the primary's position, signed; a read that sends it back comes from where that write is.
 */
const QUIRE_LSN = 'Quire-LSN';
const LSN_RESPONSE_HEADER = { $ref: '#/components/headers/QuireLsn' };
const LSN_REQUEST_HEADER = { $ref: '#/components/parameters/QuireLsn' };
const LSN_COMPONENTS = {
  headers: {
    QuireLsn: {
      description:
        'On archives with read replicas: where this write is in the primary database, signed. Send it back unchanged as the Quire-LSN request header on the reads that follow (to any server process) and they come from a replica that already has the write.',
      schema: { type: 'string' },
    },
  },
  parameters: {
    QuireLsn: {
      name: QUIRE_LSN,
      in: 'header',
      required: false,
      description:
        'The Quire-LSN header of the answer to an earlier write, unchanged: this read then sees that write even if it is answered from a read replica. An unsigned or malformed value is ignored.',
      schema: { type: 'string' },
    },
  },
};

function read(
  summary: string,
  parameters: Json[],
  schema: string,
  description: string,
  tags: string[],
  extraErrors: string[] = ['404'],
): Json {
  return {
    summary,
    tags,
    parameters: [...parameters, LSN_REQUEST_HEADER],
    security: [{}, { bearerToken: [] }],
    responses: { '200': json(schema, description), ...errors('401', ...extraErrors) },
  };
}

function write(
  summary: string,
  parameters: Json[],
  body: string,
  status: string,
  schema: string,
  description: string,
  tags: string[],
  extraErrors: string[],
): Json {
  return {
    summary,
    tags,
    parameters,
    security: [{ bearerToken: [] }],
    requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } },
    responses: {
      [status]: { ...json(schema, description), headers: { [QUIRE_LSN]: LSN_RESPONSE_HEADER } },
      ...errors('401', '413', '415', '422', ...extraErrors),
    },
  };
}

export function openApiDocument(archiveName: string): Json {
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: `${archiveName} public API`,
      version: '1.0.0',
      description:
        'Read works, chapters, tags, series, members and public bookmarks; with a personal API token (created on your account page) post and change your works. ' +
        "Reads need no token; registered-only works need one, and drafts are only shown to their creators' tokens. " +
        'Browser sessions never authenticate API requests. All errors are { "error": { "code", "message" } }. Lists are paged with an opaque cursor. ' +
        'On archives with read replicas, send the Quire-LSN header of a write back on the reads that follow to see that write.',
    },
    servers: [{ url: API_PREFIX }],
    components: {
      securitySchemes: {
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'A personal API token: Authorization: Bearer quire_…',
        },
      },
      schemas: SCHEMAS,
      ...LSN_COMPONENTS,
    },
    paths: {
      '/works': {
        get: read('List works', INDEXED_FILTERS, 'WorkPage', 'A page of works this caller may see.', ['works'], []),
        post: write(
          'Post a work',
          [],
          'WorkCreate',
          '201',
          'WorkDetail',
          'The new work; Location names it.',
          ['works'],
          [],
        ),
      },
      '/works/{id}': {
        get: read('One work with its chapters and stats', [PATH.id], 'WorkDetail', 'The work.', ['works']),
        patch: write(
          'Change a work',
          [PATH.id],
          'WorkPatch',
          '200',
          'WorkDetail',
          'The changed work.',
          ['works'],
          ['403', '404'],
        ),
      },
      '/works/{id}/chapters': {
        get: read('The chapters of a work', [PATH.id], 'ChapterList', 'Its chapters, without their text.', ['works']),
        post: write(
          'Add a chapter',
          [PATH.id],
          'ChapterCreate',
          '201',
          'Chapter',
          'The new chapter; Location names it.',
          ['works'],
          ['403', '404'],
        ),
      },
      '/works/{id}/chapters/{chapterId}': {
        get: read('One chapter with its text', [PATH.id, PATH.chapterId], 'Chapter', 'The chapter.', ['works']),
      },
      '/works/{id}/bookmarks': {
        get: read(
          'Public bookmarks of a work',
          [PATH.id, ...PAGING],
          'BookmarkPage',
          'A page of bookmarks, newest first.',
          ['bookmarks'],
        ),
      },
      '/collections/{name}': {
        get: read(
          'Look up a collection, gift exchange or prompt meme',
          [PATH.collection],
          'Collection',
          'The collection.',
          ['collections'],
        ),
      },
      '/collections/{name}/prompts': {
        get: read(
          'The prompts of a prompt meme',
          [
            PATH.collection,
            param('tag', 'query', 'Prompts with this tag (any kind).', { type: 'string' }),
            param('claimed', 'query', 'Only claimed (true) or unclaimed (false) prompts.', { type: 'boolean' }),
            param('filled', 'query', 'Only filled (true) or unfilled (false) prompts.', { type: 'boolean' }),
            param('sort', 'query', 'Newest first, or most claimed first.', {
              type: 'string',
              enum: ['newest', 'claims'],
              default: 'newest',
            }),
            ...PAGING,
          ],
          'PromptPage',
          'A page of its prompts.',
          ['collections'],
        ),
      },
      '/tags/{name}': {
        get: read(
          'Look up a tag',
          [
            PATH.name,
            param('kind', 'query', 'Which kind, when several kinds share the name.', {
              type: 'string',
              enum: ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'],
            }),
          ],
          'TagDetail',
          'The tag.',
          ['tags'],
        ),
      },
      '/tags/{name}/works': {
        get: read('Works of a tag', [PATH.name, ...WORK_FILTERS], 'WorkPage', 'A page of works carrying the tag.', [
          'tags',
          'works',
        ]),
      },
      '/series/{id}': { get: read('A series with its works', [PATH.seriesId], 'Series', 'The series.', ['series']) },
      '/users/{login}': { get: read('A member', [PATH.login], 'User', 'The member and their pen names.', ['people']) },
      '/users/{login}/works': {
        get: read("A member's works", [PATH.login, ...OWN_WORK_FILTERS], 'WorkPage', 'A page of their works.', [
          'people',
          'works',
        ]),
      },
      '/users/{login}/bookmarks': {
        get: read(
          "A member's bookmarks",
          [PATH.login, ...PAGING],
          'BookmarkPage',
          'A page of their public bookmarks (private ones too for their own token), newest first.',
          ['people', 'bookmarks'],
        ),
      },
      '/users/{login}/pseuds/{pseud}': {
        get: read('A pen name', [PATH.login, PATH.pseud], 'PseudDetail', 'The pen name.', ['people']),
      },
      '/users/{login}/pseuds/{pseud}/works': {
        get: read(
          "A pen name's works",
          [PATH.login, PATH.pseud, ...OWN_WORK_FILTERS],
          'WorkPage',
          'A page of its works.',
          ['people', 'works'],
        ),
      },
      '/search': {
        get: read(
          'Search works',
          INDEXED_FILTERS.map((p) => (p.name === 'q' ? { ...p, required: true } : p)),
          'WorkPage',
          'A page of matching works.',
          ['works'],
          [],
        ),
      },
      '/me': {
        get: {
          summary: 'Who the token belongs to',
          tags: ['people'],
          security: [{ bearerToken: [] }],
          parameters: [LSN_REQUEST_HEADER],
          responses: { '200': json('Me', 'The token and its owner.'), ...errors('401') },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This document',
          tags: ['meta'],
          security: [{}],
          responses: {
            '200': {
              description: 'The OpenAPI 3.1 document.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            ...errors(),
          },
        },
      },
    },
  };
}
