package io.concierge.core.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.CompoundIntentException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.pkg.InputSpec;
import io.concierge.api.pkg.TaskPackage;
import io.concierge.api.pkg.VerificationRule;
import io.concierge.api.plan.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Packages composed into one pipeline, and the sentences that ask for it. */
class PackageChainTest {
    static final TaskPackage LEVEL = VocabularyPackages.parse("""
            id: sound.level
            version: 1.2.0
            intent:
              verbs: [level, normalize]
              extensions: [wav]
            inputs:
              audio: {type: file, required: true, extensions: [wav]}
              target: {type: number, unit: LUFS, default: -14}
              format: {type: choice, choices: [wav, flac], default: wav}
            steps:
              - id: measure
                worker: sound.measure
                inputs: {audio: "${inputs.audio}"}
              - id: level
                worker: sound.level
                inputs: {audio: "${inputs.audio}", stats: "${steps.measure.stats}"}
                params: {target: "${inputs.target}", format: "${inputs.format}"}
            outputs:
              audio: ${steps.level.audio}
              stats: ${steps.measure.stats}
            approval: {required: true, required_approvals: 2}
            failure_handling: {max_retries: 0, timeout_seconds: 60}
            verification:
              - {output: audio, rule: non_empty}
            resources: {cpu: 1, memory_mb: 256}
            """);
    static final String ENCODE_YAML = """
            id: media.encode
            version: 2.0.0
            intent:
              verbs: [encode]
              extensions: [wav]
              formats: [mp3, flac]
            inputs:
              audio: {type: file, required: true, extensions: [wav, flac]}
              format: {type: choice, choices: [mp3, flac], default: mp3}
            steps:
              - id: level
                worker: media.encode
                inputs: {audio: "${inputs.audio}"}
                params: {format: "${inputs.format}"}
            outputs:
              audio: ${steps.level.audio}
            failure_handling: {max_retries: 2, timeout_seconds: 600}
            verification:
              - {output: audio, rule: exists}
            resources: {cpu: 2, memory_mb: 128}
            """;
    static final TaskPackage ENCODE = VocabularyPackages.parse(ENCODE_YAML);
    static final TaskPackage CHECK = VocabularyPackages.parse("""
            id: data.check
            version: 1.0.0
            intent:
              verbs: [check]
              extensions: [wav, csv]
            inputs:
              data: {type: file, required: true}
            steps:
              - id: check
                worker: data.check
                inputs: {data: "${inputs.data}"}
            outputs:
              report: ${steps.check.report}
            verification:
              - {output: report, rule: extension, value: json}
            """);
    static final TaskPackage PACK = VocabularyPackages.parse("""
            id: archive.pack
            version: 1.0.0
            intent:
              verbs: [pack, zip]
              extract:
                source: {from: path}
            inputs:
              source: {type: string, required: true, fill: none}
            steps:
              - id: pack
                worker: archive.pack
                inputs: {source: "${inputs.source}"}
            outputs:
              archive: ${steps.pack.archive}
            """);
    static final List<TaskPackage> ALL = List.of(LEVEL, ENCODE, CHECK, PACK);

    private final PackageMatcher matcher = new PackageMatcher();

    @Test
    void theChainPrefixesInputsAndOutputsAndFeedsTheFirstOutputToTheSecondsFileInput() {
        TaskPackage chain = PackageChain.compose(List.of(LEVEL, ENCODE));

        assertThat(chain.id()).isEqualTo("sound.level+media.encode");
        assertThat(chain.version()).isEqualTo("1.2.0+2.0.0");
        assertThat(chain.ref()).isEqualTo("sound.level+media.encode@1.2.0+2.0.0");
        // encode's audio is fed by level's output: it is no input of the chain.
        assertThat(chain.inputs()).extracting(InputSpec::name)
                .containsExactly("level_audio", "level_target", "level_format", "encode_format");
        // Step ids stay unless they collide: encode's "level" step becomes encode_level.
        assertThat(chain.steps()).extracting(Step::id).containsExactly("measure", "level", "encode_level");
        assertThat(chain.steps().get(1).inputs()).containsEntry("stats", "${steps.measure.stats}");
        assertThat(chain.steps().get(2).inputs()).containsEntry("audio", "${steps.level.audio}");
        assertThat(chain.steps().get(2).params()).containsEntry("format", "${inputs.encode_format}");
        assertThat(chain.outputs()).containsExactly(Map.entry("level_audio", "${steps.level.audio}"),
                Map.entry("level_stats", "${steps.measure.stats}"), Map.entry("encode_audio", "${steps.encode_level.audio}"));
        assertThat(chain.verification()).extracting(VerificationRule::output).containsExactly("level_audio", "encode_audio");
    }

    @Test
    void policiesJoinToTheStricterAndTheHashCoversEveryPart() {
        TaskPackage chain = PackageChain.compose(List.of(LEVEL, ENCODE));

        assertThat(chain.approvalRequired()).isTrue();
        assertThat(chain.requiredApprovals()).isEqualTo(2);
        assertThat(chain.autoApprove()).isFalse();
        assertThat(chain.maxRetries()).isZero();
        assertThat(chain.timeoutSeconds()).isEqualTo(600);
        assertThat(chain.resources()).containsEntry("cpu", "2").containsEntry("memory_mb", "256");
        assertThat(chain.hash()).hasSize(64).isEqualTo(PackageChain.compose(List.of(LEVEL, ENCODE)).hash());
        TaskPackage changed = VocabularyPackages.parse(ENCODE_YAML.replace("default: mp3", "default: flac"));
        assertThat(PackageChain.compose(List.of(LEVEL, changed)).hash()).isNotEqualTo(chain.hash());
    }

    @Test
    void aRepeatedPackageGetsNumberedNames() {
        TaskPackage twice = PackageChain.compose(List.of(ENCODE, ENCODE));

        assertThat(twice.inputs()).extracting(InputSpec::name).containsExactly("encode_audio", "encode_format", "encode2_format");
        assertThat(twice.steps()).extracting(Step::id).containsExactly("level", "encode2_level");
    }

    @Test
    void chainRefsNameOnePackageAndVersionPerPart() {
        assertThat(PackageChain.partRefs("sound.level+media.encode@1.2.0+2.0.0"))
                .containsExactly("sound.level@1.2.0", "media.encode@2.0.0");
        assertThat(PackageChain.partRefs("sound.level+media.encode")).containsExactly("sound.level", "media.encode");
        assertThatThrownBy(() -> PackageChain.partRefs("sound.level+media.encode@1.2.0"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("names 2 packages but 1 versions");
        assertThatThrownBy(() -> PackageChain.partRefs("sound.level+../x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no chain of 2 to 6 package ids");
    }

    @Test
    void requestsInTurnBecomeOneChainedPackage() {
        PackageMatcher.Decision d = matcher.decide("level show.wav to -16 LUFS and then encode it to flac", ALL, 0.35, 0.1);

        assertThat(d.refusal()).isNull();
        assertThat(d.chosen().orElseThrow().taskPackage().id()).isEqualTo("sound.level+media.encode");
        assertThat(d.chosen().orElseThrow().reasons()).anyMatch(r -> r.startsWith("part 2 'encode it to flac' -> media.encode"));
        assertThat(d.chain()).extracting(PackageMatcher.ChainPart::text).containsExactly("level show.wav to -16 LUFS", "encode it to flac");
    }

    @Test
    void aLaterPartWithAFileOfItsOwnIsASeparateRequest() {
        PackageMatcher.Decision d = matcher.decide("level show.wav, then encode other.wav to mp3", ALL, 0.35, 0.1);

        assertThat(d.refusal()).isInstanceOf(CompoundIntentException.class)
                .hasMessageContaining("part 2 names a file of its own (other.wav)")
                .hasMessageContaining("bit submit \"level show.wav\" and bit submit \"encode other.wav to mp3\"");
        assertThat(((CompoundIntentException) d.refusal()).parts()).containsExactly("level show.wav", "encode other.wav to mp3");
    }

    @Test
    void aReportIsNotTakenForTheThingItReportsOn() {
        assertThat(matcher.decide("check take.wav and then encode it to mp3", ALL, 0.35, 0.1).refusal())
                .isInstanceOf(CompoundIntentException.class)
                .hasMessageContaining("data.check's output report is a .json report about its input");
    }

    @Test
    void aKindOfFileTheNextPartDoesNotTakeIsRefused() {
        assertThat(matcher.decide("encode show.wav to mp3 and then encode it to flac", ALL, 0.35, 0.1).refusal())
                .hasMessageContaining("media.encode makes mp3, which media.encode does not take (.wav, .flac)");
        assertThat(matcher.decide("level show.wav then pack it", ALL, 0.35, 0.1).refusal())
                .hasMessageContaining("archive.pack takes no file from an earlier step");
    }
}
