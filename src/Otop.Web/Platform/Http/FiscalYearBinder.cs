using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Filters;
using Otop.Domain;

namespace Otop.Web.Platform.Http;

/// <summary>
/// Binds a page's <c>int? FiscalYear</c> from what an officer types or a link carries: BE (2566), CE (2023 → 2566) or
/// Thai digits (๒๕๖๖) (<see cref="YearInput"/>). A year it cannot read leaves the property null and a Thai error on the
/// model state under the property's name; <see cref="UnreadableYearFilter"/> answers it with the Thai
/// 400 page instead of silently showing the current year. Use: <c>[BindProperty(SupportsGet = true, BinderType = typeof(FiscalYearBinder))]</c>.
/// </summary>
public sealed class FiscalYearBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (value == ValueProviderResult.None) return Task.CompletedTask;
        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
        var year = YearInput.Parse(value.FirstValue, out var error);
        if (error is not null)
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, error);
            bindingContext.Result = ModelBindingResult.Failed();
        }
        else
        {
            bindingContext.Result = ModelBindingResult.Success(year);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A year the <see cref="FiscalYearBinder"/> could not read answers 400 with the Thai page naming the field, before any
/// handler runs, so no page silently shows another year (or a 500 from a year no calendar has).
/// </summary>
public sealed class UnreadableYearFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        foreach (var property in context.ActionDescriptor.BoundProperties)
        {
            if (property.BindingInfo?.BinderType != typeof(FiscalYearBinder)) continue;
            if (context.ModelState.TryGetValue(property.Name, out var entry) && entry.Errors.Count > 0)
            {
                context.HttpContext.Items[PageRefusals.DetailItem] = entry.Errors[0].ErrorMessage;
                context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
                return Task.CompletedTask;
            }
        }

        return next();
    }
}
