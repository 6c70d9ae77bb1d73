import type { SiteDocument } from '../../app/terms.ts';
import { formatDate } from '../format.ts';
import { Actions } from './forms.tsx';
import { CsrfField, Layout, type PageContext } from './layout.tsx';

function VersionLine({ document }: { document: SiteDocument }) {
  return document.createdAt ? (
    <p class="meta">
      Version {document.version}, in effect since{' '}
      <time datetime={document.createdAt}>{formatDate(document.createdAt)}</time>.
    </p>
  ) : (
    <p class="meta">The archive's original text.</p>
  );
}

/** /terms or /privacy. */
export function SiteDocumentPage({ ctx, document }: { ctx: PageContext; document: SiteDocument }) {
  const other =
    document.kind === 'terms'
      ? { href: '/privacy', label: 'Privacy policy' }
      : { href: '/terms', label: 'Terms of service' };
  return (
    <Layout ctx={ctx} title={document.title}>
      <article class="site-document">
        <h1>{document.title}</h1>
        <VersionLine document={document} />
        <div class="userstuff" dangerouslySetInnerHTML={{ __html: document.body }} />
        <p>
          See also the <a href={other.href}>{other.label.toLowerCase()}</a>.
        </p>
      </article>
    </Layout>
  );
}

/** /terms/accept: what changed, the new text, and the Accept button. */
export function AcceptTermsPage({
  ctx,
  documents,
  returnTo,
}: {
  ctx: PageContext;
  documents: SiteDocument[];
  returnTo?: string;
}) {
  const names = documents.map((d) => d.title.toLowerCase()).join(' and ');
  return (
    <Layout ctx={ctx} title="Accept the changed terms">
      <h1>Our {names || 'terms'} changed</h1>
      {documents.length === 0 ? (
        <p>
          You have accepted the current terms of service and privacy policy. <a href={returnTo ?? '/'}>Go on</a>.
        </p>
      ) : (
        <>
          <p>
            Please read what changed. To keep using the archive, accept the new version. If you do not accept it,{' '}
            <a href="#log-out">log out</a>: nothing of your account changes, and you can come back to decide later.
          </p>
          {documents.map((document) => (
            <section class="site-document" aria-labelledby={`doc-${document.kind}`}>
              <h2 id={`doc-${document.kind}`}>{document.title}</h2>
              <VersionLine document={document} />
              {document.changeNote ? (
                <div class="site-document__changes">
                  <h3>What changed</h3>
                  <p>{document.changeNote}</p>
                </div>
              ) : null}
              <details>
                <summary>The full new text</summary>
                <div class="userstuff" dangerouslySetInnerHTML={{ __html: document.body }} />
              </details>
            </section>
          ))}
          <form method="post" action="/terms/accept">
            <CsrfField ctx={ctx} />
            {returnTo ? <input type="hidden" name="return_to" value={returnTo} /> : null}
            <Actions>
              <button type="submit">Accept</button>
            </Actions>
          </form>
          <form method="post" action="/logout" id="log-out">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button--secondary">
              Log out
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
