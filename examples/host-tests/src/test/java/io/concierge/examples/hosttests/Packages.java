package io.concierge.examples.hosttests;

/** The task packages the host's tests install, run by fake workers. */
final class Packages {
    /** One step on the fake {@code audio.normalize} worker; a failed step is retried once. */
    static final String NORMALIZE = """
            id: audio.normalize
            version: 1.0.0
            name: Loudness normalization
            intent:
              verbs: [normalize]
              keywords: [audio, podcast, episode]
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
            outputs:
              audio: ${steps.normalize.audio}
            failure_handling:
              max_retries: 1
              timeout_seconds: 60
            verification:
              - output: audio
                rule: non_empty
            """;

    /** A package the host's policy does not allow. */
    static final String PURGE = """
            id: files.purge
            version: 1.0.0
            name: Purge a file
            intent:
              verbs: [purge]
              keywords: [file, log]
              extensions: [log]
            inputs:
              target:
                type: file
                required: true
                extensions: [log]
            steps:
              - id: purge
                worker: files.purge
                version: 1.0.0
                inputs:
                  target: ${inputs.target}
            outputs:
              receipt: ${steps.purge.receipt}
            """;

    private Packages() {
    }
}
