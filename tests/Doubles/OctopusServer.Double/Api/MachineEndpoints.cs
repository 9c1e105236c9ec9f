using System.Globalization;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OctopusServer.Double.Resources;
using OctopusServer.Double.State;
using OctopusServer.Double.Tentacles;

namespace OctopusServer.Double.Api;

/// <summary>Deployment targets: paged listing with filters, CRUD, and discovery of a listening Tentacle.</summary>
internal sealed class MachineEndpoints(OctopusState state, X509Certificate2 serverCertificate, TimeSpan discoverTimeout)
{
    private const int DefaultTake = 30;
    private const int DefaultTentaclePort = 10933;

    public void Map(IEndpointRouteBuilder app)
    {
        var machines = app.MapGroup("/api/{spaceId}/machines");
        machines.MapGet("", (HttpRequest request, string spaceId) => state.FindSpace(spaceId) is { } space
            ? ApiResults.Ok(Paging.Page(request, "Machine", Templates.Machines(space.Id), Filter(request, space), DefaultTake))
            : ApiResults.NotFound());
        machines.MapGet("/all", (HttpRequest request, string spaceId) => state.FindSpace(spaceId) is { } space
            ? ApiResults.Ok(Filter(request, space))
            : ApiResults.NotFound());
        machines.MapGet("/discover", DiscoverAsync);
        machines.MapGet("/{id}", (string spaceId, string id) =>
            Find(spaceId, id) is { } machine ? ApiResults.Ok(ToResource(machine)) : ApiResults.NotFound());
        machines.MapPost("", CreateAsync);
        machines.MapPut("/{id}", UpdateAsync);
        machines.MapDelete("/{id}", (string spaceId, string id) =>
            state.FindSpace(spaceId) is { } space && state.DeleteMachine(id, space.Id) ? Results.Ok() : ApiResults.NotFound());
    }

    public static MachineResource ToResource(MachineRecord m) =>
        new(m.Id, m.Name, m.SpaceId, m.Slug, m.Endpoint.Thumbprint, m.Endpoint.Uri, m.IsDisabled, m.EnvironmentIds, m.Roles,
            m.TenantIds, m.TenantTags, m.TenantedDeploymentParticipation, m.MachinePolicyId, m.Status, m.HealthStatus,
            m.StatusSummary, HasLatestCalamari: true, IsInProcess: false,
            new EndpointResource(m.Endpoint.Id, m.Endpoint.CommunicationStyle, m.Endpoint.Uri, m.Endpoint.Thumbprint, m.Endpoint.ProxyId),
            Templates.Self($"/api/{m.SpaceId}/machines/{m.Id}"));

    private MachineRecord? Find(string spaceId, string id) =>
        state.FindMachine(id) is { } machine && state.FindSpace(spaceId)?.Id == machine.SpaceId ? machine : null;

    private List<MachineResource> Filter(HttpRequest request, SpaceRecord space)
    {
        var filter = new QueryFilter(request.Query);
        var machines = state.Machines.Where(m => m.SpaceId == space.Id);

        // Unlike environments, a machine's name filter is an exact (case-insensitive) match.
        machines = filter.Apply(machines, "name", (m, v) => string.Equals(m.Name, v, StringComparison.OrdinalIgnoreCase));
        machines = filter.Apply(machines, "partialName", (m, v) => QueryFilter.Contains(m.Name, v));
        machines = filter.Apply(machines, "thumbprint", (m, v) => m.Endpoint.Thumbprint == v);
        machines = filter.Apply(machines, "isDisabled", (m, v) => bool.TryParse(v, out var disabled) && m.IsDisabled == disabled);
        machines = filter.ApplyAny(machines, "ids", (m, v) => m.Id == v);
        machines = filter.ApplyAny(machines, "environmentIds", (m, v) => m.EnvironmentIds.Contains(v));
        machines = filter.ApplyAny(machines, "roles", (m, v) => m.Roles.Contains(v, StringComparer.OrdinalIgnoreCase));
        machines = filter.ApplyAny(machines, "healthStatuses", (m, v) => m.HealthStatus == v);
        machines = filter.ApplyAny(machines, "commStyles", (m, v) => m.Endpoint.CommunicationStyle == v);
        return [.. machines.Select(ToResource)];
    }

    private async Task<IResult> CreateAsync(HttpRequest request, string spaceId)
    {
        if (state.FindSpace(spaceId) is not { } space)
        {
            return ApiResults.NotFound();
        }

        var body = await JsonBody<MachineBody>.ReadAsync(request);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var write = state.CreateMachine(body.Value!, space.Id);
        return write.Machine is { } machine ? ApiResults.Created(ToResource(machine)) : ApiResults.Invalid(write.Errors);
    }

    private async Task<IResult> UpdateAsync(HttpRequest request, string spaceId, string id)
    {
        if (state.FindSpace(spaceId) is not { } space)
        {
            return ApiResults.NotFound();
        }

        var body = await JsonBody<MachineBody>.ReadAsync(request);
        if (body.Problem is not null)
        {
            return body.Problem;
        }

        var write = state.UpdateMachine(id, body.Value!, space.Id);
        return write switch
        {
            { NotFound: true } => ApiResults.NotFound(),
            { Machine: { } machine } => ApiResults.Ok(ToResource(machine)),
            _ => ApiResults.Invalid(write.Errors),
        };
    }

    /// <summary>Connects to the Tentacle and returns an unsaved machine carrying the thumbprint it presented.</summary>
    private async Task<IResult> DiscoverAsync(HttpContext context, string spaceId)
    {
        if (state.FindSpace(spaceId) is not { } space)
        {
            return ApiResults.NotFound();
        }

        var filter = new QueryFilter(context.Request.Query);
        var host = filter.Single("host")?.Trim();
        var portText = filter.Single("port");
        var type = filter.Single("type") ?? CommunicationStyles.TentaclePassive;
        var port = DefaultTentaclePort;
        if (string.IsNullOrEmpty(host))
        {
            return ApiResults.Invalid(["Please provide the host name of the Tentacle to discover."]);
        }

        if (!string.IsNullOrEmpty(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            return ApiResults.Invalid([$"The port '{portText}' is not a valid TCP port."]);
        }

        if (type != CommunicationStyles.TentaclePassive)
        {
            return ApiResults.Invalid([$"Discovery of '{type}' machines is not supported; only TentaclePassive machines can be discovered."]);
        }

        var uri = $"https://{host.ToLowerInvariant()}:{port}/";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(discoverTimeout);
        string thumbprint;
        try
        {
            await using var connection = await TentacleConnection.OpenAsync(host, port, serverCertificate, timeout.Token);
            thumbprint = connection.PresentedCertificate.Thumbprint;
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return ApiResults.Invalid([$"The Tentacle at {uri} did not respond within {discoverTimeout:c}."]);
        }
        catch (Exception e) when (e is SocketException or AuthenticationException or IOException)
        {
            return ApiResults.Invalid([$"Unable to connect to the Tentacle at {uri}: {e.Message}"]);
        }

        return ApiResults.Ok(new MachineResource(
            Id: null, host, space.Id, Slug: null, thumbprint, uri, IsDisabled: false, [], [], [], [], "Untenanted",
            OctopusState.DefaultMachinePolicyId, "Unknown", HealthStatuses.Unknown, "", HasLatestCalamari: true, IsInProcess: false,
            new EndpointResource(null, CommunicationStyles.TentaclePassive, uri, thumbprint, null),
            new Dictionary<string, string>()));
    }
}
