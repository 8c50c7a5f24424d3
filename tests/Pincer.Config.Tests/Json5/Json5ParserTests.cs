using System.Text.Json.Nodes;
using Pincer.Config.Json5;

namespace Pincer.Config.Tests.Json5;

public sealed class Json5ParserTests
{
    [Fact]
    public void Integer_port_round_trips_as_integer()
    {
        var node = Json5Parser.Parse("{gateway: {port: 18789}}")!;
        Assert.Equal(18789, node["gateway"]!["port"]!.GetValue<int>());
        Assert.Equal("""{"gateway":{"port":18789}}""", node.ToJsonString());
    }

    [Theory]
    [InlineData("1.0", "1")]
    [InlineData("1e3", "1000")]
    [InlineData("0x10", "16")]
    [InlineData("+5.", "5")]
    [InlineData(".5", "0.5")]
    [InlineData("-0.25", "-0.25")]
    [InlineData("1.5e-7", "1.5E-07")]
    public void Whole_numbers_become_integers_and_fractions_stay_doubles(string source, string json)
    {
        var node = Json5Parser.Parse(source)!;
        Assert.Equal(json, node.ToJsonString());
    }

    [Fact]
    public void Whole_numbers_read_as_int_long_and_double()
    {
        var node = Json5Parser.Parse("[42, 0x2A, 4.2e1]")!.AsArray();
        foreach (var item in node)
        {
            Assert.Equal(42, item!.GetValue<int>());
            Assert.Equal(42L, item.GetValue<long>());
            Assert.Equal(42.0, item.GetValue<double>());
        }
    }

    [Fact]
    public void Non_finite_numbers_are_double_values()
    {
        var node = Json5Parser.Parse("[Infinity, -Infinity, NaN]")!.AsArray();
        Assert.Equal(double.PositiveInfinity, node[0]!.GetValue<double>());
        Assert.Equal(double.NegativeInfinity, node[1]!.GetValue<double>());
        Assert.True(double.IsNaN(node[2]!.GetValue<double>()));
    }

    [Fact]
    public void Top_level_null_is_a_null_node()
    {
        Assert.Null(Json5Parser.Parse(" null "));
    }

    [Fact]
    public void Duplicate_key_keeps_first_position_and_last_value()
    {
        var node = Json5Parser.Parse("{a: 1, b: 2, a: 3}")!;
        Assert.Equal("""{"a":3,"b":2}""", node.ToJsonString());
    }

    [Fact]
    public void Error_exposes_line_and_column()
    {
        var ex = Assert.Throws<Json5ParseException>(() => Json5Parser.Parse("{\n  a: 1,\n  b 2\n}"));
        Assert.Equal("JSON5: invalid character '2' at 3:5", ex.Message);
        Assert.Equal(3, ex.Line);
        Assert.Equal(5, ex.Column);
    }

    [Fact]
    public void End_of_input_error_reports_position_past_the_end()
    {
        var ex = Assert.Throws<Json5ParseException>(() => Json5Parser.Parse("{a: 1"));
        Assert.Equal("JSON5: invalid end of input at 1:6", ex.Message);
    }

    [Fact]
    public void Pathological_nesting_is_rejected_not_a_stack_overflow()
    {
        var text = new string('[', Json5Parser.MaxDepth + 1) + new string(']', Json5Parser.MaxDepth + 1);
        var ex = Assert.Throws<Json5ParseException>(() => Json5Parser.Parse(text));
        Assert.StartsWith("JSON5: nesting deeper than", ex.Message, StringComparison.Ordinal);
        var ok = new string('[', Json5Parser.MaxDepth) + new string(']', Json5Parser.MaxDepth);
        Assert.IsType<JsonArray>(Json5Parser.Parse(ok));
    }
}
