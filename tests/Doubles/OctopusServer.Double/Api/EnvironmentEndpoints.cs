using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OctopusServer.Double.Resources;
using OctopusServer.Double.State;

namespace OctopusServer.Double.Api;

/// <summary>
/// Environments. Both <c>name</c> and <c>partialName</c> match a fragment of the name, as the real
/// server's <c>name</c> does for compatibility; clients must re-filter for an exact name.
/// </summary>
internal sealed class EnvironmentEndpoints(OctopusState state)
{
    private const int DefaultTake = 10;

    public void Map(IEndpointRouteBuilder app) =>
        SpaceCollection.Map(app, state, "environments", "Environment", Templates.Environments, DefaultTake, Filter,
            (space, id) => state.Environments.FirstOrDefault(e => e.Id == id && e.SpaceId == space.Id) is { } e ? ToResource(e) : null);

    private List<EnvironmentResource> Filter(HttpRequest request, SpaceRecord space)
    {
        var filter = new QueryFilter(request.Query);
        var environments = state.Environments.Where(e => e.SpaceId == space.Id);
        environments = filter.Apply(environments, "name", (e, v) => QueryFilter.Contains(e.Name, v));
        environments = filter.Apply(environments, "partialName", (e, v) => QueryFilter.Contains(e.Name, v));
        environments = filter.ApplyAny(environments, "ids", (e, v) => e.Id == v);
        return [.. environments.Select(ToResource)];
    }

    private static EnvironmentResource ToResource(EnvironmentRecord e) =>
        new(e.Id, e.Name, e.Slug, e.Description, e.SortOrder, UseGuidedFailure: false, AllowDynamicInfrastructure: true, e.SpaceId,
            Templates.Self($"/api/{e.SpaceId}/environments/{e.Id}"));
}
