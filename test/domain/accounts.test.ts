import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  safeReturnPath,
  validatePseud,
  validateSignUp,
  validateNewPassword,
  validateEmail,
} from '../../src/domain/accounts.ts';
import { ValidationError } from '../../src/domain/errors.ts';

function errorsOf(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
  return {};
}

const good = {
  login: 'river_song',
  email: 'River@Example.org ',
  password: 'spoilers!',
  passwordConfirmation: 'spoilers!',
};

describe('sign-up rules', () => {
  it('accepts a good sign-up and normalizes the email', () => {
    assert.deepEqual(validateSignUp(good), { login: 'river_song', email: 'river@example.org', password: 'spoilers!' });
  });

  it('bounds usernames to 3–40 letters, digits and underscores', () => {
    assert.match(errorsOf(() => validateSignUp({ ...good, login: 'ab' })).login, /3 to 40/);
    assert.match(errorsOf(() => validateSignUp({ ...good, login: 'a'.repeat(41) })).login, /3 to 40/);
    assert.equal(errorsOf(() => validateSignUp({ ...good, login: 'a'.repeat(40) })).login, undefined);
    assert.match(
      errorsOf(() => validateSignUp({ ...good, login: 'river song' })).login,
      /letters, digits and underscores/,
    );
    assert.match(errorsOf(() => validateSignUp({ ...good, login: 'rivér' })).login, /letters, digits and underscores/);
    assert.match(errorsOf(() => validateSignUp({ ...good, login: '' })).login, /Choose a username/);
  });

  it('reserves the orphan account name', () => {
    assert.match(errorsOf(() => validateSignUp({ ...good, login: 'Orphan_Account' })).login, /reserved/);
  });

  it('bounds passwords to 8–72 characters and checks the confirmation', () => {
    assert.match(
      errorsOf(() => validateSignUp({ ...good, password: 'short', passwordConfirmation: 'short' })).password,
      /at least 8/,
    );
    const long = 'x'.repeat(73);
    assert.match(
      errorsOf(() => validateSignUp({ ...good, password: long, passwordConfirmation: long })).password,
      /at most 72/,
    );
    assert.deepEqual(
      errorsOf(() => validateSignUp({ ...good, password: 'x'.repeat(72), passwordConfirmation: 'x'.repeat(72) })),
      {},
    );
    assert.match(
      errorsOf(() => validateSignUp({ ...good, passwordConfirmation: 'different' })).passwordConfirmation,
      /do not match/,
    );
  });

  it('counts password length in characters, not bytes', () => {
    const emoji = '🔑'.repeat(8); // 8 characters, 32 bytes
    assert.deepEqual(
      errorsOf(() => validateNewPassword(emoji, emoji)),
      {},
    );
  });

  it('reports every bad field at once', () => {
    const errors = errorsOf(() =>
      validateSignUp({ login: 'x', email: 'nope', password: '1', passwordConfirmation: '' }),
    );
    assert.deepEqual(Object.keys(errors).sort(), ['email', 'login', 'password']);
  });

  it('rejects malformed email addresses', () => {
    for (const email of ['', 'plain', 'a@b', 'a b@c.org', '@c.org'])
      assert.ok(errorsOf(() => validateEmail(email)).email, email);
    assert.equal(validateEmail(' A@B.org '), 'a@b.org');
  });
});

describe('pseud rules', () => {
  it('keeps a friendly name and folds its spaces', () => {
    assert.deepEqual(
      validatePseud({ name: '  Sol   in Winter ', description: ' Sad ones. ', defaultDisclaimer: ' Not mine. \n' }),
      {
        name: 'Sol in Winter',
        description: 'Sad ones.',
        defaultDisclaimer: 'Not mine.',
      },
    );
    assert.deepEqual(validatePseud({ name: "P. L. Moth-O'Day", description: '' }).name, "P. L. Moth-O'Day");
    assert.equal(validatePseud({ name: 'Ветер', description: '' }).name, 'Ветер');
  });

  it('refuses empty, long, or URL-breaking names and long descriptions', () => {
    assert.match(errorsOf(() => validatePseud({ name: '  ', description: '' })).name, /Give the pen name a name/);
    assert.match(
      errorsOf(() => validatePseud({ name: 'n'.repeat(41), description: '' })).name,
      /Name is 41 characters; the limit is 40\. Shorten it by 1\./,
    );
    assert.match(errorsOf(() => validatePseud({ name: 'a/b', description: '' })).name, /may use/);
    assert.match(errorsOf(() => validatePseud({ name: '<script>', description: '' })).name, /may use/);
    assert.match(errorsOf(() => validatePseud({ name: '...', description: '' })).name, /at least one letter/);
    assert.match(
      errorsOf(() => validatePseud({ name: 'ok', description: 'd'.repeat(501) })).description,
      /Description is 501 characters; the limit is 500\./,
    );
    assert.match(
      errorsOf(() => validatePseud({ name: 'ok', description: '', defaultDisclaimer: 'd'.repeat(5_001) }))
        .defaultDisclaimer,
      /Default disclaimer is 5,001 characters; the limit is 5,000\./,
    );
  });
});

describe('return paths after log-in', () => {
  it('follows only paths on this site', () => {
    assert.equal(safeReturnPath('/account'), '/account');
    assert.equal(safeReturnPath('//evil.example/'), undefined);
    assert.equal(safeReturnPath('/\\evil.example'), undefined);
    assert.equal(safeReturnPath('https://evil.example/'), undefined);
    assert.equal(safeReturnPath(''), undefined);
  });

  it('refuses paths a browser would turn into another site', () => {
    for (const path of ['/\t/evil.example', '/\n/evil.example', '/\r//evil.example']) {
      assert.equal(new URL(path, 'https://quire.example/').host, 'evil.example');
      assert.equal(safeReturnPath(path), undefined, JSON.stringify(path));
    }
    assert.equal(safeReturnPath('/a/\\evil.example'), undefined);
    assert.equal(safeReturnPath('/works/1?view=full#chapter-2'), '/works/1?view=full#chapter-2');
  });
});
