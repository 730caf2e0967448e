-- Issue 7, item 2: the audit as hash chains, one per province ("0" for department-level entries).
-- Existing entries are numbered here in id order; the app hashes them once at start (AuditChain.SealUnsealedAsync).

ALTER TABLE "AuditEntries" ADD COLUMN "Chain" character varying(2) NOT NULL DEFAULT '0';
ALTER TABLE "AuditEntries" ADD COLUMN "Sequence" bigint NOT NULL DEFAULT 0;
ALTER TABLE "AuditEntries" ADD COLUMN "PreviousHash" character varying(64) NOT NULL DEFAULT '';
ALTER TABLE "AuditEntries" ADD COLUMN "Hash" character varying(64) NOT NULL DEFAULT '';

UPDATE "AuditEntries" SET "Chain" = COALESCE("ProvinceCode", '0');
UPDATE "AuditEntries" AS a SET "Sequence" = n.seq
FROM (SELECT "Id", row_number() OVER (PARTITION BY "Chain" ORDER BY "Id") AS seq FROM "AuditEntries") AS n
WHERE a."Id" = n."Id";

CREATE UNIQUE INDEX "IX_AuditEntries_Chain_Sequence" ON "AuditEntries" ("Chain", "Sequence");

-- Append-only: no DELETE or TRUNCATE ever, and an UPDATE only to seal an entry that has no hash yet (entries written
-- before this migration). Bypassing this needs the table's owner (ALTER TABLE … DISABLE TRIGGER) or a superuser
-- (SET session_replication_role = replica): run the app as a role that does not own the table (docs/operations.md).
CREATE FUNCTION otop_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD."Hash" = '' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'AuditEntries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON "AuditEntries"
    FOR EACH ROW EXECUTE FUNCTION otop_audit_append_only();

CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON "AuditEntries"
    FOR EACH STATEMENT EXECUTE FUNCTION otop_audit_append_only();
