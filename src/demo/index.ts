import { wrangleDemoTags } from './wrangling.ts';
import { giveDemoHistory } from './history.ts';
import { createDemoCollection } from './collections.ts';
import { createDemoPromptMeme } from './prompt-memes.ts';
import { createDemoGiftExchange } from './gift-exchange.ts';
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.ts';
import { hashPassword } from '../domain/passwords.ts';
import { validatePseud } from '../domain/accounts.ts';
import { validateWork } from '../domain/works.ts';
import { formatChapter, formatWorkFields } from '../text/work-text.ts';
import { DEMO_WORKS, type DemoWork } from './works.ts';
import { parsePeopleList } from '../domain/work-links.ts';
import type { WorkLinks } from '../store/index.ts';

interface DemoMember {
  login: string;
  pseuds: { name: string; description: string }[];
  defaultDescription: string;
}

/** Original people for the demo archive; the text is Quire's own. */
const MEMBERS: DemoMember[] = [
  {
    login: 'marisol_writes',
    defaultDescription: 'Long slow burns, found family, and the occasional shipwreck. Comments make my week.',
    pseuds: [{ name: 'Sol in Winter', description: 'Where the sad one-shots live. Tissues not included.' }],
  },
  {
    login: 'ink_and_ember',
    defaultDescription: 'Fantasy politics, court intrigue, and maps drawn on napkins.',
    pseuds: [{ name: 'Ember', description: 'Short pieces for prompt weeks and exchanges.' }],
  },
  {
    login: 'quietharbor',
    defaultDescription: 'Coffee-shop AUs and lighthouse keepers. Updates on Sundays, mostly.',
    pseuds: [],
  },
  {
    login: 'oakenshelf',
    defaultDescription: 'Reader first, writer second. I keep a rec list of everything that made me cry on a train.',
    pseuds: [{ name: 'Oaken Archivist', description: 'Curated bookmarks and the odd translation.' }],
  },
  {
    login: 'paperlantern',
    defaultDescription: 'Space opera with too many footnotes.',
    pseuds: [
      { name: 'Lantern', description: 'Drabbles, 100 words exactly, counted twice.' },
      { name: 'P. L. Moth', description: 'Horror and the things under the stairs.' },
    ],
  },
];

export interface DemoResult {
  created: boolean;
  login?: string;
  password?: string;
}

/** Fills an empty archive with a few members and pen names. Does nothing if anyone has joined. */
export async function createDemoArchive(store: Store): Promise<DemoResult> {
  if ((await store.users.count()) > 0) return { created: false };
  const password = randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(password);
  for (const member of MEMBERS) {
    const user = await store.users.create({
      login: member.login,
      email: `${member.login}@demo.quire.invalid`,
      passwordHash,
    });
    const [defaultPseud] = await store.pseuds.listForUser(user.id);
    await store.pseuds.update(
      defaultPseud,
      validatePseud({ name: member.login, description: member.defaultDescription }),
    );
    for (const pseud of member.pseuds) await store.pseuds.create(user.id, validatePseud(pseud));
  }
  for (const work of DEMO_WORKS) await postDemoWork(store, work);
  await wrangleDemoTags(store);
  await createDemoCollection(store);
  await createDemoPromptMeme(store);
  await createDemoGiftExchange(store);
  await giveDemoHistory(
    store,
    await Promise.all(MEMBERS.map(async (m) => (await store.users.findByLogin(m.login))!.id)),
  );
  return { created: true, login: MEMBERS[0].login, password };
}

/** The demo work's co-creator invitation, credits and related work, resolved as the posting form would. */
async function demoLinks(store: Store, demo: DemoWork): Promise<WorkLinks> {
  const credits = async (list: string | undefined) =>
    Promise.all(
      parsePeopleList(list ?? '').map(async (ref) => {
        const pseud = await store.pseuds.findByRef(ref);
        return { pseudId: pseud?.id ?? null, name: pseud?.name ?? ref.name };
      }),
    );
  const invited = demo.coCreator ? await store.pseuds.findByRef({ name: demo.coCreator }) : undefined;
  const related = demo.related
    ? (await store.works.list({ viewerId: null, limit: 100 })).works.find((w) => w.title === demo.related!.title)
    : undefined;
  return {
    invitedPseudIds: invited ? [invited.id] : [],
    gifts: await credits(demo.gifts),
    betas: await credits(demo.betas),
    related: related ? [{ relation: demo.related!.relation, targetWorkId: related.id, url: '', title: '' }] : [],
  };
}

export function describeDemo(result: DemoResult): string {
  if (!result.created) return 'The archive already has members; no demo content was added.';
  return `Demo archive created. Log in as ${result.login} with the password ${result.password} (every demo member shares it).`;
}

async function postDemoWork(store: Store, demo: DemoWork): Promise<void> {
  const user = (await store.users.findByLogin(demo.author))!;
  const pseud = (await store.pseuds.findByName(user.id, demo.pseud ?? demo.author))!;
  const publishAt = new Date(Date.now() - demo.daysAgo * 86_400_000 - 3_600_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
  const fields = formatWorkFields(
    validateWork({
      title: demo.title,
      summary: demo.summary,
      notes: demo.notes ?? '',
      endNotes: '',
      disclaimer: '',
      rating: demo.rating,
      warnings: demo.warnings,
      categories: demo.categories,
      fandoms: demo.fandoms,
      relationships: demo.relationships ?? '',
      characters: demo.characters ?? '',
      freeforms: demo.freeforms ?? '',
      language: 'en',
      visibility: demo.visibility ?? 'public',
      commentPolicy: 'everyone',
      moderated: false,
      expectedChapters: demo.expectedChapters === null ? '?' : String(demo.expectedChapters ?? demo.chapters.length),
      complete: demo.complete ?? true,
      publishAt,
    }),
  );
  const [first, ...rest] = demo.chapters;
  const chapter = (c: typeof first) =>
    formatChapter({ title: c.title ?? '', summary: '', notes: '', endNotes: '', body: c.text });
  // A series of the author's, started on first use; works join it in the order they are posted.
  const existing = demo.series && (await store.series.listForUser(user.id)).find((s) => s.title === demo.series);
  const workId = await store.works.create({
    fields,
    chapter: chapter(first),
    creatorPseudIds: [pseud.id],
    links: await demoLinks(store, demo),
    series: demo.series
      ? { userId: user.id, choice: existing ? { id: existing.id } : { title: demo.series } }
      : undefined,
  });
  if (demo.coCreator) {
    const coCreator = (await store.users.findByLogin(demo.coCreator))!;
    const [coPseud] = await store.pseuds.listForUser(coCreator.id);
    await store.workLinks.answerInvitation(coCreator.id, workId, coPseud.id, true);
  }
  // Later chapters came out a few days apart, the newest a day after the given age.
  for (const [i, next] of rest.entries()) {
    const postedAt = new Date(
      Date.now() - Math.max(0, demo.daysAgo - 3 * (i + 1)) * 86_400_000 - 1_800_000,
    ).toISOString();
    await store.works.addChapter(workId, chapter(next), next.draft ?? false, postedAt);
  }
}
