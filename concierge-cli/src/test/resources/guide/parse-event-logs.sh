#!/bin/bash
# Extract performance metrics from logs

JOB_ID=$1

echo "=== Execution Timeline ==="
jq -r '.timestamp, .type' ~/workspace/jobs/$JOB_ID/logs/*.jsonl | \
  paste - - | sort

echo ""
echo "=== Step Durations ==="
jq -r 'select(.type == "step.completed") |
  {step: .payload.step_id, duration: .payload.duration}' \
  ~/workspace/jobs/$JOB_ID/logs/*.jsonl

echo ""
echo "=== Total Execution Time ==="
START=$(jq -r 'select(.type == "job.started") | .timestamp' \
  ~/workspace/jobs/$JOB_ID/logs/*.jsonl | head -1)
END=$(jq -r 'select(.type == "job.completed") | .timestamp' \
  ~/workspace/jobs/$JOB_ID/logs/*.jsonl | tail -1)

echo "Start: $START"
echo "End: $END"
