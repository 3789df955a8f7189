package io.concierge.core.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.core.codec.Codecs;
import io.concierge.core.workspace.AtomicFiles;
import io.concierge.core.workspace.FileWorkspace;
import io.concierge.core.workspace.IdPrefixes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Intents as {@code intents/<hash>.json}. */
public final class IntentStore {
    private static final String SUFFIX = ".json";
    private final FileWorkspace workspace;
    private final Codecs codecs;
    private final IntentSynthesizer synthesizer;

    /** Creates the store of {@code workspace}. */
    public IntentStore(FileWorkspace workspace, IntentSynthesizer synthesizer) {
        this.workspace = workspace;
        this.codecs = workspace.codecs();
        this.synthesizer = synthesizer;
    }

    /** Writes (or rewrites, making it the newest) an intent. */
    public void save(Intent intent) {
        ObjectNode node = synthesizer.content(intent);
        node.remove("synthesis_version");
        ObjectNode out = codecs.object();
        out.put("id", intent.id());
        out.put("synthesis_version", IntentSynthesizer.SYNTHESIS_VERSION);
        out.setAll(node);
        out.put("synthesized_at", intent.synthesizedAt().toString());
        AtomicFiles.write(workspace.intentsDir().resolve(intent.id() + SUFFIX), codecs.writePrettyJson(out));
    }

    /** All intents, least recently synthesized first. */
    public List<Intent> list() {
        List<Intent> intents = new ArrayList<>();
        for (String id : ids()) {
            intents.add(read(id));
        }
        intents.sort(Comparator.comparing(Intent::synthesizedAt).thenComparing(Intent::id));
        return intents;
    }

    /** The intent with this id or unique prefix. */
    public Intent get(String idOrPrefix) {
        String id = IdPrefixes.resolve(ids(), idOrPrefix.toLowerCase(java.util.Locale.ROOT), "intent", "bit intent list");
        return read(id);
    }

    private List<String> ids() {
        Path dir = workspace.intentsDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(SUFFIX) && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - SUFFIX.length()))
                    .filter(n -> n.matches("[0-9a-f]{64}"))
                    .toList();
        } catch (IOException e) {
            throw new WorkspaceIoException("list the intents in", dir, e);
        }
    }

    private Intent read(String id) {
        Path file = workspace.intentsDir().resolve(id + SUFFIX);
        JsonNode node = codecs.readJson(file, "intent");
        try {
            List<Quantity> quantities = new ArrayList<>();
            node.path("quantities").forEach(q -> quantities.add(new Quantity(q.path("value").asDouble(), q.path("unit").asText())));
            return new Intent(node.path("id").asText(id), node.path("text").asText(), node.path("distilled").asText(),
                    node.path("verb").asText(), strings(node.path("keywords")), strings(node.path("files")), quantities,
                    strings(node.path("formats")), strings(node.path("success_criteria")),
                    strings(node.path("constraints")), Instant.parse(node.path("synthesized_at").asText()));
        } catch (RuntimeException e) {
            throw new InvalidWorkspaceException("intent " + file + " is malformed (" + e.getMessage()
                    + "); delete it and synthesize the text again", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
