namespace AppcmdDouble;

/// <summary>Runs one appcmd request against the configuration and returns the lines it prints.</summary>
internal sealed class AppcmdVerbs(ConfigurationStore store)
{
    private static readonly Dictionary<string, IisCollection> Collections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["site"] = new SiteCollection(),
        ["sites"] = new SiteCollection(),
        ["app"] = new AppCollection(),
        ["apps"] = new AppCollection(),
        ["apppool"] = new AppPoolCollection(),
        ["apppools"] = new AppPoolCollection(),
    };

    /// <summary>The printed lines and the exit code; failures are thrown as <see cref="AppcmdError"/>.</summary>
    public (IReadOnlyList<string> Lines, int ExitCode) Run(AppcmdRequest request)
    {
        if (!Collections.TryGetValue(request.ObjectType, out var collection))
            throw AppcmdError.Usage($"Object type \"{request.ObjectType}\" is not supported.");
        return request.Verb switch
        {
            "list" => List(collection, request),
            "add" => Write(document => collection.Add(document, request)),
            "set" => Write(document =>
            {
                var entry = collection.Find(document, request);
                collection.Set(document, entry, request);
                return [$"{collection.Label} object \"{entry.Name}\" changed"];
            }),
            "delete" => Write(document =>
            {
                var entry = collection.Find(document, request);
                collection.Delete(entry);
                return [$"{collection.Label} object \"{entry.Name}\" deleted"];
            }),
            _ => throw AppcmdError.Usage($"The verb \"{request.Verb}\" is not supported."),
        };
    }

    private (IReadOnlyList<string>, int) List(IisCollection collection, AppcmdRequest request)
    {
        var document = store.Read().Document;
        var entries = collection.Entries(document).ToList();
        if (request.Identifier is not null)
        {
            entries = entries.Where(e => e.Name.Equals(request.Identifier, StringComparison.OrdinalIgnoreCase)).ToList();
            if (entries.Count == 0) throw AppcmdError.NotFound(collection.Label, request.Identifier);
        }
        string? text = null;
        foreach (var (name, value) in request.Attributes)
        {
            if (name.Equals("text", StringComparison.OrdinalIgnoreCase))
            {
                text = value;
                continue;
            }
            entries = entries.Where(e => e.Attributes.TryGetValue(name, out var actual)
                                         && actual.Equals(value, StringComparison.OrdinalIgnoreCase)).ToList();
        }
        var lines = entries.Select(e => text is null ? collection.Line(e) : e.Attributes.GetValueOrDefault(text, "")).ToList();
        // appcmd signals "nothing matched" through its exit code only.
        return (lines, lines.Count == 0 ? 1 : 0);
    }

    private (IReadOnlyList<string>, int) Write(
        Func<ApplicationHostDocument, IReadOnlyList<string>> change)
    {
        var snapshot = store.Read();
        var lines = change(snapshot.Document);
        store.Commit(snapshot);
        return (lines, 0);
    }
}
