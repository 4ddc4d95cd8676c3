-- The single-statement case intake aborts itself (and so writes nothing) when the audit chain head
-- it expected has moved or its idempotency key or ticket is taken; the caller then takes the
-- transactional path. SQLSTATE AJ409, the reason in the message.
CREATE FUNCTION anju_intake_abort(reason text) RETURNS integer LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RAISE EXCEPTION 'intake conflict: %', reason USING ERRCODE = 'AJ409';
END;
$$;
