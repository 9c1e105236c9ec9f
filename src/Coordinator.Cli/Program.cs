using Coordinator.Cli;

return await CoordCommandLine.RunAsync(args, Terminal.FromProcess());
