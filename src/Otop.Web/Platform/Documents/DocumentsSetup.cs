namespace Otop.Web.Platform.Documents;

public static class DocumentsSetup
{
    /// <summary>PDF rendering (headless Chromium), the document options and the registry the features add their forms to.</summary>
    public static WebApplicationBuilder AddDocuments(this WebApplicationBuilder builder)
    {
        builder.AddConfiguredOptions<DocumentOptions>();
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddSingleton<PdfGate>();
        builder.Services.AddSingleton<ReportForms>();
        return builder;
    }
}
