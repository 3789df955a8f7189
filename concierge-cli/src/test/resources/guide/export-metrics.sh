#!/bin/bash
# Export job metrics to CSV for analysis

JOB_ID=$1

echo "step_id,status,duration_seconds" > metrics.csv

jq -r 'select(.type | contains("step")) |
  [.payload.step_id, .type, .payload.duration] | @csv' \
  ~/workspace/jobs/$JOB_ID/logs/*.jsonl >> metrics.csv

# Import into spreadsheet or graphing tool
echo "âœ“ Metrics exported to metrics.csv"
