"""Recruitment's models, one module per thing: import them from here (Django's app registry
needs them loaded), or from the module that defines them."""

from recruitment.models.applications import Answer, Application, EqualityResponse, SupportRequest
from recruitment.models.decisions import DecisionRecord
from recruitment.models.interviews import (
    InterviewBooking,
    InterviewChange,
    InterviewInvitation,
    InterviewScore,
    InterviewSlot,
)
from recruitment.models.offers import EmailTemplate, Offer, UnsuccessfulEmail
from recruitment.models.reviews import ConflictDeclaration, Review, ReviewAssignment, Score
from recruitment.models.rounds import ApplicationForm, Criterion, Question, Round

__all__ = [
    "Answer",
    "Application",
    "ApplicationForm",
    "ConflictDeclaration",
    "Criterion",
    "DecisionRecord",
    "EmailTemplate",
    "EqualityResponse",
    "InterviewBooking",
    "InterviewChange",
    "InterviewInvitation",
    "InterviewScore",
    "InterviewSlot",
    "Offer",
    "Question",
    "Review",
    "ReviewAssignment",
    "Round",
    "Score",
    "SupportRequest",
    "UnsuccessfulEmail",
]
