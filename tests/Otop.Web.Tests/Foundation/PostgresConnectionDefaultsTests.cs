using Npgsql;
using Otop.Web.Platform.Data;

namespace Otop.Web.Tests.Foundation;

/// <summary>
/// The PostgreSQL connection string the app uses: statements prepared automatically unless the operator's string says
/// otherwise (docs/operations.md, "PostgreSQL connection"; docs/benchmarks.md, "B2: prepared statements").
/// </summary>
public sealed class PostgresConnectionDefaultsTests
{
    private const string Given = "Host=db.internal;Port=5432;Database=otop;Username=otop;Password=s3cret;Maximum Pool Size=50";

    [Fact]
    public void AStringThatDoesNotSay_GetsAutomaticPreparation_AndKeepsEverythingElse()
    {
        var result = new NpgsqlConnectionStringBuilder(DataSetup.WithPostgresDefaults(Given));

        result.MaxAutoPrepare.ShouldBe(DataSetup.DefaultMaxAutoPrepare);
        (result.Host, result.Port, result.Database, result.Username, result.Password, result.MaxPoolSize)
            .ShouldBe(("db.internal", 5432, "otop", "otop", "s3cret", 50));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("max auto prepare=10", 10)]
    [InlineData("MaxAutoPrepare=20", 20)]
    public void AnOperatorsOwnSetting_IsKeptAsWritten_ZeroTurningItOff(string setting, int expected)
    {
        var written = $"{Given};{setting}";

        DataSetup.WithPostgresDefaults(written).ShouldBe(written);
        new NpgsqlConnectionStringBuilder(DataSetup.WithPostgresDefaults(written)).MaxAutoPrepare.ShouldBe(expected);
    }
}
