import type { Store } from '../store/index.ts';
import { formatUserText } from '../text/sanitize.ts';
import { addPromptFill } from '../store/prompt-memes.ts';
import type { PromptTag } from '../store/prompt-memes.ts';

/** The demo's prompt meme: a few prompts, claims and one fill, so a newcomer sees how one works. */
const MEME = {
  name: 'small_hours_meme',
  title: 'Small Hours Prompt Meme',
  owner: 'ink_and_ember',
  description: 'Leave a prompt, claim a prompt, fill a prompt. Short fills welcome; no prompt is too small.',
};

const PROMPTS: {
  by: string;
  title: string;
  description: string;
  anonymous: boolean;
  tags: PromptTag[];
  claimedBy: string[];
  filledWith?: { work: string; by: string };
}[] = [
  {
    by: 'oakenshelf',
    title: 'The last ferry of the night',
    description: 'Two strangers, one delayed ferry, a thermos of bad coffee. Bonus if neither learns the other’s name.',
    anonymous: false,
    tags: [
      { kind: 'fandom', name: 'Original Work' },
      { kind: 'freeform', name: 'Strangers to Friends' },
    ],
    claimedBy: ['quietharbor', 'marisol_writes'],
    filledWith: { work: 'What the Sea Keeps', by: 'marisol_writes' },
  },
  {
    by: 'paperlantern',
    title: 'A map that redraws itself',
    description: 'A cartographer’s map changes every night. Who is redrawing it, and why?',
    anonymous: true,
    tags: [
      { kind: 'fandom', name: 'Original Work' },
      { kind: 'freeform', name: 'Magical Realism' },
    ],
    claimedBy: ['marisol_writes', 'ink_and_ember'],
  },
  {
    by: 'marisol_writes',
    title: 'Letters never sent',
    description: 'An epistolary fic told only in drafts.',
    anonymous: false,
    tags: [{ kind: 'freeform', name: 'Epistolary' }],
    claimedBy: [],
  },
];

export async function createDemoPromptMeme(store: Store): Promise<void> {
  const owner = await store.users.findByLogin(MEME.owner);
  if (!owner) return;
  const [pseud] = await store.pseuds.listForUser(owner.id);
  const collectionId = await store.collections.create(
    MEME.name,
    {
      title: MEME.title,
      description: formatUserText(MEME.description),
      rules: '',
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
  await store.promptMemes.saveSettings(collectionId, {
    anonymousAllowed: true,
    maxPrompts: 3,
    open: true,
    opensAt: null,
    closesAt: null,
    tagKinds: ['fandom', 'relationship', 'character', 'freeform'],
    fandomRequired: false,
  });
  const collection = (await store.collections.find(collectionId))!;
  const { works } = await store.works.list({ viewerId: null, limit: 200 });
  for (const prompt of PROMPTS) {
    const prompter = await store.users.findByLogin(prompt.by);
    if (!prompter) continue;
    const [prompterPseud] = await store.pseuds.listForUser(prompter.id);
    await store.collections.setParticipant(collectionId, prompter.id, prompterPseud.id, 'member');
    const id = await store.promptMemes.create(collectionId, prompter.id, {
      title: prompt.title,
      description: formatUserText(prompt.description),
      anonymous: prompt.anonymous,
      pseudId: prompterPseud.id,
      tags: prompt.tags,
    });
    for (const login of prompt.claimedBy) {
      const claimer = await store.users.findByLogin(login);
      if (claimer) await store.promptMemes.claim(id, claimer.id);
    }
    const fill = prompt.filledWith;
    const work = fill && works.find((w) => w.title === fill.work);
    const filler = fill && (await store.users.findByLogin(fill.by));
    if (!work || !filler) continue;
    await store.handle.db.transaction().execute((tx) => addPromptFill(tx, id, work.id, filler.id));
    await store.collections.addWork(collection, work.id, {
      collectionApproval: 'approved',
      creatorApproval: 'approved',
      addedBy: filler.id,
    });
  }
}
