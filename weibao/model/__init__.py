"""Typed records of a weibao data repository."""

from .base import Model
from .case import Case
from .document import Document
from .meeting import Meeting
from .glossary import Glossary, GlossaryEntry
from .office import Office
from .settings import Settings
from .topics import Topic, Topics
from .unit import DutyItem, Person, Unit

__all__ = ["Case", "Document", "Meeting", "Glossary", "GlossaryEntry", "Topic", "Topics", "Model", "Office", "Settings", "Unit", "DutyItem", "Person"]
