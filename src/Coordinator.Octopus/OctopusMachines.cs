using System.Text.Json.Nodes;
using Coordinator.Octopus.Http;

namespace Coordinator.Octopus;

/// <summary>Deployment targets in the client's space: lookups by thumbprint and by name, and create, update, delete.</summary>
public sealed class OctopusMachines
{
    private readonly OctopusClient _client;

    internal OctopusMachines(OctopusClient client) => _client = client;

    /// <summary>Every machine Octopus pins to this thumbprint (usually none or one; clones make several).</summary>
    public async Task<IReadOnlyList<OctopusMachine>> FindByThumbprintAsync(string thumbprint, CancellationToken cancellationToken = default)
    {
        var request = await ByThumbprintRequestAsync(thumbprint, cancellationToken);
        return WithThumbprint(request, await _client.Transport.SendAsync(request, jsonBody: null, cancellationToken), thumbprint);
    }

    /// <summary>The machines with exactly this name (trimmed, case-insensitive), across all pages.</summary>
    public async Task<IReadOnlyList<OctopusMachine>> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var space = await _client.SpaceAsync(cancellationToken);
        var wanted = name.Trim();
        var link = UriTemplate.Expand(space.Links.Require("Machines"), new Dictionary<string, object?> { ["name"] = wanted });
        var found = new List<OctopusMachine>();
        await foreach (var document in _client.PagesAsync<JsonObject>(link, cancellationToken))
        {
            var machine = new OctopusMachine(document);
            if (Names.Match(machine.Name, wanted))
            {
                found.Add(machine);
            }
        }

        return found;
    }

    /// <summary>The machine with this id, or null when there is none.</summary>
    public async Task<OctopusMachine?> GetAsync(string machineId, CancellationToken cancellationToken = default)
    {
        var link = await MachineLinkAsync(machineId, cancellationToken);
        try
        {
            return new OctopusMachine(await _client.Transport.GetAsync<JsonObject>(link, cancellationToken));
        }
        catch (OctopusApiException e) when (e.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// POSTs a new machine. A retry after a lost response must not create a second record, so every attempt
    /// after the first looks the thumbprint up before POSTing again, and returns the machine the lost
    /// attempt created if there is one.
    /// </summary>
    public async Task<OctopusMachine> CreateAsync(JsonObject machine, CancellationToken cancellationToken = default)
    {
        var thumbprint = OctopusMachine.Text(machine["Endpoint"] as JsonObject, "Thumbprint")
            ?? throw new ArgumentException("A machine needs Endpoint.Thumbprint.", nameof(machine));
        var space = await _client.SpaceAsync(cancellationToken);
        var post = _client.Transport.Describe(HttpMethod.Post, UriTemplate.Expand(space.Links.Require("Machines"), new Dictionary<string, object?>()));
        var lookup = await ByThumbprintRequestAsync(thumbprint, cancellationToken);
        var body = machine.ToJsonString(OctopusJson.Options);
        var attempt = 0;
        return await _client.Transport.RetryAsync(
            post,
            async attemptToken =>
            {
                if (Interlocked.Increment(ref attempt) > 1)
                {
                    var existing = WithThumbprint(lookup, await _client.Transport.SendOnceAsync(lookup, null, attemptToken), thumbprint);
                    if (existing.Count > 0)
                    {
                        return existing.Count == 1
                            ? existing[0]
                            : throw new OctopusException(Duplicates.Describe(thumbprint, existing));
                    }
                }

                var created = await _client.Transport.SendOnceAsync(post, body, attemptToken);
                return new OctopusMachine(OctopusJson.Parse<JsonObject>(post, created));
            },
            cancellationToken);
    }

    /// <summary>PUTs the whole document back to the machine's own link; PUT is idempotent, so plain retries are safe.</summary>
    public async Task<OctopusMachine> UpdateAsync(OctopusMachine existing, JsonObject document, CancellationToken cancellationToken = default)
    {
        var link = existing.SelfLink ?? await MachineLinkAsync(existing.Id, cancellationToken);
        var request = _client.Transport.Describe(HttpMethod.Put, link);
        var answer = await _client.Transport.SendAsync(request, document.ToJsonString(OctopusJson.Options), cancellationToken);
        return new OctopusMachine(OctopusJson.Parse<JsonObject>(request, answer));
    }

    /// <summary>Deletes the machine; false when it was already gone (also after a retry whose first attempt did delete it).</summary>
    public async Task<bool> DeleteAsync(OctopusMachine machine, CancellationToken cancellationToken = default)
    {
        var link = machine.SelfLink ?? await MachineLinkAsync(machine.Id, cancellationToken);
        try
        {
            await _client.Transport.SendAsync(_client.Transport.Describe(HttpMethod.Delete, link), jsonBody: null, cancellationToken);
            return true;
        }
        catch (OctopusApiException e) when (e.StatusCode == 404)
        {
            return false;
        }
    }

    private async Task<string> MachineLinkAsync(string machineId, CancellationToken cancellationToken)
    {
        var space = await _client.SpaceAsync(cancellationToken);
        return UriTemplate.Expand(space.Links.Require("Machines"), new Dictionary<string, object?> { ["id"] = machineId });
    }

    private async Task<OctopusRequest> ByThumbprintRequestAsync(string thumbprint, CancellationToken cancellationToken)
    {
        var space = await _client.SpaceAsync(cancellationToken);
        var link = UriTemplate.Expand(
            space.Links.Require("Machines"), new Dictionary<string, object?> { ["id"] = "all", ["thumbprint"] = thumbprint });
        return _client.Transport.Describe(HttpMethod.Get, link);
    }

    /// <summary>
    /// The machines in a <c>/machines/all?thumbprint=</c> answer, re-checked: Octopus pins thumbprints by exact
    /// comparison, so only an exact match is this machine.
    /// </summary>
    private static List<OctopusMachine> WithThumbprint(OctopusRequest request, string body, string thumbprint) =>
        [.. OctopusJson.Parse<List<JsonObject>>(request, body)
            .Select(m => new OctopusMachine(m))
            .Where(m => string.Equals(m.Thumbprint, thumbprint, StringComparison.Ordinal))];
}
