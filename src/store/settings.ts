import type { Db } from './database.ts';
import { readerSettingsFrom, type ReaderSettings } from '../domain/reading.ts';

export class SettingsStore {
  constructor(private readonly db: Db) {}

  async get(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('site_settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('site_settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /**
   * The value kept under `key`, storing `value` first if there is none: processes starting at the
   * same moment all end up with the first one stored.
   */
  async getOrSet(key: string, value: string): Promise<string> {
    await this.db
      .insertInto('site_settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return (await this.get(key)) ?? value;
  }

  async readerSettings(userId: number): Promise<ReaderSettings | undefined> {
    const row = await this.db
      .selectFrom('reader_settings')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return undefined;
    return readerSettingsFrom({
      fontSize: row.font_size,
      theme: row.theme,
      lineWidth: row.line_width,
      skipAdultNotice: row.skip_adult_notice === 1 ? '1' : '0',
    });
  }

  async saveReaderSettings(userId: number, settings: ReaderSettings): Promise<void> {
    const values = {
      font_size: settings.fontSize,
      theme: settings.theme,
      line_width: settings.lineWidth,
      skip_adult_notice: settings.skipAdultNotice ? 1 : 0,
    };
    await this.db
      .insertInto('reader_settings')
      .values({ user_id: userId, ...values })
      .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
      .execute();
  }
}
