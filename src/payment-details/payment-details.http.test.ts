import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customer, invoice, org } from '../../test/builders.ts';
import { describeEachEngine } from '../../test/engines.ts';
import { pdfText, poppler } from '../../test/pdf.ts';
import { buildApp } from '../api/app.ts';
import { duly } from '../cli/testing.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createApiToken } from '../orgs/tokens.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'duly-invoice-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeEachEngine('GET /api/v1/invoices/{id}/pdf', (ctx) => {
  let app: FastifyInstance;
  let auth: Record<string, string>;
  let otherAuth: Record<string, string>;
  let ids: { issued: string; draft: string };
  beforeAll(async () => {
    const db = ctx().handle.db;
    app = await buildApp({ db });
    const o = await org(db, { bankAccounts: [{ iban: 'CZ6508000000192000145399', currency: 'CZK' }] });
    auth = { authorization: `Bearer ${(await createApiToken(db, o.id, 'test')).token}` };
    const other = await org(db, { legalName: 'Other B.V.', country: 'NL' });
    otherAuth = { authorization: `Bearer ${(await createApiToken(db, other.id, 'test')).token}` };
    const c = await customer(db, o, { name: 'Pila Vyškov s.r.o.' });
    ids = {
      issued: (await invoice(db, o.id, c.id, { number: '2026-000777' })).id,
      draft: (await invoice(db, o.id, c.id, { draft: true })).id,
    };
  });
  const get = (id: string, headers = auth) =>
    app.inject({ method: 'GET', url: `/api/v1/invoices/${id}/pdf`, headers });

  it('sends the PDF inline, named after the invoice number', async () => {
    const r = await get(ids.issued);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['content-disposition']).toBe('inline; filename="2026-000777.pdf"');
    expect(r.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (poppler) expect((await pdfText(new Uint8Array(r.rawPayload))).text).toContain('Pila Vyškov s.r.o.');
  });

  it("answers 404 for another organisation's invoice and 422 for a draft", async () => {
    expect((await get(ids.issued, otherAuth)).statusCode).toBe(404);
    const draft = await get(ids.draft);
    expect([draft.statusCode, draft.json().code]).toEqual([422, 'validation_failed']);
  });
});

it('duly invoice pdf writes the file and says where', async () => {
  const file = join(dir, 'cli.db');
  const handle = openDatabase(file);
  let id: string;
  try {
    await migrateToLatest(handle.db);
    const o = await org(handle.db);
    const c = await customer(handle.db, o, { name: 'Ærøy Sjømat AS', country: 'NO' });
    id = (await invoice(handle.db, o.id, c.id, { number: '2026/0042', currency: 'NOK' })).id;
  } finally {
    await handle.close();
  }
  const out = join(dir, 'faktura.pdf');
  const r = await duly(['invoice', 'pdf', id, '--out', out, '--json'], { DATABASE_URL: file });
  expect(r.code, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ number: '2026/0042', file: out, language: 'nb' });
  const pdf = await readFile(out);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  if (poppler) expect((await pdfText(new Uint8Array(pdf))).text).toContain('Ærøy Sjømat AS');
}, 60_000);
