/**
 * Rules for accounts and pen names (pseuds). Pure functions: they take what a user typed
 * and return either clean values or field errors. No I/O.
 */
import { ValidationError } from './errors.ts';
import { characterCount, overLimit } from './limits.ts';

/** How long a "remember me" session lasts, and one that is not remembered. */
export const SESSION_DAYS_REMEMBERED = 30;
export const SESSION_HOURS = 24;

/** An account as anyone but its store may see it: never its password hash. */
export function publicUser<U extends { passwordHash: string | null }>(user: U): Omit<U, 'passwordHash'> {
  const { passwordHash: _omit, ...rest } = user;
  return rest;
}

export const LOGIN_MIN = 3;
export const LOGIN_MAX = 40;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 72;
export const PSEUD_NAME_MAX = 40;
export const PSEUD_DESCRIPTION_MAX = 500;
export const EMAIL_MAX = 254;

/** The account that keeps works whose creators deleted their account but chose to leave them. */
export const ORPHAN_LOGIN = 'orphan_account';

const LOGIN_PATTERN = /^[A-Za-z0-9_]+$/;
// Deliberately loose: one @, something on each side, a dot in the domain, no spaces.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface SignUpInput {
  login: string;
  email: string;
  password: string;
  passwordConfirmation: string;
}

export interface SignUp {
  login: string;
  email: string;
  password: string;
}

export function loginKey(login: string): string {
  return login.trim().toLowerCase();
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function loginError(login: string): string | undefined {
  const value = login.trim();
  if (value.length === 0) return 'Choose a username.';
  if (value.length < LOGIN_MIN || value.length > LOGIN_MAX) {
    return `Usernames are ${LOGIN_MIN} to ${LOGIN_MAX} characters long.`;
  }
  if (!LOGIN_PATTERN.test(value)) return 'Usernames may use only letters, digits and underscores.';
  return undefined;
}

export function emailError(email: string): string | undefined {
  const value = email.trim();
  if (value.length === 0) return 'Enter your email address.';
  if (value.length > EMAIL_MAX || !EMAIL_PATTERN.test(value)) {
    return 'Enter an email address like name@example.com.';
  }
  return undefined;
}

export function passwordError(password: string): string | undefined {
  if (password.length === 0) return 'Choose a password.';
  // Counted in characters, as users count them.
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `Passwords are at least ${PASSWORD_MIN} characters long.`;
  if (length > PASSWORD_MAX) return `Passwords are at most ${PASSWORD_MAX} characters long.`;
  return undefined;
}

/** What is wrong with a username chosen at sign-up or in a change of username, if anything. */
export function loginProblem(login: string): string | undefined {
  return login.trim().toLowerCase() === ORPHAN_LOGIN ? 'That username is reserved.' : loginError(login);
}

function confirmationError(password: string, confirmation: string): string | undefined {
  return password === confirmation ? undefined : 'The two passwords do not match.';
}

function collect(errors: Record<string, string | undefined>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) if (message) found[field] = message;
  return found;
}

export function validateSignUp(input: SignUpInput): SignUp {
  const errors = collect({
    login: loginProblem(input.login),
    email: emailError(input.email),
    password: passwordError(input.password),
    passwordConfirmation: passwordError(input.password)
      ? undefined
      : confirmationError(input.password, input.passwordConfirmation),
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { login: input.login.trim(), email: normalizeEmail(input.email), password: input.password };
}

export function validateNewPassword(password: string, confirmation: string): string {
  const errors = collect({
    password: passwordError(password),
    passwordConfirmation: passwordError(password) ? undefined : confirmationError(password, confirmation),
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return password;
}

export function validateEmail(email: string): string {
  const message = emailError(email);
  if (message) throw new ValidationError({ email: message });
  return normalizeEmail(email);
}

export interface PseudInput {
  name: string;
  description: string;
  /** What this pen name's new works start with in their disclaimer field. */
  defaultDisclaimer?: string;
}

export function pseudKey(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

/**
 * Pseud names are friendlier than usernames (AO3 allows spaces, dots, dashes), but not
 * slashes or other characters that would break the `/users/:login/pseuds/:pseud` URL.
 */
/** The same limit as a work's own disclaimer. */
export const PSEUD_DISCLAIMER_MAX = 5_000;

const PSEUD_PATTERN = /^[\p{L}\p{N}_ .\-']+$/u;

export function validatePseud(input: PseudInput): Required<PseudInput> {
  const name = input.name.trim().replace(/\s+/g, ' ').normalize('NFC');
  const description = input.description.trim();
  const defaultDisclaimer = (input.defaultDisclaimer ?? '').trim();
  const errors = collect({
    defaultDisclaimer: overLimit('Default disclaimer', defaultDisclaimer, PSEUD_DISCLAIMER_MAX),
    name:
      name.length === 0
        ? 'Give the pen name a name.'
        : characterCount(name) > PSEUD_NAME_MAX
          ? overLimit('Name', name, PSEUD_NAME_MAX)
          : !PSEUD_PATTERN.test(name)
            ? 'Pen names may use letters, digits, spaces, underscores, dots, dashes and apostrophes.'
            : !/[\p{L}\p{N}]/u.test(name)
              ? 'Pen names need at least one letter or digit.'
              : undefined,
    description: overLimit('Description', description, PSEUD_DESCRIPTION_MAX),
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { name, description, defaultDisclaimer };
}

/**
 * A `return_to` target is only followed when it stays on this site. Browsers drop tabs and line
 * breaks from addresses and read "\\" as "/", so "/<tab>/evil.example" would lead away: paths
 * with control characters or backslashes are refused.
 */
export function safeReturnPath(path: string | undefined): string | undefined {
  if (!path || !path.startsWith('/') || path.startsWith('//') || /[\u0000-\u001f\u007f\\]/.test(path)) return undefined;
  return path;
}
