using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
namespace Otop.Web.Features.Registry;

/// <summary>Writing the planned rows on SQLite: prepared INSERT and UPDATE statements in the import's transaction.</summary>
public sealed partial class RegistryImport
{
    private static async Task WriteSqliteAsync(DbConnection connection, DbTransaction tx, List<EntrepreneurWrite> entrepreneurs,
        List<ProductWrite> products, DateTimeOffset now, string by, CancellationToken ct)
    {
        // SQLite stores DateTimeOffset through the same converter the model uses (AppDbContext.ConfigureConventions).
        var at = (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(now)!;

        await using (var insert = Command(connection, tx,
            """INSERT INTO "Entrepreneurs" ("Code","Name","SearchKey","Type","DistrictCode","ProvinceCode","Status","Version","UpdatedAt","UpdatedBy") VALUES ($code,$name,$key,$type,$district,$province,0,0,$at,$by)""",
            "$code", "$name", "$key", "$type", "$district", "$province", "$at", "$by"))
        await using (var update = Command(connection, tx,
            """UPDATE "Entrepreneurs" SET "Name"=$name,"SearchKey"=$key,"Type"=$type,"DistrictCode"=$district,"ProvinceCode"=$province,"Version"="Version"+1,"UpdatedAt"=$at,"UpdatedBy"=$by WHERE "Id"=$id""",
            "$name", "$key", "$type", "$district", "$province", "$at", "$by", "$id"))
        {
            foreach (var e in entrepreneurs)
            {
                var cmd = e.Id is null ? insert : update;
                if (e.Id is null) cmd.Parameters["$code"].Value = e.Code;
                else cmd.Parameters["$id"].Value = e.Id.Value;
                cmd.Parameters["$name"].Value = e.Name;
                cmd.Parameters["$key"].Value = Otop.Domain.ThaiSearch.Key(e.Name);
                cmd.Parameters["$type"].Value = (int)e.Type;
                cmd.Parameters["$district"].Value = e.DistrictCode;
                cmd.Parameters["$province"].Value = e.DistrictCode[..2];
                cmd.Parameters["$at"].Value = at;
                cmd.Parameters["$by"].Value = by;
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }

        await using (var insert = Command(connection, tx,
            """INSERT INTO "Products" ("Code","EntrepreneurId","Name","SearchKey","Category","RegisteredYear","Status","Version","UpdatedAt","UpdatedBy") VALUES ($code,(SELECT "Id" FROM "Entrepreneurs" WHERE "Code"=$ecode),$name,$key,$category,$year,0,0,$at,$by)""",
            "$code", "$ecode", "$name", "$key", "$category", "$year", "$at", "$by"))
        await using (var update = Command(connection, tx,
            """UPDATE "Products" SET "Name"=$name,"SearchKey"=$key,"Category"=$category,"RegisteredYear"=$year,"Version"="Version"+1,"UpdatedAt"=$at,"UpdatedBy"=$by WHERE "Id"=$id""",
            "$name", "$key", "$category", "$year", "$at", "$by", "$id"))
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
                cmd.Parameters["$key"].Value = Otop.Domain.ThaiSearch.Key(p.Name);
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
}
