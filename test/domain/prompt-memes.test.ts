import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkPromptForm,
  checkPromptMemeForm,
  DEFAULT_PROMPT_MEME_FORM,
  EMPTY_PROMPT_FORM,
  parsePromptFilters,
  promptingClosedReason,
  type PromptMemeSettings,
} from '../../src/domain/prompt-memes.ts';
import { withCollectionName } from '../../src/app/prompt-memes.ts';

const SETTINGS: PromptMemeSettings = {
  anonymousAllowed: true,
  maxPrompts: 0,
  open: true,
  opensAt: null,
  closesAt: null,
  tagKinds: ['fandom', 'freeform'],
  fandomRequired: false,
};

describe('prompt meme rules', () => {
  it('checks the settings form', () => {
    const errors: Record<string, string> = {};
    const settings = checkPromptMemeForm(
      { ...DEFAULT_PROMPT_MEME_FORM, maxPrompts: '3', opensAt: '2027-01-01', closesAt: '2027-02-01T18:00' },
      errors,
    );
    assert.deepEqual(errors, {});
    assert.equal(settings.maxPrompts, 3);
    assert.equal(settings.closesAt, '2027-02-01T18:00:00.000Z');

    const bad: Record<string, string> = {};
    checkPromptMemeForm(
      { ...DEFAULT_PROMPT_MEME_FORM, maxPrompts: '-1', opensAt: '2027-02-01', closesAt: '2027-01-01' },
      bad,
    );
    assert.deepEqual(Object.keys(bad).sort(), ['closesAt', 'maxPrompts']);
  });

  it('says when prompting is closed', () => {
    const at = '2027-01-15T00:00:00.000Z';
    assert.equal(promptingClosedReason(SETTINGS, at), undefined);
    assert.equal(promptingClosedReason({ ...SETTINGS, open: false }, at), 'Prompting is closed.');
    assert.match(promptingClosedReason({ ...SETTINGS, opensAt: '2027-02-01T00:00:00.000Z' }, at)!, /not opened/);
    assert.match(promptingClosedReason({ ...SETTINGS, closesAt: '2027-01-01T00:00:00.000Z' }, at)!, /has closed/);
  });

  it('checks a prompt against the settings', () => {
    const errors: Record<string, string> = {};
    const prompt = checkPromptForm(
      { ...EMPTY_PROMPT_FORM, title: '  Two   keepers ', fandoms: 'Original Work, original work', freeforms: 'Fluff' },
      SETTINGS,
      errors,
    );
    assert.deepEqual(errors, {});
    assert.equal(prompt.title, 'Two keepers');
    assert.deepEqual(prompt.tags, [
      { kind: 'fandom', name: 'Original Work' },
      { kind: 'freeform', name: 'Fluff' },
    ]);

    const refused: Record<string, string> = {};
    checkPromptForm(
      { ...EMPTY_PROMPT_FORM, title: '', characters: 'Someone', anonymous: true },
      { ...SETTINGS, fandomRequired: true, anonymousAllowed: false },
      refused,
    );
    assert.deepEqual(Object.keys(refused).sort(), ['anonymous', 'characters', 'fandoms', 'title']);
  });

  it('reads the list filters, ignoring nonsense', () => {
    assert.deepEqual(parsePromptFilters({ tag: ' Fluff ', claimed: 'yes', filled: 'no', sort: 'claims', page: '' }), {
      tag: 'Fluff',
      claimed: true,
      filled: false,
      sort: 'claims',
    });
    assert.deepEqual(parsePromptFilters({ tag: '', claimed: 'maybe', filled: '', sort: 'x', page: '' }), {
      tag: '',
      claimed: undefined,
      filled: undefined,
      sort: 'newest',
    });
  });

  it('adds the prompt’s collection to the typed collections once', () => {
    assert.equal(withCollectionName(undefined, 'meme'), 'meme');
    assert.equal(withCollectionName('fest, MEME', 'meme'), 'fest, MEME');
    assert.equal(withCollectionName('fest', 'meme'), 'fest, meme');
  });
});
