/** Jobs and their statuses. */
package io.concierge.api.job;
