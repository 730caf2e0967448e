using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Otop.Web.Features.Reminders;

namespace Otop.Web.Tests.Reminders;

/// <summary>
/// A local SMTP server for tests: speaks just enough of RFC 5321 (220, 250, 354, 221) on a loopback port and keeps every
/// message it accepts. <see cref="FailNext"/> answers 451 to that many MAIL commands, to test retries.
/// </summary>
public sealed partial class SmtpSink : IDisposable
{
    public sealed record Message(string From, IReadOnlyList<string> To, string Data)
    {
        public string Subject => DecodeWords(Regex.Match(Data, @"^Subject: ([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)", RegexOptions.Multiline).Groups[1].Value);
    }

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _failNext;

    public ConcurrentQueue<Message> Messages { get; } = new();

    /// <summary>Recipients the server refuses (550 to their RCPT), as a relay refuses a mailbox that does not exist.</summary>
    public ConcurrentDictionary<string, bool> RejectRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);
    public int Port { get; }
    public int FailNext { get => _failNext; set => _failNext = value; }

    public SmtpSink()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public List<Message> Take()
    {
        var taken = new List<Message>();
        while (Messages.TryDequeue(out var m)) taken.Add(m);
        return taken;
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.ASCII);
        var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 sink ESMTP test");
        string from = "";
        var to = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250 sink");
                    break;
                case "MAIL":
                    if (Interlocked.Decrement(ref _failNext) >= 0)
                    {
                        await writer.WriteLineAsync("451 4.3.0 try again later");
                        break;
                    }
                    Interlocked.Exchange(ref _failNext, 0);
                    from = line[(line.IndexOf(':') + 1)..].Trim(' ', '<', '>');
                    to.Clear();
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "RCPT":
                    var recipient = line[(line.IndexOf(':') + 1)..].Trim(' ', '<', '>');
                    if (RejectRecipients.ContainsKey(recipient))
                    {
                        await writer.WriteLineAsync("550 5.1.1 no such mailbox");
                        break;
                    }
                    to.Add(recipient);
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                    var data = new StringBuilder();
                    while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }
                    Messages.Enqueue(new Message(from, to.ToList(), data.ToString()));
                    await writer.WriteLineAsync("250 OK queued");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 bye");
                    return;
                default:
                    await writer.WriteLineAsync("250 OK");
                    break;
            }
        }
    }

    /// <summary>RFC 2047 encoded words (=?utf-8?B?…?=) as MailKit writes a Thai subject, after unfolding (RFC 5322, 2.2.3).</summary>
    private static string DecodeWords(string header) =>
        EncodedWord().Replace(Regex.Replace(Regex.Replace(header, "\r\n(?=[ \t])", ""), @"\?=\s+=\?", "?==?"), m => m.Groups[2].Value.ToUpperInvariant() == "B"
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[3].Value))
            : QuotedPrintable(m.Groups[3].Value));

    private static string QuotedPrintable(string s) =>
        Encoding.UTF8.GetString(Regex.Replace(s.Replace('_', ' '), "=([0-9A-Fa-f]{2})", m => ((char)Convert.ToByte(m.Groups[1].Value, 16)).ToString())
            .Select(c => (byte)c).ToArray());

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
