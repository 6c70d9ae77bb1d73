import type { Store } from '../store/index.ts';
import { formatUserText } from '../text/sanitize.ts';

/** The demo's collection: an open fest with a few of the demo works, so a newcomer sees one at /collections. */
const FEST = {
  name: 'harbour_lights_fest',
  title: 'Harbour Lights Fest',
  owner: 'quietharbor',
  description: 'A week of stories about lighthouses, harbours and the people who keep a light on for someone.',
  rules:
    'Any fandom, any rating. Add your work with the “Collections” field of the posting form (short name: harbour_lights_fest).',
  works: ['Keeper of the North Light', 'What the Sea Keeps', 'Six Impossible Things'],
};

export async function createDemoCollection(store: Store): Promise<void> {
  const owner = await store.users.findByLogin(FEST.owner);
  if (!owner) return;
  const [pseud] = await store.pseuds.listForUser(owner.id);
  const id = await store.collections.create(
    FEST.name,
    {
      title: FEST.title,
      description: formatUserText(FEST.description),
      rules: formatUserText(FEST.rules),
      faq: '',
      parentId: null,
      open: true,
      moderated: false,
      unrevealed: false,
      anonymous: false,
      revealWorksAt: null,
      revealCreatorsAt: null,
    },
    { userId: owner.id, pseudId: pseud.id },
  );
  const collection = (await store.collections.find(id))!;
  const { works } = await store.works.list({ viewerId: null, limit: 200 });
  for (const title of FEST.works) {
    const work = works.find((w) => w.title === title);
    if (!work) continue;
    await store.collections.addWork(collection, work.id, {
      collectionApproval: 'approved',
      creatorApproval: 'approved',
      addedBy: owner.id,
    });
  }
}
