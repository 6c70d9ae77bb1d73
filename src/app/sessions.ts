/** Where a member is logged in: their sessions listed by device, and ending them. */
import { describeUserAgent } from '../domain/devices.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { tokenId } from '../store/sessions.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

/** One session as the account page lists it: never its token, its stored id or an address. */
export interface DeviceSessionView {
  /** Names the session in its "Log out" form. */
  handle: string;
  /** "Firefox on Android", or "Unknown device" for sessions from before devices were kept. */
  device: string;
  createdAt: string;
  /** When it was last used, to within a few minutes; null for sessions from before. */
  lastSeenAt: string | null;
  /** The session of the browser asking. */
  current: boolean;
}

export class Sessions {
  constructor(private readonly deps: ModuleDeps) {}

  /** The member's live sessions, this device's first, then the most recently used. */
  async list(viewer: Viewer, currentToken: string | undefined): Promise<DeviceSessionView[]> {
    const member = requireMember(viewer);
    const currentId = currentToken ? tokenId(currentToken) : undefined;
    const sessions = await this.deps.store.sessions.listForUser(member.id);
    const views = sessions.map((s) => ({
      handle: s.handle,
      device: describeUserAgent(s.userAgent),
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.id === currentId,
    }));
    return [...views.filter((s) => s.current), ...views.filter((s) => !s.current)];
  }

  /**
   * Ends one of the member's own sessions, named by its handle (another member's, or one already
   * ended, is not found); returns its device. This device's own session ends with "Log out".
   */
  async end(viewer: Viewer, handle: string, currentToken: string | undefined): Promise<string> {
    const member = requireMember(viewer);
    const currentId = currentToken ? tokenId(currentToken) : undefined;
    const session = (await this.deps.store.sessions.listForUser(member.id)).find((s) => s.handle === handle);
    if (!session) throw new NotFoundError('That session has already ended, or is not yours.');
    if (session.id === currentId)
      throw new ValidationError({ sessions: 'This is the device you are using: log out to end its session.' });
    await this.deps.store.sessions.endForUser(member.id, session.id);
    return describeUserAgent(session.userAgent);
  }

  /** Ends every session of the member but this device's; returns how many ended. */
  async endOthers(viewer: Viewer, currentToken: string | undefined): Promise<number> {
    const member = requireMember(viewer);
    if (!currentToken) throw new ValidationError({ sessions: 'This device is not logged in.' });
    return this.deps.store.sessions.endOthers(member.id, currentToken);
  }
}
