/** bit agent and bit agents: a worker that takes approved jobs from the queue, and the list of them. */
package io.concierge.cli.agent;
