using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OctopusServer.Double.Resources;
using OctopusServer.Double.State;

namespace OctopusServer.Double.Api;

internal sealed class MachinePolicyEndpoints(OctopusState state)
{
    private const int DefaultTake = 30;

    public void Map(IEndpointRouteBuilder app)
    {
        var policies = app.MapGroup("/api/{spaceId}/machinepolicies");
        policies.MapGet("", (HttpRequest request, string spaceId) => state.FindSpace(spaceId) is { } space
            ? ApiResults.Ok(Paging.Page(request, "MachinePolicy", Templates.MachinePolicies(space.Id), Filter(request, space), DefaultTake))
            : ApiResults.NotFound());
        policies.MapGet("/all", (HttpRequest request, string spaceId) => state.FindSpace(spaceId) is { } space
            ? ApiResults.Ok(Filter(request, space))
            : ApiResults.NotFound());
        policies.MapGet("/{id}", (string spaceId, string id) =>
            state.MachinePolicies.FirstOrDefault(p => p.Id == id && state.FindSpace(spaceId)?.Id == p.SpaceId) is { } policy
                ? ApiResults.Ok(ToResource(policy))
                : ApiResults.NotFound());
    }

    private List<MachinePolicyResource> Filter(HttpRequest request, SpaceRecord space)
    {
        var filter = new QueryFilter(request.Query);
        var policies = state.MachinePolicies.Where(p => p.SpaceId == space.Id);
        policies = filter.Apply(policies, "partialName", (p, v) => QueryFilter.Contains(p.Name, v));
        policies = filter.ApplyAny(policies, "ids", (p, v) => p.Id == v);
        return [.. policies.Select(ToResource)];
    }

    private static MachinePolicyResource ToResource(MachinePolicyRecord p) =>
        new(p.Id, p.Name, "", p.IsDefault, p.SpaceId,
            new MachineCleanupPolicyResource(p.DeleteMachinesBehavior, p.DeleteMachinesElapsedTimeSpan),
            Templates.Self($"/api/{p.SpaceId}/machinepolicies/{p.Id}"));
}
