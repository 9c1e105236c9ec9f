namespace Coordinator.IntegrationTests.Harness;

/// <summary>The real <c>coord</c> program, pointed at one host endpoint.</summary>
internal sealed class CoordinatorCli(int port)
{
    public string Endpoint { get; } = $"127.0.0.1:{port}";

    public Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(TimeSpan.FromSeconds(60), arguments);

    /// <summary>For commands that follow a run to its end.</summary>
    public Task<ProcessResult> RunAsync(TimeSpan limit, params string[] arguments) =>
        ProcessRun.DotnetAsync(
            RepositoryLayout.CliDll,
            [.. arguments, "--endpoint", Endpoint],
            new Dictionary<string, string?>(),
            limit);
}
