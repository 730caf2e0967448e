-- 012, issue 8 (B1): stored product counts per district for the online-market results; see the PostgreSQL script for
-- the design. SQLite has only row triggers: each marks the one district its row touches (an indexed upsert).

CREATE TABLE "ProductCounts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProductCounts" PRIMARY KEY AUTOINCREMENT,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "RegisteredYear" INTEGER NOT NULL,
    "FirstListedOn" TEXT NULL,
    "Products" INTEGER NOT NULL
);

CREATE TABLE "ProductCountStates" (
    "DistrictCode" TEXT NOT NULL CONSTRAINT "PK_ProductCountStates" PRIMARY KEY,
    "Changes" INTEGER NOT NULL,
    "Refreshed" INTEGER NOT NULL
);

CREATE INDEX "IX_ProductCounts_DistrictCode_RegisteredYear" ON "ProductCounts" ("DistrictCode", "RegisteredYear");

INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
SELECT DISTINCT "DistrictCode", 1, 0 FROM "Entrepreneurs";

CREATE TRIGGER "product_counts_products_insert" AFTER INSERT ON "Products"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
    SELECT "DistrictCode", 1, 0 FROM "Entrepreneurs" WHERE "Id" = NEW."EntrepreneurId"
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;

CREATE TRIGGER "product_counts_products_delete" AFTER DELETE ON "Products"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
    SELECT "DistrictCode", 1, 0 FROM "Entrepreneurs" WHERE "Id" = OLD."EntrepreneurId"
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;

CREATE TRIGGER "product_counts_products_update" AFTER UPDATE OF "RegisteredYear", "EntrepreneurId" ON "Products"
    WHEN OLD."RegisteredYear" <> NEW."RegisteredYear" OR OLD."EntrepreneurId" <> NEW."EntrepreneurId"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
    SELECT "DistrictCode", 1, 0 FROM "Entrepreneurs" WHERE "Id" IN (OLD."EntrepreneurId", NEW."EntrepreneurId")
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;

CREATE TRIGGER "product_counts_listings_insert" AFTER INSERT ON "OnlineListings"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
    SELECT e."DistrictCode", 1, 0 FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId" WHERE p."Id" = NEW."ProductId"
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;

CREATE TRIGGER "product_counts_listings_delete" AFTER DELETE ON "OnlineListings"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
    SELECT e."DistrictCode", 1, 0 FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId" WHERE p."Id" = OLD."ProductId"
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;

CREATE TRIGGER "product_counts_listings_update" AFTER UPDATE OF "Since", "ProductId" ON "OnlineListings"
    WHEN OLD."Since" <> NEW."Since" OR OLD."ProductId" <> NEW."ProductId"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed")
    SELECT DISTINCT e."DistrictCode", 1, 0 FROM "Products" p JOIN "Entrepreneurs" e ON e."Id" = p."EntrepreneurId"
    WHERE p."Id" IN (OLD."ProductId", NEW."ProductId")
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;

CREATE TRIGGER "product_counts_entrepreneurs_update" AFTER UPDATE OF "DistrictCode" ON "Entrepreneurs"
    WHEN OLD."DistrictCode" <> NEW."DistrictCode"
BEGIN
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed") VALUES (OLD."DistrictCode", 1, 0)
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
    INSERT INTO "ProductCountStates" ("DistrictCode", "Changes", "Refreshed") VALUES (NEW."DistrictCode", 1, 0)
    ON CONFLICT ("DistrictCode") DO UPDATE SET "Changes" = "Changes" + 1;
END;
