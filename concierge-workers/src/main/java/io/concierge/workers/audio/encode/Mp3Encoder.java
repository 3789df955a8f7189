package io.concierge.workers.audio.encode;

import de.sciss.jump3r.mp3.BitStream;
import de.sciss.jump3r.mp3.GainAnalysis;
import de.sciss.jump3r.mp3.ID3Tag;
import de.sciss.jump3r.mp3.Lame;
import de.sciss.jump3r.mp3.LameGlobalFlags;
import de.sciss.jump3r.mp3.Presets;
import de.sciss.jump3r.mp3.Quantize;
import de.sciss.jump3r.mp3.QuantizePVT;
import de.sciss.jump3r.mp3.Reservoir;
import de.sciss.jump3r.mp3.Takehiro;
import de.sciss.jump3r.mp3.VBRTag;
import de.sciss.jump3r.mp3.VbrMode;
import de.sciss.jump3r.mp3.Version;
import de.sciss.jump3r.mpg.Common;
import de.sciss.jump3r.mpg.Interface;
import de.sciss.jump3r.mpg.MPGLib;
import io.concierge.workers.audio.ProgressListener;
import io.concierge.workers.audio.wav.WavFormat;
import io.concierge.workers.audio.wav.WavReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Encodes a WAV file to MP3 in-process with jump3r, a pure Java port of LAME 3.98.
 *
 * <p>jump3r's convenience wrapper ({@code LameEncoder}) hides the encoder state that the
 * Xing/LAME header frame needs, and jump3r's own {@code putVbrTag} locates that frame with an
 * inverted ID3v2 check, so this class wires LAME's modules itself (as {@code LameEncoder} does)
 * and writes the header frame over the placeholder at the start of the file. That frame carries
 * the frame count (for seeking and duration of VBR files) and the encoder delay and padding, so
 * decoders drop the encoder's priming samples and the decoded length matches the input.
 *
 * <p>Samples reach LAME as 16-bit PCM: wider or float input is rounded to the nearest 16-bit
 * value and saturated at full scale. Each call builds its own encoder, so instances are
 * thread-safe.
 */
final class Mp3Encoder {

    private static final int BLOCK_FRAMES = 8192;

    void encode(Path input, Path output, EncodeSettings settings, ProgressListener listener) throws IOException {
        try (WavReader reader = WavReader.open(input);
             FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            WavFormat format = reader.info().format();
            LameSession lame = new LameSession(format, settings);
            try {
                int channels = format.channels();
                double[] block = new double[BLOCK_FRAMES * channels];
                int[] left = new int[BLOCK_FRAMES];
                int[] right = new int[BLOCK_FRAMES];
                // LAME's documented worst case: 1.25 x samples + 7200 bytes.
                byte[] mp3 = new byte[BLOCK_FRAMES * 5 / 4 + 7200];
                double total = reader.info().frameCount();
                int frames;
                while ((frames = reader.read(block, BLOCK_FRAMES)) > 0) {
                    for (int i = 0; i < frames; i++) {
                        left[i] = toPcm16(block[i * channels]) << 16;
                        right[i] = channels == 2 ? toPcm16(block[i * channels + 1]) << 16 : left[i];
                    }
                    write(out, mp3, lame.encode(left, right, frames, mp3));
                    listener.progress(reader.framesRead() / total, "encoding mp3");
                }
                write(out, mp3, lame.flush(mp3));
                byte[] header = lame.headerFrame();
                if (header.length > 0) {
                    out.write(ByteBuffer.wrap(header), 0);
                }
            } finally {
                lame.close();
            }
        }
    }

    /** Rounds to the nearest 16-bit value and saturates, so loud float input clips instead of wrapping. */
    static int toPcm16(double sample) {
        double v = Math.rint(sample * 32768.0);
        if (v > 32767.0) {
            return 32767;
        }
        if (v < -32768.0) {
            return -32768;
        }
        return (int) v;
    }

    private static void write(FileChannel out, byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** One LAME encoder instance and the modules it is made of. */
    private static final class LameSession {
        private final Lame lame = new Lame();
        private final VBRTag vbrTag = new VBRTag();
        private final LameGlobalFlags flags;

        LameSession(WavFormat format, EncodeSettings settings) throws IOException {
            GainAnalysis gain = new GainAnalysis();
            BitStream bitStream = new BitStream();
            Presets presets = new Presets();
            QuantizePVT quantizePvt = new QuantizePVT();
            Quantize quantize = new Quantize();
            Version version = new Version();
            ID3Tag id3 = new ID3Tag();
            Reservoir reservoir = new Reservoir();
            Takehiro takehiro = new Takehiro();
            MPGLib mpg = new MPGLib();
            Interface mpgInterface = new Interface();
            Common common = new Common();
            lame.setModules(gain, bitStream, presets, quantizePvt, quantize, vbrTag, version, id3, mpg);
            bitStream.setModules(gain, mpg, version, vbrTag);
            id3.setModules(bitStream, version);
            presets.setModules(lame);
            quantize.setModules(bitStream, reservoir, quantizePvt, takehiro);
            quantizePvt.setModules(takehiro, reservoir, lame.enc.psy);
            reservoir.setModules(bitStream);
            takehiro.setModules(quantizePvt);
            vbrTag.setModules(lame, bitStream, version);
            mpg.setModules(mpgInterface, common);
            mpgInterface.setModules(vbrTag, common);

            flags = lame.lame_init();
            flags.num_channels = format.channels();
            flags.in_samplerate = format.sampleRate();
            if (settings.vbr()) {
                flags.VBR = VbrMode.vbr_default;
                flags.VBR_q = settings.quality();
            } else {
                flags.VBR = VbrMode.vbr_off;
                flags.brate = settings.bitrateKbps();
            }
            flags.quality = settings.quality();
            id3.id3tag_init(flags);
            // No ID3 tags in the stream (the header frame must be the first bytes) and no
            // ReplayGain analysis, which would only cost time.
            flags.write_id3tag_automatic = false;
            flags.findReplayGain = false;
            flags.bWriteVbrTag = true;
            int status = lame.lame_init_params(flags);
            if (status < 0) {
                throw new IOException("the MP3 encoder rejected " + format.describe() + " at these settings (LAME status "
                        + status + ")");
            }
        }

        int encode(int[] left, int[] right, int frames, byte[] mp3) throws IOException {
            return check(lame.lame_encode_buffer_int(flags, left, right, frames, mp3, 0, mp3.length));
        }

        int flush(byte[] mp3) throws IOException {
            return check(lame.lame_encode_flush(flags, mp3, 0, mp3.length));
        }

        /** The finished Xing/LAME header frame, or nothing when LAME decided not to write one. */
        byte[] headerFrame() {
            byte[] frame = new byte[VBRTag.MAXFRAMESIZE];
            int length = vbrTag.getLameTagFrame(flags, frame);
            return length > 0 && length <= frame.length ? java.util.Arrays.copyOf(frame, length) : new byte[0];
        }

        void close() {
            lame.lame_close(flags);
        }

        private static int check(int result) throws IOException {
            if (result < 0) {
                throw new IOException("the MP3 encoder failed (LAME status " + result + ")");
            }
            return result;
        }
    }
}
