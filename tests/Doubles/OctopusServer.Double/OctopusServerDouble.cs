using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OctopusServer.Double.Api;
using OctopusServer.Double.Certificates;
using OctopusServer.Double.Pipeline;
using OctopusServer.Double.State;
using OctopusServer.Double.Tentacles;

namespace OctopusServer.Double;

/// <summary>
/// An in-memory Octopus Server that speaks the part of the REST API the coordinator uses, listening on
/// 127.0.0.1. Tests start it, drive it over HTTP, inject faults and inspect its state directly.
/// </summary>
public sealed class OctopusServerDouble : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HealthCheckRunner _healthChecks;
    private readonly X509Certificate2 _serverCertificate;
    private readonly X509Certificate2? _httpsCertificate;
    private int _disposed;

    private OctopusServerDouble(
        WebApplication app,
        HealthCheckRunner healthChecks,
        X509Certificate2 serverCertificate,
        X509Certificate2? httpsCertificate,
        Uri baseUri,
        string apiKey,
        OctopusState state,
        FaultInjection faults,
        RequestLog requests)
    {
        _app = app;
        _healthChecks = healthChecks;
        _serverCertificate = serverCertificate;
        _httpsCertificate = httpsCertificate;
        BaseUri = baseUri;
        ApiKey = apiKey;
        State = state;
        Faults = faults;
        Requests = requests;
    }

    /// <summary>The server's root, e.g. <c>http://127.0.0.1:41234/</c>; the API is under <c>api/</c>.</summary>
    public Uri BaseUri { get; }

    public string ApiKey { get; }

    /// <summary>The thumbprint of the server's own certificate, which Tentacles must trust.</summary>
    public string ServerThumbprint => _serverCertificate.Thumbprint;

    /// <summary>The thumbprint of the HTTPS listener's certificate, or null when serving plain HTTP.</summary>
    public string? HttpsThumbprint => _httpsCertificate?.Thumbprint;

    public OctopusState State { get; }

    public FaultInjection Faults { get; }

    public RequestLog Requests { get; }

    public static async Task<OctopusServerDouble> StartAsync(OctopusServerDoubleOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OctopusServerDoubleOptions();
        if (options.ApiKey is { } given && string.IsNullOrWhiteSpace(given))
        {
            throw new ArgumentException("The API key must not be blank.", nameof(options));
        }

        var apiKey = options.ApiKey ?? "API-" + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 26);
        var serverCertificate = SelfSignedCertificates.CreateServerIdentity();
        var httpsCertificate = options.UseHttps ? SelfSignedCertificates.CreateHttps() : null;
        var state = new OctopusState(TimeProvider.System);
        foreach (var environment in options.Environments)
        {
            state.AddEnvironment(environment);
        }

        var faults = new FaultInjection(options.FaultSeed);
        var requests = new RequestLog(options.OnRequest);
        IMachineHealthCheck healthCheck = options.AssumeTentaclesHealthy
            ? new AssumedHealthyCheck()
            : new TentacleHealthCheck(serverCertificate);
        var healthChecks = new HealthCheckRunner(state, healthCheck);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(OctopusServerDouble).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (httpsCertificate is not null)
                {
                    listen.UseHttps(httpsCertificate);
                }
            }));
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var app = builder.Build();

        app.UseMiddleware<RequestLogging>(requests, TimeProvider.System, apiKey);
        app.UseMiddleware<ErrorBodies>();
        app.UseMiddleware<ApiKeyGate>(apiKey);
        app.UseMiddleware<FaultMiddleware>(faults);
        new RootEndpoints(Guid.NewGuid().ToString(), serverCertificate).Map(app);
        new SpaceEndpoints(state).Map(app);
        new EnvironmentEndpoints(state).Map(app);
        new MachinePolicyEndpoints(state).Map(app);
        new MachineEndpoints(state, serverCertificate, options.DiscoverTimeout).Map(app);
        new TaskEndpoints(state, healthChecks).Map(app);

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var baseUri = new UriBuilder(address) { Host = IPAddress.Loopback.ToString(), Path = "/" }.Uri;
        return new OctopusServerDouble(app, healthChecks, serverCertificate, httpsCertificate, baseUri, apiKey, state, faults, requests);
    }

    /// <summary>Stops listening (ending hung requests), cancels running health checks and releases the certificates.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        await _healthChecks.DisposeAsync();
        _serverCertificate.Dispose();
        _httpsCertificate?.Dispose();
    }
}
