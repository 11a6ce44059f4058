"""LIX as a writer of easy Swedish would count it by hand."""

import pytest

from portal.domain.readability import (
    lix,
    lix_of_html,
    readability_label,
    visible_text_blocks,
)


def test_two_sentences_counted_by_hand():
    # Words: Jag(3) heter(5) Anna(4) | Jag(3) tycker(6) om(2) tisdagar(8) = 7 words,
    # 2 sentences, 1 long word (tisdagar). LIX = 7/2 + 100*1/7 = 3.5 + 14.2857 = 17.7857
    assert lix("Jag heter Anna. Jag tycker om tisdagar!") == pytest.approx(17.7857, abs=1e-3)


def test_six_letter_word_is_not_long_but_seven_is():
    # "tycker" has 6 letters (not long), "tyckera" 7 (long): 1 sentence, 1 word each.
    assert lix("tycker") == pytest.approx(1.0)
    assert lix("tyckera") == pytest.approx(101.0)


def test_swedish_letters_are_letters():
    # "Någon" 5, "räknar" 6, "översätter" 10 letters: 3 words, 1 sentence, 1 long.
    # LIX = 3/1 + 100*1/3 = 36.333
    assert lix("Någon räknar översätter.") == pytest.approx(36.333, abs=1e-3)


def test_question_mark_and_colon_end_sentences():
    # 4 sentences with 1 word each, no long words: LIX = 4/4 = 1.0
    assert lix("Hej? Ja: Nej! Bra.") == pytest.approx(1.0)


def test_full_stop_inside_a_number_does_not_end_a_sentence():
    # "Kom klockan 10.30 i dag." is one sentence of 4 words (numbers are not words),
    # one long word (klockan = 7 letters): 4/1 + 100*1/4 = 29.0
    assert lix("Kom klockan 10.30 i dag.") == pytest.approx(29.0)


def test_numbers_alone_are_not_words():
    assert lix("112 20 30") == 0.0


@pytest.mark.parametrize("text", ["", "   ", "...", "<>"])
def test_empty_text_scores_zero(text):
    assert lix(text) == 0.0
    assert lix_of_html(text) == 0.0


def test_markup_is_not_counted():
    # Without tags: "Du kan ringa." = 3 words, 1 sentence, 0 long words -> 3.0.
    # Tag names and attributes (href, abbreviation, title) must not count.
    html = (
        '<p>Du <a href="https://example.se/abbreviation">kan</a> '
        '<abbr title="x y z">ringa</abbr>.</p>'
    )
    assert lix_of_html(html) == pytest.approx(3.0)


def test_heading_and_list_items_end_sentences():
    # Blocks: "Mat" | "Köpa bröd" | "Laga soppa" -> 5 words, 3 sentences, 0 long.
    # LIX = 5/3 = 1.667; as one run-on sentence it would have been 5.0.
    html = "<h2>Mat</h2><ul><li>Köpa bröd</li><li>Laga soppa</li></ul>"
    assert lix_of_html(html) == pytest.approx(5 / 3)


def test_line_break_ends_a_sentence():
    assert lix_of_html("<p>Ett två<br>tre fyra</p>") == pytest.approx(2.0)


def test_visible_text_blocks_skip_markup_and_scripts():
    html = (
        "<h2>Rubrik</h2>\n<p>Rad  med\n<strong>fet</strong> text &amp; mer"
        "<script>alert('dold')</script></p><style>p{}</style><dl><dt>Ord</dt><dd>Förklaring</dd></dl>"
    )
    assert visible_text_blocks(html) == [
        "Rubrik",
        "Rad med fet text & mer",
        "Ord",
        "Förklaring",
    ]


def test_inline_elements_do_not_split_words_or_sentences():
    assert visible_text_blocks("<p>ta<em>la</em>r</p>") == ["talar"]


@pytest.mark.parametrize(
    ("score", "label"),
    [
        (0, "very_easy"),
        (29.9, "very_easy"),
        (30, "easy"),
        (39.9, "easy"),
        (40, "medium"),
        (50, "hard"),
        (59.9, "hard"),
        (60, "very_hard"),
        (85, "very_hard"),
    ],
)
def test_readability_label(score, label):
    assert readability_label(score) == label
