using System.Text.Json.Serialization;

namespace Pincer.Storage.Sqlite.Tests;

/// <summary>Source-generated JSON for the gw-client identity file (reflection JSON is off under the repo's AOT settings).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class IdentityFileContext : JsonSerializerContext;
