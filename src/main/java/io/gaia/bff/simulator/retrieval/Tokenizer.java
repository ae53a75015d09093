package io.gaia.bff.simulator.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns text into search terms: lower-cased words without stop words, lightly stemmed so that
 * "expenses", "expensed" and "expense" meet. Version numbers such as {@code 2.4} stay whole.
 */
public final class Tokenizer {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:\\.\\p{N}+)*");

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "came", "come", "comes",
            "can", "could", "did", "do", "does", "doing", "don", "done", "down", "during", "each", "else",
            "etc", "ever", "few", "for", "from", "further", "get", "gets", "got", "had", "happen", "happened", "happens", "has", "have",
            "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
            "into", "is", "it", "its", "itself", "just", "know", "let", "like", "many", "me", "might", "more", "most",
            "much", "must", "my", "myself", "need", "no", "nor", "not", "now", "of", "off", "on", "once",
            "one", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "please",
            "same", "she", "should", "so", "some", "such", "tell", "than", "that", "the", "their", "theirs",
            "them", "themselves", "then", "there", "these", "they", "thing", "things", "this", "those",
            "through", "to", "too", "under", "until", "up", "us", "very", "want", "was", "we", "were", "what",
            "whats", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
            "your", "yours", "yourself", "yourselves");

    public List<String> terms(String text) {
        List<String> terms = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String word = m.group();
            if (word.length() < 2 || STOP_WORDS.contains(word)) {
                continue;
            }
            terms.add(stem(word));
        }
        return terms;
    }

    /** The plain lower-cased words, stop words included, for spotting words like "second". */
    public List<String> words(String text) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /**
     * A deliberately small suffix stripper. It only has to map the forms of a word to one key
     * consistently; whether that key is a real word does not matter.
     */
    static String stem(String word) {
        if (word.length() <= 3 || !word.chars().allMatch(Character::isLetter)) {
            return word;
        }
        String w = word;
        if (w.endsWith("ies") && w.length() > 4) {
            w = w.substring(0, w.length() - 3) + "y";
        } else if (w.endsWith("sses")) {
            w = w.substring(0, w.length() - 2);
        } else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
            w = w.substring(0, w.length() - 1);
        }
        if (w.endsWith("ing") && w.length() >= 6) {
            w = w.substring(0, w.length() - 3);
        } else if (w.endsWith("ed") && w.length() >= 5) {
            w = w.substring(0, w.length() - 2);
        }
        int n = w.length();
        if (n >= 4 && w.charAt(n - 1) == w.charAt(n - 2) && !isVowel(w.charAt(n - 1))) {
            w = w.substring(0, n - 1);
        }
        if (w.length() > 3 && w.endsWith("e")) {
            w = w.substring(0, w.length() - 1);
        }
        return w;
    }

    private static boolean isVowel(char c) {
        return "aeiou".indexOf(c) >= 0;
    }
}
