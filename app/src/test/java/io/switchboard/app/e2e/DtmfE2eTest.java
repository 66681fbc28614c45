package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.app.TestSwitch;
import io.switchboard.sip.media.DtmfEvent;
import io.switchboard.testkit.Baresip;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/**
 * The switch hears the keys callers press: RFC 4733 events replayed by SIPp from the pcaps it ships
 * (after its A-law speech sample), and DTMF tones inside the audio of a softphone call when no
 * telephone-event was negotiated.
 */
class DtmfE2eTest {

    @Test
    void rfc4733DigitsFromSippPcapsAreReported() {
        try (TestSwitch sw = TestSwitch.start("media.dtmf.inband=always")) {
            List<DtmfEvent> heard = new CopyOnWriteArrayList<>();
            sw.switchboard().sip().media().onDtmf(heard::add);
            int uasPort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "dtmf", "1002", uasPort);
            try (SippProcess uas = E2e.uas("uas-answer.xml", "dtmf", sw, Sipp.Transport.UDP, "1002", uasPort, 1)) {
                SippResult uac = E2e.uac("uac-dtmf.xml", "dtmf", sw, Sipp.Transport.UDP, "1001", "1002")
                        .arg("-mi", "127.0.0.1", "-mp", Integer.toString(FreePorts.udpAndTcpPair())).run();
                E2e.assertCalls(1, uac, uas.awaitExit(Duration.ofSeconds(15)));
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> heard.size() >= 3);
            assertThat(heard).as("digits reported").allSatisfy(e -> assertThat(e.party()).isEqualTo("caller"));
            assertThat(digits(heard, "rfc4733")).as("RFC 4733 digits").isEqualTo("15#");
            // g711a.pcap is speech: in-band detection (forced on) must not take it for keys
            assertThat(digits(heard, "inband")).as("digits 'heard' in the speech sample").isEmpty();
        }
    }

    @Test
    void inBandTonesAreDetectedWithoutTelephoneEvent() {
        Path dir = Path.of("target", "media-e2e", "inband").toAbsolutePath();
        Path keys = dir.resolve("keys-159star.wav");
        writeKeys(keys, "159*");
        try (TestSwitch sw = TestSwitch.start("media.telephoneEvent=false");
                Baresip a = Baresip.named("inband-1001").account("1001", E2e.password("1001")).registrar(sw.sipPort())
                        .playFile(keys).codecs("PCMU/8000").start();
                Baresip b = Baresip.named("inband-1002").account("1002", E2e.password("1002")).registrar(sw.sipPort())
                        .codecs("PCMU/8000").start()) {
            List<DtmfEvent> heard = new CopyOnWriteArrayList<>();
            sw.switchboard().sip().media().onDtmf(heard::add);
            try {
                a.awaitRegistered(Duration.ofSeconds(20));
                b.awaitRegistered(Duration.ofSeconds(20));
                a.dial("sip:1002@127.0.0.1:" + sw.sipPort());
                b.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(20), "CALL_CLOSED");
                await().atMost(Duration.ofSeconds(15)).until(() -> heard.size() >= 4);
                a.hangup();
                a.awaitEvent("CALL_CLOSED", Duration.ofSeconds(20));
            } catch (AssertionError | org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("heard " + heard + "\n" + e.getMessage() + "\n" + a.logText(), e);
            }
            assertThat(digits(heard, "inband")).as("in-band digits").startsWith("159*");
        }
    }

    private static String digits(List<DtmfEvent> events, String method) {
        return events.stream().filter(e -> e.method().equals(method)).map(e -> String.valueOf(e.digit())).collect(Collectors.joining());
    }

    /**
     * A 48 kHz stereo WAV (what baresip's aufile wants): two seconds of silence, then each key as 100 ms of
     * its two DTMF frequencies at -16 dBFS each followed by 200 ms of silence, then silence to the end.
     */
    private static void writeKeys(Path file, String keys) {
        int rate = 48000;
        int total = rate * 12;
        ByteBuffer buf = ByteBuffer.allocate(total * 4).order(ByteOrder.LITTLE_ENDIAN);
        double amplitude = 32767 * Math.pow(10, -10 / 20.0);
        int pos = 2 * rate;
        short[] mono = new short[total];
        for (char k : keys.toCharArray()) {
            int[] f = frequencies(k);
            for (int i = 0; i < rate / 10; i++) {
                double t = (double) i / rate;
                mono[pos + i] = (short) Math.round(amplitude * (Math.sin(2 * Math.PI * f[0] * t) + Math.sin(2 * Math.PI * f[1] * t)) / 2);
            }
            pos += rate / 10 + rate / 5;
        }
        for (short s : mono) {
            buf.putShort(s).putShort(s);
        }
        try {
            Files.createDirectories(file.getParent());
            AudioFormat format = new AudioFormat(rate, 16, 2, true, false);
            try (AudioInputStream in = new AudioInputStream(new java.io.ByteArrayInputStream(buf.array()), format, total)) {
                AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] frequencies(char key) {
        String layout = "123A456B789C*0#D";
        int i = layout.indexOf(key);
        int[] rows = {697, 770, 852, 941};
        int[] cols = {1209, 1336, 1477, 1633};
        return new int[] {rows[i / 4], cols[i % 4]};
    }
}
