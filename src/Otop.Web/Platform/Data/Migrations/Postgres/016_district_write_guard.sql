-- 016, issue 14 items 5 and 6 (docs/decisions/014-district-write-guard.md).
-- A listing's Bangkok recording day: a round counts it only when recorded by the round's results cut-off.
ALTER TABLE "OnlineListings" ADD COLUMN "RecordedOn" date NOT NULL DEFAULT '0001-01-01';
UPDATE "OnlineListings" SET "RecordedOn" = ("RecordedAt" AT TIME ZONE 'Asia/Bangkok')::date;

-- The round's results cut-off day (null: the round's last day).
ALTER TABLE "IndicatorRounds" ADD COLUMN "ResultsCutOff" date NULL;

-- A sent estimate is returned by the province with a reason, like a month.
ALTER TABLE "RevenueEstimates" ADD COLUMN "ReturnReason" character varying(2000) NULL;
ALTER TABLE "RevenueEstimates" ADD COLUMN "ReturnedBy" character varying(256) NULL;
ALTER TABLE "RevenueEstimates" ADD COLUMN "ReturnedAt" timestamp with time zone NULL;

-- The stored product counts now keep the first day a product counts (the later of since and recording): recount them all.
CREATE OR REPLACE FUNCTION otop_product_counts_listings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM otop_product_counts_mark_producers(ARRAY(
            SELECT p."EntrepreneurId" FROM new_rows n JOIN "Products" p ON p."Id" = n."ProductId"));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM otop_product_counts_mark_producers(ARRAY(
            SELECT p."EntrepreneurId" FROM old_rows o JOIN "Products" p ON p."Id" = o."ProductId"));
    ELSE
        PERFORM otop_product_counts_mark_producers(ARRAY(
            SELECT p."EntrepreneurId"
            FROM old_rows o JOIN new_rows n ON n."Id" = o."Id" JOIN "Products" p ON p."Id" IN (o."ProductId", n."ProductId")
            WHERE o."Since" <> n."Since" OR o."RecordedOn" <> n."RecordedOn" OR o."ProductId" <> n."ProductId"));
    END IF;
    RETURN NULL;
END;
$$;
UPDATE "ProductCountStates" SET "Changes" = "Changes" + 1;
