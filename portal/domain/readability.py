"""LIX (läsbarhetsindex): how easy a Swedish text is to read.

LIX = words / sentences + 100 * long words / words, where a long word has
more than six letters. Below 30 counts as very easy (lättläst). We count the
text a reader sees: markup is ignored, and a heading or list item ends a
sentence just like a full stop does, because the reader takes a pause there.
"""

import re
from html.parser import HTMLParser
from typing import NamedTuple

LONG_WORD_LETTERS = 6

# Letters and digits, joined by apostrophes inside a word ("don't" is one word).
# A token counts as a word only if it holds at least one letter: "2024" is not a word.
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
# A sentence ends at . ! ? or : followed by whitespace or the end of the text,
# so "10.30" and "kommun.se" do not end a sentence.
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")

# Elements that start a new block of visible text. A reader sees a break at
# each of them, so each one ends a sentence.
BLOCK_TAGS = frozenset(
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "dt", "dd", "td", "th",
        "blockquote", "div", "br", "section", "ul", "ol", "dl", "table", "tr",
        "article", "header", "footer", "main", "nav", "aside", "figure",
        "figcaption", "pre", "hr", "address", "caption", "summary", "details",
    }
)  # fmt: skip
# Elements whose content is never shown as text.
_HIDDEN_TAGS = frozenset({"script", "style", "template", "head", "title"})


class TextCounts(NamedTuple):
    words: int
    sentences: int
    long_words: int


def _words(text: str) -> list[str]:
    return [token for token in _TOKEN.findall(text) if any(ch.isalpha() for ch in token)]


def _is_long(word: str) -> bool:
    return sum(ch.isalpha() for ch in word) > LONG_WORD_LETTERS


def count_text(text: str) -> TextCounts:
    """Count words, sentences and long words in one run of plain text.

    The text always ends a sentence, whether or not it ends with a full stop.
    """
    sentences = 0
    words = 0
    long_words = 0
    for sentence in _SENTENCE_END.split(text):
        sentence_words = _words(sentence)
        if not sentence_words:
            continue
        sentences += 1
        words += len(sentence_words)
        long_words += sum(_is_long(word) for word in sentence_words)
    return TextCounts(words, sentences, long_words)


def _score(counts: TextCounts) -> float:
    if counts.words == 0:
        return 0.0
    return counts.words / counts.sentences + 100 * counts.long_words / counts.words


def lix(text: str) -> float:
    """LIX of plain text. Empty text, or text without words, scores 0.0."""
    return _score(count_text(text))


class _BlockTextParser(HTMLParser):
    """Collects visible text, cutting it into blocks at block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._hidden_depth = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth += 1
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in BLOCK_TAGS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self._current.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def visible_text_blocks(html: str) -> list[str]:
    """The text a reader sees in an HTML fragment, one string per block.

    Whitespace inside a block is collapsed; empty blocks are left out.
    """
    parser = _BlockTextParser()
    parser.feed(html)
    parser.close()
    return parser.blocks


def lix_of_html(html: str) -> float:
    """LIX of an HTML fragment, where every block (heading, item …) ends a sentence."""
    per_block = [count_text(block) for block in visible_text_blocks(html)]
    return _score(
        TextCounts(
            words=sum(counts.words for counts in per_block),
            sentences=sum(counts.sentences for counts in per_block),
            long_words=sum(counts.long_words for counts in per_block),
        )
    )


def readability_label(score: float) -> str:
    """A machine label for a LIX score; templates translate it into words."""
    if score < 30:
        return "very_easy"
    if score < 40:
        return "easy"
    if score < 50:
        return "medium"
    if score < 60:
        return "hard"
    return "very_hard"
