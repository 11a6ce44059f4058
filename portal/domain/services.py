"""Insatser (services) the kommun can grant, with their usual legal basis."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceType:
    code: str
    name_sv: str
    name_en: str
    law: str  # "SoL" or "LSS"
    default_legal_basis: str


SERVICE_TYPES: tuple[ServiceType, ...] = (
    ServiceType("home_help", "Hemtjänst", "Home help", "SoL", "4 kap. 1 § SoL"),
    ServiceType("housing_support", "Boendestöd", "Housing support", "SoL", "4 kap. 1 § SoL"),
    ServiceType("escort", "Ledsagning", "Escort service", "SoL", "4 kap. 1 § SoL"),
    ServiceType("safety_alarm", "Trygghetslarm", "Personal safety alarm", "SoL", "4 kap. 1 § SoL"),
    ServiceType("meals", "Matdistribution", "Meal delivery", "SoL", "4 kap. 1 § SoL"),
    ServiceType("day_activity_sol", "Dagverksamhet", "Day activity", "SoL", "4 kap. 1 § SoL"),
    ServiceType("short_stay", "Korttidsvistelse", "Short-term stay", "SoL", "4 kap. 1 § SoL"),
    ServiceType("special_housing", "Särskilt boende", "Residential care", "SoL", "4 kap. 1 § SoL"),
    ServiceType("contact_person", "Kontaktperson", "Contact person", "LSS", "9 § 4 LSS"),
    ServiceType("daily_activity", "Daglig verksamhet", "Daily activity", "LSS", "9 § 10 LSS"),
    ServiceType("personal_assistance", "Personlig assistans", "Personal assistance", "LSS", "9 § 2 LSS"),
    ServiceType("escort_lss", "Ledsagarservice", "Escort service (LSS)", "LSS", "9 § 3 LSS"),
    ServiceType("group_home", "Bostad med särskild service", "Group home", "LSS", "9 § 9 LSS"),
)

_BY_CODE = {service.code: service for service in SERVICE_TYPES}


def get_service_type(code: str) -> ServiceType:
    return _BY_CODE[code]


def is_service_code(code: object) -> bool:
    return isinstance(code, str) and code in _BY_CODE
