using Occi.Cli;

return await CliApp.RunAsync(args, CliEnvironment.FromProcess());
