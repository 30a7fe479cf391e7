// Stripe's own Node library signs webhook events; the running server must
// accept exactly what Stripe signs and refuse everything else, and post each
// payment to the ledger once.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { Server, Workspace, paymentEvent as event } from './support.mjs';

const secret = 'whsec_e2e_current_secret';
const oldSecret = 'whsec_e2e_previous_secret';
const stripe = new Stripe('sk_test_unused');
const workspace = new Workspace({
  CONCIERGE_STRIPE_WEBHOOK_SECRETS: `${secret},${oldSecret}`,
  ENABLE_LEDGER_SYNC: 'true',
});
let server;
let apartment;
let charge;

const api = (...args) => server.api(...args);
const deliver = (...args) => server.deliver(...args);
const paymentEvent = (id, paymentIntent, amount) => event(id, paymentIntent, amount, charge);

before(async () => {
  workspace.run(['seed-demo']);
  workspace.run(['create-user', '--tenant', 'demo', '--email', 'e2e@demo.example', '--role',
    'manager'], 'e2e manager password\n');
  server = await Server.start(workspace);
  await server.login('e2e@demo.example', 'e2e manager password');
  apartment = (await api('GET', '/api/apartments/?page_size=1')).body.results[0].id;
  const created = await api('POST', '/api/online-payments/charges/',
    { apartment_id: apartment, amount: '50.00', description: 'e2e' });
  assert.equal(created.status, 201);
  charge = created.body.id;
});

after(async () => {
  await server?.stop();
  workspace.remove();
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
