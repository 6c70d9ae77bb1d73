/**
 * Keeps user text (titles, names, tags) from reordering the text around it in plain-text
 * outputs: Atom titles, authors and categories, the TXT download, page titles. Pages and
 * rich downloads use <bdi> (or unicode-bidi: isolate) instead.
 */

const FSI = '\u2068';
const PDI = '\u2069';

/**
 * Characters that can change the order of text next to them: right-to-left letters (Hebrew,
 * Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, their presentation forms and the historic
 * RTL scripts) and the explicit directional marks, embeddings, overrides and isolates.
 */
const DIRECTIONAL =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u{10800}-\u{10fff}\u{1e800}-\u{1efff}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/**
 * The text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, which closes every
 * override, embedding or isolate left open inside it, so it takes its own direction and leaves
 * the text after it alone. Text with nothing directional in it (plain Latin, CJK …) cannot
 * disturb its neighbours and is returned as it is, so ordinary titles stay byte for byte.
 */
export function isolateBidi(text: string): string {
  return DIRECTIONAL.test(text) ? `${FSI}${balanced(text)}${PDI}` : text;
}

/**
 * Drops a PDI that closes nothing inside the text (it would close our FSI early) and closes
 * isolates the text leaves open (our PDI would close them instead of our FSI).
 */
function balanced(text: string): string {
  let open = 0;
  const kept = text.replace(/[\u2066-\u2069]/g, (c) => {
    if (c !== PDI) {
      open += 1;
      return c;
    }
    if (open === 0) return '';
    open -= 1;
    return c;
  });
  return kept + PDI.repeat(open);
}
