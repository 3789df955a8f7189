package io.concierge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concierge.api.failure.ConciergeException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ServerOptions is a record made by builder() and changed through toBuilder(), checked either way. */
class ServerOptionsTest {
    @Test
    void toBuilderKeepsEveryPart() {
        ServerOptions options = ServerOptions.builder().bindAddress("0.0.0.0").port(8080)
                .tokenArgument("alice=s3cret").runThreads(2).requestThreads(8).maxBodyBytes(4096)
                .streamPollInterval(Duration.ofMillis(50)).runStartWait(Duration.ZERO).build();

        assertThat(options.toBuilder().build()).isEqualTo(options);
        ServerOptions moved = options.toBuilder().port(9090).build();
        assertThat(moved.port()).isEqualTo(9090);
        assertThat(moved.tokens()).containsEntry("s3cret", "alice");
        assertThat(ServerOptions.defaults().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(ServerOptions.defaults().runExecutor()).isEmpty();
    }

    @Test
    void theConstructorChecksAsTheBuilderDoes() {
        assertThatThrownBy(() -> ServerOptions.builder().port(70000).build())
                .isInstanceOf(ConciergeException.class).hasMessageContaining("port must be from 0 to 65535");
        ServerOptions ok = ServerOptions.defaults();
        assertThatThrownBy(() -> new ServerOptions(ok.bindAddress(), ok.port(), ok.tokens(), ok.runExecutor(), 0,
                ok.requestThreads(), ok.maxBodyBytes(), ok.streamPollInterval(), ok.runStartWait(), ok.headerTimeout(),
                ok.idleTimeout(), ok.maxConnections(), ok.allowedHosts()))
                .isInstanceOf(ConciergeException.class).hasMessageContaining("run threads");
    }
}
