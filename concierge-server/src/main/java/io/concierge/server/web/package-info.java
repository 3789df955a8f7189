/** The web dashboard's static files (HTML, JavaScript, CSS on the class path). Internal to the server. */
package io.concierge.server.web;
