using Microsoft.Extensions.AI;
using Pincer.Fakes;
using Pincer.Fakes.Scripting;
using static Pincer.Providers.Anthropic.Tests.Examples;

namespace Pincer.Providers.Anthropic.Tests;

public sealed class AnthropicErrorTests
{
    [Theory]
    [InlineData(FakeErrorKind.InvalidKey, ProviderErrorKind.Auth, 401, "invalid x-api-key")]
    [InlineData(FakeErrorKind.ServerError, ProviderErrorKind.ServerError, 500, "Internal server error")]
    [InlineData(FakeErrorKind.Overloaded, ProviderErrorKind.Overloaded, 529, "Overloaded")]
    [InlineData(FakeErrorKind.Billing, ProviderErrorKind.Billing, 400, "Your credit balance is too low")]
    [InlineData(FakeErrorKind.ContextOverflow, ProviderErrorKind.ContextOverflow, 400, "prompt is too long")]
    public async Task Http_errors_are_classified_with_the_provider_message(FakeErrorKind fault, ProviderErrorKind kind, int status, string message)
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(fault)));

        var error = await Assert.ThrowsAsync<ProviderException>(() => SendAsync(fake));

        Assert.Equal((kind, status), (error.Kind, error.StatusCode));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.False(error.AfterFirstToken);
    }

    [Fact]
    public async Task A_rate_limit_carries_the_retry_after()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(FakeErrorKind.RateLimit) with { RetryAfterSeconds = 2 }));

        var error = await Assert.ThrowsAsync<ProviderException>(() => SendAsync(fake));

        Assert.Equal((ProviderErrorKind.RateLimit, 429, TimeSpan.FromSeconds(2)), (error.Kind, error.StatusCode, error.RetryAfter));
    }

    [Fact]
    public async Task An_overloaded_error_event_inside_the_stream_is_overloaded()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.Fail(FakeErrorKind.Overloaded) with { ErrorInStream = true }));

        var error = await Assert.ThrowsAsync<ProviderException>(() => SendAsync(fake));

        Assert.Equal((ProviderErrorKind.Overloaded, "Overloaded"), (error.Kind, error.Message));
    }

    [Fact]
    public async Task Cancelling_stops_the_request()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.HangUntilCancelled()));
        using var cancel = new CancellationTokenSource();

        var send = SendAsync(fake, cancellationToken: cancel.Token);
        var request = await fake.WaitForRequestAsync();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.True(await request.Ended.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_stream_that_goes_silent_times_out_after_its_first_tokens()
    {
        await using var fake = await FakeModelServer.StartAsync(new FakeScript().Then(FakeReply.StreamThenStall("one two three four", chunks: 4, stallAfter: 2)));

        // The idle window must outlast the first chunks' delivery on a loaded CI box, or the timeout fires before any token.
        var error = await Assert.ThrowsAsync<ProviderException>(() => SendAsync(fake, idle: TimeSpan.FromSeconds(2)));

        Assert.Equal(ProviderErrorKind.Timeout, error.Kind);
        Assert.True(error.AfterFirstToken);
    }

    private static async Task SendAsync(FakeModelServer fake, TimeSpan? idle = null, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        using var client = new AnthropicMessagesClient(Endpoint(fake, idle: idle), http, TimeProvider.System);
        await foreach (var _ in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellationToken))
        {
        }
    }
}
