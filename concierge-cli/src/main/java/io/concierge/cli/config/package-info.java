/** bit config get and set. */
package io.concierge.cli.config;
