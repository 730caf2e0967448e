using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
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
/// </summary>
public sealed class RegistryImport(AppDbContext db, CurrentUser me, TimeProvider clock)
{
    public static readonly string[] Columns =
    [
        "entrepreneur_code", "entrepreneur_name", "entrepreneur_type", "district_code",
        "product_code", "product_name", "category", "registered_year",
    ];

    private static readonly Dictionary<string, string> ColumnThai = new()
    {
        ["entrepreneur_code"] = "รหัสผู้ประกอบการ",
        ["entrepreneur_name"] = "ชื่อผู้ประกอบการ",
        ["entrepreneur_type"] = "ประเภทผู้ประกอบการ",
        ["district_code"] = "รหัสอำเภอ",
        ["product_code"] = "รหัสผลิตภัณฑ์",
        ["product_name"] = "ชื่อผลิตภัณฑ์",
        ["category"] = "ประเภทผลิตภัณฑ์",
        ["registered_year"] = "ปีที่ลงทะเบียน",
    };

    private sealed record Row(int Number, string EntrepreneurCode, string EntrepreneurName, EntrepreneurType Type,
        string DistrictCode, string ProductCode, string ProductName, ProductCategory Category, int RegisteredYear);

    private sealed record ExistingEntrepreneur(int Id, string Code, string Name, EntrepreneurType Type, string DistrictCode);

    private sealed record ExistingProduct(int Id, string Code, string EntrepreneurCode, string Name, ProductCategory Category, int RegisteredYear);

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

    private static int[]? MapHeader(FileRow header, List<RejectedRow> rejected)
    {
        var names = header.Cells.Select(c => c.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var index = Columns.Select(c => names.IndexOf(c)).ToArray();
        var missing = Columns.Where((_, i) => index[i] < 0).ToList();
        if (missing.Count == 0) return index;
        rejected.Add(new RejectedRow(header.Row,
        [
            $"แถวหัวตารางไม่มีคอลัมน์ {string.Join(", ", missing)} (ต้องมี {string.Join(",", Columns)})",
        ]));
        return null;
    }

    private Row? ParseRow(FileRow fileRow, int[] index, Dictionary<string, string> districts, int currentBeYear, List<string> errors)
    {
        string Cell(int column) => index[column] < fileRow.Cells.Length ? WithoutFormulaGuard(fileRow.Cells[index[column]].Trim()) : "";
        string Required(int column, int maxLength)
        {
            var value = Cell(column);
            var name = $"{ColumnThai[Columns[column]]} ({Columns[column]})";
            if (value.Length == 0) errors.Add($"{name} ต้องไม่ว่าง");
            else if (value.Length > maxLength) errors.Add($"{name} ยาวเกิน {maxLength} ตัวอักษร");
            return value;
        }
        string Code(int column)
        {
            var value = ThaiDigits.ToArabic(Required(column, RegistryRules.CodeMaxLength));
            if (value.Length > 0 && !value.All(RegistryRules.IsCodeCharacter))
            {
                errors.Add($"{ColumnThai[Columns[column]]} ({Columns[column]}) '{value}' มีอักขระที่ใช้ไม่ได้ (ใช้ได้เฉพาะตัวเลข ตัวอักษรอังกฤษ และ - _ / .)");
            }
            return value;
        }

        var entrepreneurCode = Code(0);
        var entrepreneurName = Required(1, 300);
        var typeText = Cell(2);
        if (!OtopLabels.TryParseEntrepreneurType(typeText, out var type))
        {
            errors.Add(typeText.Length == 0
                ? "ประเภทผู้ประกอบการ (entrepreneur_type) ต้องไม่ว่าง"
                : $"ประเภทผู้ประกอบการ (entrepreneur_type) '{typeText}' ไม่ถูกต้อง ต้องเป็น group, single, sme หรือ กลุ่มผู้ผลิตชุมชน, ผู้ผลิตชุมชนที่เป็นเจ้าของรายเดียว, ผู้ผลิตชุมชนที่เป็น SMEs");
        }
        var district = ThaiDigits.ToArabic(Cell(3));
        if (district.Length == 0) errors.Add("รหัสอำเภอ (district_code) ต้องไม่ว่าง");
        else if (!districts.ContainsKey(district)) errors.Add($"รหัสอำเภอ (district_code) '{district}' ไม่มีในระบบ (ใช้รหัสอำเภอ 4 หลักของกรมการปกครอง)");
        else if (!me.Scope.Covers(district))
        {
            errors.Add($"อำเภอ{districts[district]} ({district}) อยู่นอกหน่วยงานของท่าน นำเข้าได้เฉพาะข้อมูลของหน่วยงานตนเอง");
        }
        var productCode = Code(4);
        var productName = Required(5, 300);
        var categoryText = Cell(6);
        if (!OtopLabels.TryParseCategory(categoryText, out var category))
        {
            errors.Add(categoryText.Length == 0
                ? "ประเภทผลิตภัณฑ์ (category) ต้องไม่ว่าง"
                : $"ประเภทผลิตภัณฑ์ (category) '{categoryText}' ไม่ถูกต้อง ต้องเป็น food, beverage, textile, decorative, herbal หรือชื่อประเภทภาษาไทย");
        }
        var yearText = Cell(7);
        var year = 0;
        if (yearText.Length == 0) errors.Add("ปีที่ลงทะเบียน (registered_year) ต้องไม่ว่าง");
        else if (!TryParseYear(yearText, out year)) errors.Add($"ปีที่ลงทะเบียน (registered_year) '{yearText}' ไม่ใช่ปี พ.ศ. (เช่น 2562 หรือ ๒๕๖๒)");
        else if (year is < 2400 or > 2700) errors.Add($"ปีที่ลงทะเบียน (registered_year) {year} ต้องเป็นปี พ.ศ. ระหว่าง 2400 ถึง 2700");
        else if (year > currentBeYear) errors.Add($"ปีที่ลงทะเบียน (registered_year) {year} เป็นปีในอนาคต (ปีปัจจุบันคือ พ.ศ. {currentBeYear})");

        return errors.Count > 0
            ? null
            : new Row(fileRow.Row, entrepreneurCode, entrepreneurName, type, district, productCode, productName, category, year);
    }

    // The registry export writes '=… for a name starting with a formula character (RegistryExport); read it back as typed.
    private static string WithoutFormulaGuard(string cell) =>
        cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? cell[1..] : cell;

    // "๒๕๖๒", "2562", "2562.0" from a spreadsheet number, or a date cell ("2019-06-01", a CE year Excel stores): BE year.
    private static bool TryParseYear(string text, out int year)
    {
        var plain = ThaiDigits.ToArabic(text.Trim());
        if (plain.EndsWith(".0", StringComparison.Ordinal)) plain = plain[..^2];
        if (ThaiDigits.TryParseInt(plain, out year)) return true;
        if (DateOnly.TryParseExact(plain, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            year = date.Year < 2400 ? ThaiDates.ToBuddhistYear(date.Year) : date.Year;
            return true;
        }
        return false;
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
            .Select(p => new ExistingProduct(p.Id, p.Code, p.Entrepreneur.Code, p.Name, p.Category, p.RegisteredYear))
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
                errors.Add($"ผู้ประกอบการรหัส {row.EntrepreneurCode} ลงทะเบียนไว้ที่อำเภอ{districts.GetValueOrDefault(stored.DistrictCode)} ({stored.DistrictCode}) ซึ่งอยู่นอกหน่วยงานของท่าน");
            }
            if (firstProductRow.TryGetValue(row.ProductCode, out var firstRow))
            {
                errors.Add($"รหัสผลิตภัณฑ์ {row.ProductCode} ซ้ำกับแถว {firstRow} ในไฟล์เดียวกัน");
            }
            if (existingProducts.TryGetValue(row.ProductCode, out var storedProduct) && storedProduct.EntrepreneurCode != row.EntrepreneurCode)
            {
                errors.Add($"รหัสผลิตภัณฑ์ {row.ProductCode} เป็นของผู้ประกอบการรหัส {storedProduct.EntrepreneurCode} อยู่แล้ว ไม่ใช่ {row.EntrepreneurCode}");
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
            if (db.IsSqlite)
            {
                await WriteSqliteAsync(connection, tx.GetDbTransaction(), entrepreneurs, products, now, by, ct);
            }
            else
            {
                await WritePostgresAsync((NpgsqlConnection)connection, entrepreneurs, products, now, by, ct);
            }
            // One audit entry per import (counts and file), not one per row: a national file has 250,000.
            AuditLog.Record(db, me, clock, "registry-import", fileName, "import",
                newValue: new { result.Inserted, result.Updated, rows = products.Count },
                provinceCode: me.Scope.ProvinceCode);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        });
    }

    private static async Task WriteSqliteAsync(DbConnection connection, DbTransaction tx, List<EntrepreneurWrite> entrepreneurs,
        List<ProductWrite> products, DateTimeOffset now, string by, CancellationToken ct)
    {
        // SQLite stores DateTimeOffset through the same converter the model uses (AppDbContext.ConfigureConventions).
        var at = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;

        await using (var insert = Command(connection, tx,
            """INSERT INTO "Entrepreneurs" ("Code","Name","Type","DistrictCode","ProvinceCode","Status","Version","UpdatedAt","UpdatedBy") VALUES ($code,$name,$type,$district,$province,0,0,$at,$by)""",
            "$code", "$name", "$type", "$district", "$province", "$at", "$by"))
        await using (var update = Command(connection, tx,
            """UPDATE "Entrepreneurs" SET "Name"=$name,"Type"=$type,"DistrictCode"=$district,"ProvinceCode"=$province,"Version"="Version"+1,"UpdatedAt"=$at,"UpdatedBy"=$by WHERE "Id"=$id""",
            "$name", "$type", "$district", "$province", "$at", "$by", "$id"))
        {
            foreach (var e in entrepreneurs)
            {
                var cmd = e.Id is null ? insert : update;
                if (e.Id is null) cmd.Parameters["$code"].Value = e.Code;
                else cmd.Parameters["$id"].Value = e.Id.Value;
                cmd.Parameters["$name"].Value = e.Name;
                cmd.Parameters["$type"].Value = (int)e.Type;
                cmd.Parameters["$district"].Value = e.DistrictCode;
                cmd.Parameters["$province"].Value = e.DistrictCode[..2];
                cmd.Parameters["$at"].Value = at;
                cmd.Parameters["$by"].Value = by;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        await using (var insert = Command(connection, tx,
            """INSERT INTO "Products" ("Code","EntrepreneurId","Name","Category","RegisteredYear","Status","Version","UpdatedAt","UpdatedBy") VALUES ($code,(SELECT "Id" FROM "Entrepreneurs" WHERE "Code"=$ecode),$name,$category,$year,0,0,$at,$by)""",
            "$code", "$ecode", "$name", "$category", "$year", "$at", "$by"))
        await using (var update = Command(connection, tx,
            """UPDATE "Products" SET "Name"=$name,"Category"=$category,"RegisteredYear"=$year,"Version"="Version"+1,"UpdatedAt"=$at,"UpdatedBy"=$by WHERE "Id"=$id""",
            "$name", "$category", "$year", "$at", "$by", "$id"))
        {
            foreach (var p in products)
            {
                var cmd = p.Id is null ? insert : update;
                if (p.Id is null)
                {
                    cmd.Parameters["$code"].Value = p.Code;
                    cmd.Parameters["$ecode"].Value = p.EntrepreneurCode;
                }
                else cmd.Parameters["$id"].Value = p.Id.Value;
                cmd.Parameters["$name"].Value = p.Name;
                cmd.Parameters["$category"].Value = (int)p.Category;
                cmd.Parameters["$year"].Value = p.RegisteredYear;
                cmd.Parameters["$at"].Value = at;
                cmd.Parameters["$by"].Value = by;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, params string[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var name in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            cmd.Parameters.Add(p);
        }
        cmd.Prepare();
        return cmd;
    }

    private static async Task WritePostgresAsync(NpgsqlConnection connection, List<EntrepreneurWrite> entrepreneurs,
        List<ProductWrite> products, DateTimeOffset now, string by, CancellationToken ct)
    {
        await Exec(connection, """
            CREATE TEMP TABLE import_entrepreneurs (id integer, code text NOT NULL, name text NOT NULL, type integer NOT NULL, district text NOT NULL) ON COMMIT DROP;
            CREATE TEMP TABLE import_products (id integer, code text NOT NULL, entrepreneur_code text NOT NULL, name text NOT NULL, category integer NOT NULL, year integer NOT NULL) ON COMMIT DROP;
            """, ct);

        await CopyAsync(connection, "COPY import_entrepreneurs (id, code, name, type, district) FROM STDIN (FORMAT BINARY)",
            entrepreneurs.Select(e => new object?[] { e.Id, e.Code, e.Name, (int)e.Type, e.DistrictCode }), ct);
        await CopyAsync(connection, "COPY import_products (id, code, entrepreneur_code, name, category, year) FROM STDIN (FORMAT BINARY)",
            products.Select(p => new object?[] { p.Id, p.Code, p.EntrepreneurCode, p.Name, (int)p.Category, p.RegisteredYear }), ct);

        await Exec(connection, """
            UPDATE "Entrepreneurs" e SET "Name" = t.name, "Type" = t.type, "DistrictCode" = t.district, "ProvinceCode" = left(t.district, 2),
                "Version" = e."Version" + 1, "UpdatedAt" = @at, "UpdatedBy" = @by
            FROM import_entrepreneurs t WHERE t.id IS NOT NULL AND e."Id" = t.id;
            INSERT INTO "Entrepreneurs" ("Code", "Name", "Type", "DistrictCode", "ProvinceCode", "Status", "Version", "UpdatedAt", "UpdatedBy")
            SELECT t.code, t.name, t.type, t.district, left(t.district, 2), 0, 0, @at, @by FROM import_entrepreneurs t WHERE t.id IS NULL;
            UPDATE "Products" p SET "Name" = t.name, "Category" = t.category, "RegisteredYear" = t.year,
                "Version" = p."Version" + 1, "UpdatedAt" = @at, "UpdatedBy" = @by
            FROM import_products t WHERE t.id IS NOT NULL AND p."Id" = t.id;
            INSERT INTO "Products" ("Code", "EntrepreneurId", "Name", "Category", "RegisteredYear", "Status", "Version", "UpdatedAt", "UpdatedBy")
            SELECT t.code, e."Id", t.name, t.category, t.year, 0, 0, @at, @by
            FROM import_products t JOIN "Entrepreneurs" e ON e."Code" = t.entrepreneur_code WHERE t.id IS NULL;
            """, ct, ("at", now), ("by", by));
    }

    /// <summary>Binary COPY of rows into a staging table: a null id is a new row; int and string map to integer and text.</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, string copySql, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var copy = await connection.BeginBinaryImportAsync(copySql, ct);
        foreach (var row in rows) await copy.WriteRowAsync(ct, row);
        await copy.CompleteAsync(ct);
    }

    private static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
