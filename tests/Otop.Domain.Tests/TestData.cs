using System.Globalization;

namespace Otop.Domain.Tests;

internal static class TestData
{
    public static decimal D(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);

    public static DateTimeOffset At(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static DateOnly Date(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static YearMonth Ym(string s) => YearMonth.TryParse(s, out var ym) ? ym : throw new ArgumentException(s);
}
