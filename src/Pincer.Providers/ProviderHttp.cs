using System.Text.Json;

namespace Pincer.Providers;

/// <summary>
/// The HTTP steps every streamed provider call shares: sending headers-first under an idle deadline, and reading
/// the message out of an error answer (all supported APIs wrap it as <c>{"error":{"message":…}}</c>).
/// </summary>
public static class ProviderHttp
{
    /// <summary>
    /// Sends <paramref name="request"/> and returns the response once its headers arrived (success or not). The idle
    /// deadline running out is a <see cref="ProviderErrorKind.Timeout"/>, a refused connection a <see cref="ProviderErrorKind.ServerError"/>;
    /// the caller's own cancellation stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken idleToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, idleToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ProviderErrorKind.Timeout, "model request timed out");
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(ProviderErrorKind.ServerError, ex.Message, innerException: ex);
        }
    }

    /// <summary>The provider's error message from an error body, or the body itself when it has none.</summary>
    public static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                    ? message.GetString() ?? body
                    : error.ValueKind == JsonValueKind.String ? error.GetString() ?? body : error.ToString();
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }
}
