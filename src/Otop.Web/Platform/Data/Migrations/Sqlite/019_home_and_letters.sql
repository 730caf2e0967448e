-- 019 (issue 15, item 6): a month's lateness is that of its first confirmation, and the unlock's reason is shown beside
-- a late flag; the result-report task counts as sent when the district submits its report (ResultReportSubmissions).
ALTER TABLE "RevenueMonths" ADD COLUMN "FirstConfirmedAt" INTEGER NULL;
ALTER TABLE "RevenueMonths" ADD COLUMN "UnlockReason" TEXT NULL;
UPDATE "RevenueMonths" SET "FirstConfirmedAt" = "ConfirmedAt" WHERE "ConfirmedAt" IS NOT NULL;

CREATE TABLE "ResultReportSubmissions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ResultReportSubmissions" PRIMARY KEY AUTOINCREMENT,
    "DistrictCode" TEXT NOT NULL,
    "FiscalYear" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "SubmittedAt" INTEGER NOT NULL,
    "SubmittedBy" TEXT NOT NULL
);
CREATE INDEX "IX_ResultReportSubmissions_FiscalYear_Round_DistrictCode" ON "ResultReportSubmissions" ("FiscalYear", "Round", "DistrictCode");
