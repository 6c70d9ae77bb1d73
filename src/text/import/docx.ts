/** Word documents (.docx) to HTML with mammoth; a file that is not a readable document is one clear error. */
import { zipSync } from 'fflate';
import mammoth from 'mammoth';
import { ImportError } from './errors.ts';
import { ZipArchive } from './zip.ts';

/** Word's Title and Subtitle styles are headings too; mammoth keeps bold, italics, lists and tables on its own. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

/**
 * mammoth inflates the whole archive with no limit, so it is given the document unpacked within
 * the budget and packed again without compression: it then cannot inflate to more than that.
 */
async function withinBudget(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await ZipArchive.open(bytes, '.docx file', unreadable);
  try {
    return zipSync(await zip.readAll(), { level: 0 });
  } finally {
    zip.close();
  }
}

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  const unpacked = await withinBudget(bytes);
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(unpacked.buffer, unpacked.byteOffset, unpacked.byteLength) },
      { styleMap: STYLE_MAP },
    );
    return result.value;
  } catch (error) {
    throw unreadable((error as Error).message);
  }
}

function unreadable(reason: string): ImportError {
  return new ImportError(
    `this .docx file cannot be read (${reason.split('\n')[0]}). Open it in a word processor and save it again.`,
  );
}
