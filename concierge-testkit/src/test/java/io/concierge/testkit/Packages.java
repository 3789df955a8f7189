package io.concierge.testkit;

/** Task packages the testkit's tests drop into their in-memory workspaces. */
final class Packages {
    /**
     * One step: the fake audio.normalize worker with a choice param, approval required. (No number
     * input: core cannot yet approve a plan holding a number, see the testkit's report.)
     */
    static final String NORMALIZE = """
            id: audio.normalize
            version: 1.0.0
            name: Loudness normalization
            intent:
              verbs: [normalize, normalise, level]
              keywords: [audio, podcast, loudness, lufs, episode]
              extensions: [wav]
            inputs:
              audio_file:
                type: file
                required: true
                extensions: [wav]
              format:
                type: choice
                choices: [mp3, flac, ogg]
                default: mp3
            steps:
              - id: normalize
                worker: audio.normalize
                version: 1.0.0
                inputs:
                  audio_file: ${inputs.audio_file}
                params:
                  format: ${inputs.format}
            outputs:
              audio: ${steps.normalize.audio}
            verification:
              - output: audio
                rule: non_empty
            """;

    /** Two steps (normalize, then encode the normalized file), each retried up to twice. */
    static final String PODCAST = """
            id: audio.podcast
            version: 2.1.0
            name: Podcast mastering
            intent:
              verbs: [master]
              keywords: [podcast, episode]
              extensions: [wav]
            inputs:
              audio_file:
                type: file
                required: true
                extensions: [wav]
            steps:
              - id: normalize
                worker: audio.normalize
                version: 1.0.0
                inputs:
                  audio_file: ${inputs.audio_file}
              - id: encode
                worker: audio.encode
                version: 1.0.0
                inputs:
                  audio_file: ${steps.normalize.audio}
            outputs:
              audio: ${steps.encode.audio}
            failure_handling:
              max_retries: 2
              timeout_seconds: 60
            """;

    private Packages() {
    }
}
