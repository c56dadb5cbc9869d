using System.Globalization;
using HitPredictor.Audio.Analysis;
using HitPredictor.Audio.Decoding;

namespace HitPredictor.Audio;

/// <summary>
/// Decodes a stream block by block and measures duration, integrated loudness (every channel, at the file's rate),
/// tempo, key and mode (from the mono mix brought down to about 22 kHz, <see cref="Decimator"/>) in one pass. Memory is
/// bounded: one decode block, one frame per spectral view, one onset value per hop and one energy per 100 ms.
/// </summary>
public sealed class AudioAnalyzer(AudioAnalysisOptions options)
{
    private const int BlockFrames = 8192;
    private const float FullScale = 0.9999f;
    private const int ClipRun = 3;
    private const int MaxRate = 192_000;
    private const int MinRate = 8_000;

    /// <summary>Analyses a file; a missing file is a <see cref="FileNotFoundException"/>.</summary>
    public Task<AudioAnalysis> AnalyzeFileAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Task.Run(() => Analyze(stream, cancellationToken), cancellationToken);
    }

    /// <summary>Analyses <paramref name="stream"/> (which it disposes). Bad audio throws <see cref="AudioRejectedException"/>.</summary>
    public AudioAnalysis Analyze(Stream stream, CancellationToken cancellationToken)
    {
        using var decoder = AudioDecoders.Open(stream, options.MaxBytes);
        return Measure(decoder, cancellationToken);
    }

    private AudioAnalysis Measure(IAudioDecoder decoder, CancellationToken cancellationToken)
    {
        var rate = decoder.SampleRate;
        var channels = decoder.Channels;
        if (rate is < MinRate or > MaxRate)
        {
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, $"unsupported sample rate: {rate:N0} Hz; 8-192 kHz is analysed");
        }

        if (channels is < 1 or > 2)
        {
            throw new AudioRejectedException(AudioProblem.UnsupportedFormat, $"unsupported channel count: {channels}; mono and stereo are analysed");
        }

        var maxFrames = (long)(options.MaxMinutes * 60 * rate);
        if (decoder.DeclaredFrames is { } declared && declared > maxFrames)
        {
            throw TooLong(declared / (double)rate);
        }

        var loudness = new LoudnessMeter(rate, channels);
        var decimator = new Decimator(rate, BlockFrames);
        var onsets = new OnsetEnvelope(decimator.OutputRate);
        var chroma = new ChromaAccumulator(decimator.OutputRate);
        var buffer = new float[BlockFrames * channels];
        var mono = new float[BlockFrames];
        var reduced = new float[decimator.MaxOutput(BlockFrames)];
        var runs = new int[channels];
        long frames = 0;
        long clipped = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var samples = ReadBlock(decoder, buffer);
            if (samples == 0)
            {
                break;
            }

            var block = buffer.AsSpan(0, samples);
            loudness.Process(block);
            for (var (i, f) = (0, 0); i < samples; i += channels, f++)
            {
                float sum = 0;
                for (var c = 0; c < channels; c++)
                {
                    var s = block[i + c];
                    sum += s;
                    if (MathF.Abs(s) >= FullScale)
                    {
                        if (++runs[c] == ClipRun)
                        {
                            clipped += ClipRun;
                        }
                        else if (runs[c] > ClipRun)
                        {
                            clipped++;
                        }
                    }
                    else
                    {
                        runs[c] = 0;
                    }
                }

                mono[f] = sum / channels;
            }

            var kept = reduced.AsSpan(0, decimator.Process(mono.AsSpan(0, samples / channels), reduced));
            onsets.Push(kept);
            chroma.Push(kept);
            frames += samples / channels;
            if (frames > maxFrames)
            {
                throw TooLong(frames / (double)rate);
            }
        }

        if (frames == 0)
        {
            throw new AudioRejectedException(AudioProblem.Corrupt, $"corrupt {Name(decoder.Format)}: no audio frame could be decoded");
        }

        var seconds = frames / (double)rate;
        if (seconds < options.MinimumSeconds)
        {
            throw new AudioRejectedException(AudioProblem.TooShort, $"too short: {seconds:0.00} s of audio, at least {options.MinimumSeconds:0.##} s are needed to measure tempo and key");
        }

        return Report(decoder, frames, loudness.IntegratedLufs(), onsets, chroma.Chroma, clipped, frames * channels);
    }

    private static AudioAnalysis Report(IAudioDecoder decoder, long frames, double? lufs, OnsetEnvelope onsets, double[] chroma, long clipped, long samples)
    {
        var measured = new List<string> { AudioAnalysis.DurationField };
        var unmeasured = new Dictionary<string, string>();
        var warnings = new List<string>();
        if (lufs is null)
        {
            unmeasured[AudioAnalysis.LoudnessField] = "silent: no 400 ms block is above the -70 LUFS gate";
            unmeasured[AudioAnalysis.TempoField] = "silent: there is no beat to measure";
            unmeasured[AudioAnalysis.KeyField] = "silent: there is no pitch to measure";
            unmeasured[AudioAnalysis.ModeField] = "silent: there is no pitch to measure";
            warnings.Add("silence: the audio is digital silence or below -70 LUFS throughout");
        }

        double? tempo = null;
        int? key = null;
        int? mode = null;
        if (lufs is not null)
        {
            measured.Add(AudioAnalysis.LoudnessField);
            var (bpm, reason) = TempoEstimator.Estimate(onsets.Values, onsets.FramesPerSecond);
            if (bpm is not null)
            {
                tempo = bpm;
                measured.Add(AudioAnalysis.TempoField);
            }
            else
            {
                unmeasured[AudioAnalysis.TempoField] = reason!;
            }

            if (KeyEstimator.Estimate(chroma) is { } found)
            {
                (key, mode) = (found.Key, found.Mode);
                measured.Add(AudioAnalysis.KeyField);
                measured.Add(AudioAnalysis.ModeField);
            }
            else
            {
                unmeasured[AudioAnalysis.KeyField] = "no pitched content between 65 Hz and 4.2 kHz";
                unmeasured[AudioAnalysis.ModeField] = "no pitched content between 65 Hz and 4.2 kHz";
            }
        }

        if (clipped > 0)
        {
            warnings.Add($"clipped: {clipped:N0} samples ({100.0 * clipped / samples:0.###} %) sit in runs of {ClipRun}+ at full scale; loudness reads the clipped signal");
        }

        return new AudioAnalysis
        {
            Format = decoder.Format,
            SampleRate = decoder.SampleRate,
            Channels = decoder.Channels,
            DurationMs = (long)Math.Round(frames * 1000.0 / decoder.SampleRate),
            Loudness = lufs is { } l ? Math.Round(l, 2) : null,
            Tempo = tempo,
            Key = key,
            Mode = mode,
            TimeSignature = 4,
            Measured = measured,
            Assumed = [AudioAnalysis.TimeSignatureField],
            Unmeasured = unmeasured,
            Warnings = warnings,
        };
    }

    private static int ReadBlock(IAudioDecoder decoder, float[] buffer)
    {
        try
        {
            return decoder.Read(buffer);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or IndexOutOfRangeException or ArgumentException or EndOfStreamException or NullReferenceException)
        {
            throw new AudioRejectedException(AudioProblem.Corrupt, $"corrupt {Name(decoder.Format)}: {ex.Message}", ex);
        }
    }

    private AudioRejectedException TooLong(double seconds) => new(
        AudioProblem.TooLong,
        string.Create(CultureInfo.InvariantCulture,
            $"too long: {seconds:N0} s or more of audio, the limit is {options.MaxMinutes * 60:N0} s ({options.MaxMinutes:0.##} minutes)"));

    private static string Name(AudioFormat format) => format switch
    {
        AudioFormat.Wav => "WAV",
        AudioFormat.Mp3 => "MP3",
        AudioFormat.OggVorbis => "Ogg Vorbis",
        _ => format.ToString(),
    };
}
