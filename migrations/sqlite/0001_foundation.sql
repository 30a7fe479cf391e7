-- Tenancy, accounts and the building's books.
-- Every tenant-owned table carries tenant_id (DESIGN.md section 3).

CREATE TABLE tenants (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL DEFAULT 'Europe/Athens',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE buildings (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  city TEXT NOT NULL DEFAULT '',
  timezone TEXT NOT NULL DEFAULT 'Europe/Athens',
  currency TEXT NOT NULL DEFAULT 'EUR',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (tenant_id, code)
);

CREATE TABLE apartments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  number TEXT NOT NULL,
  floor INTEGER NOT NULL DEFAULT 0,
  owner_name TEXT NOT NULL DEFAULT '',
  owner_email TEXT NOT NULL DEFAULT '',
  occupant_name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (building_id, number)
);
CREATE INDEX apartments_tenant ON apartments (tenant_id, building_id);

-- Per-mille ownership shares of one apartment in one expense category.
CREATE TABLE apartment_shares (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  apartment_id INTEGER NOT NULL REFERENCES apartments(id) ON DELETE CASCADE,
  category TEXT NOT NULL,
  per_mille INTEGER NOT NULL CHECK (per_mille >= 0 AND per_mille <= 1000),
  PRIMARY KEY (apartment_id, category)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  is_active INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A user's role in one tenant. Staff rows name a building; resident rows an
-- apartment (one row per building or apartment).
CREATE TABLE memberships (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'staff', 'resident')),
  building_id INTEGER REFERENCES buildings(id),
  apartment_id INTEGER REFERENCES apartments(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (role <> 'staff' OR building_id IS NOT NULL),
  CHECK (role <> 'resident' OR apartment_id IS NOT NULL)
);
CREATE UNIQUE INDEX memberships_unique ON memberships
  (tenant_id, user_id, role, coalesce(building_id, 0), coalesce(apartment_id, 0));
CREATE INDEX memberships_user ON memberships (user_id);

-- The append-only ledger. amount_cents is signed: a debit (charge, or the
-- reversal of a payment) is positive, a credit (payment, or the reversal of a
-- charge) negative; an apartment's balance is the sum.
CREATE TABLE ledger_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  apartment_id INTEGER NOT NULL REFERENCES apartments(id),
  kind TEXT NOT NULL CHECK (kind IN ('charge', 'payment', 'reversal')),
  entry_date TEXT NOT NULL,
  due_date TEXT,
  amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
  description TEXT NOT NULL DEFAULT '',
  reference TEXT,
  method TEXT,
  source TEXT NOT NULL DEFAULT 'manual',
  reverses_entry_id INTEGER REFERENCES ledger_entries(id),
  expense_sheet_id INTEGER REFERENCES expense_sheets(id),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (kind <> 'charge' OR (due_date IS NOT NULL AND amount_cents > 0)),
  CHECK (kind <> 'payment' OR amount_cents < 0),
  CHECK (kind <> 'reversal' OR reverses_entry_id IS NOT NULL)
);
CREATE INDEX ledger_apartment ON ledger_entries (apartment_id, entry_date);
CREATE INDEX ledger_building ON ledger_entries (tenant_id, building_id, entry_date);
CREATE INDEX ledger_reverses ON ledger_entries (reverses_entry_id)
  WHERE reverses_entry_id IS NOT NULL;
-- A reference names one entry of an apartment: re-importing it is a no-op.
CREATE UNIQUE INDEX ledger_reference ON ledger_entries (apartment_id, reference)
  WHERE reference IS NOT NULL;

CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are append-only');
END;
CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries
BEGIN
  SELECT RAISE(ABORT, 'ledger entries are append-only');
END;

-- Derived from the ledger, rewritten for an apartment whenever an entry is
-- posted to it, so that today's debt report reads a few rows per apartment
-- instead of its whole history (docs/adr/0002-open-items.md).
CREATE TABLE apartment_balances (
  apartment_id INTEGER PRIMARY KEY REFERENCES apartments(id) ON DELETE CASCADE,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  balance_cents INTEGER NOT NULL,
  last_entry_date TEXT NOT NULL
);
CREATE INDEX apartment_balances_building ON apartment_balances (tenant_id, building_id);

CREATE TABLE open_items (
  entry_id INTEGER PRIMARY KEY REFERENCES ledger_entries(id),
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  apartment_id INTEGER NOT NULL REFERENCES apartments(id) ON DELETE CASCADE,
  due_date TEXT NOT NULL,
  open_cents INTEGER NOT NULL CHECK (open_cents > 0)
);
CREATE INDEX open_items_building ON open_items (tenant_id, building_id, apartment_id);

-- A month's common expenses of a building, distributed by shares into one
-- charge per apartment.
CREATE TABLE expense_sheets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  period TEXT NOT NULL,
  title TEXT NOT NULL,
  issue_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  total_cents INTEGER NOT NULL CHECK (total_cents > 0),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX expense_sheets_building ON expense_sheets (tenant_id, building_id, period);

CREATE TABLE expense_sheet_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  sheet_id INTEGER NOT NULL REFERENCES expense_sheets(id),
  category TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0)
);
