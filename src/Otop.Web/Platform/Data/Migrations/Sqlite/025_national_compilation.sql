-- 025 (CONTRACT.md "National compilation"): a frozen snapshot of every district's month, compiled by the scheduler at
-- 00:00 Bangkok on the close day or on demand by the department. One scheduled compilation per month (the unique
-- partial index), so that of many app nodes only one compiles; manual ones are kept, each readable by its CompiledAt.
CREATE TABLE "Compilations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Compilations" PRIMARY KEY AUTOINCREMENT,
    "Month" TEXT NOT NULL,
    "CompiledAt" INTEGER NOT NULL,
    "CompiledBy" TEXT NOT NULL,
    "Trigger" TEXT NOT NULL
);
CREATE INDEX "IX_Compilations_Month_CompiledAt" ON "Compilations" ("Month", "CompiledAt");
CREATE UNIQUE INDEX "IX_Compilations_Month_Scheduled" ON "Compilations" ("Month") WHERE "Trigger" = 'schedule';

CREATE TABLE "CompiledDistricts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CompiledDistricts" PRIMARY KEY AUTOINCREMENT,
    "CompilationId" INTEGER NOT NULL,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "Total" TEXT NOT NULL,
    "Late" INTEGER NOT NULL,
    "Missing" INTEGER NOT NULL,
    CONSTRAINT "FK_CompiledDistricts_Compilations_CompilationId" FOREIGN KEY ("CompilationId") REFERENCES "Compilations" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_CompiledDistricts_CompilationId_DistrictCode" ON "CompiledDistricts" ("CompilationId", "DistrictCode");
