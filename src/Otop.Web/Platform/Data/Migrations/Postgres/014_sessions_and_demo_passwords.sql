-- 014: sessions that end (a sign-out ends the session on the server, an absolute lifetime), and demo passwords that
-- a database seeded outside Development refuses until an administrator resets them (docs/decisions/012).
CREATE TABLE "UserSessions" (
    "Id" character varying(32) NOT NULL,
    "UserId" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "LastSeenAt" timestamp with time zone NOT NULL,
    "EndedAt" timestamp with time zone NULL,
    CONSTRAINT "PK_UserSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_UserSessions_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_UserSessions_UserId" ON "UserSessions" ("UserId");

ALTER TABLE "AspNetUsers" ADD COLUMN "PasswordIsDemo" boolean NOT NULL DEFAULT FALSE;
