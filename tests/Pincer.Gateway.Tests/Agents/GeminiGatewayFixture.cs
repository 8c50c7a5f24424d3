using Pincer.Gateway.Tests.Support;

namespace Pincer.Gateway.Tests.Agents;

/// <summary>
/// The token-auth gateway with a loopback fake as its only provider speaking the Gemini API
/// (<c>fake/fake-model</c>, <c>google-generative-ai</c> at <c>/v1beta</c>, catalog <c>maxTokens</c> 4096).
/// </summary>
public sealed class GeminiGatewayFixture() : ModelGatewayFixture("google-generative-ai", "/v1beta");
