/**
 * Line endings and odd spaces: CRLF and CR become LF; no-break, thin and other typographic
 * spaces become plain spaces; zero-width characters, stray byte-order marks and control
 * characters go; trailing spaces are trimmed; a run of spaces longer than a line is cut to a
 * line's width. Words are never touched.
 */
const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F]/g;
const INVISIBLE = /[\u200B\u2060\uFEFF\u00AD\u0000-\u0008\u000B\u000E-\u001F\u007F]/g;

/**
 * The longest run of spaces and tabs kept (its first characters). A writer's spacing inside a line
 * (a centred heading, Org mode's tags aligned at column 77, a tab-aligned table) fits in a line of
 * text; a longer run shows nothing more and only makes the patterns that read lines slow: a line
 * holding 100,000 spaces took over a minute to import.
 */
export const LONGEST_SPACE_RUN = 120;
const LONG_SPACE_RUN = new RegExp(`[ \\t\\u3000]{${LONGEST_SPACE_RUN + 1},}`, 'g');

/** Runs of spaces longer than LONGEST_SPACE_RUN cut to it; all else as it was (Markdown's trailing spaces too). */
export function shortenSpaceRuns(text: string): string {
  return text.replace(LONG_SPACE_RUN, (run) => run.slice(0, LONGEST_SPACE_RUN));
}

export function normalizeSpacing(text: string): string {
  return shortenSpaceRuns(
    text
      .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
      .replace(/\f/g, '\n\n')
      .replace(ODD_SPACES, ' ')
      .replace(INVISIBLE, ''),
  ).replace(/(?<![ \t])[ \t]+(?=\n|$)/g, ''); // from a run's first space only: from each later one it read the run again
}
