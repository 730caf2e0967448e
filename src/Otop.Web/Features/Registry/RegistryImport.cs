using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Otop.Domain;
using Otop.Web.Platform.Audit;
using Otop.Web.Platform.Auth;
using Otop.Web.Platform.Data;
using Otop.Web.Platform.Files;

namespace Otop.Web.Features.Registry;

public sealed record ImportCounts(int Entrepreneurs, int Products);


public sealed record ImportResult(ImportCounts Inserted, ImportCounts Updated, IReadOnlyList<RejectedRow> Rejected)
{
    public bool IsValid => Rejected.Count == 0;
}

/// <summary>
/// The registry import of CONTRACT.md "Registry": one row per product, all-or-nothing, every bad row reported by its
/// number in Thai, an idempotent upsert by entrepreneur and product code, limited to the caller's districts.
/// Set-based for a national file (250,000 rows, docs/benchmarks.md): rows are parsed and checked in memory, the
/// existing codes are read in one query each, and the changes are written in one transaction (binary COPY on PostgreSQL).
/// The rows are read and checked in RegistryImport.Parsing.cs; written in RegistryImport.Sqlite.cs and RegistryImport.Postgres.cs.
/// </summary>
public sealed partial class RegistryImport(AppDbContext db, CurrentUser me, TimeProvider clock)
{
    public static readonly string[] Columns =
    [
        "entrepreneur_code", "entrepreneur_name", "entrepreneur_type", "district_code",
        "product_code", "product_name", "category", "registered_year",
    ];

    /// <summary>A code held outside the importer's unit: one message whoever holds it and wherever, naming nothing of theirs.</summary>
    internal static string CodeTaken(string what, string code) =>
        $"รหัส{what} {code} ใช้ในหน่วยงานของท่านไม่ได้ (รหัสต้องไม่ซ้ำทั้งประเทศ) กรุณาตรวจสอบรหัสกับทะเบียนของอำเภอ";

    private sealed record ExistingEntrepreneur(int Id, string Code, string Name, EntrepreneurType Type, string DistrictCode);

    private sealed record ExistingProduct(int Id, string Code, string EntrepreneurCode, string Name, ProductCategory Category, int RegisteredYear, string DistrictCode);

    private sealed record EntrepreneurWrite(int? Id, string Code, string Name, EntrepreneurType Type, string DistrictCode);

    private sealed record ProductWrite(int? Id, string Code, string EntrepreneurCode, string Name, ProductCategory Category, int RegisteredYear);

    /// <summary>Validates the file and, when <paramref name="commit"/> and every row is good, writes it.</summary>
    /// <exception cref="UnreadableFileException">the upload is not a CSV/XLSX we can read</exception>
    public async Task<ImportResult> RunAsync(Stream file, string fileName, bool commit, CancellationToken ct)
    {
        var rejected = new List<RejectedRow>();
        var rows = new List<Row>();
        var districts = await db.OrgUnits.AsNoTracking().Where(o => o.Level == OrgLevel.District)
            .ToDictionaryAsync(o => o.Code, o => o.NameTh, ct);
        var currentBeYear = ThaiDates.ToBuddhistYear(Bangkok.ToLocal(clock.GetUtcNow()).Year);

        int[]? index = null;
        var sawData = false;
        foreach (var fileRow in TabularFile.ReadRows(file))
        {
            ct.ThrowIfCancellationRequested();
            if (index is null)
            {
                if (fileRow.IsBlank) continue;
                index = MapHeader(fileRow, rejected);
                if (index is null) return new ImportResult(new(0, 0), new(0, 0), rejected);
                continue;
            }
            if (fileRow.IsBlank) continue;
            sawData = true;
            var errors = new List<string>();
            var row = ParseRow(fileRow, index, districts, currentBeYear, errors);
            if (errors.Count > 0) rejected.Add(new RejectedRow(fileRow.Row, errors));
            else rows.Add(row!);
        }
        if (index is null)
        {
            throw new UnreadableFileException(422, "ไฟล์ว่างเปล่า ไม่มีแม้แต่แถวหัวตาราง");
        }
        if (!sawData)
        {
            rejected.Add(new RejectedRow(1, ["ไฟล์มีแต่แถวหัวตาราง ไม่มีข้อมูลผลิตภัณฑ์ให้นำเข้า"]));
            return new ImportResult(new(0, 0), new(0, 0), rejected);
        }

        // Two imports of the same new codes at once: the later write meets the earlier one's rows (a unique violation).
        // Plan again against what is stored now: the second import then finds the rows there, as if posted after.
        for (var attempt = 1; ; attempt++)
        {
            var (entrepreneurs, products) = await PlanAsync(rows, districts, rejected, ct);
            if (rejected.Count > 0)
            {
                rejected.Sort((a, b) => a.Row.CompareTo(b.Row));
                return new ImportResult(new(0, 0), new(0, 0), rejected);
            }

            var result = new ImportResult(
                new ImportCounts(entrepreneurs.Count(e => e.Id is null), products.Count(p => p.Id is null)),
                new ImportCounts(entrepreneurs.Count(e => e.Id is not null), products.Count(p => p.Id is not null)),
                []);
            if (!commit || (entrepreneurs.Count == 0 && products.Count == 0)) return result;
            try
            {
                await WriteAsync(entrepreneurs, products, fileName, result, ct);
                return result;
            }
            catch (Exception e) when (attempt < 3 && DbErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<(List<EntrepreneurWrite>, List<ProductWrite>)> PlanAsync(
        List<Row> rows, Dictionary<string, string> districts, List<RejectedRow> rejected, CancellationToken ct)
    {
        var entrepreneurCodes = rows.Select(r => r.EntrepreneurCode).Distinct().ToList();
        var productCodes = rows.Select(r => r.ProductCode).Distinct().ToList();
        // One query each, whatever the file's size: the codes travel as one array/JSON parameter (EF.Parameter).
        var existingEntrepreneurs = await db.Entrepreneurs.AsNoTracking()
            .Where(e => EF.Parameter(entrepreneurCodes).Contains(e.Code))
            .Select(e => new ExistingEntrepreneur(e.Id, e.Code, e.Name, e.Type, e.DistrictCode))
            .ToDictionaryAsync(e => e.Code, StringComparer.Ordinal, ct);
        var existingProducts = await db.Products.AsNoTracking()
            .Where(p => EF.Parameter(productCodes).Contains(p.Code))
            .Select(p => new ExistingProduct(p.Id, p.Code, p.Entrepreneur.Code, p.Name, p.Category, p.RegisteredYear, p.Entrepreneur.DistrictCode))
            .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);

        var entrepreneurs = new List<EntrepreneurWrite>();
        var products = new List<ProductWrite>();
        var firstEntrepreneurRow = new Dictionary<string, Row>(StringComparer.Ordinal);
        var firstProductRow = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var errors = new List<string>();
            if (firstEntrepreneurRow.TryGetValue(row.EntrepreneurCode, out var first))
            {
                var differs = new List<string>();
                if (first.EntrepreneurName != row.EntrepreneurName) differs.Add("ชื่อ");
                if (first.Type != row.Type) differs.Add("ประเภท");
                if (first.DistrictCode != row.DistrictCode) differs.Add("อำเภอ");
                if (differs.Count > 0)
                {
                    errors.Add($"ผู้ประกอบการรหัส {row.EntrepreneurCode} มี{string.Join("/", differs)}ไม่ตรงกับแถว {first.Number} ในไฟล์เดียวกัน");
                }
            }
            if (existingEntrepreneurs.TryGetValue(row.EntrepreneurCode, out var stored) && !me.Scope.Covers(stored.DistrictCode))
            {
                // Neutral (docs/hostile-input.md, "Limits and responses"): not where, not whose; the same for a sibling district and another province.
                errors.Add(CodeTaken("ผู้ประกอบการ", row.EntrepreneurCode));
            }
            if (firstProductRow.TryGetValue(row.ProductCode, out var firstRow))
            {
                errors.Add($"รหัสผลิตภัณฑ์ {row.ProductCode} ซ้ำกับแถว {firstRow} ในไฟล์เดียวกัน");
            }
            if (existingProducts.TryGetValue(row.ProductCode, out var storedProduct) && storedProduct.EntrepreneurCode != row.EntrepreneurCode)
            {
                errors.Add(me.Scope.Covers(storedProduct.DistrictCode)
                    ? $"รหัสผลิตภัณฑ์ {row.ProductCode} เป็นของผู้ประกอบการรหัส {storedProduct.EntrepreneurCode} อยู่แล้ว ไม่ใช่ {row.EntrepreneurCode}"
                    : CodeTaken("ผลิตภัณฑ์", row.ProductCode));
            }
            if (errors.Count > 0)
            {
                rejected.Add(new RejectedRow(row.Number, errors));
                firstProductRow.TryAdd(row.ProductCode, row.Number);
                continue;
            }

            if (firstEntrepreneurRow.TryAdd(row.EntrepreneurCode, row))
            {
                if (stored is null)
                {
                    entrepreneurs.Add(new EntrepreneurWrite(null, row.EntrepreneurCode, row.EntrepreneurName, row.Type, row.DistrictCode));
                }
                else if (stored.Name != row.EntrepreneurName || stored.Type != row.Type || stored.DistrictCode != row.DistrictCode)
                {
                    entrepreneurs.Add(new EntrepreneurWrite(stored.Id, row.EntrepreneurCode, row.EntrepreneurName, row.Type, row.DistrictCode));
                }
            }
            firstProductRow.Add(row.ProductCode, row.Number);
            if (storedProduct is null)
            {
                products.Add(new ProductWrite(null, row.ProductCode, row.EntrepreneurCode, row.ProductName, row.Category, row.RegisteredYear));
            }
            else if (storedProduct.Name != row.ProductName || storedProduct.Category != row.Category || storedProduct.RegisteredYear != row.RegisteredYear)
            {
                products.Add(new ProductWrite(storedProduct.Id, row.ProductCode, row.EntrepreneurCode, row.ProductName, row.Category, row.RegisteredYear));
            }
        }
        return (entrepreneurs, products);
    }

    private async Task WriteAsync(List<EntrepreneurWrite> entrepreneurs, List<ProductWrite> products, string fileName,
        ImportResult result, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var now = clock.GetUtcNow();
            var by = me.UserName.Length > 0 ? me.UserName : "system";
            await WriteRowsAsync(db, connection, tx.GetDbTransaction(), entrepreneurs, products, now, by, ct);
            // One audit entry per import (counts and file), not one per row: a national file has 250,000.
            AuditLog.Record(db, me, clock, "registry-import", fileName, "import",
                newValue: new { result.Inserted, result.Updated, rows = products.Count },
                provinceCode: me.Scope.ProvinceCode);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }
}
