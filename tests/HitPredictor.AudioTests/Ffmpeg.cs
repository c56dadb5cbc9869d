using System.Diagnostics;

namespace HitPredictor.AudioTests;

/// <summary>Encodes test audio with the ffmpeg command (Debian package <c>ffmpeg</c>; ./test.sh installs it).</summary>
internal static class Ffmpeg
{
    public static byte[] Encode(byte[] wav, string extension)
    {
        var directory = Directory.CreateTempSubdirectory("hp-ffmpeg-");
        try
        {
            var input = Path.Combine(directory.FullName, "in.wav");
            var output = Path.Combine(directory.FullName, "out." + extension);
            File.WriteAllBytes(input, wav);
            var codec = extension == "ogg" ? "-c:a libvorbis -q:a 4" : "-c:a libmp3lame -b:a 160k";
            var start = new ProcessStartInfo("ffmpeg", $"-nostdin -hide_banner -loglevel error -y -i \"{input}\" {codec} \"{output}\"")
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("ffmpeg is needed to encode MP3/Ogg test audio: apt-get install -y ffmpeg (./test.sh does).", ex);
            }

            using (process)
            {
                var errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"ffmpeg failed ({process.ExitCode}): {errors}");
                }
            }

            return File.ReadAllBytes(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
