/** What the import worker thread does with one request: the import, with its outcome as plain data. */
import { ImportError } from './errors.ts';
import { importWork } from './index.ts';
import type { ImportAnswer, ImportRequest } from './isolated.ts';

export async function runImport(request: ImportRequest): Promise<ImportAnswer> {
  request.started?.postMessage('started');
  request.started?.close();
  try {
    return {
      work: await importWork(request.files, { knownTags: request.knownTags, paragraphWords: request.paragraphWords }),
    };
  } catch (error) {
    if (error instanceof ImportError) {
      const message = error.file ? error.message.slice(error.file.length + 2) : error.message;
      return { importError: { message, file: error.file } };
    }
    const { message, stack } = error as Error;
    return { failure: { message, stack } };
  }
}
