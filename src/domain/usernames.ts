/**
 * Changing a username (AO3 allows one a week). Pure rules: when the next change is allowed, how
 * long a name given up stays held for its old links, and the messages saying so. No I/O.
 */
import { loginProblem } from './accounts.ts';
import { ValidationError } from './errors.ts';

/** A member may change their username once in this many days. */
export const USERNAME_CHANGE_DAYS = 7;

/**
 * A username given up is held this many days: its old addresses keep leading to the member, and no
 * one else may take it (so a link shared last week cannot be taken over by a stranger at once).
 * After that another account may take it, and its old addresses then lead to that account. Held
 * forever, names would pile up unused (one more every week per member); never held, anyone could
 * catch the links of a writer who just renamed.
 */
export const USERNAME_HOLD_DAYS = 30;

const DAY_MS = 86_400_000;

function longDate(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
}

/** When a member whose last change was at `lastChangeAt` may change their username again. */
export function nextUsernameChangeAt(lastChangeAt: string | null): string | null {
  return lastChangeAt === null
    ? null
    : new Date(Date.parse(lastChangeAt) + USERNAME_CHANGE_DAYS * DAY_MS).toISOString();
}

/** Whether a change made at `lastChangeAt` still stops another one at `at`. */
export function usernameChangeWaits(lastChangeAt: string | null, at: number = Date.now()): boolean {
  const next = nextUsernameChangeAt(lastChangeAt);
  return next !== null && Date.parse(next) > at;
}

/** Since when a name given up is free for others: names given up after this are still held. */
export function usernameHeldSince(at: number = Date.now()): string {
  return new Date(at - USERNAME_HOLD_DAYS * DAY_MS).toISOString();
}

export function tooSoonMessage(nextAt: string): string {
  return `You can change your username once every ${USERNAME_CHANGE_DAYS} days. You can change it again from ${longDate(nextAt)} (UTC).`;
}

export function heldNameMessage(givenUpAt: string): string {
  const free = new Date(Date.parse(givenUpAt) + USERNAME_HOLD_DAYS * DAY_MS).toISOString();
  return `That username was given up recently and stays with its old links until ${longDate(free)} (UTC). Choose another.`;
}

export const TAKEN_MESSAGE = 'That username is already taken.';

/** The new username as typed, checked by the rules of sign-up; a ValidationError on `login` otherwise. */
export function validateNewLogin(typed: string, current: string): string {
  const login = typed.trim();
  const problem = loginProblem(login) ?? (login === current ? 'That is already your username.' : undefined);
  if (problem) throw new ValidationError({ login: problem });
  return login;
}
