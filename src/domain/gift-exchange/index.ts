/** Gift exchange matching: prompts, the potential-match graph, assignments and an independent maximum. */
export * from './prompts.ts';
export * from './potential-matches.ts';
export * from './assignments.ts';
export { maximumMatchingSize } from './max-flow.ts';
