using ControlPlane.Server.Hosting;
using ControlPlane.Store;

if (args.Contains("--help") || args.Contains("-h"))
{
    await Console.Out.WriteAsync(ServerFlags.Usage);
    return 0;
}

WebApplication app;
try
{
    app = await ServerHost.BuildAsync(args, CancellationToken.None);
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync($"cp-server: {e.Message}");
    return 2;
}
catch (StoreOpenException e)
{
    await Console.Error.WriteLineAsync($"cp-server: cannot open the store: {e.Message}");
    return 4;
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
