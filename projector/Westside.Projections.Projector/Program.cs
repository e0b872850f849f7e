using Westside.Projections.Projector.Commands;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await ProjectorCli.RunAsync(args, cancel.Token);
