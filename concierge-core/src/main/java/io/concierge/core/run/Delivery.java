package io.concierge.core.run;

import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.plan.Step;
import io.concierge.core.codec.Codecs;
import io.concierge.core.pkg.DeliveryStep;
import io.concierge.core.plan.StepReference;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Performs a run's delivery steps ({@link DeliveryStep}) once every worker step finished and the
 * outputs passed verification: each output is copied to the destination the approved plan names,
 * whole or not at all, and stays in {@code artifacts/} too.
 *
 * <p>What is checked again here, right before writing, because the world outside the workspace
 * may have changed since the plan was approved: the folder exists and still is the real path the
 * plan shows (a folder swapped for a symbolic link since is refused); the target name is no
 * symbolic link (never written through, even with {@code overwrite}) and no folder; a different
 * file already there is replaced only with {@code overwrite: true}. The same bytes already there
 * count as delivered, so a resumed or forced run does not fail on its own earlier delivery.
 */
final class Delivery {
    /** Where one output went, for the manifest. */
    record Delivered(String stepId, String artifact, Path to, String sha256, boolean alreadyThere) {
    }

    /** Why a delivery failed: a type for the event log and one line for a person. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String type;

        Refused(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }
    }

    private final StepEvents events;
    private final Clock clock;

    Delivery(StepEvents events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * Delivers the outputs {@code steps} name, in order, adding each to {@code delivered}; returns
     * null when all went (or were skipped), else the outcome that fails or halts the run.
     */
    RunOutcome deliver(RunSession session, List<Step> steps, List<Delivered> delivered) {
        for (Step step : steps) {
            if (session.halt().requested()) {
                return RunOutcome.halted("halted by " + session.halt().requestedBy() + " before step " + step.id());
            }
            StepReference source = StepReference.parse(step.inputs().getOrDefault(DeliveryStep.FILE, "")).orElse(null);
            if (source == null || !session.outputs().containsKey(source.stepId())) {
                // Its step failed with on_failure: continue; there is nothing to deliver.
                events.skipped(session, step, "needs step " + (source == null ? "?" : source.stepId())
                        + ", which did not complete", "");
                continue;
            }
            events.started(session, step, DeliveryStep.WORKER, "1.0.0", 1);
            Instant t0 = clock.instant();
            try {
                Delivered done = copy(session, step, source);
                delivered.add(done);
                Map<String, Object> facts = new LinkedHashMap<>();
                facts.put("delivered_to", done.to().toString());
                facts.put("sha256", done.sha256());
                if (done.alreadyThere()) {
                    facts.put("already_there", true);
                }
                events.completed(session, step, 1, events.secondsSince(t0), Map.of(), facts, "");
            } catch (Refused r) {
                events.failed(session, step, 1, events.secondsSince(t0), r.type, r.getMessage());
                if (!step.continueOnFailure()) {
                    return RunOutcome.failed("step " + step.id() + " failed: " + r.getMessage());
                }
            } catch (IOException e) {
                String message = "cannot write the events of step " + step.id() + " (" + WorkspaceIoException.reason(e) + ")";
                events.failed(session, step, 1, events.secondsSince(t0), "workspace.unwritable", message);
                return RunOutcome.failed("step " + step.id() + " failed: " + message);
            }
        }
        return null;
    }

    private Delivered copy(RunSession session, Step step, StepReference source) throws Refused {
        Path artifact = session.file(source);
        if (artifact == null || !Files.isRegularFile(artifact, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("delivery.source.missing", "step " + source.stepId() + " produced no output '"
                    + source.output() + "' to deliver");
        }
        String to = step.params().getOrDefault(DeliveryStep.TO, "");
        boolean overwrite = "true".equals(step.params().get(DeliveryStep.OVERWRITE));
        String again = "; run it again once fixed with: bit run --job-id " + session.jobId() + " --resume";
        Path planned = artifact.getFileSystem().getPath(to.endsWith("/") && to.length() > 1 ? to.substring(0, to.length() - 1) : to);
        Path folder = to.endsWith("/") ? planned : planned.getParent();
        Path target = to.endsWith("/") ? planned.resolve(artifact.getFileName().toString()) : planned;
        if (folder == null || !planned.isAbsolute()) {
            throw new Refused("delivery.destination.invalid", "the plan's destination '" + to
                    + "' is not an absolute path; plan the job again with: bit plan generate --job-id " + session.jobId());
        }
        if (!Files.isDirectory(folder)) {
            throw new Refused("delivery.folder.missing", "destination folder " + folder + " does not exist (any more);"
                    + " create it" + again);
        }
        try {
            Path real = folder.toRealPath();
            if (!real.equals(folder)) {
                throw new Refused("delivery.destination.changed", "destination folder " + folder + " now leads to " + real
                        + " (a symbolic link changed since the plan was approved); nothing was delivered: plan and approve"
                        + " the job again to deliver there");
            }
        } catch (IOException e) {
            throw new Refused("delivery.folder.unreadable", "cannot read destination folder " + folder + " ("
                    + WorkspaceIoException.reason(e) + ")" + again);
        }
        if (Files.isSymbolicLink(target)) {
            throw new Refused("delivery.target.link", target + " is a symbolic link; Concierge never writes through a"
                    + " link at the destination: remove it or choose another destination");
        }
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("delivery.target.folder", target + " is a folder; deliver into it with a destination ending"
                    + " in '/', or choose another name");
        }
        try {
            String sha256 = Codecs.sha256(artifact);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (Codecs.sha256(target).equals(sha256)) {
                    return new Delivered(step.id(), artifact.getFileName().toString(), target, sha256, true);
                }
                if (!overwrite) {
                    throw exists(target, artifact);
                }
            }
            write(artifact, target, overwrite);
            if (!Codecs.sha256(target).equals(sha256)) {
                throw new Refused("delivery.corrupt", target + " does not read back as the artifact it was copied from;"
                        + " check the destination's disk" + again);
            }
            return new Delivered(step.id(), artifact.getFileName().toString(), target, sha256, false);
        } catch (FileAlreadyExistsException e) {
            throw exists(target, artifact);
        } catch (IOException e) {
            throw new Refused("delivery.failed", "cannot deliver " + artifact.getFileName() + " to " + target + " ("
                    + WorkspaceIoException.reason(e) + ")" + again);
        }
    }

    private static Refused exists(Path target, Path artifact) {
        return new Refused("delivery.exists", target + " already exists and differs from " + artifact.getFileName()
                + "; it is not replaced unless the job says so: move it away and run the job again with --resume, or"
                + " re-plan the job, set its overwrite input to true (bit job set ... overwrite=true), plan and approve it again");
    }

    /**
     * Copies beside the target under a hidden name, flushes, then puts it in place in one step:
     * a rename that replaces (with overwrite), else a hard link, which fails when the name is
     * taken, so a file that appears meanwhile is not replaced. Where hard links are not
     * supported, a rename that refuses an existing target.
     */
    private static void write(Path artifact, Path target, boolean overwrite) throws IOException {
        Path partial = target.resolveSibling("." + target.getFileName() + ".concierge-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".partial");
        try {
            Files.copy(artifact, partial, StandardCopyOption.COPY_ATTRIBUTES);
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (overwrite) {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            try {
                Files.createLink(target, partial);
            } catch (FileAlreadyExistsException taken) {
                throw taken;
            } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                Files.move(partial, target); // a file system without hard links (FAT, some network shares)
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
