import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { bankingRoutes } from '../banking/banking.routes.ts';
import { customerRoutes } from '../customers/customers.routes.ts';
import type { Db } from '../db/database.ts';
import { dunningRoutes } from '../dunning/dunning.routes.ts';
import { lettersAndTasksRoutes } from '../dunning/letters.routes.ts';
import { outboxRoutes } from '../dunning/outbox.routes.ts';
import type { DulyErrorDetail } from '../kernel/errors.ts';
import { invoiceRoutes } from '../ledger/invoices.routes.ts';
import { paymentRoutes } from '../ledger/payments.routes.ts';
import { paymentDetailsRoutes } from '../payment-details/payment-details.routes.ts';
import { registerAuth } from './auth.ts';
import { sendProblem } from './problem.ts';

export interface AppOptions {
  readonly db: Db;
  readonly logger?: boolean;
}

function validationDetails(
  error: FastifyError & {
    validation: {
      instancePath: string;
      message?: string;
      keyword: string;
      params: Record<string, unknown>;
    }[];
  },
): DulyErrorDetail[] {
  const where = (error as { validationContext?: string }).validationContext;
  return error.validation.map((v) => {
    const path = v.instancePath.replace(/^\//, '');
    const keys = v.keyword === 'unrecognized_keys' ? (v.params.keys as string[] | undefined) : undefined;
    const field = keys?.length ? [path, keys[0]].filter(Boolean).join('/') : path || (where ?? 'body');
    const message = keys?.length
      ? `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}; check the spelling against /api/docs`
      : (v.message ?? 'invalid value');
    return { field: where && where !== 'body' ? `${where}.${field}` : field, message };
  });
}

/**
 * The HTTP shell: Fastify with zod schemas (validation and OpenAPI from the same definitions),
 * bearer-token auth, problem+json errors, and the capability route modules.
 */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 10 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = validationDetails(error as never);
      return sendProblem(reply, {
        code: 'validation_failed',
        message: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        field: errors[0]?.field,
        errors,
      });
    }
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
      return sendProblem(reply, {
        code: 'malformed_request',
        message: `the body is not valid JSON: ${error.message}`,
        field: 'body',
        hint: 'send a JSON object with Content-Type: application/json',
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, { code: 'malformed_request', message: error.message });
    }
    req.log.error(error);
    return sendProblem(reply, {
      code: 'internal_error',
      message: 'something went wrong on our side; nothing was changed',
    });
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, {
      code: 'not_found',
      message: `no route ${req.method} ${req.url.split('?')[0]}`,
      hint: 'see /api/docs',
    }),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Duly API',
        version: '1',
        description:
          'Accounts receivable: customers, invoices, credit notes, payments and the ledger. Amounts are integer ' +
          'minor units (cents) with a `currency` field. Errors are RFC 9457 problem+json with a stable `code`. ' +
          'Every POST accepts an `Idempotency-Key` header.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'npx duly token create --org ID' },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuth(app, opts.db);
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/health',
    { schema: { tags: ['system'], summary: 'Liveness check (no token needed)', security: [] } },
    async () => ({ status: 'ok' }),
  );
  await app.register(
    async (v1) => {
      await customerRoutes(v1.withTypeProvider<ZodTypeProvider>(), opts.db);
      await invoiceRoutes(v1.withTypeProvider<ZodTypeProvider>(), opts.db);
      await paymentRoutes(v1.withTypeProvider<ZodTypeProvider>(), opts.db);
      await paymentDetailsRoutes(v1.withTypeProvider<ZodTypeProvider>(), opts.db);
      await bankingRoutes(v1.withTypeProvider<ZodTypeProvider>(), opts.db);
      await dunningRoutes(v1.withTypeProvider<ZodTypeProvider>(), opts.db);
      await lettersAndTasksRoutes(v1.withTypeProvider<ZodTypeProvider>(), opts.db);
      await outboxRoutes(v1.withTypeProvider<ZodTypeProvider>(), opts.db);
    },
    { prefix: '/api/v1' },
  );
  return app;
}
