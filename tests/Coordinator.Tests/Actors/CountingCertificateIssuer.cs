using Coordinator.Actors.Machines;
using Coordinator.Protocol.Machines;

namespace Coordinator.Tests.Actors;

/// <summary>Issues distinct, recognisable identities and counts how often it was asked; can be told to fail.</summary>
internal sealed class CountingCertificateIssuer : ICertificateIssuer
{
    private int _issued;

    public string? FailWith { get; init; }

    public int Issued => Volatile.Read(ref _issued);

    public Task<RetainedIdentity> IssueAsync(string host, CancellationToken cancellationToken)
    {
        if (FailWith is not null)
        {
            throw new InvalidOperationException(FailWith);
        }

        var number = Interlocked.Increment(ref _issued);
        return Task.FromResult(new RetainedIdentity($"{number:X40}", $"sealed-for-{host}-{number}", DateTimeOffset.UnixEpoch.AddYears(130)));
    }

    /// <summary>The "PFX" is the thumbprint in ASCII; a password of "wrong" is refused as a real PFX's would be.</summary>
    public Task<RetainedIdentity> AdoptAsync(string host, byte[] pfx, string? password, CancellationToken cancellationToken) =>
        password == "wrong"
            ? throw new ArgumentException($"the PFX for {host} cannot be used: the password is wrong")
            : Task.FromResult(new RetainedIdentity(System.Text.Encoding.ASCII.GetString(pfx), $"adopted-for-{host}", DateTimeOffset.UnixEpoch.AddYears(130)));

    /// <summary>"Exports" the thumbprint and password, so a test can see which identity and password were used.</summary>
    public Task<byte[]> ExportAsync(string host, RetainedIdentity identity, string password, CancellationToken cancellationToken) =>
        Task.FromResult(System.Text.Encoding.ASCII.GetBytes($"{identity.Thumbprint}/{password}"));
}
