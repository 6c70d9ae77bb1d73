import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { PromptFormValues, PromptMemeFormValues } from '../../domain/prompt-memes.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { fieldList } from '../work-form.ts';
import { ClaimsPage, PromptFormPage, PromptMemeSettingsPage, PromptPage, PromptsPage } from '../views/prompt-memes.tsx';
import { promptPath, promptsPath } from '../../paths.ts';

interface NameParams {
  name: string;
}
interface PromptParams {
  name: string;
  id: string;
}

function readPromptForm(body: unknown): PromptFormValues {
  return {
    title: field(body, 'title'),
    description: field(body, 'description'),
    fandoms: field(body, 'fandoms'),
    relationships: field(body, 'relationships'),
    characters: field(body, 'characters'),
    freeforms: field(body, 'freeforms'),
    anonymous: checked(body, 'anonymous'),
    pseudId: field(body, 'pseudId'),
  };
}

function readSettingsForm(body: unknown): PromptMemeFormValues {
  return {
    anonymousAllowed: checked(body, 'anonymousAllowed'),
    maxPrompts: field(body, 'maxPrompts'),
    open: checked(body, 'open'),
    opensAt: field(body, 'opensAt'),
    closesAt: field(body, 'closesAt'),
    tagKinds: fieldList(body, 'tagKinds'),
    fandomRequired: checked(body, 'fandomRequired'),
  };
}

/** Prompt memes: a collection's prompts, posting and changing them, claims, and the owners' settings. */
export async function promptMemeRoutes(app: FastifyInstance) {
  const memes = app.quire.archive.promptMemes;

  app.get<{ Params: NameParams }>('/collections/:name/prompt-meme', async (request, reply) => {
    const { collection, values, existing } = await memes.settingsForm(request.viewer, request.params.name);
    return sendPage(request, reply, (ctx) => (
      <PromptMemeSettingsPage ctx={ctx} collection={collection} values={values} errors={{}} existing={existing} />
    ));
  });

  app.post<{ Params: NameParams }>('/collections/:name/prompt-meme', async (request, reply) => {
    const values = readSettingsForm(request.body);
    try {
      const collection = await memes.saveSettings(request.viewer, request.params.name, values);
      setFlash(reply, 'The prompt meme settings were saved.');
      return reply.redirect(promptsPath(collection.name), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { collection, existing } = await memes.settingsForm(request.viewer, request.params.name);
      return sendPage(
        request,
        reply,
        (ctx) => (
          <PromptMemeSettingsPage
            ctx={ctx}
            collection={collection}
            values={values}
            errors={error.fieldErrors}
            existing={existing}
          />
        ),
        422,
      );
    }
  });

  app.get<{ Params: NameParams }>('/collections/:name/prompts', async (request, reply) => {
    const view = await memes.list(request.viewer, request.params.name, {
      tag: queryParam(request.query, 'tag'),
      claimed: queryParam(request.query, 'claimed'),
      filled: queryParam(request.query, 'filled'),
      sort: queryParam(request.query, 'sort'),
      page: queryParam(request.query, 'page'),
    });
    return sendPage(request, reply, (ctx) => <PromptsPage ctx={ctx} view={view} />);
  });

  app.get<{ Params: NameParams }>('/collections/:name/prompts/new', async (request, reply) => {
    const form = await memes.newForm(request.viewer, request.params.name);
    return sendPage(request, reply, (ctx) => <PromptFormPage ctx={ctx} {...form} errors={{}} />);
  });

  app.post<{ Params: NameParams }>('/collections/:name/prompts', async (request, reply) => {
    const values = readPromptForm(request.body);
    try {
      const { collection, id } = await memes.post(request.viewer, request.params.name, values);
      setFlash(reply, 'Your prompt was posted.');
      return reply.redirect(promptPath(collection.name, id), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const form = await memes.newForm(request.viewer, request.params.name);
      return sendPage(
        request,
        reply,
        (ctx) => <PromptFormPage ctx={ctx} {...form} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  });

  app.get<{ Params: PromptParams }>('/collections/:name/prompts/:id', async (request, reply) => {
    const view = await memes.show(request.viewer, request.params.name, request.params.id);
    return sendPage(request, reply, (ctx) => <PromptPage ctx={ctx} view={view} />);
  });

  app.get<{ Params: PromptParams }>('/collections/:name/prompts/:id/edit', async (request, reply) => {
    const form = await memes.editForm(request.viewer, request.params.name, request.params.id);
    return sendPage(request, reply, (ctx) => (
      <PromptFormPage ctx={ctx} {...form} promptId={form.prompt.id} errors={{}} />
    ));
  });

  app.post<{ Params: PromptParams }>('/collections/:name/prompts/:id', async (request, reply) => {
    const values = readPromptForm(request.body);
    const { name, id } = request.params;
    try {
      const collection = await memes.save(request.viewer, name, id, values);
      setFlash(reply, 'The prompt was saved.');
      return reply.redirect(promptPath(collection.name, Number(id)), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const form = await memes.editForm(request.viewer, name, id);
      return sendPage(
        request,
        reply,
        (ctx) => (
          <PromptFormPage ctx={ctx} {...form} promptId={form.prompt.id} values={values} errors={error.fieldErrors} />
        ),
        422,
      );
    }
  });

  app.post<{ Params: PromptParams }>('/collections/:name/prompts/:id/delete', async (request, reply) => {
    const { name, id } = request.params;
    if (!checked(request.body, 'confirm')) {
      const view = await memes.show(request.viewer, name, id);
      const errors = { confirm: 'Tick the box to confirm that the prompt is to be deleted.' };
      return sendPage(request, reply, (ctx) => <PromptPage ctx={ctx} view={view} errors={errors} />, 422);
    }
    const collection = await memes.delete(request.viewer, name, id);
    setFlash(reply, 'The prompt was deleted.');
    return reply.redirect(promptsPath(collection.name), 303);
  });

  app.post<{ Params: PromptParams }>('/collections/:name/prompts/:id/claim', async (request, reply) => {
    const { collection, prompt } = await memes.claim(request.viewer, request.params.name, request.params.id);
    setFlash(reply, `You claimed “${prompt.title}”.`);
    return reply.redirect(promptPath(collection.name, prompt.id), 303);
  });

  app.post<{ Params: PromptParams }>('/collections/:name/prompts/:id/unclaim', async (request, reply) => {
    const { collection, prompt } = await memes.unclaim(request.viewer, request.params.name, request.params.id);
    setFlash(reply, `You dropped your claim on “${prompt.title}”.`);
    return reply.redirect(promptPath(collection.name, prompt.id), 303);
  });

  /** A short address for a prompt (the posting form names it so): its page under its collection. */
  app.get<{ Params: { id: string } }>('/prompts/:id', async (request, reply) => {
    const name = await memes.collectionNameOf(request.params.id);
    return reply.redirect(promptPath(name, Number(request.params.id)), 303);
  });

  app.get<{ Params: { login: string } }>('/users/:login/claims', async (request, reply) => {
    const claims = await memes.claimsOf(request.viewer, request.params.login);
    return sendPage(request, reply, (ctx) => <ClaimsPage ctx={ctx} claims={claims} />);
  });
}
