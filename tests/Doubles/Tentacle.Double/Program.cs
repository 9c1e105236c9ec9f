using Tentacle.Double;

return await TentacleProgram.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
