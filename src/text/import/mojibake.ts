/**
 * Undoes UTF-8 that was read as Windows-1252 or Latin-1 ("â€¦" for "…", "Ã©" for "é"), once or
 * several times over. Only runs of characters that spell a UTF-8 byte sequence are touched, and
 * only when the character they stand for is one that real text uses, so "Straß…" stays as it is.
 */

/** The Windows-1252 characters for bytes 0x80–0x9F; the other bytes map to the same code point. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const BYTE_OF = new Map<string, number>();
for (let byte = 0x80; byte <= 0xff; byte++) BYTE_OF.set(String.fromCharCode(byte), byte);
for (let i = 0; i < CP1252_HIGH.length; i++) BYTE_OF.set(CP1252_HIGH[i], 0x80 + i);
// Decoders that know no character for 0x81, 0x8D, 0x8F, 0x90 and 0x9D write U+FFFD and lose the
// byte; after "â€" (E2 80) the lost byte was 0x9D nearly always: the closing quote ” is E2 80 9D.
BYTE_OF.set('\uFFFD', 0x9d);

const escapeClass = (chars: string) => chars.replace(/[\\\]^-]/g, '\\$&');
/** A character standing for a UTF-8 continuation byte (0x80–0xBF), as either code page shows it. */
const CONTINUATION = `[\\u0080-\\u00BF\\uFFFD${escapeClass(CP1252_HIGH.slice(0, 0x40))}]`;
const SEQUENCE = new RegExp(
  `[\\u00C2-\\u00DF]${CONTINUATION}|[\\u00E0-\\u00EF]${CONTINUATION}{2}|[\\u00F0-\\u00F4]${CONTINUATION}{3}`,
  'g',
);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Characters a story plausibly contains: Latin, Greek, Cyrillic, Hebrew, Arabic, punctuation, symbols, CJK, emoji. */
function plausible(codePoint: number): boolean {
  return (
    (codePoint >= 0xa0 && codePoint <= 0x24f) ||
    (codePoint >= 0x2b0 && codePoint <= 0x2ff) ||
    (codePoint >= 0x370 && codePoint <= 0x52f) ||
    (codePoint >= 0x590 && codePoint <= 0x6ff) ||
    (codePoint >= 0x900 && codePoint <= 0x97f) ||
    (codePoint >= 0xe00 && codePoint <= 0xe7f) ||
    (codePoint >= 0x1e00 && codePoint <= 0x1eff) ||
    (codePoint >= 0x2000 && codePoint <= 0x2bff) ||
    (codePoint >= 0x3000 && codePoint <= 0x9fff) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7af) ||
    (codePoint >= 0xff00 && codePoint <= 0xffef) ||
    codePoint === 0xfffd ||
    (codePoint >= 0x1f300 && codePoint <= 0x1faff)
  );
}

function repairSequence(run: string): string {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i++) bytes[i] = BYTE_OF.get(run[i])!;
  let decoded: string;
  try {
    decoded = strictUtf8.decode(bytes);
  } catch {
    return run;
  }
  return plausible(decoded.codePointAt(0)!) ? decoded : run;
}

export interface MojibakeRepair {
  text: string;
  /** How many layers of mis-decoding were undone (0 when the text was fine). */
  layers: number;
  /** Sequences repaired in the last layer undone, e.g. ["â€™ → ’", "Ã© → é"], for the writer's warning. */
  examples: string[];
}

export function repairMojibake(text: string): MojibakeRepair {
  let current = text;
  let layers = 0;
  const examples: string[] = [];
  // Each layer of damage roughly doubles the bytes; four is more than any real file has seen.
  while (layers < 4) {
    let changed = false;
    const found: string[] = [];
    const next = current.replace(SEQUENCE, (run) => {
      const fixed = repairSequence(run);
      if (fixed !== run) {
        changed = true;
        if (found.length < 3 && !found.some((e) => e.startsWith(`${run} `))) found.push(`${run} → ${fixed}`);
      }
      return fixed;
    });
    if (!changed) break;
    // The last layer undone is the one a writer recognises ("â€™ → ’").
    examples.splice(0, examples.length, ...found);
    current = next;
    layers++;
  }
  return { text: current, layers, examples };
}
