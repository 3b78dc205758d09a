"""Typed records of a weibao data repository (layer 0): one pydantic model per kind of data file."""

from __future__ import annotations

from pydantic import BaseModel

from weibao.model.annual import AnnualPlan, Area, AreaReport, Notification, Research, UnitReport
from weibao.model.base import Model
from weibao.model.case import Case
from weibao.model.document import Document, Received
from weibao.model.glossary import Glossary, GlossaryEntry
from weibao.model.meeting import Meeting
from weibao.model.office import Office
from weibao.model.questions import Questions
from weibao.model.settings import Settings
from weibao.model.topics import Topic, Topics
from weibao.model.unit import DutyItem, Person, Unit

# the model of each kind of data file (the kinds and where their files live: core/repository.py)
MODELS: dict[str, type[BaseModel]] = {
    "settings": Settings,
    "office": Office,
    "glossary": Glossary,
    "topics": Topics,
    "questions": Questions,
    "unit": Unit,
    "meeting": Meeting,
    "case": Case,
    "document": Document,
    "received": Received,
    "research": Research,
    "notification": Notification,
    "area": Area,
    "annual_plan": AnnualPlan,
    "unit_report": UnitReport,
    "area_report": AreaReport,
}

__all__ = ["MODELS", "AnnualPlan", "Area", "AreaReport", "Case", "Document", "DutyItem", "Glossary", "GlossaryEntry", "Meeting",
           "Model", "Notification", "Office", "Person", "Questions", "Received", "Research", "Settings", "Topic", "Topics", "Unit", "UnitReport"]
