using BenchmarkDotNet.Running;
using Occi.Bench;

// e.g. dotnet run -c Release --project bench/Occi.Bench -- --filter '*Rendering*' --job short
BenchmarkSwitcher.FromAssembly(typeof(RenderingBenchmarks).Assembly).Run(args);
