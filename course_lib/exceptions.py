"""Every error course_lib raises on purpose, in one place.

Each class subclasses :class:`CourseError` and the builtin a Python user would expect
(``KeyError`` for a name that is not found, ``ValueError`` for a value of the wrong form), so
``except KeyError`` keeps working. Messages are written for a learner: what was wrong, what
would be right, and where to look.

Examples
--------
>>> import course_lib as cl
>>> try:
...     cl.load("memberhsips")
... except cl.UnknownDatasetError as err:
...     print(err)  # doctest: +ELLIPSIS
No dataset called 'memberhsips'. Did you mean 'memberships'? ...
"""

from __future__ import annotations

__all__ = [
    "CourseError",
    "UnknownDatasetError",
    "UnknownSourceError",
    "UnknownRecordError",
    "UnknownCountryError",
    "InvalidDateError",
    "QuizError",
    "GradingError",
    "UnknownExerciseError",
    "SubmissionError",
]


class CourseError(Exception):
    """Base class of every error course_lib raises on purpose."""

    def __str__(self) -> str:  # KeyError would otherwise wrap the message in quotes
        return str(self.args[0]) if self.args else ""


class UnknownDatasetError(CourseError, KeyError):
    """A dataset name that is not in the data package (see ``list_datasets()``)."""


class UnknownSourceError(CourseError, KeyError):
    """A source id that is not in ``sources.csv``."""


class UnknownRecordError(CourseError, KeyError):
    """A row id (event, spell, figure, drill, ...) that is not in its table."""


class UnknownCountryError(CourseError, KeyError):
    """A country name, code or alias that matches no state in ``countries.csv``."""


class InvalidDateError(CourseError, ValueError):
    """A date that cannot be read, or that does not exist (``2010-13-01``)."""


class QuizError(CourseError, ValueError):
    """A quiz question that is missing or malformed in the question bank."""


class GradingError(CourseError):
    """Base class of the grading tools' errors (the ``csto`` command)."""


class UnknownExerciseError(GradingError, KeyError):
    """An exercise name that is not in ``exercises/``, or a notebook that names none."""


class SubmissionError(GradingError, ValueError):
    """A submitted file that cannot be graded: empty, not JSON, not a notebook, ..."""


class InvalidLinkError(CourseError, ValueError):
    """A launch link asked for a path outside the repository, or a hub that is not a web address."""


__all__ += ["InvalidLinkError"]


class UnknownOptionError(CourseError, ValueError):
    """A chart or widget option that is not one of its choices (an event category, a map
    region, a status); the message lists the valid ones."""


__all__ += ["UnknownOptionError"]


class NotACourseChartError(CourseError, ValueError):
    """A figure that no course chart drew, given to ``cl.charts.describe``."""


__all__ += ["NotACourseChartError"]


# Warnings, not errors: kept out of ``__all__`` (every name there is an error class that is
# also the natural builtin error); import them from here or from the module that warns.
class CourseVersionWarning(UserWarning):
    """The lessons (a learner edition pulled onto a hub) were made for another course_lib
    version than the kernel imports (see :mod:`course_lib.edition`)."""
