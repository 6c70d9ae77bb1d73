import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { CollectionFormValues } from '../../domain/collections.ts';
import type { FieldErrors } from '../views/forms.tsx';
import { PAGE_SIZE, parseWorkFilters, readWorkFilterForm } from '../../domain/work-filters.ts';
import { FEED_PAGE_SIZE } from '../../domain/feeds.ts';
import { collectionFormValues } from '../../app/collections.ts';
import { ATOM_FEED_TYPE, worksFeed } from '../../formats/feeds.ts';
import { feedSite } from '../feed-site.ts';
import { sendCacheable } from '../http-cache.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { fieldList } from '../work-form.ts';
import {
  CollectionBookmarksPage,
  CollectionFormPage,
  CollectionPage,
  CollectionsIndexPage,
  CollectionWorksPage,
  ItemsPage,
  ParticipantsPage,
  WorkCollectionsPage,
} from '../views/collections.tsx';
import { collectionPath, workCollectionsPath } from '../../paths.ts';

interface NameParams {
  name: string;
}

function readCollectionForm(body: unknown): CollectionFormValues {
  return {
    name: field(body, 'name'),
    title: field(body, 'title'),
    description: field(body, 'description'),
    rules: field(body, 'rules'),
    faq: field(body, 'faq'),
    parentId: field(body, 'parentId'),
    pseudId: field(body, 'pseudId'),
    open: checked(body, 'open'),
    moderated: checked(body, 'moderated'),
    unrevealed: checked(body, 'unrevealed'),
    anonymous: checked(body, 'anonymous'),
    revealWorksAt: field(body, 'revealWorksAt'),
    revealCreatorsAt: field(body, 'revealCreatorsAt'),
  };
}

/** Collections: the list, each collection's pages, and what its owners, moderators and members do there. */
export async function collectionRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const collections = archive.collections;

  app.get('/collections', async (request, reply) => {
    const query = {
      q: queryParam(request.query, 'q'),
      status: queryParam(request.query, 'status'),
      sort: queryParam(request.query, 'sort'),
      page: queryParam(request.query, 'page'),
    };
    const list = await collections.list(query);
    return sendPage(request, reply, (ctx) => <CollectionsIndexPage ctx={ctx} list={list} query={query} />);
  });

  app.get('/collections/new', async (request, reply) => {
    const { pseuds, parents } = await collections.newForm(request.viewer);
    const values: CollectionFormValues = {
      ...readCollectionForm({}),
      open: true,
      pseudId: String((pseuds.find((p) => p.isDefault) ?? pseuds[0])?.id ?? ''),
    };
    return sendPage(request, reply, (ctx) => (
      <CollectionFormPage ctx={ctx} values={values} errors={{}} pseuds={pseuds} parents={parents} />
    ));
  });

  app.post('/collections', async (request, reply) => {
    const values = readCollectionForm(request.body);
    try {
      const name = await collections.create(request.viewer, values);
      setFlash(reply, 'The collection was created.');
      return reply.redirect(collectionPath(name), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { pseuds, parents } = await collections.newForm(request.viewer);
      return sendPage(
        request,
        reply,
        (ctx) => (
          <CollectionFormPage ctx={ctx} values={values} errors={error.fieldErrors} pseuds={pseuds} parents={parents} />
        ),
        422,
      );
    }
  });

  app.get<{ Params: NameParams }>('/collections/:name', async (request, reply) => {
    const profile = await collections.profile(request.viewer, request.params.name);
    return sendPage(request, reply, (ctx) => <CollectionPage ctx={ctx} profile={profile} />);
  });

  /** The settings page of a collection: as saved, or as typed with what is wrong with it (422). */
  async function settingsPage(
    request: FastifyRequest<{ Params: NameParams }>,
    reply: FastifyReply,
    typed?: { values: CollectionFormValues; errors: FieldErrors },
  ) {
    const { collection, parents, hasChildren } = await collections.editForm(request.viewer, request.params.name);
    return sendPage(
      request,
      reply,
      (ctx) => (
        <CollectionFormPage
          ctx={ctx}
          collection={collection}
          values={typed?.values ?? collectionFormValues(collection)}
          errors={typed?.errors ?? {}}
          pseuds={[]}
          parents={parents}
          hasChildren={hasChildren}
        />
      ),
      typed ? 422 : 200,
    );
  }

  app.get<{ Params: NameParams }>('/collections/:name/edit', (request, reply) => settingsPage(request, reply));

  app.post<{ Params: NameParams }>('/collections/:name', async (request, reply) => {
    const values = readCollectionForm(request.body);
    try {
      const collection = await collections.save(request.viewer, request.params.name, values);
      setFlash(reply, 'The settings were saved.');
      return reply.redirect(collectionPath(collection.name), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return settingsPage(request, reply, { values, errors: error.fieldErrors });
    }
  });

  app.post<{ Params: NameParams }>('/collections/:name/delete', async (request, reply) => {
    try {
      const collection = await collections.delete(
        request.viewer,
        request.params.name,
        checked(request.body, 'confirm'),
      );
      setFlash(reply, `The collection ${collection.title} was deleted.`);
      return reply.redirect('/collections', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { collection } = await collections.editForm(request.viewer, request.params.name);
      return settingsPage(request, reply, { values: collectionFormValues(collection), errors: error.fieldErrors });
    }
  });

  app.get<{ Params: NameParams }>('/collections/:name/works', async (request, reply) => {
    const form = readWorkFilterForm(request.query);
    const { filters, errors } = parseWorkFilters(form);
    const failed = Object.keys(errors).length > 0;
    const { collection, result } = await collections.works(
      request.viewer,
      request.params.name,
      failed ? null : filters,
    );
    return sendPage(
      request,
      reply,
      (ctx) => (
        <CollectionWorksPage
          ctx={ctx}
          collection={collection}
          result={result}
          form={form}
          errors={errors}
          page={failed ? 1 : filters.page}
          pageSize={PAGE_SIZE}
        />
      ),
      failed ? 400 : 200,
    );
  });

  app.get<{ Params: NameParams }>('/collections/:name/works.atom', async (request, reply) => {
    const list = await collections.feedWorks(request.params.name, queryParam(request.query, 'page'));
    const { collection } = list;
    const feed = worksFeed(feedSite(request, reply), {
      title: `Works in ${collection.title}`,
      path: collectionPath(collection.name, 'works.atom'),
      pagePath: collectionPath(collection.name, 'works'),
      emptyUpdated: collection.createdAt,
      works: list.works,
      page: { page: list.page, pageSize: FEED_PAGE_SIZE, total: list.total },
    });
    return sendCacheable(request, reply, feed.xml, ATOM_FEED_TYPE, feed.updated);
  });

  app.post<{ Params: NameParams }>('/collections/:name/works', async (request, reply) => {
    const { collection, pending } = await collections.addOwnWork(
      request.viewer,
      request.params.name,
      field(request.body, 'work'),
    );
    setFlash(
      reply,
      pending
        ? 'Your work was added: it waits for the maintainers’ approval.'
        : 'Your work was added to the collection.',
    );
    return reply.redirect(collectionPath(collection.name), 303);
  });

  app.get<{ Params: NameParams }>('/collections/:name/bookmarks', async (request, reply) => {
    const { collection, bookmarks } = await collections.bookmarks(request.viewer, request.params.name);
    const powers = await collections.powers(request.viewer, collection);
    return sendPage(request, reply, (ctx) => (
      <CollectionBookmarksPage ctx={ctx} collection={collection} powers={powers} bookmarks={bookmarks} />
    ));
  });

  app.post<{ Params: NameParams }>('/collections/:name/bookmarks', async (request, reply) => {
    const { collection, pending } = await collections.addOwnBookmark(
      request.viewer,
      request.params.name,
      field(request.body, 'bookmark'),
    );
    setFlash(
      reply,
      pending
        ? 'Your bookmark was added: it waits for the maintainers’ approval.'
        : 'Your bookmark was added to the collection.',
    );
    return reply.redirect(collectionPath(collection.name, 'bookmarks'), 303);
  });

  // ——— participants ———

  async function participantsPage(
    request: FastifyRequest<{ Params: NameParams }>,
    reply: FastifyReply,
    error?: ValidationError,
    login = '',
  ) {
    const view = await collections.participants(request.viewer, request.params.name);
    return sendPage(
      request,
      reply,
      (ctx) => <ParticipantsPage ctx={ctx} view={view} errors={error?.fieldErrors ?? {}} login={login} />,
      error ? 422 : 200,
    );
  }

  /** Runs a change to the participants, then back to their page (with the problem, if any). */
  async function changeParticipants(
    request: FastifyRequest<{ Params: NameParams }>,
    reply: FastifyReply,
    change: () => Promise<unknown>,
    message: string,
    login = '',
  ) {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return participantsPage(request, reply, error, login);
    }
    setFlash(reply, message);
    return reply.redirect(collectionPath(request.params.name, 'participants'), 303);
  }

  app.get<{ Params: NameParams }>('/collections/:name/participants', (request, reply) =>
    participantsPage(request, reply),
  );

  app.post<{ Params: NameParams }>('/collections/:name/participants/join', (request, reply) =>
    changeParticipants(
      request,
      reply,
      () => collections.join(request.viewer, request.params.name, field(request.body, 'pseudId')),
      'You joined the collection.',
    ),
  );

  app.post<{ Params: NameParams }>('/collections/:name/participants/leave', (request, reply) =>
    changeParticipants(
      request,
      reply,
      () => collections.leave(request.viewer, request.params.name),
      'You left the collection.',
    ),
  );

  app.post<{ Params: NameParams }>('/collections/:name/participants', (request, reply) => {
    const login = field(request.body, 'login');
    return changeParticipants(
      request,
      reply,
      () => collections.addParticipant(request.viewer, request.params.name, login, field(request.body, 'role')),
      `${login.trim()} takes part in the collection.`,
      login,
    );
  });

  app.post<{ Params: NameParams & { userId: string } }>('/collections/:name/participants/:userId', (request, reply) =>
    changeParticipants(
      request,
      reply,
      () =>
        collections.setRole(request.viewer, request.params.name, request.params.userId, field(request.body, 'role')),
      'The participants were changed.',
    ),
  );

  // ——— items, invitations, reveals ———

  async function itemsPage(
    request: FastifyRequest<{ Params: NameParams }>,
    reply: FastifyReply,
    error?: ValidationError,
    workRef = '',
  ) {
    const view = await collections.items(request.viewer, request.params.name);
    return sendPage(
      request,
      reply,
      (ctx) => <ItemsPage ctx={ctx} {...view} errors={error?.fieldErrors ?? {}} workRef={workRef} />,
      error ? 422 : 200,
    );
  }

  app.get<{ Params: NameParams }>('/collections/:name/items', (request, reply) => itemsPage(request, reply));

  app.post<{ Params: NameParams }>('/collections/:name/items', async (request, reply) => {
    const action = field(request.body, 'action');
    try {
      await collections.moderate(request.viewer, request.params.name, fieldList(request.body, 'items'), action);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return itemsPage(request, reply, error);
    }
    const done: Record<string, string> = { approve: 'approved', reject: 'rejected', remove: 'removed' };
    setFlash(reply, `The item was ${done[action]}.`);
    return reply.redirect(collectionPath(request.params.name, 'items'), 303);
  });

  app.post<{ Params: NameParams }>('/collections/:name/invite', async (request, reply) => {
    const workRef = field(request.body, 'work');
    try {
      const { work } = await collections.inviteWork(request.viewer, request.params.name, workRef);
      setFlash(reply, `${work.title} was invited: it joins once its creators accept.`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return itemsPage(request, reply, error, workRef);
    }
    return reply.redirect(collectionPath(request.params.name, 'items'), 303);
  });

  app.post<{ Params: NameParams }>('/collections/:name/reveal', async (request, reply) => {
    const what = field(request.body, 'what');
    await collections.reveal(request.viewer, request.params.name, what);
    setFlash(reply, what === 'works' ? 'The works were revealed.' : 'The creators were revealed.');
    return reply.redirect(collectionPath(request.params.name, 'items'), 303);
  });

  // ——— a work's collections, for its creators ———

  app.get<{ Params: { id: string } }>('/works/:id/collections', async (request, reply) => {
    const { work, items } = await collections.workItems(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <WorkCollectionsPage ctx={ctx} work={work} items={items} />);
  });

  app.post<{ Params: { id: string; itemId: string } }>('/works/:id/collections/:itemId', async (request, reply) => {
    const answer = field(request.body, 'answer');
    const item = await collections.answer(request.viewer, request.params.id, request.params.itemId, answer);
    const said: Record<string, string> = {
      accept: `Your work joined ${item.collection.title}.`,
      decline: `You declined the invitation of ${item.collection.title}.`,
      remove: `Your work was taken out of ${item.collection.title}.`,
    };
    setFlash(reply, said[answer] ?? 'Saved.');
    return reply.redirect(workCollectionsPath(Number(request.params.id)), 303);
  });
}
