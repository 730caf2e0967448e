-- 014: sessions that end (a sign-out ends the session on the server, an absolute lifetime), and demo passwords that
-- a database seeded outside Development refuses until an administrator resets them (docs/decisions/012).
CREATE TABLE "UserSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_UserSessions" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "LastSeenAt" INTEGER NOT NULL,
    "EndedAt" INTEGER NULL,
    CONSTRAINT "FK_UserSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_UserSessions_UserId" ON "UserSessions" ("UserId");

ALTER TABLE "AspNetUsers" ADD COLUMN "PasswordIsDemo" INTEGER NOT NULL DEFAULT 0;
