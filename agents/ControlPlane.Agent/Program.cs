// Composition root of cp-agent; the session with the server arrives with the runner protocol.
await Console.Error.WriteLineAsync("cp-agent: the runner protocol is not implemented yet");
return 1;
