package io.gaia.bff.simulator.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a small Markdown document into paragraphs. Only what the shipped documents use is
 * understood: a {@code #} title, {@code ##} section headings, paragraphs and bullet lists.
 */
final class PassageSplitter {

    private static final int MIN_WORDS = 12;

    private PassageSplitter() {
    }

    static String title(String markdown, String fallback) {
        for (String line : markdown.split("\n")) {
            if (line.startsWith("# ")) {
                return line.substring(2).trim();
            }
        }
        return fallback;
    }

    static List<Passage> split(DemoDocument document, int firstIndex) {
        List<Passage> passages = new ArrayList<>();
        String heading = "";
        StringBuilder paragraph = new StringBuilder();
        // The sentinel blank line flushes the last paragraph (split() would drop a trailing empty line).
        List<String> lines = new ArrayList<>(List.of(document.text().split("\n")));
        lines.add("");
        for (String raw : lines) {
            String line = raw.strip();
            boolean isHeading = line.startsWith("#");
            if (line.isEmpty() || isHeading) {
                if (!paragraph.isEmpty()) {
                    passages.add(new Passage(firstIndex + passages.size(), document, heading, paragraph.toString()));
                    paragraph.setLength(0);
                }
                if (line.startsWith("## ") || line.startsWith("### ")) {
                    heading = line.replaceFirst("^#+\\s*", "");
                }
                continue;
            }
            if (!paragraph.isEmpty()) {
                // Bullets stay one per line so sentences can be picked from them; prose lines are re-joined.
                paragraph.append(isBullet(line) ? "\n" : " ");
            }
            paragraph.append(line);
        }
        return mergeShort(passages, firstIndex);
    }

    /**
     * A one-line lead-in ("All times are UTC.") says nothing on its own and, being short, would win
     * every ranking it is in; it belongs with the paragraph or list it introduces.
     */
    private static List<Passage> mergeShort(List<Passage> passages, int firstIndex) {
        List<Passage> merged = new ArrayList<>();
        String carried = null;
        for (int i = 0; i < passages.size(); i++) {
            Passage p = passages.get(i);
            String text = carried == null ? p.text() : carried + "\n" + p.text();
            carried = null;
            boolean nextInSameSection = i + 1 < passages.size() && passages.get(i + 1).heading().equals(p.heading());
            if (wordCount(text) < MIN_WORDS && nextInSameSection) {
                carried = text;
                continue;
            }
            merged.add(new Passage(firstIndex + merged.size(), p.document(), p.heading(), text));
        }
        return merged;
    }

    private static int wordCount(String text) {
        return text.split("\\s+").length;
    }

    static boolean isBullet(String line) {
        return line.startsWith("- ") || line.startsWith("* ") || line.matches("\\d+\\.\\s.*");
    }
}
