using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using OctopusServer.Double.State;

namespace OctopusServer.Double.Tentacles;

internal sealed record MachineHealth(string HealthStatus, string Summary)
{
    public bool IsHealthy => HealthStatus == HealthStatuses.Healthy;

    public static MachineHealth Unavailable(string summary) => new(HealthStatuses.Unavailable, summary);
}

/// <summary>Contacts one machine's Tentacle and judges its health as a health check task does.</summary>
internal sealed class TentacleHealthCheck(X509Certificate2 serverCertificate) : IMachineHealthCheck
{
    public const string TrustedReply = "MX-TRUSTED";
    public const string UntrustedReply = "MX-UNTRUSTED";

    public async Task<MachineHealth> CheckAsync(MachineRecord machine, TimeSpan machineTimeout, CancellationToken cancellationToken)
    {
        var endpoint = machine.Endpoint;
        if (endpoint.CommunicationStyle != CommunicationStyles.TentaclePassive
            || !Uri.TryCreate(endpoint.Uri, UriKind.Absolute, out var uri))
        {
            return MachineHealth.Unavailable(
                "Only listening Tentacles can be health checked by this test double; it accepts no polling connections.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(machineTimeout);
        try
        {
            await using var connection = await TentacleConnection.OpenAsync(uri.Host, uri.Port, serverCertificate, timeout.Token);
            var presented = connection.PresentedCertificate;
            if (presented.Thumbprint != endpoint.Thumbprint)
            {
                return MachineHealth.Unavailable(
                    $"The server at {endpoint.Uri} presented an unexpected security certificate. We expected the server to " +
                    $"present a certificate with the thumbprint '{endpoint.Thumbprint}'. Instead, it presented a certificate " +
                    $"with a thumbprint of '{presented.Thumbprint}' and subject '{presented.Subject}'.");
            }

            return await connection.GreetAsync(timeout.Token) switch
            {
                TrustedReply => new MachineHealth(HealthStatuses.Healthy, $"The Tentacle at {endpoint.Uri} is healthy."),
                UntrustedReply => MachineHealth.Unavailable(
                    $"The Tentacle at {endpoint.Uri} does not trust this Octopus Server. Its trusted thumbprints must " +
                    $"include the server certificate thumbprint '{serverCertificate.Thumbprint}'."),
                null => MachineHealth.Unavailable(
                    $"The Tentacle at {endpoint.Uri} closed the connection without answering; it may not trust this " +
                    $"Octopus Server's certificate '{serverCertificate.Thumbprint}'."),
                var reply => MachineHealth.Unavailable($"The Tentacle at {endpoint.Uri} answered with an unexpected reply '{reply}'."),
            };
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            var limit = cancellationToken.IsCancellationRequested ? "before the health check task ended" : $"within {machineTimeout:c}";
            return MachineHealth.Unavailable($"The Tentacle at {endpoint.Uri} did not respond {limit}.");
        }
        catch (SocketException e)
        {
            return MachineHealth.Unavailable(
                $"An error occurred when sending a request to '{endpoint.Uri}', before the request could begin: {e.Message}");
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return MachineHealth.Unavailable($"The TLS conversation with the Tentacle at {endpoint.Uri} failed: {e.Message}");
        }
    }
}
