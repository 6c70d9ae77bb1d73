import { databaseOptions, type Config } from '../config.ts';
import { openStore } from '../store/index.ts';
import { turnOffFromCommandLine } from '../app/two-factor.ts';

export const TWO_FACTOR_OFF_HELP = `  user two-factor-off LOGIN
                          Turn two-factor log-in off for a member who lost their phone and their
                          recovery codes (written to the audit log). Check who is asking first.`;

/** `bin/quire user two-factor-off LOGIN`: turns two-factor log-in off for the account. */
export async function runTwoFactorOff(config: Config, args: string[]): Promise<number> {
  const [login, extra] = args;
  if (!login || extra !== undefined) {
    console.error('quire: usage: bin/quire user two-factor-off LOGIN');
    return 2;
  }
  const store = await openStore(databaseOptions(config));
  try {
    const done = await turnOffFromCommandLine(store, login);
    if (!done) {
      console.error(`quire: there is no account called "${login}"`);
      return 2;
    }
    console.log(
      done.wasOn
        ? `Two-factor log-in is off for ${done.login}: logging in takes only the password now. They can set it up again from their account page.`
        : `Two-factor log-in was not on for ${done.login}; nothing changed.`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
