import { Layout, type PageContext } from './layout.tsx';
import { logInPath } from '../../paths.ts';

const TITLES: Record<number, string> = {
  400: 'That request could not be understood',
  403: 'Not allowed',
  404: 'Page not found',
  413: 'That is too large',
  422: 'That cannot be done',
  429: 'Too many attempts',
  500: 'Something went wrong',
};

export function ErrorPage({
  ctx,
  status,
  message,
  logInReturnTo,
}: {
  ctx: PageContext;
  status: number;
  message: string;
  /** For a guest asked to log in (a registered-only work): the page to come back to. */
  logInReturnTo?: string;
}) {
  const title =
    logInReturnTo !== undefined
      ? 'For registered users'
      : (TITLES[status] ?? (status >= 500 ? TITLES[500] : TITLES[400]));
  return (
    <Layout ctx={ctx} title={title}>
      <div class="narrow">
        <h1>{title}</h1>
        <p>{message}</p>
        {logInReturnTo !== undefined ? (
          <p>
            <a href={logInPath(logInReturnTo)}>Log in</a> (you will come back here), or{' '}
            <a href="/signup">create an account</a>.
          </p>
        ) : (
          <p>
            <a href="/">Go to the home page</a>
          </p>
        )}
      </div>
    </Layout>
  );
}
