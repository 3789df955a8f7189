package io.concierge.cli.approval;

import io.concierge.cli.CliEnvironment;

/** Who decides when {@code --by} is not given: the OS user, as the audit trail should show. */
final class Approvers {
    private Approvers() {
    }

    static String named(String by, CliEnvironment environment) {
        return by == null || by.isBlank() ? environment.userName() : by.strip();
    }
}
