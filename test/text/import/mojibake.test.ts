import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { repairMojibake } from '../../../src/text/import/mojibake.ts';
import { normalizeSpacing } from '../../../src/text/import/spacing.ts';

/** What a program does when it reads UTF-8 bytes as Windows-1252 (or Latin-1). */
function misread(text: string, as = 'windows-1252'): string {
  return iconv.decode(Buffer.from(text, 'utf8'), as);
}

const STORY = '“It’s over,” Zoë said… The café’s crème brûlée — naïve, but ¡qué rico! 😊';

describe('repairMojibake', () => {
  it('undoes UTF-8 read as Windows-1252 once', () => {
    const damaged = misread(STORY);
    assert.match(damaged, /â€œ/);
    const repair = repairMojibake(damaged);
    assert.equal(repair.text, STORY);
    assert.equal(repair.layers, 1);
    assert.ok(repair.examples.length > 0);
  });

  it('undoes it when it happened twice', () => {
    const twice = misread(misread(STORY));
    const repair = repairMojibake(twice);
    assert.equal(repair.text, STORY);
    assert.equal(repair.layers, 2);
  });

  it('undoes UTF-8 read as Latin-1 (control characters for quotes)', () => {
    const repair = repairMojibake(misread('Ginny’s café', 'latin1'));
    assert.equal(repair.text, 'Ginny’s café');
  });

  it('repairs only the damaged part of a text that is partly right', () => {
    const mixed = `Zoë smiled. ${misread('Then Zoë laughed — again.')}`;
    assert.equal(repairMojibake(mixed).text, 'Zoë smiled. Then Zoë laughed — again.');
  });

  it('leaves correct text alone, including letter pairs that look like damage', () => {
    for (const text of ['Straß…', 'ÉCOLE «Ô»', 'Ça va? À bientôt!', 'Dvořák and Łódź', STORY]) {
      const repair = repairMojibake(text);
      assert.equal(repair.text, text);
      assert.equal(repair.layers, 0);
    }
  });
});

describe('normalizeSpacing', () => {
  it('turns CRLF and CR into LF, odd spaces into spaces, and drops invisible characters', () => {
    assert.equal(normalizeSpacing('One\r\nTwo\rThree'), 'One\nTwo\nThree');
    assert.equal(normalizeSpacing('Mr.\u00A0Darcy\u2009and\u200B Lizzy  \nnext'), 'Mr. Darcy and Lizzy\nnext');
    assert.equal(normalizeSpacing('\uFEFFStart'), 'Start');
  });
});
