import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { checkPassword, hashPassword } from '../../src/domain/passwords.ts';

describe('passwords', () => {
  it('are stored as argon2id hashes that only the right password opens', async () => {
    const stored = await hashPassword('correct horse battery');
    assert.match(stored, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(stored.includes('correct horse'), false);
    assert.equal(await checkPassword(stored, 'correct horse battery'), true);
    assert.equal(await checkPassword(stored, 'correct horse batterY'), false);
  });

  it('salt every hash, so equal passwords do not look equal', async () => {
    assert.notEqual(await hashPassword('same password'), await hashPassword('same password'));
  });

  it('never open an account without a hash, or with a damaged one', async () => {
    assert.equal(await checkPassword(null, 'anything at all'), false);
    assert.equal(await checkPassword('not-a-hash', 'anything at all'), false);
  });
});
