import { sql, type Migration } from 'kysely';
import type { Dialect } from '../database.ts';
import type { AnyDb } from './shared.ts';

/**
 * Readings whose place in a chapter was saved without a furthest chapter: a place kept before any
 * visit was recorded, or on a reading marked for later or as read (savePosition set no furthest
 * chapter from 0034 until 666a426 and fb01ebc). A reading with a chapter and no furthest chapter now
 * means "read none of the chapters shown now", so those readers saw "Updated since you read it" and
 * were not counted in the writer's reach. They reached the chapter they saved a place in: its place
 * becomes their furthest, as ReadingStore.savePosition sets it now, whether or not that chapter has
 * been hidden since (a hidden chapter still tells how far they read).
 *
 * Only readings that still hold a paragraph: a saved place keeps one (1 or more) until another
 * chapter is opened, which sets the furthest chapter anyway. The readings followChapterOrder left
 * with no furthest chapter on purpose (every chapter they had reached was deleted) were moved to
 * another chapter and lost their paragraph; they must stay uncounted.
 */
export function migration(_dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      await sql`update readings set furthest_position = (select chapters.position from chapters
          where chapters.id = readings.chapter_id and chapters.work_id = readings.work_id)
        where readings.chapter_id is not null and readings.furthest_position is null
          and readings.paragraph is not null`.execute(db);
    },
  };
}
