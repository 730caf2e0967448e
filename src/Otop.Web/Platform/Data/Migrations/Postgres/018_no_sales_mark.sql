-- 018, issue 16 item 6 (complete months): a producer marked "ไม่มียอดขายเดือนนี้" (no sales this month) is stored as an
-- entry with amount 0 and this mark; a producer without an entry has not reported. A month is certified only when every
-- active producer has an entry.
ALTER TABLE "RevenueEntries" ADD COLUMN "NoSales" boolean NOT NULL DEFAULT FALSE;
