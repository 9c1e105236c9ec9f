using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace OctopusServer.Double.Tests;

public sealed partial class HostingTests
{
    [Fact]
    public async Task Https_is_served_with_the_doubles_own_certificate()
    {
        await using var server = await OctopusServerDouble.StartAsync(new OctopusServerDoubleOptions { UseHttps = true });
        string? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.Thumbprint;
                return presented == server.HttpsThumbprint;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = server.BaseUri };
        client.DefaultRequestHeaders.Add("X-Octopus-ApiKey", server.ApiKey);

        using var response = await client.GetAsync("api/spaces/all");

        Assert.Equal(Uri.UriSchemeHttps, server.BaseUri.Scheme);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(server.HttpsThumbprint, presented);
        Assert.NotEqual(server.ServerThumbprint, server.HttpsThumbprint);
    }

    [Fact]
    public async Task The_server_binds_only_the_loopback_address()
    {
        await using var server = await OctopusServerDouble.StartAsync();

        Assert.Equal("127.0.0.1", server.BaseUri.Host);
        Assert.NotEqual(0, server.BaseUri.Port);
    }

    [Fact]
    public void The_command_line_sets_port_key_environments_and_faults()
    {
        var parsed = StandaloneArguments.Parse(
            ["--port", "8065", "--https", "--environments", "Development, Staging", "--error-rate", "503=20%", "--latency-ms", "150", "--seed", "3"],
            apiKeyFromEnvironment: "API-FROMENVIRONMENT",
            out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal(8065, parsed.Options.Port);
        Assert.True(parsed.Options.UseHttps);
        Assert.Equal("API-FROMENVIRONMENT", parsed.Options.ApiKey);
        Assert.Equal(["Development", "Staging"], parsed.Options.Environments);
        Assert.Equal(3, parsed.Options.FaultSeed);
        Assert.Equal(0.2, parsed.ErrorRates[503], 6);
        Assert.Equal(TimeSpan.FromMilliseconds(150), parsed.Latency);
    }

    [Fact]
    public void The_command_line_demands_an_api_key()
    {
        Assert.Null(StandaloneArguments.Parse(["--port", "0"], apiKeyFromEnvironment: null, out var error));
        Assert.Contains("--api-key", error);
    }

    [Fact]
    public void The_command_line_takes_repeated_error_rates_and_a_hang_rate()
    {
        var parsed = StandaloneArguments.Parse(
            ["--api-key", "API-GIVEN", "--error-rate", "503=20%", "--error-rate", "500=0.5", "--hang-rate", "5%"],
            apiKeyFromEnvironment: "API-FROMENVIRONMENT",
            out var error);

        Assert.Null(error);
        Assert.NotNull(parsed);
        Assert.Equal("API-GIVEN", parsed.Options.ApiKey);
        Assert.Equal(0.2, parsed.ErrorRates[503], 6);
        Assert.Equal(0.5, parsed.ErrorRates[500], 6);
        Assert.Equal(0.05, parsed.HangRate, 6);
        Assert.Equal(0, parsed.Options.Port);
        Assert.Equal(1, parsed.Options.FaultSeed);
    }

    [Fact]
    public void The_command_line_names_an_unknown_option_and_lists_the_options()
    {
        Assert.Null(StandaloneArguments.Parse(["--prot", "8065"], apiKeyFromEnvironment: "API-SECRET", out var error));

        Assert.Contains("'--prot'", error);
        Assert.Contains("--port", error);
    }

    [Fact]
    public void The_command_line_names_a_malformed_error_rate_and_the_expected_form()
    {
        Assert.Null(StandaloneArguments.Parse(["--error-rate", "503-20%"], apiKeyFromEnvironment: "API-SECRET", out var error));

        Assert.Contains("'--error-rate 503-20%'", error);
        Assert.Contains("CODE=R", error);
        Assert.Contains("503=20%", error);
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("-1")]
    public void The_command_line_refuses_a_port_out_of_range(string port)
    {
        Assert.Null(StandaloneArguments.Parse(["--port", port], apiKeyFromEnvironment: "API-SECRET", out var error));

        Assert.Contains($"'--port {port}'", error);
        Assert.Contains("0 to 65535", error);
    }

    [Fact]
    public void The_command_line_never_repeats_the_api_key_in_an_error()
    {
        Assert.Null(StandaloneArguments.Parse(["--api-key", "API-SECRET", "--latency-ms", "soon"], apiKeyFromEnvironment: null, out var error));

        Assert.Contains("'--latency-ms soon'", error);
        Assert.DoesNotContain("API-SECRET", error);
    }

    [Fact]
    public void The_usage_lists_every_option()
    {
        foreach (var option in new[] { "--port", "--api-key", "--https", "--environments", "--seed", "--error-rate", "--latency-ms", "--hang-rate", "--help" })
        {
            Assert.Contains(option, StandaloneArguments.Usage);
        }

        Assert.True(StandaloneArguments.AsksForHelp(["--port", "1", "--help"]));
        Assert.False(StandaloneArguments.AsksForHelp(["--port", "1"]));
    }

    [Fact]
    public async Task Standalone_prints_its_url_serves_and_stops_on_sigterm()
    {
        const string apiKey = "API-STANDALONETEST0000000000";
        var start = new ProcessStartInfo(DotnetHost(), [typeof(OctopusServerDouble).Assembly.Location, "--port", "0", "--environments", "Development"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["OCTOPUS_DOUBLE_API_KEY"] = apiKey;
        using var process = Process.Start(start)!;
        try
        {
            using var startup = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            string? url = null;
            while (url is null && await process.StandardOutput.ReadLineAsync(startup.Token) is { } line)
            {
                url = ListeningLine().Match(line) is { Success: true } match ? match.Groups["url"].Value : null;
            }

            Assert.NotNull(url);
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            client.DefaultRequestHeaders.Add("X-Octopus-ApiKey", apiKey);
            using var response = await client.GetAsync("api/Spaces-1/environments/all");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Development", await response.Content.ReadAsStringAsync());

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
                Assert.Equal(0, kill.ExitCode);
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(exit.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    [GeneratedRegex("listening on (?<url>https?://127\\.0\\.0\\.1:[0-9]+/)")]
    private static partial Regex ListeningLine();

    /// <summary>The dotnet host running these tests, so the standalone double runs on the same runtime.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
