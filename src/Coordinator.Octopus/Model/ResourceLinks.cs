namespace Coordinator.Octopus;

/// <summary>A resource's <c>Links</c>: URI templates by name, looked up case-insensitively.</summary>
internal sealed class ResourceLinks(IReadOnlyDictionary<string, string>? links, string owner, Uri server)
{
    private readonly Dictionary<string, string> _links = new(links ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);

    public string? Find(string name) => _links.GetValueOrDefault(name);

    public string Require(string name) =>
        Find(name) ?? throw new OctopusException(
            $"The Octopus Server at {server} has no '{name}' link in {owner}; it may be older than this coordinator supports.");
}
