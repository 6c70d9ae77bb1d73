/** Forms saved as they are typed (autosave) and posted after logging in. */
import { formPayloadOf, isFormKey, parseFormKey, type FormKey } from '../domain/autosave.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { Autosave } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

export class Drafts {
  constructor(private readonly deps: ModuleDeps) {}

  /**
   * The member's unposted text for a form page, to restore; none for guests, and none when an edit
   * form's copy is older than the saved work or chapter (`savedVersionAt`), which overtook it.
   */
  async restorable(viewer: Viewer, formKey: FormKey, savedVersionAt?: string): Promise<Autosave | undefined> {
    if (!viewer) return undefined;
    const found = await this.deps.store.autosaves.find(viewer.id, formKey);
    return found && (savedVersionAt === undefined || found.savedAt > savedVersionAt) ? found : undefined;
  }

  /**
   * Keeps the member's text of a form they are typing (the editor's autosave): a new work, or a
   * work or chapter of their own. Returns when it was saved.
   */
  async keep(viewer: Viewer, formKey: FormKey, body: unknown): Promise<string> {
    const member = requireMember(viewer);
    if (!isFormKey(formKey))
      throw new ValidationError({ form: 'The archive keeps drafts of the posting and chapter forms only.' });
    if (!(await this.isOwnForm(member, formKey))) throw new NotFoundError('There is no such form of yours to save.');
    return this.deps.store.autosaves.save(member.id, formKey, formPayloadOf(body));
  }

  /** Keeps a form the member sent that failed validation (the route has checked the form is theirs); null for guests. */
  async keepRejected(viewer: Viewer, formKey: FormKey, body: unknown): Promise<string | null> {
    if (!viewer) return null;
    return this.deps.store.autosaves.save(viewer.id, formKey, formPayloadOf(body));
  }

  /** Throws away the member's unposted text of a form (after posting it, or at their asking). */
  async discard(viewer: Viewer, formKey: FormKey): Promise<void> {
    const member = requireMember(viewer);
    if (!isFormKey(formKey)) throw new ValidationError({ form: 'There is no such form to discard text from.' });
    await this.deps.store.autosaves.discard(member.id, formKey);
  }

  /**
   * Keeps a form a guest sent (their session ended while they typed) until they log in, replacing
   * the earlier one this browser kept. Returns the token for the browser, or undefined when there
   * is nothing to keep: a member sent it, or it is not a form the archive keeps.
   */
  async keepUntilLogIn(
    viewer: Viewer,
    formKey: FormKey,
    body: unknown,
    earlierToken?: string,
  ): Promise<string | undefined> {
    if (viewer || !isFormKey(formKey)) return undefined;
    const autosaves = this.deps.store.autosaves;
    const payload = formPayloadOf(body);
    if (earlierToken) await autosaves.discardPending(earlierToken);
    return (await autosaves.keepPending(formKey, payload)).token;
  }

  /** Makes the form this browser kept while logged out the autosave of the member who just logged in; returns its form page. */
  async claimPending(userId: number, token: string): Promise<FormKey | undefined> {
    return this.deps.store.autosaves.claimPending(token, userId);
  }

  /** Whether the form is the member's to keep text for: any new work, or a work (and chapter) they create. */
  private async isOwnForm(member: Member, formKey: FormKey): Promise<boolean> {
    const target = parseFormKey(formKey);
    if (!target) return false;
    if (target.workId === undefined) return true;
    try {
      const { work } = await this.deps.archive.access.owned(member, target.workId);
      return target.chapterId === undefined || work.chapters.some((c) => c.id === target.chapterId);
    } catch (error) {
      if (error instanceof NotFoundError || error instanceof ForbiddenError) return false;
      throw error;
    }
  }
}
