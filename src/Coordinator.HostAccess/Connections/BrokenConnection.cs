using System.Net.Sockets;
using Renci.SshNet.Common;

namespace Coordinator.HostAccess;

internal static class BrokenConnection
{
    /// <summary>Whether <paramref name="e"/> says the connection under an operation is gone, rather than the operation failing.</summary>
    public static bool Is(Exception e) =>
        e is SshConnectionException or SocketException or ObjectDisposedException or SshOperationTimeoutException;
}
