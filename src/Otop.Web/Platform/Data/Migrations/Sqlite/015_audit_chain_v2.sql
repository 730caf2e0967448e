-- Issue 14, items 3-4 (docs/decisions/013-audit-chain-v2.md): keyed audit chains per district, signed checkpoints.
-- "KeyId" names the key-file key whose HMAC sealed an entry ('' for the v1 entries sealed with a bare SHA-256 before).
-- "Chain" now also holds a district code (4 characters); SQLite's TEXT needs no change for that.
ALTER TABLE "AuditEntries" ADD COLUMN "KeyId" TEXT NOT NULL DEFAULT '';

CREATE TABLE "AuditCheckpoints" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditCheckpoints" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Chain" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "UserName" TEXT NOT NULL,
    "KeyId" TEXT NOT NULL,
    "Mac" TEXT NOT NULL
);

CREATE INDEX "IX_AuditCheckpoints_Chain_Sequence" ON "AuditCheckpoints" ("Chain", "Sequence");
