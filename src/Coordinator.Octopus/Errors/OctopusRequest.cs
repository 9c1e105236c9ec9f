namespace Coordinator.Octopus;

/// <summary>A request as errors and logs describe it: the method and the path with its query, never the API key (it travels in a header).</summary>
public sealed record OctopusRequest(string Method, Uri Server, string PathAndQuery)
{
    public Uri Url => new(Server, PathAndQuery);

    public override string ToString() => $"{Method} {PathAndQuery}";
}
