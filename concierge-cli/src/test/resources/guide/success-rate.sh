#!/bin/bash
# Calculate success metrics

TOTAL=$(bit job list | wc -l)
COMPLETED=$(bit job list | grep COMPLETED | wc -l)
FAILED=$(bit job list | grep FAILED | wc -l)
RUNNING=$(bit job list | grep RUNNING | wc -l)

SUCCESS_RATE=$((COMPLETED * 100 / TOTAL))

echo "Total Jobs: $TOTAL"
echo "Completed: $COMPLETED"
echo "Failed: $FAILED"
echo "Running: $RUNNING"
echo "Success Rate: $SUCCESS_RATE%"
