using System.Threading.Channels;
using ControlPlane.Contracts.V1;
using ControlPlane.Server.Scheduling.Runners;
using Grpc.Core;

namespace ControlPlane.Server.Runners;

/// <summary>
/// One open Connect stream after the welcome. Three loops run until one of them ends the stream: the reader takes the
/// agent's messages, the processor maps them to scheduler calls (consecutive log chunks in one transaction), and the
/// command pump turns the session's commands into messages; one writer owns the response stream (it does not allow
/// concurrent writes) and sends the replies and commands in the order they were queued.
/// </summary>
internal sealed class RunnerStream
{
    private const int MaxLogBatch = 64;

    private readonly RunnerSession _session;
    private readonly AgentMessageHandler _handler;
    private readonly CommandTranslator _translator;
    private readonly Channel<ConnectRequest> _inbound = Channel.CreateBounded<ConnectRequest>(new BoundedChannelOptions(256) { SingleReader = true, SingleWriter = true });
    private readonly Channel<ConnectResponse> _outbound = Channel.CreateUnbounded<ConnectResponse>(new UnboundedChannelOptions { SingleReader = true });

    public RunnerStream(RunnerSession session, AgentMessageHandler handler, CommandTranslator translator)
    {
        _session = session;
        _handler = handler;
        _translator = translator;
    }

    /// <summary>Runs until the agent ends its side (returns <see cref="StreamEnd.ClientCompleted"/>), the session is
    /// closed (<see cref="StreamEnd.SessionClosed"/>), <paramref name="abort"/> fires, or <paramref name="closing"/> fires
    /// and the close below is over (<see cref="StreamEnd.Stopped"/>).</summary>
    /// <remarks>On <paramref name="closing"/> (server shutdown) the stream offers nothing more and sends a
    /// <see cref="ServerClosing"/>; it still takes the agent's reports and answers them until the agent has ended its
    /// side or <paramref name="closingGrace"/> has passed. An agent that ended its side first reads the status the
    /// server then ends the stream with; one whose side is open when the connection closes may lose it.</remarks>
    /// <exception cref="Exception">What a loop failed with (a protocol violation, a store failure, a broken stream).</exception>
    public async Task<StreamEnd> RunAsync(IAsyncStreamReader<ConnectRequest> requests, IServerStreamWriter<ConnectResponse> responses, TimeSpan closingGrace, CancellationToken closing, CancellationToken abort)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(abort);
        using var commands = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        var token = linked.Token;
        var reader = ReadAsync(requests, token);
        var processor = ProcessAsync(token);
        var pump = PumpAsync(commands.Token);
        var writer = WriteAsync(responses, token);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onClosing = closing.Register(() => closed.TrySetResult());
        // The reader is not watched: when it ends, the processor finishes what was read and then ends.
        var first = await Task.WhenAny(processor, pump, writer, closed.Task);
        if (first == closed.Task)
        {
            await commands.CancelAsync();
            _outbound.Writer.TryWrite(new ConnectResponse { Closing = new ServerClosing { Reason = "the server is shutting down" } });
            var grace = Task.Delay(closingGrace, token);
            if (await Task.WhenAny(processor, writer, grace) == processor)
            {
                // The agent ended its side and everything it sent is handled: the last replies go out before the end.
                _outbound.Writer.TryComplete();
                await Task.WhenAny(writer, grace);
            }
        }

        await linked.CancelAsync();
        var all = new[] { reader, processor, pump, writer };
        try
        {
            await Task.WhenAll(all);
        }
        catch
        {
            // Looked at below: the first loop to end decides.
        }

        if (closing.IsCancellationRequested || abort.IsCancellationRequested)
        {
            return StreamEnd.Stopped;
        }

        var failure = all.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).FirstOrDefault(e => e is not OperationCanceledException);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return first == pump ? StreamEnd.SessionClosed : StreamEnd.ClientCompleted;
    }

    private async Task ReadAsync(IAsyncStreamReader<ConnectRequest> requests, CancellationToken token)
    {
        try
        {
            while (await requests.MoveNext(token))
            {
                await _inbound.Writer.WriteAsync(requests.Current, token);
            }
        }
        finally
        {
            _inbound.Writer.TryComplete();
        }
    }

    private async Task ProcessAsync(CancellationToken token)
    {
        var runnerId = _session.RunnerId;
        while (await _inbound.Reader.WaitToReadAsync(token))
        {
            while (_inbound.Reader.TryRead(out var message))
            {
                IReadOnlyList<ConnectResponse> replies;
                if (message.MessageCase == ConnectRequest.MessageOneofCase.LogChunk)
                {
                    var batch = new List<Contracts.V1.LogChunk> { message.LogChunk };
                    while (batch.Count < MaxLogBatch && _inbound.Reader.TryPeek(out var next) && next.MessageCase == ConnectRequest.MessageOneofCase.LogChunk && _inbound.Reader.TryRead(out next))
                    {
                        batch.Add(next.LogChunk);
                    }

                    replies = await _handler.HandleLogChunksAsync(runnerId, batch, token);
                }
                else
                {
                    replies = await _handler.HandleAsync(runnerId, message, token);
                }

                foreach (var reply in replies)
                {
                    _outbound.Writer.TryWrite(reply);
                }
            }
        }
    }

    private async Task PumpAsync(CancellationToken token)
    {
        await foreach (var command in _session.Commands.ReadAllAsync(token))
        {
            if (await _translator.TranslateAsync(command, token) is { } message)
            {
                _outbound.Writer.TryWrite(message);
            }
        }
    }

    private async Task WriteAsync(IServerStreamWriter<ConnectResponse> responses, CancellationToken token)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(token))
        {
            // The writer cannot cancel a single write; the call's own abort ends a stuck one.
            await responses.WriteAsync(message, CancellationToken.None);
        }
    }
}
