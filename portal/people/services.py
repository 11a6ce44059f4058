"""Finding and creating people. Services flush; the request commits."""

from __future__ import annotations

from sqlalchemy import select

from portal.db import get_session
from portal.domain.personnummer import PersonalIdentityNumber
from portal.people.identity import encrypt_pnr, pnr_lookup_hash
from portal.people.models import Citizen, StaffUser, Unit


def find_citizen(pnr: PersonalIdentityNumber) -> Citizen | None:
    query = select(Citizen).where(Citizen.pnr_hash == pnr_lookup_hash(pnr.canonical))
    return get_session().scalars(query).first()


def find_or_create_citizen(pnr: PersonalIdentityNumber, given_name: str, family_name: str) -> Citizen:
    """The person with this personnummer; created on first login.

    Names are refreshed from the identity provider, which is the source of truth.
    """
    citizen = find_citizen(pnr)
    if citizen is None:
        citizen = Citizen(
            pnr_hash=pnr_lookup_hash(pnr.canonical),
            pnr_encrypted=encrypt_pnr(pnr.canonical),
            birth_date=pnr.birth_date,
            given_name=given_name,
            family_name=family_name,
        )
        get_session().add(citizen)
    else:
        citizen.given_name, citizen.family_name = given_name, family_name
    get_session().flush()
    return citizen


def find_staff(pnr: PersonalIdentityNumber) -> StaffUser | None:
    query = select(StaffUser).where(StaffUser.pnr_hash == pnr_lookup_hash(pnr.canonical))
    return get_session().scalars(query).first()


def get_or_create_unit(code: str, name: str, kind: str = "case_management") -> Unit:
    db = get_session()
    unit = db.scalars(select(Unit).where(Unit.code == code)).first()
    if unit is None:
        unit = Unit(code=code, name=name, kind=kind)
        db.add(unit)
        db.flush()
    return unit


def upsert_staff(
    pnr: PersonalIdentityNumber, given_name: str, family_name: str, role: str, unit: Unit
) -> StaffUser:
    db = get_session()
    staff = find_staff(pnr)
    if staff is None:
        staff = StaffUser(pnr_hash=pnr_lookup_hash(pnr.canonical))
        db.add(staff)
    staff.given_name, staff.family_name = given_name, family_name
    staff.role, staff.unit_id, staff.active = role, unit.id, True
    db.flush()
    return staff
