-- Generated from the EF Core model by tools/Otop.SchemaScript (Sqlite).
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "OrgUnitCode" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "UserName" TEXT NOT NULL,
    "Entity" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "OldValue" TEXT NULL,
    "NewValue" TEXT NULL,
    "Reason" TEXT NULL,
    "ProvinceCode" TEXT NULL
);


CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NOT NULL,
    "Xml" TEXT NOT NULL
);


CREATE TABLE "Entrepreneurs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Entrepreneurs" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Type" INTEGER NOT NULL,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "SubdistrictCode" TEXT NULL,
    "Address" TEXT NULL,
    "Phone" TEXT NULL,
    "Members" INTEGER NULL,
    "Status" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL
);


CREATE TABLE "FiscalYearSettings" (
    "FiscalYear" INTEGER NOT NULL CONSTRAINT "PK_FiscalYearSettings" PRIMARY KEY,
    "ConfirmByDay" INTEGER NOT NULL,
    "CloseFromDay" INTEGER NOT NULL,
    "ReopenDay" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "Indicators" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Indicators" PRIMARY KEY AUTOINCREMENT,
    "FiscalYear" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "NameTh" TEXT NOT NULL,
    "RegisteredFrom" INTEGER NULL,
    "RegisteredTo" INTEGER NULL,
    "ScoringMethod" INTEGER NOT NULL,
    "BaselineMode" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);


CREATE TABLE "OrgUnits" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_OrgUnits" PRIMARY KEY,
    "Level" INTEGER NOT NULL,
    "ParentCode" TEXT NULL,
    "NameTh" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL
);


CREATE TABLE "RevenueMonths" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RevenueMonths" PRIMARY KEY AUTOINCREMENT,
    "DistrictCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Month" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "Late" INTEGER NOT NULL,
    "Total" TEXT NOT NULL,
    "CertifiedBy" TEXT NULL,
    "CertifiedAt" INTEGER NULL,
    "ConfirmedBy" TEXT NULL,
    "ConfirmedAt" INTEGER NULL,
    "ReturnReason" TEXT NULL,
    "Unlocked" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);


CREATE TABLE "SalesChannels" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_SalesChannels" PRIMARY KEY,
    "NameTh" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "SortOrder" INTEGER NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "Products" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Products" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "EntrepreneurId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Category" INTEGER NOT NULL,
    "RegisteredYear" INTEGER NOT NULL,
    "StarLevel" INTEGER NULL,
    "StarYear" INTEGER NULL,
    "Standards" TEXT NULL,
    "Status" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    CONSTRAINT "FK_Products_Entrepreneurs_EntrepreneurId" FOREIGN KEY ("EntrepreneurId") REFERENCES "Entrepreneurs" ("Id") ON DELETE RESTRICT
);


CREATE TABLE "IndicatorRounds" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IndicatorRounds" PRIMARY KEY AUTOINCREMENT,
    "IndicatorId" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "ResultDueDate" TEXT NULL,
    CONSTRAINT "FK_IndicatorRounds_Indicators_IndicatorId" FOREIGN KEY ("IndicatorId") REFERENCES "Indicators" ("Id") ON DELETE CASCADE
);


CREATE TABLE "RevenueEntries" (
    "RevenueMonthId" INTEGER NOT NULL,
    "EntrepreneurId" INTEGER NOT NULL,
    "Amount" TEXT NOT NULL,
    CONSTRAINT "PK_RevenueEntries" PRIMARY KEY ("RevenueMonthId", "EntrepreneurId"),
    CONSTRAINT "FK_RevenueEntries_Entrepreneurs_EntrepreneurId" FOREIGN KEY ("EntrepreneurId") REFERENCES "Entrepreneurs" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RevenueEntries_RevenueMonths_RevenueMonthId" FOREIGN KEY ("RevenueMonthId") REFERENCES "RevenueMonths" ("Id") ON DELETE CASCADE
);


CREATE TABLE "OnlineListings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OnlineListings" PRIMARY KEY AUTOINCREMENT,
    "ProductId" INTEGER NOT NULL,
    "ChannelCode" TEXT NOT NULL,
    "Url" TEXT NOT NULL,
    "Since" TEXT NOT NULL,
    "RecordedAt" INTEGER NOT NULL,
    "RecordedBy" TEXT NOT NULL,
    CONSTRAINT "FK_OnlineListings_Products_ProductId" FOREIGN KEY ("ProductId") REFERENCES "Products" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_OnlineListings_SalesChannels_ChannelCode" FOREIGN KEY ("ChannelCode") REFERENCES "SalesChannels" ("Code") ON DELETE RESTRICT
);


CREATE TABLE "IndicatorBands" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IndicatorBands" PRIMARY KEY AUTOINCREMENT,
    "IndicatorRoundId" INTEGER NOT NULL,
    "Score" INTEGER NOT NULL,
    "Percent" TEXT NOT NULL,
    CONSTRAINT "FK_IndicatorBands_IndicatorRounds_IndicatorRoundId" FOREIGN KEY ("IndicatorRoundId") REFERENCES "IndicatorRounds" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE INDEX "IX_AspNetUsers_OrgUnitCode" ON "AspNetUsers" ("OrgUnitCode");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEntries_Entity_Key_Id" ON "AuditEntries" ("Entity", "Key", "Id");


CREATE UNIQUE INDEX "IX_Entrepreneurs_Code" ON "Entrepreneurs" ("Code");


CREATE INDEX "IX_Entrepreneurs_DistrictCode_Name" ON "Entrepreneurs" ("DistrictCode", "Name");


CREATE INDEX "IX_Entrepreneurs_ProvinceCode" ON "Entrepreneurs" ("ProvinceCode");


CREATE UNIQUE INDEX "IX_IndicatorBands_IndicatorRoundId_Score" ON "IndicatorBands" ("IndicatorRoundId", "Score");


CREATE UNIQUE INDEX "IX_IndicatorRounds_IndicatorId_Round" ON "IndicatorRounds" ("IndicatorId", "Round");


CREATE UNIQUE INDEX "IX_Indicators_FiscalYear_Code" ON "Indicators" ("FiscalYear", "Code");


CREATE INDEX "IX_OnlineListings_ChannelCode" ON "OnlineListings" ("ChannelCode");


CREATE INDEX "IX_OnlineListings_ProductId_Since" ON "OnlineListings" ("ProductId", "Since");


CREATE INDEX "IX_OrgUnits_ParentCode" ON "OrgUnits" ("ParentCode");


CREATE UNIQUE INDEX "IX_Products_Code" ON "Products" ("Code");


CREATE INDEX "IX_Products_EntrepreneurId_RegisteredYear" ON "Products" ("EntrepreneurId", "RegisteredYear");


CREATE INDEX "IX_RevenueEntries_EntrepreneurId" ON "RevenueEntries" ("EntrepreneurId");


CREATE UNIQUE INDEX "IX_RevenueMonths_DistrictCode_Month" ON "RevenueMonths" ("DistrictCode", "Month");


CREATE INDEX "IX_RevenueMonths_ProvinceCode_Month" ON "RevenueMonths" ("ProvinceCode", "Month");


