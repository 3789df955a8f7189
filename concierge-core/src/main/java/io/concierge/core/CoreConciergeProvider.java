package io.concierge.core;

import io.concierge.api.Concierge;
import io.concierge.api.ConciergeOptions;
import io.concierge.api.spi.ConciergeProvider;

/** Registers the file-backed implementation with {@link Concierge#open(java.nio.file.Path)}. */
public final class CoreConciergeProvider implements ConciergeProvider {
    @Override
    public Concierge open(ConciergeOptions options) {
        return new DefaultConcierge(options);
    }

    @Override
    public io.concierge.api.trust.KeyRing keyRing(java.nio.file.Path folder) {
        return new io.concierge.core.trust.FolderKeyRing(folder);
    }
}
