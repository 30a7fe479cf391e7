-- The append-only audit trail, and refresh-token families for sign-in sessions.

CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- NULL when no office is known yet (a failed login for an unknown e-mail).
  tenant_id INTEGER REFERENCES tenants(id),
  building_id INTEGER,
  actor_user_id INTEGER,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  client_address TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);
CREATE INDEX audit_events_tenant ON audit_events (tenant_id, id);
CREATE INDEX audit_events_target ON audit_events (tenant_id, target_type, target_id);

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit events are append-only');
END;

-- One family per login; every refresh token descends from the login's.
CREATE TABLE refresh_families (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users(id),
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  revoked_reason TEXT
);
CREATE INDEX refresh_families_user ON refresh_families (user_id);

-- Only a hash of each token is kept. rotated_at is set when the token is
-- used; a second use after the grace window revokes the family.
CREATE TABLE refresh_tokens (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  family_id INTEGER NOT NULL REFERENCES refresh_families(id),
  parent_id INTEGER REFERENCES refresh_tokens(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  idle_expires_at TEXT NOT NULL,
  rotated_at TEXT
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
