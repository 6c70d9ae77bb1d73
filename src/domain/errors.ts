/** A problem the user can fix: field name → message shown next to that field. */
export class ValidationError extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(Object.values(fieldErrors).join(' '));
    this.name = 'ValidationError';
  }
}

/** The thing asked for does not exist (or the viewer may not know it exists). */
export class NotFoundError extends Error {
  constructor(message = 'Not found') {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The viewer is known but not allowed to do this. */
export class ForbiddenError extends Error {
  constructor(message = 'You are not allowed to do that.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** What was asked clashes with the state of the thing (sign-ups closed, assignments already sent). */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * The viewer must log in (or, in the API, send a token) first. With `registeredOnly`, the thing
 * exists but is shown to registered users only; `action` says what the guest was trying to do
 * ("read it", "leave kudos"), so each surface can word its own invitation to log in.
 */
export class LogInRequiredError extends Error {
  constructor(readonly registeredOnly?: { what: string; action: string }) {
    super(registeredOnly ? `${registeredOnly.what} Log in to ${registeredOnly.action}.` : 'Log in first.');
    this.name = 'LogInRequiredError';
  }
}

/**
 * The archive cannot take this request now, though the same request later will do: its capacity
 * for such work is in use (`by: 'archive'`, answered 503), or the member's own earlier request of
 * the kind is still running (`by: 'member'`, answered 429). Nothing was saved.
 */
export class BusyError extends Error {
  constructor(
    message: string,
    readonly by: 'archive' | 'member',
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'BusyError';
  }
}
