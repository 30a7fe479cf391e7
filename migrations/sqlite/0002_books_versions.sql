-- A counter per office, raised in the same transaction as every change to an
-- apartment's stored position. A cached debt report is valid while the
-- counter it was built at is still current (docs/adr/0004-debt-report-cache.md).
CREATE TABLE books_versions (
  tenant_id INTEGER PRIMARY KEY REFERENCES tenants(id),
  version INTEGER NOT NULL
);
