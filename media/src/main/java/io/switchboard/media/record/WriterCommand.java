package io.switchboard.media.record;

/** What lanes ask of the {@link RecordingWriter} thread, in queue order. */
sealed interface WriterCommand {

    /** One 20 ms interleaved stereo frame for {@code file}. */
    record Append(RecordingFile file, short[] stereo) implements WriterCommand {
    }

    /** The end of {@code file}: write what is staged and the final header. */
    record Finish(RecordingFile file) implements WriterCommand {
    }

    /** Finish every open recording and end the thread. */
    record Stop() implements WriterCommand {
    }
}
