/** How far a member read a work, as its blurb tells them (for members who keep a history). */
export type ReadingState = { state: 'read' } | { state: 'partway'; chapter: number; of: number } | { state: 'updated' };

/** What the rule needs of the member's reading of a work. */
export interface ReadProgress {
  lastReadAt: string;
  /**
   * Posted chapters up to and including the one last opened; 0 when the member has read none of
   * the chapters shown now (deleted or hidden); null when no chapter is known (marked as read, or
   * read as one page).
   */
  readTo: number | null;
  lastPostedAt: string | null;
}

/** What the rule needs of the work. */
export interface ReadWork {
  revisedAt: string | null;
  chapterCount: number;
}

/**
 * "Updated since you read it" when a chapter was posted (or the work revised) after the member
 * last read it, or when none of the chapters shown now is one they read (what they read was
 * deleted or hidden); otherwise "Read to chapter 3 of 7" while chapters are left, else "Read".
 */
export function readingState(progress: ReadProgress, work: ReadWork): ReadingState {
  const changed = [work.revisedAt, progress.lastPostedAt].some((at) => at !== null && at > progress.lastReadAt);
  if (changed || progress.readTo === 0) return { state: 'updated' };
  if (progress.readTo !== null && work.chapterCount > 1 && progress.readTo < work.chapterCount)
    return { state: 'partway', chapter: progress.readTo, of: work.chapterCount };
  return { state: 'read' };
}

/** The words a blurb shows. */
export function readingStateText(reading: ReadingState): string {
  if (reading.state === 'updated') return 'Updated since you read it';
  if (reading.state === 'partway') return `Read to chapter ${reading.chapter} of ${reading.of}`;
  return 'Read';
}

/** The id a chapter's paragraph carries on the page (1-based), the target of "continue" links. */
export function paragraphAnchor(paragraph: number): string {
  return `p-${paragraph}`;
}

/** The largest paragraph number accepted from a reader's browser. */
export const MAX_PARAGRAPH = 1_000_000;
