package io.concierge.core.intent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concierge.api.failure.InvalidWorkspaceException;
import io.concierge.api.failure.WorkspaceIoException;
import io.concierge.api.intent.Intent;
import io.concierge.api.intent.Quantity;
import io.concierge.core.codec.Codecs;
import io.concierge.core.store.DocumentKey;
import io.concierge.core.store.Store;
import io.concierge.core.store.file.FileStore;
import java.nio.charset.StandardCharsets;
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
    private final Store store;

    /** Creates the intents of {@code workspace}, kept in the workspace itself. */
    public IntentStore(FileWorkspace workspace, IntentSynthesizer synthesizer) {
        this(workspace, synthesizer, new FileStore(workspace));
    }

    /**
     * Creates the intents of {@code workspace}, kept in {@code store}.
     *
     * @param workspace   the workspace
     * @param synthesizer what turns text into intents (and intents into their stored content)
     * @param store       where the intents are
     */
    public IntentStore(FileWorkspace workspace, IntentSynthesizer synthesizer, Store store) {
        this.workspace = workspace;
        this.codecs = workspace.codecs();
        this.synthesizer = synthesizer;
        this.store = store;
    }

    private static DocumentKey key(String id) {
        return new DocumentKey(DocumentKey.Kind.INTENT, "", id);
    }

    private String source(String id) {
        return store.kind().equals("file") ? workspace.intentsDir().resolve(id + SUFFIX).toString()
                : id + " in " + store.location();
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
        store.documents().put(key(intent.id()), new String(codecs.writePrettyJson(out), StandardCharsets.UTF_8), null);
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
        return store.documents().names(DocumentKey.Kind.INTENT, "").stream()
                .filter(n -> n.matches("[0-9a-f]{64}")).toList();
    }

    private Intent read(String id) {
        String text = store.documents().get(key(id))
                .orElseThrow(() -> new io.concierge.api.failure.NotFoundException("intent " + source(id) + " does not exist"));
        JsonNode node = codecs.parseJson(text.getBytes(StandardCharsets.UTF_8), "intent " + source(id));
        try {
            List<Quantity> quantities = new ArrayList<>();
            node.path("quantities").forEach(q -> quantities.add(new Quantity(q.path("value").asDouble(), q.path("unit").asText())));
            return new Intent(node.path("id").asText(id), node.path("text").asText(), node.path("distilled").asText(),
                    node.path("verb").asText(), strings(node.path("keywords")), strings(node.path("files")), quantities,
                    strings(node.path("formats")), strings(node.path("success_criteria")),
                    strings(node.path("constraints")), Instant.parse(node.path("synthesized_at").asText()));
        } catch (RuntimeException e) {
            throw new InvalidWorkspaceException("intent " + source(id) + " is malformed (" + e.getMessage()
                    + "); delete it and synthesize the text again", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }
}
