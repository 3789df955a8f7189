package io.concierge.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Task packages that core tests write into a workspace's packages/ folder. */
final class TestPackages {
    static final String UPPER = """
            id: text.upper
            version: 1.0.0
            name: Upper-case text
            intent:
              verbs: [uppercase, upcase, shout]
              keywords: [text, notes]
              extensions: [txt]
            inputs:
              text_file:
                type: file
                required: true
                extensions: [txt]
              level:
                type: number
                unit: LUFS
                default: -14
              loud:
                type: boolean
                default: false
            steps:
              - id: upper
                worker: text.upper
                version: 1.0.0
                inputs:
                  text_file: ${inputs.text_file}
                params:
                  level: ${inputs.level}
                  loud: ${inputs.loud}
            outputs:
              text: ${steps.upper.text}
            verification:
              - output: text
                rule: non_empty
            """;

    private TestPackages() {
    }

    static void writeUpperPackage(Path workspace) throws IOException {
        Path dir = Files.createDirectories(workspace.resolve("packages/text/upper/v1.0.0"));
        Files.writeString(dir.resolve("package.yaml"), UPPER);
    }
}
