"""Typed records of a weibao data repository."""

from .base import Model
from .document import Document
from .meeting import Meeting
from .glossary import Glossary, GlossaryEntry
from .office import Office
from .record import GenericRecord
from .settings import Settings
from .topics import Topic, Topics
from .unit import DutyItem, Person, Unit

__all__ = ["Document", "Meeting", "Glossary", "GlossaryEntry", "Topic", "Topics", "Model", "Office", "GenericRecord", "Settings", "Unit", "DutyItem", "Person"]
