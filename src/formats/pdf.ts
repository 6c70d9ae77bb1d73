/**
 * PDF printed by Chromium (playwright-core) from the HTML download. One browser per process,
 * launched on the first PDF and closed with the app. Pages run without JavaScript and with every
 * network request refused: images are links in the PDF, so the server never fetches addresses
 * that writers typed.
 */
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './formats.ts';

let browser: Promise<Browser> | undefined;

function launch(): Promise<Browser> {
  const launched = chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  launched.then(
    (b) =>
      b.on('disconnected', () => {
        if (browser === launched) browser = undefined;
      }),
    () => {
      if (browser === launched) browser = undefined;
    },
  );
  return launched;
}

export async function renderPdf(html: string): Promise<Uint8Array> {
  browser ??= launch();
  const context = await (await browser).newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      outline: true,
      tagged: true,
    });
    return new Uint8Array(pdf);
  } finally {
    await context.close();
  }
}

/** Closes the browser if one was launched (on app shutdown). */
export async function closePdfRenderer(): Promise<void> {
  const running = browser;
  browser = undefined;
  if (!running) return;
  try {
    await (await running).close();
  } catch {
    // It never started or is already gone.
  }
}
