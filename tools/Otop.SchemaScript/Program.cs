using Microsoft.EntityFrameworkCore;
using Otop.Web.Platform.Data;
// Writes the model's CREATE script for each provider. Used for the initial migration only; later migrations are
// written by hand as NNN_name.sql (docs/decisions/002-versioned-sql-migrations.md).
// Usage: dotnet run --project tools/Otop.SchemaScript -- <output folder, e.g. src/Otop.Web/Data/Migrations> [name]
var output = args.Length > 0 ? args[0] : "src/Otop.Web/Data/Migrations";
var name = args.Length > 1 ? args[1] : "001_initial";

var sqlite = new DbContextOptionsBuilder<AppDbContext>().UseSqlite("Data Source=:memory:").Options;
var postgres = new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=localhost").Options;

Write("Sqlite", sqlite);
Write("Postgres", postgres);

void Write(string provider, DbContextOptions<AppDbContext> options)
{
    using var db = new AppDbContext(options);
    var script = db.Database.GenerateCreateScript();
    var folder = Path.Combine(output, provider);
    Directory.CreateDirectory(folder);
    var path = Path.Combine(folder, name + ".sql");
    File.WriteAllText(path, $"-- Generated from the EF Core model by tools/Otop.SchemaScript ({provider}).\n" + script.ReplaceLineEndings("\n"));
    Console.WriteLine($"wrote {path}");
}
