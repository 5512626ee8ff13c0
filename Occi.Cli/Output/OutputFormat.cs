namespace Occi.Cli.Output;

/// <summary>--output: a table for people, JSON for programs, plain lines (name=value, one location a line) for shell scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Plain,
}
