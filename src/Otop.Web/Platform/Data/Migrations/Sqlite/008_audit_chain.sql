-- Issue 7, item 2: the audit as hash chains, one per province ("0" for department-level entries).
-- Existing entries are numbered here in id order; the app hashes them once at start (AuditChain.SealUnsealedAsync).
-- SQLite has no roles: append-only is enforced by the app (the EF interceptor refuses updates and deletes) and any
-- change made outside it is found by GET /api/v1/audit/verify.

ALTER TABLE "AuditEntries" ADD COLUMN "Chain" TEXT NOT NULL DEFAULT '0';
ALTER TABLE "AuditEntries" ADD COLUMN "Sequence" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "AuditEntries" ADD COLUMN "PreviousHash" TEXT NOT NULL DEFAULT '';
ALTER TABLE "AuditEntries" ADD COLUMN "Hash" TEXT NOT NULL DEFAULT '';

UPDATE "AuditEntries" SET "Chain" = COALESCE("ProvinceCode", '0');
UPDATE "AuditEntries" SET "Sequence" =
    (SELECT COUNT(*) FROM "AuditEntries" AS b WHERE b."Chain" = "AuditEntries"."Chain" AND b."Id" <= "AuditEntries"."Id");

CREATE UNIQUE INDEX "IX_AuditEntries_Chain_Sequence" ON "AuditEntries" ("Chain", "Sequence");
