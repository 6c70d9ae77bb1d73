import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { logIn } from '../session.ts';
import { SignUpPage } from '../views/accounts.tsx';
import { userPath } from '../../paths.ts';

export async function signUpRoutes(app: FastifyInstance) {
  const { archive, config } = app.quire;

  app.get('/signup', async (request, reply) => {
    if (request.viewer) return reply.redirect(userPath(request.viewer.login), 303);
    const mode = await archive.invitations.signUpState(queryParam(request.query, 'invitation'));
    return sendPage(request, reply, (ctx) => (
      <SignUpPage
        ctx={ctx}
        values={{ login: '', email: '', acceptTerms: false, invitation: mode.invitation }}
        errors={{}}
        mode={mode}
      />
    ));
  });

  app.post(
    '/signup',
    { config: { rateLimit: { max: config.rateLimits.signup.max, timeWindow: config.rateLimits.signup.windowMs } } },
    async (request, reply) => {
      const values = {
        login: field(request.body, 'login'),
        email: field(request.body, 'email'),
        acceptTerms: checked(request.body, 'acceptTerms'),
        invitation: field(request.body, 'invitation'),
      };
      try {
        const user = await archive.accounts.signUp({
          ...values,
          password: field(request.body, 'password'),
          passwordConfirmation: field(request.body, 'passwordConfirmation'),
        });
        await logIn(request, reply, user, false);
        setFlash(reply, `Welcome, ${user.login}! Your account is ready, and ${user.login} is your first pen name.`);
        return reply.redirect(userPath(user.login), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const mode = await archive.invitations.signUpState(values.invitation);
        return sendPage(
          request,
          reply,
          (ctx) => <SignUpPage ctx={ctx} values={values} errors={error.fieldErrors} mode={mode} />,
          422,
        );
      }
    },
  );
}
