/**
 * A deterministic synthetic archive for benchmarks and tests: the same works for the same seed.
 * Realistic skew: a few fandoms and characters carry most works (Zipf), a long tail of additional
 * tags, log-normal word counts, heavy-tailed kudos and hits; some tags wrangled (synonyms, meta
 * tags). Pure: produces rows; src/corpus/load.ts writes them.
 */
import { CATEGORIES, RATINGS, WARNINGS, type TagKind } from '../domain/works.ts';

/** sfc32: small, fast, good enough for synthetic data, and the same on every machine. */
export function random(seed: number): () => number {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88 ^ (seed * 31);
  let c = 0xb7e15162;
  let d = 1 ^ seed;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 20; i++) next();
  return next;
}

/** Picks index 0..n-1 with probability ∝ 1/(i+1)^s, by inverting a precomputed cumulative table. */
export class Zipf {
  private readonly cumulative: Float64Array;
  constructor(
    readonly n: number,
    s: number,
  ) {
    this.cumulative = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) this.cumulative[i] = sum += 1 / Math.pow(i + 1, s);
    for (let i = 0; i < n; i++) this.cumulative[i] /= sum;
  }
  pick(rand: () => number): number {
    return this.pickFrom(rand, 0);
  }
  /** Like pick, but only from index `first` on (the same skew, renormalised), with one draw. */
  pickFrom(rand: () => number, first: number): number {
    const below = first > 0 ? this.cumulative[first - 1] : 0;
    const r = below + rand() * (1 - below);
    let lo = first;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const SYLLABLES = [
  'ka',
  'ri',
  'mo',
  'an',
  'el',
  'to',
  'sa',
  'vin',
  'lor',
  'be',
  'dra',
  'co',
  'her',
  'mi',
  'on',
  'shi',
  'ro',
  'ne',
  'ga',
  'li',
  'wen',
  'tha',
  'ul',
  'fi',
  'sta',
  'ry',
  'quo',
  'zel',
  'po',
  'ma',
];
const COMMON_WORDS = (
  'storm light sea keeper door winter summer letter promise river garden city night morning fire ashes crown thief ' +
  'dragon wolf star moon road home stranger friend rival kiss secret dream song war peace library coffee rain snow ' +
  'heart ghost house ship island forest bridge mirror glass silver gold iron shadow memory echo candle lantern map ' +
  'key clock bell tower train station market festival wedding funeral battle truce oath debt gift mistake chance'
).split(' ');
/** English function words, most frequent first (as in real prose: the, of, and, a, to, in …). */
const FUNCTION_WORDS = (
  'the of and a to in is was he she it that for on with as his her they at by this had not but from or ' +
  'have be are were an which one all their there been has we will would what when who if you so no out up ' +
  'into its them then than can more some could him about only other time do my me your our over just like ' +
  'after before where how down through back still even now never here once again too very much well any ' +
  'each while because why'
).split(' ');
/**
 * The words of summaries, notes and chapters: function words first, then the common content
 * words above, then a long tail of invented ones (the same for every seed), drawn with a Zipf
 * skew as words in real text are. Real prose spends its top ranks on function words, so that a
 * content word such as "storm" is in a few percent of works at most (AO3: ~0.7%); with content
 * words at the top it would be in nearly every work, and text search would be measured on a
 * corpus unlike any archive. Titles draw content words only (TITLE_FROM on), as real titles do.
 */
const WORDS = (() => {
  const rand = random(20260101);
  const words = new Set([...FUNCTION_WORDS, ...COMMON_WORDS]);
  while (words.size < 6000 + FUNCTION_WORDS.length) words.add(nameFrom(rand, 2 + Math.floor(rand() * 2)).toLowerCase());
  return [...words];
})();
const TITLE_FROM = FUNCTION_WORDS.length;
const FREEFORM_WORDS = (
  'Fluff|Angst|Hurt/Comfort|Slow Burn|Friends to Lovers|Enemies to Lovers|Found Family|Alternate Universe|Coffee Shop|' +
  'Canon Divergence|Post-Canon|Pre-Canon|Fix-It|Humor|Romance|Drama|Mystery|Adventure|Domestic|Hogwarts Eighth Year|' +
  'Time Travel|Soulmates|Fake Dating|Mutual Pining|Pining|Whump|Happy Ending|Open Ending|Character Study|Introspection'
).split('|');
const MEDIA = ['(TV)', '(Movies)', '(Video Game)', '(Anime)', '(Comics)', '- Author', '(Books)', '(Podcast)'];
const LANGUAGE_MIX: [string, number][] = [
  ['en', 0.88],
  ['es', 0.03],
  ['fr', 0.02],
  ['de', 0.02],
  ['zh', 0.02],
  ['ru', 0.015],
  ['ja', 0.015],
];

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function nameFrom(rand: () => number, parts: number): string {
  let name = '';
  for (let i = 0; i < parts; i++) name += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
  return capital(name);
}

export interface CorpusTag {
  id: number;
  kind: TagKind;
  name: string;
  canonical: boolean;
  mergerId: number | null;
}

export interface CorpusUser {
  id: number;
  login: string;
  pseudIds: number[];
  pseudNames: string[];
}

export interface CorpusChapter {
  id: number;
  position: number;
  title: string;
  body: string;
  wordCount: number;
}

export interface CorpusWork {
  id: number;
  title: string;
  summary: string;
  notes: string;
  rating: string;
  language: string;
  visibility: 'public' | 'registered' | 'draft';
  complete: boolean;
  expectedChapters: number | null;
  publishedAt: string | null;
  revisedAt: string | null;
  createdAt: string;
  updatedAt: string;
  wordCount: number;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
  /** Pseud ids, first is the main creator. */
  pseudIds: number[];
  tagIds: number[];
  chapters: CorpusChapter[];
}

export interface CorpusPlan {
  users: CorpusUser[];
  tags: CorpusTag[];
  /** parent → child (meta tag → subtag; fandom → its characters and relationships). */
  tagParents: [number, number][];
  /** The works, generated lazily in batches so that a million never sit in memory at once. */
  works(batchSize: number): Generator<CorpusWork[]>;
  workCount: number;
}

export interface IdBase {
  user: number;
  pseud: number;
  tag: number;
  work: number;
  chapter: number;
}

const BASE_TIME = Date.UTC(2026, 0, 1);
const TEN_YEARS = 10 * 365 * 86_400_000;

export function planCorpus(workCount: number, seed: number, base: IdBase): CorpusPlan {
  const rand = random(seed);
  const tags: CorpusTag[] = [];
  const tagParents: [number, number][] = [];
  const seen = new Set<string>();
  const addTag = (kind: TagKind, name: string, canonical = true, mergerId: number | null = null): number => {
    let unique = name;
    for (let n = 2; seen.has(`${kind}\n${unique.toLowerCase()}`); n++) unique = `${name} ${n}`;
    seen.add(`${kind}\n${unique.toLowerCase()}`);
    const id = base.tag + tags.length + 1;
    tags.push({ id, kind, name: unique, canonical, mergerId });
    return id;
  };
  const ratings = RATINGS.map((r) => addTag('rating', r));
  const warnings = WARNINGS.map((w) => addTag('warning', w));
  const categories = CATEGORIES.map((c) => addTag('category', c));

  // Fandoms with their characters and relationships; a few dominate (Zipf over fandoms).
  const fandomCount = Math.max(12, Math.round(workCount / 400));
  const fandoms: {
    id: number;
    characters: number[];
    characterNames: string[];
    relationships: number[];
    synonyms: Map<number, number>;
  }[] = [];
  for (let f = 0; f < fandomCount; f++) {
    const id = addTag(
      'fandom',
      `${nameFrom(rand, 2)} ${capital(COMMON_WORDS[Math.floor(rand() * COMMON_WORDS.length)])} ${MEDIA[f % MEDIA.length]}`,
    );
    const characterNames: string[] = [];
    const characters: number[] = [];
    const size = 4 + Math.floor(rand() * 12);
    for (let c = 0; c < size; c++) {
      const name = `${nameFrom(rand, 2)} ${nameFrom(rand, 2)}`;
      const cid = addTag('character', name);
      characters.push(cid);
      characterNames.push(tags[tags.length - 1].name);
      tagParents.push([id, cid]);
    }
    const relationships: number[] = [];
    for (let r = 0; r < Math.min(8, size); r++) {
      const a = r % size;
      const b = (r * 3 + 1) % size;
      if (a === b) continue;
      const rid = addTag('relationship', `${characterNames[a]}/${characterNames[b]}`);
      relationships.push(rid);
      tagParents.push([id, rid]);
    }
    // Writers often use a first name alone: a synonym of the top characters, filed under the canonical tag.
    const synonyms = new Map<number, number>();
    for (let c = 0; c < Math.min(2, size); c++) {
      const first = characterNames[c].split(' ')[0];
      synonyms.set(characters[c], addTag('character', first, false, characters[c]));
    }
    fandoms.push({ id, characters, characterNames, relationships, synonyms });
  }
  // Additional tags: the common ones by name, then a long tail; the first few are meta tags over the next.
  const freeforms: number[] = FREEFORM_WORDS.map((w) => addTag('freeform', w));
  const tail = Math.max(100, Math.round(workCount / 4));
  for (let i = 0; i < tail; i++)
    freeforms.push(
      addTag(
        'freeform',
        `${capital(COMMON_WORDS[Math.floor(rand() * COMMON_WORDS.length)])} ${nameFrom(rand, 2)}${i % 3 === 0 ? ' AU' : ''}`,
      ),
    );
  const metaOf = (meta: string, subs: string[]) => {
    const parent = tags.find((t) => t.kind === 'freeform' && t.name === meta)!.id;
    for (const sub of subs) tagParents.push([parent, tags.find((t) => t.kind === 'freeform' && t.name === sub)!.id]);
  };
  metaOf('Romance', [
    'Slow Burn',
    'Friends to Lovers',
    'Enemies to Lovers',
    'Fake Dating',
    'Soulmates',
    'Mutual Pining',
  ]);
  metaOf('Alternate Universe', ['Coffee Shop', 'Canon Divergence', 'Hogwarts Eighth Year']);
  metaOf('Pining', ['Mutual Pining']);
  const freeformSynonym = addTag(
    'freeform',
    'Hurt and Comfort',
    false,
    tags.find((t) => t.name === 'Hurt/Comfort')!.id,
  );

  const userCount = Math.max(5, Math.round(workCount / 8));
  const users: CorpusUser[] = [];
  let pseudId = base.pseud;
  for (let u = 0; u < userCount; u++) {
    const login = `${nameFrom(rand, 2).toLowerCase()}_${(base.user + u + 1).toString(36)}`;
    const pseudIds = [++pseudId];
    const pseudNames = [login];
    if (rand() < 0.1) {
      pseudIds.push(++pseudId);
      pseudNames.push(`${nameFrom(rand, 3)} ${(u + 1).toString(36)}`);
    }
    users.push({ id: base.user + u + 1, login, pseudIds, pseudNames });
  }

  const fandomZipf = new Zipf(fandomCount, 1.15);
  const freeformZipf = new Zipf(freeforms.length, 1.0);
  const userZipf = new Zipf(userCount, 0.8);
  const characterZipf = new Map<number, Zipf>();
  const pickIn = (list: number[]) => {
    let z = characterZipf.get(list.length);
    if (!z) characterZipf.set(list.length, (z = new Zipf(list.length, 1.2)));
    return list[z.pick(rand)];
  };
  const wordZipf = new Zipf(WORDS.length, 1.05);
  const words = (n: number) => {
    let text = '';
    for (let i = 0; i < n; i++) text += (i ? ' ' : '') + WORDS[wordZipf.pick(rand)];
    return text;
  };
  /** A content word for a title (or chapter title): never a function word. */
  const titleWord = () => capital(WORDS[wordZipf.pickFrom(rand, TITLE_FROM)]);

  function* works(batchSize: number): Generator<CorpusWork[]> {
    let chapterId = base.chapter;
    let batch: CorpusWork[] = [];
    for (let w = 0; w < workCount; w++) {
      const id = base.work + w + 1;
      const fandom = fandoms[fandomZipf.pick(rand)];
      const crossover = rand() < 0.08 ? fandoms[fandomZipf.pick(rand)] : null;
      const tagIds = new Set<number>();
      const rating = Math.floor(Math.pow(rand(), 1.6) * RATINGS.length);
      tagIds.add(ratings[rating]);
      tagIds.add(warnings[rand() < 0.6 ? 3 : rand() < 0.5 ? 0 : 1 + Math.floor(rand() * 5)]);
      tagIds.add(categories[Math.floor(rand() * categories.length)]);
      for (const f of crossover && crossover !== fandom ? [fandom, crossover] : [fandom]) {
        tagIds.add(f.id);
        const characterCount = 1 + Math.floor(rand() * 4);
        for (let c = 0; c < characterCount; c++) {
          const character = pickIn(f.characters);
          tagIds.add(rand() < 0.15 && f.synonyms.has(character) ? f.synonyms.get(character)! : character);
        }
        if (f.relationships.length > 0 && rand() < 0.7) tagIds.add(pickIn(f.relationships));
      }
      const freeformCount = 1 + Math.floor(rand() * 7);
      for (let i = 0; i < freeformCount; i++) tagIds.add(freeforms[freeformZipf.pick(rand)]);
      if (rand() < 0.01) tagIds.add(freeformSynonym);

      const totalWords = Math.max(100, Math.round(Math.exp(8 + 1.2 * normal(rand))));
      const chapterCount = rand() < 0.6 ? 1 : Math.min(60, 2 + Math.floor(-Math.log(Math.max(rand(), 1e-9)) * 6));
      const complete = chapterCount === 1 ? rand() < 0.95 : rand() < 0.55;
      const published = BASE_TIME - Math.floor(rand() * TEN_YEARS);
      const revised =
        chapterCount === 1 ? published : Math.min(BASE_TIME, published + Math.floor(rand() * 400 * 86_400_000));
      const kudos = Math.min(60_000, Math.floor(Math.exp(2.6 + 1.5 * normal(rand))));
      const hits = kudos * (8 + Math.floor(rand() * 20)) + Math.floor(rand() * 60);
      const visibilityRoll = rand();
      const visibility = visibilityRoll < 0.94 ? 'public' : visibilityRoll < 0.99 ? 'registered' : 'draft';
      const author = users[userZipf.pick(rand)];
      const pseudIds = [author.pseudIds[Math.floor(rand() * author.pseudIds.length)]];
      if (rand() < 0.04) {
        const co = users[Math.floor(rand() * users.length)];
        if (co !== author) pseudIds.push(co.pseudIds[0]);
      }
      let lang = 'en';
      let roll = rand();
      for (const [code, share] of LANGUAGE_MIX) {
        if (roll < share) {
          lang = code;
          break;
        }
        roll -= share;
      }
      const chapters: CorpusChapter[] = [];
      let left = totalWords;
      for (let c = 1; c <= chapterCount; c++) {
        const count = c === chapterCount ? left : Math.max(1, Math.round(totalWords / chapterCount));
        left -= count;
        chapters.push({
          id: ++chapterId,
          position: c,
          title: chapterCount > 1 ? `${titleWord()} ${titleWord()}` : '',
          body: `<p>${capital(words(18))}.</p><p>${capital(words(14))}.</p>`,
          wordCount: Math.max(1, count),
        });
      }
      const wordCount = chapters.reduce((n, c) => n + c.wordCount, 0);
      const at = (ms: number) => new Date(ms).toISOString();
      batch.push({
        id,
        title: `${titleWord()} ${rand() < 0.5 ? 'of the' : 'and'} ${titleWord()}${rand() < 0.3 ? ` ${titleWord()}` : ''}`,
        summary: `<p>${capital(words(10 + Math.floor(rand() * 15)))}.</p>`,
        notes: rand() < 0.3 ? `<p>${capital(words(8))}.</p>` : '',
        rating: RATINGS[rating],
        language: lang,
        visibility,
        complete,
        expectedChapters: complete ? chapterCount : rand() < 0.5 ? null : chapterCount + 1 + Math.floor(rand() * 10),
        publishedAt: visibility === 'draft' ? null : at(published),
        revisedAt: visibility === 'draft' ? null : at(revised),
        createdAt: at(published),
        updatedAt: at(revised),
        wordCount,
        hits,
        kudos,
        comments: Math.floor(kudos / (3 + rand() * 10)),
        bookmarks: Math.floor(kudos / (5 + rand() * 10)),
        pseudIds,
        tagIds: [...tagIds],
        chapters,
      });
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  return { users, tags, tagParents, works, workCount };
}
