using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HitPredictor.Tests.Support;

/// <summary>A logger provider that keeps every record the host's filters let through, as the console would show it.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<Record> _records = new();

    public sealed record Record(string Category, LogLevel Level, EventId Id, string Message, Exception? Exception)
    {
        /// <summary>The record as the console logger writes it: <c>info: Category[id]</c>, then the message indented.</summary>
        public string Rendered => $"{Level}: {Category}[{Id.Id}]\n      {Message}\n{Exception}";
    }

    public IReadOnlyList<Record> Records => [.. _records];

    public void Clear() => _records.Clear();

    /// <summary>
    /// The number of records matching <paramref name="match"/> once it reaches <paramref name="expected"/>, or after ten
    /// seconds at most: the host writes some records (ASP.NET Core's "Request finished") after the client already has
    /// its response.
    /// </summary>
    public async Task<int> CountWhenSettledAsync(Func<Record, bool> match, int expected, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        var count = _records.Count(match);
        while (count < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, cancellationToken);
            count = _records.Count(match);
        }

        return count;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<Record> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new Record(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
