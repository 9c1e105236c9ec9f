namespace Tentacle.Double.Packaging;

/// <summary>
/// The executables the installers lay down: shell scripts that run the framework-dependent double with this
/// machine's dotnet and tell it their own path (which <c>service</c> writes into ExecStart).
/// </summary>
internal static class Launchers
{
    public const string Linux = """
        #!/bin/sh
        # Lab stand-in for /opt/octopus/tentacle/Tentacle: runs the Tentacle test double with this machine's dotnet.
        self="$(readlink -f "$0")"
        here="$(dirname "$self")"
        if [ -n "$DOTNET_ROOT" ] && [ -x "$DOTNET_ROOT/dotnet" ]; then
          dotnet="$DOTNET_ROOT/dotnet"
        elif command -v dotnet >/dev/null 2>&1; then
          dotnet="$(command -v dotnet)"
        elif [ -x /usr/share/dotnet/dotnet ]; then
          dotnet=/usr/share/dotnet/dotnet
        elif [ -x /usr/lib/dotnet/dotnet ]; then
          dotnet=/usr/lib/dotnet/dotnet
        else
          echo "dotnet was not found on this machine; the lab Tentacle needs it." >&2
          exit 100
        fi
        TENTACLE_DOUBLE_EXECUTABLE="$self" exec "$dotnet" "$here/Tentacle.dll" "$@"

        """;

    /// <summary>Tentacle.exe from the MSI stand-in: the same, impersonating Windows unless the lab says otherwise.</summary>
    public static string Windows => Linux
        .Replace("/opt/octopus/tentacle/Tentacle", @"C:\Program Files\Octopus Deploy\Tentacle\Tentacle.exe", StringComparison.Ordinal)
        .Replace("TENTACLE_DOUBLE_EXECUTABLE=", "LAB_FLAVOUR=\"${LAB_FLAVOUR:-windows}\" TENTACLE_DOUBLE_EXECUTABLE=", StringComparison.Ordinal);
}
