-- 013: accounts with a lifecycle (CONTRACT.md, Users): a disabled account and the last sign-in.
ALTER TABLE "AspNetUsers" ADD COLUMN "DisabledAt" timestamp with time zone NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "LastSignInAt" timestamp with time zone NULL;
