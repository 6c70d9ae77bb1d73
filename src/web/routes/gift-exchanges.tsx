import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { FieldErrors } from '../views/forms.tsx';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import {
  type TypedName,
  AssignmentsPage,
  ExchangePage,
  ExchangeSettingsPage,
  MyAssignmentsPage,
  SignUpFormPage,
  SignUpPage,
  SignUpsPage,
  SummaryPage,
} from '../views/gift-exchanges.tsx';
import { collectionPath } from '../../paths.ts';

interface NameParams {
  name: string;
}

interface AssignmentParams extends NameParams {
  id: string;
}

/** A form body as plain fields (the exchange forms have many, named by side, slot and tag kind). */
function formFields(body: unknown): Record<string, string> {
  const fields: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return fields;
  for (const key of Object.keys(body)) if (key !== '_csrf') fields[key] = field(body, key);
  return fields;
}

/** Gift exchanges: settings, sign-ups, the summary, matching and assignments, pinch hits. */
export async function giftExchangeRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const exchanges = archive.giftExchanges;
  const collections = archive.collections;

  app.get<{ Params: NameParams }>('/collections/:name/exchange', async (request, reply) => {
    const view = await exchanges.overview(request.viewer, request.params.name);
    return sendPage(request, reply, (ctx) => <ExchangePage ctx={ctx} view={view} />);
  });

  async function settingsPage(
    request: FastifyRequest<{ Params: NameParams }>,
    reply: FastifyReply,
    sent?: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const form = await exchanges.settingsForm(request.viewer, request.params.name);
    return sendPage(
      request,
      reply,
      (ctx) => (
        <ExchangeSettingsPage
          ctx={ctx}
          collection={form.collection}
          powers={form.powers}
          values={sent?.values ?? form.values}
          errors={sent?.errors ?? {}}
          existing={form.existing}
        />
      ),
      sent ? 422 : 200,
    );
  }

  app.get<{ Params: NameParams }>('/collections/:name/exchange/settings', (request, reply) =>
    settingsPage(request, reply),
  );

  app.post<{ Params: NameParams }>('/collections/:name/exchange/settings', async (request, reply) => {
    const values = formFields(request.body);
    try {
      const collection = await exchanges.saveSettings(request.viewer, request.params.name, values);
      setFlash(reply, 'The gift exchange settings were saved.');
      return reply.redirect(collectionPath(collection.name, 'exchange'), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return settingsPage(request, reply, { values, errors: error.fieldErrors });
    }
  });

  async function signUpPage(
    request: FastifyRequest<{ Params: NameParams }>,
    reply: FastifyReply,
    sent?: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const view = await exchanges.signUpForm(request.viewer, request.params.name, sent !== undefined);
    const powers = await collections.powers(request.viewer, view.collection);
    return sendPage(
      request,
      reply,
      (ctx) => (
        <SignUpFormPage
          ctx={ctx}
          view={view}
          powers={powers}
          values={sent?.values ?? view.values}
          errors={sent?.errors ?? {}}
        />
      ),
      sent ? 422 : 200,
    );
  }

  app.get<{ Params: NameParams }>('/collections/:name/signup', (request, reply) => signUpPage(request, reply));

  app.post<{ Params: NameParams }>('/collections/:name/signup', async (request, reply) => {
    const values = formFields(request.body);
    try {
      const { collection, created } = await exchanges.saveSignUp(request.viewer, request.params.name, values);
      setFlash(reply, created ? 'You are signed up.' : 'Your sign-up was saved.');
      return reply.redirect(collectionPath(collection.name, 'exchange'), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return signUpPage(request, reply, { values, errors: error.fieldErrors });
    }
  });

  app.post<{ Params: NameParams }>('/collections/:name/signup/delete', async (request, reply) => {
    const collection = await exchanges.withdraw(request.viewer, request.params.name);
    setFlash(reply, 'Your sign-up was withdrawn.');
    return reply.redirect(collectionPath(collection.name, 'exchange'), 303);
  });

  app.get<{ Params: NameParams }>('/collections/:name/signups', async (request, reply) => {
    const view = await exchanges.signUps(request.viewer, request.params.name, {
      page: queryParam(request.query, 'page'),
      sort: queryParam(request.query, 'sort'),
    });
    return sendPage(request, reply, (ctx) => <SignUpsPage ctx={ctx} view={view} />);
  });

  app.get<{ Params: AssignmentParams }>('/collections/:name/signups/:id', async (request, reply) => {
    const { collection, powers, signUp } = await exchanges.signUp(
      request.viewer,
      request.params.name,
      request.params.id,
    );
    return sendPage(request, reply, (ctx) => (
      <SignUpPage ctx={ctx} collection={collection} powers={powers} signUp={signUp} />
    ));
  });

  app.get<{ Params: NameParams }>('/collections/:name/signups/summary', async (request, reply) => {
    const summary = await exchanges.summary(request.viewer, request.params.name);
    return sendPage(request, reply, (ctx) => <SummaryPage ctx={ctx} summary={summary} />);
  });

  async function assignmentsPage(
    request: FastifyRequest<{ Params: NameParams }>,
    reply: FastifyReply,
    refused?: { errors: FieldErrors; typed: TypedName },
  ) {
    const page = refused ? sentFromPage(request.body) : queryParam(request.query, 'page');
    const view = await exchanges.matching(request.viewer, request.params.name, page);
    return sendPage(
      request,
      reply,
      (ctx) => <AssignmentsPage ctx={ctx} view={view} errors={refused?.errors} typed={refused?.typed} />,
      refused ? 422 : 200,
    );
  }

  /** The field a refused name was typed in (a draft's "change writer", or a receiver's "writer"/"pinch hitter"). */
  function typedName(body: unknown, name: 'giver' | 'pinchHitter'): TypedName {
    const assignment = field(body, 'assignment');
    return {
      field: assignment ? `giver-${assignment}` : `writer-for-${field(body, 'receiver')}`,
      value: field(body, name),
    };
  }

  /** The page of the assignments list a form was sent from ('' for the first). */
  function sentFromPage(body: unknown): string {
    const page = field(body, 'page');
    return /^\d{1,6}$/.test(page) && Number(page) > 1 ? page : '';
  }

  /** Back to the assignments list, at the page the form was sent from. */
  function backToAssignments(collection: { name: string }, body: unknown): string {
    const page = sentFromPage(body);
    return collectionPath(collection.name, page ? `assignments?page=${page}` : 'assignments');
  }

  app.get<{ Params: NameParams }>('/collections/:name/assignments', (request, reply) =>
    assignmentsPage(request, reply),
  );

  /** Who signed up with a name holding the typed text, for the writer fields (see static/participant-suggest.js). */
  app.get<{ Params: NameParams }>('/collections/:name/participants/suggest', async (request, reply) => {
    const found = await exchanges.suggestParticipants(
      request.viewer,
      request.params.name,
      queryParam(request.query, 'q'),
    );
    return reply
      .header('cache-control', 'private, no-store')
      .send({ participants: found.map((s) => ({ login: s.login, pseudName: s.pseudName })) });
  });

  app.post<{ Params: NameParams }>('/collections/:name/assignments/generate', async (request, reply) => {
    const collection = await exchanges.generate(request.viewer, request.params.name);
    setFlash(reply, 'The matching has started: its progress shows below.');
    return reply.redirect(collectionPath(collection.name, 'assignments'), 303);
  });

  app.post<{ Params: NameParams }>('/collections/:name/assignments/giver', async (request, reply) => {
    try {
      const { collection, matches } = await exchanges.setGiver(request.viewer, request.params.name, {
        assignment: field(request.body, 'assignment'),
        receiver: field(request.body, 'receiver'),
        giver: field(request.body, 'giver'),
      });
      setFlash(
        reply,
        matches
          ? 'The assignment was changed.'
          : 'The assignment was changed, though no offer of theirs meets a request.',
      );
      return reply.redirect(backToAssignments(collection, request.body), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return assignmentsPage(request, reply, { errors: error.fieldErrors, typed: typedName(request.body, 'giver') });
    }
  });

  app.post<{ Params: AssignmentParams }>('/collections/:name/assignments/:id/delete', async (request, reply) => {
    const collection = await exchanges.deleteDraft(request.viewer, request.params.name, request.params.id);
    setFlash(reply, 'The draft assignment was removed.');
    return reply.redirect(backToAssignments(collection, request.body), 303);
  });

  app.post<{ Params: NameParams }>('/collections/:name/assignments/send', async (request, reply) => {
    const { collection, sent } = await exchanges.send(request.viewer, request.params.name);
    setFlash(reply, `${sent} assignment${sent === 1 ? ' was' : 's were'} sent.`);
    return reply.redirect(collectionPath(collection.name, 'assignments'), 303);
  });

  app.post<{ Params: NameParams }>('/collections/:name/assignments/pinch-hit', async (request, reply) => {
    try {
      const collection = await exchanges.pinchHit(request.viewer, request.params.name, {
        receiver: field(request.body, 'receiver'),
        pinchHitter: field(request.body, 'pinchHitter'),
      });
      setFlash(reply, 'The pinch hitter was assigned and told.');
      return reply.redirect(backToAssignments(collection, request.body), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return assignmentsPage(request, reply, {
        errors: error.fieldErrors,
        typed: typedName(request.body, 'pinchHitter'),
      });
    }
  });

  app.get<{ Params: NameParams }>('/collections/:name/assignments/mine', async (request, reply) => {
    const { collection, exchange, powers, assignments } = await exchanges.myAssignments(
      request.viewer,
      request.params.name,
    );
    return sendPage(request, reply, (ctx) => (
      <MyAssignmentsPage
        ctx={ctx}
        collection={collection}
        exchange={exchange}
        powers={powers}
        assignments={assignments}
      />
    ));
  });

  app.post<{ Params: AssignmentParams }>('/collections/:name/assignments/:id/default', async (request, reply) => {
    const collection = await exchanges.default(request.viewer, request.params.name, request.params.id);
    setFlash(
      reply,
      'You defaulted on your assignment. Thank you for saying so: the moderators will find a pinch hitter.',
    );
    return reply.redirect(collectionPath(collection.name, 'assignments/mine'), 303);
  });
}
