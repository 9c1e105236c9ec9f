using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OctopusServer.Double.Resources;
using OctopusServer.Double.State;

namespace OctopusServer.Double.Api;

internal sealed class SpaceEndpoints(OctopusState state)
{
    private const int DefaultTake = 30;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/spaces", (HttpRequest request) =>
            ApiResults.Ok(Paging.Page(request, "Space", Templates.Spaces, Filter(request), DefaultTake)));
        app.MapGet("/api/spaces/all", (HttpRequest request) => ApiResults.Ok(Filter(request)));
        app.MapGet("/api/spaces/{id}", (string id) =>
            state.FindSpace(id) is { } space ? ApiResults.Ok(ToResource(space)) : ApiResults.NotFound());
        app.MapGet("/api/{spaceId}", (string spaceId) =>
            state.FindSpace(spaceId) is { } space
                ? ApiResults.Ok(new SpaceHomeResource(new Dictionary<string, string>(Templates.SpaceLinks(space.Id)) { ["Self"] = $"/api/{space.Id}" }))
                : ApiResults.NotFound());
    }

    private List<SpaceResource> Filter(HttpRequest request)
    {
        var filter = new QueryFilter(request.Query);
        var spaces = filter.Apply(state.Spaces, "partialName", (s, v) => QueryFilter.Contains(s.Name, v));
        spaces = filter.ApplyAny(spaces, "ids", (s, v) => s.Id == v);
        return [.. spaces.Select(ToResource)];
    }

    private static SpaceResource ToResource(SpaceRecord space) =>
        new(space.Id, space.Name, space.Slug, "", space.IsDefault, TaskQueueStopped: false, [], [],
            new Dictionary<string, string> { ["Self"] = $"/api/spaces/{space.Id}", ["SpaceHome"] = $"/api/{space.Id}" });
}
