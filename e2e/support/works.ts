import type { Page } from 'playwright-core';

/** What a writer types into the posting form; a field left out is left as the form shows it. */
export interface WorkDraft {
  rating?: string;
  warnings?: string[];
  categories?: string[];
  fandoms?: string;
  relationships?: string;
  characters?: string;
  additionalTags?: string;
  title?: string;
  summary?: string;
  beginningNotes?: string;
  endNotes?: string;
  /** Title of one of the writer's series, chosen in "Add to series". */
  series?: string;
  /** Typed into "Or start a new series". */
  newSeries?: string;
  expectedChapters?: string;
  complete?: boolean;
  chapterTitle?: string;
  text?: string;
}

export interface ChapterDraft {
  title?: string;
  summary?: string;
  text: string;
}

/** Fills in the posting form (already open) as a person would, without submitting it. */
export async function fillWorkForm(page: Page, draft: WorkDraft): Promise<void> {
  if (draft.rating !== undefined)
    await page.getByLabel('Rating', { exact: true }).selectOption({ label: draft.rating });
  const warnings = page.getByRole('group', { name: 'Archive warnings' });
  for (const warning of draft.warnings ?? []) await warnings.getByLabel(warning, { exact: true }).check();
  const categories = page.getByRole('group', { name: 'Categories' });
  for (const category of draft.categories ?? []) await categories.getByLabel(category, { exact: true }).check();
  const text: [string, string | undefined][] = [
    ['Fandoms', draft.fandoms],
    ['Relationships', draft.relationships],
    ['Characters', draft.characters],
    ['Additional tags', draft.additionalTags],
    ['Title', draft.title],
    ['Summary', draft.summary],
    ['Beginning notes', draft.beginningNotes],
    ['End notes', draft.endNotes],
    ['Or start a new series', draft.newSeries],
    ['Expected chapters', draft.expectedChapters],
    ['Chapter title', draft.chapterTitle],
  ];
  for (const [label, value] of text) if (value !== undefined) await page.getByLabel(label, { exact: true }).fill(value);
  if (draft.series !== undefined)
    await page.getByLabel('Add to series', { exact: true }).selectOption({ label: draft.series });
  if (draft.complete !== undefined)
    await page.getByLabel('This work is complete', { exact: true }).setChecked(draft.complete);
  if (draft.text !== undefined) await page.getByRole('textbox', { name: 'Work text', exact: true }).fill(draft.text);
}

/** Opens the posting form, fills it in, posts it and waits for the new work's page. Returns the work's id. */
export async function postWork(page: Page, draft: WorkDraft): Promise<number> {
  await page.goto('/works/new');
  await fillWorkForm(page, draft);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await page.waitForURL(/\/works\/\d+$/);
  return Number(/\/works\/(\d+)$/.exec(page.url())![1]);
}

/** Fills in the "Add chapter" form (already open) and posts it; waits for the chapter's page and returns its id. */
export async function postChapter(page: Page, chapter: ChapterDraft): Promise<number> {
  if (chapter.title !== undefined) await page.getByLabel('Chapter title', { exact: true }).fill(chapter.title);
  if (chapter.summary !== undefined) await page.getByLabel('Chapter summary', { exact: true }).fill(chapter.summary);
  await page.getByLabel('Chapter text', { exact: true }).fill(chapter.text);
  await page.getByRole('button', { name: 'Post chapter' }).click();
  await page.waitForURL(/\/works\/\d+\/chapters\/\d+$/);
  return Number(/\/chapters\/(\d+)$/.exec(page.url())![1]);
}

/** A General Audiences work with the fields the form requires, for tests about something else. */
export function plainWork(title: string, overrides: WorkDraft = {}): WorkDraft {
  return {
    rating: 'General Audiences',
    warnings: ['No Archive Warnings Apply'],
    fandoms: 'Original Work',
    title,
    text: `The first paragraph of ${title}.\n\nThe second paragraph of ${title}.`,
    ...overrides,
  };
}

/** The values in one row of a work's or series' meta box ("Fandoms:", "Stats:", …), each list item on its own. */
export function metaRow(page: Page, label: string) {
  return page
    .locator('dl.work-meta > div')
    .filter({ has: page.locator(':scope > dt', { hasText: label }) })
    .locator(':scope > dd');
}

/** One figure from the "Stats:" row of a work's meta box, e.g. `stat(page, 'Chapters')` → "2/2". */
export async function stat(page: Page, name: string): Promise<string> {
  const row = metaRow(page, 'Stats:')
    .locator('dl.stats > div')
    .filter({ has: page.locator(':scope > dt', { hasText: `${name}:` }) });
  return (await row.locator(':scope > dd').textContent())?.trim() ?? '';
}
