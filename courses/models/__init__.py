"""Models of the courses: the pages editors author (course → module → lesson) and the records
of each learner's learning (enrollment, progress, quiz attempts, certificates, statements),
plus the cohorts institutes run."""

from .cohorts import Cohort, CohortInvitation
from .learning import (
    Certificate,
    Enrollment,
    LearningStatement,
    LessonProgress,
    ModuleProgress,
    QuizAttempt,
)
from .pages import CourseIndexPage, CoursePage, LessonPage, ModulePage

__all__ = [
    "Certificate",
    "Cohort",
    "CohortInvitation",
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "LearningStatement",
    "LessonPage",
    "LessonProgress",
    "ModulePage",
    "ModuleProgress",
    "QuizAttempt",
]
