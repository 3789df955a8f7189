package io.concierge.api.workspace;

import java.nio.file.Path;

/**
 * The folder a Concierge works in, laid out as DESIGN.md describes: {@code concierge.json},
 * {@code intents/}, {@code jobs/<id>/{job.yaml,plans/,logs/,artifacts/}}, {@code packages/},
 * {@code plugins/} and the rebuildable {@code .concierge/}. Every path is on the workspace's own
 * {@link java.nio.file.FileSystem}, which may be an in-memory one.
 *
 * @since 0.1.0
 */
public interface Workspace {

    /**
     * The workspace folder.
     *
     * @return the root folder
     */
    Path root();

    /**
     * {@code jobs/<jobId>}.
     *
     * @param jobId the job id
     * @return the job's folder
     */
    default Path jobDir(String jobId) {
        return root().resolve("jobs").resolve(jobId);
    }

    /**
     * {@code jobs/<jobId>/artifacts}.
     *
     * @param jobId the job id
     * @return the job's artifacts folder
     */
    default Path artifactsDir(String jobId) {
        return jobDir(jobId).resolve("artifacts");
    }

    /**
     * {@code jobs/<jobId>/logs/run-<runId>.jsonl}.
     *
     * @param jobId the job id
     * @param runId the run id
     * @return the run's event log file
     */
    default Path runLog(String jobId, String runId) {
        return jobDir(jobId).resolve("logs").resolve("run-" + runId + ".jsonl");
    }
}
