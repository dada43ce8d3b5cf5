"""Interactive widgets of the course (ipywidgets): each returns a widget and displays nothing.

Every argument is optional. A widget shows when it is the last expression of a cell (or with
``display(widget)``); it keeps one off-screen figure and redraws only what changes.

Examples
--------
>>> import course_lib as cl
>>> explorer = cl.widgets.membership_explorer("2010-01-01")
>>> explorer.current.shape[0] > 0
True
>>> q = cl.widgets.quiz(lesson="demo")
"""

from __future__ import annotations

from .reader import SourceReader, source_reader
from .profile import CountryProfile, country_profile
from .explorer import MembershipExplorer, membership_explorer
from .quiz import Question, QuestionWidget, Quiz, load_bank, quiz, validate_bank
from .drills import DrillParties, drill_parties
from .consent import BaseConsent, base_consent

__all__ = [
    "BaseConsent",
    "base_consent",
    "CountryProfile",
    "country_profile",
    "DrillParties",
    "drill_parties",
    "MembershipExplorer",
    "Question",
    "QuestionWidget",
    "Quiz",
    "SourceReader",
    "load_bank",
    "membership_explorer",
    "quiz",
    "source_reader",
    "validate_bank",
]
