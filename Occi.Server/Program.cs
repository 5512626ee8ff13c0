using Occi.Server.Hosting;

OcciServerApp.Build(args).Run();
