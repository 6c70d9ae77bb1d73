import { CsrfField, type PageContext } from './layout.tsx';
import { Actions, Checkbox, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';

/** The admin settings page's crawler list: as saved, or as typed when it was refused. */
export interface CrawlerSettingsValues {
  crawlers: string;
  errors?: FieldErrors;
}

/** On the admin settings page: the AI crawlers robots.txt turns away, one name a line. */
export function CrawlerSettingsSection({ ctx, values }: { ctx: PageContext; values: CrawlerSettingsValues }) {
  const errors = values.errors ?? {};
  return (
    <section aria-labelledby="crawlers-heading">
      <h2 id="crawlers-heading">Crawlers</h2>
      <p>
        <a href="/robots.txt">robots.txt</a> asks the crawlers named here to stay away from the whole archive. Other
        crawlers may read works, tags and user pages (but not accounts, forms, searches or downloads), and find them in
        the <a href="/sitemap.xml">sitemap</a>. Works and members that asked not to be indexed are left out of it and
        say so on every page.
      </p>
      <ErrorSummary errors={errors} labels={{ crawlers: 'Crawlers turned away' }} />
      <form method="post" action="/admin/settings/crawlers" novalidate>
        <CsrfField ctx={ctx} />
        <TextField
          name="crawlers"
          label="Crawlers turned away"
          multiline
          value={values.crawlers}
          error={errors.crawlers}
          hint="One crawler's name (its robots.txt user agent, like GPTBot) a line. Empty the list to turn none away."
        />
        <Actions>
          <button type="submit">Save crawler list</button>
        </Actions>
      </form>
    </section>
  );
}

/** On the account page: the member's choice for all their works and their user and pen name pages. */
export function AccountCrawlerSection({ ctx, noindex }: { ctx: PageContext; noindex: boolean }) {
  return (
    <section aria-labelledby="crawlers-heading">
      <h2 id="crawlers-heading">Search engines and AI crawlers</h2>
      <p>
        This applies to all your works (whatever each work's own choice) and to your user and pen name pages: they say
        noindex, noai and noimageai, and are left out of the archive's sitemap. Crawlers that follow the rules honour
        it; the archive cannot stop those that do not.
      </p>
      <form method="post" action="/account/crawlers">
        <CsrfField ctx={ctx} />
        <Checkbox
          name="noindex"
          label="Ask search engines and AI crawlers not to index my works and pages"
          checked={noindex}
        />
        <Actions>
          <button type="submit">Save choice</button>
        </Actions>
      </form>
    </section>
  );
}
