using System.Text.RegularExpressions;

namespace Otop.Web.Tests.Infrastructure;

public static partial class Antiforgery
{
    public static string TokenFrom(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page.");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
