import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatRecoveryCode,
  groupSecret,
  otpauthUri,
  readTypedCode,
  recoveryCodesText,
  totpStep,
} from '../../src/domain/two-factor.ts';

describe('two-factor rules', () => {
  it('reads a typed code generously: spaces and dashes dropped, six digits are an app code', () => {
    assert.deepEqual(readTypedCode(' 123 456 '), { kind: 'totp', code: '123456' });
    assert.deepEqual(readTypedCode('ABCD-efgh-JKMN'), { kind: 'recovery', code: 'abcdefghjkmn' });
    assert.deepEqual(readTypedCode('12345'), { kind: 'recovery', code: '12345' });
    assert.deepEqual(readTypedCode(' - '), { kind: 'none' });
  });

  it('groups secrets and recovery codes by four for reading and typing', () => {
    assert.equal(groupSecret('ABCDEFGHIJ'), 'ABCD EFGH IJ');
    assert.equal(formatRecoveryCode('abcdefghjkmn'), 'abcd-efgh-jkmn');
  });

  it('names the archive and the member in the authenticator address, escaped', () => {
    const uri = otpauthUri('Quire & Co', 'moon_lit', 'JBSWY3DPEHPK3PXP');
    assert.ok(uri.startsWith('otpauth://totp/Quire%20%26%20Co:moon_lit?'));
    const params = new URL(uri).searchParams;
    assert.equal(params.get('secret'), 'JBSWY3DPEHPK3PXP');
    assert.equal(params.get('issuer'), 'Quire & Co');
    assert.equal(params.get('digits'), '6');
    assert.equal(params.get('period'), '30');
  });

  it('counts 30-second steps and writes the codes file', () => {
    assert.equal(totpStep(59_999), 1);
    assert.equal(totpStep(60_000), 2);
    const text = recoveryCodesText('Quire', 'moon_lit', ['abcd-efgh-jkmn', 'pqrs-tuvw-xyz2']);
    assert.match(text, /^Quire recovery codes for moon_lit\n/);
    assert.match(text, /\nabcd-efgh-jkmn\npqrs-tuvw-xyz2\n$/);
  });
});
