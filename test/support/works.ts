import type { Store } from '../../src/store/index.ts';
import { validateWork, type WorkInput } from '../../src/domain/works.ts';
import { countWordsInHtml } from '../../src/domain/wordcount.ts';
import { formatUserText } from '../../src/text/sanitize.ts';

/** The posting form as a writer might fill it in, with whatever the test overrides. */
export function workInput(overrides: Partial<WorkInput> = {}): WorkInput {
  return {
    title: 'The Lighthouse Keeper',
    summary: 'A storm, a stranger, a light that will not go out.',
    notes: '',
    endNotes: '',
    disclaimer: '',
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    categories: ['Gen'],
    fandoms: 'Original Work',
    relationships: '',
    characters: 'Keeper, Stranger',
    freeforms: 'Storms, Found Family',
    language: 'en',
    visibility: 'public',
    commentPolicy: 'everyone',
    moderated: false,
    expectedChapters: '1',
    complete: true,
    publishAt: '',
    ...overrides,
  };
}

export function chapterContent(text = 'The light turned. The sea answered.') {
  const body = formatUserText(text);
  return { title: '', summary: '', notes: '', endNotes: '', body, wordCount: countWordsInHtml(body) };
}

export async function postWork(
  store: Store,
  pseudIds: number[],
  overrides: Partial<WorkInput> = {},
  text?: string,
): Promise<number> {
  return store.works.create({
    fields: validateWork(workInput(overrides)),
    chapter: chapterContent(text),
    creatorPseudIds: pseudIds,
  });
}
