/** bit plan: generate, list, show. */
package io.concierge.cli.plan;
