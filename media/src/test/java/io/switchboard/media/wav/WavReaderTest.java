package io.switchboard.media.wav;

import static io.switchboard.media.resample.Signals.frequency;
import static io.switchboard.media.resample.Signals.rms;
import static io.switchboard.media.resample.Signals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.switchboard.media.codec.G711;
import io.switchboard.media.codec.PcmFrame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavReaderTest {
    @TempDir
    Path dir;

    @Test
    void pcm16WrittenByWavWriterReadsBackUnchanged() throws Exception {
        short[] stereo = {1, -1, 32767, -32768, 1000, -1000};
        Path file = dir.resolve("a.wav");
        WavWriter.write(file, new WavAudio(22050, 2, stereo));

        WavAudio audio = WavReader.read(file);
        assertThat(audio.sampleRate()).isEqualTo(22050);
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.interleaved()).containsExactly(stereo);
        assertThat(audio.channel(1)).containsExactly(-1, -32768, -1000);
        assertThat(Files.size(file)).isEqualTo(44 + 12);
    }

    @Test
    void eightBitPcmIsUnsigned() throws Exception {
        byte[] wav = riff(chunk("fmt ", fmt(1, 2, 11025, 8)), chunk("data", new byte[] {(byte) 128, (byte) 255, 0, 1}));

        WavAudio audio = WavReader.read(wav);
        assertThat(audio.interleaved()).containsExactly(0, 127 << 8, -32768, -127 << 8);
        assertThat(audio.sampleRate()).isEqualTo(11025);
    }

    @Test
    void g711FilesAreExpandedWithTheirLaw() throws Exception {
        byte[] codes = {G711.linearToUlaw((short) 1000), G711.linearToUlaw((short) -20000)};
        WavAudio ulaw = WavReader.read(riff(chunk("fmt ", fmt(7, 1, 8000, 8)), chunk("data", codes)));
        assertThat(ulaw.interleaved()).containsExactly(G711.ulawToLinear(codes[0]), G711.ulawToLinear(codes[1]));

        WavAudio alaw = WavReader.read(riff(chunk("fmt ", fmt(6, 1, 8000, 8)), chunk("data", codes)));
        assertThat(alaw.interleaved()).containsExactly(G711.alawToLinear(codes[0]), G711.alawToLinear(codes[1]));
    }

    @Test
    void unknownAndOddSizedChunksAreSkippedAndTrailingBytesIgnored() throws Exception {
        byte[] wav = riff(chunk("LIST", new byte[] {1, 2, 3, 4, 5}), chunk("fmt ", fmt(1, 1, 8000, 16)),
                chunk("fact", new byte[4]), chunk("data", pcm(7, -7)), "junk that is not a chunk".getBytes());

        assertThat(WavReader.read(wav).interleaved()).containsExactly(7, -7);
    }

    @Test
    void extensibleHeadersCarryTheFormatInTheirSubFormat() throws Exception {
        byte[] fmt = Arrays.copyOf(fmt(0xFFFE, 1, 48000, 16), 40);
        ByteBuffer.wrap(fmt).order(ByteOrder.LITTLE_ENDIAN).putShort(16, (short) 22).putShort(24, (short) 1);

        assertThat(WavReader.read(riff(chunk("fmt ", fmt), chunk("data", pcm(3)))).interleaved()).containsExactly(3);
    }

    @Test
    void aStreamedDataSizeMeansToTheEndOfTheFile() throws Exception {
        byte[] wav = riff(chunk("fmt ", fmt(1, 1, 8000, 16)), chunk("data", pcm(1, 2, 3)));
        ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1);

        assertThat(WavReader.read(wav).interleaved()).containsExactly(1, 2, 3);
    }

    @Test
    void readFramesDownmixesAndResamplesTo8kHzFrames() throws Exception {
        short[] tone = sine(1000, 16000, 8000, 16000);
        short[] stereo = new short[2 * tone.length];
        for (int i = 0; i < tone.length; i++) {
            stereo[2 * i] = tone[i];
        }
        Path file = dir.resolve("prompt.wav");
        WavWriter.write(file, new WavAudio(16000, 2, stereo));

        List<PcmFrame> frames = WavReader.readFrames(file);
        assertThat(frames).hasSize(50);
        short[] pcm = new short[50 * PcmFrame.SAMPLES];
        for (int f = 0; f < frames.size(); f++) {
            frames.get(f).copyTo(pcm, f * PcmFrame.SAMPLES);
        }
        assertThat(frequency(pcm, 160, 7840, 8000)).isCloseTo(1000, within(1.0));
        assertThat(rms(pcm, 160, 7840)).isCloseTo(4000 / Math.sqrt(2), within(50.0));
    }

    @Test
    void anMp3RenamedToWavIsNotRiff() throws Exception {
        Path file = dir.resolve("song.wav");
        Files.write(file, "ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000more".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> WavReader.read(file)).isInstanceOf(WavFormatException.class)
                .hasMessage(file + ": not a RIFF file (starts with 'ID3?') (at byte 0)");
    }

    @Test
    void compressedFormatsAreNamedAsUnsupported() {
        byte[] wav = riff(chunk("fmt ", fmt(0x55, 1, 8000, 0)), chunk("data", new byte[10]));

        assertThatThrownBy(() -> WavReader.read(wav)).isInstanceOf(WavFormatException.class)
                .hasMessageContaining("unsupported format tag 0x0055");
        assertThatThrownBy(() -> WavReader.read(riff(chunk("fmt ", fmt(1, 1, 8000, 24)), chunk("data", new byte[6]))))
                .hasMessageContaining("unsupported PCM sample size 24 bits");
    }

    @Test
    void truncatedFilesSayWhatIsMissing() {
        byte[] whole = riff(chunk("fmt ", fmt(1, 1, 8000, 16)), chunk("data", pcm(1, 2, 3, 4)));

        assertThatThrownBy(() -> WavReader.read(Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(WavFormatException.class)
                .hasMessage("truncated: data chunk declares 8 bytes, the file holds 5 (at byte 44)");
        assertThatThrownBy(() -> WavReader.read(Arrays.copyOf(whole, 8)))
                .hasMessageStartingWith("truncated: RIFF header needs 12 bytes");
        assertThatThrownBy(() -> WavReader.read(Arrays.copyOf(whole, 30)))
                .hasMessageStartingWith("truncated: fmt chunk needs 16 bytes");
        assertThatThrownBy(() -> WavReader.read(Arrays.copyOf(whole, 36))).hasMessageStartingWith("no data chunk");
    }

    @Test
    void dataBeforeFmtIsRefused() {
        assertThatThrownBy(() -> WavReader.read(riff(chunk("data", pcm(1)), chunk("fmt ", fmt(1, 1, 8000, 16)))))
                .hasMessage("data chunk before fmt chunk (at byte 12)");
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (byte[] c : chunks) {
            body.writeBytes(c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    static byte[] chunk(String id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(id.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(le32(body.length));
        out.writeBytes(body);
        if (body.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        int block = channels * Math.max(1, bits / 8);
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putShort((short) tag)
                .putShort((short) channels).putInt(rate).putInt(rate * block).putShort((short) block)
                .putShort((short) bits).array();
    }

    static byte[] pcm(int... samples) {
        ByteBuffer b = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int s : samples) {
            b.putShort((short) s);
        }
        return b.array();
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }
}
