using System.Text;
using Renci.SshNet;

namespace Coordinator.HostAccess;

/// <summary>
/// A running command's stdout and stderr, read as they arrive and passed line by line to a caller's
/// <see cref="IProgress{T}"/>, and kept whole for its <see cref="CommandResult"/>.
/// <para>
/// SSH.NET 2026.0.0 queues each stream in a <c>PipeStream</c> whose only read blocks in <c>Monitor.Wait</c>
/// until data comes or the stream is disposed; it does not override <c>ReadAsync</c> (the inherited one runs
/// that blocking read on a pool thread) and raises no event a caller can await. So each stream is read by a
/// thread of its own, for as long as the command runs: two threads per streamed command, none otherwise.
/// SSH.NET disposes both streams when the channel closes, the connection drops or the command is disposed,
/// and a read of a disposed stream returns what is left and then 0, so the threads always end.
/// </para>
/// <para>
/// Reading a stream empties it, and <c>SshCommand.Result</c> and <c>Error</c> only read what is left, so the
/// bytes are kept here and decoded at the end the way SSH.NET decodes them.
/// </para>
/// </summary>
internal sealed class StreamedOutput
{
    private readonly IProgress<CommandOutputLine> _output;

    // One line at a time, so a listener that is not thread-safe (a console writer, a list) needs no lock of its own.
    private readonly Lock _reporting = new();
    private readonly ReadingThread _standard;
    private readonly ReadingThread _error;

    private StreamedOutput(SshCommand command, Encoding encoding, IProgress<CommandOutputLine> output)
    {
        _output = output;
        _standard = new ReadingThread(this, command.OutputStream, CommandOutputStream.Standard, encoding);
        _error = new ReadingThread(this, command.ExtendedOutputStream, CommandOutputStream.Error, encoding);
        Ended = Task.WhenAll(_standard.Ended, _error.Ended);
    }

    /// <summary>Completes (never faults) once both streams have ended and every line has been reported.</summary>
    public Task Ended { get; }

    /// <summary>All of stdout; read only once <see cref="Ended"/> has completed.</summary>
    public string StandardOutput => _standard.Text;

    /// <summary>All of stderr; read only once <see cref="Ended"/> has completed.</summary>
    public string StandardError => _error.Text;

    public static StreamedOutput Start(SshCommand command, Encoding encoding, IProgress<CommandOutputLine> output)
    {
        var streamed = new StreamedOutput(command, encoding, output);
        streamed._standard.Start();
        streamed._error.Start();
        return streamed;
    }

    private void Report(CommandOutputStream stream, IReadOnlyList<string> lines)
    {
        foreach (var text in lines)
        {
            lock (_reporting)
            {
                try
                {
                    _output.Report(new CommandOutputLine(stream, text));
                }
                catch (Exception)
                {
                    // The listener only watches: its failure must neither stop the reading nor fail the command.
                }
            }
        }
    }

    /// <summary>One stream, read on its own thread until it ends.</summary>
    private sealed class ReadingThread(StreamedOutput owner, Stream source, CommandOutputStream stream, Encoding encoding)
    {
        // SSH.NET's largest channel data packet, so one read can take a whole packet.
        private const int ChunkSize = 64 * 1024;

        private readonly MemoryStream _received = new();
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Ended => _ended.Task;

        public string Text
        {
            get
            {
                // As SshCommand.Result and Error decode: this encoding, a leading byte order mark dropped.
                using var reader = new StreamReader(
                    new MemoryStream(_received.GetBuffer(), 0, (int)_received.Length, writable: false), encoding);
                return reader.ReadToEnd();
            }
        }

        public void Start()
        {
            var thread = new Thread(ReadToEnd)
            {
                IsBackground = true,
                Name = stream == CommandOutputStream.Standard ? "ssh stdout" : "ssh stderr",
            };
            thread.Start();
        }

        private void ReadToEnd()
        {
            var splitter = new OutputLineSplitter(encoding);
            var chunk = new byte[ChunkSize];
            try
            {
                int read;
                while ((read = source.Read(chunk)) > 0)
                {
                    _received.Write(chunk, 0, read);
                    owner.Report(stream, splitter.Add(chunk.AsSpan(0, read)));
                }

                owner.Report(stream, splitter.Finish());
            }
            catch (Exception)
            {
                // An exception leaving this thread would end the process. The command's own task says how it
                // ended; the output is what arrived until here.
            }
            finally
            {
                _ended.TrySetResult();
            }
        }
    }
}
