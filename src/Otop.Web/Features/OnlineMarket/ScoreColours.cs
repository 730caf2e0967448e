namespace Otop.Web.Features.OnlineMarket;

/// <summary>
/// The colour of a score (1 red … 5 green) on the ranking chart and in the tables: as a CSS class of site.css for the
/// pages, since the Content-Security-Policy forbids style attributes, and as a colour for the chart. Both say the same.
/// </summary>
public static class ScoreColours
{
    public static string CssClass(decimal score) => score switch
    {
        >= 5 => "score-5",
        >= 4 => "score-4",
        >= 3 => "score-3",
        >= 2 => "score-2",
        _ => "score-1",
    };

    public static string Colour(decimal score) => score switch
    {
        >= 5 => "#198754",
        >= 4 => "#5cb85c",
        >= 3 => "#f2a900",
        >= 2 => "#fd7e14",
        _ => "#dc3545",
    };
}
