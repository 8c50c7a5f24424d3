using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pincer.Parity.Scenarios;
using Pincer.Protocol.Catalog;

namespace Pincer.Parity.Running;

/// <summary>Runs a scenario's steps against one started gateway and records everything observable.</summary>
public sealed partial class StepRunner : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A request always gets an answer, so waiting longer costs nothing when things work and keeps a
    /// loaded machine (the reference's first calls can take seconds on 2 busy cores) from failing it.
    /// </summary>
    private static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(45);
    private readonly Scenario _scenario;
    private readonly GatewayProcess _gateway;
    private readonly Dictionary<string, WsConnection> _conns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonNode?> _vars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject?> _challenges = new(StringComparer.Ordinal);
    private readonly List<string> _methods = [];
    private readonly List<string> _events = [];
    private readonly JsonArray _otherLogs = [];
    private int _nextId;

    private readonly int _port;

    public StepRunner(Scenario scenario, GatewayProcess gateway, int? port = null)
    {
        _scenario = scenario;
        _gateway = gateway;
        _port = port ?? gateway.Port;
        _vars["port"] = _port;
        _vars["token"] = gateway.Spec.Token;
        _vars["password"] = gateway.Spec.Password;
    }

    /// <param name="port">Talk to this port instead of the gateway's own (a proxy in front of it).</param>
    public static async Task<RunTranscript> RunAsync(Scenario scenario, GatewayProcess gateway, CancellationToken ct, int? port = null)
    {
        await using var runner = new StepRunner(scenario, gateway, port);
        return await runner.RunAllAsync(ct);
    }

    private async Task<RunTranscript> RunAllAsync(CancellationToken ct)
    {
        var result = new JsonObject
        {
            ["gateway"] = _gateway.Ready ? "ready" : "not ready: " + _gateway.StartError,
        };
        var steps = new JsonArray();
        result["steps"] = steps;
        foreach (var node in _scenario.Steps)
        {
            var step = (JsonObject)Substitute(node!.DeepClone())!;
            JsonObject outcome;
            try
            {
                outcome = await RunStepAsync(step, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                outcome = new JsonObject { ["op"] = (string?)step["op"], ["error"] = "harness: " + e.GetType().Name + ": " + e.Message };
            }

            if (step["save"] is JsonObject save)
            {
                foreach (var (name, path) in save)
                {
                    _vars[name] = JsonPaths.Get(outcome, (string?)path ?? "")?.DeepClone();
                }
            }

            steps.Add(outcome);
        }

        var logs = new JsonObject();
        foreach (var (name, c) in _conns)
        {
            logs[name] = c.Log.DeepClone();
        }

        logs["other"] = _otherLogs.DeepClone();
        if (!_gateway.Ready)
        {
            logs["gatewayLog"] = _gateway.LogTail();
        }

        return new RunTranscript(result, logs, _methods, _events);
    }

    private static TimeSpan CallTimeout(JsonObject step) =>
        step["timeoutMs"] is { } t ? TimeSpan.FromMilliseconds((int)t) : DefaultCallTimeout;

    private async Task<JsonObject> RunStepAsync(JsonObject step, CancellationToken ct)
    {
        var op = (string?)step["op"] ?? throw new InvalidDataException("step without op");
        var conn = (string?)step["conn"] ?? "a";
        var timeout = step["timeoutMs"] is { } t ? TimeSpan.FromMilliseconds((int)t) : DefaultTimeout;
        var outcome = new JsonObject { ["op"] = op };
        switch (op)
        {
            case "open":
                await OpenAsync(conn, step, outcome, ct);
                break;
            case "connect":
                await ConnectAsync(conn, step, outcome, timeout, ct);
                break;
            case "call":
                outcome["method"] = (string?)step["method"];
                await CallAsync(Conn(conn), (string)step["method"]!, step["params"], (string?)step["id"], outcome, CallTimeout(step), ct);
                break;
            case "callEach":
                await CallEachAsync(conn, step, outcome, CallTimeout(step), ct);
                break;
            case "send":
                await SendAsync(Conn(conn), step, ct);
                break;
            case "expectResponse":
                var id = (string?)step["id"] ?? "invalid";
                outcome["response"] = await Conn(conn).TakeAsync(f => (string?)f["type"] == "res" && (string?)f["id"] == id, timeout, ct);
                AttachCloseIfShut(Conn(conn), outcome);
                break;
            case "expectEvent":
                var ev = (string)step["event"]!;
                // "where" (paths inside the frame → expected values) skips events of the same name that other work sends meanwhile.
                var where = step["where"] as JsonObject;
                outcome["event"] = await Conn(conn).TakeAsync(f => (string?)f["type"] == "event" && (string?)f["event"] == ev && JsonPaths.Matches(f, where), timeout, ct);
                break;
            case "expectClose":
                var c = Conn(conn);
                outcome["close"] = (await c.WaitCloseAsync(timeout, ct))?.DeepClone();
                outcome["unread"] = c.DrainUnread();
                break;
            case "close":
                await Conn(conn).CloseAsync(ct);
                break;
            case "sleep":
                await Task.Delay((int?)step["ms"] ?? 100, ct);
                break;
            case "http":
                await HttpAsync(step, outcome, timeout, ct);
                break;
            case "readFile":
                ReadFile((string)step["path"]!, outcome);
                break;
            case "modelScript":
                QueueModelReplies(step);
                break;
            case "modelRequests":
                outcome["requests"] = TakeModelRequests();
                break;
            case "events":
                outcome["events"] = await TakeEventsAsync(Conn(conn), step, timeout, ct);
                break;
            case "cli":
                await ReferenceCliStep.RunAsync(_gateway, step, outcome, _otherLogs, ct);
                break;
            default:
                throw new InvalidDataException($"unknown op '{op}'");
        }

        return outcome;
    }

    private WsConnection Conn(string name) =>
        _conns.TryGetValue(name, out var c) ? c : throw new InvalidDataException($"connection '{name}' not opened");

    private async Task OpenAsync(string name, JsonObject step, JsonObject outcome, CancellationToken ct)
    {
        outcome["conn"] = name;
        if (_conns.Remove(name, out var old))
        {
            await old.DisposeAsync();
        }

        var c = new WsConnection(name);
        _conns[name] = c;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (step["headers"] is JsonObject h)
        {
            foreach (var (k, v) in h)
            {
                headers[k] = (string?)v ?? "";
            }
        }

        var path = (string?)step["path"] ?? "/";
        var error = await c.ConnectAsync(new Uri($"ws://127.0.0.1:{_port}{path}"), headers, ct);
        if (error is not null)
        {
            outcome["error"] = error;
            return;
        }

        if ((bool?)step["waitChallenge"] ?? true)
        {
            var ch = await c.TakeAsync(f => (string?)f["event"] == "connect.challenge", DefaultTimeout, ct);
            outcome["challenge"] = ch?.DeepClone();
            _challenges[name] = ch?["payload"] as JsonObject;
        }
    }

    private async Task ConnectAsync(string name, JsonObject step, JsonObject outcome, TimeSpan timeout, CancellationToken ct)
    {
        if (!_conns.TryGetValue(name, out var c) || !c.IsOpen)
        {
            var open = new JsonObject();
            await OpenAsync(name, new JsonObject(), open, ct);
            if (open["error"] is { } err)
            {
                outcome["error"] = err.DeepClone();
                return;
            }

            c = _conns[name];
        }

        var p = ConnectParams.Build(step, _gateway.Spec, _scenario.Id, name, _challenges.GetValueOrDefault(name));
        var res = await CallAsync(c, "connect", p, (string?)step["id"], outcome, timeout, ct);
        if (res?["payload"]?["features"] is JsonObject features)
        {
            Collect(features["methods"], _methods);
            Collect(features["events"], _events);
        }

        if (res is not null && (bool?)res["ok"] != true)
        {
            outcome["close"] = (await c.WaitCloseAsync(TimeSpan.FromSeconds(3), ct))?.DeepClone();
        }
    }

    private static void Collect(JsonNode? names, List<string> into)
    {
        if (names is JsonArray a)
        {
            foreach (var n in a)
            {
                if ((string?)n is { } s && !into.Contains(s))
                {
                    into.Add(s);
                }
            }
        }
    }

    private async Task<JsonObject?> CallAsync(WsConnection c, string method, JsonNode? parameters, string? id, JsonObject outcome, TimeSpan timeout, CancellationToken ct)
    {
        id ??= "r" + Interlocked.Increment(ref _nextId);
        var frame = new JsonObject { ["type"] = "req", ["id"] = id, ["method"] = method };
        if (parameters is not null)
        {
            frame["params"] = parameters.DeepClone();
        }

        await c.SendTextAsync(frame.ToJsonString(), ct);
        var res = await c.TakeAsync(f => (string?)f["type"] == "res" && (string?)f["id"] == id, timeout, ct);
        outcome["response"] = res?.DeepClone();
        AttachCloseIfShut(c, outcome);
        return res;
    }

    private static void AttachCloseIfShut(WsConnection c, JsonObject outcome)
    {
        if (outcome["response"] is null && c.Close is { } close)
        {
            outcome["close"] = close.DeepClone();
        }
    }

    private async Task CallEachAsync(string name, JsonObject step, JsonObject outcome, TimeSpan timeout, CancellationToken ct)
    {
        var c = Conn(name);
        var methods = step["methods"] is JsonArray list
            ? list.Select(m => (string)m!).ToList()
            : ProtocolCatalog.Methods.Select(m => m.Method).ToList();
        var responses = new JsonObject();
        outcome["responses"] = responses;
        foreach (var m in methods)
        {
            if (!c.IsOpen)
            {
                outcome["closedBefore"] = m;
                outcome["close"] = c.Close?.DeepClone();
                break;
            }

            var one = new JsonObject();
            await CallAsync(c, m, step["params"]?.DeepClone() ?? new JsonObject(), "m:" + m, one, timeout, ct);
            responses[m] = one["response"]?.DeepClone();
        }
    }

    private static async Task SendAsync(WsConnection c, JsonObject step, CancellationToken ct)
    {
        if (step["oversizeBytes"] is { } n)
        {
            // A syntactically valid request padded past the limit, so only the size can be at fault.
            var size = (int)n;
            var prefix = "{\"type\":\"req\",\"id\":\"big\",\"method\":\"health\",\"params\":{\"pad\":\"";
            var text = prefix + new string('x', Math.Max(0, size - prefix.Length - 3)) + "\"}}";
            await c.SendTextAsync(text, ct);
        }
        else if (step["binaryBase64"] is { } b)
        {
            await c.SendBinaryAsync(Convert.FromBase64String((string)b!), ct);
        }
        else if (step["text"] is { } text)
        {
            await c.SendTextAsync((string)text!, ct);
        }
        else if (step["frame"] is { } frame)
        {
            await c.SendTextAsync(frame.ToJsonString(), ct);
        }
        else
        {
            throw new InvalidDataException("send needs text, frame, oversizeBytes or binaryBase64");
        }
    }

    private async Task HttpAsync(JsonObject step, JsonObject outcome, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = timeout };
        using var req = new HttpRequestMessage(new HttpMethod((string?)step["method"] ?? "GET"), new Uri($"http://127.0.0.1:{_port}{(string?)step["path"] ?? "/"}"));
        if (step["body"] is { } body)
        {
            req.Content = new StringContent(body is JsonValue v && v.TryGetValue<string>(out var s) ? s : body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (step["headers"] is JsonObject headers)
        {
            foreach (var (k, v) in headers)
            {
                req.Headers.TryAddWithoutValidation(k, (string?)v);
            }
        }

        outcome["path"] = (string?)step["path"];
        try
        {
            using var res = await http.SendAsync(req, ct);
            outcome["status"] = (int)res.StatusCode;
            outcome["contentType"] = res.Content.Headers.ContentType?.MediaType;
            var text = await res.Content.ReadAsStringAsync(ct);
            outcome["body"] = ParseOrText(text);
        }
        catch (HttpRequestException e)
        {
            outcome["error"] = "http failed: " + e.HttpRequestError;
        }
    }

    private void ReadFile(string relative, JsonObject outcome)
    {
        outcome["path"] = relative;
        var path = Path.GetFullPath(Path.Combine(_gateway.StateDir, relative));
        if (!File.Exists(path))
        {
            outcome["exists"] = false;
            return;
        }

        outcome["exists"] = true;
        outcome["content"] = ParseOrText(File.ReadAllText(path));
    }

    internal static JsonNode? ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text) ?? JsonValue.Create(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text.Length > 4000 ? text[..4000] : text);
        }
    }

    /// <summary>Replaces <c>${name}</c> in strings; a string that is exactly one variable takes its JSON value.</summary>
    private JsonNode? Substitute(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(kv => kv.Key).ToList())
                {
                    if (key is "save")
                    {
                        continue;
                    }

                    o[key] = Substitute(o[key]?.DeepClone());
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Substitute(a[i]?.DeepClone());
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var s) && s.Contains("${", StringComparison.Ordinal):
                var whole = VarPattern().Match(s);
                if (whole.Success && whole.Length == s.Length)
                {
                    return _vars.GetValueOrDefault(whole.Groups[1].Value)?.DeepClone();
                }

                return JsonValue.Create(VarPattern().Replace(s, m => _vars.GetValueOrDefault(m.Groups[1].Value) switch
                {
                    JsonValue jv when jv.TryGetValue<string>(out var str) => str,
                    { } other => other.ToJsonString(),
                    null => "",
                }));
            default:
                return node;
        }
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex VarPattern();

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _conns.Values)
        {
            await c.DisposeAsync();
        }

        _conns.Clear();
    }
}
