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
}
