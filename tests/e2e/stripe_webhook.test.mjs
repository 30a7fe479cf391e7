// Stripe's own Node library signs webhook events; the running server must
// accept exactly what Stripe signs and refuse everything else, and post each
// payment to the ledger once.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Stripe from 'stripe';

const binary = process.env.CONCIERGE_BINARY;
const secret = 'whsec_e2e_current_secret';
const oldSecret = 'whsec_e2e_previous_secret';
const stripe = new Stripe('sk_test_unused');
const workspace = mkdtempSync(join(tmpdir(), 'concierge-e2e-'));
const env = {
  ...process.env,
  CONCIERGE_DATABASE_URL: `sqlite://${workspace}/concierge.db`,
  CONCIERGE_DATA_DIR: workspace,
  CONCIERGE_SECRET_KEY: 'e2e-secret-key-0123456789abcdefghijklmnop',
  CONCIERGE_STRIPE_WEBHOOK_SECRETS: `${secret},${oldSecret}`,
  CONCIERGE_LOG_LEVEL: 'warn',
  ENABLE_LEDGER_SYNC: 'true',
};
let server;
let base;
let token;
let apartment;
let charge;

function concierge(args, input = '') {
  const result = spawnSync(binary, args, { env, input, encoding: 'utf8' });
  assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function api(method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

function paymentEvent(id, paymentIntent, amount) {
  return JSON.stringify({
    id,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: paymentIntent,
        object: 'payment_intent',
        amount,
        amount_received: amount,
        currency: 'eur',
        metadata: { online_charge_id: String(charge), tenant_id: '1' },
      },
    },
  });
}

async function deliver(payload, header) {
  const response = await fetch(`${base}/api/online-payments/webhooks/stripe/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Stripe-Signature': header },
    body: payload,
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

before(async () => {
  concierge(['seed-demo']);
  concierge(['create-user', '--tenant', 'demo', '--email', 'e2e@demo.example', '--role',
    'manager'], 'e2e manager password\n');
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(binary, ['serve'], {
    env: { ...env, CONCIERGE_LISTEN: `127.0.0.1:${port}` },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i += 1) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch { /* not listening yet */ }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const login = await fetch(`${base}/api/auth/login/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'e2e@demo.example', password: 'e2e manager password' }),
  });
  token = (await login.json()).access;
  apartment = (await api('GET', '/api/apartments/?page_size=1')).body.results[0].id;
  const created = await api('POST', '/api/online-payments/charges/',
    { apartment_id: apartment, amount: '50.00', description: 'e2e' });
  assert.equal(created.status, 201);
  charge = created.body.id;
});

after(() => {
  server?.kill('SIGTERM');
  rmSync(workspace, { recursive: true, force: true });
});

test('an event signed by Stripe\'s library is accepted once and replays change nothing', async () => {
  const payload = paymentEvent('evt_e2e_1', 'pi_e2e_1', 5000);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  const first = await deliver(payload, header);
  assert.equal(first.status, 200);
  assert.equal(first.body.outcome, 'processed');
  const replay = await deliver(payload, header);
  assert.equal(replay.status, 200);
  assert.equal(replay.body.outcome, 'duplicate');

  const statement = await api('GET', `/api/apartments/${apartment}/statement/`);
  const online = statement.body.entries.filter((entry) => entry.source === 'online');
  assert.deepEqual(online.map((entry) => entry.amount), ['-50.00']);
  const paid = await api('GET', `/api/online-payments/charges/${charge}/`);
  assert.equal(paid.body.status, 'paid');
});

test('a secret still configured during rotation is accepted', async () => {
  const payload = paymentEvent('evt_e2e_2', 'pi_e2e_2', 5000);
  const header = stripe.webhooks.generateTestHeaderString({ payload, secret: oldSecret });
  assert.equal((await deliver(payload, header)).status, 200);
});

test('what Stripe did not sign is refused', async () => {
  const payload = paymentEvent('evt_e2e_3', 'pi_e2e_3', 5000);
  const wrongSecret = stripe.webhooks.generateTestHeaderString({
    payload, secret: 'whsec_someone_else',
  });
  assert.equal((await deliver(payload, wrongSecret)).status, 400);

  const header = stripe.webhooks.generateTestHeaderString({ payload, secret });
  const tampered = payload.replace('"amount":5000', '"amount":5001');
  assert.equal((await deliver(tampered, header)).status, 400);

  const stale = stripe.webhooks.generateTestHeaderString({
    payload, secret, timestamp: Math.floor(Date.now() / 1000) - 301,
  });
  assert.equal((await deliver(payload, stale)).status, 400);

  const malformed = await deliver(payload, 't=abc,v1=00');
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.code, 'invalid_signature_header');
});
