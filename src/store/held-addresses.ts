import { now, type Db, type Tx } from './database.ts';

/**
 * Addresses held for review after spam came from them: new comments from a held address wait for
 * approval instead of appearing at once. Known only by the salted hash comments keep.
 */
export class HeldAddressStore {
  constructor(private readonly db: Db) {}

  async hold(addressKey: string, reason: string, heldBy: number | null): Promise<void> {
    await this.holdIn(this.db, addressKey, reason, heldBy);
  }

  /** Holds the address inside a transaction another store method opened (marking spam). */
  async holdIn(tx: Db | Tx, addressKey: string, reason: string, heldBy: number | null): Promise<void> {
    await tx
      .insertInto('held_addresses')
      .values({ address_key: addressKey, held_at: now(), held_by: heldBy, reason })
      .onConflict((oc) => oc.column('address_key').doUpdateSet({ held_at: now(), held_by: heldBy, reason }))
      .execute();
  }

  async release(addressKey: string): Promise<void> {
    await this.db.deleteFrom('held_addresses').where('address_key', '=', addressKey).execute();
  }

  async isHeld(addressKey: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('held_addresses')
      .select('address_key')
      .where('address_key', '=', addressKey)
      .executeTakeFirst();
    return row !== undefined;
  }
}
