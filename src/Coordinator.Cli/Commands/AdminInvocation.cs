using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Cli.Remote;

namespace Coordinator.Cli.Commands;

/// <summary>What an admin command has to work with once the global options are parsed.</summary>
public sealed record AdminInvocation(CoordinatorEndpoint Endpoint, TimeSpan Timeout, CommandOutput Output, ParseResult ParseResult)
{
    /// <summary>The value of one of the command's own (required) options.</summary>
    public T Value<T>(Option<T> option) => ParseResult.GetRequiredValue(option);

    /// <exception cref="CliFailure">Nothing listens at <see cref="Endpoint"/>.</exception>
    public Task<AdminClient> ConnectAsync(CancellationToken cancellationToken) =>
        AdminClient.ConnectAsync(Endpoint, Timeout, cancellationToken);
}
