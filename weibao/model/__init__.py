"""Typed records of a weibao data repository."""

from .base import Model
from .office import Office
from .record import GenericRecord
from .settings import Settings
from .unit import DutyItem, Person, Unit

__all__ = ["Model", "Office", "GenericRecord", "Settings", "Unit", "DutyItem", "Person"]
