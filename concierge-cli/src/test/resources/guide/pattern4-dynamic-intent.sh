#!/bin/bash
# Analyze file and create appropriate intent

FILE=$1
FILETYPE=$(file -b $FILE | awk '{print $1}')
FILESIZE=$(du -h $FILE | awk '{print $1}')

case $FILETYPE in
    "RIFF")
        # Audio file
        bit intent synth --text "Normalize $FILE to standard loudness. \
          File size: $FILESIZE. Must preserve audio quality."
        ;;
    "ISO")
        # Video file
        bit intent synth --text "Transcode video $FILE to MP4 format. \
          File size: $FILESIZE. Target bitrate: 5 Mbps"
        ;;
    "SQLite")
        # Database
        bit intent synth --text "Backup database $FILE with \
          compression and integrity verification"
        ;;
    *)
        echo "Unknown file type: $FILETYPE"
        exit 1
        ;;
esac

HASH=$(bit intent list | tail -1 | awk '{print $1}')
bit job from-intent --intent-id $HASH
