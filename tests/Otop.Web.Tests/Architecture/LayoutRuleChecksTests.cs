using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Otop.Web.Tests.Architecture;

/// <summary>Each layout check fails on a violation: on a small assembly built here, or on hand-made references and files.</summary>
public sealed class LayoutRuleChecksTests
{
    private static CodeReference Use(string from, string to, string? member = null, bool isPublic = true, params string[] documents) =>
        new(from, CodeReferences.AreaOf(from), to, member, CodeReferences.AreaOf(to), isPublic, documents);

    /// <summary>
    /// "Otop.Web.Platform.Data.Leaky" calls the internal "Otop.Web.Features.Alpha.Helper.Do", and so does the public page of
    /// feature Beta, inside an async state machine nested in it; Beta also reads AppDbContext.IsSqlite. Written to bytes and
    /// read back, so the reader sees real metadata.
    /// </summary>
    private static List<CodeReference> SyntheticReferences()
    {
        using var module = ModuleDefinition.CreateModule("Synthetic", ModuleKind.Dll);
        var statics = TypeAttributes.Abstract | TypeAttributes.Sealed | TypeAttributes.BeforeFieldInit;
        var helper = new TypeDefinition("Otop.Web.Features.Alpha", "Helper", TypeAttributes.NotPublic | statics, module.TypeSystem.Object);
        var doIt = new MethodDefinition("Do", MethodAttributes.Assembly | MethodAttributes.Static, module.TypeSystem.Void);
        doIt.Body.GetILProcessor().Emit(OpCodes.Ret);
        helper.Methods.Add(doIt);
        module.Types.Add(helper);

        var db = new TypeDefinition("Otop.Web.Platform.Data", "AppDbContext", TypeAttributes.Public | statics, module.TypeSystem.Object);
        var isSqlite = new MethodDefinition("get_IsSqlite", MethodAttributes.Public | MethodAttributes.Static, module.TypeSystem.Boolean);
        var il = isSqlite.Body.GetILProcessor();
        il.Emit(OpCodes.Ldc_I4_1);
        il.Emit(OpCodes.Ret);
        db.Methods.Add(isSqlite);
        module.Types.Add(db);

        module.Types.Add(Calling("Otop.Web.Platform.Data", "Leaky", doIt));
        var page = Calling("Otop.Web.Features.Beta", "Page", isSqlite);
        var machine = Calling("", "<RunAsync>d__0", doIt, nested: true);
        page.NestedTypes.Add(machine);
        module.Types.Add(page);

        TypeDefinition Calling(string ns, string name, MethodReference target, bool nested = false)
        {
            var type = new TypeDefinition(ns, name, (nested ? TypeAttributes.NestedPrivate : TypeAttributes.Public) | statics, module.TypeSystem.Object);
            var run = new MethodDefinition("Run", MethodAttributes.Public | MethodAttributes.Static, module.TypeSystem.Void);
            var body = run.Body.GetILProcessor();
            body.Emit(OpCodes.Call, target);
            if (target.ReturnType.MetadataType != MetadataType.Void) body.Emit(OpCodes.Pop);
            body.Emit(OpCodes.Ret);
            type.Methods.Add(run);
            return type;
        }

        using var bytes = new MemoryStream();
        module.Write(bytes);
        bytes.Position = 0;
        using var read = ModuleDefinition.ReadModule(bytes);
        return CodeReferences.Read(read);
    }

    [Fact]
    public void ThePlatformCheck_FailsOnAPlatformTypeThatCallsAFeature()
    {
        var found = LayoutRules.PlatformUsingFeatures(SyntheticReferences());

        found.ShouldContain(r => r.From == "Otop.Web.Platform.Data.Leaky" && r.To == "Otop.Web.Features.Alpha.Helper" && r.ToMember == "Do");
        LayoutRules.PlatformUsingFeatures([Use("Otop.Web.Platform.Http.Problems", "Otop.Web.Platform.Data.AppDbContext")]).ShouldBeEmpty();
    }

    [Fact]
    public void TheFeatureCheck_FailsOnAnInternalMemberUsedFromAnotherFeature_EvenInsideAStateMachine()
    {
        var found = LayoutRules.CrossFeatureUsesOfNonPublic(SyntheticReferences());

        found.ShouldContain(r => r.From == "Otop.Web.Features.Beta.Page" && r.To == "Otop.Web.Features.Alpha.Helper" && r.ToMember == "Do");
        LayoutRules.CrossFeatureUsesOfNonPublic(
        [
            Use("Otop.Web.Features.Beta.Page", "Otop.Web.Features.Alpha.Helper", "Do", isPublic: true),
            Use("Otop.Web.Features.Alpha.Page", "Otop.Web.Features.Alpha.Helper", "Do", isPublic: false),
        ]).ShouldBeEmpty();
    }

    [Fact]
    public void TheProgramCheck_FailsOnProgramNamingMoreThanAFeaturesSetup()
    {
        LayoutRules.ProgramBeyondSetups([Use("Program", "Otop.Web.Features.Revenue.RevenueBook")]).Count.ShouldBe(1);
        LayoutRules.ProgramBeyondSetups([Use("Program", "Otop.Web.Features.Revenue.RevenueSetup", "AddRevenue")]).ShouldBeEmpty();
    }

    [Fact]
    public void TheDependencyList_SeesANewFeatureDependency() =>
        LayoutRules.FeatureDependencies([Use("Otop.Web.Features.Registry.RegistryApi", "Otop.Web.Features.Revenue.RevenueTables", "get_RevenueMonths")])
            .ShouldBe(["Registry -> Revenue"]);

    [Fact]
    public void TheProviderCheck_FailsOnABranchOutsideTheNamedFiles_OrWithoutSourceFiles()
    {
        // The synthetic assembly has no PDB: a provider question there cannot be placed in a file, and counts as outside.
        LayoutRules.ProviderBranchesOutsideTheirFiles(SyntheticReferences(), []).ShouldContain(r => r.ToMember == "get_IsSqlite");

        string[] branches = ["Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions::IsNpgsql",
            "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade::get_ProviderName", "Otop.Web.Platform.Data.AppDbContext::get_IsSqlite",
            "Npgsql.NpgsqlParameter", "Npgsql.NpgsqlBatch", "Npgsql.PostgresException"];
        foreach (var branch in branches)
        {
            var (to, member) = branch.Split("::") is [var t, var m] ? (t, m) : (branch, null);
            CodeReference At(string file) => Use("Otop.Web.Features.Kpi.KpiRules", to, member, true, "/repo/src/Otop.Web/Features/Kpi/" + file);

            LayoutRules.ProviderBranchesOutsideTheirFiles([At("KpiRules.cs")], []).Count.ShouldBe(1, branch);
            LayoutRules.ProviderBranchesOutsideTheirFiles([At("KpiRules.Postgres.cs"), At("KpiRules.Sqlite.cs")], []).ShouldBeEmpty(branch);
            LayoutRules.ProviderBranchesOutsideTheirFiles([At("KpiRules.cs")], ["src/Otop.Web/Features/Kpi/KpiRules.cs"]).ShouldBeEmpty(branch);
        }
        LayoutRules.ProviderBranchesOutsideTheirFiles(
            [Use("Otop.Web.Platform.Data.DbErrors", "Npgsql.PostgresException", null, true, "/repo/src/Otop.Web/Platform/Data/DbErrors.cs")], []).ShouldBeEmpty();
        LayoutRules.ProviderBranchesOutsideTheirFiles(
            [Use("Otop.Web.Platform.Audit.AuditChain", "Npgsql.NpgsqlCommand", null, true, "/repo/src/Otop.Web/Platform/Audit/AuditChain.cs")], []).Count.ShouldBe(1);
    }

    [Fact]
    public void TheNamespaceCheck_FailsOnAFileWhoseNamespaceIsNotItsFolder()
    {
        LayoutRules.NamespaceMismatches(
        [
            ("Features/Kpi/KpiRules.cs", "namespace Otop.Web.Features.Kpi;\npublic static class KpiRules;"),
            ("Platform/Http/Problems.cs", "using X;\nnamespace Otop.Web.Platform.Http\n{\n}"),
            ("Program.cs", "var builder = WebApplication.CreateBuilder(args);"),
        ]).ShouldBeEmpty();

        LayoutRules.NamespaceMismatches(
        [
            ("Features/Kpi/KpiRules.cs", "namespace Otop.Web.Pages.Kpi;"),
            ("Platform/Http/Problems.cs", "public static class Problems;"),
            ("Features/Kpi/Two.cs", "namespace Otop.Web.Features.Kpi { }\nnamespace Otop.Web.Features.Other { }"),
        ]).Count.ShouldBe(3);
    }

    [Fact]
    public void TheLengthCheck_FailsOnAFileOver400Lines()
    {
        LayoutRules.LongFiles([("src/Otop.Web/A.cs", 401), ("src/Otop.Web/B.cs", 400)], []).ShouldBe(["src/Otop.Web/A.cs: 401 lines"]);
        LayoutRules.LongFiles([("src/Otop.Web/A.cs", 401)], ["src/Otop.Web/A.cs"]).ShouldBeEmpty();
    }
}
