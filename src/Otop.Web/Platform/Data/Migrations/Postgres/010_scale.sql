-- 010, issue 8 (national scale): the national revenue KPI and the รต.4 province summary read the month totals of a set of
-- months across every district; without this index that is a scan of all 105,000 district months (878 × 120).
CREATE INDEX "IX_RevenueMonths_Month" ON "RevenueMonths" ("Month");
