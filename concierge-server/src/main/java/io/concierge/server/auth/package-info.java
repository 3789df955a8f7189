/** Bearer-token authentication: which approver a request acts as. Internal to the server. */
package io.concierge.server.auth;
