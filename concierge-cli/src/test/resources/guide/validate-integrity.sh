#!/bin/bash
# Verify no tampering of job specifications

JOB_ID=$1

echo "Validating job $JOB_ID..."

# Verify hash hasn't changed
bit job validate --job-id $JOB_ID

if [[ $? -eq 0 ]]; then
    echo "âœ“ Job integrity verified"
else
    echo "âœ— WARNING: Job may have been tampered with!"
fi
