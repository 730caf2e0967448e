-- 013: accounts with a lifecycle (CONTRACT.md, Users): a disabled account and the last sign-in.
ALTER TABLE "AspNetUsers" ADD COLUMN "DisabledAt" INTEGER NULL;
ALTER TABLE "AspNetUsers" ADD COLUMN "LastSignInAt" INTEGER NULL;
