using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Otop.Web.Features.OnlineMarket;
using Otop.Web.Tests.Infrastructure;

namespace Otop.Web.Tests.OnlineMarket;

/// <summary>Issue 16, item 7: the readiness survey of the largest district, four lacks ticked per producer, is sent whole.</summary>
public sealed class SurveyAtScaleTests : IAsyncLifetime
{
    private readonly OtopApp _app = new(seedDemo: true, now: new DateTimeOffset(2021, 3, 10, 10, 0, 0, TimeSpan.FromHours(7)));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task District2705_WithFourLacksTickedPerProducer_SendsItsSurvey_OverMvcsDefaultOf1024FormValues()
    {
        var client = await _app.SignedInAsync("DistrictOfficer", "2705");
        var html = await client.GetStringAsync("/OnlineMarket/Survey");
        var ids = Regex.Matches(html, "name=\"Answers\\[(\\d+)\\].EntrepreneurId\" value=\"(\\d+)\"").Select(m => m.Groups[2].Value).ToList();
        html.ShouldContain("data-draft-key=\"survey:");

        var fields = new List<KeyValuePair<string, string>> { new("Version", Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value), new("__RequestVerificationToken", Antiforgery.TokenFrom(html)) };
        for (var i = 0; i < ids.Count; i++)
        {
            fields.Add(new($"Answers[{i}].EntrepreneurId", ids[i]));
            fields.Add(new($"Answers[{i}].Channels", "shopee"));
            fields.Add(new($"Answers[{i}].Ready", "false"));
            foreach (var lack in new[] { "Internet", "Device", "Skills", "Packaging" }) fields.Add(new($"Answers[{i}].Lacks", lack));
        }
        var sent = await client.PostAsync("/OnlineMarket/Survey?handler=Send", new FormUrlEncodedContent(fields));

        fields.Count.ShouldBeGreaterThan(1024);
        var answer = sent.StatusCode == HttpStatusCode.Redirect ? "" : await sent.Content.ReadAsStringAsync();
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect, Regex.Match(answer, "alert[^>]*>([^<]*)").Groups[1].Value);
        var survey = await _app.WithDbAsync(db => db.ReadinessSurveys.Include(s => s.Answers).SingleAsync(s => s.DistrictCode == "2705"));
        survey.Answers.Count.ShouldBe(ids.Count);
        survey.Answers.ShouldAllBe(a => a.Lacks == (ReadinessLack.Internet | ReadinessLack.Device | ReadinessLack.Skills | ReadinessLack.Packaging));
    }
}
