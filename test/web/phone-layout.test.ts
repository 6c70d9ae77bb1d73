/**
 * What a reader on a phone sees of a page's layout, in Debian's Chromium: the rows of buttons that
 * wrap at 390 pixels still line up at the page's left edge.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from '../../src/formats/formats.ts';
import { SESSION_COOKIE } from '../../src/web/session.ts';
import { testApp, type Agent, type TestApp } from '../support/http.ts';

describe('a work page at phone width', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  before(async () => {
    t = await testApp('sqlite');
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: chromiumPath() });
  });
  after(async () => {
    await browser.close();
    await t.dispose();
  });

  /** The left edges of a page's reader buttons (Bookmark, Mark for later, Download …) that start a row. */
  async function rowStarts(
    agent: Agent,
    path: string,
  ): Promise<{ starts: { button: string; left: number }[]; edge: number }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
    await context.addCookies([{ name: SESSION_COOKIE, value: agent.cookie(SESSION_COOKIE)!, url: origin }]);
    const page = await context.newPage();
    await page.goto(origin + path);
    const found = await page.evaluate(() => {
      const buttons = document.querySelectorAll(
        '.subscribe-form, .bookmark-button, .feed-link, .mark-for-later-form, .download-menu, .report-link',
      );
      const items = [...buttons].map((e) => e.getBoundingClientRect());
      // A button left of the one before it has wrapped: it starts a row.
      const starts = [...buttons]
        .filter((_, i) => i === 0 || items[i].left <= items[i - 1].left)
        .map((e) => ({ button: e.className.split(' ').at(-1)!, left: e.getBoundingClientRect().left }));
      return { starts, edge: document.querySelector('h1')!.getBoundingClientRect().left };
    });
    await context.close();
    return found;
  }

  it('starts every wrapped row of the reader’s buttons at the same left edge as the page', async () => {
    const writer = t.agent();
    await writer.signUp('lamp_oil');
    const work = await writer.postWork({ title: 'The Keeper’s Lamp' });
    const reader = t.agent();
    await reader.signUp('gull_feather');
    // The reader sees Subscribe first; the writer, who cannot subscribe to their own work, Bookmark.
    for (const agent of [reader, writer]) {
      const { starts, edge } = await rowStarts(agent, work);
      assert.ok(starts.length >= 2, `the buttons wrap onto ${starts.length} row(s) at 390 pixels`);
      const where = starts.map((s) => `${s.button} at ${s.left}`).join(', ');
      for (const start of starts) assert.equal(Math.round(start.left), Math.round(edge), `rows start: ${where}`);
    }
  });
});
