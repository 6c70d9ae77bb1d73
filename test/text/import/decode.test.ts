import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { decodeBytes } from '../../../src/text/import/decode.ts';
import { ImportError } from '../../../src/text/import/errors.ts';

const STORY = '“Don’t,” Hermione said. The café was closed — again… Ginny’s crème brûlée would have to wait.\n';

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a byte-order mark, and says nothing was guessed', () => {
    const plain = decodeBytes(new TextEncoder().encode(STORY));
    assert.equal(plain.text, STORY);
    assert.equal(plain.guessed, false);
    const withBom = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(STORY)]));
    assert.equal(withBom.text, STORY);
  });

  it('reads UTF-16 with a byte-order mark (both byte orders)', () => {
    const le = decodeBytes(new Uint8Array([0xff, 0xfe, ...iconv.encode(STORY, 'utf-16le')]));
    assert.deepEqual([le.text, le.encoding, le.guessed], [STORY, 'utf-16le', false]);
    const be = decodeBytes(new Uint8Array([0xfe, 0xff, ...iconv.encode(STORY, 'utf-16be')]));
    assert.deepEqual([be.text, be.encoding], [STORY, 'utf-16be']);
  });

  it('recognises UTF-16 without a byte-order mark and says it guessed', () => {
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const decoded = decodeBytes(iconv.encode(STORY.repeat(3), encoding));
      assert.equal(decoded.text, STORY.repeat(3));
      assert.equal(decoded.encoding, encoding);
      assert.equal(decoded.guessed, true);
    }
  });

  it('reads a Windows-1252 file (curly quotes, dashes, accents) and records the guess', () => {
    const decoded = decodeBytes(iconv.encode(STORY.repeat(4), 'windows-1252'));
    assert.equal(decoded.text, STORY.repeat(4));
    assert.equal(decoded.encoding, 'windows-1252');
    assert.equal(decoded.guessed, true);
  });

  it('reads a file cut off in the middle of a UTF-8 character, and says so', () => {
    const bytes = new TextEncoder().encode('She whispered “goodbye');
    const cut = bytes.subarray(0, bytes.length - 9); // inside the three bytes of “
    const decoded = decodeBytes(cut);
    assert.equal(decoded.text, 'She whispered ');
    assert.equal(decoded.cutMidCharacter, true);
  });

  it('reads text garbled by a decoder that wrote U+FFFD for bytes it did not know as text, not as binary', () => {
    const garbled = 'â€œYes,â€\uFFFD she said. '.repeat(400);
    assert.equal(decodeBytes(new TextEncoder().encode(garbled)).text, garbled);
  });

  it('refuses empty and binary files with one clear message', () => {
    assert.throws(
      () => decodeBytes(new Uint8Array()),
      (e: unknown) => e instanceof ImportError && /empty/.test(e.message),
    );
    const binary = new Uint8Array(4000).map((_, i) => (i * 7919) % 256);
    assert.throws(
      () => decodeBytes(binary),
      (e: unknown) => e instanceof ImportError && /binary/.test(e.message),
    );
  });
});
