"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from registry.models.accounts import AccountLink, RecoveryCode, SignInAttempt, UserSession
from registry.models.accreditations import Accreditation, AccreditationEvent
from registry.models.api import ApiKey, BulkCheck, BulkCheckResult, WatchlistItem
from registry.models.area_alerts import AreaAlertSubscription
from registry.models.assessments import AccreditationApplication, AssessmentOutcome
from registry.models.audit import AuditCheckpoint, AuditEvent, SequenceCounter
from registry.models.base import Base
from registry.models.changes import RegisterChange
from registry.models.commissioned_services import CommissionedService
from registry.models.concerns import Concern
from registry.models.consultations import (
    Consultation,
    ConsultationAnswer,
    ConsultationDecision,
    ConsultationResponse,
    ConsultationTheme,
)
from registry.models.credentials import CredentialStatusEntry
from registry.models.logs import EvidenceFile, LogEntry, RenewalRequest
from registry.models.mediators import (
    IndependenceDeclaration,
    Mediator,
    MediatorFormat,
    MediatorLanguage,
    MediatorSpecialism,
)
from registry.models.notifications import Notification, NotificationPreference
from registry.models.organisations import Organisation
from registry.models.oversight import (
    AuditSample,
    AuditSampleMember,
    ConcernHandling,
    ConcernNote,
    OutcomeReturn,
    OutcomeReturnRevision,
    OversightNotice,
    OversightReview,
    ReviewAction,
    ReviewFinding,
)
from registry.models.providers import PanelMembership
from registry.models.reference import FormerGssCode, LocalAuthority
from registry.models.standards import StandardsVersion
from registry.models.training import (
    ProgrammeAccreditationEvent,
    ProgrammeVersion,
    TrainingCompletion,
    TrainingProgramme,
)
from registry.models.users import RoleAssignment, User
from registry.models.webhooks import WebhookDelivery, WebhookSubscription

__all__ = [
    "AccountLink",
    "RecoveryCode",
    "RegisterChange",
    "SignInAttempt",
    "UserSession",
    "Accreditation",
    "AccreditationApplication",
    "AccreditationEvent",
    "ApiKey",
    "AreaAlertSubscription",
    "AssessmentOutcome",
    "AuditCheckpoint",
    "AuditEvent",
    "AuditSample",
    "AuditSampleMember",
    "Base",
    "BulkCheck",
    "BulkCheckResult",
    "CommissionedService",
    "Concern",
    "Consultation",
    "ConsultationAnswer",
    "ConsultationDecision",
    "ConsultationResponse",
    "ConsultationTheme",
    "ConcernHandling",
    "ConcernNote",
    "CredentialStatusEntry",
    "EvidenceFile",
    "FormerGssCode",
    "IndependenceDeclaration",
    "LocalAuthority",
    "LogEntry",
    "Mediator",
    "MediatorFormat",
    "MediatorLanguage",
    "MediatorSpecialism",
    "Notification",
    "NotificationPreference",
    "Organisation",
    "PanelMembership",
    "OutcomeReturn",
    "OutcomeReturnRevision",
    "OversightNotice",
    "OversightReview",
    "ProgrammeAccreditationEvent",
    "ProgrammeVersion",
    "RenewalRequest",
    "ReviewAction",
    "ReviewFinding",
    "RoleAssignment",
    "SequenceCounter",
    "StandardsVersion",
    "TrainingCompletion",
    "TrainingProgramme",
    "User",
    "WatchlistItem",
    "WebhookDelivery",
    "WebhookSubscription",
]
