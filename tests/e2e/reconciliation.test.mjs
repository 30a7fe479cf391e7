// Reconciliation over HTTP, built only through the API and webhooks signed by
// Stripe's library: a payment received while ledger sync was off is listed
// after the flag is turned on, exported as CSV, repaired once by resync, and
// shown next to its ledger credit in the ledger view.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { Server, Workspace, paymentEvent } from './support.mjs';

const secret = 'whsec_e2e_reconciliation';
const stripe = new Stripe('sk_test_unused');
const workspace = new Workspace({ CONCIERGE_STRIPE_WEBHOOK_SECRETS: secret });
const reconciliationPath = '/api/online-payments/reconciliation/ledger/';
// A payment intent id a spreadsheet would run as a formula.
const formulaIntent = '=HYPERLINK("https://example.com")';
let server;
let apartment;
let charge;

before(async () => {
  workspace.run(['seed-demo']);
  workspace.run(['create-user', '--tenant', 'demo', '--email', 'rec@demo.example', '--role',
    'manager'], 'reconciliation password\n');
});

after(async () => {
  await server?.stop();
  workspace.remove();
});

test('with ledger sync off the endpoints answer 404 and a payment reaches no ledger', async () => {
  server = await Server.start(workspace, { ENABLE_LEDGER_SYNC: 'false' });
  await server.login('rec@demo.example', 'reconciliation password');
  assert.equal((await server.api('GET', reconciliationPath)).status, 404);
  assert.equal((await server.api('POST', `${reconciliationPath}resync/`)).status, 404);

  apartment = (await server.api('GET', '/api/apartments/?page_size=1')).body.results[0].id;
  const created = await server.api('POST', '/api/online-payments/charges/',
    { apartment_id: apartment, amount: '50.00', description: 'reconciliation' });
  assert.equal(created.status, 201);
  charge = created.body.id;
  const payload = paymentEvent('evt_rec_1', formulaIntent, 5000, charge);
  const delivered = await server.deliver(
    payload, stripe.webhooks.generateTestHeaderString({ payload, secret }));
  assert.equal(delivered.status, 200);
  await server.stop();
});

test('with the flag on the payment is listed, exported, repaired once, and shown', async () => {
  server = await Server.start(workspace, { ENABLE_LEDGER_SYNC: 'true' });
  await server.login('rec@demo.example', 'reconciliation password');

  const listed = await server.api('GET', reconciliationPath);
  assert.equal(listed.status, 200);
  const notPosted = listed.body.summary.find((s) => s.kind === 'payment_not_posted');
  assert.equal(notPosted.count, 1);
  assert.deepEqual(notPosted.totals, { EUR: '50.00' });
  assert.equal(listed.body.count, 1);
  assert.equal(listed.body.results[0].online_charge_id, charge);
  assert.equal(listed.body.results[0].repairable, true);

  const csv = await server.api('GET', `${reconciliationPath}?format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.text, /^kind,building_id,apartment_id,/);
  assert.ok(csv.text.includes('"\'=HYPERLINK(""https://example.com"")"'), csv.text);

  const bad = await server.api('GET', `${reconciliationPath}?kind=everything`);
  assert.equal(bad.status, 400);

  const resync = await server.api('POST', `${reconciliationPath}resync/`);
  assert.equal(resync.status, 200);
  assert.equal(resync.body.repaired.length, 1);
  const again = await server.api('POST', `${reconciliationPath}resync/`);
  assert.deepEqual(again.body.repaired, []);
  const clean = await server.api('GET', reconciliationPath);
  assert.ok(clean.body.summary.every((s) => s.count === 0));

  const view = await server.api('GET', `/api/online-payments/ledger-view/?apartment_id=${apartment}`);
  assert.equal(view.status, 200);
  const [timeline] = view.body.results;
  const credit = timeline.timeline.find((entry) => entry.online?.relation === 'card_payment');
  assert.equal(credit.amount, '-50.00');
  const online = timeline.online_charges.find((c) => c.id === charge);
  assert.equal(online.answer, 'paid online and posted');
  assert.equal(online.payments[0].ledger_entry_id, credit.ledger_entry_id);
});
