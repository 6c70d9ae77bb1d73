import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { PHONE_PROFILE, assertNoSidewaysScroll, launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { fillWorkForm, metaRow, plainWork, postChapter, postWork, stat } from './support/works.ts';

describe('posting and reading works in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  /** A page in a new browser profile; no cookies, so a guest until it signs up. */
  async function freshPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser, server.base, options);
    contexts.push(context);
    return context.newPage();
  }

  const flash = async (page: Page) => folded(await page.getByRole('status').textContent());
  const h1 = async (page: Page) => folded(await page.getByRole('heading', { level: 1 }).textContent());
  const tagsIn = async (page: Page, label: string) =>
    (await metaRow(page, label).getByRole('listitem').allTextContents()).map(folded);
  const workIdOf = (page: Page) => Number(/\/works\/(\d+)/.exec(page.url())![1]);
  const chapterText = (page: Page, text: string) => page.locator('.chapter-text').getByText(text, { exact: true });

  describe('a writer and a reader', () => {
    const writer = accountFor('harbour_writer');
    let writerPage: Page;

    before(async () => {
      writerPage = await freshPage();
      await signUp(writerPage, writer);
    });

    it('posts a two-chapter work in a new series and a sequel; a guest reads them chapter by chapter and through the series', async () => {
      const page = writerPage;
      const accountNav = page.getByRole('navigation', { name: 'Account' });

      // The first work, starting the series.
      await accountNav.getByRole('link', { name: 'Post', exact: true }).click();
      await page.waitForURL('**/works/new');
      assert.equal(await h1(page), 'Post a new work');
      assert.equal(
        await page.getByRole('group', { name: 'Creators' }).getByLabel(writer.login, { exact: true }).isChecked(),
        true,
        'the default pen name is ticked',
      );
      await fillWorkForm(page, {
        rating: 'Teen And Up Audiences',
        warnings: ['No Archive Warnings Apply'],
        categories: ['F/F'],
        fandoms: 'Harbour Lights (TV), The Tidewater Books',
        relationships: 'Maren Holt/Ilse Brandt',
        characters: 'Maren Holt, Ilse Brandt',
        additionalTags: 'Slow Burn, Lighthouses, Found Family',
        title: 'Low Tide',
        summary: 'Maren keeps the lamp lit. Ilse keeps coming back.',
        beginningNotes: 'Written for the winter exchange.',
        endNotes: 'Thank you for reading!',
        newSeries: 'The Harbour Cycle',
        expectedChapters: '2',
        complete: false,
        chapterTitle: 'Arrival',
        text: 'The ferry came in at dusk, low in the water.\n\nIlse was the last one off.',
      });
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.waitForURL(/\/works\/\d+$/);
      const firstWork = workIdOf(page);
      assert.equal(await flash(page), 'Your work was posted.');
      assert.equal(await h1(page), 'Low Tide');
      assert.equal(folded(await page.locator('.byline').textContent()), `by ${writer.login}`);
      assert.equal(folded(await metaRow(page, 'Series:').textContent()), 'Part 1 of The Harbour Cycle');
      assert.equal(await stat(page, 'Chapters'), '1/2');

      // Chapter 2.
      await page.getByRole('link', { name: 'Add chapter' }).click();
      await page.waitForURL(`**/works/${firstWork}/chapters/new`);
      assert.equal(await h1(page), 'Add chapter 2 to Low Tide');
      const secondChapter = await postChapter(page, {
        title: 'Storm Season',
        text: 'The storm took the pier on the third night.\n\nThey rebuilt it together.',
      });
      assert.equal(new URL(page.url()).pathname, `/works/${firstWork}/chapters/${secondChapter}`);
      assert.equal(await flash(page), 'The chapter was posted.');
      assert.equal(await page.getByRole('heading', { name: 'Chapter 2: Storm Season' }).isVisible(), true);
      assert.equal(await stat(page, 'Chapters'), '2/2');

      // The sequel, added to the series from the form.
      await accountNav.getByRole('link', { name: 'Post', exact: true }).click();
      await page.waitForURL('**/works/new');
      const seriesOptions = (await page.getByLabel('Add to series').getByRole('option').allTextContents()).map(folded);
      assert.deepEqual(seriesOptions, ['No series', 'The Harbour Cycle']);
      await fillWorkForm(
        page,
        plainWork('High Water', {
          fandoms: 'Harbour Lights (TV)',
          series: 'The Harbour Cycle',
          text: 'Spring came late to the harbour that year.',
        }),
      );
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.waitForURL(/\/works\/\d+$/);
      const secondWork = workIdOf(page);
      assert.equal(await flash(page), 'Your work was posted.');
      assert.equal(folded(await metaRow(page, 'Series:').textContent()), 'Part 2 of The Harbour Cycle');

      // A guest reads the first work.
      const guest = await freshPage();
      await guest.goto(`/works/${firstWork}`);
      assert.equal(await h1(guest), 'Low Tide');
      assert.deepEqual(await tagsIn(guest, 'Rating:'), ['Teen And Up Audiences']);
      assert.deepEqual(await tagsIn(guest, 'Archive Warnings:'), ['No Archive Warnings Apply']);
      assert.deepEqual(await tagsIn(guest, 'Categories:'), ['F/F']);
      assert.deepEqual(await tagsIn(guest, 'Fandoms:'), ['Harbour Lights (TV)', 'The Tidewater Books']);
      assert.deepEqual(await tagsIn(guest, 'Relationships:'), ['Maren Holt/Ilse Brandt']);
      assert.deepEqual(await tagsIn(guest, 'Characters:'), ['Maren Holt', 'Ilse Brandt']);
      assert.deepEqual(await tagsIn(guest, 'Additional Tags:'), ['Slow Burn', 'Lighthouses', 'Found Family']);
      assert.equal(folded(await metaRow(guest, 'Series:').textContent()), 'Part 1 of The Harbour Cycle');
      assert.equal(await stat(guest, 'Chapters'), '2/2');
      assert.equal(
        folded(await guest.getByRole('region', { name: 'Summary:' }).innerText()),
        'Summary: Maren keeps the lamp lit. Ilse keeps coming back.',
      );
      assert.equal(
        folded(await guest.getByRole('region', { name: 'Notes:' }).innerText()),
        'Notes: Written for the winter exchange.',
      );
      assert.equal(await guest.getByRole('link', { name: 'Edit work' }).count(), 0, 'guests get no owner buttons');
      assert.equal(await guest.getByRole('link', { name: 'Add chapter' }).count(), 0);
      assert.equal(await guest.getByRole('heading', { name: 'Chapter 1: Arrival' }).isVisible(), true);
      assert.equal(await chapterText(guest, 'The ferry came in at dusk, low in the water.').isVisible(), true);
      assert.equal(
        await chapterText(guest, 'They rebuilt it together.').count(),
        0,
        'the first chapter page shows only chapter 1',
      );

      const chapterNav = guest.getByRole('navigation', { name: 'Chapters' }).first();
      assert.deepEqual((await chapterNav.getByRole('link').allTextContents()).map(folded), [
        'Entire work',
        'Chapter index',
        'Next chapter →',
      ]);
      await chapterNav.getByRole('link', { name: 'Next chapter →' }).click();
      await guest.waitForURL(`**/works/${firstWork}/chapters/${secondChapter}`);
      assert.equal(await guest.getByRole('heading', { name: 'Chapter 2: Storm Season' }).isVisible(), true);
      assert.equal(await chapterText(guest, 'The storm took the pier on the third night.').isVisible(), true);
      assert.equal(await chapterText(guest, 'Ilse was the last one off.').count(), 0);
      assert.deepEqual(
        (await guest.getByRole('navigation', { name: 'Chapters' }).first().getByRole('link').allTextContents()).map(
          folded,
        ),
        ['← Previous chapter', 'Entire work', 'Chapter index'],
      );
      assert.equal(
        folded(await guest.getByRole('region', { name: 'End notes:' }).innerText()),
        'End notes: Thank you for reading!',
        'the last chapter ends with the work’s end notes',
      );

      await guest
        .getByRole('navigation', { name: 'Chapters' })
        .first()
        .getByRole('link', { name: 'Entire work' })
        .click();
      await guest.waitForURL(`**/works/${firstWork}?view_full_work=true`);
      const headings = (await guest.locator('article.work').getByRole('heading', { level: 2 }).allTextContents()).map(
        folded,
      );
      assert.deepEqual(headings, ['Summary:', 'Notes:', 'Chapter 1: Arrival', 'Chapter 2: Storm Season', 'End notes:']);
      for (const paragraph of [
        'The ferry came in at dusk, low in the water.',
        'Ilse was the last one off.',
        'The storm took the pier on the third night.',
        'They rebuilt it together.',
      ]) {
        assert.equal(await chapterText(guest, paragraph).isVisible(), true, `the entire work shows “${paragraph}”`);
      }

      // The series, from the series block at the end of the work.
      const seriesNav = guest.getByRole('navigation', { name: 'Series: The Harbour Cycle' });
      assert.equal(folded(await seriesNav.innerText()), 'Part 1 of The Harbour Cycle Next work →');
      await seriesNav.getByRole('link', { name: 'The Harbour Cycle' }).click();
      await guest.waitForURL(/\/series\/\d+$/);
      assert.equal(await h1(guest), 'The Harbour Cycle');
      assert.match(folded(await metaRow(guest, 'Stats:').textContent()), /\bWorks: 2\b/);
      const blurbTitles = (
        await guest.locator('ol.work-list').getByRole('heading', { level: 3 }).allTextContents()
      ).map(folded);
      assert.deepEqual(blurbTitles, [`Low Tide by ${writer.login}`, `High Water by ${writer.login}`]);

      await guest.locator('ol.work-list').getByRole('link', { name: 'High Water', exact: true }).click();
      await guest.waitForURL(`**/works/${secondWork}`);
      assert.equal(await h1(guest), 'High Water');
      assert.equal(folded(await metaRow(guest, 'Series:').textContent()), 'Part 2 of The Harbour Cycle');
      const sequelNav = guest.getByRole('navigation', { name: 'Series: The Harbour Cycle' });
      assert.equal(folded(await sequelNav.innerText()), '← Previous work Part 2 of The Harbour Cycle');
      await sequelNav.getByRole('link', { name: '← Previous work' }).click();
      await guest.waitForURL(`**/works/${firstWork}`);
      assert.equal(await h1(guest), 'Low Tide');
    });

    it('keeps what was typed and shows the errors when a post is rejected', async () => {
      const page = writerPage;
      await page.goto('/works/new');
      await fillWorkForm(page, {
        warnings: ['No Archive Warnings Apply'],
        title: 'Neap Tide',
        summary: 'A summary worth keeping.',
        chapterTitle: 'Slack Water',
        text: 'Every word of this\n\nmust survive the round trip.',
      });
      await page.getByRole('button', { name: 'Post', exact: true }).click();

      await page.getByRole('alert').waitFor();
      assert.equal(new URL(page.url()).pathname, '/works');
      assert.equal(await h1(page), 'Post a new work');
      const summary = page.getByRole('alert');
      assert.equal(folded(await summary.getByRole('heading').textContent()), 'There are 2 problems');
      assert.deepEqual((await summary.getByRole('link').allTextContents()).map(folded), [
        'Choose a rating.',
        'Name at least one fandom (use "Original Work" for original fiction).',
      ]);

      const rating = page.getByLabel('Rating', { exact: true });
      const fandoms = page.getByLabel('Fandoms', { exact: true });
      assert.equal(await rating.getAttribute('aria-invalid'), 'true');
      assert.equal(await fandoms.getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('main form').getByText('Choose a rating.', { exact: true }).isVisible(), true);
      assert.equal(
        await page
          .locator('main form')
          .getByText('Name at least one fandom (use "Original Work" for original fiction).', { exact: true })
          .isVisible(),
        true,
      );
      assert.equal(await page.getByLabel('Title', { exact: true }).getAttribute('aria-invalid'), null);

      // Each link in the summary leads to its field.
      await summary.getByRole('link', { name: 'Choose a rating.' }).click();
      assert.equal(new URL(page.url()).hash, '#field-rating');
      assert.equal(await rating.evaluate((el) => el.id), 'field-rating');

      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Neap Tide');
      assert.equal(
        await page.getByRole('textbox', { name: 'Work text', exact: true }).inputValue(),
        'Every word of this\n\nmust survive the round trip.',
      );
      assert.equal(await page.getByLabel('Summary', { exact: true }).inputValue(), 'A summary worth keeping.');
      assert.equal(await page.getByLabel('Chapter title', { exact: true }).inputValue(), 'Slack Water');
      assert.equal(
        await page.getByRole('group', { name: 'Archive warnings' }).getByLabel('No Archive Warnings Apply').isChecked(),
        true,
      );

      // Fixing the two fields is enough to post it.
      await rating.selectOption({ label: 'General Audiences' });
      await fandoms.fill('Original Work');
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.waitForURL(/\/works\/\d+$/);
      assert.equal(await flash(page), 'Your work was posted.');
      assert.equal(await h1(page), 'Neap Tide');
      assert.equal(await chapterText(page, 'must survive the round trip.').isVisible(), true);
    });

    it('asks a guest before showing an Explicit work', async () => {
      const workId = await postWork(
        writerPage,
        plainWork('Undertow', { rating: 'Explicit', text: 'What happened below deck stays below deck.' }),
      );
      assert.equal(
        await chapterText(writerPage, 'What happened below deck stays below deck.').isVisible(),
        true,
        'its writer is not asked',
      );

      const guest = await freshPage();
      await guest.goto(`/works/${workId}`);
      assert.equal(await h1(guest), 'This work could have adult content');
      assert.match(folded(await guest.getByRole('main').textContent()), /“Undertow” is rated Explicit\./);
      assert.equal(
        await guest.getByText('What happened below deck stays below deck.').count(),
        0,
        'the text is not on the notice',
      );

      await guest.getByRole('link', { name: 'Yes, continue' }).click();
      await guest.waitForURL(`**/works/${workId}?view_adult=true`);
      assert.equal(await h1(guest), 'Undertow');
      assert.equal(await chapterText(guest, 'What happened below deck stays below deck.').isVisible(), true);

      // The answer holds for the rest of the visit.
      await guest.goto(`/works/${workId}`);
      assert.equal(await h1(guest), 'Undertow');
    });
  });

  describe('accessibility of the work pages', () => {
    const writer = accountFor('tidewater_a11y');
    let writerContext: BrowserContext;
    let workId: number;
    let chapterId: number;
    let sequelId: number;
    let seriesId: number;

    /** Posts, through the real pages, a two-chapter work in a two-work series. */
    before(async () => {
      const page = await freshPage();
      writerContext = page.context();
      await signUp(page, writer);
      workId = await postWork(page, {
        rating: 'Teen And Up Audiences',
        warnings: ['Creator Chose Not To Use Archive Warnings'],
        categories: ['F/F', 'Gen'],
        fandoms: 'Harbour Lights (TV), The Tidewater Books',
        relationships: 'Maren Holt/Ilse Brandt, Maren Holt & Old Jonah',
        characters: 'Maren Holt, Ilse Brandt, Old Jonah',
        additionalTags: 'Alternate Universe - Lighthouse Keepers, Slow Burn, Hurt/Comfort, Found Family',
        title: 'The Lamp Room',
        summary: 'Maren keeps the lamp lit.\n\nIlse keeps coming back.',
        beginningNotes: 'Written for the winter exchange.',
        endNotes: 'Thank you for reading!',
        newSeries: 'The Harbour Cycle',
        expectedChapters: '2',
        complete: false,
        chapterTitle: 'Arrival',
        text: Array.from(
          { length: 6 },
          (_, i) =>
            `Paragraph ${i + 1}. The ferry came in at dusk, low in the water, and the gulls followed it all the way from the point.`,
        ).join('\n\n'),
      });
      await page.getByRole('link', { name: 'Add chapter' }).click();
      chapterId = await postChapter(page, {
        title: 'Storm Season',
        summary: 'The pier does not survive.',
        text: 'The storm took the pier on the third night.\n\nThey rebuilt it together.',
      });
      sequelId = await postWork(
        page,
        plainWork('The Quay', {
          series: 'The Harbour Cycle',
          fandoms: 'Harbour Lights (TV)',
          summary: 'The second part.',
        }),
      );
      seriesId = Number(
        /\/series\/(\d+)/.exec(
          (await page.getByRole('link', { name: 'The Harbour Cycle' }).first().getAttribute('href')) ?? '',
        )![1],
      );
    });

    /** A page for axe-core (which needs the page's CSP bypassed), as a guest or as the signed-in writer. */
    async function axePage(options: BrowserContextOptions & { signedIn?: boolean } = {}): Promise<Page> {
      const { signedIn, ...rest } = options;
      const storageState = signedIn ? await writerContext.storageState() : undefined;
      return freshPage({ bypassCSP: true, storageState, ...rest });
    }

    for (const colorScheme of ['light', 'dark'] as const) {
      const shot = (name: string) => (colorScheme === 'light' ? name : `${name}-dark`);

      describe(`axe-core finds no violations (${colorScheme})`, () => {
        it('on the posting form', async () => {
          const page = await axePage({ colorScheme, signedIn: true });
          await page.goto('/works/new');
          assert.equal(await h1(page), 'Post a new work');
          await screenshot(page, shot('work-form'));
          await assertNoViolations(page, `the posting form in the ${colorScheme} scheme`);
        });

        it('on a rejected posting form', async () => {
          const page = await axePage({ colorScheme, signedIn: true });
          await page.goto('/works/new');
          await fillWorkForm(page, { title: 'Rejected', text: 'Some text.' });
          await page.getByRole('button', { name: 'Post', exact: true }).click();
          await page.getByRole('alert').waitFor();
          await screenshot(page, shot('work-form-errors'));
          await assertNoViolations(page, `the rejected posting form in the ${colorScheme} scheme`);
        });

        it('on a work page with two chapters, seen by a guest', async () => {
          const page = await axePage({ colorScheme });
          await page.goto(`/works/${workId}`);
          assert.equal(await page.getByRole('heading', { name: 'Chapter 1: Arrival' }).isVisible(), true);
          await screenshot(page, shot('work-page'));
          await assertNoViolations(page, `a two-chapter work page in the ${colorScheme} scheme`);
        });

        it('on a work page with two chapters, seen by its writer', async () => {
          const page = await axePage({ colorScheme, signedIn: true });
          await page.goto(`/works/${workId}`);
          assert.equal(await page.getByRole('link', { name: 'Edit work' }).isVisible(), true);
          await screenshot(page, shot('work-page-owner'));
          await assertNoViolations(page, `a two-chapter work page seen by its writer in the ${colorScheme} scheme`);
        });

        it('on the entire work', async () => {
          const page = await axePage({ colorScheme });
          await page.goto(`/works/${workId}?view_full_work=true`);
          assert.equal(await page.getByRole('heading', { name: 'Chapter 2: Storm Season' }).isVisible(), true);
          await assertNoViolations(page, `the entire work in the ${colorScheme} scheme`);
        });

        it('on a chapter page', async () => {
          const page = await axePage({ colorScheme });
          await page.goto(`/works/${workId}/chapters/${chapterId}`);
          assert.equal(await page.getByRole('heading', { name: 'Chapter 2: Storm Season' }).isVisible(), true);
          await screenshot(page, shot('chapter-page'));
          await assertNoViolations(page, `a chapter page in the ${colorScheme} scheme`);
        });

        it('on the series page', async () => {
          const page = await axePage({ colorScheme });
          await page.goto(`/series/${seriesId}`);
          assert.equal(await h1(page), 'The Harbour Cycle');
          await screenshot(page, shot('series-page'));
          await assertNoViolations(page, `the series page in the ${colorScheme} scheme`);
        });

        it('on the home page with works on it', async () => {
          const page = await axePage({ colorScheme });
          await page.goto('/');
          assert.ok(
            (await page.locator('ol.work-list').getByRole('heading', { level: 3 }).count()) >= 2,
            'works are listed',
          );
          await screenshot(page, shot('home-with-works'));
          await assertNoViolations(page, `the home page with works in the ${colorScheme} scheme`);
        });
      });
    }

    describe('on a phone-sized screen', () => {
      it('the work page does not scroll sideways', async () => {
        const page = await freshPage(PHONE_PROFILE);
        await page.goto(`/works/${workId}`);
        await screenshot(page, 'work-page-phone');
        await assertNoSidewaysScroll(page);
      });

      it('the chapter page does not scroll sideways', async () => {
        const page = await freshPage(PHONE_PROFILE);
        await page.goto(`/works/${workId}/chapters/${chapterId}`);
        await screenshot(page, 'chapter-page-phone');
        await assertNoSidewaysScroll(page);
      });

      it('the series page does not scroll sideways', async () => {
        const page = await freshPage(PHONE_PROFILE);
        await page.goto(`/series/${seriesId}`);
        await screenshot(page, 'series-page-phone');
        await assertNoSidewaysScroll(page);
      });

      it('the series navigation keeps “← Previous work” and “Next work →” on one line', async () => {
        const page = await freshPage(PHONE_PROFILE);
        for (const [path, name] of [
          [`/works/${workId}/chapters/${chapterId}`, 'Next work →'],
          [`/works/${sequelId}`, '← Previous work'],
        ] as const) {
          await page.goto(path);
          const link = page.getByRole('navigation', { name: 'Series: The Harbour Cycle' }).getByRole('link', { name });
          // The lines the link's text is laid out on, as distinct line-box tops.
          const lines = await link.evaluate((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
          });
          if (lines !== 1) await screenshot(page, 'series-nav-phone');
          assert.equal(
            lines,
            1,
            `“${name}” on ${path} is broken over ${lines} lines on a ${PHONE_PROFILE.viewport.width}px screen`,
          );
        }
      });

      it('the posting form does not scroll sideways', async () => {
        const page = await freshPage({ ...PHONE_PROFILE, storageState: await writerContext.storageState() });
        await page.goto('/works/new');
        await screenshot(page, 'work-form-phone');
        await assertNoSidewaysScroll(page);
      });
    });
  });
});
