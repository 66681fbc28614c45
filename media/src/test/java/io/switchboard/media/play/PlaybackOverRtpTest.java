package io.switchboard.media.play;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.lane.ExecutorLane;
import io.switchboard.media.codec.G711Codec;
import io.switchboard.media.codec.PayloadType;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.dtmf.TonePlan;
import io.switchboard.media.rtp.PortAllocator;
import io.switchboard.media.rtp.RtpSession;
import io.switchboard.media.rtp.RtpSessionOptions;
import io.switchboard.media.rtp.RtpTransport;
import io.switchboard.media.tick.MediaTick;
import io.switchboard.media.wav.WavAudio;
import io.switchboard.media.wav.WavWriter;
import io.switchboard.testkit.ToneAnalysis;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt played to a real RTP session on the lane's 20 ms media tick arrives at the far end as the
 * same tone, at the real-time rate: a 44.1 kHz WAV is resampled once, encoded as PCMU frame by frame,
 * sent one frame per tick, and stopped on demand (barge-in).
 */
class PlaybackOverRtpTest {
    private final RtpTransport transport = new RtpTransport(InetAddress.getLoopbackAddress(), new PortAllocator(46000, 46999), 1);
    private final ExecutorLane lane = new ExecutorLane("playback");

    @TempDir
    Path dir;

    @AfterEach
    void tearDown() throws Exception {
        transport.close();
        lane.shutdown(Duration.ofSeconds(2));
    }

    @Test
    void aWavPromptIsPlayedInRealTimeAndHeardAsTheSameTone() throws Exception {
        Path wav = dir.resolve("prompt-44k.wav");
        int rate = 44100;
        short[] tone = new short[rate];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 1000 * i / rate));
        }
        WavWriter.write(wav, new WavAudio(rate, 1, tone));
        Prompt prompt = Prompt.load(wav);

        RtpSession player = transport.open(lane, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
        RtpSession listener = transport.open(lane, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
        player.setCodec(G711Codec.PCMU, PayloadType.PCMU.number());
        listener.setCodec(G711Codec.PCMU, PayloadType.PCMU.number());
        player.setRemote(new InetSocketAddress("127.0.0.1", listener.localPort()));
        List<PcmFrame> heard = new CopyOnWriteArrayList<>();
        List<Long> arrivals = new CopyOnWriteArrayList<>();
        listener.setFrameListener(f -> {
            heard.add(f);
            arrivals.add(System.nanoTime());
        });
        CompletableFuture<Player.Outcome> done = new CompletableFuture<>();
        lane.execute(() -> new MediaTick(lane).add(Player.prompt(prompt, player, false, done::complete)));

        assertThat(done.get(5, TimeUnit.SECONDS)).isEqualTo(Player.Outcome.FINISHED);
        await().atMost(Duration.ofSeconds(2)).until(() -> heard.size() == prompt.size());
        assertThat(prompt.size()).isEqualTo(50);
        double seconds = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
        assertThat(seconds).as("49 frame intervals at 20 ms").isBetween(0.9, 1.1);
        short[] all = new short[heard.size() * PcmFrame.SAMPLES];
        for (int i = 0; i < heard.size(); i++) {
            heard.get(i).copyTo(all, i * PcmFrame.SAMPLES);
        }
        assertThat(ToneAnalysis.dominantFrequency(all, 8000, 200, 3400)).isBetween(990.0, 1010.0);
        player.close();
        listener.close();
    }

    @Test
    void ringbackStopsOnDemand() throws Exception {
        RtpSession player = transport.open(lane, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
        RtpSession listener = transport.open(lane, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
        player.setCodec(G711Codec.PCMA, PayloadType.PCMA.number());
        listener.setCodec(G711Codec.PCMA, PayloadType.PCMA.number());
        player.setRemote(new InetSocketAddress("127.0.0.1", listener.localPort()));
        List<PcmFrame> heard = new CopyOnWriteArrayList<>();
        listener.setFrameListener(heard::add);
        CompletableFuture<Player.Outcome> done = new CompletableFuture<>();
        CompletableFuture<Player> started = new CompletableFuture<>();
        lane.execute(() -> {
            Player p = Player.tone(TonePlan.ringbackChina(), 0.3, player, done::complete);
            new MediaTick(lane).add(p);
            started.complete(p);
        });
        await().atMost(Duration.ofSeconds(3)).until(() -> heard.size() >= 20);
        Player p = started.get();
        lane.execute(p::stop);
        assertThat(done.get(2, TimeUnit.SECONDS)).isEqualTo(Player.Outcome.STOPPED);
        int after = heard.size();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> heard.size() <= after + 1);
        player.close();
        listener.close();
    }
}
