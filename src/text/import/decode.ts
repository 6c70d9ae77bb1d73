/**
 * Bytes to text. A byte-order mark decides first; then valid UTF-8 is taken as UTF-8; then
 * UTF-16 without a mark is recognised by its zero bytes; Western text in Windows-1252 by its lone
 * high bytes; anything else is detected with chardet and decoded with iconv-lite. Every guess is
 * recorded so the writer can check it.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { ImportError } from './errors.ts';

export interface DecodedText {
  text: string;
  /** The encoding used, as iconv-lite names it (utf-8, utf-16le, windows-1252 …). */
  encoding: string;
  /** True when neither a byte-order mark nor valid UTF-8 said what the encoding is. */
  guessed: boolean;
  /** The file ended inside a UTF-8 character: it was cut off. */
  cutMidCharacter: boolean;
}

const BOMS: [number[], string][] = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function tryUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Length of an incomplete UTF-8 sequence at the very end (a file cut off mid-character), or 0. */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const byte = bytes[bytes.length - back];
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/** UTF-16 text without a mark: Latin-script text has a zero in nearly every other byte. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096) & ~1);
  if (sample.length < 4) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) zeroEven++;
    if (sample[i + 1] === 0) zeroOdd++;
  }
  const pairs = sample.length / 2;
  if (zeroOdd > pairs * 0.3 && zeroEven < pairs * 0.05) return 'utf-16le';
  if (zeroEven > pairs * 0.3 && zeroOdd < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Text has few control characters; a picture, an archive or a program has many. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    // U+FFFD is not counted: text garbled by a wrong code page is full of it, and is still text.
    if (code < 32 && code !== 9 && code !== 10 && code !== 13 && code !== 12) control++;
  }
  return control > Math.max(2, sample.length * 0.01);
}

/** chardet's names to iconv-lite's; ISO-8859-1 files are nearly always Windows-1252 in practice (curly quotes, dashes). */
function normalizeEncodingName(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'iso-8859-1' || lower === 'ascii') return 'windows-1252';
  return lower;
}

/**
 * Only bytes above ASCII tell single-byte code pages apart: the lines that have them, up to
 * 8 KB, are as telling as the whole file and keep detection fast on a long story.
 */
function detectionSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= 8192) return bytes;
  const lines: Uint8Array[] = [];
  let size = 0;
  let start = 0;
  let high = false;
  for (let i = 0; i < bytes.length && size < 8192; i++) {
    if (bytes[i] >= 0x80) high = true;
    if (bytes[i] === 0x0a || i === bytes.length - 1) {
      if (high) {
        const line = bytes.subarray(start, Math.min(i + 1, start + 2048));
        lines.push(line);
        size += line.length;
      }
      start = i + 1;
      high = false;
    }
  }
  const sample = new Uint8Array(size);
  let offset = 0;
  for (const line of lines) {
    sample.set(line, offset);
    offset += line.length;
  }
  return sample;
}

/** Bytes Windows-1252 leaves undefined; a file using them is in some other code page. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Western European text in Windows-1252 or Latin-1, the commonest case by far: high bytes sit
 * alone between ASCII letters (é in "café", ’ in "don’t"). Cyrillic, Greek or Central European
 * code pages write whole words of high bytes; those go to chardet, which is slower but knows them.
 */
function looksWestern(bytes: Uint8Array): boolean {
  let high = 0;
  let paired = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte < 0x80) continue;
    if (UNDEFINED_IN_1252.has(byte)) return false;
    high++;
    if (byte >= 0xc0 && i + 1 < bytes.length && bytes[i + 1] >= 0xc0) paired++;
  }
  return high > 0 && paired <= high * 0.05;
}

export function decodeBytes(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportError('the file is empty.');
  for (const [bom, encoding] of BOMS) {
    if (startsWith(bytes, bom)) {
      const text = iconv.decode(
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(bom.length),
        encoding,
      );
      if (looksBinary(text)) throw new ImportError('this looks like a binary file, not text.');
      return { text, encoding, guessed: false, cutMidCharacter: false };
    }
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), utf16);
    if (!looksBinary(text)) return { text, encoding: utf16, guessed: true, cutMidCharacter: false };
  }
  const utf8 = tryUtf8(bytes);
  if (utf8 !== undefined) {
    if (looksBinary(utf8)) throw new ImportError('this looks like a binary file, not text.');
    return { text: utf8, encoding: 'utf-8', guessed: false, cutMidCharacter: false };
  }
  const tail = incompleteUtf8Tail(bytes);
  if (tail > 0) {
    const cut = tryUtf8(bytes.subarray(0, bytes.length - tail));
    if (cut !== undefined && !looksBinary(cut))
      return { text: cut, encoding: 'utf-8', guessed: false, cutMidCharacter: true };
  }
  if (bytes.includes(0)) throw new ImportError('this looks like a binary file, not text.');
  if (looksWestern(bytes)) {
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
    if (!looksBinary(text)) return { text, encoding: 'windows-1252', guessed: true, cutMidCharacter: false };
  }
  const candidates = chardet
    .analyse(detectionSample(bytes))
    .filter((match) => iconv.encodingExists(normalizeEncodingName(match.name)) && !/^utf-(16|32)/i.test(match.name));
  // Single-byte detection is unsure between close code pages; Western text is by far the most common.
  const top = candidates[0]?.confidence ?? 0;
  const western = candidates.find(
    (match) => /^(iso-8859-1|windows-1252)$/i.test(match.name) && match.confidence >= top - 15,
  );
  const encoding = normalizeEncodingName((western ?? candidates[0])?.name ?? 'windows-1252');
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  if (looksBinary(text)) throw new ImportError('this looks like a binary file, not text.');
  return { text, encoding, guessed: true, cutMidCharacter: false };
}
