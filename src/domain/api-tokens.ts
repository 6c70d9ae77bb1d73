/** Rules for personal API tokens. Pure: no I/O. */
import { ValidationError } from './errors.ts';
import { overLimit } from './limits.ts';

export const API_TOKEN_LIMITS = { name: 100, perUser: 20 } as const;

/** A token's name says what it is for ("my backup script"), so its owner knows which one to revoke. */
export function validateTokenName(input: string, existingCount: number): string {
  const name = input.replace(/\s+/g, ' ').trim();
  if (name === '')
    throw new ValidationError({
      tokenName: 'Give the token a name that says what it is for, such as “backup script”.',
    });
  const tooLong = overLimit('Token name', name, API_TOKEN_LIMITS.name);
  if (tooLong) throw new ValidationError({ tokenName: tooLong });
  if (existingCount >= API_TOKEN_LIMITS.perUser)
    throw new ValidationError({
      tokenName: `You have ${API_TOKEN_LIMITS.perUser} tokens, the most an account may have. Revoke one you no longer use first.`,
    });
  return name;
}
