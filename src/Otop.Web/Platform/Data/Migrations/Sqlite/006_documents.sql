-- Issue 6, items 1-2: every issued PDF has a verification code and the hash of its figures; a certified รต.2 keeps the
-- hash of what the district head certified.

CREATE TABLE "IssuedDocuments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IssuedDocuments" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Form" TEXT NOT NULL,
    "Parameters" TEXT NOT NULL,
    "OrgUnitCode" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "UnitName" TEXT NOT NULL,
    "Period" TEXT NOT NULL,
    "IssuedBy" TEXT NOT NULL,
    "IssuedByName" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "FiguresHash" TEXT NOT NULL,
    "Totals" TEXT NULL,
    "Format" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_IssuedDocuments_Code" ON "IssuedDocuments" ("Code");

CREATE INDEX "IX_IssuedDocuments_OrgUnitCode_IssuedAt" ON "IssuedDocuments" ("OrgUnitCode", "IssuedAt");

ALTER TABLE "RevenueMonths" ADD COLUMN "CertifiedFiguresHash" TEXT NULL;
