using Otop.Web.Platform.Data;

namespace Otop.Web.Tests.Architecture;

/// <summary>
/// The layout of README "How the code is laid out", read from the built Otop.Web.dll and its portable PDB (Mono.Cecil) and
/// from the source files. <see cref="LayoutRuleChecksTests"/> shows each check failing on a violation.
/// </summary>
public sealed class LayoutTests
{
    /// <summary>
    /// Which feature uses which (the root pages of Features/ are "Features"): what a feature takes from another is that one's
    /// public types. A new line here is a design decision, to be made on purpose.
    /// </summary>
    private static readonly string[] FeatureDependencies =
    [
        "Account -> Notifications", // the profile links LINE (LineLinking, LineOptions)
        "Calendar -> Circulars",    // task due dates (CircularTask, TaskAssignment) in the feed
        "Calendar -> Kpi",          // round dates of the indicators
        "Calendar -> Org",          // the unit picker (issue 17 item 2)
        "Calendar -> Revenue",      // the monthly cycle (MonthlyCycles, FiscalYearSetting)
        "Circulars -> Kpi",         // a linked task is an indicator's form (Indicator)
        "Circulars -> OnlineMarket",// ... the readiness survey (ReadinessSurvey), decision 007, and the result report's submission
        "Circulars -> Revenue",     // ... the revenue estimate (RevenueEstimate)
        "Compilation -> Revenue",   // the district months it freezes (RevenueMonth), their month parsing and cycle (MonthlyCycles)
        "Demo -> Circulars",        // the demo seeds every feature's data
        "Demo -> Kpi",
        "Demo -> OnlineMarket",
        "Demo -> Registry",
        "Demo -> Revenue",
        "Features -> Compilation",  // the department's home: the month's compilation, its documents and compiling again (issue 17)
        "Features -> Home",         // the home page's next steps, province queue and national progress (issue 15, item 5)
        "Features -> Revenue",      // the home page shows the month's state (MonthlyCycles, RevenueMonth)
        "Home -> Circulars",        // a district's tasks due (AssignmentState)
        "Home -> Compilation",      // the national progress reads the districts' months by the compilation's rules (DistrictsNowAsync)
        "Home -> Registry",         // the queue names the producers of the flagged figures (Entrepreneur)
        "Home -> Revenue",          // months, scans and cycles (RevenueMonth, RevenueFile, MonthlyCycles)
        "Maps -> Home",             // the map of completeness reads the national progress (NationalProgress)
        "Maps -> Kpi",              // ... the years that have an indicator of the map's kind (Indicator, IndicatorKind)
        "Maps -> OnlineMarket",     // ... letter 1's results and scores per district and province (OnlineMarketKpi)
        "Maps -> Revenue",          // ... and the revenue increase per district (RevenueKpi, MonthReporting, MonthlyCycles)
        "OnlineMarket -> Kpi",      // the share indicator, its rounds and bands (letter 1)
        "OnlineMarket -> Org",      // the department's province picker on the results (issue 17 item 2)
        "OnlineMarket -> Registry", // products, producers, listings and channels (letter 1, enclosure 4)
        "Rankings -> Kpi",          // the year's indicators and rounds (issue 17: rankings for both indicators)
        "Rankings -> OnlineMarket", // letter 1's results per district and province
        "Rankings -> Org",          // the department's province picker (issue 17 item 2)
        "Rankings -> Revenue",      // letter 2's results per district and province
        "Reminders -> Circulars",   // due tasks (AssignmentState, CircularTask)
        "Reminders -> Notifications", // each reminder in the bell and by LINE (Notices)
        "Reminders -> Revenue",     // due months (MonthlyCycles, RevenueMonth)
        "Revenue -> Kpi",           // the revenue indicator's bands and baseline (letter 2)
        "Revenue -> Org",           // the unit picker of the dashboard, trends and reporting rates (issue 17 item 2)
        "Revenue -> Notifications", // month returned or unlocked, estimate returned: the district is told (Notices)
        "Revenue -> Registry",      // entrepreneurs whose revenue is reported
        "Shared -> Notifications",  // the layout's bell (NoticeBadge)
    ];

    private static readonly Lazy<List<CodeReference>> References = new(() => CodeReferences.Read(typeof(AppDbContext).Assembly.Location));

    [Fact]
    public void Platform_ReferencesNoTypeOfAnyFeature() =>
        LayoutRules.PlatformUsingFeatures(References.Value).Select(r => r.ToString()).Distinct().ShouldBeEmpty();

    [Fact]
    public void AFeature_UsesAnotherOnlyThroughItsPublicTypesAndMembers() =>
        LayoutRules.CrossFeatureUsesOfNonPublic(References.Value).Select(r => r.ToString()).Distinct().ShouldBeEmpty();

    [Fact]
    public void ProgramCs_ReachesTheFeaturesOnlyThroughTheirSetup() =>
        LayoutRules.ProgramBeyondSetups(References.Value).Select(r => r.ToString()).Distinct().ShouldBeEmpty();

    [Fact]
    public void TheFeatures_DependOnEachOtherOnlyAsListed() =>
        LayoutRules.FeatureDependencies(References.Value).Order(StringComparer.Ordinal).ShouldBe(FeatureDependencies.Order(StringComparer.Ordinal));

    [Fact]
    public void ProviderBranching_IsOnlyInPostgresAndSqliteFilesAndPlatformData() =>
        LayoutRules.ProviderBranchesOutsideTheirFiles(References.Value, allowedFiles: []).Select(r => r.ToString()).Distinct().ShouldBeEmpty();

    [Fact]
    public void EveryNamespace_MatchesItsFolder()
    {
        var web = Path.Combine(RepoRoot(), "src", "Otop.Web");
        var files = SourceFiles(web).Where(f => f.EndsWith(".cs", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(web, f), File.ReadAllText(f))).ToList();

        files.Count.ShouldBeGreaterThan(100);
        LayoutRules.NamespaceMismatches(files).ShouldBeEmpty();
    }

    [Fact]
    public void NoSourceFile_IsOver400Lines()
    {
        var root = RepoRoot();
        var files = SourceFiles(Path.Combine(root, "src"))
            .Where(f => !f.EndsWith(".sql", StringComparison.Ordinal) && !f.EndsWith(".csv", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllLines(f).Length)).ToList();

        files.Count.ShouldBeGreaterThan(150);
        LayoutRules.LongFiles(files, []).ShouldBeEmpty();
    }

    /// <summary>The reader really sees method bodies, lambdas, async state machines, Razor views and the PDB's files.</summary>
    [Fact]
    public void TheReader_SeesBodiesLambdasStateMachinesViewsAndSourceFiles()
    {
        var references = References.Value;

        // An async method's body is its state machine's MoveNext: the COPY of the registry import, in its PostgreSQL file.
        references.ShouldContain(r => r.From == "Otop.Web.Features.Registry.RegistryImport" && r.To == "Npgsql.NpgsqlBinaryImporter"
            && r.Documents.Count == 1 && r.Documents.First().EndsWith("src/Otop.Web/Features/Registry/RegistryImport.Postgres.cs"));
        // The one statement that asks for the provider, mapped to its own file although AuditChain spans two.
        references.ShouldContain(r => r.From == "Otop.Web.Platform.Audit.AuditChain" && r.ToMember == "get_IsSqlite"
            && r.Documents.Single().EndsWith("src/Otop.Web/Platform/Audit/AuditChain.Postgres.cs"));
        // A lambda inside a query: the circulars' linked-form states read the estimates (a table seen through db.Set<T> in a lambda).
        references.ShouldContain(r => r.From == "Otop.Web.Features.Circulars.CircularRules" && r.To == "Otop.Web.Features.Kpi.Indicator");
        // A Razor view belongs to the feature of its .cshtml.
        references.ShouldContain(r => r.From.EndsWith(".Features_Revenue_Entry") && r.FromArea == "Feature:Revenue"
            && r.To == "Otop.Web.Features.Revenue.EntryModel" && r.Documents.Any(d => d.EndsWith("Features/Revenue/Entry.cshtml")));
        references.ShouldContain(r => r.From.EndsWith(".Features_Shared__Layout") && r.FromArea == "Feature:Shared");
        // Program.cs names the features' Setup classes.
        references.ShouldContain(r => r.FromArea == "Program" && r.To == "Otop.Web.Features.Registry.RegistrySetup");
    }

    internal static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f =>
            {
                var path = f.Replace('\\', '/');
                return !path.Contains("/bin/") && !path.Contains("/obj/") && !path.Contains("/wwwroot/lib/")
                    && Path.GetExtension(path) is ".cs" or ".cshtml" or ".js" or ".css" or ".json" or ".csproj" or ".sql" or ".csv";
            });

    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Otop.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("Otop.slnx not found");
        return dir;
    }
}
