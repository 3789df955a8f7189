package io.concierge.postgres;

import io.concierge.core.store.AgentInfo;
import io.concierge.core.store.AgentRegistry;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Agents in the {@code agents} table, one row per agent, replaced by each heartbeat. */
final class PostgresAgents implements AgentRegistry {
    private final Database database;

    PostgresAgents(Database database) {
        this.database = database;
    }

    @Override
    public void heartbeat(AgentInfo agent) {
        database.transaction("record the heartbeat of agent " + agent.id(), connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO agents (id, host, pid, started_at,"
                    + " heartbeat_at, concurrency, packages, current_jobs, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid, started_at = EXCLUDED.started_at,"
                    + " heartbeat_at = EXCLUDED.heartbeat_at, concurrency = EXCLUDED.concurrency, packages = EXCLUDED.packages,"
                    + " current_jobs = EXCLUDED.current_jobs, state = EXCLUDED.state")) {
                upsert.setString(1, agent.id());
                upsert.setString(2, agent.host());
                upsert.setLong(3, agent.pid());
                Database.setInstant(upsert, 4, agent.startedAt());
                Database.setInstant(upsert, 5, agent.heartbeatAt());
                upsert.setInt(6, agent.concurrency());
                upsert.setArray(7, Database.textArray(connection, agent.packages()));
                upsert.setArray(8, Database.textArray(connection, agent.currentJobs()));
                upsert.setString(9, agent.state());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public List<AgentInfo> list() {
        return database.transaction("list the agents", connection -> {
            List<AgentInfo> agents = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT id, host, pid, started_at, heartbeat_at,"
                    + " concurrency, packages, current_jobs, state FROM agents ORDER BY id");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    agents.add(new AgentInfo(rows.getString("id"), rows.getString("host"), rows.getLong("pid"),
                            Database.instant(rows, "started_at"), Database.instant(rows, "heartbeat_at"), rows.getInt("concurrency"),
                            strings(rows.getArray("packages")), strings(rows.getArray("current_jobs")), rows.getString("state")));
                }
            }
            return agents;
        });
    }

    @Override
    public void remove(String agentId) {
        database.transaction("remove agent " + agentId, connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM agents WHERE id = ?")) {
                delete.setString(1, agentId);
                return delete.executeUpdate();
            }
        });
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
