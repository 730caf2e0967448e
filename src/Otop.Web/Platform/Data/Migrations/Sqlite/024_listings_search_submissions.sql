-- 024, issue 16 items 7, 8 and 9.
-- Listings with a life: a listing may end; a round counts the listings active in it (ListingActivity).
ALTER TABLE "OnlineListings" ADD COLUMN "EndedOn" TEXT NULL;
DROP TRIGGER "product_counts_listings_update";
CREATE TRIGGER "product_counts_listings_update" AFTER UPDATE OF "Since", "RecordedOn", "EndedOn", "ProductId" ON "OnlineListings"
    WHEN OLD."Since" <> NEW."Since" OR OLD."RecordedOn" <> NEW."RecordedOn" OR OLD."ProductId" <> NEW."ProductId"
        OR OLD."EndedOn" IS NOT NEW."EndedOn"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
    SELECT DISTINCT e."DistrictCode", 1, 0 FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId"
    WHERE p."Id" IN (OLD."ProductId", NEW."ProductId")
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;
-- The stored counts keep, per product, the last day it is listed (null: still listed) and whether its listings leave a gap
-- (then its district is counted from the rows): recount them all.
ALTER TABLE "ProductCounts" ADD COLUMN "ListedUntil" TEXT NULL;
ALTER TABLE "ProductCounts" ADD COLUMN "Gapped" INTEGER NOT NULL DEFAULT 0;
UPDATE "ProductCountStates" SET "Changes" = "Changes" + 1;

-- The registry's search key (ThaiSearch.Key): filled by the application at start for the rows written before.
ALTER TABLE "Entrepreneurs" ADD COLUMN "SearchKey" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Products" ADD COLUMN "SearchKey" TEXT NOT NULL DEFAULT '';
CREATE INDEX "IX_Entrepreneurs_SearchKey" ON "Entrepreneurs" ("SearchKey");
CREATE INDEX "IX_Products_SearchKey" ON "Products" ("SearchKey");

-- The district's explicit submit of its result report (letter 1, enclosure 4) for one round.
CREATE TABLE "ResultReportSubmissions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ResultReportSubmissions" PRIMARY KEY AUTOINCREMENT,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "FiscalYear" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "SubmittedAt" INTEGER NOT NULL,
    "SubmittedBy" TEXT NOT NULL,
    "Products" INTEGER NOT NULL,
    "ProductsOnline" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_ResultReportSubmissions_DistrictCode_FiscalYear_Round" ON "ResultReportSubmissions" ("DistrictCode", "FiscalYear", "Round");
CREATE INDEX "IX_ResultReportSubmissions_ProvinceCode_FiscalYear_Round" ON "ResultReportSubmissions" ("ProvinceCode", "FiscalYear", "Round");
