import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/database.ts';
import type { Organization } from '../orgs/organization.ts';
import { getOrganization } from '../orgs/organizations.repository.ts';
import { orgForToken } from '../orgs/tokens.ts';
import { sendProblem } from './problem.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The organisation the bearer token belongs to; every handler scopes its queries by it. */
    org: Organization;
  }
}

const PUBLIC = new Set(['/api/v1/health']);

/** Bearer-token authentication for /api/v1: resolves the token to its organisation. */
export function registerAuth(app: FastifyInstance, db: Db): void {
  app.decorateRequest('org', null as unknown as Organization);
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/v1/') || PUBLIC.has(path)) return;
    const header = req.headers.authorization;
    const token = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const orgId = token ? await orgForToken(db, token) : undefined;
    const org = orgId ? await getOrganization(db, orgId) : undefined;
    if (!org) {
      return sendProblem(reply, {
        code: 'unauthorized',
        message: header
          ? 'the API token is unknown or revoked'
          : 'send an API token: Authorization: Bearer <token>',
        hint: 'create a token with: npx duly token create --org <org id>',
      });
    }
    req.org = org;
  });
}
