/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses) of everything the public API sends and takes.
 * resources.ts builds the objects; the tests check every answer against these.
 */
import {
  CATEGORIES,
  COMMENT_POLICIES,
  FREE_TAG_KINDS,
  LIMITS,
  RATINGS,
  VISIBILITIES,
  WARNINGS,
} from '../../domain/works.ts';
import { PAGE_LIMITS } from '../../domain/work-list-query.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const string: Schema = { type: 'string' };
const html = (description: string): Schema => ({ type: 'string', description: `${description} Sanitized HTML.` });
const timestamp: Schema = { type: 'string', format: 'date-time' };
const nullableTimestamp: Schema = { type: ['string', 'null'], format: 'date-time' };
const id: Schema = { type: 'integer', minimum: 1 };
const count: Schema = { type: 'integer', minimum: 0 };
const link: Schema = { type: 'string', description: 'An address on this archive, relative to its root.' };

function object(properties: Record<string, Schema>, description?: string, optional: string[] = []): Schema {
  return {
    type: 'object',
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties).filter((k) => !optional.includes(k)),
    additionalProperties: false,
  };
}

const TAG_KINDS = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

const Tag = object(
  { id, kind: { type: 'string', enum: TAG_KINDS }, name: string },
  'A tag on a work. Kinds follow AO3: freeform tags are "additional tags".',
);

const Creator = object({
  pseudId: id,
  pseud: { type: 'string', description: 'The pen name.' },
  login: { type: 'string', description: 'The account the pen name belongs to.' },
});

const WorkStats = object({ words: count, kudos: count, hits: count, comments: count, bookmarks: count });

const workProperties: Record<string, Schema> = {
  id,
  title: string,
  summary: html('The summary.'),
  rating: { type: 'string', enum: [...RATINGS] },
  tags: {
    type: 'array',
    items: ref('Tag'),
    description:
      'Rating, archive warnings, categories, fandoms, relationships, characters and additional tags, in that order.',
  },
  language: { type: 'string', description: 'Language code, e.g. en.' },
  visibility: {
    type: 'string',
    enum: [...VISIBILITIES],
    description: 'public; registered (members only: needs a token); draft (its creators only).',
  },
  complete: { type: 'boolean' },
  expectedChapters: { type: ['integer', 'null'], minimum: 1, description: 'null while the creator does not know yet.' },
  chapterCount: count,
  publishedAt: { ...nullableTimestamp, description: 'When the work came out; null for a draft.' },
  updatedAt: {
    ...timestamp,
    description: 'When a chapter last came out (AO3\'s "Updated"); what sort=updated orders by.',
  },
  creators: { type: 'array', items: ref('Creator') },
  anonymous: {
    type: 'boolean',
    description:
      'true while a collection keeps the creators unnamed: creators is then empty, as every byline says "Anonymous".',
  },
  stats: ref('WorkStats'),
  links: object({ html: link, api: link }),
};

const Work = object(workProperties, 'A work as lists show it.');

const ChapterSummary = object(
  {
    id,
    position: { type: 'integer', minimum: 1 },
    title: string,
    draft: { type: 'boolean', description: "Draft chapters are listed only for the work's creators." },
    publishedAt: nullableTimestamp,
    words: count,
    links: object({ html: link, api: link }),
  },
  'A chapter without its text.',
);

const SeriesPlace = object(
  { id, title: string, position: { type: 'integer', minimum: 1 }, links: object({ html: link, api: link }) },
  'A series the work is part of, and its part number there.',
);

const WorkDetail = object(
  {
    ...workProperties,
    notes: html('Beginning notes.'),
    endNotes: html('End notes.'),
    disclaimer: html('Disclaimer.'),
    commentPolicy: { type: 'string', enum: [...COMMENT_POLICIES] },
    passageComments: { type: 'boolean', description: 'Readers may comment on a paragraph or sentence.' },
    chapters: { type: 'array', items: ref('ChapterSummary') },
    series: { type: 'array', items: ref('SeriesPlace') },
  },
  'One work with its chapters (without their text) and the series it is in.',
);

const Chapter = object(
  {
    ...(ChapterSummary.properties as Record<string, Schema>),
    workId: id,
    summary: html('Chapter summary.'),
    notes: html('Chapter beginning notes.'),
    endNotes: html('Chapter end notes.'),
    body: html('The chapter text.'),
  },
  'One chapter with its text.',
);

const Series = object(
  {
    id,
    title: string,
    summary: html('The series description.'),
    notes: html('Series notes.'),
    complete: { type: 'boolean' },
    createdAt: timestamp,
    updatedAt: timestamp,
    stats: object({ works: count, words: count }),
    works: { type: 'array', items: ref('Work'), description: 'The works this caller may read, in series order.' },
    links: object({ html: link, api: link }),
  },
  'A series with its works.',
);

const nullableDate = (description: string): Schema => ({ ...nullableTimestamp, description });

const Collection = object(
  {
    name: { type: 'string', description: 'The short name in its address.' },
    title: string,
    kind: {
      type: 'string',
      enum: ['collection', 'gift-exchange', 'prompt-meme'],
      description: 'A plain collection, a gift exchange or a prompt meme.',
    },
    description: html('What the collection is for.'),
    rules: html('Its rules.'),
    faq: html('Its questions and answers.'),
    open: { type: 'boolean', description: 'Whether members may add their works.' },
    moderated: { type: 'boolean', description: 'Whether a maintainer approves each work first.' },
    unrevealed: { type: 'boolean', description: 'Whether works stay hidden until the maintainers reveal them.' },
    anonymous: { type: 'boolean', description: 'Whether creators stay hidden until revealed.' },
    revealWorksAt: nullableDate('When the works are revealed, if set.'),
    revealCreatorsAt: nullableDate('When the creators are revealed, if set.'),
    parent: { type: ['string', 'null'], description: 'The parent collection’s name.' },
    children: { type: 'array', items: string, description: 'The names of its sub-collections.' },
    maintainers: {
      type: 'array',
      items: object({ pseud: string, login: string, role: { type: 'string', enum: ['owner', 'moderator'] } }),
    },
    giftExchange: {
      oneOf: [
        object({
          signupsOpenAt: timestamp,
          signupsCloseAt: timestamp,
          assignmentsDueAt: nullableTimestamp,
          assignmentsSent: { type: 'boolean' },
        }),
        { type: 'null' },
      ],
      description: 'Its sign-up dates and whether assignments went out (gift exchanges).',
    },
    promptMeme: {
      oneOf: [
        object({
          open: { type: 'boolean', description: 'Whether it takes prompts (between opensAt and closesAt, when set).' },
          opensAt: nullableTimestamp,
          closesAt: nullableTimestamp,
          anonymousAllowed: { type: 'boolean' },
        }),
        { type: 'null' },
      ],
      description: 'Whether it takes prompts (prompt memes).',
    },
    createdAt: timestamp,
    updatedAt: timestamp,
    links: object({ html: link, api: link, works: link }),
  },
  'A collection, gift exchange or prompt meme. Its works: GET /works?collection=NAME.',
);

const Prompt = object(
  {
    id,
    title: string,
    description: html('What the prompter asks for.'),
    tags: { type: 'array', items: object({ kind: { type: 'string', enum: [...FREE_TAG_KINDS] }, name: string }) },
    anonymous: { type: 'boolean' },
    prompter: {
      oneOf: [object({ pseud: string, login: string }), { type: 'null' }],
      description: 'Who posted it; null for an anonymous prompt (except to its prompter and the maintainers).',
    },
    claims: count,
    fills: { ...count, description: 'Fills this caller may read.' },
    createdAt: timestamp,
    links: object({ html: link }),
  },
  'A prompt of a prompt meme.',
);

const pseudProperties: Record<string, Schema> = {
  id,
  name: string,
  login: string,
  description: { type: 'string', description: 'Plain text.' },
  isDefault: { type: 'boolean' },
  createdAt: timestamp,
  links: object({ html: link, api: link, works: link }),
};
const Pseud = object(pseudProperties, 'A pen name.');
const PseudDetail = object(
  { ...pseudProperties, workCount: { ...count, description: 'Works under this pen name that this caller may see.' } },
  'A pen name with its number of works.',
);

const User = object(
  {
    id,
    login: string,
    joinedAt: timestamp,
    workCount: { ...count, description: 'Works of this account that this caller may see.' },
    pseuds: { type: 'array', items: ref('Pseud') },
    links: object({ html: link, api: link, works: link, bookmarks: link }),
  },
  'A member of the archive. Email addresses are never shown.',
);

const TagDetail = object(
  { ...(Tag.properties as Record<string, Schema>), workCount: count, links: object({ html: link, works: link }) },
  'A tag with the number of works this caller may see under it.',
);

const Bookmark = object(
  {
    id,
    login: string,
    pseud: {
      type: ['string', 'null'],
      description: 'The pen name it is shown under; null once that pen name is gone.',
    },
    notes: html("The bookmarker's notes."),
    tags: { type: 'array', items: string, description: "The bookmarker's own tags." },
    rec: { type: 'boolean', description: 'A recommendation.' },
    private: { type: 'boolean', description: 'Private bookmarks are only ever shown to their owner.' },
    createdAt: timestamp,
    updatedAt: timestamp,
    target: {
      oneOf: [
        object({ kind: { const: 'work' }, work: ref('Work') }),
        object({
          kind: { const: 'series' },
          series: object({ id, title: string, links: object({ html: link, api: link }) }),
        }),
      ],
    },
  },
  'A bookmark of a work or a series.',
);

const ApiToken = object(
  { id, name: string, createdAt: timestamp, lastUsedAt: nullableTimestamp },
  'A personal API token (never the token itself).',
);

const Me = object({ user: ref('User'), token: ref('ApiToken') }, 'Who the token belongs to.');

const Error = object(
  {
    error: object(
      {
        code: {
          type: 'string',
          description: 'Stable machine-readable code.',
          enum: [
            'invalid_parameter',
            'invalid_body',
            'invalid_json',
            'invalid_fields',
            'invalid_token',
            'token_required',
            'forbidden',
            'not_found',
            'unsupported_media_type',
            'too_large',
            'rate_limited',
            'bad_request',
            'internal',
          ],
        },
        message: { type: 'string', description: 'What went wrong, for people.' },
        fields: {
          type: 'object',
          additionalProperties: string,
          description: 'Per parameter or body field (dotted for nested fields), what is wrong with it.',
        },
      },
      undefined,
      ['fields'],
    ),
  },
  'Every error answer has this shape.',
);

function page(item: string): Schema {
  return object(
    {
      items: { type: 'array', items: ref(item) },
      total: { ...count, description: 'How many there are in all, for this caller.' },
      limit: { type: 'integer', minimum: 1, maximum: PAGE_LIMITS.max },
      nextCursor: { type: ['string', 'null'], description: 'Pass as cursor for the next page; null on the last page.' },
    },
    `A page of ${item} items.`,
  );
}

const ChapterList = object(
  { items: { type: 'array', items: ref('ChapterSummary') } },
  'The chapters this caller may open, in order.',
);

const tagNames = (what: string): Schema => ({
  type: 'array',
  items: { type: 'string', maxLength: LIMITS.tagName },
  description: `${what} names. Names may not contain commas.`,
});

const workFields: Record<string, Schema> = {
  title: { type: 'string', maxLength: LIMITS.title },
  summary: {
    type: 'string',
    maxLength: LIMITS.summary,
    description: 'Plain text (blank lines make paragraphs) or HTML; sanitized.',
  },
  notes: { type: 'string', maxLength: LIMITS.notes },
  endNotes: { type: 'string', maxLength: LIMITS.notes },
  disclaimer: { type: 'string', maxLength: LIMITS.disclaimer },
  rating: { type: 'string', enum: [...RATINGS] },
  warnings: { type: 'array', items: { type: 'string', enum: [...WARNINGS] }, minItems: 1 },
  categories: { type: 'array', items: { type: 'string', enum: [...CATEGORIES] } },
  fandoms: { ...tagNames('Fandom'), minItems: 1 },
  relationships: tagNames('Relationship'),
  characters: tagNames('Character'),
  freeforms: tagNames('Additional tag'),
  language: { type: 'string', description: 'Language code, default en.' },
  visibility: { type: 'string', enum: [...VISIBILITIES], description: 'Default public.' },
  commentPolicy: { type: 'string', enum: [...COMMENT_POLICIES], description: 'Who may comment; default everyone.' },
  moderated: { type: 'boolean', description: 'Hold comments until the creator approves them.' },
  passageComments: {
    type: 'boolean',
    description: 'Let readers comment on a paragraph or sentence of the text; default true, left out: unchanged.',
  },
  noindex: {
    type: 'boolean',
    description:
      'Ask search engines and AI crawlers not to index the work (noindex, noai, noimageai); left out: unchanged.',
  },
  expectedChapters: { type: ['integer', 'null'], minimum: 1, maximum: LIMITS.expectedChapters },
  complete: { type: 'boolean' },
  publishAt: { type: 'string', description: 'Empty for now; YYYY-MM-DD backdates, YYYY-MM-DD HH:MM (UTC) schedules.' },
  creatorPseudIds: {
    type: 'array',
    items: { type: 'integer' },
    minItems: 1,
    description: 'Your pen names to post under; default your default pen name.',
  },
  coCreators: {
    type: 'array',
    items: string,
    description: 'Other members to invite as co-creators: "Pen name (login)" or a login.',
  },
  gifts: { type: 'array', items: string, description: 'Gift recipients: members ("Pen name (login)") or any name.' },
  betas: { type: 'array', items: string, description: 'Beta readers to credit.' },
  related: {
    type: 'array',
    items: object(
      {
        relation: { type: 'string', enum: ['sequel-of', 'inspired-by', 'translation-of'] },
        target: { type: 'string', description: 'A work address here (/works/12) or a URL elsewhere.' },
        title: string,
      },
      undefined,
      ['title'],
    ),
  },
};

const WorkCreate = object(
  {
    ...workFields,
    seriesId: { type: ['integer', 'null'], description: 'Add the work to one of your series.' },
    newSeriesTitle: { type: 'string', description: 'Or start a new series with this title.' },
    chapter: object(
      {
        title: { type: 'string', maxLength: LIMITS.chapterTitle },
        body: { type: 'string', maxLength: LIMITS.chapterText, description: 'Plain text or HTML; sanitized.' },
      },
      'The first chapter.',
      ['title'],
    ),
  },
  'A new work, checked by the same rules as the posting form.',
  [
    ...Object.keys(workFields).filter((k) => !['title', 'rating', 'warnings', 'fandoms'].includes(k)),
    'seriesId',
    'newSeriesTitle',
  ],
);

const WorkPatch = object(
  workFields,
  'Changes to a work: only the fields given change. Tag lists replace the whole list of that kind.',
  Object.keys(workFields),
);

const ChapterCreate = object(
  {
    title: { type: 'string', maxLength: LIMITS.chapterTitle },
    summary: { type: 'string', maxLength: LIMITS.summary },
    notes: { type: 'string', maxLength: LIMITS.notes },
    endNotes: { type: 'string', maxLength: LIMITS.notes },
    body: { type: 'string', maxLength: LIMITS.chapterText },
    draft: { type: 'boolean', description: 'Save without posting it.' },
  },
  'A new chapter at the end of the work.',
  ['title', 'summary', 'notes', 'endNotes', 'draft'],
);

export const SCHEMAS: Record<string, Schema> = {
  Tag,
  TagDetail,
  Creator,
  WorkStats,
  Work,
  WorkDetail,
  ChapterSummary,
  ChapterList,
  Chapter,
  SeriesPlace,
  Series,
  Collection,
  Prompt,
  Pseud,
  PseudDetail,
  User,
  Bookmark,
  ApiToken,
  Me,
  Error,
  WorkPage: page('Work'),
  BookmarkPage: page('Bookmark'),
  PromptPage: page('Prompt'),
  WorkCreate,
  WorkPatch,
  ChapterCreate,
};
