using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Otop.Web.Platform;

/// <summary>An options class bound to one section of configuration (README "Configuration"); its attributes say what is allowed.</summary>
public interface IConfiguredOptions
{
    /// <summary>The section, as in <c>ProductCounts__DistrictsPerPass</c> (environment) or <c>ProductCounts:DistrictsPerPass</c>.</summary>
    static abstract string Section { get; }
}

/// <summary>
/// The one way the app reads its configuration: each section binds to a typed <see cref="IConfiguredOptions"/> class,
/// validated at start. A value that cannot be read or is outside what is allowed stops the app before it touches the
/// database, with a message naming the key as an operator sets it, the value and what is allowed.
/// </summary>
public static class ConfiguredOptions
{
    /// <summary>Range messages of the options classes: <c>{1}</c> and <c>{2}</c> are the bounds.</summary>
    public const string WholeNumber = "must be a whole number from {1} to {2}";
    public const string Number = "must be a number from {1} to {2}";
    public const string Duration = "must be a duration from {1} to {2}";

    /// <summary>
    /// Registers <typeparamref name="T"/> (bound, validated, <c>ValidateOnStart</c>) and returns its value now, checked the
    /// same way, for setup code that needs it while the service collection is built (rate-limit permits, the provider).
    /// </summary>
    public static T AddConfiguredOptions<T>(this WebApplicationBuilder builder) where T : class, IConfiguredOptions, new()
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>>(new ConfiguredOptionsValidator<T>(builder.Configuration)));
        builder.Services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
        return Read<T>(builder.Configuration);
    }

    /// <summary>Binds and checks <typeparamref name="T"/> without registering it (commands that run before the app is built).</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, IConfiguredOptions, new()
    {
        // The binder's own error for "abc" in an int names neither the allowed values nor the key as typed: check first.
        var unreadable = Unreadable(typeof(T), configuration.GetSection(T.Section)).ToList();
        if (unreadable.Count > 0) throw new OptionsValidationException(T.Section, typeof(T), unreadable);
        var value = new T();
        configuration.GetSection(T.Section).Bind(value);
        var result = new ConfiguredOptionsValidator<T>(configuration).Validate(Options.DefaultName, value);
        if (result.Failed) throw new OptionsValidationException(T.Section, typeof(T), result.Failures);
        return value;
    }

    /// <summary><c>ProductCounts:DistrictsPerPass</c> as an operator sets it in the environment.</summary>
    public static string Key(string path) => path.Replace(":", "__", StringComparison.Ordinal);

    /// <summary><c>ProductCounts__DistrictsPerPass='0' is refused: must be a whole number from 1 to 100000.</c></summary>
    public static string Refused(string path, string? value, string allowed) => $"{Key(path)}='{value}' is refused: {allowed}.";

    /// <summary>An absolute http or https address (a public base URL for links and QR codes).</summary>
    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>Configured values the binder could not convert to their property's type, as refusals.</summary>
    private static IEnumerable<string> Unreadable(Type type, IConfigurationSection section)
    {
        foreach (var property in Bindable(type))
        {
            var isArray = property.PropertyType.IsArray;
            var declared = isArray ? property.PropertyType.GetElementType()! : property.PropertyType;
            var target = Nullable.GetUnderlyingType(declared) ?? declared;
            if (target == typeof(string)) continue;
            var values = isArray
                ? section.GetSection(property.Name).GetChildren().Select(c => (c.Path, c.Value))
                : [(ConfigurationPath.Combine(section.Path, property.Name), section[property.Name])];
            foreach (var (path, value) in values)
            {
                // The binder leaves a property at its default when the key is absent, and binds "" as null when it may.
                if (value is null || (value.Length == 0 && target != declared)) continue;
                if (!Converts(target, value)) yield return Refused(path, value, Allowed(property, target));
            }
        }
    }

    private static bool Converts(Type target, string value)
    {
        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Allowed(PropertyInfo property, Type target) =>
        property.GetCustomAttribute<ValidationAttribute>()?.FormatErrorMessage(property.Name) ?? (target switch
        {
            _ when target == typeof(bool) => "must be true or false",
            _ when target == typeof(int) || target == typeof(long) => "must be a whole number",
            _ when target == typeof(double) => "must be a number",
            _ when target == typeof(TimeSpan) => "must be a duration such as 00:01:00",
            _ when target.IsEnum => "must be one of " + string.Join(", ", Enum.GetNames(target)),
            _ => $"must be a {target.Name}",
        });

    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true });
}

/// <summary>
/// Checks an options class's attributes and <see cref="IValidatableObject"/> rules, and words each failure for the
/// operator: the key, the value as configured and what is allowed. At start and for <see cref="ConfiguredOptions.Read"/>.
/// </summary>
public sealed class ConfiguredOptionsValidator<T>(IConfiguration configuration) : IValidateOptions<T> where T : class, IConfiguredOptions
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }
        return ValidateOptionsResult.Fail(results.Select(r => Message(options, r)));
    }

    /// <summary>An attribute's failure names its member; a class rule (<see cref="IValidatableObject"/>) words its own message.</summary>
    private string Message(T options, ValidationResult result)
    {
        var member = result.MemberNames.FirstOrDefault();
        if (member is null) return result.ErrorMessage ?? $"{T.Section} is refused.";
        var path = ConfigurationPath.Combine(T.Section, member);
        var shown = configuration[path] ?? Convert.ToString(typeof(T).GetProperty(member)?.GetValue(options), CultureInfo.InvariantCulture);
        return ConfiguredOptions.Refused(path, shown, result.ErrorMessage ?? "not allowed");
    }
}
