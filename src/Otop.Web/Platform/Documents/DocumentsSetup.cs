using Otop.Web.Platform.Telemetry;

namespace Otop.Web.Platform.Documents;

public static class DocumentsSetup
{
    /// <summary>PDF rendering (headless Chromium), the document options and the registry the features add their forms to.</summary>
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<DocumentOptions>();
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddSingleton<PdfGate>();
        // The PDF queue (docs/operations.md "Telemetry"): places held but not rendering (building the HTML or waiting for a page), and pages rendering.
        builder.Services.AddOtopGauge("otop.pdf.queue", "{pdf}", "PDFs admitted by the node's PDF gate and not rendering yet (building or waiting for Chromium)",
            sp => Math.Max(0, sp.GetRequiredService<PdfGate>().InFlight - sp.GetRequiredService<PdfRenderer>().Rendering));
        builder.Services.AddOtopGauge<PdfRenderer>("otop.pdf.rendering", "{pdf}", "PDF pages rendering in Chromium now (Documents:PdfRendering at most)", r => r.Rendering);
        builder.Services.AddSingleton<ReportForms>();
        return builder;
    }
}
