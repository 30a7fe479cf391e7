-- An expense sheet posts at most one charge per apartment. Sheet charges are
-- linked by expense_sheet_id, not by a reference, so that no manual or
-- imported reference can collide with them.
CREATE UNIQUE INDEX ledger_sheet_charge ON ledger_entries (expense_sheet_id, apartment_id)
  WHERE expense_sheet_id IS NOT NULL AND kind = 'charge';
