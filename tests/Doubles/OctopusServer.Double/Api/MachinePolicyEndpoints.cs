using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OctopusServer.Double.Resources;
using OctopusServer.Double.State;

namespace OctopusServer.Double.Api;

/// <summary>Machine policies: <c>partialName</c> and <c>ids</c> filters; the default one is <c>MachinePolicies-1</c>.</summary>
internal sealed class MachinePolicyEndpoints(OctopusState state)
{
    private const int DefaultTake = 30;

    public void Map(IEndpointRouteBuilder app) =>
        SpaceCollection.Map(app, state, "machinepolicies", "MachinePolicy", Templates.MachinePolicies, DefaultTake, Filter,
            (space, id) => state.MachinePolicies.FirstOrDefault(p => p.Id == id && p.SpaceId == space.Id) is { } p ? ToResource(p) : null);

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
