-- 021, issue 15 items 5 and 10: the bell, the e-mail and LINE outbox, and linking a LINE account.
CREATE TABLE "Notices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notices" PRIMARY KEY AUTOINCREMENT,
    "Recipient" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Link" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL
);
CREATE UNIQUE INDEX "IX_Notices_Recipient_Key" ON "Notices" ("Recipient", "Key");
CREATE INDEX "IX_Notices_Recipient_ReadAt" ON "Notices" ("Recipient", "ReadAt");

CREATE TABLE "NoticeDeliveries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_NoticeDeliveries" PRIMARY KEY AUTOINCREMENT,
    "NoticeId" INTEGER NOT NULL,
    "Channel" INTEGER NOT NULL,
    "Address" TEXT NOT NULL,
    "Status" INTEGER NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "NextAttemptAt" INTEGER NOT NULL,
    "ClaimedUntil" INTEGER NULL,
    "ClaimToken" TEXT NULL,
    "RetryKey" TEXT NOT NULL,
    "SentAt" INTEGER NULL,
    "LastError" TEXT NULL,
    CONSTRAINT "FK_NoticeDeliveries_Notices_NoticeId" FOREIGN KEY ("NoticeId") REFERENCES "Notices" ("Id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "IX_NoticeDeliveries_NoticeId_Channel" ON "NoticeDeliveries" ("NoticeId", "Channel");
CREATE INDEX "IX_NoticeDeliveries_Status_NextAttemptAt" ON "NoticeDeliveries" ("Status", "NextAttemptAt");
CREATE INDEX "IX_NoticeDeliveries_ClaimToken" ON "NoticeDeliveries" ("ClaimToken");

CREATE TABLE "LineLinks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LineLinks" PRIMARY KEY AUTOINCREMENT,
    "UserName" TEXT NOT NULL,
    "LineUserId" TEXT NOT NULL,
    "LinkedAt" INTEGER NOT NULL
);
CREATE UNIQUE INDEX "IX_LineLinks_UserName" ON "LineLinks" ("UserName");
CREATE INDEX "IX_LineLinks_LineUserId" ON "LineLinks" ("LineUserId");

CREATE TABLE "LineLinkCodes" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_LineLinkCodes" PRIMARY KEY AUTOINCREMENT,
    "UserName" TEXT NOT NULL,
    "CodeHash" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NOT NULL,
    "UsedAt" INTEGER NULL
);
CREATE UNIQUE INDEX "IX_LineLinkCodes_CodeHash" ON "LineLinkCodes" ("CodeHash");
CREATE INDEX "IX_LineLinkCodes_UserName_CreatedAt" ON "LineLinkCodes" ("UserName", "CreatedAt");

CREATE TABLE "LineWebhookEvents" (
    "EventId" TEXT NOT NULL CONSTRAINT "PK_LineWebhookEvents" PRIMARY KEY,
    "ReceivedAt" INTEGER NOT NULL
);
