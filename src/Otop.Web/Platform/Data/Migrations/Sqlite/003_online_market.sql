-- 003: online-market indicator (issue 4): published targets with frozen counts, readiness survey (letter 1
-- enclosure 3), listing evidence (enclosure 4), and the survey due date of an indicator round. Hand-written; DDL
-- copied from tools/Otop.SchemaScript's output for Sqlite.

ALTER TABLE "IndicatorRounds" ADD COLUMN "SurveyDueDate" TEXT NULL;

CREATE TABLE "PublishedTargets" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublishedTargets" PRIMARY KEY AUTOINCREMENT,
    "IndicatorId" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Entrepreneurs" INTEGER NOT NULL,
    "Products" INTEGER NOT NULL,
    "PublishedBy" TEXT NOT NULL,
    "PublishedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_PublishedTargets_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReadinessSurveys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReadinessSurveys" PRIMARY KEY AUTOINCREMENT,
    "IndicatorId" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "SentAt" INTEGER NULL,
    "SentBy" TEXT NULL,
    "Late" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_ReadinessSurveys_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReadinessAnswers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReadinessAnswers" PRIMARY KEY AUTOINCREMENT,
    "ReadinessSurveyId" INTEGER NOT NULL,
    "EntrepreneurId" INTEGER NOT NULL,
    "Ready" INTEGER NOT NULL,
    "Lacks" INTEGER NOT NULL,
    "PlannedChannels" TEXT NOT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "FK_ReadinessAnswers_Entrepreneurs_EntrepreneurId" FOREIGN KEY ("EntrepreneurId") REFERENCES "Entrepreneurs" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_ReadinessAnswers_ReadinessSurveys_ReadinessSurveyId" FOREIGN KEY ("ReadinessSurveyId") REFERENCES "ReadinessSurveys" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ListingEvidence" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ListingEvidence" PRIMARY KEY AUTOINCREMENT,
    "OnlineListingId" INTEGER NOT NULL,
    "ContentType" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Content" BLOB NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    CONSTRAINT "FK_ListingEvidence_OnlineListings_OnlineListingId" FOREIGN KEY ("OnlineListingId") REFERENCES "OnlineListings" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ListingEvidence_OnlineListingId" ON "ListingEvidence" ("OnlineListingId");

CREATE UNIQUE INDEX "IX_PublishedTargets_IndicatorId_Round_DistrictCode" ON "PublishedTargets" ("IndicatorId", "Round", "DistrictCode");

CREATE INDEX "IX_PublishedTargets_IndicatorId_Round_ProvinceCode" ON "PublishedTargets" ("IndicatorId", "Round", "ProvinceCode");

CREATE INDEX "IX_ReadinessAnswers_EntrepreneurId" ON "ReadinessAnswers" ("EntrepreneurId");

CREATE UNIQUE INDEX "IX_ReadinessAnswers_ReadinessSurveyId_EntrepreneurId" ON "ReadinessAnswers" ("ReadinessSurveyId", "EntrepreneurId");

CREATE UNIQUE INDEX "IX_ReadinessSurveys_IndicatorId_Round_DistrictCode" ON "ReadinessSurveys" ("IndicatorId", "Round", "DistrictCode");

CREATE INDEX "IX_ReadinessSurveys_IndicatorId_Round_ProvinceCode" ON "ReadinessSurveys" ("IndicatorId", "Round", "ProvinceCode");
