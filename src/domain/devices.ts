/**
 * Where a member is logged in, as the account page names it: the browser and system a session's
 * user agent describes ("Firefox on Android"), never the address it came from. Pure: no I/O.
 */
import { UAParser } from 'ua-parser-js';

/** A stored user agent is cut to this many characters (they can be long, and only the start matters). */
export const USER_AGENT_MAX = 500;

/** A session's "last seen" moves forward at most this often, so that reading a page rarely writes. */
export const LAST_SEEN_STEP_MS = 5 * 60_000;

export const UNKNOWN_DEVICE = 'Unknown device';

/** The user agent as it is kept: trimmed and cut to USER_AGENT_MAX, or null when there is none. */
export function storedUserAgent(userAgent: string | undefined | null): string | null {
  const value = (userAgent ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return value ? value.slice(0, USER_AGENT_MAX) : null;
}

/** "Chrome on Windows", "Safari on iPhone", "Firefox" …; "Unknown device" when nothing is recognized. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return UNKNOWN_DEVICE;
  const { browser, os, device } = UAParser(userAgent);
  const browserName = browser.name?.replace(/^Mobile /, '').replace(/ WebView$/, '');
  const model = device.model === 'iPhone' || device.model === 'iPad' ? device.model : undefined;
  const system = model ?? (os.name === 'macOS' || os.name === 'Mac OS' ? 'macOS' : os.name);
  if (browserName && system) return `${browserName} on ${system}`;
  if (browserName) return browserName;
  if (system) return `A browser on ${system}`;
  return UNKNOWN_DEVICE;
}

/** Whether a session last seen at `lastSeenAt` should be marked seen again at `at`. */
export function dueForLastSeen(lastSeenAt: string | null, at: number = Date.now()): boolean {
  return lastSeenAt === null || at - Date.parse(lastSeenAt) >= LAST_SEEN_STEP_MS;
}
