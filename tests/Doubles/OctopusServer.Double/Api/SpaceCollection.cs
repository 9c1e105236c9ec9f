using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OctopusServer.Double.State;

namespace OctopusServer.Double.Api;

/// <summary>
/// The three routes every read-only, space-scoped collection has: the paged list, <c>/all</c> as a plain array,
/// and one item by id — all 404 for an unknown space.
/// </summary>
internal static class SpaceCollection
{
    /// <param name="path">The collection's path segment, e.g. <c>environments</c>.</param>
    /// <param name="filter">The items of a space that the request's query keeps, as resources.</param>
    /// <param name="find">The resource with an id in a space, or null.</param>
    public static void Map<TResource>(
        IEndpointRouteBuilder app,
        OctopusState state,
        string path,
        string itemType,
        Func<string, string> template,
        int defaultTake,
        Func<HttpRequest, SpaceRecord, List<TResource>> filter,
        Func<SpaceRecord, string, TResource?> find)
        where TResource : class
    {
        var group = app.MapGroup($"/api/{{spaceId}}/{path}");
        group.MapGet("", (HttpRequest request, string spaceId) => state.FindSpace(spaceId) is { } space
            ? ApiResults.Ok(Paging.Page(request, itemType, template(space.Id), filter(request, space), defaultTake))
            : ApiResults.NotFound());
        group.MapGet("/all", (HttpRequest request, string spaceId) => state.FindSpace(spaceId) is { } space
            ? ApiResults.Ok(filter(request, space))
            : ApiResults.NotFound());
        group.MapGet("/{id}", (string spaceId, string id) =>
            state.FindSpace(spaceId) is { } space && find(space, id) is { } item
                ? ApiResults.Ok(item)
                : ApiResults.NotFound());
    }
}
