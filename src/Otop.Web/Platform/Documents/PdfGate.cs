using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Otop.Web.Platform.Documents;

/// <summary>
/// Who may start a PDF now (docs/hostile-input.md, "Limits and responses"): one user has at most
/// <see cref="DocumentOptions.PdfPerUser"/> PDFs building, waiting or rendering, and the node holds at most
/// rendering + queue of them; the rest are refused at once (429 with Retry-After) instead of waiting without bound, so a
/// Viewer who starts fifty PDFs in parallel holds two places and everybody else's PDF still renders.
/// </summary>
public sealed class PdfGate(IOptions<DocumentOptions> options)
{
    public const int RetryAfterSeconds = 10;

    private readonly ConcurrentDictionary<string, int> _perUser = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private int _total;

    /// <summary>A place for <paramref name="user"/> (dispose it when done); null with the Thai reason when there is none.</summary>
    public (IDisposable? Place, string? Refused) TryEnter(string user)
    {
        var o = options.Value;
        lock (_lock)
        {
            var mine = _perUser.GetValueOrDefault(user);
            if (mine >= o.PdfPerUser)
            {
                return (null, $"ท่านกำลังสร้างไฟล์ PDF อยู่แล้ว {mine} ฉบับ กรุณารอให้เสร็จก่อน แล้วลองใหม่ในอีก {RetryAfterSeconds} วินาที");
            }
            if (_total >= o.PdfRendering + o.PdfQueue)
            {
                return (null, $"มีผู้ขอไฟล์ PDF จำนวนมากในขณะนี้ กรุณาลองใหม่ในอีก {RetryAfterSeconds} วินาที");
            }
            _perUser[user] = mine + 1;
            _total++;
        }
        return (new Place(this, user), null);
    }

    /// <summary>PDFs building, waiting or rendering on this node now.</summary>
    public int InFlight { get { lock (_lock) return _total; } }

    private void Leave(string user)
    {
        lock (_lock)
        {
            _total--;
            var left = _perUser.GetValueOrDefault(user) - 1;
            if (left <= 0) _perUser.TryRemove(user, out _);
            else _perUser[user] = left;
        }
    }

    private sealed class Place(PdfGate gate, string user) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) gate.Leave(user);
        }
    }
}
