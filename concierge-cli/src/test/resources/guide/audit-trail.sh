#!/bin/bash
# Create audit report of all approvals

echo "=== Approval Audit Trail ===" > audit.log
echo "Generated: $(date)" >> audit.log
echo "" >> audit.log

for job_dir in ~/workspace/jobs/*/; do
    JOB_ID=$(basename $job_dir)
    echo "Job: $JOB_ID" >> audit.log

    # Extract approval records
    grep -A5 "approval_log:" $job_dir/job.yaml >> audit.log || true
    echo "" >> audit.log
done

cat audit.log
