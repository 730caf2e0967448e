namespace Otop.Web.Platform.Documents;

/// <summary>The "พิมพ์ / PDF / Excel" buttons a feature page shows for one form (Pages/Reports/_ReportButtons.cshtml).</summary>
public sealed record ReportLink(string Form, string Query, string Label = "")
{
    public string Print => $"/Reports/Print?form={Form}&{Query}";
    public string Download(string format) => $"/Reports/Download/{Form}?{Query}&format={format}";
}
