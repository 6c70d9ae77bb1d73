/**
 * The hidden time field of forms the spam check reads (comments, new accounts' works): when the
 * form was shown, signed with the archive's secret so that a script cannot claim a page it never
 * loaded. See src/domain/spam.ts for what the time counts for.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FormTime } from '../domain/spam.ts';
import type { Store } from '../store/index.ts';

function signature(secret: string, at: number): Buffer {
  return createHmac('sha256', secret).update(`comment-form-time:${at}`).digest();
}

/** The value of a form's time field: when it was shown, signed with the archive's secret. */
export function signFormTime(secret: string, at: number): string {
  return `${at}.${signature(secret, at).toString('base64url')}`;
}

/** Reads a form's time field back; a value this archive did not sign is 'bad'. */
export function readFormTime(secret: string, value: string | undefined): FormTime {
  if (value === undefined || value.trim() === '') return { kind: 'missing' };
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{1,100})$/.exec(value.trim());
  if (!match) return { kind: 'bad' };
  const at = Number(match[1]);
  const given = Buffer.from(match[2], 'base64url');
  const expected = signature(secret, at);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'bad' };
  return { kind: 'shown', at };
}

/** Signs and reads form times with the archive's cookie secret. */
export class FormClock {
  private secret?: Promise<string>;

  constructor(private readonly store: Store) {}

  /** The archive's cookie secret (also the salt of address keys). */
  cookieSecret(): Promise<string> {
    this.secret ??= this.store.settings.get('cookie_secret').then((secret) => secret ?? '');
    return this.secret;
  }

  /** The time field of a form shown now. */
  async now(): Promise<string> {
    return signFormTime(await this.cookieSecret(), Date.now());
  }

  async read(value: string | undefined): Promise<FormTime> {
    return readFormTime(await this.cookieSecret(), value);
  }

  /** The time field for a form shown again: the time it was first shown when that is this archive's, else now. */
  async keep(value: string | undefined): Promise<string> {
    return (await this.read(value)).kind === 'shown' ? value!.trim() : this.now();
  }
}
