import type { Store } from '../store/index.ts';
import type { TagKind } from '../domain/works.ts';

/**
 * How a tag wrangler would have filed the demo archive's tags, so a newcomer meets wrangled tag
 * pages: canonical fandoms, characters and relationships, synonyms ("Sherlock" is filed under
 * "Sherlock Holmes"), a meta tag over subtags ("Alternate Universe") and characters in fandoms.
 */
const CANONICAL: [TagKind, string[]][] = [
  [
    'fandom',
    [
      'Sherlock Holmes - Arthur Conan Doyle',
      'Pride and Prejudice - Jane Austen',
      'The Odyssey - Homer',
      "Alice's Adventures in Wonderland - Lewis Carroll",
      'Original Work',
    ],
  ],
  [
    'character',
    [
      'Sherlock Holmes',
      'John Watson',
      'Mrs. Hudson',
      'Irene Adler',
      'Mycroft Holmes',
      'Elizabeth Bennet',
      'Fitzwilliam Darcy',
      'Jane Bennet',
      'Mary Bennet',
      'Penelope',
      'Telemachus',
      'Odysseus',
      'Athena',
      'Alice',
    ],
  ],
  ['relationship', ['Sherlock Holmes/John Watson', 'Elizabeth Bennet/Fitzwilliam Darcy', 'Odysseus/Penelope']],
  [
    'freeform',
    [
      'Alternate Universe',
      'Modern AU',
      'Canon Divergence',
      'Fluff',
      'Angst',
      'Hurt/Comfort',
      'Slow Burn',
      'Found Family',
      'Domestic',
      'Pining',
    ],
  ],
];
const SYNONYMS: [TagKind, string, string][] = [
  ['character', 'Sherlock', 'Sherlock Holmes'],
  ['character', 'Dr. Watson', 'John Watson'],
  ['freeform', 'Mutual Pining', 'Pining'],
];
const META: [TagKind, string, string][] = [
  ['freeform', 'Modern AU', 'Alternate Universe'],
  ['freeform', 'Canon Divergence', 'Alternate Universe'],
];
const IN_FANDOM: [string, string[]][] = [
  [
    'Sherlock Holmes - Arthur Conan Doyle',
    ['Sherlock Holmes', 'John Watson', 'Mrs. Hudson', 'Irene Adler', 'Mycroft Holmes', 'Sherlock Holmes/John Watson'],
  ],
  [
    'Pride and Prejudice - Jane Austen',
    ['Elizabeth Bennet', 'Fitzwilliam Darcy', 'Jane Bennet', 'Mary Bennet', 'Elizabeth Bennet/Fitzwilliam Darcy'],
  ],
  ['The Odyssey - Homer', ['Penelope', 'Telemachus', 'Odysseus', 'Athena', 'Odysseus/Penelope']],
];

export async function wrangleDemoTags(store: Store): Promise<void> {
  const find = async (kind: TagKind, name: string) => (await store.tags.named(name)).find((tag) => tag.kind === kind);
  for (const [kind, names] of CANONICAL) {
    for (const name of names) {
      const tag = await find(kind, name);
      if (tag) await store.tags.makeCanonical(tag.id);
    }
  }
  for (const [kind, name, canonical] of SYNONYMS) {
    const [tag, target] = [await find(kind, name), await find(kind, canonical)];
    if (tag && target) await store.tags.makeSynonym(tag.id, target.id);
  }
  for (const [kind, child, parent] of META) {
    const [tag, meta] = [await find(kind, child), await find(kind, parent)];
    if (tag && meta) await store.tags.addParent(tag.id, meta.id);
  }
  for (const [fandom, members] of IN_FANDOM) {
    const parent = await find('fandom', fandom);
    if (!parent) continue;
    for (const name of members) {
      const tag = (await store.tags.named(name)).find((t) => t.kind === 'character' || t.kind === 'relationship');
      if (tag) await store.tags.addParent(tag.id, parent.id);
    }
  }
}
