-- Owners' votes, to-dos and the link from a decision to the work it asked
-- for (docs/votes.md). Every "exactly once" lives in a UNIQUE constraint.

CREATE TABLE votes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  -- 'shares': each apartment weighs its per-mille shares in share_category;
  -- 'headcount': one apartment, one vote.
  weighting TEXT NOT NULL CHECK (weighting IN ('shares', 'headcount')),
  share_category TEXT,
  -- Fractions are kept exact as numerator and denominator; no quorum when NULL.
  quorum_num INTEGER,
  quorum_den INTEGER,
  threshold_num INTEGER NOT NULL,
  threshold_den INTEGER NOT NULL,
  threshold_rule TEXT NOT NULL CHECK (threshold_rule IN ('more_than', 'at_least')),
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
  -- NULL: ballots are accepted from the moment the vote is opened.
  opens_at TEXT,
  closes_at TEXT NOT NULL,
  opened_at TEXT,
  closed_at TEXT,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  CHECK (weighting <> 'shares' OR share_category IS NOT NULL),
  CHECK ((quorum_num IS NULL) = (quorum_den IS NULL)),
  CHECK (quorum_num IS NULL OR (quorum_num > 0 AND quorum_den >= quorum_num)),
  CHECK (threshold_num > 0 AND threshold_den >= threshold_num),
  CHECK (opens_at IS NULL OR opens_at < closes_at)
);
CREATE INDEX votes_building ON votes (tenant_id, building_id, state);
CREATE INDEX votes_open_until ON votes (state, closes_at) WHERE state = 'open';

CREATE TABLE vote_options (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  vote_id INTEGER NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  label TEXT NOT NULL,
  UNIQUE (vote_id, position),
  UNIQUE (vote_id, label)
);

-- Who may vote and with what weight, frozen when the vote opens so that a
-- later change of shares cannot move a running or past result. The number is
-- copied and no foreign key holds the apartment, so history outlives it.
CREATE TABLE vote_electorate (
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  vote_id INTEGER NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
  apartment_id INTEGER NOT NULL,
  apartment_number TEXT NOT NULL,
  weight INTEGER NOT NULL CHECK (weight >= 0),
  PRIMARY KEY (vote_id, apartment_id)
);

-- One standing ballot per apartment: a new one replaces it (an upsert on
-- this key), whatever the concurrency. Only the electorate can hold one.
CREATE TABLE ballots (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  vote_id INTEGER NOT NULL REFERENCES votes(id) ON DELETE CASCADE,
  apartment_id INTEGER NOT NULL,
  option_id INTEGER NOT NULL REFERENCES vote_options(id),
  source TEXT NOT NULL CHECK (source IN ('online', 'paper')),
  cast_by INTEGER REFERENCES users(id),
  cast_at TEXT NOT NULL,
  UNIQUE (vote_id, apartment_id),
  FOREIGN KEY (vote_id, apartment_id) REFERENCES vote_electorate (vote_id, apartment_id)
);

CREATE TABLE todos (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  building_id INTEGER NOT NULL REFERENCES buildings(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  due_date TEXT,
  assignee_id INTEGER REFERENCES users(id),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX todos_building ON todos (tenant_id, building_id, status);
CREATE INDEX todos_due ON todos (tenant_id, due_date) WHERE due_date IS NOT NULL;

-- Where a to-do came from. The UNIQUE key makes "one task per vote" hold
-- for concurrent callers: the second insert finds the first one's row.
CREATE TABLE todo_links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id INTEGER NOT NULL REFERENCES tenants(id),
  todo_id INTEGER NOT NULL REFERENCES todos(id),
  kind TEXT NOT NULL CHECK (kind IN ('vote')),
  source_id INTEGER NOT NULL,
  UNIQUE (kind, source_id)
);
CREATE INDEX todo_links_todo ON todo_links (todo_id);
