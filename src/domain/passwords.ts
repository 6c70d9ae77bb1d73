import { hash, verify } from '@node-rs/argon2';

// Argon2id with OWASP's baseline parameters (19 MiB, 2 passes, 1 lane).
// The enum in @node-rs/argon2 is a `const enum`, which isolated modules cannot import; 2 is Argon2id.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let decoy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (unknown account, or the orphan
 * account) it still spends the same work on a decoy, so timing does not reveal which logins exist.
 */
export async function checkPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    decoy ??= hashPassword('decoy password for unknown accounts');
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
