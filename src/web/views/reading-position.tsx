import type { ReadingPosition } from '../../store/index.ts';
import type { Work } from '../../store/index.ts';
import { paragraphAnchor, readingStateText } from '../../domain/reading-progress.ts';
import type { ContinueReading } from '../../app/readings.ts';
import { Creators } from './blurbs.tsx';
import { chapterPath, workPath } from '../../paths.ts';

/** Watches which paragraph is at the top of the screen and keeps it (for guests in the browser). */
export const READING_POSITION_SCRIPT = '/static/reading-position.js';

/** The link back to where a reader stopped: the chapter (the work page for a one-chapter work), at the paragraph. */
export function resumeHref(
  workId: number,
  position: { chapterId: number | null; paragraph: number | null },
  oneChapter: boolean,
): string {
  const page = oneChapter || position.chapterId === null ? workPath(workId) : chapterPath(workId, position.chapterId);
  return position.paragraph ? `${page}#${paragraphAnchor(position.paragraph)}` : page;
}

/** "Continue where you left off (chapter 3, paragraph 12)", or "Continue reading chapter 3" when only the chapter is known. */
export function resumeText(
  position: { chapterPosition: number | null; paragraph: number | null },
  oneChapter: boolean,
): string {
  const { chapterPosition, paragraph } = position;
  if (oneChapter || chapterPosition === null)
    return paragraph ? `Continue where you left off (paragraph ${paragraph})` : 'Continue reading';
  return paragraph
    ? `Continue where you left off (chapter ${chapterPosition}, paragraph ${paragraph})`
    : `Continue reading chapter ${chapterPosition}`;
}

/**
 * Where the reader stopped, offered as a link rather than a jump. For members the server knows it;
 * for guests the script fills this in from the browser's storage. `saving` tells the script where
 * to keep the position: the member's history (the endpoint), this browser, or nowhere.
 */
export function ResumeReading({
  work,
  resume,
  saving,
  oneChapter,
  opened,
}: {
  work: Pick<Work, 'id'>;
  /** Whether the page shows one chapter or the whole work (the script offers a guest's place accordingly). */
  opened: 'chapter' | 'full';
  resume?: ReadingPosition;
  saving: 'member' | 'browser' | 'none';
  oneChapter: boolean;
}) {
  return (
    <div
      class="resume-reading"
      id="resume-reading"
      data-work-id={String(work.id)}
      data-saving={saving}
      data-save-url={saving === 'member' ? `${workPath(work.id)}/reading-position` : undefined}
      data-one-chapter={oneChapter ? '1' : '0'}
      data-opened={opened}
      aria-live="polite"
    >
      {resume ? (
        <p>
          <a class="resume-reading__link" href={resumeHref(work.id, resume, oneChapter)}>
            {resumeText(resume, oneChapter)}
          </a>
        </p>
      ) : null}
    </div>
  );
}

/** The home page's "Continue reading": a member's unfinished works, each linked to where they stopped. */
export function ContinueReadingList({ entries }: { entries: ContinueReading[] }) {
  if (entries.length === 0) return null;
  return (
    <section class="continue-reading" aria-labelledby="continue-heading">
      <h2 id="continue-heading">Continue reading</h2>
      <ul>
        {entries.map((entry) => {
          const oneChapter = entry.work.chapterCount <= 1;
          return (
            <li id={`continue-${entry.work.id}`}>
              <bdi>
                <a href={workPath(entry.work.id)}>{entry.work.title}</a>
              </bdi>{' '}
              by <Creators work={entry.work} /> <span class="meta">({readingStateText(entry.reading)})</span>
              <br />
              <a class="continue-reading__link" href={resumeHref(entry.work.id, entry, oneChapter)}>
                {resumeText(entry, oneChapter)}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
