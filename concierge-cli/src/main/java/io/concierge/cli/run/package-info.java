/** bit run, status, tail and artifacts. */
package io.concierge.cli.run;
