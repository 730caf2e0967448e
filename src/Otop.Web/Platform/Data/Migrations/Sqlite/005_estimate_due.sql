-- Issue 5, item 1 (letter 2, clause 2): the revenue estimate is due at the province by a date per fiscal year;
-- an estimate sent after it is marked late.

ALTER TABLE "FiscalYearSettings" ADD COLUMN "EstimateDueDate" TEXT NULL;

ALTER TABLE "RevenueEstimates" ADD COLUMN "Late" INTEGER NOT NULL DEFAULT 0;
