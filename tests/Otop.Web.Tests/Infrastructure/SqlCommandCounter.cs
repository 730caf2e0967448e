using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Otop.Web.Tests.Infrastructure;

/// <summary>
/// Counts the SQL commands EF Core sends while serving requests that carry <see cref="Header"/>, so that a test measures
/// one request and not the background services (outbox, reminders, product counts) running beside it.
/// </summary>
public sealed class SqlCommandCounter(IHttpContextAccessor http) : DbCommandInterceptor
{
    public const string Header = "X-Test-Count-Sql";
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    private void Seen()
    {
        if (http.HttpContext?.Request.Headers.ContainsKey(Header) == true) Interlocked.Increment(ref _count);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Seen();
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Seen();
        return base.ReaderExecuting(command, eventData, result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Seen();
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Seen();
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}

/// <summary>The app with a <see cref="SqlCommandCounter"/> on its <c>AppDbContext</c>.</summary>
public class CountingOtopApp(bool? seedDemo = false, DateTimeOffset? now = null) : OtopApp(seedDemo, now)
{
    public SqlCommandCounter Commands => Services.GetRequiredService<SqlCommandCounter>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<SqlCommandCounter>();
            services.ConfigureDbContext<Otop.Web.Platform.Data.AppDbContext>((sp, options) => options.AddInterceptors(sp.GetRequiredService<SqlCommandCounter>()));
        });
    }

    /// <summary>The SQL commands one GET of <paramref name="path"/> sends (after one warm-up GET, so caches are as in steady use).</summary>
    public async Task<int> CommandsForAsync(HttpClient client, string path)
    {
        (await client.GetAsync(path)).EnsureSuccessStatusCode();
        Commands.Reset();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(SqlCommandCounter.Header, "1");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
        return Commands.Count;
    }
}
