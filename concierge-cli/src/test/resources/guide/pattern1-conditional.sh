#!/bin/bash
# Audio normalization with conditional archival

bit intent synth --text "Normalize podcast episode.wav"
HASH=$(bit intent list | tail -1 | awk '{print $1}')

bit job from-intent --intent-id $HASH
JOB_ID=$(bit job list | tail -1 | awk '{print $1}')

bit plan generate --job-id $JOB_ID
bit approve --job-id $JOB_ID
bit run --job-id $JOB_ID

# Check result
STATUS=$(bit job show --job-id $JOB_ID | grep status)

if [[ $STATUS == *"COMPLETED"* ]]; then
    echo "âœ“ Job completed - archiving artifacts"
    cp ~/workspace/jobs/$JOB_ID/artifacts/* ~/archive/
else
    echo "âœ— Job failed - investigating"
    bit tail --job-id $JOB_ID --lines 50
fi
