-- The lobby kiosk (docs/kiosk.md): devices, per-building kiosk settings,
-- resident registrations and their invitations, announcements and apartment
-- personal links. Secrets and link tokens are stored only as SHA-256 hashes.

CREATE TABLE kiosk_devices (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_seen_at TEXT,
  revoked_at TEXT
);
CREATE INDEX kiosk_devices_building ON kiosk_devices (tenant_id, building_id);

-- What a building's kiosk offers; a building without a row has registration
-- closed and no public contact.
CREATE TABLE kiosk_settings (
  building_id INTEGER PRIMARY KEY REFERENCES buildings(id),
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  registration_open INTEGER NOT NULL DEFAULT 0 CHECK (registration_open IN (0, 1)),
  -- The office's public contact for the lobby (never a person's).
  public_contact TEXT NOT NULL DEFAULT '',
  payment_instructions TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
);

CREATE TABLE kiosk_registrations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  apartment_id INTEGER NOT NULL REFERENCES apartments(id),
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  phone TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  -- NULL in the legacy (unsigned) flow.
  device_id INTEGER REFERENCES kiosk_devices(id),
  client_address TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by INTEGER REFERENCES users(id),
  user_id INTEGER REFERENCES users(id)
);
CREATE INDEX kiosk_registrations_state ON kiosk_registrations (tenant_id, state, id);

-- How an approved resident sets a password: one invitation per
-- registration, whatever the concurrency.
CREATE TABLE account_invitations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  registration_id INTEGER UNIQUE REFERENCES kiosk_registrations(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_at TEXT
);

CREATE TABLE announcements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  visibility TEXT NOT NULL CHECK (visibility IN ('public', 'residents', 'staff')),
  -- A date makes the announcement an event, listed until the day has passed.
  event_date TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX announcements_building ON announcements (tenant_id, building_id, id);

CREATE TABLE personal_links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  apartment_id INTEGER NOT NULL REFERENCES apartments(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  last_used_at TEXT
);
CREATE INDEX personal_links_apartment ON personal_links (tenant_id, apartment_id);
