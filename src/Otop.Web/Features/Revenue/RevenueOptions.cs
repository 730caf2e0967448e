using System.ComponentModel.DataAnnotations;
using Otop.Web.Platform;

namespace Otop.Web.Features.Revenue;

/// <summary>
/// <c>Revenue__CertifyFromDay</c>: certification of month M opens on this day of M+1, Bangkok time (issue 16, item 6:
/// a month is certified once it has ended; 1 = from the 1st of the next month). A day after the cycle's close day
/// (the 6th by default) leaves certification to a month unlocked by the province.
/// </summary>
public sealed class RevenueOptions : IConfiguredOptions
{
    public const int DefaultCertifyFromDay = 1;

    public static string Section => "Revenue";

    [Range(1, 28, ErrorMessage = ConfiguredOptions.WholeNumber)]
    public int CertifyFromDay { get; set; } = DefaultCertifyFromDay;
}
