-- 011: every start asks whether any audit entry still awaits its hash (AuditChain.SealUnsealedAsync). Without an index
-- on "Hash" that question is a scan of the whole national audit table on every start; this partial index holds only the
-- unsealed entries (those written before 008), so once they are sealed it is empty and the answer is immediate.
CREATE INDEX "IX_AuditEntries_Unsealed" ON "AuditEntries" ("Chain", "Sequence") WHERE "Hash" = '';
