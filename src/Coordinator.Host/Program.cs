using Coordinator.Host;
using Coordinator.Host.Configuration;

return await HostProgram.RunAsync(
    args, CoordinatorEnvironment.Current(), Directory.GetCurrentDirectory(), Console.Out, Console.Error);
