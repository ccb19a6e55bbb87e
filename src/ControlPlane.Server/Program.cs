using ControlPlane.Server.Hosting;

if (args.Contains("--help") || args.Contains("-h"))
{
    await Console.Out.WriteAsync(ServerFlags.Usage);
    return 0;
}

WebApplication app;
try
{
    app = ServerHost.Build(args);
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync($"cp-server: {e.Message}");
    return 2;
}

try
{
    await app.RunAsync();
    return 0;
}
catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
{
    await Console.Error.WriteLineAsync($"cp-server: cannot listen: {e.Message}");
    return 3;
}
