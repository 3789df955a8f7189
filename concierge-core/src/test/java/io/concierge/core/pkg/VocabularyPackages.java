package io.concierge.core.pkg;

import io.concierge.api.pkg.TaskPackage;
import io.concierge.core.codec.Codecs;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Small packages written for the matcher and extraction tests, parsed by the real parser. */
final class VocabularyPackages {
    private VocabularyPackages() {
    }

    static TaskPackage parse(String yaml) {
        return new PackageParser(new Codecs()).parse(yaml.getBytes(StandardCharsets.UTF_8), "test").orThrow("test");
    }

    static final String STEPS = """
            steps:
              - id: s
                worker: test.worker
                version: 1.0.0
            """;

    /** A loudness package, a media encoder with vague verbs, an archiver that takes paths, a copier. */
    static List<TaskPackage> all() {
        return List.of(
                parse("""
                        id: sound.level
                        version: 1.0.0
                        intent:
                          verbs: [level, normalize]
                          phrases: ["make louder"]
                          keywords: [loudness, podcast]
                          extensions: [wav]
                          extract:
                            peak: {words: [peak, ceiling]}
                        inputs:
                          audio: {type: file, required: true, extensions: [wav]}
                          target: {type: number, unit: LUFS, default: -14}
                          peak: {type: number, unit: dBTP, default: -1}
                        """ + STEPS),
                parse("""
                        id: media.encode
                        version: 1.0.0
                        intent:
                          verbs: [encode, convert]
                          vague_verbs: [convert]
                          keywords: [audio]
                          extensions: [wav]
                          formats: [mp3, flac]
                          extract:
                            mode: {values: {vbr: vbr, "variable bit rate": vbr}}
                            quality: {words: [quality]}
                        inputs:
                          audio: {type: file, required: true, extensions: [wav]}
                          format: {type: choice, choices: [mp3, flac], default: mp3}
                          bitrate: {type: number, unit: kbps, default: 192}
                          mode: {type: choice, choices: [cbr, vbr], default: cbr}
                          quality: {type: integer, default: 2}
                        """ + STEPS),
                parse("""
                        id: archive.pack
                        version: 1.0.0
                        intent:
                          verbs: [pack, archive, tar]
                          phrases: ["zip up"]
                          excludes: [photo]
                          keywords: [folder]
                          formats: [zip, tar.gz]
                          extract:
                            source: {from: path}
                            format: {values: {tgz: tar.gz, tar: tar.gz}}
                            level: {words: [level], values: {"no compression": "0"}}
                        inputs:
                          source: {type: string, required: true, fill: none}
                          format: {type: choice, choices: [zip, tar.gz], default: zip}
                          level: {type: integer}
                        """ + STEPS),
                parse("""
                        id: file.duplicate
                        version: 1.0.0
                        intent:
                          verbs: [copy, duplicate]
                        inputs:
                          source: {type: file, required: true}
                        """ + STEPS));
    }
}
