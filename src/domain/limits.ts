/**
 * Length limits of what users type, counted and worded the same way everywhere. Text over a
 * limit is refused with this message, never cut: the form comes back with every character.
 * Pure: no I/O.
 */

/**
 * Characters as a writer counts them: code points, with a line break counted once (browsers
 * send a textarea's line breaks as CR LF, and src/web/static/char-count.js counts them as one).
 */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value.replace(/\r\n/g, '\n')) count++;
  return count;
}

/** "Title is 312 characters; the limit is 255. Shorten it by 57." — or undefined within the limit. */
export function overLimit(label: string, value: string, max: number): string | undefined {
  const length = characterCount(value);
  if (length <= max) return undefined;
  const n = (x: number) => x.toLocaleString('en');
  return `${label} is ${n(length)} characters; the limit is ${n(max)}. Shorten it by ${n(length - max)}.`;
}
