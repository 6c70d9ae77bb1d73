/** Word documents (.docx) to HTML with mammoth; a file that is not a readable document is one clear error. */
import mammoth from 'mammoth';
import { ImportError } from './errors.ts';

/** Word's Title and Subtitle styles are headings too; mammoth keeps bold, italics, lists and tables on its own. */
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => h2:fresh"];

export async function docxToHtml(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { styleMap: STYLE_MAP },
    );
    return result.value;
  } catch (error) {
    throw new ImportError(
      `this .docx file cannot be read (${(error as Error).message.split('\n')[0]}). Open it in a word processor and save it again.`,
    );
  }
}
