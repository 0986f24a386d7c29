"""Models of the knowledge hub, one module per kind of content (re-exported here)."""

from .case_studies import (
    BENEFITS,
    LICENCE_URLS,
    ZONES,
    CaseStudyIndexPage,
    CaseStudyPage,
    Licence,
)
from .curricula import CurriculumExample, CurriculumIndexPage, CurriculumModulePage, CurriculumPage
from .home import HomePage
from .taxonomy import SDG, SDG_NAMES, Country, Ecosystem, ILMElementTerm, LandUse, Theme

__all__ = [
    "BENEFITS",
    "LICENCE_URLS",
    "SDG",
    "SDG_NAMES",
    "ZONES",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "Country",
    "CurriculumExample",
    "CurriculumIndexPage",
    "CurriculumModulePage",
    "CurriculumPage",
    "Ecosystem",
    "HomePage",
    "ILMElementTerm",
    "LandUse",
    "Licence",
    "Theme",
]
