namespace Otop.Web.Tests.Infrastructure;

/// <summary>A clock the test sets; the app reads time only through TimeProvider.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();

    public void Advance(TimeSpan by) => Now += by;
}
