package io.concierge.core.store.file;

import io.concierge.core.store.AgentRegistry;
import io.concierge.core.store.DocumentRecords;
import io.concierge.core.store.JobRecords;
import io.concierge.core.store.LogRecords;
import io.concierge.core.store.Store;
import io.concierge.core.store.WorkQueue;
import io.concierge.core.workspace.FileWorkspace;
import java.time.Clock;

/**
 * The workspace folder as a store: the default, and the layout the guide's scripts read.
 */
public final class FileStore implements Store {
    private final FileWorkspace workspace;
    private final FileJobRecords jobs;
    private final FileDocumentRecords documents;
    private final FileLogRecords logs;

    /**
     * Opens the store of a workspace.
     *
     * @param workspace the workspace folder
     */
    public FileStore(FileWorkspace workspace) {
        this.workspace = workspace;
        Fences fences = (jobId, fence, write) -> {
            if (fence == null) {
                write.run();
            } else {
                FileWorkQueue.fenced(workspace, jobId, fence, write);
            }
        };
        this.jobs = new FileJobRecords(workspace, fences);
        this.documents = new FileDocumentRecords(workspace, fences);
        this.logs = new FileLogRecords(workspace, fences);
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public String location() {
        return workspace.root().toString();
    }

    @Override
    public JobRecords jobs() {
        return jobs;
    }

    @Override
    public DocumentRecords documents() {
        return documents;
    }

    @Override
    public LogRecords logs() {
        return logs;
    }

    /** A queue of its own on each call: each waits on its own watch of {@code .concierge/queue/}. */
    @Override
    public WorkQueue queue() {
        return new FileWorkQueue(workspace, jobs, Clock.systemUTC());
    }

    @Override
    public AgentRegistry agents() {
        return new FileAgentRegistry(workspace);
    }

    @Override
    public void close() {
        // nothing is held open between calls
    }
}
