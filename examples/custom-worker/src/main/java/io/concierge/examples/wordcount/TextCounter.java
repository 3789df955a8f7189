package io.concierge.examples.wordcount;

/**
 * Counts lines, words and characters of text fed to it in pieces of any size, as {@code wc} does
 * except that a last line without a line break still counts as a line.
 *
 * <ul>
 *   <li>characters are Unicode code points (an emoji is one, even split across two pieces);</li>
 *   <li>words are runs of characters that are not white space;</li>
 *   <li>lines end with {@code \n} ({@code \r\n} is one line break).</li>
 * </ul>
 */
public final class TextCounter {
    private long lines;
    private long words;
    private long characters;
    private boolean inWord;
    private char last = '\n';

    /**
     * Counts the next piece of text.
     *
     * @param text   a buffer of characters
     * @param length how many of them, from the start, to count
     */
    public void accept(char[] text, int length) {
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (!Character.isLowSurrogate(c) || !Character.isHighSurrogate(last)) {
                characters++;
            }
            if (c == '\n') {
                lines++;
            }
            boolean space = Character.isWhitespace(c) || Character.isSpaceChar(c);
            if (!space && !inWord) {
                words++;
            }
            inWord = !space;
            last = c;
        }
    }

    /**
     * Counts a whole string.
     *
     * @param text the text
     * @return this counter
     */
    public TextCounter accept(String text) {
        accept(text.toCharArray(), text.length());
        return this;
    }

    /**
     * The lines counted so far.
     *
     * @return line breaks, plus one for a last line that has none
     */
    public long lines() {
        return last == '\n' ? lines : lines + 1;
    }

    /**
     * The words counted so far.
     *
     * @return runs of non-space characters
     */
    public long words() {
        return words;
    }

    /**
     * The characters counted so far.
     *
     * @return Unicode code points
     */
    public long characters() {
        return characters;
    }
}
