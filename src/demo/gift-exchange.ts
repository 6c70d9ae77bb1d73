import type { Store } from '../store/index.ts';
import type { PromptToSave } from '../store/gift-exchanges.ts';
import { DEFAULT_MATCH_SETTINGS, DEFAULT_SIGN_UP_RULES } from '../domain/gift-exchange/sign-up-rules.ts';
import { formatUserText } from '../text/sanitize.ts';

const DAY = 86_400_000;

/** The demo's gift exchange: sign-ups open for three weeks, three members already signed up. */
const EXCHANGE = {
  name: 'winter_lights_exchange',
  title: 'Winter Lights Exchange',
  owner: 'oakenshelf',
  description:
    'A gift exchange for the long nights: ask for a story in a classic fandom, offer to write one, and get a gift on the solstice. Works stay hidden and anonymous until the reveal.',
  signUps: [
    {
      login: 'marisol_writes',
      request: 'Pride and Prejudice - Jane Austen',
      offer: 'The Odyssey - Homer',
      wish: 'Mary Bennet finds something of her own.',
    },
    {
      login: 'ink_and_ember',
      request: 'Sherlock Holmes - Arthur Conan Doyle',
      offer: 'Pride and Prejudice - Jane Austen',
      wish: 'A quiet case at Christmas.',
    },
    {
      login: 'paperlantern',
      request: 'The Odyssey - Homer',
      offer: 'Sherlock Holmes - Arthur Conan Doyle',
      wish: 'Penelope at the loom, any year of the twenty.',
    },
  ],
};

export async function createDemoGiftExchange(store: Store): Promise<void> {
  const owner = await store.users.findByLogin(EXCHANGE.owner);
  if (!owner) return;
  const [pseud] = await store.pseuds.listForUser(owner.id);
  const id = await store.collections.create(
    EXCHANGE.name,
    {
      title: EXCHANGE.title,
      description: formatUserText(EXCHANGE.description),
      rules: formatUserText('One request and one offer at least; fandoms are the archive’s canonical fandom tags.'),
      faq: '',
      parentId: null,
      open: true,
      moderated: false,
      unrevealed: true,
      anonymous: true,
      revealWorksAt: null,
      revealCreatorsAt: null,
    },
    { userId: owner.id, pseudId: pseud.id },
  );
  const at = Date.now();
  await store.giftExchanges.save(id, {
    rules: DEFAULT_SIGN_UP_RULES,
    match: DEFAULT_MATCH_SETTINGS,
    signupsOpenAt: new Date(at - 2 * DAY).toISOString(),
    signupsCloseAt: new Date(at + 21 * DAY).toISOString(),
    assignmentsDueAt: new Date(at + 49 * DAY).toISOString(),
  });
  const fandom = async (name: string) =>
    (await store.tags.named(name)).find((tag) => tag.kind === 'fandom' && tag.canonical)?.id;
  for (const signUp of EXCHANGE.signUps) {
    const member = await store.users.findByLogin(signUp.login);
    const [request, offer] = [await fandom(signUp.request), await fandom(signUp.offer)];
    if (!member || request === undefined || offer === undefined) continue;
    const [memberPseud] = await store.pseuds.listForUser(member.id);
    const prompts: PromptToSave[] = [
      {
        side: 'request',
        title: '',
        description: formatUserText(signUp.wish),
        url: '',
        any: ['character'],
        tagIds: [request],
      },
      { side: 'offer', title: '', description: '', url: '', any: [], tagIds: [offer] },
    ];
    await store.collections.setParticipant(id, member.id, memberPseud.id, 'member');
    await store.giftExchanges.saveSignUp(id, { userId: member.id, pseudId: memberPseud.id }, false, prompts);
  }
}
