package io.concierge.api.spi;

import io.concierge.api.Concierge;
import io.concierge.api.ConciergeOptions;

/**
 * How {@link Concierge#open(java.nio.file.Path)} finds its implementation: {@code concierge-core}
 * lists one in {@code META-INF/services/io.concierge.api.spi.ConciergeProvider}. Host
 * applications never implement this.
 *
 * @since 0.1.0
 */
public interface ConciergeProvider {

    /**
     * Opens (and, if asked, initialises) the workspace the options name.
     *
     * @param options what to open and how
     * @return the open Concierge
     */
    Concierge open(ConciergeOptions options);

    /**
     * The key ring kept in {@code folder} (see {@link io.concierge.api.trust.KeyRing#folder}).
     *
     * @param folder the key folder, on any file system
     * @return the key ring
     */
    io.concierge.api.trust.KeyRing keyRing(java.nio.file.Path folder);
}
