using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.Trust;

/// <summary>docs/operations.md ("Backup and restore"): scripts/backup.sh and scripts/restore.sh on the provider under test, with the app running during the backup.</summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task ARestore_BringsBackExactlyTheBackupPoint_AndTheAuditChainStillVerifies()
    {
        using var database = new TestDatabase();
        var backupFile = Path.Combine(Path.GetTempPath(), "otop-tests", $"backup-{Guid.NewGuid():N}.bak");
        int auditAtBackup;
        using (var app = new OtopApp(database: database))
        {
            var admin = await app.ClientAsAsync("DepartmentAdmin", "0");
            await CreateUserAsync(admin, "before.backup", "2701");
            auditAtBackup = await app.WithDbAsync(db => db.AuditEntries.CountAsync());

            await RunAsync("backup.sh", backupFile, database);

            await CreateUserAsync(admin, "after.backup", "2701");
            (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "after.backup"))).ShouldBeTrue();
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        await RunAsync("restore.sh", backupFile, database);

        using var restored = new OtopApp(database: database);
        (await restored.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "before.backup"))).ShouldBeTrue();
        (await restored.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "after.backup"))).ShouldBeFalse();
        (await restored.WithDbAsync(db => db.AuditEntries.CountAsync())).ShouldBe(auditAtBackup);
        var department = await restored.ClientAsAsync("DepartmentAdmin", "0");
        (await (await department.GetAsync("/api/v1/audit/verify")).JsonAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();
        File.Delete(backupFile);
    }

    private static async Task CreateUserAsync(HttpClient admin, string userName, string unit) =>
        (await admin.PostJsonAsync("/api/v1/users", new { username = userName, password = "Sakaeo2566x", displayName = userName, role = "Viewer", orgUnit = unit }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

    private static async Task RunAsync(string script, string file, TestDatabase database)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(HardeningTests.RepoRoot(), "scripts", script), file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__Default"] = database.ConnectionString;
        start.Environment["OTOP_DLL"] = typeof(Program).Assembly.Location;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{script}: {await output}\n{await error}");
    }
}
