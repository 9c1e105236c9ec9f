using Coordinator.Lab.Cli;

return await LabCommandLine.RunAsync(args);
