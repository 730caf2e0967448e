-- Issue 5, the revenue cycle of letter 2: revenue estimates (enclosure 4) with their lines, uploaded files
-- (evidence per figure, signed รต.2 scans, committee minutes), and the explanation of a flagged figure.

ALTER TABLE "RevenueEntries" ADD COLUMN "Explanation" TEXT NULL;

CREATE TABLE "RevenueEstimates" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RevenueEstimates" PRIMARY KEY AUTOINCREMENT,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "FiscalYear" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "Total" TEXT NOT NULL,
    "CommitteeMeetingDate" TEXT NULL,
    "CommitteeMeetingReference" TEXT NULL,
    "CommitteeChairName" TEXT NULL,
    "MinutesFileId" INTEGER NULL,
    "SentBy" TEXT NULL,
    "SentAt" INTEGER NULL,
    "UpdatedBy" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "RevenueFiles" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RevenueFiles" PRIMARY KEY AUTOINCREMENT,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Purpose" INTEGER NOT NULL,
    "Month" TEXT NULL,
    "EntrepreneurId" INTEGER NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Content" BLOB NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    "UploadedAt" INTEGER NOT NULL
);

CREATE TABLE "RevenueEstimateLines" (
    "RevenueEstimateId" INTEGER NOT NULL,
    "EntrepreneurId" INTEGER NOT NULL,
    "Month" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    CONSTRAINT "PK_RevenueEstimateLines" PRIMARY KEY ("RevenueEstimateId", "EntrepreneurId", "Month"),
    CONSTRAINT "FK_RevenueEstimateLines_Entrepreneurs_EntrepreneurId" FOREIGN KEY ("EntrepreneurId") REFERENCES "Entrepreneurs" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RevenueEstimateLines_RevenueEstimates_RevenueEstimateId" FOREIGN KEY ("RevenueEstimateId") REFERENCES "RevenueEstimates" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RevenueEstimateLines_EntrepreneurId" ON "RevenueEstimateLines" ("EntrepreneurId");

CREATE UNIQUE INDEX "IX_RevenueEstimates_DistrictCode_FiscalYear" ON "RevenueEstimates" ("DistrictCode", "FiscalYear");

CREATE INDEX "IX_RevenueEstimates_ProvinceCode_FiscalYear" ON "RevenueEstimates" ("ProvinceCode", "FiscalYear");

CREATE INDEX "IX_RevenueFiles_DistrictCode_Month_Purpose" ON "RevenueFiles" ("DistrictCode", "Month", "Purpose");
