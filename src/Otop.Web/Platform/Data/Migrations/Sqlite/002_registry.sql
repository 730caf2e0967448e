-- Issue 3: a district marks its registry "checked and current" for a fiscal year (letter 1, task 1).
CREATE TABLE "RegistryChecks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RegistryChecks" PRIMARY KEY AUTOINCREMENT,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "FiscalYear" INTEGER NOT NULL,
    "CheckedBy" TEXT NOT NULL,
    "CheckedAt" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_RegistryChecks_DistrictCode_FiscalYear" ON "RegistryChecks" ("DistrictCode", "FiscalYear");

CREATE INDEX "IX_RegistryChecks_ProvinceCode_FiscalYear" ON "RegistryChecks" ("ProvinceCode", "FiscalYear");
