import { randomBytes } from 'node:crypto';
import type { Store } from '../store/index.ts';
import { hashPassword } from '../domain/passwords.ts';
import { validatePseud } from '../domain/accounts.ts';

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
    const user = await store.users.create({ login: member.login, email: `${member.login}@demo.quire.invalid`, passwordHash });
    const [defaultPseud] = await store.pseuds.listForUser(user.id);
    await store.pseuds.update(defaultPseud, validatePseud({ name: member.login, description: member.defaultDescription }));
    for (const pseud of member.pseuds) await store.pseuds.create(user.id, validatePseud(pseud));
  }
  return { created: true, login: MEMBERS[0].login, password };
}

export function describeDemo(result: DemoResult): string {
  if (!result.created) return 'The archive already has members; no demo content was added.';
  return `Demo archive created. Log in as ${result.login} with the password ${result.password} (every demo member shares it).`;
}
