namespace Otop.Web.Features.Maps;

/// <summary>Issue 17's maps (<c>/Maps</c>): the boundaries, parsed and drawn once for the app's lifetime.</summary>
public static class MapsSetup
{
    public static WebApplicationBuilder AddMaps(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MapGeometry>();
        return builder;
    }
}
