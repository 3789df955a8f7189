package io.concierge.examples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What counts as a line, a word and a character. */
class TextCounterTest {

    private static long[] count(String text) {
        TextCounter counter = new TextCounter().accept(text);
        return new long[] {counter.lines(), counter.words(), counter.characters()};
    }

    @Test
    void countsLikeWcButCountsALastLineWithoutABreak() {
        assertThat(count("")).containsExactly(0, 0, 0);
        assertThat(count("one two\nthree\n")).containsExactly(2, 3, 14);
        assertThat(count("one two\nthree")).containsExactly(2, 3, 13);
        assertThat(count("\n\n")).containsExactly(2, 0, 2);
    }

    @Test
    void windowsLineBreaksAndRunsOfSpaceAreOneBreakAndOneGap() {
        assertThat(count("a  b\t\tc\r\nd\r\n")).containsExactly(2, 4, 12);
        assertThat(count("  leading and trailing  ")).containsExactly(1, 3, 24);
        assertThat(count("non\u00a0breaking")).containsExactly(1, 2, 12);
    }

    @Test
    void charactersAreCodePointsEvenWhenSplitAcrossPieces() {
        String text = "caf\u00e9 \ud83d\ude00!";
        assertThat(count(text)).containsExactly(1, 2, 7);
        TextCounter split = new TextCounter();
        char[] chars = text.toCharArray();
        for (char c : chars) {
            split.accept(new char[] {c}, 1);
        }
        assertThat(new long[] {split.lines(), split.words(), split.characters()}).containsExactly(1, 2, 7);
    }
}
