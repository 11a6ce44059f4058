"""Parsing and validating personnummer and samordningsnummer."""

import traceback
from datetime import date

import pytest

from portal.domain.personnummer import (
    InvalidPersonnummer,
    PersonalIdentityNumber,
    is_valid_personnummer,
    luhn_check_digit,
    make_test_personnummer,
    parse_personnummer,
)

TODAY = date(2026, 5, 15)


def with_check(date_digits: str, serial: str) -> str:
    """Digits plus a correct check digit, also for dates that do not exist."""
    return f"{date_digits}{serial}{luhn_check_digit(date_digits[-6:] + serial)}"


def short(twelve: str, separator: str = "-") -> str:
    """The 10-digit form YYMMDD-NNNC of a 12-digit number."""
    return f"{twelve[2:8]}{separator}{twelve[8:]}"


def parse(text: str) -> PersonalIdentityNumber:
    return parse_personnummer(text, today=TODAY)


# (text as typed, canonical 12 digits)
VALID = [
    ("198112189876", "198112189876"),
    ("19811218-9876", "198112189876"),
    ("8112189876", "198112189876"),
    ("811218-9876", "198112189876"),
    ("  811218-9876\n", "198112189876"),
    ("\t19640823-3234 ", "196408233234"),
    ("20000229-9824", "200002299824"),  # leap day
    ("000229-9824", "200002299824"),
    ("260101-9801", "202601019801"),  # born this year
    ("260515-9801", "202605159801"),  # born today
    ("261224-9801", "192612249801"),  # later this year would be the future
    ("200601+9802", "192006019802"),  # plus: 100 or older
    ("200601-9802", "202006019802"),  # same digits, hyphen: a child
    ("261224+9801", "192612249801"),  # turns 100 later this year
    ("260514+9802", "192605149802"),  # turned 100 yesterday
    ("19800101-9804", "198001019804"),
]


@pytest.mark.parametrize(("text", "canonical"), VALID)
def test_valid_numbers_in_every_format(text, canonical):
    assert parse(text).canonical == canonical
    assert is_valid_personnummer(text, today=TODAY)


def test_parts_and_display_forms():
    number = parse("811218-9876")
    assert number.birth_date == date(1981, 12, 18)
    assert number.serial == "987"
    assert number.check_digit == 6
    assert not number.is_coordination_number
    assert number.formatted == "19811218-9876"
    assert number.masked == "19811218-****"


def test_coordination_number_keeps_its_day_as_issued():
    number = parse("701063-2391")
    assert number.is_coordination_number
    assert number.birth_date == date(1970, 10, 3)
    assert number.canonical == "197010632391"
    assert number.formatted == "19701063-2391"
    assert number.masked == "19701063-****"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (with_check("19000229", "982"), "date"),  # 1900 was no leap year
        (with_check("20230229", "982"), "date"),
        (with_check("811318", "987"), "date"),  # month 13
        (with_check("811200", "987"), "date"),  # month 0
        (with_check("810100", "987"), "date"),  # day 0
        (with_check("810231", "987"), "date"),  # 31 February
        (with_check("810132", "987"), "date"),  # day 32, not a coordination day
        (with_check("701060", "239"), "date"),  # coordination day 0
        (with_check("701092", "239"), "date"),  # coordination day 32
        (with_check("18791231", "982"), "date"),  # before 1880
        (short(with_check("18791231", "982"), "+"), "date"),  # plus but before 1880
        ("811218-9875", "checksum"),
        ("198112189870", "checksum"),
        ("811218-9867", "checksum"),  # two digits swapped
        ("701063-2390", "checksum"),
        (make_test_personnummer(date(2026, 5, 16), "982"), "future"),  # tomorrow
        (make_test_personnummer(date(2090, 1, 1), "982"), "future"),
        ("", "format"),
        ("   ", "format"),
        ("abcdefghijkl", "format"),
        ("81121B-9876", "format"),
        ("811218 9876", "format"),  # a space is not a separator
        ("811218--9876", "format"),
        ("811218/9876", "format"),
        ("19811218+9876", "format"),  # plus needs a two-digit year
        ("811218-987", "format"),
        ("81121898761", "format"),  # 11 digits
        ("1981121898760", "format"),  # 13 digits
        ("1981-12-18-9876", "format"),
        ("８１１２１８-９８７６", "format"),  # full-width digits
        ("８１１２１８-9876", "format"),  # full-width date only
        ("٨١١٢١٨-٩٨٧٦", "format"),  # Arabic-Indic digits
        ("811218-9876\x00", "format"),
    ],
)
def test_invalid_numbers_say_why(text, reason):
    with pytest.raises(InvalidPersonnummer) as caught:
        parse(text)
    assert caught.value.reason == reason
    assert not is_valid_personnummer(text, today=TODAY)


@pytest.mark.parametrize("text", [None, 8112189876, b"811218-9876"])
def test_non_text_is_a_format_error(text):
    with pytest.raises(InvalidPersonnummer) as caught:
        parse(text)
    assert caught.value.reason == "format"


@pytest.mark.parametrize(
    "text",
    [
        "811218-9875",
        with_check("19000229", "982"),
        with_check("811318", "987"),
        make_test_personnummer(date(2090, 1, 1), "982"),
        "81121B-9876",
    ],
)
def test_error_and_its_traceback_never_show_the_number(text):
    with pytest.raises(InvalidPersonnummer) as caught:
        parse(text)
    # A logged traceback includes chained exceptions; none may carry digits.
    logged = "".join(traceback.format_exception_only(caught.value))
    chain = caught.value.__cause__ or (
        None if caught.value.__suppress_context__ else caught.value.__context__
    )
    assert chain is None
    assert not any(char.isdigit() for char in logged)
    assert not any(char.isdigit() for char in str(caught.value))


def test_invalid_personnummer_is_a_value_error():
    with pytest.raises(ValueError):
        parse("811218-9875")


def test_repr_does_not_show_the_serial_number():
    number = parse("811218-9876")
    assert "9876" not in repr(number)
    assert "987" not in repr(number)


def test_today_defaults_to_the_real_date():
    assert is_valid_personnummer("811218-9876")
    assert not is_valid_personnummer(make_test_personnummer(date(2999, 1, 1), "982"))


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (date(1981, 12, 18), date(2026, 12, 17), 44),
        (date(1981, 12, 18), date(2026, 12, 18), 45),
        (date(1981, 12, 18), date(1981, 12, 18), 0),
        (date(2000, 2, 29), date(2023, 2, 28), 22),
        (date(2000, 2, 29), date(2023, 3, 1), 23),
        (date(2000, 2, 29), date(2024, 2, 29), 24),
    ],
)
def test_age_on_a_given_day(birth, day, age):
    number = parse(make_test_personnummer(birth, "982"))
    assert number.age_on(day) == age


def test_plus_sign_means_at_least_a_hundred_this_year():
    number = parse("200601+9802")
    assert number.age_on(TODAY) == 105
    turning_100 = parse("261224+9801")
    assert turning_100.age_on(date(2026, 12, 24)) == 100


@pytest.mark.parametrize(
    ("nine_digits", "check"),
    [("811218987", 6), ("640823323", 4), ("701063239", 1), ("000000000", 0)],
)
def test_luhn_check_digit(nine_digits, check):
    assert luhn_check_digit(nine_digits) == check


@pytest.mark.parametrize("bad", ["", "81121898", "8112189876", "81121898a", "８１１２１８９８７"])
def test_luhn_needs_nine_ascii_digits(bad):
    with pytest.raises(ValueError):
        luhn_check_digit(bad)


def test_make_test_personnummer_gives_a_valid_number():
    text = make_test_personnummer(date(1945, 3, 1), "982")
    assert len(text) == 12
    number = parse(text)
    assert number.birth_date == date(1945, 3, 1)
    assert number.serial == "982"


def test_make_test_coordination_number():
    text = make_test_personnummer(date(1990, 7, 31), "981", coordination=True)
    assert text[:8] == "19900791"
    number = parse(text)
    assert number.is_coordination_number
    assert number.birth_date == date(1990, 7, 31)


@pytest.mark.parametrize("serial", ["", "98", "9821", "9a2"])
def test_make_test_personnummer_needs_a_three_digit_serial(serial):
    with pytest.raises(ValueError):
        make_test_personnummer(date(1945, 3, 1), serial)
