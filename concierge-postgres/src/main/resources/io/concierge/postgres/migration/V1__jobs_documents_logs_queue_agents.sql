-- The records of one Concierge store, in the schema named by store.schema (default concierge).
-- Columns that are sorted or compared with ids use the "C" collation: the database then orders
-- them as Java orders strings, whatever the database's locale, and ids sort in creation order.

-- Jobs: the canonical job.yaml text, the fields listings and claims filter on, and the lease.
-- lease_token grows with every claim and is never reset: it is the fencing token. A lease is
-- live while lease_expires_at lies in the future (by the database's clock); released, it is NULL.
CREATE TABLE jobs (
    id               text COLLATE "C" PRIMARY KEY,
    version          bigint           NOT NULL,
    status           text             NOT NULL,
    package_ref      text             NOT NULL,
    package_name     text COLLATE "C" NOT NULL,
    created_at       timestamptz      NOT NULL,
    updated_at       timestamptz      NOT NULL,
    content          text             NOT NULL,
    lease_holder     text,
    lease_token      bigint           NOT NULL DEFAULT 0,
    lease_expires_at timestamptz
);

-- bit job list: newest first, all or by status, paged by (created_at, id).
CREATE INDEX jobs_newest ON jobs (created_at DESC, id DESC);
CREATE INDEX jobs_status_newest ON jobs (status, created_at DESC, id DESC);
-- Claims: only the few jobs that can be queued, oldest first.
CREATE INDEX jobs_claimable ON jobs (created_at, id) WHERE status IN ('APPROVED', 'RUNNING');

-- Intents (job_id ''), plans, manifests and seals, each written whole.
CREATE TABLE documents (
    kind    text             NOT NULL,
    job_id  text COLLATE "C" NOT NULL,
    name    text COLLATE "C" NOT NULL,
    content text             NOT NULL,
    PRIMARY KEY (kind, job_id, name)
);

-- Event logs, one row per line, numbered from 1 within each log.
CREATE TABLE logs (
    job_id text COLLATE "C" NOT NULL,
    log    text COLLATE "C" NOT NULL,
    seq    bigint           NOT NULL,
    line   text             NOT NULL,
    PRIMARY KEY (job_id, log, seq)
);

-- Agents as their last heartbeat describes them.
CREATE TABLE agents (
    id           text COLLATE "C" PRIMARY KEY,
    host         text,
    pid          bigint  NOT NULL,
    started_at   timestamptz,
    heartbeat_at timestamptz,
    concurrency  integer NOT NULL,
    packages     text[]  NOT NULL,
    current_jobs text[]  NOT NULL,
    state        text
);

-- Wakes waiting agents (LISTEN "<schema>_work") whenever work may have been queued, whoever
-- wrote: the dashboard's approval, bit approve, or an agent giving a job back. The notification
-- is delivered when the writing transaction commits.
CREATE FUNCTION notify_work() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_work', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER jobs_inserted_approved AFTER INSERT ON jobs
    FOR EACH ROW WHEN (NEW.status = 'APPROVED')
    EXECUTE FUNCTION notify_work();

CREATE TRIGGER jobs_queued AFTER UPDATE ON jobs
    FOR EACH ROW WHEN ((NEW.status = 'APPROVED' AND OLD.status IS DISTINCT FROM 'APPROVED')
                       OR (OLD.lease_expires_at IS NOT NULL AND NEW.lease_expires_at IS NULL
                           AND NEW.status IN ('APPROVED', 'RUNNING')))
    EXECUTE FUNCTION notify_work();
