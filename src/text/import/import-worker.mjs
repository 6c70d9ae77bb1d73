// A thread that imports (isolated.ts). The archive's TypeScript runs through tsx's loader,
// registered here because a worker does not share its parent's loader.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../../tsconfig.json', import.meta.url).pathname });
const { runImport } = await import('./import-job.ts');

export default runImport;
