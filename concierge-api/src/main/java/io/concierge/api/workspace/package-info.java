/** The workspace, its configuration and validation reports. */
package io.concierge.api.workspace;
