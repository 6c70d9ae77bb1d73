/** The terms of service and privacy policy: shown, edited by admins (each save a new version), accepted by members. */
import { ValidationError } from '../domain/errors.ts';
import type { SiteDocumentKind, SiteDocumentVersion } from '../store/index.ts';
import { formatUserText } from '../text/sanitize.ts';
import { DEFAULT_PRIVACY, DEFAULT_TERMS } from './default-documents.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

export const DOCUMENT_KINDS: readonly SiteDocumentKind[] = ['terms', 'privacy'];

export const DOCUMENT_TITLES: Record<SiteDocumentKind, string> = {
  terms: 'Terms of service',
  privacy: 'Privacy policy',
};

const BODY_LIMIT = 100_000;
const NOTE_LIMIT = 2_000;

/** A document as shown: the newest saved version, or the archive's default text (version 0). */
export interface SiteDocument {
  kind: SiteDocumentKind;
  title: string;
  version: number;
  body: string;
  changeNote: string;
  /** When this version was saved; null for the default text. */
  createdAt: string | null;
}

/** What the admin page for one document shows. */
export interface DocumentEditor {
  current: SiteDocument;
  history: SiteDocumentVersion[];
}

export interface DocumentForm {
  body: string;
  changeNote: string;
  /** "Members must accept again" is ticked. */
  requireAcceptance: boolean;
}

function parseKind(kind: string): SiteDocumentKind {
  if (kind === 'terms' || kind === 'privacy') return kind;
  throw new ValidationError({ kind: 'Choose the terms of service or the privacy policy.' });
}

export class Terms {
  constructor(private readonly deps: ModuleDeps) {}

  async document(kind: SiteDocumentKind): Promise<SiteDocument> {
    const saved = await this.deps.store.terms.current(kind);
    if (saved)
      return {
        kind,
        title: DOCUMENT_TITLES[kind],
        version: saved.version,
        body: saved.body,
        changeNote: saved.changeNote,
        createdAt: saved.createdAt,
      };
    return {
      kind,
      title: DOCUMENT_TITLES[kind],
      version: 0,
      body: kind === 'terms' ? DEFAULT_TERMS : DEFAULT_PRIVACY,
      changeNote: '',
      createdAt: null,
    };
  }

  /** The documents a member must accept before using the archive further (empty for guests and up-to-date members). */
  async toAccept(viewer: Viewer): Promise<SiteDocumentKind[]> {
    if (!viewer) return [];
    const { terms } = this.deps.store;
    const [requiredTerms, requiredPrivacy, accepted] = await Promise.all([
      terms.requiredVersion('terms'),
      terms.requiredVersion('privacy'),
      terms.accepted(viewer.id),
    ]);
    const kinds: SiteDocumentKind[] = [];
    if (requiredTerms > accepted.terms) kinds.push('terms');
    if (requiredPrivacy > accepted.privacy) kinds.push('privacy');
    return kinds;
  }

  /** Whether the member must accept changed documents before using other pages. */
  async mustAccept(viewer: Viewer): Promise<boolean> {
    return (await this.toAccept(viewer)).length > 0;
  }

  /** The changed documents a member is asked to accept, as they read now. */
  async acceptance(viewer: Viewer): Promise<SiteDocument[]> {
    const member = requireMember(viewer);
    const kinds = await this.toAccept(member);
    return Promise.all(kinds.map((kind) => this.document(kind)));
  }

  /** Records that the member accepts the current version of both documents. */
  async accept(viewer: Viewer): Promise<void> {
    const member = requireMember(viewer);
    await this.acceptCurrent(member.id);
  }

  /** Records acceptance of the current versions by a member (at sign-up, or on the accept page). */
  async acceptCurrent(userId: number): Promise<void> {
    const [terms, privacy] = await Promise.all([this.document('terms'), this.document('privacy')]);
    await this.deps.store.terms.accept(userId, { terms: terms.version, privacy: privacy.version });
  }

  /** Both documents with their saved versions, for admins. */
  async editors(viewer: Viewer): Promise<Record<SiteDocumentKind, DocumentEditor>> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const [terms, privacy, termsHistory, privacyHistory] = await Promise.all([
      this.document('terms'),
      this.document('privacy'),
      this.deps.store.terms.history('terms'),
      this.deps.store.terms.history('privacy'),
    ]);
    return { terms: { current: terms, history: termsHistory }, privacy: { current: privacy, history: privacyHistory } };
  }

  /** Saves a new version of a document (admins only); returns its number. */
  async save(
    viewer: Viewer,
    kindName: string,
    form: DocumentForm,
  ): Promise<{ kind: SiteDocumentKind; version: number }> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const kind = parseKind(kindName);
    const errors: Record<string, string> = {};
    const body = formatUserText(form.body);
    const changeNote = form.changeNote.replace(/\s+/g, ' ').trim();
    if (body === '') errors.body = `Write the ${DOCUMENT_TITLES[kind].toLowerCase()} before saving it.`;
    else if (form.body.length > BODY_LIMIT)
      errors.body = `The text is ${form.body.length.toLocaleString('en')} characters; the limit is ${BODY_LIMIT.toLocaleString('en')}.`;
    if ([...changeNote].length > NOTE_LIMIT)
      errors.changeNote = `The note is longer than ${NOTE_LIMIT.toLocaleString('en')} characters; shorten it.`;
    if (form.requireAcceptance && changeNote === '')
      errors.changeNote = 'Say what changed: members asked to accept again are shown this note.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const version = await this.deps.store.terms.save(kind, {
      body,
      changeNote,
      requiresAcceptance: form.requireAcceptance,
      userId: admin.id,
    });
    // The admin who asks for acceptance has accepted what they wrote.
    if (form.requireAcceptance) await this.acceptCurrent(admin.id);
    return { kind, version };
  }
}
