using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Coordinator.Certificates;

/// <summary>
/// Octopus and Tentacle compare thumbprints as exact strings, so every thumbprint the coordinator stores or
/// compares is the upper-case hex SHA-1 of the certificate.
/// </summary>
public static class TentacleThumbprint
{
    public static string Of(X509Certificate2 certificate) => Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA1));
}
