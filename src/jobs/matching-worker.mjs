// A thread that generates gift exchange assignments (gift-exchange-matching.ts), so that a large
// exchange's matching never holds up the page requests of the process running the job. The
// archive's TypeScript runs through tsx's loader, registered here because a worker does not share
// its parent's loader.
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname });
await import('./matching-thread.ts');
