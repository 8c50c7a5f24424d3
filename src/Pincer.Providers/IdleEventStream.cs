namespace Pincer.Providers;

/// <summary>
/// A streamed answer's SSE events read one at a time under an idle deadline that restarts with every event:
/// a stream that goes silent becomes a <see cref="ProviderErrorKind.Timeout"/>, a broken one a
/// <see cref="ProviderErrorKind.ServerError"/>, both flagged <see cref="ProviderException.AfterFirstToken"/> once content streamed.
/// </summary>
public sealed class IdleEventStream : IAsyncDisposable
{
    private readonly IAsyncEnumerator<(string? Event, string Data)> _events;
    private readonly CancellationTokenSource _idle;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationToken _cancellationToken;

    /// <param name="idle">Linked to <paramref name="cancellationToken"/>; its deadline is restarted before every read.</param>
    public IdleEventStream(Stream body, CancellationTokenSource idle, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idle);
        _idle = idle;
        _idleTimeout = idleTimeout;
        _cancellationToken = cancellationToken;
        _events = ServerSentEvents.ReadAsync(body, idle.Token).GetAsyncEnumerator(idle.Token);
    }

    /// <summary>Set by the client once it handed out content: later failures must not fail over silently.</summary>
    public bool Streamed { get; set; }

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async ValueTask<(string? Event, string Data)?> NextAsync()
    {
        _idle.CancelAfter(_idleTimeout);
        try
        {
            return await _events.MoveNextAsync().ConfigureAwait(false) ? _events.Current : null;
        }
        catch (OperationCanceledException) when (!_cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ProviderErrorKind.Timeout, "model stream went idle") { AfterFirstToken = Streamed };
        }
        catch (IOException ex)
        {
            throw new ProviderException(ProviderErrorKind.ServerError, ex.Message, innerException: ex) { AfterFirstToken = Streamed };
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(ProviderErrorKind.ServerError, ex.Message, innerException: ex) { AfterFirstToken = Streamed };
        }
    }

    public ValueTask DisposeAsync() => _events.DisposeAsync();
}
