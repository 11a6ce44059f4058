"""Swedish personal identity numbers (personnummer and samordningsnummer).

The number is sensitive: error messages and repr() never contain it, so an
exception or a debug print cannot leak it into a log.
"""

import re
from dataclasses import dataclass
from datetime import date

from portal.domain import clock

# Coordination numbers (samordningsnummer) add this to the day of birth.
COORDINATION_DAY_OFFSET = 60
EARLIEST_BIRTH_YEAR = 1880

# ASCII digits only: \d would also accept Arabic-Indic and other digits.
_PATTERN = re.compile(
    r"(?P<date>[0-9]{8}|[0-9]{6})(?P<sep>[-+]?)(?P<serial>[0-9]{3})(?P<check>[0-9])"
)

_REASONS = ("format", "date", "checksum", "future")


class InvalidPersonnummer(ValueError):
    """The text is not a valid number; `reason` says why, for the UI to word.

    reason is one of "format", "date", "checksum", "future".
    """

    def __init__(self, reason: str) -> None:
        if reason not in _REASONS:
            raise ValueError(f"unknown reason {reason!r}")
        self.reason = reason
        super().__init__(f"invalid personnummer ({reason})")


@dataclass(frozen=True, repr=False)
class PersonalIdentityNumber:
    birth_date: date  # the real date, also for coordination numbers
    serial: str  # three digits
    check_digit: int
    is_coordination_number: bool

    @property
    def canonical(self) -> str:
        """12 digits, YYYYMMDDNNNC, exactly as issued (day + 60 if coordination)."""
        return f"{self._issued_date_digits()}{self.serial}{self.check_digit}"

    @property
    def formatted(self) -> str:
        """YYYYMMDD-NNNC, the form people are used to reading."""
        return f"{self._issued_date_digits()}-{self.serial}{self.check_digit}"

    @property
    def masked(self) -> str:
        """YYYYMMDD-****, enough for staff to tell people apart on screen."""
        return f"{self._issued_date_digits()}-****"

    def age_on(self, day: date) -> int:
        """Whole years of age on `day` (a 29 February birthday counts from 1 March)."""
        had_birthday = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if had_birthday else 1)

    def __repr__(self) -> str:
        return f"PersonalIdentityNumber({self.masked})"

    def _issued_date_digits(self) -> str:
        day = self.birth_date.day
        if self.is_coordination_number:
            day += COORDINATION_DAY_OFFSET
        return f"{self.birth_date.year:04d}{self.birth_date.month:02d}{day:02d}"


def luhn_check_digit(nine_digits: str) -> int:
    """The Luhn check digit over YYMMDDNNN (weights 2,1,2,1,... from the left)."""
    if len(nine_digits) != 9 or not nine_digits.isascii() or not nine_digits.isdigit():
        raise ValueError("expected exactly nine digits")
    total = 0
    for index, char in enumerate(nine_digits):
        product = int(char) * (2 if index % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


def parse_personnummer(text: str, today: date | None = None) -> PersonalIdentityNumber:
    """Parse and validate a personnummer or samordningsnummer.

    Accepts YYYYMMDDNNNC, YYYYMMDD-NNNC, YYMMDDNNNC, YYMMDD-NNNC and
    YYMMDD+NNNC (plus: the person turns 100 this year or is older).
    Surrounding blanks are ignored. Checks run format, date, checksum,
    future, so a mistyped digit that gives a future year is reported as a
    checksum error, which is the more likely cause.
    """
    today = today or clock.today()
    match = _PATTERN.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise InvalidPersonnummer("format")
    date_digits, separator = match["date"], match["sep"]
    if len(date_digits) == 8 and separator == "+":
        # The plus only carries meaning when the century is missing.
        raise InvalidPersonnummer("format")

    month, issued_day = int(date_digits[-4:-2]), int(date_digits[-2:])
    is_coordination = issued_day > COORDINATION_DAY_OFFSET
    day = issued_day - COORDINATION_DAY_OFFSET if is_coordination else issued_day
    if len(date_digits) == 8:
        year = int(date_digits[:4])
    else:
        year = _resolve_century(int(date_digits[:2]), month, day, separator == "+", today)
    birth_date = _real_date(year, month, day)

    serial, check_digit = match["serial"], int(match["check"])
    if luhn_check_digit(date_digits[-6:] + serial) != check_digit:
        raise InvalidPersonnummer("checksum")
    if birth_date > today:
        raise InvalidPersonnummer("future")
    return PersonalIdentityNumber(birth_date, serial, check_digit, is_coordination)


def is_valid_personnummer(text: str, today: date | None = None) -> bool:
    try:
        parse_personnummer(text, today)
    except InvalidPersonnummer:
        return False
    return True


def make_test_personnummer(birth: date, serial: str, *, coordination: bool = False) -> str:
    """A valid 12-digit number for tests and demo data.

    Use serials in the 98x range for made-up people: Skatteverket's test
    persons use them, so they are unlikely to belong to a real person.
    """
    if len(serial) != 3 or not serial.isascii() or not serial.isdigit():
        raise ValueError("serial must be three digits")
    day = birth.day + (COORDINATION_DAY_OFFSET if coordination else 0)
    date_digits = f"{birth.year:04d}{birth.month:02d}{day:02d}"
    check = luhn_check_digit(date_digits[2:] + serial)
    return f"{date_digits}{serial}{check}"


def _resolve_century(
    two_digit_year: int, month: int, day: int, is_centenarian: bool, today: date
) -> int:
    """Pick the full year for a 10-digit number.

    Without plus: the most recent year that does not put the birth in the
    future (Skatteverket's rule). With plus: the most recent year from which
    the person turns 100 this year or earlier; Skatteverket swaps the hyphen
    for a plus from the start of the year the person turns 100, so someone
    whose 100th birthday is later this year already writes a plus. Tuples are
    compared, not dates, because the date may still be invalid here; that is
    reported afterwards.
    """
    year = (today.year // 100) * 100 + two_digit_year
    if is_centenarian:
        while year > today.year - 100:
            year -= 100
        return year
    while (year, month, day) > (today.year, today.month, today.day):
        year -= 100
    return year


def _real_date(year: int, month: int, day: int) -> date:
    if year < EARLIEST_BIRTH_YEAR:
        raise InvalidPersonnummer("date")
    try:
        return date(year, month, day)
    except ValueError:
        # `from None`: the original message could carry parts of the number.
        raise InvalidPersonnummer("date") from None
