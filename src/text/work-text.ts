import { validateChapter, type ChapterInput, type WorkFields } from '../domain/works.ts';
import { ValidationError } from '../domain/errors.ts';
import { countWordsInHtml } from '../domain/wordcount.ts';
import { formatUserText } from './sanitize.ts';

/** Chapter content ready to store: sanitized HTML and its word count. */
export interface ChapterContent {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  body: string;
  wordCount: number;
}

/** Turns the HTML fields of validated work fields into sanitized HTML. */
export function formatWorkFields(fields: WorkFields): WorkFields {
  return {
    ...fields,
    summary: formatUserText(fields.summary),
    notes: formatUserText(fields.notes),
    endNotes: formatUserText(fields.endNotes),
    disclaimer: formatUserText(fields.disclaimer),
  };
}

export function formatChapter(input: ChapterInput): ChapterContent {
  const chapter = validateChapter(input);
  const body = formatUserText(chapter.body);
  if (body === '') throw new ValidationError({ body: 'The chapter has no text left once unsafe markup is removed.' });
  return {
    title: chapter.title,
    summary: formatUserText(chapter.summary),
    notes: formatUserText(chapter.notes),
    endNotes: formatUserText(chapter.endNotes),
    body,
    wordCount: countWordsInHtml(body),
  };
}
