#!/bin/bash
# Chain: Normalize Audio â†’ Compress â†’ Archive to S3

# Step 1: Normalize
bit intent synth --text "Normalize podcast audio podcast.wav"
NORMALIZE_HASH=$(bit intent list | tail -1 | awk '{print $1}')
bit job from-intent --intent-id $NORMALIZE_HASH
NORMALIZE_JOB=$(bit job list | tail -1 | awk '{print $1}')
bit plan generate --job-id $NORMALIZE_JOB
bit approve --job-id $NORMALIZE_JOB
bit run --job-id $NORMALIZE_JOB

# Wait for completion
while [[ $(bit status --job-id $NORMALIZE_JOB | grep status) == *"RUNNING"* ]]; do
    sleep 5
done

# Get output
NORMALIZED_FILE=$(ls ~/workspace/jobs/$NORMALIZE_JOB/artifacts/*.wav)

# Step 2: Compress output
bit intent synth --text "Compress normalized audio to MP3 format"
COMPRESS_HASH=$(bit intent list | tail -1 | awk '{print $1}')
bit job from-intent --intent-id $COMPRESS_HASH
COMPRESS_JOB=$(bit job list | tail -1 | awk '{print $1}')

# Inject previous output as input
sed -i "s|audio_file: .*|audio_file: $NORMALIZED_FILE|" \
    ~/workspace/jobs/$COMPRESS_JOB/job.yaml

bit plan generate --job-id $COMPRESS_JOB
bit approve --job-id $COMPRESS_JOB
bit run --job-id $COMPRESS_JOB

# Step 3: Archive to S3
COMPRESSED_FILE=$(ls ~/workspace/jobs/$COMPRESS_JOB/artifacts/*.mp3)
aws s3 cp $COMPRESSED_FILE s3://podcast-archive/$(date +%Y%m%d)_episode.mp3

echo "âœ“ Pipeline complete: Normalize â†’ Compress â†’ Archive"
