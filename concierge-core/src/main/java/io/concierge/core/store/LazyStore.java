package io.concierge.core.store;

import java.util.function.Supplier;

/**
 * A store opened on its first use. Its kind and location are known before, so callers can plan
 * around it (and report it) without reaching a database.
 */
final class LazyStore implements Store {
    private final String kind;
    private final String location;
    private final Supplier<Store> opener;
    private volatile Store store;

    LazyStore(String kind, String location, Supplier<Store> opener) {
        this.kind = kind;
        this.location = location;
        this.opener = opener;
    }

    private Store store() {
        Store open = store;
        if (open == null) {
            synchronized (this) {
                open = store;
                if (open == null) {
                    open = opener.get();
                    store = open;
                }
            }
        }
        return open;
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String location() {
        return store == null ? location : store.location();
    }

    @Override
    public JobRecords jobs() {
        return new JobRecords() {
            @Override
            public java.util.Optional<JobRecord> find(String id) {
                return store().jobs().find(id);
            }

            @Override
            public void create(JobRecord record) {
                store().jobs().create(record);
            }

            @Override
            public JobRecord update(String id, Lease fence, java.util.function.UnaryOperator<JobRecord> change) {
                return store().jobs().update(id, fence, change);
            }

            @Override
            public java.util.List<String> ids() {
                return store().jobs().ids();
            }

            @Override
            public JobPage list(JobQuery query) {
                return store().jobs().list(query);
            }
        };
    }

    @Override
    public DocumentRecords documents() {
        return new DocumentRecords() {
            @Override
            public java.util.Optional<String> get(DocumentKey key) {
                return store().documents().get(key);
            }

            @Override
            public void put(DocumentKey key, String content, Lease fence) {
                store().documents().put(key, content, fence);
            }

            @Override
            public java.util.List<String> names(DocumentKey.Kind kind, String jobId) {
                return store().documents().names(kind, jobId);
            }
        };
    }

    @Override
    public LogRecords logs() {
        return new LogRecords() {
            @Override
            public String append(String jobId, String log, Lease fence, java.util.function.UnaryOperator<String> lineAfter) {
                return store().logs().append(jobId, log, fence, lineAfter);
            }

            @Override
            public java.util.List<String> lines(String jobId, String log) {
                return store().logs().lines(jobId, log);
            }

            @Override
            public java.util.List<String> names(String jobId) {
                return store().logs().names(jobId);
            }
        };
    }

    @Override
    public WorkQueue queue() {
        return store().queue();
    }

    @Override
    public AgentRegistry agents() {
        return store().agents();
    }

    @Override
    public void close() {
        Store open = store;
        if (open != null) {
            open.close();
        }
    }
}
