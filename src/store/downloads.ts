import { randomUUID } from 'node:crypto';
import type { Db } from './database.ts';

/** When each chapter of a work last changed, and whether it is posted: what a download's fingerprint needs besides the work row. */
export interface ChapterStamp {
  id: number;
  position: number;
  draft: boolean;
  /** Hidden by the archive's moderators: no reader's download has it. */
  hidden: boolean;
  updatedAt: string;
}

export class DownloadStore {
  constructor(private readonly db: Db) {}

  async chapterStamps(workId: number): Promise<ChapterStamp[]> {
    const rows = await this.db
      .selectFrom('chapters')
      .select(['id', 'position', 'draft', 'hidden_at', 'updated_at'])
      .where('work_id', '=', workId)
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      position: r.position,
      draft: r.draft === 1,
      hidden: r.hidden_at !== null,
      updatedAt: r.updated_at,
    }));
  }

  /** The archive's own UUID, made once (the first writer wins when several processes start together). */
  async archiveUuid(): Promise<string> {
    await this.db
      .insertInto('site_settings')
      .values({ key: 'archive_uuid', value: randomUUID() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('site_settings')
      .select('value')
      .where('key', '=', 'archive_uuid')
      .executeTakeFirstOrThrow();
    return row.value;
  }
}
