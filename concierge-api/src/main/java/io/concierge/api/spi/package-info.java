/** The service interface that connects the API to its implementation in concierge-core. */
package io.concierge.api.spi;
