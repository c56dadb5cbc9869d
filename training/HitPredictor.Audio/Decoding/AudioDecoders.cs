namespace HitPredictor.Audio.Decoding;

/// <summary>Opens the decoder the bytes call for, with the byte limit enforced while reading.</summary>
public static class AudioDecoders
{
    /// <summary>
    /// Reads the first bytes of <paramref name="stream"/>, detects the format and returns its decoder over the whole
    /// stream (the decoder owns it). Throws <see cref="AudioRejectedException"/> for anything that is not decodable audio.
    /// </summary>
    public static IAudioDecoder Open(Stream stream, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > maxBytes)
        {
            throw TooLarge(stream.Length - stream.Position, maxBytes);
        }

        var header = new byte[AudioFormatSniffer.HeaderLength];
        var got = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        var format = AudioFormatSniffer.Detect(header.AsSpan(0, got));
        var replay = new BoundedReplayStream(header.AsMemory(0, got), stream, maxBytes);
        return format switch
        {
            AudioFormat.Wav => WavDecoder.Open(replay),
            AudioFormat.Mp3 => Mp3Decoder.Open(replay),
            AudioFormat.OggVorbis => VorbisDecoder.Open(replay),
            _ => throw new ArgumentOutOfRangeException(nameof(stream), format, "Unknown format."),
        };
    }

    internal static AudioRejectedException TooLarge(long bytes, long maxBytes) => new(
        AudioProblem.TooLarge,
        $"too large: {bytes:N0} bytes or more, the limit is {maxBytes:N0} bytes ({maxBytes / 1048576.0:0.#} MiB)");

    /// <summary>Replays the sniffed header, then reads on; throws once more than the limit has been read.</summary>
    private sealed class BoundedReplayStream(ReadOnlyMemory<byte> header, Stream inner, long maxBytes) : Stream
    {
        private int _headerPosition;
        private long _total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _total;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n;
            if (_headerPosition < header.Length)
            {
                n = Math.Min(buffer.Length, header.Length - _headerPosition);
                header.Span.Slice(_headerPosition, n).CopyTo(buffer);
                _headerPosition += n;
            }
            else
            {
                n = inner.Read(buffer);
            }

            _total += n;
            if (_total > maxBytes)
            {
                throw TooLarge(_total, maxBytes);
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
