namespace Pincer.Gateway;

internal static class GatewayAssembly;
