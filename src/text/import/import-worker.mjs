// A thread that imports (isolated.ts). The archive's TypeScript runs through tsx's loader,
// registered here because a worker does not share its parent's loader.
import { TextEncoder } from 'node:util';
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../../tsconfig.json', import.meta.url).pathname });
const { runImport } = await import('./import-job.ts');

// The first import a thread reads compiles much of the importer (a quarter of a second or more):
// done here, while the thread starts, so that it is not counted in a writer's file's time limit.
await runImport({
  files: [{ name: 'warm-up.txt', bytes: new TextEncoder().encode('Harbour Lights\n\nThe tide came in.') }],
  knownTags: { fandoms: [], characters: [] },
});

export default runImport;
