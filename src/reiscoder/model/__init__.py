"""The domain model and the project file. Free of Qt."""

from reiscoder.model.attributes import (
    Attribute,
    AttributeKind,
    AttributeTarget,
    AttributeValue,
    Case,
)
from reiscoder.model.base import Base
from reiscoder.model.coding import Code, Coder, Coding, Memo
from reiscoder.model.groups import (
    CodeRelation,
    Group,
    GroupKind,
    GroupMember,
    Network,
    NetworkNode,
)
from reiscoder.model.history import DocumentEdit
from reiscoder.model.meta import Meta
from reiscoder.model.privacy import NameKind, Pseudonym
from reiscoder.model.recordings import DocumentRecording, MediaKind, Recording, SyncPoint
from reiscoder.model.text import Document, SegmentationState, Sentence, Speaker, Turn

__all__ = [
    "Attribute",
    "AttributeKind",
    "AttributeTarget",
    "AttributeValue",
    "Base",
    "Case",
    "Code",
    "CodeRelation",
    "Coder",
    "Coding",
    "Document",
    "DocumentEdit",
    "DocumentRecording",
    "Group",
    "GroupKind",
    "GroupMember",
    "MediaKind",
    "Memo",
    "Meta",
    "Network",
    "NetworkNode",
    "NameKind",
    "Pseudonym",
    "Recording",
    "SegmentationState",
    "Sentence",
    "Speaker",
    "SyncPoint",
    "Turn",
]
