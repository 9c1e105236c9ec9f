namespace Coordinator.Cli.Tests;

public sealed class CommandTimeoutTests
{
    [Theory]
    [InlineData("10", 10_000)]
    [InlineData("10s", 10_000)]
    [InlineData(" 10S ", 10_000)]
    [InlineData("2.5s", 2_500)]
    [InlineData("500ms", 500)]
    [InlineData("1m", 60_000)]
    [InlineData("1.5m", 90_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("00:00:30", 30_000)]
    [InlineData("00:02:00", 120_000)]
    public void Parses_seconds_units_and_clock_times(string text, int expectedMilliseconds)
    {
        Assert.True(CommandTimeout.TryParse(text, out var timeout));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), timeout);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0s")]
    [InlineData("00:00:00")]
    [InlineData("-5")]
    [InlineData("10x")]
    [InlineData("ten")]
    [InlineData("10.")]
    [InlineData("1d")]
    [InlineData("2h")]
    [InlineData("01:00:01")]
    public void Rejects_zero_negative_unknown_units_and_more_than_an_hour(string? text)
    {
        Assert.False(CommandTimeout.TryParse(text, out _));
    }

    [Fact]
    public void Defaults_to_ten_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), CommandTimeout.Default);
    }

    [Theory]
    [InlineData(250, "250ms")]
    [InlineData(1_500, "1500ms")]
    [InlineData(10_000, "10s")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    public void Formats_a_timeout_the_way_it_can_be_typed_back(int milliseconds, string expected)
    {
        var timeout = TimeSpan.FromMilliseconds(milliseconds);

        Assert.Equal(expected, CommandTimeout.Format(timeout));
        Assert.True(CommandTimeout.TryParse(expected, out var reparsed));
        Assert.Equal(timeout, reparsed);
    }
}
