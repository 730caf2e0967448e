using System.Diagnostics.CodeAnalysis;

namespace Otop.Web.Platform.Documents;

/// <summary>
/// One printable form a feature offers (CONTRACT.md "Reports"): its name in <c>/api/v1/reports/{form}</c>, the builder that
/// makes its document under the caller's scope, and, for a form that a person certifies (รต.2), how to read the hash of the
/// figures they certified so that verification can compare it with the figures now.
/// </summary>
public sealed record ReportForm(string Name, ReportBuilder Build, CertifiedFiguresReader? Certified = null);

/// <summary>The certified hash and when it was certified, for the document's parameters; (null, null) when nothing is certified.</summary>
/// <remarks><c>By</c>: who certified, as the document prints it: the display name beside the account name.</remarks>
public delegate Task<(string? Hash, DateTimeOffset? At, string? By)> CertifiedFiguresReader(ReportRequest request);

/// <summary>
/// Every form the features registered (<see cref="ReportFormServices.AddReportForm"/>); documents know forms only through
/// this registry, so the documents code knows no feature and no feature's reports call back into another's.
/// </summary>
public sealed class ReportForms(IEnumerable<ReportForm> forms)
{
    private readonly Dictionary<string, ReportForm> _byName = forms.ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static readonly IReadOnlySet<string> Formats = new HashSet<string>(StringComparer.Ordinal) { "csv", "xlsx", "pdf" };

    public bool TryGet(string? name, [NotNullWhen(true)] out ReportForm? form)
    {
        form = null;
        return name is not null && _byName.TryGetValue(name, out form);
    }

    public IEnumerable<string> Names => _byName.Keys.Order(StringComparer.Ordinal);
}

public static class ReportFormServices
{
    public static IServiceCollection AddReportForm(this IServiceCollection services, ReportForm form) => services.AddSingleton(form);
}
