import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chromeStrength } from '../../../src/text/import/chrome.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const prose = (n: string) =>
  `The rain kept on through part ${n}, and the gutters along the street ran loud until the small hours.`;
const titles = async (name: string, text: string) =>
  (await importWork([file(name, text)])).chapters.map((c) => c.title);

describe('chapters and their titles, as writers’ tools and sites give them', () => {
  it('reads a numbered heading titled “Notes” as a chapter, and a site’s count of notes as the site’s', async () => {
    const html = [
      '<html><head><title></title></head><body>',
      '<p>Case File: The Neptune Swan</p>',
      '<h2 class="western">1. The Swans</h2>',
      `<p>${prose('one')}</p>`,
      `<p>${prose('one, again')}</p>`,
      '<h2 class="western">2. Notes</h2>',
      '<p>CASE NOTES — Tuesday</p>',
      `<p>${prose('two')}</p>`,
      '</body></html>',
    ].join('\n');
    assert.deepEqual(await titles('swans.html', html), ['The Swans', 'Notes']);
    for (const line of ['2 notes', '1,204 notes', '3.1K notes']) assert.equal(chromeStrength(line), 'button', line);
  });
});
