namespace Coordinator.Tentacle;

/// <summary>Argument choices both script generators make the same way.</summary>
internal static class TentacleArguments
{
    /// <summary>
    /// The <c>--listenIpAddress</c> value, or <c>null</c> to leave it out: with <c>any</c> the canonical sequence omits
    /// it, except to replace a specific address the host has (Tentacle accepts <c>any</c> for that).
    /// </summary>
    public static string? ListenAddress(DesiredTentacle desired, bool resetListenAddress) =>
        !desired.ListensOnAnyAddress ? desired.ListenAddress
        : resetListenAddress ? DesiredTentacle.AnyAddress
        : null;
}
