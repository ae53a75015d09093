package io.gaia.bff.simulator.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splits a passage into sentences; each bullet of a list counts as one. */
final class Sentences {

    // A full stop followed by a capital, digit or quote; the shipped texts avoid "e.g. Foo" on purpose.
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+(?=[\"“(\\p{Lu}\\p{N}$])");
    private static final Pattern BULLET = Pattern.compile("^(?:[-*]|\\d+\\.)\\s+");

    private Sentences() {
    }

    static List<String> of(String passage) {
        List<String> sentences = new ArrayList<>();
        for (String line : passage.split("\n")) {
            String text = line.strip();
            // A bullet ("Page on disk usage above 85 percent. Owner: Platform team. Done March 14.") is one
            // statement with its details, so it is never cut into pieces.
            boolean bullet = BULLET.matcher(text).find();
            text = BULLET.matcher(text).replaceFirst("");
            for (String sentence : bullet ? new String[] { text } : BOUNDARY.split(text)) {
                String s = sentence.strip();
                if (!s.isEmpty()) {
                    sentences.add(endsLikeASentence(s) ? s : s + ".");
                }
            }
        }
        return sentences;
    }

    private static boolean endsLikeASentence(String s) {
        char last = s.charAt(s.length() - 1);
        return last == '.' || last == '!' || last == '?' || last == ':' || last == ')' || last == '"';
    }
}
