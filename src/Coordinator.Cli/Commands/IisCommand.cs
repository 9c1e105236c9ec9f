using System.CommandLine;
using Coordinator.Cli.Output;
using Coordinator.Cli.Remote;
using Coordinator.Iis;
using Coordinator.Inventory;
using Coordinator.Protocol;
using Coordinator.Protocol.Admin;
using Coordinator.Protocol.Iis;

namespace Coordinator.Cli.Commands;

/// <summary>
/// <c>coord iis apply|remove-sites|queue|cancel</c>: IIS writes go through each host's gate in the coordinator, one at a
/// time per host, so they never collide with each other (or, through the host mutex, with deployment scripts).
/// </summary>
public static class IisCommand
{
    public static Command Create(GlobalOptions options, Terminal terminal)
    {
        var iis = new Command("iis", "IIS configuration writes, one at a time per host, through the coordinator's IIS gates.");
        iis.Subcommands.Add(Apply(options, terminal));
        iis.Subcommands.Add(RemoveSites(options, terminal));
        iis.Subcommands.Add(Queue(options, terminal));
        iis.Subcommands.Add(Cancel(options, terminal));
        return iis;
    }

    private static Command Apply(GlobalOptions options, Terminal terminal)
    {
        var file = new Option<FileInfo>("--file", "-f") { Description = "The operations file (YAML); see docs/iis.md.", Required = true };
        var targets = new HostTargets();
        var follow = FollowOption();
        var command = AdminCommand.Create(
            "apply",
            "Queue an operations file's IIS operations on a host, or on every host of an environment, and with --follow wait for their outcomes.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                var path = invocation.Value(file).FullName;
                var operations = Load(path);
                return await QueueAsync(invocation, targets, operations, $"coord iis apply {Path.GetFileName(path)}", follow, cancellationToken);
            });
        command.Options.Add(file);
        targets.AddTo(command);
        command.Options.Add(follow);
        return command;
    }

    private static Command RemoveSites(GlobalOptions options, Terminal terminal)
    {
        var path = new Option<string>("--path") { Description = @"The physical path (C:\inetpub\shop): every site, application and app pool only they use, at or under it, is removed.", Required = true };
        var targets = new HostTargets();
        var follow = FollowOption();
        var command = AdminCommand.Create(
            "remove-sites",
            "Queue the removal of every site, application and app pool under a physical path (what Remove-WebSites did), and with --follow wait for it.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                var operation = Validated(new RemoveUnderPath(invocation.Value(path)), "--path");
                return await QueueAsync(invocation, targets, [operation], "coord iis remove-sites", follow, cancellationToken);
            });
        command.Options.Add(path);
        targets.AddTo(command);
        command.Options.Add(follow);
        return command;
    }

    private static Command Queue(GlobalOptions options, Terminal terminal)
    {
        var host = new Option<string?>("--host") { Description = "One host's gate: in flight, queued, and the latest finished. Without it, every gate holding work." };
        var command = AdminCommand.Create(
            "queue",
            "Show the IIS gates' queues: the operation in flight, the queued ones with their position and wait, and the latest finished.",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var queues = invocation.ParseResult.GetValue(host) is { } name
                    ? [await AskAsync<IisQueue>(client, new IisCommands.GetQueue(name), cancellationToken)]
                    : (await client.AskAsync<IisQueues>(IisCommands.GetQueues.Instance, cancellationToken)).Hosts;
                invocation.Output.Show(new IisQueueView(queues));
                return ExitCode.Ok;
            });
        command.Options.Add(host);
        return command;
    }

    private static Command Cancel(GlobalOptions options, Terminal terminal)
    {
        var host = new Option<string>("--host") { Description = "The host whose gate holds the operation.", Required = true };
        var number = new Option<long>("--id") { Description = "The operation's number, as coord iis queue shows it (#12).", Required = true };
        var command = AdminCommand.Create(
            "cancel",
            "Drop a queued IIS operation before it starts (one in flight finishes: a write is not stopped halfway).",
            options,
            terminal,
            async (invocation, cancellationToken) =>
            {
                await using var client = await invocation.ConnectAsync(cancellationToken);
                var queue = await AskAsync<IisQueue>(client, new IisCommands.Cancel(invocation.Value(host), invocation.Value(number)), cancellationToken);
                invocation.Output.Show(new IisQueueView([queue]));
                return ExitCode.Ok;
            });
        command.Options.Add(host);
        command.Options.Add(number);
        return command;
    }

    private static Option<bool> FollowOption() =>
        new("--follow") { Description = "Wait for the operations to finish, showing each change; exit 1 if any failed or was refused." };

    private static async Task<ExitCode> QueueAsync(
        AdminInvocation invocation,
        HostTargets targets,
        IReadOnlyList<IisOperation> operations,
        string origin,
        Option<bool> follow,
        CancellationToken cancellationToken)
    {
        await using var client = await invocation.ConnectAsync(cancellationToken);
        var hosts = await targets.ResolveAsync(invocation, client, cancellationToken);

        // One key per invocation: a retried ask never queues the operations twice.
        var requestKey = $"cli:{Guid.NewGuid():N}";
        var requests = new List<IisHostRequest>();
        foreach (var host in hosts)
        {
            var reply = await client.AskAsync<ICoordinatorMessage>(new IisCommands.Enqueue(host, operations, origin, requestKey), cancellationToken);
            requests.Add(reply switch
            {
                IisCommands.IisOperations queued => new IisHostRequest(host, queued.Operations, null),

                // An environment mixes Linux and Windows hosts; only a host named on purpose must run IIS.
                IisCommands.IisRefused { Kind: IisRefusalKind.NotWindows } refused when !targets.NamesOneHost(invocation) =>
                    new IisHostRequest(host, [], refused.Reason, Skipped: true),
                IisCommands.IisRefused refused => new IisHostRequest(host, [], refused.Reason),
                _ => throw Unexpected(client, reply),
            });
        }

        foreach (var refused in requests.Where(r => r.Refusal is not null && !r.Skipped))
        {
            invocation.Output.Problem($"{refused.Host}: refused: {refused.Refusal}");
        }

        if (invocation.ParseResult.GetValue(follow))
        {
            requests = await IisFollower.FollowAsync(client, requests, invocation.Output, cancellationToken);
        }

        invocation.Output.Show(new IisRequestView(requests));
        return requests.All(r => (r.Refusal is null || r.Skipped) && r.Operations.All(o => !invocation.ParseResult.GetValue(follow) || o.Succeeded))
            ? ExitCode.Ok
            : ExitCode.OperationFailed;
    }

    internal static async Task<TReply> AskAsync<TReply>(AdminClient client, ICoordinatorMessage request, CancellationToken cancellationToken)
        where TReply : ICoordinatorMessage =>
        await client.AskAsync<ICoordinatorMessage>(request, cancellationToken) switch
        {
            TReply expected => expected,
            IisCommands.IisRefused refused => throw new CliFailure(ExitCode.OperationFailed, $"{refused.Host}: {refused.Reason}"),
            var other => throw Unexpected(client, other),
        };

    private static CliFailure Unexpected(AdminClient client, object reply) =>
        new(ExitCode.OperationFailed, $"the coordinator at {client.Endpoint} answered {reply.GetType().Name}; are coord and the host the same version?");

    private static IReadOnlyList<IisOperation> Load(string path)
    {
        var result = IisOperationsFile.Load(path);
        if (result.Succeeded)
        {
            return result.Operations;
        }

        var errors = result.Errors.Select(e => e.ToString()).ToList();
        throw new CliFailure(ExitCode.UsageOrConnection,
            $"the operations file has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}; nothing was queued:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}");
    }

    private static IisOperation Validated(IisOperation operation, string option)
    {
        try
        {
            return IisOperationValidator.Validated(operation);
        }
        catch (InvalidIisOperationException invalid)
        {
            throw new CliFailure(ExitCode.UsageOrConnection, $"{option}: {string.Join(" ", invalid.Problems)}");
        }
    }

    /// <summary><c>--host H</c> or <c>--environment E</c>: exactly one, checked before anything is queued.</summary>
    private sealed class HostTargets
    {
        private readonly Option<string?> _host = new("--host") { Description = "The host whose gate queues the operations." };
        private readonly Option<string?> _environment = new("--environment", "-e") { Description = "Every host the coordinator knows in this environment." };

        public void AddTo(Command command)
        {
            command.Options.Add(_host);
            command.Options.Add(_environment);
            command.Validators.Add(result =>
            {
                var host = result.GetValue(_host);
                var environment = result.GetValue(_environment);
                if ((host is null) == (environment is null))
                {
                    result.AddError("Name the target: --host H for one host, or --environment E for every host the coordinator knows in E (not both).");
                }
            });
        }

        public bool NamesOneHost(AdminInvocation invocation) => invocation.ParseResult.GetValue(_host) is not null;

        public async Task<IReadOnlyList<string>> ResolveAsync(AdminInvocation invocation, AdminClient client, CancellationToken cancellationToken)
        {
            if (invocation.ParseResult.GetValue(_host) is { } host)
            {
                return [host];
            }

            var environment = invocation.ParseResult.GetValue(_environment)!;
            var fleet = await client.AskAsync<AdminMessages.FleetStatus>(AdminMessages.GetFleetStatus.Instance, cancellationToken);
            var hosts = fleet.Machines.Where(m => m.Environment == environment).Select(m => m.Host).Order(StringComparer.Ordinal).ToList();
            return hosts.Count > 0
                ? hosts
                : throw new CliFailure(ExitCode.OperationFailed,
                    $"the coordinator knows no host in the environment '{environment}'" +
                    (fleet.Machines.Count == 0 ? "" : $" (it knows {string.Join(", ", fleet.Machines.Select(m => m.Environment).Distinct().Order())})") +
                    "; bootstrap its hosts first");
        }
    }
}

/// <summary>One host's part of an apply: its operations as the gate reported them, or why the gate refused them.</summary>
/// <param name="Skipped">Refused because it is not a Windows host, while applying to a whole environment: not a failure.</param>
public sealed record IisHostRequest(string Host, IReadOnlyList<IisOperationView> Operations, string? Refusal, bool Skipped = false);
