using System.Diagnostics;
using System.Net;

namespace OctopusServer.Double.Tests;

public sealed class FaultInjectionTests : ServerTest
{
    private const int Requests = 200;

    [Fact]
    public async Task An_error_rate_is_roughly_honoured_and_repeats_with_the_same_seed()
    {
        Server.Faults.Reseed(7);
        Server.Faults.SetErrorRate(503, 0.2);

        var first = await SendManyAsync();
        Server.Faults.Reseed(7);
        var second = await SendManyAsync();

        var failures = first.Count(s => s == HttpStatusCode.ServiceUnavailable);
        Assert.InRange(failures, 20, 60);
        Assert.Equal(Requests - failures, first.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Injected_errors_use_the_error_body_and_spare_the_anonymous_root()
    {
        Server.Faults.SetErrorRate(503, 1);

        using var failed = await Api.GetAsync("api/spaces");
        using var root = await Api.GetAsync("api");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        var body = await ReadJsonAsync(failed);
        Assert.False(string.IsNullOrEmpty((string?)body["ErrorMessage"]));
        Assert.Empty(body["Errors"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
    }

    [Fact]
    public async Task Latency_delays_every_authenticated_request()
    {
        Server.Faults.SetLatency(TimeSpan.FromMilliseconds(300));

        var clock = Stopwatch.StartNew();
        using var response = await Api.GetAsync("api/spaces");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"Answered after {clock.Elapsed}.");
    }

    [Fact]
    public async Task A_hanging_request_is_never_answered_until_the_client_gives_up()
    {
        Server.Faults.SetHangRate(1);
        using var impatient = new HttpClient { BaseAddress = Server.BaseUri, Timeout = TimeSpan.FromMilliseconds(500) };
        impatient.DefaultRequestHeaders.Add("X-Octopus-ApiKey", Server.ApiKey);

        await Assert.ThrowsAnyAsync<TaskCanceledException>(() => impatient.GetAsync("api/spaces"));

        var entry = await Polling.UntilAsync(
            () => Task.FromResult(Server.Requests.Entries.FirstOrDefault(e => e.PathAndQuery == "/api/spaces")),
            e => e is not null,
            TimeSpan.FromSeconds(10));
        Assert.True(entry!.Aborted);
        Server.Faults.SetHangRate(0);
        using var answered = await Api.GetAsync("api/spaces");
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Stopping_the_server_releases_hanging_requests()
    {
        Server.Faults.SetHangRate(1);
        var hanging = Api.GetAsync("api/spaces");
        await Polling.UntilAsync(() => Task.FromResult(Server.Faults.HangingRequests), n => n == 1, TimeSpan.FromSeconds(10));

        var stopping = Stopwatch.StartNew();
        await Server.DisposeAsync();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"Stopping took {stopping.Elapsed}.");
        await Assert.ThrowsAsync<HttpRequestException>(() => hanging);
    }

    private async Task<List<HttpStatusCode>> SendManyAsync()
    {
        var statuses = new List<HttpStatusCode>(Requests);
        for (var i = 0; i < Requests; i++)
        {
            using var response = await Api.GetAsync("api/spaces/all");
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }
}
