package io.concierge.workers.audio.wav;

/**
 * Where a WAV file's audio is and how much of it there is.
 *
 * @param format     the sample format
 * @param dataOffset byte offset of the first sample in the file
 * @param frameCount number of complete frames in the data chunk
 */
public record WavInfo(WavFormat format, long dataOffset, long frameCount) {

    /** Length of the audio in seconds. */
    public double durationSeconds() {
        return (double) frameCount / format.sampleRate();
    }
}
