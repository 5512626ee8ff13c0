using System.Diagnostics;
using Occi.Server.Auth.Basic;
using Occi.Server.Hosting;
using Occi.Server.Tests.Support;

namespace Occi.Server.Tests;

/// <summary>`dotnet Occi.Server.dll hash-password`: a password on standard input, its users-file hash on standard output.</summary>
public sealed class HashPasswordCommandTests
{
    [Test]
    public void The_printed_hash_verifies_the_password_read_and_no_other()
    {
        var output = new StringWriter();
        var code = HashPasswordCommand.Run(new StringReader("s3cret: with colon\n"), output, new StringWriter());
        Assert.That(code, Is.EqualTo(0));
        var line = output.ToString().TrimEnd('\n');
        Assert.That(line, Does.StartWith($"pbkdf2-sha256${PasswordHash.Iterations}$").And.Not.Contain(":"));
        Assert.That(PasswordHash.TryParse(line, out var hash, out _), Is.True);
        Assert.That(PasswordHash.Verify("s3cret: with colon", hash), Is.True);
        Assert.That(PasswordHash.Verify("s3cret", hash), Is.False);
    }

    [Test]
    public void No_password_is_exit_code_2_with_how_to_give_one()
    {
        var error = new StringWriter();
        Assert.That(HashPasswordCommand.Run(new StringReader(""), new StringWriter(), error), Is.EqualTo(2));
        Assert.That(error.ToString(), Does.Contain("standard input"));
    }

    [Test]
    public async Task The_server_dll_prints_the_hash_and_exits_without_starting()
    {
        var dll = ServerDll.Find();
        if (dll is null) Assert.Ignore("Occi.Server.dll with its runtimeconfig.json was not found next to the tests or in Occi.Server/bin");
        var start = new ProcessStartInfo("dotnet", [dll!, "hash-password"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteLineAsync("pw from stdin");
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.EqualTo(0), error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), "only the hash: no server start-up lines");
        Assert.That(PasswordHash.TryParse(lines[0], out var hash, out _), Is.True);
        Assert.That(PasswordHash.Verify("pw from stdin", hash), Is.True);
    }
}
