import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkExchangeForm,
  checkPrompts,
  DEFAULT_SIGN_UP_RULES,
  exchangeFormValues,
  parseSignUpRules,
  readTypedPrompts,
  signUpsOpen,
  type SideRules,
} from '../../src/domain/gift-exchange/sign-up-rules.ts';

const rules: SideRules = {
  required: 1,
  allowed: 2,
  tags: {
    fandom: { required: 1, allowed: 1, any: false },
    relationship: { required: 0, allowed: 0, any: false },
    character: { required: 2, allowed: 3, any: true },
    freeform: { required: 0, allowed: 2, any: false },
  },
  fields: { title: 'required', description: 'optional', url: 'optional' },
};

function check(form: Record<string, string>, pinchHitter = false): Record<string, string> {
  const errors: Record<string, string> = {};
  checkPrompts('request', readTypedPrompts(form, 'request', rules.allowed), rules, errors, { pinchHitter });
  return errors;
}

describe('gift exchange sign-ups', () => {
  it('accepts a sign-up that meets every rule', () => {
    assert.deepEqual(
      check({
        'request-0-fandom': 'Harbour Lights',
        'request-0-character': 'Mara, Ines',
        'request-0-title': 'Lantern season',
        'request-0-url': 'https://example.org/moodboard',
      }),
      {},
    );
    assert.deepEqual(
      check({ 'request-0-fandom': 'Harbour Lights', 'request-0-any-character': '1', 'request-0-title': 'x' }),
      {},
    );
  });

  it('counts only the prompts filled in, and says how many are needed', () => {
    assert.match(check({}).request, /Fill in at least 1 request \(you filled in 0\)/);
    assert.deepEqual(check({}, true), {}, 'pinch hitters make no requests');
  });

  it('names each broken rule by prompt and field', () => {
    const errors = check({
      'request-0-fandom': 'Harbour Lights, Deep Orbit',
      'request-0-relationship': 'Mara/Ines',
      'request-0-character': 'Mara',
      'request-1-fandom': 'Deep Orbit',
      'request-1-any-character': '1',
      'request-1-character': 'Ines',
      'request-1-title': 'Orbit',
      'request-1-url': 'javascript:alert(1)',
    });
    assert.match(errors['request-0-fandom'], /Request 1: at most 1 fandom tag\./);
    assert.match(errors['request-0-relationship'], /relationship tags are not asked for/);
    assert.match(errors['request-0-character'], /name at least 2 character tags \(or tick “Any”\)/);
    assert.match(errors['request-0-title'], /Request 1: fill in the title/);
    assert.match(errors['request-1-character'], /either name character tags or tick “Any”, not both/);
    assert.match(errors['request-1-url'], /must start with http/);
  });

  it('keeps tag lists free of blanks and repeats', () => {
    const [prompt] = readTypedPrompts({ 'offer-0-freeform': ' Fluff, , fluff,Angst ,' }, 'offer', 1);
    assert.deepEqual(prompt.tags.freeform, ['Fluff', 'Angst']);
  });
});

describe('gift exchange settings', () => {
  const at = '2027-01-10T00:00:00.000Z';
  it('round-trips the saved settings through the form', () => {
    const settings = {
      rules: DEFAULT_SIGN_UP_RULES,
      match: { fandom: 1, character: 1 },
      signupsOpenAt: '2027-01-01T00:00:00.000Z',
      signupsCloseAt: '2027-01-15T12:00:00.000Z',
      assignmentsDueAt: null,
    };
    const errors: Record<string, string> = {};
    const back = checkExchangeForm(exchangeFormValues(settings, ''), errors);
    assert.deepEqual(errors, {});
    assert.deepEqual(back, settings);
    assert.deepEqual(parseSignUpRules(JSON.stringify(back.rules)), DEFAULT_SIGN_UP_RULES);
  });

  it('refuses counts that cannot be met and dates in the wrong order', () => {
    const form = exchangeFormValues(
      {
        rules: DEFAULT_SIGN_UP_RULES,
        match: {},
        signupsOpenAt: '2027-01-05T00:00:00.000Z',
        signupsCloseAt: '2027-01-01T00:00:00.000Z',
        assignmentsDueAt: null,
      },
      '',
    );
    const errors: Record<string, string> = {};
    checkExchangeForm(
      { ...form, 'offer-allowed': '0', 'offer-required': '0', 'request-fandom-required': 'two' },
      errors,
    );
    assert.match(errors['offer-allowed'], /Allow at least one offer/);
    assert.match(errors['request-fandom-required'], /whole number from 0 to 20/);
    assert.match(errors['signups-close-at'], /must close after they open/);
  });

  it('is open from the opening moment until the closing one', () => {
    const dates = { signupsOpenAt: '2027-01-01T00:00:00.000Z', signupsCloseAt: '2027-01-15T00:00:00.000Z' };
    assert.equal(signUpsOpen(dates, at), true);
    assert.equal(signUpsOpen(dates, dates.signupsOpenAt), true);
    assert.equal(signUpsOpen(dates, dates.signupsCloseAt), false);
    assert.equal(signUpsOpen(dates, '2026-12-31T23:59:59.000Z'), false);
  });
});
