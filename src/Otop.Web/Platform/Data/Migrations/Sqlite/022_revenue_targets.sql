-- 022 (issue 16, item 2): a province publishes a round's revenue targets, freezing each district's baseline months.
CREATE TABLE "RevenueTargetPublications" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RevenueTargetPublications" PRIMARY KEY AUTOINCREMENT,
    "IndicatorId" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "PublishedBy" TEXT NOT NULL,
    "PublishedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_RevenueTargetPublications_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_RevenueTargetPublications_IndicatorId_Round_ProvinceCode" ON "RevenueTargetPublications" ("IndicatorId", "Round", "ProvinceCode");

CREATE TABLE "PublishedBaselines" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PublishedBaselines" PRIMARY KEY AUTOINCREMENT,
    "PublicationId" INTEGER NOT NULL,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Month" TEXT NOT NULL,
    "Amount" TEXT NOT NULL,
    CONSTRAINT "FK_PublishedBaselines_RevenueTargetPublications_PublicationId" FOREIGN KEY ("PublicationId") REFERENCES "RevenueTargetPublications" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_PublishedBaselines_PublicationId_DistrictCode_Month" ON "PublishedBaselines" ("PublicationId", "DistrictCode", "Month");
