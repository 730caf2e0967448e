using System.Text.RegularExpressions;

namespace Otop.Web.Tests.Architecture;

/// <summary>
/// The layout rules of README "How the code is laid out" as checks over what <see cref="CodeReferences"/> read from the
/// build or over the source files: each answers the violations, so a test can feed it a hand-made list and see it fail.
/// </summary>
public static partial class LayoutRules
{
    public const int MaxLines = 400;

    private static bool IsFeature(string area) => area.StartsWith("Feature", StringComparison.Ordinal);

    /// <summary>Platform code that names a feature's type or member (Platform knows no feature; features register with it).</summary>
    public static List<CodeReference> PlatformUsingFeatures(IEnumerable<CodeReference> references) =>
        references.Where(r => r.FromArea == "Platform" && IsFeature(r.ToArea)).ToList();

    /// <summary>A feature's use of another's type or member that is not public (feature-private code is internal).</summary>
    public static List<CodeReference> CrossFeatureUsesOfNonPublic(IEnumerable<CodeReference> references) =>
        references.Where(r => IsFeature(r.FromArea) && IsFeature(r.ToArea) && r.FromArea != r.ToArea && !r.PublicTarget).ToList();

    /// <summary>Program.cs naming a feature's type other than its Setup (Program.cs is the table of contents, no more).</summary>
    public static List<CodeReference> ProgramBeyondSetups(IEnumerable<CodeReference> references) =>
        references.Where(r => r.FromArea == "Program" && IsFeature(r.ToArea) && !r.To.EndsWith("Setup", StringComparison.Ordinal)).ToList();

    /// <summary>Which feature uses which: "Circulars -> Registry" (the root pages of Features/ are "Features").</summary>
    public static SortedSet<string> FeatureDependencies(IEnumerable<CodeReference> references) =>
        new(references.Where(r => IsFeature(r.FromArea) && IsFeature(r.ToArea) && r.FromArea != r.ToArea)
            .Select(r => $"{Short(r.FromArea)} -> {Short(r.ToArea)}"), StringComparer.Ordinal);

    private static string Short(string area) => area.StartsWith("Feature:", StringComparison.Ordinal) ? area["Feature:".Length..] : area;

    /// <summary>Asking which database runs, or using a provider's own types: EF's IsSqlite/IsNpgsql, ProviderName, AppDbContext.IsSqlite, Npgsql, Microsoft.Data.Sqlite.</summary>
    public static bool IsProviderBranch(CodeReference r) =>
        r.ToMember is "IsSqlite" or "IsNpgsql" && r.To.EndsWith("DatabaseFacadeExtensions", StringComparison.Ordinal)
        || r.To == "Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade" && r.ToMember == "get_ProviderName"
        || r.To == "Otop.Web.Platform.Data.AppDbContext" && r.ToMember == "get_IsSqlite"
        || r.To.StartsWith("Npgsql", StringComparison.Ordinal)
        || r.To.StartsWith("Microsoft.Data.Sqlite.", StringComparison.Ordinal);

    /// <summary>Where provider branching may be: files named *.Postgres.cs or *.Sqlite.cs, and Platform/Data.</summary>
    public static bool MayBranchOnProvider(string document)
    {
        var path = document.Replace('\\', '/');
        return path.EndsWith(".Postgres.cs", StringComparison.Ordinal) || path.EndsWith(".Sqlite.cs", StringComparison.Ordinal)
            || path.Contains("src/Otop.Web/Platform/Data/", StringComparison.Ordinal);
    }

    /// <summary>
    /// Provider branching outside the named files. A use with no source file at all (no PDB) is a violation too: the rule
    /// must not pass because the symbols were missing.
    /// </summary>
    public static List<CodeReference> ProviderBranchesOutsideTheirFiles(IEnumerable<CodeReference> references, IReadOnlyCollection<string> allowedFiles) =>
        references.Where(IsProviderBranch)
            .Where(r => r.Documents.Count == 0 || r.Documents.Any(d => !MayBranchOnProvider(d) && !allowedFiles.Any(a => d.Replace('\\', '/').EndsWith(a, StringComparison.Ordinal))))
            .ToList();

    /// <summary>A .cs file under src/Otop.Web whose namespace is not "Otop.Web" plus its folders (Program.cs has none: top-level statements).</summary>
    public static List<string> NamespaceMismatches(IEnumerable<(string RelativePath, string Text)> files)
    {
        var wrong = new List<string>();
        foreach (var (relative, text) in files)
        {
            var path = relative.Replace('\\', '/');
            var folder = Path.GetDirectoryName(path)?.Replace('\\', '/') ?? "";
            var expected = folder.Length == 0 ? "Otop.Web" : "Otop.Web." + folder.Replace('/', '.');
            var declared = NamespaceDeclaration().Matches(text).Select(m => m.Groups[1].Value).ToList();
            if (path == "Program.cs" && declared.Count == 0) continue;
            if (declared.Count != 1 || declared[0] != expected)
            {
                wrong.Add($"{path}: namespace {(declared.Count == 0 ? "(none)" : string.Join(", ", declared))}, expected {expected}");
            }
        }
        return wrong;
    }

    /// <summary>Files longer than <see cref="MaxLines"/>, except those named in <paramref name="allowed"/>.</summary>
    public static List<string> LongFiles(IEnumerable<(string RelativePath, int Lines)> files, IReadOnlyCollection<string> allowed) =>
        files.Where(f => f.Lines > MaxLines && !allowed.Contains(f.RelativePath.Replace('\\', '/')))
            .Select(f => $"{f.RelativePath.Replace('\\', '/')}: {f.Lines} lines").ToList();

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*[;{]", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
