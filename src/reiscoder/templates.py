"""Codebook templates bundled in ``resources/templates``, applied through the operations."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from reiscoder.model import AttributeKind, AttributeTarget
from reiscoder.ops.attributes import create_attribute
from reiscoder.ops.changes import ChangeSet
from reiscoder.ops.codes import create_code
from reiscoder.resources import resource_path

DEFAULT_TEMPLATE = "renovatie-van-het-sociale"


@dataclass(frozen=True)
class Template:
    id: str
    name: str
    description: str
    data: dict[str, Any]


def available_templates() -> list[Template]:
    return [_load(path.stem) for path in sorted(resource_path("templates").glob("*.json"))]


def load_template(template_id: str) -> Template:
    if not resource_path("templates", f"{template_id}.json").is_file():
        raise KeyError(template_id)
    return _load(template_id)


def apply_template(session: Session, template: Template) -> ChangeSet:
    """Add the template's attributes and code tree to the project in ``session``."""
    changes = ChangeSet()
    for spec in template.data.get("attributes", []):
        outcome = create_attribute(
            session,
            spec["name"],
            AttributeKind(spec.get("kind", "text")),
            AttributeTarget(spec.get("target", "document")),
            spec.get("choices"),
        )
        changes.entries.extend(outcome.changes.entries)
    for spec in template.data.get("codes", []):
        _add_code(session, changes, spec, None)
    return changes


def _add_code(
    session: Session, changes: ChangeSet, spec: dict[str, Any], parent: int | None
) -> None:
    outcome = create_code(
        session,
        spec["name"],
        parent_id=parent,
        color=spec.get("color"),
        definition=spec.get("definition", ""),
        inclusion=spec.get("inclusion", ""),
        exclusion=spec.get("exclusion", ""),
        example=spec.get("example", ""),
    )
    changes.entries.extend(outcome.changes.entries)
    for child in spec.get("children", []):
        _add_code(session, changes, child, outcome.created_id)


def _load(template_id: str) -> Template:
    path = resource_path("templates", f"{template_id}.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Template(template_id, data["name"], data.get("description", ""), data)
