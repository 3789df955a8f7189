/** Runs of approved plans: options, results, per-step state and artifacts. */
package io.concierge.api.run;
