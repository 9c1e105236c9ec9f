using System.Text;

namespace Coordinator.HostAccess.Tests;

public sealed class OutputLineSplitterTests
{
    [Fact]
    public void A_character_split_across_reads_is_decoded_once_whole()
    {
        var splitter = new OutputLineSplitter(Encoding.UTF8);
        var bytes = Encoding.UTF8.GetBytes("é € 日本 🚀\n");

        var lines = bytes.SelectMany(b => splitter.Add([b])).Concat(splitter.Finish()).ToList();

        Assert.Equal(["é € 日本 🚀"], lines);
    }

    [Fact]
    public void Every_way_of_cutting_the_output_in_two_gives_the_same_lines()
    {
        const string text = "ünï\r\n€ two\n\nthree 🚀\r\nlast";
        var bytes = Encoding.UTF8.GetBytes(text);

        for (var cut = 0; cut <= bytes.Length; cut++)
        {
            var splitter = new OutputLineSplitter(Encoding.UTF8);

            var lines = splitter.Add(bytes.AsSpan(0, cut)).Concat(splitter.Add(bytes.AsSpan(cut))).Concat(splitter.Finish());

            Assert.Equal(["ünï", "€ two", "", "three 🚀", "last"], lines);
        }
    }

    [Fact]
    public void Crlf_and_lf_both_end_a_line_and_a_lone_cr_inside_a_line_stays()
    {
        var splitter = new OutputLineSplitter(Encoding.UTF8);

        var lines = splitter.Add("windows\r\nlinux\nprogress 10%\rprogress 20%\r"u8).Concat(splitter.Add("\n"u8));

        Assert.Equal(["windows", "linux", "progress 10%\rprogress 20%"], lines);
        Assert.Empty(splitter.Finish());
    }

    [Fact]
    public void A_last_line_without_a_line_break_comes_when_the_stream_ends()
    {
        var splitter = new OutputLineSplitter(Encoding.UTF8);

        Assert.Equal(["one"], splitter.Add("one\ntw"u8));
        Assert.Empty(splitter.Add("o"u8));
        Assert.Equal(["two"], splitter.Finish());
    }

    [Fact]
    public void An_empty_stream_has_no_lines_and_blank_lines_are_kept()
    {
        Assert.Empty(new OutputLineSplitter(Encoding.UTF8).Finish());

        var splitter = new OutputLineSplitter(Encoding.UTF8);
        Assert.Equal(["", "", "x"], splitter.Add("\n\r\nx\n"u8));
        Assert.Empty(splitter.Finish());
    }

    [Fact]
    public void An_unfinished_character_at_the_end_becomes_a_replacement_character_as_in_the_full_output()
    {
        var splitter = new OutputLineSplitter(Encoding.UTF8);
        var euro = Encoding.UTF8.GetBytes("€");

        Assert.Empty(splitter.Add([(byte)'a', euro[0], euro[1]]));
        Assert.Equal(["a\uFFFD"], splitter.Finish());
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_only_at_the_start_as_the_full_output_drops_it()
    {
        var splitter = new OutputLineSplitter(Encoding.UTF8);
        var bom = Encoding.UTF8.Preamble.ToArray();

        var lines = splitter.Add(bom.AsSpan(0, 1)).Concat(splitter.Add([.. bom.AsSpan(1), .. "one\n"u8, .. bom, .. "two\n"u8])).ToList();

        Assert.Equal(["one", "\uFEFFtwo"], lines);
        using var reader = new StreamReader(new MemoryStream([.. bom, .. "one\n"u8, .. bom, .. "two\n"u8]), Encoding.UTF8);
        Assert.Equal("one\n\uFEFFtwo\n", reader.ReadToEnd());
    }
}
