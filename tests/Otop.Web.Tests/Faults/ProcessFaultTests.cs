using System.Diagnostics;
using System.Net;
using System.Text;
using Otop.Web.Tests.Infrastructure;
using Otop.Web.Tests.Registry;

namespace Otop.Web.Tests.Faults;

/// <summary>
/// docs/decisions/009-faults-and-nodes.md, with the app as a real child process: killed with SIGKILL in the middle of an import, and stopped
/// with SIGTERM while a request is in flight. On SQLite and on PostgreSQL.
/// </summary>
[Collection(ProcessTests.Name)]
public sealed class ProcessFaultTests
{
    private const string AdminUser = "chief";
    private const string AdminPassword = "Chief-2566-pass";

    private static readonly Dictionary<string, string> Admin = new()
    {
        ["Admin__Username"] = AdminUser,
        ["Admin__Password"] = AdminPassword,
    };

    /// <summary>A national-size file: <paramref name="rows"/> products of rows/4 producers in one district.</summary>
    private static byte[] LargeFile(int rows, string prefix) =>
        RegistryFiles.Csv(Enumerable.Range(0, rows).Select(i => RegistryFiles.Row($"{prefix}E{i / 4:D6}", $"{prefix}P{i:D6}")));

    private static Task<HttpResponseMessage> PostImportAsync(HttpClient client, byte[] file) =>
        client.PostAsync("/api/v1/registry/import?commit=true", RegistryFiles.Upload(file));

    [Fact]
    public async Task AProcessKilledInTheMiddleOfAnImport_LeavesNoPartialData_AndTheAppServesAgain()
    {
        using var database = new TestDatabase();
        await using (var first = AppProcess.Start(database, Admin))
        {
            await first.WaitUntilHealthyAsync();
            using var admin = await first.ClientForAsync(AdminUser, AdminPassword);
            var file = LargeFile(100_000, "K");

            if (database.Provider == "Postgres")
            {
                // Caught after its rows are written in its transaction, before its commit.
                await using var blocker = await HoldTheImportsLastStepAsync(database);
                var import = PostImportAsync(admin, file);
                await blocker.WaitUntilTheImportIsWritingAsync(import, database);
                first.Kill();
                await blocker.ReleaseAsync();
                (await Record.ExceptionAsync(() => import)).ShouldNotBeNull("the request died with the process");
            }
            else
            {
                // SQLite: caught once its open transaction has spilled pages into the write-ahead log.
                var wal = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource + "-wal";
                var before = File.Exists(wal) ? new FileInfo(wal).Length : 0;
                var import = PostImportAsync(admin, file);
                var watch = Stopwatch.StartNew();
                while ((File.Exists(wal) ? new FileInfo(wal).Length : 0) < before + 512 * 1024 && watch.Elapsed < TimeSpan.FromSeconds(90))
                {
                    import.IsCompleted.ShouldBeFalse("the import finished before the test could kill it: make the file larger");
                    await Task.Delay(5);
                }
                first.Kill();
                (await Record.ExceptionAsync(() => import)).ShouldNotBeNull("the request died with the process");
            }
        }

        (await Sql.ScalarAsync(database, """SELECT count(*) FROM "Products" """)).ShouldBe(0);
        (await Sql.ScalarAsync(database, """SELECT count(*) FROM "Entrepreneurs" """)).ShouldBe(0);
        (await Sql.ScalarAsync(database, """SELECT count(*) FROM "AuditEntries" WHERE "Entity" = 'registry-import'""")).ShouldBe(0);
        await using var again = AppProcess.Start(database, Admin);
        await again.WaitUntilHealthyAsync();
        using var client = await again.ClientForAsync(AdminUser, AdminPassword);
        var products = await (await client.GetAsync("/api/v1/registry/products")).JsonAsync();
        products.GetProperty("total").GetInt32().ShouldBe(0);
        var retry = await (await PostImportAsync(client, LargeFile(2_000, "R"))).JsonAsync();
        retry.GetProperty("inserted").GetProperty("products").GetInt32().ShouldBe(2_000);
    }

    [Fact]
    public async Task SigtermWhileAnImportIsInFlight_FinishesTheImportWith200_AndExitsWithCode0()
    {
        using var database = new TestDatabase();
        await using var app = AppProcess.Start(database, Admin);
        await app.WaitUntilHealthyAsync();
        using var admin = await app.ClientForAsync(AdminUser, AdminPassword);

        await using var blocker = await HoldTheImportsLastStepAsync(database);
        var import = PostImportAsync(admin, LargeFile(4_000, "G"));
        await blocker.WaitUntilTheImportIsWritingAsync(import, database);
        app.Terminate();
        await Task.Delay(1500);
        app.HasExited.ShouldBeFalse("the app waits for the request in flight");
        await blocker.ReleaseAsync();

        var body = await (await import).JsonAsync();
        body.GetProperty("inserted").GetProperty("products").GetInt32().ShouldBe(4_000);
        (await app.WaitForExitAsync(TimeSpan.FromSeconds(60))).ShouldBeTrue("the app exits once the request is done");
        app.ExitCode.ShouldBe(0, app.Log);
        (await Sql.ScalarAsync(database, """SELECT count(*) FROM "Products" """)).ShouldBe(4_000);
    }

    [Fact]
    public async Task H91_AFiftyMegabyteJsonBody_IsRefusedByTheRealServerWith413InThai()
    {
        using var database = new TestDatabase();
        await using var app = AppProcess.Start(database, Admin);
        await app.WaitUntilHealthyAsync();
        using var admin = await app.ClientForAsync(AdminUser, AdminPassword);
        var body = new StringBuilder("{\"entries\":[");
        while (body.Length < 50 * 1024 * 1024) body.Append("{\"entrepreneurCode\":\"27010001\",\"amount\":1},");
        body.Append("{}]}");

        HttpResponseMessage? answer = null;
        var failure = await Record.ExceptionAsync(async () =>
            answer = await admin.PutAsync("/api/v1/revenue/2701/2023-02", new StringContent(body.ToString(), Encoding.UTF8, "application/json")));

        // Kestrel may answer 413 and close the connection while the client is still sending: either way nothing is read.
        if (answer is not null)
        {
            var problem = await answer.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            problem.GetProperty("detail").GetString()!.ShouldContain("ขนาดใหญ่เกินกำหนด");
        }
        else
        {
            failure.ShouldBeOfType<HttpRequestException>();
        }
        (await Sql.ScalarAsync(database, """SELECT count(*) FROM "RevenueMonths" """)).ShouldBe(0);
        (await admin.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>
    /// Makes the import wait at its last step, after it wrote its rows and before it commits, so that a test can act at
    /// exactly that moment. PostgreSQL: a lock on the audit table, which the import writes last in its transaction.
    /// SQLite: the database's one write lock, taken before the import's first write (SQLite writes only at commit time
    /// until its page cache spills, so "in the middle" is while the import holds its rows in an open transaction).
    /// </summary>
    private static async Task<ImportBlocker> HoldTheImportsLastStepAsync(TestDatabase database)
    {
        var connection = Sql.Open(database);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = database.Provider == "Postgres"
            ? """BEGIN; LOCK TABLE "AuditEntries" IN SHARE MODE;"""
            : "BEGIN IMMEDIATE;";
        await cmd.ExecuteNonQueryAsync();
        return new ImportBlocker(connection);
    }

    private sealed class ImportBlocker(System.Data.Common.DbConnection connection) : IAsyncDisposable
    {
        private bool _released;

        /// <summary>Until the import waits on our lock (PostgreSQL shows it; SQLite: until it has read and planned the file).</summary>
        public async Task WaitUntilTheImportIsWritingAsync(Task<HttpResponseMessage> import, TestDatabase database)
        {
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(90))
            {
                if (import.IsCompleted) throw new InvalidOperationException($"The import ended before it could be caught: {(await import).StatusCode}");
                if (database.Provider == "Postgres")
                {
                    await using var probe = Sql.Open(database);
                    await using var cmd = probe.CreateCommand();
                    cmd.CommandText = """
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%AuditEntries%'
                        """;
                    if (Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0) return;
                }
                else if (watch.Elapsed > TimeSpan.FromSeconds(6))
                {
                    return;
                }
                await Task.Delay(50);
            }
            throw new TimeoutException("The import never reached its write.");
        }

        public async Task ReleaseAsync()
        {
            if (_released) return;
            _released = true;
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "ROLLBACK";
            await cmd.ExecuteNonQueryAsync();
        }

        public async ValueTask DisposeAsync()
        {
            await ReleaseAsync();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>Child-process tests run one at a time: each starts one or two apps, and the machine has two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTests
{
    public const string Name = "child processes";
}
