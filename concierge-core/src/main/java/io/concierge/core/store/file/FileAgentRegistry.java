package io.concierge.core.store.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.ConciergeException;
import io.concierge.api.failure.InvalidInputException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.core.store.AgentInfo;
import io.concierge.core.store.AgentRegistry;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileWorkspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agents of a file store: one JSON file per agent, {@code .concierge/agents/<id>.json},
 * replaced atomically at every heartbeat and deleted when the agent signs off. An agent that
 * died leaves its file behind with an old heartbeat, which is how a reader tells it is dead.
 */
public final class FileAgentRegistry implements AgentRegistry {
    private static final System.Logger LOG = System.getLogger(FileAgentRegistry.class.getName());

    private final FileWorkspace workspace;

    /**
     * The registry of a workspace.
     *
     * @param workspace the workspace
     */
    public FileAgentRegistry(FileWorkspace workspace) {
        this.workspace = workspace;
    }

    @Override
    public void heartbeat(AgentInfo agent) {
        ObjectNode node = workspace.codecs().object();
        node.put("id", agent.id());
        node.put("host", agent.host());
        node.put("pid", agent.pid());
        node.put("started_at", agent.startedAt().toString());
        node.put("heartbeat_at", agent.heartbeatAt().toString());
        node.put("concurrency", agent.concurrency());
        agent.packages().forEach(node.putArray("packages")::add);
        agent.currentJobs().forEach(node.putArray("current_jobs")::add);
        node.put("state", agent.state());
        AtomicFiles.write(file(agent.id()), workspace.codecs().writePrettyJson(node));
    }

    @Override
    public List<AgentInfo> list() {
        Path dir = dir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new WorkspaceIoException("list the agents in", dir, e);
        }
        List<AgentInfo> agents = new ArrayList<>();
        for (Path file : files) {
            try {
                agents.add(read(file));
            } catch (ConciergeException | DateTimeParseException e) {
                // a file removed while listed (the agent signed off), or one a person broke
                LOG.log(System.Logger.Level.DEBUG, () -> "agents: skipping " + file + ": " + e.getMessage());
            }
        }
        return agents;
    }

    @Override
    public void remove(String agentId) {
        Path file = file(agentId);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new WorkspaceIoException("delete", file, e);
        }
    }

    private AgentInfo read(Path file) {
        JsonNode n = workspace.codecs().readJson(file, "agent file");
        List<String> packages = new ArrayList<>();
        n.path("packages").forEach(p -> packages.add(p.asText()));
        List<String> jobs = new ArrayList<>();
        n.path("current_jobs").forEach(j -> jobs.add(j.asText()));
        return new AgentInfo(n.path("id").asText(), n.path("host").asText(), n.path("pid").asLong(),
                Instant.parse(n.path("started_at").asText()), Instant.parse(n.path("heartbeat_at").asText()),
                n.path("concurrency").asInt(), packages, jobs, n.path("state").asText());
    }

    private Path dir() {
        return workspace.stateDir().resolve("agents");
    }

    private Path file(String agentId) {
        if (!agentId.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")) {
            throw new InvalidInputException("agent id '" + agentId + "' is not valid: letters, digits, '_', '.' and '-'");
        }
        return dir().resolve(agentId + ".json");
    }
}
