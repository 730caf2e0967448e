-- 026, issue 16 item 9: a likely duplicate producer merged into another is kept, inactive (Status 2 = merged), with the code
-- of the producer it was merged into, so that old references and exports still resolve.
ALTER TABLE "Entrepreneurs" ADD COLUMN "MergedIntoCode" TEXT NULL;
