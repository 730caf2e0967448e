-- 007: circular letters with enclosures and tasks, reminders, calendar feed tokens (issue 6, decision 007).

CREATE TABLE "Circulars" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Circulars" PRIMARY KEY AUTOINCREMENT,
    "IssuerCode" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "NumberKey" TEXT NOT NULL,
    "IssuedOn" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "PublishedAt" INTEGER NULL,
    "PublishedBy" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL
);

CREATE TABLE "CircularRecipients" (
    "CircularId" INTEGER NOT NULL,
    "UnitCode" TEXT NOT NULL,
    CONSTRAINT "PK_CircularRecipients" PRIMARY KEY ("CircularId", "UnitCode"),
    CONSTRAINT "FK_CircularRecipients_Circulars_CircularId" FOREIGN KEY ("CircularId") REFERENCES "Circulars" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CircularEnclosures" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CircularEnclosures" PRIMARY KEY AUTOINCREMENT,
    "CircularId" INTEGER NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Content" BLOB NOT NULL,
    "Token" TEXT NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    CONSTRAINT "FK_CircularEnclosures_Circulars_CircularId" FOREIGN KEY ("CircularId") REFERENCES "Circulars" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CircularTasks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CircularTasks" PRIMARY KEY AUTOINCREMENT,
    "CircularId" INTEGER NOT NULL,
    "Ordinal" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "DueDate" TEXT NOT NULL,
    "Kind" INTEGER NOT NULL,
    "FiscalYear" INTEGER NULL,
    "Round" INTEGER NULL,
    CONSTRAINT "FK_CircularTasks_Circulars_CircularId" FOREIGN KEY ("CircularId") REFERENCES "Circulars" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TaskAssignments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TaskAssignments" PRIMARY KEY AUTOINCREMENT,
    "CircularTaskId" INTEGER NOT NULL,
    "UnitCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "SubmittedAt" INTEGER NULL,
    "SubmittedBy" TEXT NULL,
    "Note" TEXT NULL,
    "Late" INTEGER NOT NULL,
    "FileName" TEXT NULL,
    "FileContentType" TEXT NULL,
    "FileContent" BLOB NULL,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "FK_TaskAssignments_CircularTasks_CircularTaskId" FOREIGN KEY ("CircularTaskId") REFERENCES "CircularTasks" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CircularCorrections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CircularCorrections" PRIMARY KEY AUTOINCREMENT,
    "CircularId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "By" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "OldSubject" TEXT NOT NULL,
    "OldBody" TEXT NOT NULL,
    CONSTRAINT "FK_CircularCorrections_Circulars_CircularId" FOREIGN KEY ("CircularId") REFERENCES "Circulars" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Reminders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Reminders" PRIMARY KEY AUTOINCREMENT,
    "ItemKey" TEXT NOT NULL,
    "Recipient" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "UnitCode" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "DueDate" TEXT NOT NULL,
    "Link" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL,
    "EmailStatus" INTEGER NOT NULL,
    "EmailAttempts" INTEGER NOT NULL,
    "EmailSentAt" INTEGER NULL,
    "ClaimedUntil" INTEGER NULL
);

CREATE TABLE "CalendarFeedTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CalendarFeedTokens" PRIMARY KEY AUTOINCREMENT,
    "UserName" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL
);

CREATE UNIQUE INDEX "IX_CalendarFeedTokens_TokenHash" ON "CalendarFeedTokens" ("TokenHash");

CREATE INDEX "IX_CalendarFeedTokens_UserName" ON "CalendarFeedTokens" ("UserName");

CREATE INDEX "IX_CircularCorrections_CircularId" ON "CircularCorrections" ("CircularId");

CREATE INDEX "IX_CircularEnclosures_CircularId_Ordinal" ON "CircularEnclosures" ("CircularId", "Ordinal");

CREATE UNIQUE INDEX "IX_CircularEnclosures_Token" ON "CircularEnclosures" ("Token");

CREATE INDEX "IX_CircularRecipients_UnitCode" ON "CircularRecipients" ("UnitCode");

CREATE UNIQUE INDEX "IX_Circulars_IssuerCode_NumberKey" ON "Circulars" ("IssuerCode", "NumberKey");

CREATE INDEX "IX_CircularTasks_CircularId_Ordinal" ON "CircularTasks" ("CircularId", "Ordinal");

CREATE INDEX "IX_Reminders_EmailStatus" ON "Reminders" ("EmailStatus");

CREATE UNIQUE INDEX "IX_Reminders_ItemKey_Recipient_Kind" ON "Reminders" ("ItemKey", "Recipient", "Kind");

CREATE INDEX "IX_Reminders_Recipient_ReadAt" ON "Reminders" ("Recipient", "ReadAt");

CREATE UNIQUE INDEX "IX_TaskAssignments_CircularTaskId_UnitCode" ON "TaskAssignments" ("CircularTaskId", "UnitCode");

CREATE INDEX "IX_TaskAssignments_ProvinceCode" ON "TaskAssignments" ("ProvinceCode");

CREATE INDEX "IX_TaskAssignments_UnitCode" ON "TaskAssignments" ("UnitCode");
