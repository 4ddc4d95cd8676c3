-- The maintenance fund ledger and owner ballots are append-only, and every journal entry balances.
CREATE FUNCTION anju_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER fund_journal_entry_append_only BEFORE UPDATE OR DELETE ON fund_journal_entry
  FOR EACH ROW EXECUTE FUNCTION anju_append_only();
--> statement-breakpoint
CREATE TRIGGER fund_journal_line_append_only BEFORE UPDATE OR DELETE ON fund_journal_line
  FOR EACH ROW EXECUTE FUNCTION anju_append_only();
--> statement-breakpoint
CREATE TRIGGER owner_vote_ballot_append_only BEFORE UPDATE OR DELETE ON owner_vote_ballot
  FOR EACH ROW EXECUTE FUNCTION anju_append_only();
--> statement-breakpoint
-- All lines of an entry are inserted by one statement; after it, each entry it touched must balance.
CREATE FUNCTION anju_fund_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  unbalanced bigint;
BEGIN
  SELECT l.entry_id INTO unbalanced
    FROM fund_journal_line l
   WHERE l.entry_id IN (SELECT DISTINCT entry_id FROM new_lines)
   GROUP BY l.entry_id
  HAVING sum(l.debit_fen) <> sum(l.credit_fen)
   LIMIT 1;
  IF unbalanced IS NOT NULL THEN
    RAISE EXCEPTION 'journal entry % does not balance', unbalanced USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER fund_journal_line_balanced AFTER INSERT ON fund_journal_line
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION anju_fund_entries_balance();
