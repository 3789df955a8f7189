/** Task packages: versioned recipes that say how an intent becomes worker steps. */
package io.concierge.api.pkg;
