namespace Otop.Domain;

/// <summary>
/// The months a BE month picker offers (issue 15 item 4): each posts its Gregorian "YYYY-MM", as the handlers read it,
/// and reads in Thai with its BE year ("พฤศจิกายน 2569"). Newest first, from three months ahead back to the start of
/// the fiscal year two years before; the selected month is always among them.
/// </summary>
public static class MonthChoices
{
    public sealed record Choice(string Value, string Text);

    public static List<Choice> Around(YearMonth today, YearMonth? selected)
    {
        var last = today.AddMonths(3);
        var first = new FiscalYear(today.FiscalYear - 2).Months[0];
        var months = new List<YearMonth>();
        for (var m = last; m.CompareTo(first) >= 0; m = m.AddMonths(-1)) months.Add(m);
        if (selected is { } s && !months.Contains(s))
        {
            months.Add(s);
            months.Sort((a, b) => b.CompareTo(a));
        }

        return months.Select(m => new Choice(m.ToString(), ThaiDates.FormatMonth(m.Year, m.Month))).ToList();
    }
}
