import { CsrfField, type PageContext } from './layout.tsx';
import type { FormKey } from '../../domain/autosave.ts';

/** What a form page knows about the server's copy of the writer's text. */
export interface AutosaveView {
  /**
   * When the archive last took this form's text: the writer's autosave, or for an edit form
   * the saved work or chapter when that is newer. The editor script offers a copy kept in the
   * browser only when it is newer than this.
   */
  savedAt: string | null;
  /** The form shows the writer's unposted text instead of what the archive has. */
  restored: boolean;
}

export function formatSavedAt(iso: string): string {
  const date = new Date(iso);
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${time} UTC on ${day}`;
}

/** The data attributes the editor script (static/autosave.js) works from. */
export function autosaveAttributes(
  ctx: PageContext,
  formKey: FormKey,
  autosave: AutosaveView | undefined,
): Record<string, string> {
  return {
    'data-autosave': formKey,
    'data-autosave-user': String(ctx.viewer?.id ?? ''),
    'data-autosave-saved-at': autosave?.savedAt ?? '',
    // The server's clock, so the script stamps browser copies in the same time as savedAt.
    'data-autosave-now': new Date().toISOString(),
  };
}

/** Tells the writer the form shows text they had not posted, and lets them throw it away. */
export function RestoredTextNotice({
  ctx,
  formKey,
  autosave,
}: {
  ctx: PageContext;
  formKey: FormKey;
  autosave: AutosaveView | undefined;
}) {
  if (!autosave?.restored || !autosave.savedAt) return null;
  return (
    <section class="autosave-notice" aria-labelledby="autosave-notice-text">
      <p id="autosave-notice-text">
        We restored the text you had not posted yet (saved{' '}
        <time datetime={autosave.savedAt} data-local-time="">
          {formatSavedAt(autosave.savedAt)}
        </time>
        ).
      </p>
      <form method="post" action="/autosave/discard" class="inline-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="form" value={formKey} />
        <button type="submit" class="button--secondary">
          Discard<span class="visually-hidden"> the restored text</span>
        </button>
      </form>
    </section>
  );
}
