// Composition root of cpctl; the commands arrive with the CLI.
await Console.Error.WriteLineAsync("cpctl: no commands yet");
return 2;
