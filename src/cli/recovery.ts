import { databaseOptions, siteAddress, type Config } from '../config.ts';
import { openStore } from '../store/index.ts';
import { issueResetToken } from '../app/recovery.ts';
import { passwordResetPath } from '../paths.ts';

export const RESET_PASSWORD_HELP = `  user reset-password LOGIN
                          Print a one-time link (BASE_URL/password/reset/…, valid for an hour)
                          for the account to choose a new password: for archives without mail.`;

/** `bin/quire user reset-password LOGIN`: prints a one-time password-reset link for the account. */
export async function runResetPassword(config: Config, args: string[]): Promise<number> {
  const [login, extra] = args;
  if (!login || extra !== undefined) {
    console.error('quire: usage: bin/quire user reset-password LOGIN');
    return 2;
  }
  const store = await openStore(databaseOptions(config));
  try {
    const issued = await issueResetToken(store, login);
    if (!issued) {
      console.error(`quire: there is no account called "${login}"`);
      return 2;
    }
    console.log(
      `One-time link for ${issued.login} to choose a new password (works once, for an hour; it logs out every device of the account):`,
    );
    console.log(`${siteAddress(config)}${passwordResetPath(issued.token)}`);
    if (!config.baseUrl)
      console.log('BASE_URL is not set, so the link starts with this machine’s address: change it to the public one.');
    return 0;
  } finally {
    await store.close();
  }
}
