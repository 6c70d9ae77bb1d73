import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationError } from '../../src/domain/errors.ts';
import {
  checkNotCanonical,
  checkParent,
  checkSynonym,
  aKindTag,
  effectiveTagIds,
  kindTag,
  relationshipKey,
  relationshipParts,
  type WrangledTag,
} from '../../src/domain/tags.ts';
import type { TagKind } from '../../src/domain/works.ts';

function tag(id: number, kind: TagKind, name: string, canonical = true, mergerId: number | null = null): WrangledTag {
  return { id, kind, name, canonical, mergerId };
}

describe('effective tags of a work', () => {
  const draco = tag(1, 'character', 'Draco Malfoy');
  const dracoSyn = tag(2, 'character', 'Draco', false, 1);
  const slytherins = tag(3, 'character', 'Slytherins');
  const students = tag(4, 'character', 'Hogwarts Students');
  const hp = tag(5, 'fandom', 'Harry Potter - J. K. Rowling');
  const loose = tag(6, 'freeform', 'Angst', false);
  const tagsById = new Map([draco, dracoSyn, slytherins, students, hp, loose].map((t) => [t.id, t]));
  const parentsByChild = new Map<number, number[]>([
    [1, [3, 5]],
    [3, [4]],
  ]);

  it('files a synonym under its canonical tag and climbs meta tags of the same kind, not fandoms', () => {
    assert.deepEqual([...effectiveTagIds([2], tagsById, parentsByChild)].sort(), [1, 3, 4]);
  });

  it('keeps an unwrangled tag as itself and ignores unknown ids', () => {
    assert.deepEqual([...effectiveTagIds([6, 99], tagsById, parentsByChild)], [6]);
  });

  it('stops on a loop instead of running forever', () => {
    const looped = new Map<number, number[]>([
      [3, [4]],
      [4, [3]],
    ]);
    assert.deepEqual([...effectiveTagIds([3], tagsById, looped)].sort(), [3, 4]);
  });
});

describe('synonym rules', () => {
  const canonical = tag(1, 'character', 'Draco Malfoy');
  it('accepts a canonical tag of the same kind', () => {
    checkSynonym(tag(2, 'character', 'Draco', false), canonical);
    checkSynonym(tag(3, 'character', 'Draco M.', true), canonical);
  });
  it('refuses itself, another kind, a tag that is not canonical and a synonym (no chains)', () => {
    assert.throws(() => checkSynonym(canonical, canonical), /itself/);
    assert.throws(
      () => checkSynonym(tag(2, 'character', 'Draco', false), tag(7, 'relationship', 'Draco/Harry')),
      /same kind/,
    );
    assert.throws(
      () => checkSynonym(tag(2, 'character', 'Draco', false), tag(8, 'character', 'Malfoy', false)),
      /not canonical/,
    );
    assert.throws(
      () => checkSynonym(tag(2, 'character', 'Dray', false), tag(9, 'character', 'Draco', false, 1), canonical),
      (error: unknown) =>
        error instanceof ValidationError && /itself a synonym.*“Draco Malfoy”/.test(error.fieldErrors.synonym),
    );
  });
});

describe('naming tag kinds in messages', () => {
  it('says "an additional tag", never "Additional Tag tag", with the right article', () => {
    assert.equal(kindTag('freeform'), 'additional tag');
    assert.equal(aKindTag('freeform'), 'an additional tag');
    assert.equal(aKindTag('warning'), 'an archive warning tag');
    assert.equal(aKindTag('fandom'), 'a fandom tag');
    assert.throws(
      () => checkSynonym(tag(2, 'character', 'Angst', false), tag(7, 'freeform', 'Angst')),
      (error: unknown) =>
        error instanceof ValidationError &&
        error.fieldErrors.synonym ===
          '“Angst” is an additional tag; a synonym must be of the same kind (character tag).',
    );
    assert.throws(
      () => checkParent(tag(7, 'freeform', 'Angst'), tag(1, 'character', 'Draco Malfoy'), new Set()),
      (error: unknown) =>
        error instanceof ValidationError &&
        /^An additional tag can have meta tags of its own kind and fandoms as parents, not a character tag like “Draco Malfoy”\.$/.test(
          error.fieldErrors.parent,
        ),
    );
  });
});

describe('parent rules', () => {
  const slytherins = tag(3, 'character', 'Slytherins');
  const draco = tag(1, 'character', 'Draco Malfoy');
  it('lets canonical tags of one kind be meta and subtags', () => {
    checkParent(draco, slytherins, new Set());
  });
  it('refuses a loop, itself, and tags that are not canonical as meta or subtags', () => {
    assert.throws(() => checkParent(draco, slytherins, new Set([1])), /loop/);
    assert.throws(() => checkParent(draco, draco, new Set()), /own parent/);
    assert.throws(() => checkParent(tag(2, 'character', 'Draco', false, 1), slytherins, new Set()), /not canonical/);
    assert.throws(() => checkParent(draco, tag(4, 'character', 'Snakes', false), new Set()), /not canonical/);
  });
  it('lets fandoms be parents of characters, relationships and additional tags only', () => {
    const hp = tag(5, 'fandom', 'Harry Potter');
    checkParent(tag(6, 'character', 'Draco', false), hp, new Set());
    checkParent(tag(7, 'relationship', 'Draco/Harry', false), hp, new Set());
    checkParent(tag(8, 'freeform', 'Angst', false), hp, new Set());
    assert.throws(() => checkParent(hp, draco, new Set()), /not a character tag/);
    assert.throws(
      () => checkParent(tag(9, 'character', 'X'), tag(10, 'relationship', 'X/Y'), new Set()),
      /relationship tag/,
    );
  });
  it('keeps a tag canonical while things hang on it', () => {
    checkNotCanonical(draco, { synonyms: 0, children: 0, metaTags: 0 });
    assert.throws(
      () => checkNotCanonical(draco, { synonyms: 2, children: 1, metaTags: 0 }),
      /2 synonyms and 1 child tag/,
    );
  });
});

describe('relationship keys', () => {
  const wrangled = new Map([
    ['hermione', 'hermione granger'],
    ['hermione granger', 'hermione granger'],
    ['draco', 'draco malfoy'],
    ['draco malfoy', 'draco malfoy'],
  ]);
  const resolve = (key: string) => wrangled.get(key);

  it('matches names once characters are wrangled, in any order and case', () => {
    const key = relationshipKey('Draco Malfoy/Hermione Granger', resolve);
    assert.equal(relationshipKey('Hermione/Draco', resolve), key);
    assert.equal(relationshipKey('hermione granger / DRACO', resolve), key);
  });

  it('keeps platonic (&) apart from romantic (/)', () => {
    assert.notEqual(relationshipKey('Draco & Hermione', resolve), relationshipKey('Draco/Hermione', resolve));
    assert.equal(
      relationshipKey('Draco & Hermione', resolve),
      relationshipKey('Hermione Granger & Draco Malfoy', resolve),
    );
  });

  it('matches nothing more before the characters are wrangled', () => {
    assert.notEqual(
      relationshipKey('Hermione/Draco', () => undefined),
      relationshipKey('Draco Malfoy/Hermione Granger', () => undefined),
    );
  });

  it('keys a name that is no relationship as itself', () => {
    assert.equal(relationshipKey('Slow  Burn', resolve), 'slow burn');
    assert.equal(relationshipParts('A/B & C'), undefined);
    assert.equal(relationshipParts('A/'), undefined);
    assert.deepEqual(relationshipParts('Harry/Draco/Hermione'), { sort: '/', names: ['Harry', 'Draco', 'Hermione'] });
  });
});
