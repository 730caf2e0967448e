-- 019 (issue 15, item 6): a month's lateness is that of its first confirmation, and the unlock's reason is shown beside
-- a late flag; the result-report task counts as sent when the district submits its report (ResultReportSubmissions).
ALTER TABLE "RevenueMonths" ADD COLUMN "FirstConfirmedAt" INTEGER NULL;
ALTER TABLE "RevenueMonths" ADD COLUMN "UnlockReason" TEXT NULL;
UPDATE "RevenueMonths" SET "FirstConfirmedAt" = "ConfirmedAt" WHERE "ConfirmedAt" IS NOT NULL;
-- ResultReportSubmissions itself is created by 024 (the submission action owns it).
