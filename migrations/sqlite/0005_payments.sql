-- Online payments through Stripe (docs/payments.md). Every "exactly once"
-- lives in a UNIQUE constraint, whatever the concurrency.

-- An amount an apartment may pay online, and what settles it.
CREATE TABLE online_charges (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  apartment_id INTEGER NOT NULL REFERENCES apartments(id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid')),
  paid_via TEXT CHECK (paid_via IN ('online', 'manual')),
  paid_at TEXT,
  manual_method TEXT,
  manual_date TEXT,
  manual_reference TEXT,
  manual_note TEXT,
  manual_ledger_entry_id INTEGER REFERENCES ledger_entries(id),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX online_charges_apartment ON online_charges (tenant_id, apartment_id);

-- The ledger charges an online charge pays.
CREATE TABLE online_charge_settles (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  online_charge_id INTEGER NOT NULL REFERENCES online_charges(id),
  ledger_entry_id INTEGER NOT NULL REFERENCES ledger_entries(id),
  PRIMARY KEY (online_charge_id, ledger_entry_id)
);

-- One per Stripe Checkout Session.
CREATE TABLE payment_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  online_charge_id INTEGER NOT NULL REFERENCES online_charges(id),
  idempotency_key TEXT NOT NULL UNIQUE,
  checkout_session_id TEXT UNIQUE,
  payment_intent_id TEXT,
  url TEXT,
  status TEXT NOT NULL DEFAULT 'created',
  created_at TEXT NOT NULL
);

-- One per succeeded (or failed) payment intent.
CREATE TABLE online_payments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  apartment_id INTEGER NOT NULL REFERENCES apartments(id),
  online_charge_id INTEGER NOT NULL REFERENCES online_charges(id),
  payment_intent_id TEXT NOT NULL UNIQUE,
  checkout_session_id TEXT,
  amount_cents INTEGER NOT NULL,
  currency TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('succeeded', 'failed')),
  -- Stripe's creation time of the event that set the status: a later event
  -- wins, except that nothing undoes a success.
  status_event_created INTEGER NOT NULL,
  amount_refunded_cents INTEGER NOT NULL DEFAULT 0,
  -- Why the payment was not taken as its charge's full payment, if it was not.
  mismatch TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX online_payments_apartment ON online_payments (tenant_id, apartment_id);

-- The ledger credit an online payment created: at most one.
CREATE TABLE online_payment_credits (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  online_payment_id INTEGER NOT NULL UNIQUE REFERENCES online_payments(id),
  ledger_entry_id INTEGER NOT NULL UNIQUE REFERENCES ledger_entries(id)
);

-- Reversing entries for refunds, one per refunded total reached.
CREATE TABLE online_refund_entries (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  online_payment_id INTEGER NOT NULL REFERENCES online_payments(id),
  refunded_total_cents INTEGER NOT NULL,
  ledger_entry_id INTEGER NOT NULL UNIQUE REFERENCES ledger_entries(id),
  UNIQUE (online_payment_id, refunded_total_cents)
);

-- Every Stripe event received, under its own id.
CREATE TABLE stripe_events (
  event_id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  stripe_created INTEGER NOT NULL,
  tenant_id INTEGER REFERENCES tenants(id),
  received_at TEXT NOT NULL,
  processed_at TEXT,
  outcome TEXT NOT NULL CHECK (outcome IN ('received', 'processed', 'ignored', 'failed')),
  error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  payload_hash TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX stripe_events_outcome ON stripe_events (outcome, received_at);
