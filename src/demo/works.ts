/**
 * The demo archive's stories: original text written for Quire, set in public-domain fandoms
 * and original worlds. Short on purpose; enough for every page to have something real on it.
 */
export interface DemoChapter {
  title?: string;
  text: string;
  draft?: boolean;
}

export interface DemoWork {
  author: string;
  pseud?: string;
  title: string;
  summary: string;
  notes?: string;
  rating: string;
  warnings: string[];
  categories: string[];
  fandoms: string;
  relationships?: string;
  characters?: string;
  freeforms?: string;
  expectedChapters?: number | null;
  complete?: boolean;
  visibility?: 'public' | 'registered';
  /** A series of the author's, created on first use; works join it in the order listed here. */
  series?: string;
  /** Another demo member who co-wrote it (and accepted). */
  coCreator?: string;
  /** Gift recipients and beta readers: members' logins or plain names. */
  gifts?: string;
  betas?: string;
  /** An earlier demo work this one relates to, by title. */
  related?: { relation: 'sequel-of' | 'inspired-by' | 'translation-of'; title: string };
  daysAgo: number;
  chapters: DemoChapter[];
}

const HOLMES = 'Sherlock Holmes - Arthur Conan Doyle';
const AUSTEN = 'Pride and Prejudice - Jane Austen';
const ODYSSEY = 'The Odyssey - Homer';
const ALICE = "Alice's Adventures in Wonderland - Lewis Carroll";
const ORIGINAL = 'Original Work';
const NONE = ['No Archive Warnings Apply'];

const HAND_WRITTEN: DemoWork[] = [
  {
    author: 'marisol_writes',
    title: 'The Lamp at Baker Street',
    rating: 'General Audiences',
    warnings: NONE,
    categories: ['Gen'],
    fandoms: HOLMES,
    characters: 'Sherlock Holmes, John Watson, Mrs. Hudson',
    freeforms: 'Fluff, Winter, Found Family',
    summary: 'Mrs. Hudson keeps a lamp in the window on the nights her lodgers are out. Watson notices.',
    daysAgo: 6,
    series: 'Lamplight at 221B',
    chapters: [
      {
        text: `The lamp was not there for the street. Watson worked that out in his second winter at Baker Street, coming home through a fog so thick it tasted of coal.\n\nIt sat in the window of the ground floor, turned low, a small amber coin in all that grey. On the nights Holmes was out it burned until dawn. On the nights they were both out it burned, Mrs. Hudson said, "until it was no longer needed," which was not an answer and was meant not to be.\n\n"You could simply ask when we'll be back," Watson said once.\n\n"And have you lie to me? Dear boy." She set down the tea. "The lamp does not expect anything. That is what makes it a comfort."\n\nHe thought about that for a long time afterwards, on other streets, in other fogs.`,
      },
    ],
  },
  {
    author: 'marisol_writes',
    title: 'The Second Lamp',
    rating: 'General Audiences',
    warnings: NONE,
    categories: ['Gen'],
    fandoms: HOLMES,
    characters: 'Sherlock, Dr. Watson, Mrs. Hudson',
    freeforms: 'Fluff, Sequel, Domestic',
    summary: 'Years later, Watson has a window of his own, and learns what the lamp costs to keep.',
    daysAgo: 2,
    series: 'Lamplight at 221B',
    related: { relation: 'sequel-of', title: 'The Lamp at Baker Street' },
    betas: 'Sol in Winter (marisol_writes), quietharbor',
    notes: 'A sequel to The Lamp at Baker Street.',
    chapters: [
      {
        text: `He bought the lamp in a shop near Paddington, brass, with a green shade, because it looked like something that would outlast him.\n\nThe first night Holmes was out on a case alone, Watson lit it and set it in the window and sat up with a book he did not read.\n\nAt four in the morning the door went, and there were footsteps on the stair, and a voice that said, with great irritation, "You know I can see that from the end of the street."\n\n"That," said Watson, "is the idea."`,
      },
    ],
  },
  {
    author: 'marisol_writes',
    pseud: 'Sol in Winter',
    title: 'What the Sea Keeps',
    rating: 'Teen And Up Audiences',
    warnings: ['Major Character Death'],
    categories: ['Gen'],
    fandoms: ODYSSEY,
    characters: 'Penelope, Telemachus',
    freeforms: 'Grief, Weaving, Canon Divergence',
    summary: 'In which Odysseus does not come home, and Penelope finishes the shroud.',
    notes: 'For everyone who has waited for someone.',
    daysAgo: 5,
    chapters: [
      {
        text: `She had unpicked it three thousand times. Her fingers knew the undoing better than the making; they went to the threads at night without her, the way a tongue goes to a missing tooth.\n\nThe news came in spring, carried by a man who would not meet her eyes. A ship, a storm, a reef with no name. He had been so close, the man said, as if that were a kindness.\n\nThat night Penelope sat at the loom and did not unpick anything. She wove until the lamp guttered and Telemachus came down the stairs and stood in the doorway, grown, silent, his father's shoulders on a boy's frame.\n\n"It's finished," he said.\n\n"Yes," she said. "It was always going to be."`,
      },
    ],
  },
  {
    author: 'ink_and_ember',
    title: 'A Truth Universally Inconvenient',
    rating: 'General Audiences',
    warnings: NONE,
    categories: ['F/M'],
    fandoms: AUSTEN,
    relationships: 'Elizabeth Bennet/Fitzwilliam Darcy',
    characters: 'Elizabeth Bennet, Fitzwilliam Darcy, Charlotte Lucas',
    freeforms: 'Modern AU, Coffee Shops, Enemies to Lovers, Slow Burn',
    summary:
      'Elizabeth runs the only good coffee shop in Meryton. Mr. Darcy orders his coffee black and his opinions blacker.',
    expectedChapters: null,
    complete: false,
    daysAgo: 1,
    chapters: [
      {
        title: 'Black, No Sugar',
        text: `"He said it was tolerable," Charlotte reported, wiping down the counter with unnecessary vigour. "Your flat white. Tolerable."\n\nElizabeth looked across the shop at the tall man by the window, who was reading a newspaper. An actual paper newspaper, folded in quarters, like a villain in a film.\n\n"Tolerable," she repeated.\n\n"I think he meant it as a compliment."\n\n"I'm sure he did." She picked up the milk jug. "Watch me make him the most tolerable coffee of his life."`,
      },
      {
        title: 'A Very Small Fire',
        text: `The fire alarm went off at ten past eight, which was not Elizabeth's fault, whatever Mr. Collins from the bakery next door would later claim.\n\nIt was, however, Mr. Darcy who carried the extinguisher in from his car, and Mr. Darcy who put out the small, sad fire in the toaster with one efficient blast, and Mr. Darcy who then stood in her kitchen covered in white powder looking like a very annoyed snowman.\n\n"You keep an extinguisher in your car," she said.\n\n"One should always be prepared."\n\n"For what? Toast?"\n\nHe did not smile. But something happened near his mouth that, on another man, might have been the beginning of one.`,
      },
    ],
  },
  {
    author: 'ink_and_ember',
    pseud: 'Ember',
    title: 'Six Impossible Things',
    rating: 'General Audiences',
    warnings: NONE,
    categories: ['Gen'],
    fandoms: ALICE,
    characters: 'Alice, The Cheshire Cat',
    freeforms: 'Drabble, Whimsy',
    summary: 'Alice, grown up, tries to believe six impossible things before breakfast. The Cat keeps count.',
    daysAgo: 9,
    gifts: 'quietharbor',
    chapters: [
      {
        text: `One: that the kettle would boil if she did not watch it.\n\nTwo: that the letter on the mat was good news.\n\nThree: that she had not, in fact, forgotten the way back.\n\nFour, five and six she could not manage, and she sat at the table with her cold toast feeling very old.\n\n"Three is a perfectly respectable number," said a voice from the top of the dresser, where there was, for a moment, only a grin. "Most people stop at none."`,
      },
    ],
  },
  {
    author: 'quietharbor',
    title: 'Keeper of the North Light',
    rating: 'Teen And Up Audiences',
    warnings: NONE,
    categories: ['M/M'],
    fandoms: ORIGINAL,
    relationships: 'Ansel/Tomas',
    characters: 'Ansel, Tomas',
    freeforms: 'Lighthouses, Storms, Slow Burn, Hurt/Comfort',
    summary: 'A lighthouse keeper, a shipwrecked stranger, and a storm that will not end.',
    expectedChapters: 4,
    complete: false,
    daysAgo: 0,
    chapters: [
      {
        title: 'The Wreck',
        text: `The light turned, and turned, and on the ninth turn Ansel saw the boat.\n\nIt was already breaking. He watched the mast go over the way you watch a tree fall in a forest, slow and then all at once, and he was down the two hundred steps before he had decided anything at all.\n\nThe man he pulled out of the surf was alive, just. He was also, Ansel would learn, a liar, a cartographer, and the worst cook on the northern coast. But that was later. That night he was only heavy, and cold, and breathing.`,
      },
      {
        title: 'The Map',
        text: `"You drew this?" Ansel held up the waterlogged chart. The coastline was wrong in three places and right in a hundred, in a hand so fine it looked printed.\n\n"I draw everything." Tomas was sitting up now, wrapped in both of Ansel's blankets. "Coasts. Rivers. People, when they hold still."\n\n"This island isn't on it."\n\n"No." Tomas looked at the window, at the grey sea heaving beyond the glass. "That's rather the point of it, isn't it? Somewhere not on any map."`,
      },
      {
        title: 'Fog',
        text: `For three days the fog sat on the island like a cat on a warm chair. Ansel trimmed the wick and wound the clockwork and did not go down the steps, because there was nowhere to go.`,
        draft: true,
      },
    ],
  },
  {
    author: 'paperlantern',
    pseud: 'P. L. Moth',
    title: 'The Thing Under the Stairs',
    rating: 'Mature',
    warnings: ['Graphic Depictions Of Violence'],
    categories: ['Gen'],
    fandoms: ORIGINAL,
    characters: 'Edie, The Thing',
    freeforms: 'Horror, Haunted Houses, Unreliable Narrator',
    summary: 'Every house has a cupboard under the stairs. Edie’s has a door on the inside.',
    daysAgo: 14,
    chapters: [
      {
        text: `The first rule of the house was: don't open the cupboard under the stairs after dark. The second rule was that there was no second rule, which Edie's grandmother said with the flat certainty of a woman who had tested it.\n\nEdie was eleven the winter she broke the first rule. She remembers the smell most of all: wet stone, old pennies, and something sweet underneath, like fruit left too long in a bowl.\n\nThe cupboard was larger on the inside. That was the first wrong thing. The second was the door at the back, small and painted the same faded green as the kitchen, with a brass knob worn bright by use.\n\nBy whom, Edie wondered. Then she heard it knock.`,
      },
    ],
  },
  {
    author: 'paperlantern',
    title: 'Long Haul',
    rating: 'Teen And Up Audiences',
    warnings: NONE,
    categories: ['F/F'],
    fandoms: ORIGINAL,
    relationships: 'Captain Ruth Okafor/Navigator Ilse Marr',
    characters: 'Ruth Okafor, Ilse Marr',
    freeforms: 'Space Opera, Footnotes, Mutual Pining',
    summary: 'Three hundred days between stars, two people, one ship, and a very opinionated onboard computer.',
    expectedChapters: 3,
    complete: true,
    visibility: 'registered',
    daysAgo: 30,
    coCreator: 'ink_and_ember',
    betas: 'The Footnote Society',
    chapters: [
      {
        title: 'Day 1',
        text: `The ship was called the Patient Hour, which Ruth had thought was poetic until she learned it referred to the toilets.\n\n"Three hundred days," said Ilse, strapping in. "You, me, and the Hour."\n\n"I AM VERY EXCITED," said the Hour.`,
      },
      {
        title: 'Day 150',
        text: `Halfway. They celebrated with the last tin of peaches and a film they had both watched eleven times. Ilse fell asleep on Ruth's shoulder during the part where the spaceship explodes, which was, Ruth thought, either a very bad sign or a very good one.`,
      },
      {
        title: 'Day 300',
        text: `The new star came up over the bow like a struck match.\n\n"We made it," Ilse said.\n\n"We did," Ruth said, and then, because three hundred days is a long time to wait for anything, she kissed her.\n\n"FINALLY," said the Hour.`,
      },
    ],
  },
  {
    author: 'oakenshelf',
    pseud: 'Oaken Archivist',
    title: 'Marginalia',
    rating: 'General Audiences',
    warnings: NONE,
    categories: ['Gen'],
    fandoms: `${HOLMES}, ${AUSTEN}`,
    characters: 'John Watson, Mary Bennet',
    freeforms: 'Crossover, Letters, Epistolary',
    summary: 'A second-hand book, two sets of notes in its margins, forty years apart.',
    daysAgo: 21,
    related: { relation: 'inspired-by', title: 'The Lamp at Baker Street' },
    gifts: 'marisol_writes, Everyone who answered my rec post',
    chapters: [
      {
        text: `The book was a volume of sermons, which Mary Bennet had bought because no one else would, and in its margins someone had written, in a doctor's terrible hand, "Nonsense," "Nonsense," and once, beside a passage on patience, "Quite right."\n\nShe wrote underneath, in her own small neat letters: "I agree with you about the nonsense. I am less certain about the patience."\n\nForty years later a retired doctor picked the same book up from a barrow in Charing Cross Road, opened it, and laughed out loud in the street.`,
      },
    ],
  },
];

/** Building blocks for the rest of the demo works: varied, original, deterministic. */
const OPENINGS = [
  'The letter arrived on a Tuesday, which was the first sign that something was wrong.',
  'Nobody in the village remembered who had planted the orchard.',
  'It rained for the whole of the journey, and then, at the border, it stopped as if on command.',
  'She had been a thief for eleven years and a saint for three days.',
  'The clock in the hall had stopped at a quarter to four, and nobody would wind it.',
  'He learned the language of the river the way other boys learned their letters.',
];
const MIDDLES = [
  'They argued about it over supper, and over breakfast, and on the long walk to the station, and by the end neither of them could remember which side they had started on.',
  'There is a particular silence that falls in a house when someone has decided to leave it. The walls seem to hold their breath.',
  'The map was wrong, of course. Maps always are, in the places that matter.',
  '"You could stay," she said, and they both pretended it had not cost her anything to say it.',
  'By midwinter the harbour had frozen from wall to wall, and the children walked out across it to where the ships sat trapped and patient as cattle.',
  'What he did not say, what he would never say, was that he had known all along.',
];
const CLOSINGS = [
  'In the morning the door was open, and the snow outside was unmarked.',
  'And that, more or less, was how it started.',
  'She kept the key. She never found out what it opened. That, she decided, was the point.',
  'The lamp burned on, long after there was anyone left to need it.',
];
const GENERATED_TITLES = [
  'The Orchard Keeper',
  'Border Weather',
  'A Saint of Small Hours',
  'Quarter to Four',
  'River Tongue',
  'The Frozen Harbour',
  'Letters Not Sent',
  'Wrong Maps',
  'What the Walls Heard',
  'Midwinter Crossing',
  'The Last Train North',
  'Salt and Iron',
  'A Key Without a Door',
  'Thief of Lanterns',
  'The Weather in Her Voice',
  'Nine Turns of the Light',
  'Small Hours',
  'Dead Reckoning',
  'Paper Boats',
  'The Quiet Year',
  'An Inventory of Rooms',
  'Songs for the Drowned',
];
const FANDOM_CAST: [string, string[], string[]][] = [
  [
    HOLMES,
    ['Sherlock Holmes', 'John Watson', 'Irene Adler', 'Mycroft Holmes'],
    ['Sherlock Holmes/John Watson', 'Irene Adler & Sherlock Holmes'],
  ],
  [
    AUSTEN,
    ['Elizabeth Bennet', 'Jane Bennet', 'Charles Bingley', 'Mary Bennet'],
    ['Jane Bennet/Charles Bingley', 'Elizabeth Bennet & Jane Bennet'],
  ],
  [ODYSSEY, ['Penelope', 'Athena', 'Telemachus', 'Odysseus'], ['Odysseus/Penelope', 'Athena & Telemachus']],
  [ALICE, ['Alice', 'The Mad Hatter', 'The White Rabbit', 'The Queen of Hearts'], ['Alice & The Mad Hatter']],
  [ORIGINAL, ['Original Characters'], ['Original Female Character/Original Male Character']],
];
const FREEFORMS = [
  'Angst',
  'Fluff',
  'Hurt/Comfort',
  'Found Family',
  'Slow Burn',
  'Alternate Universe',
  'Friendship',
  'Hopeful Ending',
  'Winter',
  'Letters',
  'Road Trip',
  'Ghosts',
  'Pining',
  'Humor',
];
const RATINGS = [
  'General Audiences',
  'General Audiences',
  'Teen And Up Audiences',
  'Teen And Up Audiences',
  'Mature',
  'Not Rated',
];
const AUTHORS: [string, string?][] = [
  ['marisol_writes'],
  ['ink_and_ember'],
  ['quietharbor'],
  ['oakenshelf'],
  ['paperlantern', 'Lantern'],
  ['marisol_writes', 'Sol in Winter'],
  ['ink_and_ember', 'Ember'],
];

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length];
}

function paragraph(seed: number): string {
  return [
    pick(OPENINGS, seed),
    pick(MIDDLES, seed * 7 + 3),
    pick(MIDDLES, seed * 5 + 1),
    pick(CLOSINGS, seed * 3 + 2),
  ].join('\n\n');
}

function generated(i: number): DemoWork {
  const [fandom, characters, relationships] = pick(FANDOM_CAST, i);
  const [author, pseud] = pick(AUTHORS, i * 3 + 1);
  const chapterCount = i % 5 === 0 ? 3 : i % 3 === 0 ? 2 : 1;
  const inProgress = chapterCount > 1 && i % 2 === 0;
  const romance = i % 2 === 1 && relationships[0].includes('/');
  return {
    author,
    pseud,
    title: pick(GENERATED_TITLES, i),
    summary: `${pick(OPENINGS, i + 2)} ${pick(CLOSINGS, i)}`,
    rating: pick(RATINGS, i),
    warnings: i % 7 === 3 ? ['Creator Chose Not To Use Archive Warnings'] : NONE,
    categories: romance
      ? [
          relationships[0].startsWith('Original Female') ||
          relationships[0].includes('Jane') ||
          relationships[0].includes('Odysseus')
            ? 'F/M'
            : 'M/M',
        ]
      : ['Gen'],
    fandoms: fandom,
    relationships: romance ? relationships[0] : (relationships.find((r) => r.includes('&')) ?? ''),
    characters: [pick(characters, i), pick(characters, i + 1)].filter((c, k, all) => all.indexOf(c) === k).join(', '),
    freeforms: [pick(FREEFORMS, i), pick(FREEFORMS, i * 3 + 4)].join(', '),
    expectedChapters: inProgress ? (i % 4 === 0 ? null : chapterCount + 2) : chapterCount,
    complete: !inProgress,
    daysAgo: 3 + i * 4,
    chapters: Array.from({ length: chapterCount }, (_, c) => ({
      title: chapterCount > 1 ? `Part ${c + 1}` : undefined,
      text: paragraph(i * 11 + c),
    })),
  };
}

export const DEMO_WORKS: DemoWork[] = [...HAND_WRITTEN, ...Array.from({ length: 22 }, (_, i) => generated(i))];
