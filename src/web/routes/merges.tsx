import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { MergeCandidate } from '../../store/index.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { fieldList } from '../work-form.ts';
import { ConfirmMergePage, MergeFormPage, type MergeChoices } from '../views/merge.tsx';
import { MERGE_PATH, workPath } from '../../paths.ts';

/** The given works ticked and numbered 1, 2, … in the given order; ids not among the candidates are not shown. */
function choicesInOrder(candidates: MergeCandidate[], workIds: string[]): MergeChoices {
  const ordered = [...new Set(workIds)].filter((id) => candidates.some((c) => String(c.id) === id));
  return Object.fromEntries(ordered.map((id, i) => [Number(id), { chosen: true, order: String(i + 1) }]));
}

/**
 * Merging works: choose (GET /works/merge), check (GET /works/merge/confirm, which changes
 * nothing, so it needs no CSRF token and survives the back button), then merge (POST /works/merge).
 */
export async function mergeRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  function sendForm(
    request: FastifyRequest,
    reply: FastifyReply,
    candidates: MergeCandidate[],
    choices: MergeChoices,
    errors: Record<string, string> = {},
  ) {
    return sendPage(
      request,
      reply,
      (ctx) => <MergeFormPage ctx={ctx} candidates={candidates} choices={choices} errors={errors} />,
      Object.keys(errors).length > 0 ? 422 : 200,
    );
  }

  app.get(MERGE_PATH, async (request, reply) => {
    const candidates = await archive.merges.candidates(request.viewer);
    return sendForm(request, reply, candidates, choicesInOrder(candidates, fieldList(request.query, 'works')));
  });

  app.get(`${MERGE_PATH}/confirm`, async (request, reply) => {
    const candidates = await archive.merges.candidates(request.viewer);
    const requested = fieldList(request.query, 'works');
    const choices = candidates.map((c) => ({
      workId: c.id,
      chosen: requested.includes(String(c.id)),
      order: field(request.query, `order-${c.id}`),
    }));
    try {
      const { plan, audienceChanges } = await archive.merges.preview(request.viewer, requested, choices);
      return sendPage(request, reply, (ctx) => (
        <ConfirmMergePage ctx={ctx} plan={plan} audienceChanges={audienceChanges} />
      ));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const asMade = Object.fromEntries(choices.map((c) => [c.workId, { chosen: c.chosen, order: c.order }]));
      return sendForm(request, reply, candidates, asMade, error.fieldErrors);
    }
  });

  app.post(MERGE_PATH, { config: { rateLimit: { max: 30, timeWindow: 60 * 60_000 } } }, async (request, reply) => {
    const posted = fieldList(request.body, 'works');
    try {
      const plan = await archive.merges.merge(request.viewer, posted);
      const chapters = plan.chapters.length;
      setFlash(
        reply,
        `Merged ${plan.mergedAway.length + 1} works into “${plan.remaining.title}”, which now has ${chapters} chapters. Their old addresses lead here.`,
      );
      return reply.redirect(workPath(plan.remaining.id), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const candidates = await archive.merges.candidates(request.viewer);
      return sendForm(request, reply, candidates, choicesInOrder(candidates, posted), error.fieldErrors);
    }
  });
}
