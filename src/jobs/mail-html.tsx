import type { ComponentChildren } from 'preact';
import { render } from 'preact-render-to-string';

/** The HTML part of a mail the archive sends: one document around `body`, titled with the subject. */
export function mailHtml(subject: string, body: ComponentChildren): string {
  return `<!doctype html>${render(
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>{subject}</title>
      </head>
      <body>{body}</body>
    </html>,
  )}`;
}
