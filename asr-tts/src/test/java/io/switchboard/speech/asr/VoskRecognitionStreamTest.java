package io.switchboard.speech.asr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.observers.TestObserver;
import io.switchboard.core.lane.ExecutorLane;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real Vosk stream fed like a call: endpointing, event order, no-input, lanes, overflow, lifecycle. */
class VoskRecognitionStreamTest {
    static final int RATE = 16000;
    static final Endpointing ENDPOINTING = new Endpointing(Duration.ofMillis(800), Duration.ofSeconds(10),
            Duration.ofSeconds(1));

    private static RecognitionStream open(RecognitionRequest request) {
        return SharedRecognizer.get().open(request.withEndpointing(ENDPOINTING).withMaxBacklog(Duration.ofSeconds(30)));
    }

    private static <T> T awaitEvent(TestObserver<RecognitionEvent> events, Class<T> type) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            for (RecognitionEvent e : events.values()) {
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
            }
            events.awaitCount(events.values().size() + 1);
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + events.values());
    }

    @Test
    void trailingSilenceEndsTheUtteranceWithoutFinishAndSpeechStartedComesFirst() {
        short[] speech = SpokenAudio.wideband("talk to an agent");
        try (RecognitionStream stream = open(RecognitionRequest.freeForm(RATE))) {
            TestObserver<RecognitionEvent> events = stream.events().test();
            SpokenAudio.feedFrames(stream, SpokenAudio.concat(SpokenAudio.silence(500, RATE), speech,
                    SpokenAudio.silence(1000, RATE)), RATE);
            RecognitionEvent.Final fin = awaitEvent(events, RecognitionEvent.Final.class);
            List<RecognitionEvent> seen = events.values();
            assertThat(seen.get(0)).isInstanceOf(RecognitionEvent.SpeechStarted.class);
            long started = ((RecognitionEvent.SpeechStarted) seen.get(0)).atMs();
            assertThat(started).isBetween(480L, 600L);
            assertThat(fin.text()).isEqualTo("talk to an agent");
            assertThat(fin.confidence()).isBetween(0.5, 1.0);
            long speechEndMs = 500 + speech.length * 1000L / RATE;
            assertThat(fin.startMs()).isBetween(started - 100, started + 200);
            assertThat(fin.endMs()).isBetween(started + 800, speechEndMs + 100);
            assertThat(fin.words()).extracting(RecognizedWord::word).containsExactly("talk", "to", "an", "agent");
            events.assertNotComplete();
        }
    }

    @Test
    void twoUtterancesGiveTwoFinalsInStreamTime() throws InterruptedException {
        RecognitionRequest request = RecognitionRequest.grammar(RATE, List.of("billing", "agent", "yes", "no"))
                .withEndpointing(ENDPOINTING.withNoInputTimeout(Duration.ofSeconds(5)));
        try (RecognitionStream stream = SharedRecognizer.get().open(request)) {
            TestObserver<RecognitionEvent> events = stream.events().test();
            SpokenAudio.feedFrames(stream, SpokenAudio.concat(SpokenAudio.silence(400, RATE),
                    SpokenAudio.wideband("billing"), SpokenAudio.silence(1500, RATE), SpokenAudio.wideband("yes"),
                    SpokenAudio.silence(300, RATE)), RATE);
            stream.finish();
            assertThat(events.await(30, TimeUnit.SECONDS)).isTrue();
            events.assertComplete();
            List<RecognitionEvent.Final> finals = events.values().stream()
                    .filter(RecognitionEvent.Final.class::isInstance).map(RecognitionEvent.Final.class::cast).toList();
            assertThat(finals).extracting(RecognitionEvent.Final::text).containsExactly("billing", "yes");
            assertThat(finals.get(1).startMs()).isGreaterThan(finals.get(0).endMs() + 1000);
            assertThat(events.values()).filteredOn(RecognitionEvent.SpeechStarted.class::isInstance).hasSize(2);
            assertThat(events.values()).noneMatch(RecognitionEvent.NoInput.class::isInstance);
        }
    }

    @Test
    void partialsArriveBeforeTheFinalOfALongSentence() throws InterruptedException {
        try (RecognitionStream stream = open(RecognitionRequest.freeForm(RATE))) {
            TestObserver<RecognitionEvent> events = stream.events().test();
            SpokenAudio.feedFrames(stream, SpokenAudio.wideband("I would like to speak to customer support"), RATE);
            stream.finish();
            assertThat(events.await(30, TimeUnit.SECONDS)).isTrue();
            List<RecognitionEvent> all = events.values();
            int firstPartial = indexOf(all, RecognitionEvent.Partial.class);
            assertThat(firstPartial).isPositive().isLessThan(indexOf(all, RecognitionEvent.Final.class));
        }
    }

    @Test
    void silenceGivesNoInputAfterTheTimeoutAndOnlyOnce() throws InterruptedException {
        try (RecognitionStream stream = open(RecognitionRequest.freeForm(8000))) {
            TestObserver<RecognitionEvent> events = stream.events().test();
            SpokenAudio.feedFrames(stream, SpokenAudio.silence(2500, 8000), 8000);
            stream.finish();
            assertThat(events.await(10, TimeUnit.SECONDS)).isTrue();
            events.assertComplete().assertValues(new RecognitionEvent.NoInput(1000));
        }
    }

    @Test
    void emptyAudioFinishedAtOnceIsNoInput() throws InterruptedException {
        try (RecognitionStream stream = open(RecognitionRequest.freeForm(RATE))) {
            TestObserver<RecognitionEvent> events = stream.events().test();
            stream.finish();
            assertThat(events.await(10, TimeUnit.SECONDS)).isTrue();
            events.assertComplete().assertValues(new RecognitionEvent.NoInput(0));
        }
    }

    @Test
    void eventsAreDeliveredOnTheCallersLane() throws InterruptedException {
        ExecutorLane lane = new ExecutorLane("asr-test-lane");
        List<Boolean> onLane = new CopyOnWriteArrayList<>();
        try (RecognitionStream stream = open(RecognitionRequest.grammar(RATE, List.of("yes", "no")))) {
            TestObserver<RecognitionEvent> events = stream.events(lane).doOnNext(e -> onLane.add(lane.inLane())).test();
            SpokenAudio.feedFrames(stream, SpokenAudio.wideband("yes"), RATE);
            stream.finish();
            assertThat(events.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(events.values()).hasAtLeastOneElementOfType(RecognitionEvent.Final.class);
            assertThat(onLane).isNotEmpty().containsOnly(true);
        } finally {
            lane.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void aBacklogOverflowDropsCountsAndFailsWithoutBlockingTheProducer() throws InterruptedException {
        RecognitionRequest request = RecognitionRequest.freeForm(RATE).withEndpointing(ENDPOINTING)
                .withMaxBacklog(Duration.ofMillis(100));
        short[] speech = SpokenAudio.wideband("I would like to speak to customer support");
        try (RecognitionStream stream = SharedRecognizer.get().open(request)) {
            TestObserver<RecognitionEvent> events = stream.events().test();
            long dropsBefore = SharedRecognizer.get().stats().framesDropped();
            long t0 = System.nanoTime();
            for (int i = 0; i < 5; i++) {
                SpokenAudio.feedFrames(stream, speech, RATE);
            }
            long feedMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(events.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(events.values()).last().isInstanceOfSatisfying(RecognitionEvent.Failed.class,
                    f -> assertThat(f.reason()).startsWith("decoder backlog over 100 ms"));
            assertThat(stream.droppedFrames()).isPositive();
            assertThat(SharedRecognizer.get().stats().framesDropped()).isGreaterThan(dropsBefore);
            assertThat(feedMs).as("feeding %d s of audio took %d ms", 5 * speech.length / RATE, feedMs)
                    .isLessThan(1000);
        }
    }

    @Test
    void closeEndsTheStreamWithoutResultsAndIsIdempotent() throws InterruptedException {
        RecognitionStream stream = open(RecognitionRequest.freeForm(RATE));
        TestObserver<RecognitionEvent> events = stream.events().test();
        SpokenAudio.feedFrames(stream, SpokenAudio.wideband("cancel my subscription"), RATE);
        stream.close();
        stream.close();
        stream.feed(new short[320]);
        assertThat(events.await(10, TimeUnit.SECONDS)).isTrue();
        events.assertComplete();
        assertThat(events.values()).noneMatch(RecognitionEvent.Final.class::isInstance);
    }

    @Test
    void feedAfterFinishIsAProgrammingError() {
        try (RecognitionStream stream = open(RecognitionRequest.freeForm(RATE))) {
            stream.finish();
            stream.finish();
            assertThatThrownBy(() -> stream.feed(new short[320])).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after finish()");
        }
    }

    private static int indexOf(List<RecognitionEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
