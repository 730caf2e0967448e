-- 017 (issue 14, item 7): verification codes of 26 characters (≈ 128 bits) with a 10-character typed form; the codes
-- issued before keep working, typed as they are.
ALTER TABLE "IssuedDocuments" ALTER COLUMN "Code" TYPE character varying(32);
ALTER TABLE "IssuedDocuments" ADD COLUMN "TypedCode" character varying(10);
UPDATE "IssuedDocuments" SET "TypedCode" = "Code";
CREATE UNIQUE INDEX "IX_IssuedDocuments_TypedCode" ON "IssuedDocuments" ("TypedCode");
