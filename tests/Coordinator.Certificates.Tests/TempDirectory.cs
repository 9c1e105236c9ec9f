namespace Coordinator.Certificates.Tests;

/// <summary>A data directory of its own for one test, removed afterwards.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("coord-certs-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
