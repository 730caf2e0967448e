using System.ComponentModel.DataAnnotations;
using Otop.Web.Platform;

namespace Otop.Web.Features.Compilation;

/// <summary>The national compilation's scheduler: <c>Compilation__Scheduler=false</c> turns it off, <c>Compilation__Poll</c> bounds its sleep.</summary>
public sealed class CompilationOptions : IConfiguredOptions
{
    public static string Section => "Compilation";

    /// <summary>Compile month M by itself at 00:00 Bangkok on the close day of M+1 (and catch up on start). Off in tests unless one turns it on.</summary>
    public bool Scheduler { get; set; } = true;

    /// <summary>The longest the scheduler sleeps before looking again (a changed close day or clock is seen within this).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = ConfiguredOptions.Duration)]
    public TimeSpan Poll { get; set; } = TimeSpan.FromMinutes(10);
}
