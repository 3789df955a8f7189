/** bit job: from-intent, list, show, set, validate. */
package io.concierge.cli.job;
