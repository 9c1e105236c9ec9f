namespace Coordinator.Octopus;

/// <summary>What <c>GET /api</c> says about the server.</summary>
public sealed record OctopusServerInfo(string Application, string Version, string ApiVersion);

/// <summary>The user an API key belongs to.</summary>
public sealed record OctopusUser(string Id, string Username, string DisplayName);

public sealed record OctopusSpace(string Id, string Name, bool IsDefault);

public sealed record OctopusEnvironment(string Id, string Name);

public sealed record OctopusMachinePolicy(string Id, string Name, bool IsDefault);
