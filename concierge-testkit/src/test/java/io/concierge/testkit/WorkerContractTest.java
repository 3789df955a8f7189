package io.concierge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.worker.Worker;
import io.concierge.api.worker.WorkerContext;
import io.concierge.api.worker.WorkerDescriptor;
import io.concierge.api.worker.WorkerResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link WorkerContract} passes a worker that keeps the rules and names each rule a broken worker breaks. */
class WorkerContractTest {
    private static final String NOTES = "hello world\nsecond line\n";

    /** A worker that keeps every rule: validates, writes through scratch into its artifacts, honours halts. */
    static class UpperWorker implements Worker {
        final AtomicInteger halts = new AtomicInteger();
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public WorkerDescriptor descriptor() {
            return new WorkerDescriptor("text.upper", "1.0.0", "upper-cases a text file", List.of("text_file"),
                    List.of("delay_ms"), List.of("text"));
        }

        @Override
        public void validate(WorkerContext context) {
            context.inputFile("text_file");
            if (context.params().integer("delay_ms", 0) < 0) {
                throw new InvalidInputException("param delay_ms must not be negative");
            }
        }

        @Override
        public WorkerResult execute(WorkerContext context) throws Exception {
            runs.incrementAndGet();
            Path in = context.inputFile("text_file");
            long delay = context.params().integer("delay_ms", 0);
            try {
                for (long waited = 0; waited < delay; waited += 10) {
                    context.checkHalted();
                    Thread.sleep(10);
                }
            } catch (WorkerContext.HaltedException | InterruptedException e) {
                halts.incrementAndGet();
                throw e;
            }
            Path partial = context.scratchDir().resolve("partial");
            Files.writeString(partial, Files.readString(in).toUpperCase(Locale.ROOT));
            Path out = context.outputFile(in.getFileName().toString().toUpperCase(Locale.ROOT));
            Files.move(partial, out);
            return WorkerResult.builder().output("text", out).build();
        }
    }

    private static WorkerContract contract(Worker worker) {
        return WorkerContract.forWorker(worker).withInputFile("text_file", "notes.txt", NOTES)
                .withHaltCheckParam("delay_ms", "60000");
    }

    /** Asserts the contract fails naming {@code rule} and no other rule, with each fragment in its message. */
    private static AssertionError assertBreaks(WorkerContract contract, String rule, String... fragments) {
        AssertionError error = catchThrowableOfType(AssertionError.class, contract::check);
        assertThat(error).as("the contract should have failed with [%s]", rule).isNotNull();
        Set<String> rules = Arrays.stream(error.getMessage().split("\n")).skip(1)
                .map(line -> line.strip().substring(1, line.strip().indexOf(']'))).collect(Collectors.toSet());
        assertThat(rules).as(error.getMessage()).containsExactly(rule);
        assertThat(error.getMessage()).contains(fragments);
        return error;
    }

    // --- workers that keep the rules ---

    @Test
    void wellBehavedWorkerPassesAndIsReallyHaltedTwice() {
        UpperWorker worker = new UpperWorker();
        contract(worker).check();
        // execute once normally, then once halted from the start and once halted while it waited
        assertThat(worker.runs).hasValue(3);
        assertThat(worker.halts).hasValue(2);
    }

    @Test
    void realFileInputIsCopiedIntoTheSandboxAndLeftAlone(@TempDir Path tmp) throws Exception {
        Path source = Files.writeString(tmp.resolve("notes.txt"), NOTES);
        WorkerContract.forWorker(new UpperWorker()).withInputFile("text_file", source).skipHaltCheck().check();
        assertThat(Files.readString(source)).isEqualTo(NOTES);
        assertThat(tmp).isDirectoryContaining(p -> p.getFileName().toString().equals("notes.txt"));
        try (var files = Files.list(tmp)) {
            assertThat(files).hasSize(1);
        }
    }

    // --- [writes] ---

    @Test
    void writingBesideTheInputBreaksTheWritesRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                Path in = context.inputFile("text_file");
                Files.writeString(in.resolveSibling("notes.txt.bak"), NOTES);
                return super.execute(context);
            }
        };
        assertBreaks(contract(worker), "writes", "wrote outside its artifacts folder: inputs/notes.txt.bak (new file)");
    }

    @Test
    void changingTheInputOrWritingInTheJobFolderBreaksTheWritesRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                WorkerResult result = super.execute(context);
                Files.writeString(context.inputFile("text_file"), "overwritten");
                Files.createDirectories(context.artifactsDir().getParent().resolve("cache"));
                return result;
            }
        };
        assertBreaks(contract(worker).skipHaltCheck(), "writes", "inputs/notes.txt (changed)", "job/cache/ (new folder)");
    }

    // --- [validate] ---

    @Test
    void workerThatDoesNotValidateBreaksTheValidateRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public void validate(WorkerContext context) {
            }
        };
        assertBreaks(contract(worker), "validate",
                "validate accepted the inputs with input 'text_file' left out; it must throw a ConciergeException naming 'text_file'",
                "with input 'text_file' blank", "with input 'text_file' naming a file that does not exist");
    }

    @Test
    void refusalThatDoesNotNameTheInputBreaksTheValidateRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public void validate(WorkerContext context) {
                String value = context.inputs().get("text_file", "");
                if (value.isEmpty() || !Files.exists(Path.of(value))) {
                    throw new InvalidInputException("something is wrong");
                }
            }
        };
        assertBreaks(contract(worker), "validate", "whose message does not name the input 'text_file'");
    }

    @Test
    void refusalWithAPlainExceptionBreaksTheValidateRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public void validate(WorkerContext context) {
                if (!context.inputs().find("text_file").map(Path::of).map(Files::exists).orElse(false)) {
                    throw new IllegalArgumentException("text_file is missing");
                }
            }
        };
        assertBreaks(contract(worker), "validate",
                "threw IllegalArgumentException: text_file is missing instead of a ConciergeException");
    }

    @Test
    void writingBeforeValidatingBreaksTheValidateRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public void validate(WorkerContext context) {
                try {
                    Files.writeString(context.outputFile("started.txt"), "started");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                super.validate(context);
            }
        };
        assertBreaks(contract(worker), "validate", "validate wrote job/artifacts/started.txt (new file)",
                "validate with input 'text_file' left out wrote job/artifacts/started.txt (new file)");
    }

    @Test
    void refusingTheValidInputsIsReportedAsTheContractsOwnInputsBeingWrong() {
        AssertionError error = assertBreaks(WorkerContract.forWorker(new UpperWorker())
                        .withInputFile("text_file", "notes.txt", NOTES).withParam("delay_ms", "-1"), "validate",
                "validate refused the valid inputs", "param delay_ms must not be negative");
        assertThat(error).hasCauseInstanceOf(InvalidInputException.class);
    }

    // --- [outputs] and [execute] ---

    @Test
    void notReportingADeclaredOutputBreaksTheOutputsRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerDescriptor descriptor() {
                return new WorkerDescriptor("text.upper", "1.0.0", "upper-cases a text file", List.of("text_file"),
                        List.of("delay_ms"), List.of("text", "report"));
            }
        };
        assertBreaks(contract(worker), "outputs", "did not report declared output 'report' (it reported [text])");
    }

    @Test
    void reportingAFileOutsideTheArtifactsBreaksTheOutputsRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                Path out = Files.writeString(context.scratchDir().resolve("text.txt"), "x");
                return WorkerResult.builder().output("text", out).build();
            }
        };
        assertBreaks(contract(worker).skipHaltCheck(), "outputs", "output 'text' is ", "outside the artifacts folder");
    }

    @Test
    void reportingAMissingOrUndeclaredOutputBreaksTheOutputsRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) {
                return WorkerResult.builder().output("text", context.outputFile("never-written.txt"))
                        .output("extra", context.outputFile("extra.txt")).build();
            }
        };
        assertBreaks(contract(worker).skipHaltCheck(), "outputs", "never-written.txt, which does not exist",
                "reported output 'extra', which the descriptor does not declare");
    }

    @Test
    void failingWithValidInputsBreaksTheExecuteRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) {
                throw new IllegalStateException("disk on fire");
            }
        };
        AssertionError error = assertBreaks(contract(worker).skipHaltCheck(), "execute",
                "execute failed with the valid inputs", "IllegalStateException: disk on fire");
        assertThat(error).hasCauseInstanceOf(IllegalStateException.class);
    }

    // --- [halt] ---

    @Test
    void workerThatIgnoresHaltsBreaksTheHaltRule() {
        CountDownLatch release = new CountDownLatch(1);
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                if (context.params().integer("delay_ms", 0) > 0) {
                    awaitIgnoringInterrupts(release);
                }
                return super.execute(context);
            }
        };
        try {
            assertBreaks(contract(worker).haltBound(Duration.ofMillis(200)), "halt",
                    "(halted from the start) the worker was still running 200 ms after the halt (it asked isHalted() 0 times)",
                    "(halted 100 ms after it started) the worker was still running 200 ms after the halt");
        } finally {
            release.countDown();
        }
    }

    @Test
    void swallowingTheHaltForAnotherFailureBreaksTheHaltRule() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                try {
                    return super.execute(context);
                } catch (WorkerContext.HaltedException | InterruptedException e) {
                    throw new IllegalStateException("gave up");
                }
            }
        };
        assertBreaks(contract(worker), "halt",
                "(halted from the start) threw IllegalStateException: gave up instead of WorkerContext.HaltedException");
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // deliberately ignored: this worker breaks the halt rule
            }
        }
    }

    // --- [descriptor] ---

    @Test
    void malformedDescriptorBreaksTheDescriptorRule() {
        Worker worker = new UpperWorker() {
            @Override
            public WorkerDescriptor descriptor() {
                return new WorkerDescriptor("text.bad", "1.0.0", " ", List.of("Text-File"), List.of("Text-File"), List.of());
            }
        };
        assertBreaks(WorkerContract.forWorker(worker), "descriptor", "the description is empty", "declares no outputs",
                "input name 'Text-File' is malformed", "'Text-File' is declared both as an input and as a param");
    }

    @Test
    void undeclaredInputOrParamBreaksTheDescriptorRule() {
        assertBreaks(contract(new UpperWorker()).withInput("encoding", "utf-8").withParam("verbose", "true"), "descriptor",
                "input 'encoding' is given to the contract but the descriptor does not declare it (declared inputs: [text_file])",
                "param 'verbose' is given to the contract but the descriptor does not declare it");
    }

    @Test
    void everyBrokenRuleIsListedInOneMessage() {
        UpperWorker worker = new UpperWorker() {
            @Override
            public void validate(WorkerContext context) {
            }

            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                Path in = context.inputFile("text_file");
                Files.writeString(in.resolveSibling("copy.txt"), "x");
                return WorkerResult.of(java.util.Map.of());
            }
        };
        assertThatThrownBy(contract(worker).skipHaltCheck()::check).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("worker text.upper@1.0.0 (")
                .hasMessageContaining("breaks the worker contract:\n  [validate]")
                .hasMessageContaining("\n  [writes] wrote outside its artifacts folder: inputs/copy.txt (new file)")
                .hasMessageContaining("\n  [outputs] did not report declared output 'text'");
    }

    @Test
    void sandboxesAreDeletedAfterTheCheck() throws Exception {
        List<Path> sandboxes = new java.util.concurrent.CopyOnWriteArrayList<>();
        UpperWorker worker = new UpperWorker() {
            @Override
            public WorkerResult execute(WorkerContext context) throws Exception {
                sandboxes.add(context.artifactsDir().getParent().getParent());
                return super.execute(context);
            }
        };
        contract(worker).check();
        assertThat(sandboxes).hasSize(3).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).doesNotExist());
    }
}
