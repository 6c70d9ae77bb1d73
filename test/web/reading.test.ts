import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';
import { decodeReaderSettings, encodeReaderSettings } from '../../src/domain/reading.ts';

describeEachDatabase('reading settings', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('keeps a guest’s settings in the browser and applies them to every page', async () => {
    const guest = t.agent();
    const form = await guest.get('/settings/reading');
    assert.match(visibleText(form.body), /Kept in this browser/);
    const saved = await guest.submit('/settings/reading', { fontSize: 'x-large', theme: 'dark', lineWidth: 'wide' });
    assert.equal(saved.status, 303);
    assert.match(visibleText((await guest.get(saved.location!)).body), /Your reading settings are saved\./);
    const home = await guest.get('/');
    assert.match(home.body, /<html lang="en" class="font-x-large theme-dark width-wide">/);
    assert.match(
      (await t.agent().get('/')).body,
      /class="font-medium theme-system width-medium"/,
      'another browser keeps the defaults',
    );
  });

  it('keeps a member’s settings with the account, on every device', async () => {
    const laptop = t.agent();
    await laptop.signUp('night_reader');
    await laptop.submit('/settings/reading', {
      fontSize: 'large',
      theme: 'light',
      lineWidth: 'narrow',
      skipAdultNotice: '1',
    });
    const phone = t.agent();
    await phone.submit('/login', { identifier: 'night_reader', password: 'correct horse battery' });
    const page = await phone.get('/settings/reading');
    assert.match(page.body, /class="font-large theme-light width-narrow"/);
    assert.match(page.body, /name="skipAdultNotice" value="1" checked/);
  });

  it('ignores values it does not know instead of failing', async () => {
    const guest = t.agent();
    const saved = await guest.submit('/settings/reading', { fontSize: '"><script>', theme: 'neon', lineWidth: '' });
    assert.equal(saved.status, 303);
    assert.match((await guest.get('/')).body, /class="font-medium theme-system width-medium"/);
    assert.deepEqual(decodeReaderSettings('huge.x.y.z'), decodeReaderSettings(undefined));
    assert.equal(encodeReaderSettings(decodeReaderSettings('large.dark.wide.1')), 'large.dark.wide.1');
  });
});
