using Coordinator.Octopus.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coordinator.Octopus;

/// <summary>
/// The coordinator's client for the part of the Octopus REST API it uses. It starts from the root document
/// <c>GET /api</c> and follows the link templates it advertises, works in one space (by name, or the default
/// one), and resolves names the way people write them: exact, trimmed, case-insensitive. Safe to share
/// between concurrent callers; dispose it when done.
/// </summary>
public sealed class OctopusClient : IDisposable
{
    private readonly OctopusServerSettings _settings;
    private readonly SharedLoad<RootDocument> _root;
    private readonly SharedLoad<SpaceContext> _space;

    private OctopusClient(OctopusServerSettings settings, OctopusClientOptions options, OctopusTransport transport)
    {
        _settings = settings;
        Options = options;
        Transport = transport;
        _root = new SharedLoad<RootDocument>(() => Transport.GetAsync<RootDocument>(Transport.RootPath, CancellationToken.None));
        _space = new SharedLoad<SpaceContext>(LoadSpaceAsync);
        Machines = new OctopusMachines(this);
        HealthChecks = new OctopusHealthChecks(this);
    }

    /// <summary>The server's root URL.</summary>
    public Uri ServerUrl => Transport.Server;

    public OctopusMachines Machines { get; }

    public OctopusHealthChecks HealthChecks { get; }

    internal OctopusClientOptions Options { get; }

    internal OctopusTransport Transport { get; }

    public static OctopusClient Create(OctopusServerSettings settings, OctopusClientOptions? options = null, ILogger? logger = null) =>
        Create(settings, options, logger, wrapHandler: null);

    /// <summary>Tests wrap the real handler to simulate what the server double cannot (a lost response, a Retry-After).</summary>
    internal static OctopusClient Create(
        OctopusServerSettings settings,
        OctopusClientOptions? options,
        ILogger? logger,
        Func<HttpMessageHandler, HttpMessageHandler>? wrapHandler)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        options ??= new OctopusClientOptions();
        options.Validate();
        logger ??= NullLogger.Instance;
        if (settings.Url.Scheme == Uri.UriSchemeHttp && !settings.Url.IsLoopback)
        {
            logger.LogWarning("The Octopus Server URL {Url} is plain HTTP: the API key crosses the network unencrypted", settings.Url);
        }

        var transport = new OctopusTransport(settings, options, logger, wrapHandler);
        return new OctopusClient(settings, options, transport);
    }

    public async Task<OctopusServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default)
    {
        var root = await _root.GetAsync(cancellationToken);
        return new OctopusServerInfo(root.Application ?? "", root.Version ?? "", root.ApiVersion ?? "");
    }

    /// <summary>
    /// A cheap authenticated call (the key's own user) to run before a run touches any host. Throws
    /// <see cref="OctopusAuthenticationException"/> when the key is rejected.
    /// </summary>
    public async Task<OctopusUser> VerifyApiKeyAsync(CancellationToken cancellationToken = default)
    {
        var links = await RootLinksAsync(cancellationToken);
        return await Transport.GetAsync<OctopusUser>(links.Require("CurrentUser"), cancellationToken);
    }

    /// <summary>The space named in the settings (exact, trimmed, case-insensitive), or the default space.</summary>
    public async Task<OctopusSpace> GetSpaceAsync(CancellationToken cancellationToken = default) =>
        (await SpaceAsync(cancellationToken)).Space;

    /// <summary>The thumbprint of the server's own certificate (<c>certificate-global</c>): what every Tentacle must trust.</summary>
    public async Task<string> GetServerThumbprintAsync(CancellationToken cancellationToken = default)
    {
        var links = await RootLinksAsync(cancellationToken);
        var link = UriTemplate.Expand(links.Require("CertificateConfiguration"), new Dictionary<string, object?> { ["id"] = "certificate-global" });
        var certificate = await Transport.GetAsync<CertificateDocument>(link, cancellationToken);
        return ServerCertificatePin.Normalize(certificate.Thumbprint ?? "") is { Length: 40 } thumbprint
            ? thumbprint
            : throw new OctopusException($"The Octopus Server at {ServerUrl} answered {link} without a 40-hex-digit Thumbprint.");
    }

    /// <summary>
    /// The environments with these names, in the same order. The server's name filter matches fragments
    /// ("Prod" finds "Pre-Prod"), so each answer is re-filtered for the exact name.
    /// </summary>
    /// <exception cref="OctopusNameNotFoundException">Some names do not exist; the message lists those that do.</exception>
    public async Task<IReadOnlyList<OctopusEnvironment>> ResolveEnvironmentsAsync(
        IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        var space = await SpaceAsync(cancellationToken);
        var template = space.Links.Require("Environments");
        var found = new List<OctopusEnvironment>();
        var missing = new List<string>();
        foreach (var name in names.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var link = UriTemplate.Expand(template, new Dictionary<string, object?> { ["partialName"] = name });
            var match = await FirstAsync(PagesAsync<OctopusEnvironment>(link, cancellationToken), e => Names.Match(e.Name, name));
            if (match is null)
            {
                missing.Add(name);
            }
            else
            {
                found.Add(match);
            }
        }

        if (missing.Count > 0)
        {
            var all = await AllAsync<OctopusEnvironment>(template, cancellationToken);
            throw new OctopusNameNotFoundException("environment", missing, [.. all.Select(e => e.Name)], $"Octopus space '{space.Space.Name}'");
        }

        return found;
    }

    /// <summary>The machine policy with this name (exact, trimmed, case-insensitive), or the default policy when the name is null or blank.</summary>
    public async Task<OctopusMachinePolicy> ResolveMachinePolicyAsync(string? name, CancellationToken cancellationToken = default)
    {
        var space = await SpaceAsync(cancellationToken);
        var template = space.Links.Require("MachinePolicies");
        if (string.IsNullOrWhiteSpace(name))
        {
            var all = await AllAsync<OctopusMachinePolicy>(template, cancellationToken);
            return all.FirstOrDefault(p => p.IsDefault)
                ?? throw new OctopusException($"Octopus space '{space.Space.Name}' on {ServerUrl} has no default machine policy; name one explicitly.");
        }

        var wanted = name.Trim();
        var link = UriTemplate.Expand(template, new Dictionary<string, object?> { ["partialName"] = wanted });
        var match = await FirstAsync(PagesAsync<OctopusMachinePolicy>(link, cancellationToken), p => Names.Match(p.Name, wanted));
        if (match is not null)
        {
            return match;
        }

        var existing = await AllAsync<OctopusMachinePolicy>(template, cancellationToken);
        throw new OctopusNameNotFoundException("machine policy", [wanted], [.. existing.Select(p => p.Name)], $"Octopus space '{space.Space.Name}'");
    }

    public void Dispose() => Transport.Dispose();

    public override string ToString() => $"OctopusClient for {_settings}";

    internal Task<SpaceContext> SpaceAsync(CancellationToken cancellationToken) => _space.GetAsync(cancellationToken);

    /// <summary>Every item of a paged collection, following <c>Links["Page.Next"]</c>.</summary>
    internal async IAsyncEnumerable<T> PagesAsync<T>(
        string link, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int MaximumPages = 10_000;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? next = link;
        while (next is not null)
        {
            if (!seen.Add(next) || seen.Count > MaximumPages)
            {
                throw new OctopusException($"The Octopus Server at {ServerUrl} keeps paging {link} without reaching the end (at {next}).");
            }

            var page = await Transport.GetAsync<PageDocument<T>>(next, cancellationToken);
            foreach (var item in page.Items ?? [])
            {
                yield return item;
            }

            next = new ResourceLinks(page.Links, "a page", ServerUrl).Find("Page.Next");
        }
    }

    /// <summary>The whole collection as a plain array, from the collection's <c>/all</c> (the template's <c>{/id}</c> expanded to "all").</summary>
    internal Task<List<T>> AllAsync<T>(string template, CancellationToken cancellationToken, IReadOnlyDictionary<string, object?>? filters = null)
    {
        var values = new Dictionary<string, object?>(filters ?? new Dictionary<string, object?>()) { ["id"] = "all" };
        return Transport.GetAsync<List<T>>(UriTemplate.Expand(template, values), cancellationToken);
    }

    private async Task<ResourceLinks> RootLinksAsync(CancellationToken cancellationToken) =>
        new((await _root.GetAsync(cancellationToken)).Links, "the API root document", ServerUrl);

    private async Task<SpaceContext> LoadSpaceAsync()
    {
        var rootLinks = await RootLinksAsync(CancellationToken.None);
        var spaces = await AllAsync<SpaceDocument>(rootLinks.Require("Spaces"), CancellationToken.None);
        var wanted = _settings.Space?.Trim();
        var space = string.IsNullOrEmpty(wanted)
            ? spaces.FirstOrDefault(s => s.IsDefault)
                ?? throw new OctopusException($"The Octopus Server at {ServerUrl} has no default space; set octopus.space.")
            : spaces.FirstOrDefault(s => Names.Match(s.Name, wanted))
                ?? throw new OctopusNameNotFoundException("space", [wanted], [.. spaces.Select(s => s.Name)], $"The Octopus Server at {ServerUrl}");

        // Servers before spaces existed have no SpaceHome: their root carries the collection links itself.
        var spaceLinks = rootLinks;
        if (rootLinks.Find("SpaceHome") is { } spaceHome)
        {
            var home = await Transport.GetAsync<LinksDocument>(
                UriTemplate.Expand(spaceHome, new Dictionary<string, object?> { ["spaceId"] = space.Id }), CancellationToken.None);
            spaceLinks = new ResourceLinks(home.Links, $"space {space.Id}", ServerUrl);
        }

        return new SpaceContext(new OctopusSpace(space.Id, space.Name, space.IsDefault), spaceLinks);
    }

    private static async Task<T?> FirstAsync<T>(IAsyncEnumerable<T> items, Func<T, bool> predicate)
        where T : class
    {
        await foreach (var item in items)
        {
            if (predicate(item))
            {
                return item;
            }
        }

        return null;
    }

    private sealed record CertificateDocument(string? Thumbprint);
}
