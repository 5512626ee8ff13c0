using Occi.Server.Hosting;

if (HashPasswordCommand.IsRequested(args)) return HashPasswordCommand.Run(Console.In, Console.Out, Console.Error);
OcciServerApp.Build(args).Run();
return 0;
