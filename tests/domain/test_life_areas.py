"""The catalogue of life areas: complete, stable codes, easy words."""

import dataclasses
import re

import pytest

from portal.domain.life_areas import (
    CATALOGUE_VERSION,
    LIFE_AREA_CODES,
    LIFE_AREAS,
    IcfCategory,
    LifeArea,
    UnknownCategory,
    UnknownLifeArea,
    get_category,
    get_life_area,
    is_life_area_code,
)

EXPECTED_CODES = ("d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9", "safety", "carer_support")

# The categories the domain brief names for each chapter.
BRIEF_CATEGORIES = {
    "d1": ["d155", "d166", "d170", "d175", "d177"],
    "d2": ["d210", "d220", "d230", "d240"],
    "d3": ["d310", "d330", "d350", "d360"],
    "d4": ["d410", "d420", "d450", "d460", "d470"],
    "d5": ["d510", "d520", "d530", "d540", "d550", "d560", "d570"],
    "d6": ["d620", "d630", "d640", "d650"],
    "d7": ["d710", "d750", "d760"],
    "d8": ["d845", "d855", "d860"],
    "d9": ["d910", "d920", "d930", "d950"],
    "safety": ["safety.home", "safety.outdoors", "safety.night"],
    "carer_support": ["carer_support.practical", "carer_support.emotional"],
}

EASY_SV_TEXTS = [area.easy_explanation_sv for area in LIFE_AREAS]


def _lix(sentences: list[str]) -> float:
    words = [word for text in sentences for word in re.findall(r"[^\W\d_]+", text)]
    long_words = [word for word in words if len(word) > 6]
    return len(words) / len(sentences) + 100 * len(long_words) / len(words)


def test_catalogue_is_versioned():
    assert re.fullmatch(r"ibic-\d{4}\.\d+", CATALOGUE_VERSION)


def test_eleven_areas_in_display_order():
    assert LIFE_AREA_CODES == EXPECTED_CODES
    assert [area.position for area in LIFE_AREAS] == list(range(1, 12))


def test_icf_chapters_and_ibic_additions():
    for area in LIFE_AREAS:
        expected = area.code if area.code.startswith("d") else None
        assert area.icf_chapter == expected


@pytest.mark.parametrize(("area_code", "category_codes"), BRIEF_CATEGORIES.items())
def test_categories_from_the_domain_brief_are_there(area_code, category_codes):
    codes = [category.code for category in get_life_area(area_code).categories]
    assert set(category_codes) <= set(codes)


@pytest.mark.parametrize("area", LIFE_AREAS, ids=lambda area: area.code)
def test_category_codes_belong_to_their_area(area):
    for category in area.categories:
        if area.icf_chapter:
            assert re.fullmatch(rf"{area.icf_chapter}\d\d", category.code)
        else:
            assert re.fullmatch(rf"{area.code}\.[a-z_]+", category.code)


def test_category_codes_are_unique():
    codes = [category.code for area in LIFE_AREAS for category in area.categories]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("area", LIFE_AREAS, ids=lambda area: area.code)
def test_every_text_is_filled_in_and_trimmed(area):
    items = [area, *area.categories]
    for item in items:
        for field in dataclasses.fields(item):
            value = getattr(item, field.name)
            if isinstance(value, str):
                assert value and value == value.strip(), (item.code, field.name)


@pytest.mark.parametrize("area", LIFE_AREAS, ids=lambda area: area.code)
def test_easy_explanation_is_one_short_sentence(area):
    for text in (area.easy_explanation_sv, area.easy_explanation_en):
        assert text.endswith(".")
        assert not re.search(r"[.!?]", text[:-1])
        assert len(text.split()) <= 14


@pytest.mark.parametrize("area", LIFE_AREAS, ids=lambda area: area.code)
def test_easy_names_are_short(area):
    assert len(area.easy_name_sv.split()) <= 5
    for category in area.categories:
        assert len(category.easy_name_sv.split()) <= 7


def test_easy_swedish_explanations_are_very_easy_to_read():
    assert _lix(EASY_SV_TEXTS) < 30


def test_easy_swedish_speaks_to_the_reader():
    assert sum(" dig" in text or " din" in text for text in EASY_SV_TEXTS) >= 6


def test_lix_helper_counts_long_words():
    # 4 words, 1 sentence, 1 long word ("hemtjänst"): 4 + 25.
    assert _lix(["Jag har hemtjänst idag."]) == 29


def test_get_life_area_by_code():
    area = get_life_area("d6")
    assert area.official_name_sv == "Hemliv"
    assert area.easy_name_sv == "Sköta hemmet"


@pytest.mark.parametrize("code", ["d10", "D1", "", " d1", "d510", "trygghet", None, 1])
def test_unknown_life_area_raises_key_error(code):
    with pytest.raises(UnknownLifeArea):
        get_life_area(code)
    with pytest.raises(KeyError):
        get_life_area(code)
    assert not is_life_area_code(code)


@pytest.mark.parametrize("code", EXPECTED_CODES)
def test_is_life_area_code_accepts_every_area(code):
    assert is_life_area_code(code)


def test_get_category_returns_its_area():
    area, category = get_category("d510")
    assert area.code == "d5"
    assert category.name_sv == "Att tvätta sig"
    assert category.easy_name_sv == "Tvätta dig"


def test_get_category_for_ibic_addition():
    area, category = get_category("safety.night")
    assert area.code == "safety"
    assert category.easy_name_sv == "Trygg på natten"


@pytest.mark.parametrize("code", ["d5", "d999", "safety", "", None])
def test_unknown_category_raises_key_error(code):
    with pytest.raises(UnknownCategory):
        get_category(code)
    with pytest.raises(KeyError):
        get_category(code)


def test_catalogue_cannot_be_changed_at_runtime():
    area = get_life_area("d1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        area.easy_name_sv = "Något annat"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        area.categories[0].code = "x"  # type: ignore[misc]
    assert isinstance(area.categories, tuple)
    assert isinstance(area, LifeArea)
    assert isinstance(area.categories[0], IcfCategory)
