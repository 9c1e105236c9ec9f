using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Coordinator.Octopus.Tests;

/// <summary>Retries where another attempt can help, never where it cannot, and no duplicate after a lost response.</summary>
public sealed class ResilienceTests : OctopusTest
{
    [Fact]
    public async Task A_full_registration_succeeds_against_a_server_failing_thirty_percent_of_requests()
    {
        await using var tentacle = ListeningTentacle.Trusting(Server.ServerThumbprint);
        Server.Faults.Reseed(20240601);
        Server.Faults.SetErrorRate(503, 0.3);
        var registration = new MachineRegistration(Client);
        var desired = Desired("web-01", tentacle.Thumbprint, host: "127.0.0.1", port: tentacle.Port);

        await Client.VerifyApiKeyAsync();
        Assert.Equal(Server.ServerThumbprint, await Client.GetServerThumbprintAsync());
        var created = Assert.IsType<RegistrationOutcome.Created>(await registration.RegisterAsync(desired));
        var health = await Client.HealthChecks.RunAsync([created.MachineId]);
        var again = await registration.RegisterAsync(desired);
        var updated = await registration.RegisterAsync(desired with { Roles = ["web-server", "db-server"] });

        Assert.True(health.Succeeded, health.Summary);
        Assert.Equal(new RegistrationOutcome.Unchanged(created.MachineId), again);
        Assert.Equal(created.MachineId, Assert.IsType<RegistrationOutcome.Updated>(updated).MachineId);
        Assert.Single(Server.State.Machines);
        var log = Server.Requests.Entries;
        var failures = log.Count(e => e.StatusCode == 503);
        Assert.True(failures >= 3, $"Only {failures} requests failed; the fault injection did not bite.");
        Assert.All(
            log.Select((entry, index) => (entry, index)).Where(e => e.entry.StatusCode == 503),
            failed => Assert.Contains(
                log.Skip(failed.index + 1),
                later => later.StatusCode is >= 200 and < 300 && later.PathAndQuery == failed.entry.PathAndQuery));
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_carries_the_server_explanation()
    {
        Seed("web-01", NewThumbprint());
        var body = new JsonObject
        {
            ["Name"] = "web-01",
            ["EnvironmentIds"] = new JsonArray(EnvironmentId("Production")),
            ["Endpoint"] = new JsonObject { ["CommunicationStyle"] = "TentaclePassive", ["Uri"] = "https://web-01:10933/", ["Thumbprint"] = NewThumbprint() },
        };

        var error = await Assert.ThrowsAsync<OctopusApiException>(() => Client.Machines.CreateAsync(body));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(
            $"The Octopus Server at {Server.BaseUri} answered POST /api/Spaces-1/machines with 400 Bad Request: There was a problem with your request.\n" +
            " - A machine named 'web-01' already exists. Please choose a different name.",
            error.Message);
        Assert.Equal(["A machine named 'web-01' already exists. Please choose a different name."], error.Errors);
        Assert.False(error.IsTransient);
        Assert.Single(RequestsTo("POST", "/api/Spaces-1/machines"));
    }

    [Fact]
    public async Task An_injected_400_is_sent_exactly_once()
    {
        Server.Faults.SetErrorRate(400, 1);

        var error = await Assert.ThrowsAsync<OctopusApiException>(() => Client.GetSpaceAsync());

        Assert.Equal(400, error.StatusCode);
        Assert.Equal(1, error.Attempts);
        Assert.Single(RequestsTo("GET", "/api/spaces"));
    }

    [Fact]
    public async Task A_server_that_keeps_failing_is_given_up_on_after_the_configured_attempts()
    {
        Server.Faults.SetErrorRate(503, 1);
        var client = NewClient(FastOptions with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<OctopusApiException>(() => client.GetSpaceAsync());

        Assert.Equal(503, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(3, error.Attempts);
        Assert.EndsWith("(gave up after 3 attempts)", error.Message);
        Assert.Equal(3, RequestsTo("GET", "/api/spaces/all").Count);
    }

    [Fact]
    public async Task A_hanging_request_is_cut_by_the_attempt_timeout_and_retried()
    {
        var client = NewClient(FastOptions with { AttemptTimeout = TimeSpan.FromMilliseconds(500) });
        await client.GetServerInfoAsync();
        Server.Faults.SetHangRate(1);

        var resolving = client.GetSpaceAsync();
        await Eventually.HoldsAsync(() => Server.Faults.HangingRequests > 0, TimeSpan.FromSeconds(10), "a request hangs");
        Server.Faults.SetHangRate(0);
        var space = await resolving;

        Assert.Equal("Spaces-1", space.Id);
        await Eventually.HoldsAsync(
            () => RequestsTo("GET", "/api/spaces/all").Any(e => e.Aborted),
            TimeSpan.FromSeconds(10),
            "the server saw the abandoned attempt end");
        Assert.Contains(RequestsTo("GET", "/api/spaces/all"), e => e.StatusCode == 200 && !e.Aborted);
    }

    [Fact]
    public async Task Every_attempt_timing_out_is_reported_as_unreachable()
    {
        var client = NewClient(FastOptions with { AttemptTimeout = TimeSpan.FromMilliseconds(200), MaxAttempts = 2 });
        await client.GetServerInfoAsync();
        Server.Faults.SetHangRate(1);

        var error = await Assert.ThrowsAsync<OctopusUnreachableException>(() => client.GetSpaceAsync());

        Assert.Equal(2, error.Attempts);
        Assert.Contains("(GET /api/spaces/all): no answer within", error.Message);
    }

    [Fact]
    public async Task A_post_whose_response_was_lost_is_not_sent_again_when_the_machine_exists()
    {
        var lost = 0;
        var client = NewClient(wrapHandler: ScriptedHandler.Wrap((request, forward) =>
            request.Method == HttpMethod.Post && Interlocked.Exchange(ref lost, 1) == 0
                ? LoseResponseAsync(forward)
                : null));

        var outcome = await new MachineRegistration(client).RegisterAsync(Desired("web-01", NewThumbprint()));

        var machine = Assert.Single(Server.State.Machines);
        Assert.Equal(new RegistrationOutcome.Created(machine.Id), outcome);
        Assert.Single(RequestsTo("POST", "/api/Spaces-1/machines"));
        Assert.Equal(2, RequestsTo("GET", "/api/Spaces-1/machines/all?thumbprint=").Count);

        static async Task<HttpResponseMessage> LoseResponseAsync(Func<Task<HttpResponseMessage>> forward)
        {
            (await forward()).Dispose();
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely (staged by the test).");
        }
    }

    [Fact]
    public async Task A_post_that_never_reached_the_server_is_sent_again()
    {
        var refused = 0;
        var client = NewClient(wrapHandler: ScriptedHandler.Wrap((request, _) =>
            request.Method == HttpMethod.Post && Interlocked.Exchange(ref refused, 1) == 0
                ? Task.FromException<HttpResponseMessage>(new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset (staged by the test)."))
                : null));

        var outcome = await new MachineRegistration(client).RegisterAsync(Desired("web-01", NewThumbprint()));

        Assert.Equal(new RegistrationOutcome.Created(Assert.Single(Server.State.Machines).Id), outcome);
        Assert.Single(RequestsTo("POST", "/api/Spaces-1/machines"));
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        var throttled = 0;
        var client = NewClient(wrapHandler: ScriptedHandler.Wrap((request, _) =>
        {
            if (request.RequestUri!.AbsolutePath != "/api/spaces/all" || Interlocked.Exchange(ref throttled, 1) == 1)
            {
                return null;
            }

            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests)
            {
                Content = new StringContent("""{"ErrorMessage":"Slow down.","Errors":[]}"""),
            };
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            return Task.FromResult(response);
        }));
        await client.GetServerInfoAsync();

        var clock = Stopwatch.StartNew();
        var space = await client.GetSpaceAsync();

        Assert.Equal("Spaces-1", space.Id);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"Retried after {clock.Elapsed}, before the server's Retry-After.");
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_clear_error_naming_the_request()
    {
        var client = NewClient(wrapHandler: ScriptedHandler.Wrap((request, _) =>
            request.RequestUri!.AbsolutePath == "/api/spaces/all"
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>Proxy login</html>") })
                : null));

        var error = await Assert.ThrowsAsync<OctopusException>(() => client.GetSpaceAsync());

        Assert.StartsWith($"The Octopus Server at {Server.BaseUri} answered GET /api/spaces/all with a body that is not the expected JSON", error.Message);
    }

    [Fact]
    public async Task A_server_nobody_listens_on_is_unreachable_after_bounded_attempts()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        probe.Stop();
        using var client = OctopusClient.Create(new OctopusServerSettings(url, "API-NOBODYHOME"), FastOptions with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<OctopusUnreachableException>(() => client.VerifyApiKeyAsync());

        Assert.StartsWith($"Could not reach the Octopus Server at {url} (GET /api): ", error.Message);
        Assert.EndsWith("(gave up after 3 attempts)", error.Message);
        Assert.Equal(3, error.Attempts);
    }
}
