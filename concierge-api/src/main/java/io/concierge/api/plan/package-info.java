/** Plans: a package's pipeline bound to one job, and the steps in it. */
package io.concierge.api.plan;
