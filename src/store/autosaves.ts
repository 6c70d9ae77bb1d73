import { randomBytes } from 'node:crypto';
// As for sessions, only a hash of the cookie's token is stored.
import { tokenId } from './sessions.ts';
import { now, type Db, type Tx } from './database.ts';
import type { FormKey, FormPayload } from '../domain/autosave.ts';

import { PENDING_FORM_HOURS } from '../domain/autosave.ts';

export { PENDING_FORM_HOURS };

/** A writer's unposted text for one form page, as the editor last sent it. */
export interface Autosave {
  formKey: FormKey;
  payload: FormPayload;
  savedAt: string;
}

async function upsert(db: Db | Tx, userId: number, formKey: FormKey, payload: string): Promise<string> {
  const savedAt = now();
  await db
    .insertInto('autosaves')
    .values({ user_id: userId, form_key: formKey, payload, saved_at: savedAt })
    .onConflict((oc) => oc.columns(['user_id', 'form_key']).doUpdateSet({ payload, saved_at: savedAt }))
    .execute();
  return savedAt;
}

/**
 * Autosaves (per user and form) and pending forms: forms sent after the session ended,
 * kept for the browser that sent them until someone logs in there.
 */
export class AutosaveStore {
  constructor(private readonly db: Db) {}

  /** Keeps the form's text, replacing the user's earlier copy; returns when it was saved. */
  save(userId: number, formKey: FormKey, payload: FormPayload): Promise<string> {
    return upsert(this.db, userId, formKey, JSON.stringify(payload));
  }

  async find(userId: number, formKey: FormKey): Promise<Autosave | undefined> {
    const row = await this.db
      .selectFrom('autosaves')
      .selectAll()
      .where('user_id', '=', userId)
      .where('form_key', '=', formKey)
      .executeTakeFirst();
    return row
      ? { formKey: row.form_key, payload: JSON.parse(row.payload) as FormPayload, savedAt: row.saved_at }
      : undefined;
  }

  async discard(userId: number, formKey: FormKey): Promise<void> {
    await this.db.deleteFrom('autosaves').where('user_id', '=', userId).where('form_key', '=', formKey).execute();
  }

  /** Keeps a form no one is logged in to post; returns the token for the browser's cookie. */
  async keepPending(formKey: FormKey, payload: FormPayload): Promise<{ token: string; expiresAt: string }> {
    await this.purgeExpiredPending();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + PENDING_FORM_HOURS * 3_600_000).toISOString();
    await this.db
      .insertInto('pending_forms')
      .values({
        id: tokenId(token),
        form_key: formKey,
        payload: JSON.stringify(payload),
        created_at: now(),
        expires_at: expiresAt,
      })
      .execute();
    return { token, expiresAt };
  }

  async discardPending(token: string): Promise<void> {
    await this.db.deleteFrom('pending_forms').where('id', '=', tokenId(token)).execute();
  }

  /**
   * Hands a pending form to the user who just logged in: it becomes their autosave for that
   * form, all at once or not at all. Returns the form's key, or nothing when the token names
   * no live pending form.
   */
  async claimPending(token: string, userId: number): Promise<FormKey | undefined> {
    const id = tokenId(token);
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('pending_forms')
        .selectAll()
        .where('id', '=', id)
        .where('expires_at', '>', now())
        .executeTakeFirst();
      await tx.deleteFrom('pending_forms').where('id', '=', id).execute();
      if (!row) return undefined;
      await upsert(tx, userId, row.form_key, row.payload);
      return row.form_key;
    });
  }

  async purgeExpiredPending(): Promise<number> {
    const result = await this.db.deleteFrom('pending_forms').where('expires_at', '<=', now()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
