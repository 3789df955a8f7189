#!/bin/bash
# Normalize multiple podcast episodes in parallel

EPISODES=("ep001.wav" "ep002.wav" "ep003.wav" "ep004.wav" "ep005.wav")

declare -a JOB_IDS

# Create jobs for all episodes
for episode in "${EPISODES[@]}"; do
    bit intent synth --text "Normalize audio file $episode to -14 LUFS"
    HASH=$(bit intent list | tail -1 | awk '{print $1}')

    bit job from-intent --intent-id $HASH
    JOB_ID=$(bit job list | tail -1 | awk '{print $1}')
    JOB_IDS+=($JOB_ID)

    bit plan generate --job-id $JOB_ID
    bit approve --job-id $JOB_ID
done

# Run all jobs in parallel
for job_id in "${JOB_IDS[@]}"; do
    bit run --job-id $job_id &
done

# Wait for all to complete
wait

# Collect results
mkdir -p ~/normalized_episodes
for job_id in "${JOB_IDS[@]}"; do
    cp ~/workspace/jobs/$job_id/artifacts/* ~/normalized_episodes/
done

echo "âœ“ All episodes normalized"
