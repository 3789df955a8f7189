package io.concierge.workers.db;

/**
 * How many rows one table holds.
 *
 * @param name the table's name
 * @param rows its row count
 */
record TableRows(String name, long rows) {
}
