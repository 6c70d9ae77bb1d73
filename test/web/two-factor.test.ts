import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { authenticator } from 'otplib';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { issueResetToken } from '../../src/app/recovery.ts';
import { passwordResetPath } from '../../src/paths.ts';

const PASSWORD = 'correct horse battery';

/** The code an authenticator app shows at this moment for the secret. */
function codeAt(secret: string, ms: number): string {
  return authenticator.clone({ epoch: ms }).generate(secret);
}

describeEachDatabase('two-factor log-in', (dialect) => {
  let t: TestApp;
  // The archive checks codes against a clock the test moves a 30-second step at a time.
  let clock: number;
  beforeEach(async () => {
    t = await testApp(dialect);
    clock = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
    t.app.quire.archive.twoFactor.now = () => clock;
  });
  afterEach(() => t.dispose());

  const nextStep = () => {
    clock += 30_000;
  };

  /** Signs a member up and turns two-factor on through the pages; returns the secret read off the page and the recovery codes. */
  async function turnOn(agent: Agent, login: string): Promise<{ secret: string; recoveryCodes: string[] }> {
    await agent.signUp(login, PASSWORD);
    await agent.get('/account/two-factor');
    const setup = await agent.submit('/account/two-factor/setup', { currentPassword: PASSWORD });
    assert.equal(setup.status, 200);
    const secret = /class="two-factor-secret"[^>]*>([A-Z2-7 ]+)</.exec(setup.body)?.[1]?.replace(/ /g, '');
    assert.ok(secret, 'the setup page shows the secret as text');
    const on = await agent.submit('/account/two-factor/confirm', { twoFactorCode: codeAt(secret, clock) });
    assert.equal(on.status, 200, visibleText(on.body));
    const recoveryCodes = [...on.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    return { secret, recoveryCodes };
  }

  async function logInWithPassword(agent: Agent, login: string, extra: Record<string, string> = {}) {
    await agent.get('/login');
    return agent.submit('/login', { identifier: login, password: PASSWORD, ...extra });
  }

  it('sets up with the password, a QR code and the key as text, and turns on only after a right code', async () => {
    const agent = t.agent();
    await agent.signUp('quill');
    const account = visibleText((await agent.get('/account')).body);
    assert.match(account, /Two-factor log-in is off ?\. Set up two-factor log-in/);

    const start = await agent.get('/account/two-factor');
    assert.match(start.body, /<label for="field-currentPassword">Current password<\/label>/);
    const wrongPassword = await agent.submit('/account/two-factor/setup', { currentPassword: 'not my password' });
    assert.equal(wrongPassword.status, 422);
    assert.match(visibleText(wrongPassword.body), /That is not your current password\./);

    const setup = await agent.submit('/account/two-factor/setup', { currentPassword: PASSWORD });
    assert.equal(setup.status, 200);
    assert.match(
      setup.body,
      /<div class="two-factor-qr" role="img" aria-label="[^"]+"><svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/,
    );
    assert.doesNotMatch(setup.body, /<script/);
    const secret = /class="two-factor-secret"[^>]*>([A-Z2-7 ]+)</.exec(setup.body)![1];
    assert.match(secret, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, 'the key is grouped for typing');
    const plainSecret = secret.replace(/ /g, '');

    const wrong = await agent.submit('/account/two-factor/confirm', { twoFactorCode: '000000' });
    assert.equal(wrong.status, 422);
    assert.match(visibleText(wrong.body), /That code does not match\./);
    assert.match(wrong.body, /class="two-factor-secret"/, 'the setup is shown again to try once more');
    assert.match(visibleText((await agent.get('/account')).body), /Two-factor log-in is off/);

    const on = await agent.submit('/account/two-factor/confirm', { twoFactorCode: codeAt(plainSecret, clock) });
    assert.equal(on.status, 200);
    const text = visibleText(on.body);
    assert.match(text, /Two-factor log-in is on ?\./);
    assert.match(text, /Save these now: they are shown only this once\./);
    const codes = [...on.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.match(on.body, /<a href="data:text\/plain;charset=utf-8,[^"]+" download="Quire-recovery-codes\.txt">/);
    assert.equal(on.headers['cache-control'], 'no-store');

    const later = await agent.get('/account/two-factor');
    assert.match(visibleText(later.body), /Two-factor log-in is on ?\. .*You have 10 unused recovery codes of 10\./);
    assert.ok(!later.body.includes(plainSecret) && !later.body.includes(secret), 'the key is never shown again');
    assert.ok(!later.body.includes(codes[0]), 'nor the recovery codes');
    assert.match(
      visibleText((await agent.get('/account')).body),
      /Two-factor log-in is on ?, with 10 unused recovery codes/,
    );
  });

  it('asks for the code after the password, starts no session before it, and never takes a code twice', async () => {
    const { secret } = await turnOn(t.agent(), 'inkwell');
    const agent = t.agent();
    const first = await logInWithPassword(agent, 'inkwell', { return_to: '/account' });
    assert.equal(first.status, 303);
    assert.equal(first.location, '/login/two-factor?return_to=%2Faccount');
    assert.equal(agent.cookie('quire_session'), undefined, 'no session before the code');
    assert.equal((await agent.get('/account')).status, 303, 'the account page still sends to log in');

    const form = await agent.get(first.location!);
    assert.equal(form.status, 200);
    assert.match(form.body, /<label for="field-twoFactorCode">Two-factor code<\/label>/);
    assert.match(form.body, /autocomplete="one-time-code"/);

    const wrong = await agent.submit('/login/two-factor', { twoFactorCode: '123456', return_to: '/account' });
    assert.equal(wrong.status, 401);
    assert.match(visibleText(wrong.body), /That code is not right, or it has been used already\./);
    assert.equal(agent.cookie('quire_session'), undefined);

    nextStep();
    const code = codeAt(secret, clock);
    const right = await agent.submit('/login/two-factor', { twoFactorCode: code, return_to: '/account' });
    assert.equal(right.status, 303);
    assert.equal(right.location, '/account');
    assert.ok(agent.cookie('quire_session'));
    assert.match(visibleText((await agent.get('/account')).body), /Logged in as inkwell\..*Signed in as inkwell/);

    // The same code again, from another device, within its 30 seconds: refused.
    const thief = t.agent();
    await logInWithPassword(thief, 'inkwell');
    await thief.get('/login/two-factor');
    const replayed = await thief.submit('/login/two-factor', { twoFactorCode: code });
    assert.equal(replayed.status, 401);
    assert.match(visibleText(replayed.body), /used already/);
    assert.equal(thief.cookie('quire_session'), undefined);

    // One step of clock drift either way is accepted: the app's next code, before the server's clock reaches it.
    const drifted = await thief.submit('/login/two-factor', { twoFactorCode: codeAt(secret, clock + 30_000) });
    assert.equal(drifted.status, 303);
    assert.ok(thief.cookie('quire_session'));
  });

  it('carries "remember me" through the second step', async () => {
    const { secret } = await turnOn(t.agent(), 'keeper');
    const agent = t.agent();
    await logInWithPassword(agent, 'keeper', { remember: '1' });
    await agent.get('/login/two-factor');
    nextStep();
    const done = await agent.submit('/login/two-factor', { twoFactorCode: codeAt(secret, clock) });
    assert.equal(done.status, 303);
    assert.match(String(done.headers['set-cookie']), /quire_session=[^;]+; Max-Age=\d+/);
  });

  it('sends back to the log-in form when the pending step is missing, forged or too old', async () => {
    const { secret } = await turnOn(t.agent(), 'slowpoke');
    const stranger = t.agent();
    await stranger.get('/login');
    const none = await stranger.submit('/login/two-factor', { twoFactorCode: '123456' });
    assert.equal(none.status, 303);
    assert.equal(none.location, '/login');
    assert.match(visibleText((await stranger.get('/login')).body), /Log in again with your password\./);

    const agent = t.agent();
    await logInWithPassword(agent, 'slowpoke');
    const pending = agent.cookie('quire_two_factor')!;
    assert.ok(pending);
    const [body, signature] = pending.split('.');
    const forged = JSON.parse(Buffer.from(body, 'base64url').toString());
    forged.e += 3_600_000;
    const forger = t.agent();
    await forger.get('/login');
    (forger as unknown as { cookies: Map<string, string> }).cookies.set(
      'quire_two_factor',
      `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`,
    );
    nextStep();
    const forgedAttempt = await forger.submit('/login/two-factor', { twoFactorCode: codeAt(secret, clock) });
    assert.equal(forgedAttempt.location, '/login');
    assert.equal(forger.cookie('quire_session'), undefined);

    clock += 11 * 60_000;
    await agent.get('/');
    const late = await agent.submit('/login/two-factor', { twoFactorCode: codeAt(secret, clock) });
    assert.equal(late.status, 303);
    assert.equal(late.location, '/login');
    assert.equal(agent.cookie('quire_session'), undefined);
  });

  it('takes a recovery code once in place of a code', async () => {
    const { recoveryCodes } = await turnOn(t.agent(), 'lostphone');
    const agent = t.agent();
    await logInWithPassword(agent, 'lostphone');
    await agent.get('/login/two-factor');
    // Typed without dashes and in capitals: still the code.
    const used = await agent.submit('/login/two-factor', {
      twoFactorCode: recoveryCodes[3].replace(/-/g, '').toUpperCase(),
    });
    assert.equal(used.status, 303);
    assert.match(
      visibleText((await agent.get('/')).body),
      /Logged in as lostphone with a recovery code\. You have 9 codes left\./,
    );
    assert.match(
      visibleText((await agent.get('/account/two-factor')).body),
      /You have 9 unused recovery codes of 10\./,
    );

    const again = t.agent();
    await logInWithPassword(again, 'lostphone');
    await again.get('/login/two-factor');
    const reused = await again.submit('/login/two-factor', { twoFactorCode: recoveryCodes[3] });
    assert.equal(reused.status, 401);
    assert.equal(again.cookie('quire_session'), undefined);
  });

  it('refuses too many wrong codes for one account with a clear message', async () => {
    const { secret } = await turnOn(t.agent(), 'guessed');
    const attacker = t.agent();
    await logInWithPassword(attacker, 'guessed');
    await attacker.get('/login/two-factor');
    // The setup's code counted once: four more tries are left in the window.
    for (let i = 0; i < 4; i++) {
      const wrong = await attacker.submit('/login/two-factor', { twoFactorCode: String(100000 + i) });
      assert.equal(wrong.status, 401);
    }
    // Even the right code waits now, from any device: the limit is the account's.
    const elsewhere = t.agent();
    elsewhere.remoteAddress = '10.0.0.9';
    await logInWithPassword(elsewhere, 'guessed');
    await elsewhere.get('/login/two-factor');
    nextStep();
    const limited = await elsewhere.submit('/login/two-factor', { twoFactorCode: codeAt(secret, clock) });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.match(
      visibleText(limited.body),
      /Too many two-factor codes tried for this account\. Wait \d+ minutes and try again\./,
    );
    assert.equal(elsewhere.cookie('quire_session'), undefined);
  });

  it('asks for a current code to change the password or the email address', async () => {
    const agent = t.agent();
    const { secret } = await turnOn(agent, 'careful');
    const account = await agent.get('/account');
    assert.match(account.body, /<label for="field-twoFactorCode-password">Two-factor code<\/label>/);
    assert.match(account.body, /<label for="field-twoFactorCode-email">Two-factor code<\/label>/);

    const newPassword = {
      currentPassword: PASSWORD,
      password: 'a new long password',
      passwordConfirmation: 'a new long password',
    };
    const without = await agent.submit('/account/password', newPassword);
    assert.equal(without.status, 422);
    assert.match(
      visibleText(without.body),
      /Enter the 6-digit code from your authenticator app, or one of your recovery codes\./,
    );
    const email = await agent.submit('/account/email', { email: 'elsewhere@example.org', currentPassword: PASSWORD });
    assert.equal(email.status, 422);
    assert.match(email.body, /value="elsewhere@example.org"/, 'the address stays as typed');
    const wrongCode = await agent.submit('/account/password', { ...newPassword, twoFactorCode: '000000' });
    assert.equal(wrongCode.status, 422);
    assert.match(visibleText(wrongCode.body), /That code is not right/);

    // Still the old password.
    const check = t.agent();
    assert.equal((await logInWithPassword(check, 'careful')).location, '/login/two-factor');

    nextStep();
    const changed = await agent.submit('/account/password', { ...newPassword, twoFactorCode: codeAt(secret, clock) });
    assert.equal(changed.status, 303);
    assert.match(visibleText((await agent.get('/account')).body), /Your password has been changed\./);
  });

  it('asks for a current code to delete the account', async () => {
    const agent = t.agent();
    const { secret } = await turnOn(agent, 'leaving_soon');
    const form = await agent.get('/account/delete');
    assert.match(form.body, /<label for="field-twoFactorCode-delete">Two-factor code<\/label>/);

    const deletion = { currentPassword: PASSWORD, confirm: '1' };
    const without = await agent.submit('/account/delete', deletion);
    assert.equal(without.status, 422);
    assert.match(
      visibleText(without.body),
      /Enter the 6-digit code from your authenticator app, or one of your recovery codes\./,
    );
    const wrongCode = await agent.submit('/account/delete', { ...deletion, twoFactorCode: '000000' });
    assert.equal(wrongCode.status, 422);
    assert.match(visibleText(wrongCode.body), /That code is not right/);
    assert.ok(await t.store.users.findByLogin('leaving_soon'), 'the account is still there');

    nextStep();
    const deleted = await agent.submit('/account/delete', { ...deletion, twoFactorCode: codeAt(secret, clock) });
    assert.equal(deleted.status, 303);
    assert.equal(await t.store.users.findByLogin('leaving_soon'), undefined);
  });

  it('makes new recovery codes after a code, and the old ones stop working', async () => {
    const agent = t.agent();
    const { secret, recoveryCodes } = await turnOn(agent, 'renewer');
    const refused = await agent.submit('/account/two-factor/recovery-codes', { twoFactorCode: '' });
    assert.equal(refused.status, 422);
    nextStep();
    const fresh = await agent.submit('/account/two-factor/recovery-codes', { twoFactorCode: codeAt(secret, clock) });
    assert.equal(fresh.status, 200);
    assert.match(visibleText(fresh.body), /Your new recovery codes are ready\. The old ones no longer work\./);
    const newCodes = [...fresh.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]);
    assert.equal(newCodes.length, 10);

    const other = t.agent();
    await logInWithPassword(other, 'renewer');
    await other.get('/login/two-factor');
    assert.equal((await other.submit('/login/two-factor', { twoFactorCode: recoveryCodes[0] })).status, 401);
    assert.equal((await other.submit('/login/two-factor', { twoFactorCode: newCodes[0] })).status, 303);
  });

  it('turns off with the password and a code; then logging in takes only the password', async () => {
    const agent = t.agent();
    const { secret } = await turnOn(agent, 'undoer');
    nextStep();
    const noPassword = await agent.submit('/account/two-factor/off', { twoFactorCode: codeAt(secret, clock) });
    assert.equal(noPassword.status, 422);
    assert.match(visibleText(noPassword.body), /Enter your current password\./);
    const noCode = await agent.submit('/account/two-factor/off', { currentPassword: PASSWORD });
    assert.equal(noCode.status, 422);
    assert.match(visibleText((await agent.get('/account/two-factor')).body), /Two-factor log-in is on ?\./);

    nextStep();
    const off = await agent.submit('/account/two-factor/off', {
      currentPassword: PASSWORD,
      twoFactorCode: codeAt(secret, clock),
    });
    assert.equal(off.status, 303);
    assert.match(
      visibleText((await agent.get('/account/two-factor')).body),
      /Two-factor log-in is off ?\. Logging in takes only your password now\./,
    );

    const later = t.agent();
    const logIn = await logInWithPassword(later, 'undoer');
    assert.equal(logIn.location, '/');
    assert.ok(later.cookie('quire_session'));
    assert.equal(later.cookie('quire_two_factor'), undefined);
  });

  it('asks for a code to complete a password reset', async () => {
    const { secret } = await turnOn(t.agent(), 'forgetful');
    const issued = await issueResetToken(t.store, 'forgetful');
    const agent = t.agent();
    const form = await agent.get(passwordResetPath(issued!.token));
    assert.equal(form.status, 200);
    assert.match(form.body, /<label for="field-twoFactorCode-reset">Two-factor code<\/label>/);
    const fields = { password: 'a brand new password', passwordConfirmation: 'a brand new password' };
    const without = await agent.submit(passwordResetPath(issued!.token), fields);
    assert.equal(without.status, 422);
    assert.match(visibleText(without.body), /Enter the 6-digit code from your authenticator app/);
    assert.equal(agent.cookie('quire_session'), undefined);
    nextStep();
    const done = await agent.submit(passwordResetPath(issued!.token), {
      ...fields,
      twoFactorCode: codeAt(secret, clock),
    });
    assert.equal(done.status, 303);
    assert.ok(agent.cookie('quire_session'));
  });

  it('leaves log-in unchanged for members without two-factor, and sends guests to log in', async () => {
    const agent = t.agent();
    await agent.signUp('plain');
    await agent.submit('/logout', {});
    const logIn = await logInWithPassword(agent, 'plain');
    assert.equal(logIn.location, '/');
    assert.ok(agent.cookie('quire_session'));
    const guest = t.agent();
    const page = await guest.get('/account/two-factor');
    assert.equal(page.status, 303);
    assert.match(page.location ?? '', /^\/login/);
  });
});
