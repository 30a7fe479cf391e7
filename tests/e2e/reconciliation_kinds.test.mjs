// Every mismatch kind, built over HTTP with the public API and webhooks
// signed by Stripe's library (never by writing rows): each is listed with the
// right count and total, and, where repairable, resync fixes it once and a
// second resync changes nothing. Each scenario uses its own apartment, so the
// office-wide summary moves by that scenario alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { Server, Workspace, paymentEvent, refundEvent } from './support.mjs';

const secret = 'whsec_e2e_kinds';
const stripe = new Stripe('sk_test_unused');
const workspace = new Workspace({ CONCIERGE_STRIPE_WEBHOOK_SECRETS: secret });
const reconciliation = '/api/online-payments/reconciliation/ledger/';
let server;
let apartments;
let nextApartment = 0;
let eventNumber = 0;

async function start(ledgerSync) {
  await server?.stop();
  server = await Server.start(workspace, { ENABLE_LEDGER_SYNC: String(ledgerSync) });
  await server.login('kinds@demo.example', 'kinds password 123');
}

async function newCharge(amount) {
  const apartment = apartments[nextApartment];
  nextApartment += 1;
  const created = await server.api('POST', '/api/online-payments/charges/',
    { apartment_id: apartment, amount, description: 'kinds' });
  assert.equal(created.status, 201, created.text);
  return { apartment, charge: created.body.id };
}

async function deliver(payload) {
  const delivered = await server.deliver(
    payload, stripe.webhooks.generateTestHeaderString({ payload, secret }));
  assert.equal(delivered.status, 200, JSON.stringify(delivered.body));
}

function pay(paymentIntent, cents, charge) {
  eventNumber += 1;
  return deliver(paymentEvent(`evt_kinds_${eventNumber}`, paymentIntent, cents, charge));
}

function refund(paymentIntent, refundedCents) {
  eventNumber += 1;
  return deliver(refundEvent(`evt_kinds_${eventNumber}`, paymentIntent, refundedCents));
}

async function summary() {
  const listed = await server.api('GET', reconciliation);
  assert.equal(listed.status, 200, listed.text);
  return Object.fromEntries(listed.body.summary.map((s) => [s.kind, s]));
}

// The rows of one kind for one apartment.
async function rows(kind, apartment) {
  const listed = await server.api('GET', `${reconciliation}?kind=${kind}&page_size=500`);
  return listed.body.results.filter((r) => r.apartment_id === apartment);
}

async function resync() {
  const answer = await server.api('POST', `${reconciliation}resync/`);
  assert.equal(answer.status, 200, answer.text);
  return answer.body.repaired;
}

// Checks a kind moved by one row of `total` euros, and returns the rows.
async function expectListed(kind, apartment, total, before) {
  const after = await summary();
  assert.equal(after[kind].count, before[kind].count + 1, kind);
  const was = Number(before[kind].totals.EUR ?? 0);
  assert.equal(Number(after[kind].totals.EUR ?? 0) - was, total, kind);
  const listed = await rows(kind, apartment);
  assert.equal(listed.length, 1, kind);
  return listed[0];
}

before(async () => {
  workspace.run(['seed-demo']);
  workspace.run(['create-user', '--tenant', 'demo', '--email', 'kinds@demo.example', '--role',
    'manager'], 'kinds password 123\n');
  await start(true);
  const listed = await server.api('GET', '/api/apartments/?page_size=20');
  apartments = listed.body.results.map((a) => a.id);
  assert.ok(apartments.length >= 8);
});

after(async () => {
  await server?.stop();
  workspace.remove();
});

test('an office with no online payments reports zero of every kind', async () => {
  const clean = await summary();
  for (const kind of Object.values(clean)) assert.equal(kind.count, 0, kind.kind);
  assert.equal((await server.api('POST', `${reconciliation}resync/`, { buildng_id: 1 })).status,
    400);
});

test('payment_not_posted: paid while sync was off; resync posts it once', async () => {
  const before = await summary();
  await start(false);
  const { apartment, charge } = await newCharge('50.00');
  await pay('pi_kinds_not_posted', 5000, charge);
  await start(true);

  const row = await expectListed('payment_not_posted', apartment, 50, before);
  assert.equal(row.repairable, true);
  const repaired = await resync();
  assert.ok(repaired.some((r) => r.kind === 'payment_not_posted' && r.online_charge_id === charge));
  assert.equal((await rows('payment_not_posted', apartment)).length, 0);
  assert.ok(!(await resync()).some((r) => r.online_charge_id === charge));
});

test('amount_mismatch: 40.00 paid for 50.00 is listed for a person', async () => {
  const before = await summary();
  const { apartment, charge } = await newCharge('50.00');
  await pay('pi_kinds_short', 4000, charge);

  const row = await expectListed('amount_mismatch', apartment, 40, before);
  assert.equal(row.repairable, false);
  assert.ok(!(await resync()).some((r) => r.online_charge_id === charge));
  assert.equal((await rows('amount_mismatch', apartment)).length, 1);
});

test('paid_without_payment: refunded in full; resync reopens the charge once', async () => {
  const { apartment, charge } = await newCharge('30.00');
  await pay('pi_kinds_refunded', 3000, charge);
  const before = await summary();
  await refund('pi_kinds_refunded', 3000);

  const row = await expectListed('paid_without_payment', apartment, 30, before);
  assert.equal(row.repairable, true);
  const repaired = await resync();
  assert.ok(repaired.some((r) => r.kind === 'paid_without_payment' && r.charge_reopened));
  const reopened = await server.api('GET', `/api/online-payments/charges/${charge}/`);
  assert.equal(reopened.body.status, 'open');
  assert.ok(!(await resync()).some((r) => r.online_charge_id === charge));
});

test('payment_on_open_charge: an overpayment refunded down to the charge', async () => {
  const before = await summary();
  const { apartment, charge } = await newCharge('50.00');
  await pay('pi_kinds_over', 6000, charge);
  await refund('pi_kinds_over', 1000);

  const row = await expectListed('payment_on_open_charge', apartment, 50, before);
  assert.equal(row.repairable, true);
  const repaired = await resync();
  assert.ok(repaired.some((r) => r.online_charge_id === charge && r.charge_marked_paid));
  const paid = await server.api('GET', `/api/online-payments/charges/${charge}/`);
  assert.equal(paid.body.status, 'paid');
  assert.equal((await rows('payment_on_open_charge', apartment)).length, 0);
  assert.ok(!(await resync()).some((r) => r.online_charge_id === charge));
});

test('paid_twice: paid by hand, then online', async () => {
  const before = await summary();
  const { apartment, charge } = await newCharge('20.00');
  const marked = await server.api('POST', `/api/online-payments/charges/${charge}/mark-paid/`,
    { method: 'cash', date: '2026-03-01' });
  assert.equal(marked.status, 200, marked.text);
  await pay('pi_kinds_twice', 2000, charge);

  const row = await expectListed('paid_twice', apartment, 20, before);
  assert.equal(row.repairable, false);
  assert.ok(!(await resync()).some((r) => r.online_charge_id === charge));
});

test('refund_not_reversed: refunded while sync was off; resync reverses it once', async () => {
  const { apartment, charge } = await newCharge('50.00');
  await pay('pi_kinds_late_refund', 5000, charge);
  const before = await summary();
  await start(false);
  await refund('pi_kinds_late_refund', 2000);
  await start(true);

  const row = await expectListed('refund_not_reversed', apartment, 20, before);
  assert.equal(row.repairable, true);
  const repaired = await resync();
  assert.ok(repaired.some(
    (r) => r.kind === 'refund_not_reversed' && r.online_charge_id === charge));
  assert.equal((await rows('refund_not_reversed', apartment)).length, 0);
  assert.ok(!(await resync()).some((r) => r.online_charge_id === charge));
});

test('credit_without_payment: a credit typed by hand claiming a Stripe payment', async () => {
  const before = await summary();
  const apartment = apartments[nextApartment];
  nextApartment += 1;
  const typed = await server.api('POST', `/api/apartments/${apartment}/payments/`,
    { amount: '12.34', date: '2026-03-01', method: 'card', reference: 'stripe:pi_kinds_ghost' });
  assert.equal(typed.status, 201, typed.text);

  const row = await expectListed('credit_without_payment', apartment, 12.34, before);
  assert.equal(row.repairable, false);
  await resync();
  assert.equal((await rows('credit_without_payment', apartment)).length, 1);
});
