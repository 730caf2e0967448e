namespace Otop.Web.Platform;

/// <summary>
/// Real time shifted so that the app starts at <c>Clock__Now</c>: demos can be set at a month-end and time still moves.
/// </summary>
public sealed class ShiftedTimeProvider(DateTimeOffset startAt) : TimeProvider
{
    private readonly TimeSpan _shift = startAt.ToUniversalTime() - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
