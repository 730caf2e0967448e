using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
namespace Otop.Web.Platform.Auth;

/// <summary>
/// Defence in depth for pages (STYLE.md: a row outside your scope does not exist): a page whose query names an org unit outside the caller's scope answers
/// 403 before its handler runs, whatever the page would have shown. <c>district</c>/<c>unit</c> must be covered by the
/// caller's unit; <c>province</c> may also be the caller's own province (a district reads its province's tables, filtered
/// to its own rows by the page). A name instead of a code is left to the page's unit picker, which searches the scope only.
/// Pages marked <see cref="ProvinceWideReadAttribute"/> let any unit of the province be read.
/// </summary>
public sealed class UnitInUrlFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true && !Allowed(context, CurrentUser.From(http.User)))
        {
            // A province-wide page treats a district of another province as not there (its own convention: 404), and so
            // does a page marked OutsideScopeIsNotFound (STYLE.md: a row outside your scope does not exist).
            context.Result = IsProvinceWide(context) || Marked<OutsideScopeIsNotFoundAttribute>(context) ? new NotFoundResult() : new ForbidResult();
            return;
        }
        await next();
    }

    private static bool Allowed(PageHandlerExecutingContext context, CurrentUser me)
    {
        if (me.Scope.IsDepartment) return true;
        var query = context.HttpContext.Request.Query;
        var provinceWide = IsProvinceWide(context) && HttpMethods.IsGet(context.HttpContext.Request.Method);
        foreach (var name in new[] { "district", "unit" })
        {
            var code = ThaiDigitsOrEmpty(query[name]);
            if (code.Length == 0) continue;
            if (!(me.Scope.Covers(code) || (provinceWide && code.Length == 4 && code[..2] == me.Scope.ProvinceCode))) return false;
        }
        var province = ThaiDigitsOrEmpty(query["province"]);
        return province.Length == 0 || me.Scope.Covers(province) || me.Scope.ProvinceCode == province;
    }

    private static bool IsProvinceWide(PageHandlerExecutingContext context) => Marked<ProvinceWideReadAttribute>(context);

    private static bool Marked<T>(PageHandlerExecutingContext context) where T : Attribute =>
        context.HandlerInstance.GetType().IsDefined(typeof(T), inherit: false);

    // The code a field starts with ("2701", "๒๗๐๑", "2701 อำเภอเมืองสระแก้ว" as the unit picker fills it). A Thai name is
    // judged by the page, which searches only the caller's scope (UnitSearch): a name can never open another unit.
    private static string ThaiDigitsOrEmpty(Microsoft.Extensions.Primitives.StringValues value) =>
        Otop.Domain.UnitSearch.CodeOf(value.ToString()) ?? "";
}

/// <summary>A page that every unit of a province may read for any district of it (letter 1 sends results to all districts).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ProvinceWideReadAttribute : Attribute;

/// <summary>A page whose units outside the caller's scope answer 404 (not there) rather than 403; the scope itself is unchanged.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OutsideScopeIsNotFoundAttribute : Attribute;
