-- 016, issue 14 items 5 and 6 (docs/decisions/014-district-write-guard.md).
-- A listing's Bangkok recording day: a round counts it only when recorded by the round's results cut-off.
ALTER TABLE "OnlineListings" ADD COLUMN "RecordedOn" TEXT NOT NULL DEFAULT '0001-01-01';
-- RecordedAt is EF's DateTimeOffsetToBinaryConverter: (local ticks / 1000) << 11 | offset minutes (11-bit signed).
UPDATE "OnlineListings" SET "RecordedOn" = date(
    ((("RecordedAt" >> 11) * 1000
      - (CASE WHEN ("RecordedAt" & 2047) >= 1024 THEN ("RecordedAt" & 2047) - 2048 ELSE ("RecordedAt" & 2047) END) * 600000000)
     - 621355968000000000) / 10000000 + 25200, 'unixepoch');

-- The round's results cut-off day (null: the round's last day).
ALTER TABLE "IndicatorRounds" ADD COLUMN "ResultsCutOff" TEXT NULL;

-- A sent estimate is returned by the province with a reason, like a month.
ALTER TABLE "RevenueEstimates" ADD COLUMN "ReturnReason" TEXT NULL;
ALTER TABLE "RevenueEstimates" ADD COLUMN "ReturnedBy" TEXT NULL;
ALTER TABLE "RevenueEstimates" ADD COLUMN "ReturnedAt" INTEGER NULL;

-- The stored product counts now keep the first day a product counts (the later of since and recording): recount them all.
DROP TRIGGER "product_counts_listings_update";
CREATE TRIGGER "product_counts_listings_update" AFTER UPDATE OF "Since", "RecordedOn", "ProductId" ON "OnlineListings"
    WHEN OLD."Since" <> NEW."Since" OR OLD."RecordedOn" <> NEW."RecordedOn" OR OLD."ProductId" <> NEW."ProductId"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
    SELECT DISTINCT e."DistrictCode", 1, 0 FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId"
    WHERE p."Id" IN (OLD."ProductId", NEW."ProductId")
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;
UPDATE "ProductCountStates" SET "Changes" = "Changes" + 1;
