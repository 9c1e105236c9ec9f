namespace OctopusServer.Double.Api;

/// <summary>The URI templates the server advertises in its Links, and the plain links built from them.</summary>
internal static class Templates
{
    public static string Spaces => "/api/spaces{/id}{?skip,ids,take,partialName}";

    public static string SpaceHome => "/api/{spaceId}";

    public static string Environments(string spaceId) =>
        $"/api/{spaceId}/environments{{/id}}{{?name,skip,ids,take,partialName}}";

    public static string MachinePolicies(string spaceId) =>
        $"/api/{spaceId}/machinepolicies{{/id}}{{?skip,take,ids,partialName}}";

    public static string Machines(string spaceId) =>
        $"/api/{spaceId}/machines{{/id}}{{?skip,take,name,ids,partialName,roles,isDisabled,healthStatuses,commStyles,tenantIds,tenantTags,environmentIds,thumbprint,deploymentId}}";

    public static string DiscoverMachine(string spaceId) => $"/api/{spaceId}/machines/discover{{?host,port,type,proxyId}}";

    public static string Tasks(string spaceId) => $"/api/{spaceId}/tasks{{/id}}{{?skip,take}}";

    public static string CertificateConfiguration => "/api/configuration/certificates{/id}";

    public static string CurrentUser => "/api/users/me";

    public static IReadOnlyDictionary<string, string> SpaceLinks(string spaceId) => new Dictionary<string, string>
    {
        ["SpaceHome"] = $"/api/{spaceId}",
        ["Environments"] = Environments(spaceId),
        ["MachinePolicies"] = MachinePolicies(spaceId),
        ["Machines"] = Machines(spaceId),
        ["DiscoverMachine"] = DiscoverMachine(spaceId),
        ["Tasks"] = Tasks(spaceId),
    };

    public static IReadOnlyDictionary<string, string> Self(string path) => new Dictionary<string, string> { ["Self"] = path };
}
