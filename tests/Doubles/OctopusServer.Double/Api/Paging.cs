using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using OctopusServer.Double.Pipeline;
using OctopusServer.Double.Resources;

namespace OctopusServer.Double.Api;

/// <summary>Cuts a filtered collection into the paged envelope, with links that keep the filters.</summary>
internal static class Paging
{
    public static PagedResource<T> Page<T>(HttpRequest request, string itemType, string template, IReadOnlyList<T> items, int defaultTake)
    {
        var skip = Math.Max(0, ReadInt(request, "skip") ?? 0);
        var take = ReadInt(request, "take") is { } requested and > 0 ? requested : defaultTake;
        var pages = Math.Max(1, (int)Math.Ceiling(items.Count / (double)take));
        var links = new Dictionary<string, string>
        {
            ["Self"] = Link(request, []),
            ["Template"] = template,
            ["Page.Current"] = PageLink(request, skip, take),
        };
        if (skip > 0)
        {
            links["Page.Previous"] = PageLink(request, Math.Max(0, skip - take), take);
        }

        if ((long)skip + take < items.Count)
        {
            links["Page.Next"] = PageLink(request, skip + take, take);
        }

        return new PagedResource<T>(
            itemType, IsStale: false, items.Count, take, pages, pages - 1, [.. items.Skip(skip).Take(take)], links);
    }

    private static int? ReadInt(HttpRequest request, string name) =>
        int.TryParse(request.Query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string PageLink(HttpRequest request, int skip, int take) =>
        Link(request, [new("skip", skip.ToString(CultureInfo.InvariantCulture)), new("take", take.ToString(CultureInfo.InvariantCulture))]);

    /// <summary>The request's own path and filters, never its API key, with the given parameters replaced.</summary>
    private static string Link(HttpRequest request, IReadOnlyList<KeyValuePair<string, string?>> replacements)
    {
        var parameters = request.Query
            .Where(p => !RequestRedaction.IsApiKeyParameter(p.Key) && replacements.All(r => r.Key != p.Key))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Concat(replacements);
        return QueryHelpers.AddQueryString(request.Path.Value ?? "", parameters);
    }
}
