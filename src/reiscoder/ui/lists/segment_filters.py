"""The coder and attribute filters of the Coded segments panel: two menu buttons and their state.

The menus are filled when they open, from the segments currently loaded, so they only offer
coders and values that occur. Ticking items keeps the menu open (several values in a row).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from reiscoder.i18n import _
from reiscoder.model import GroupKind
from reiscoder.read.groups import GroupRow
from reiscoder.read.segments import NO_VALUE, AttributeInfo, SegmentFilter, SegmentSet
from reiscoder.ui.lists.widgets import StickyMenu


class SegmentFilters(QObject):
    changed = Signal()

    def __init__(
        self,
        segments: Callable[[], SegmentSet],
        hidden: Callable[[], set[int]],
        groups: Callable[[], list[GroupRow]] | None = None,
    ) -> None:
        super().__init__()
        self._segments = segments
        self._hidden = hidden
        self._groups = groups or (lambda: [])
        self.coder_ids: frozenset[int] | None = None
        self.attribute_values: dict[int, frozenset[str]] = {}
        self.group: GroupRow | None = None  # only the fragments in this document group
        self.coders_button = self._button(self._fill_coders)
        self.attributes_button = self._button(self._fill_attributes)
        self.groups_button = self._button(self._fill_groups)
        self.update_buttons()

    def _button(self, fill: Callable[[QMenu], None]) -> QToolButton:
        button = QToolButton()
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = StickyMenu(button)
        menu.aboutToShow.connect(lambda: fill(menu))
        button.setMenu(menu)
        return button

    def widgets(self) -> list[QWidget]:
        return [self.coders_button, self.attributes_button, self.groups_button]

    # -- state -----------------------------------------------------------------------------

    def current(self) -> SegmentFilter:
        return SegmentFilter(
            coder_ids=self.coder_ids,
            hidden_coder_ids=frozenset(self._hidden()),
            attribute_values=dict(self.attribute_values),
            document_ids=frozenset(self.group.members) if self.group is not None else None,
        )

    def set_group(self, group: GroupRow | None) -> None:
        self.group = group
        self._changed()

    def set_coders(self, coder_ids: frozenset[int] | None) -> None:
        self.coder_ids = coder_ids
        self._changed()

    def set_attribute(self, attribute_id: int, values: frozenset[str]) -> None:
        """Show only segments whose attribute has one of ``values``; empty: no condition."""
        if values:
            self.attribute_values[attribute_id] = values
        else:
            self.attribute_values.pop(attribute_id, None)
        self._changed()

    def clear(self) -> None:
        self.coder_ids = None
        self.attribute_values = {}
        self.group = None
        self._changed()

    def _changed(self) -> None:
        self.update_buttons()
        self.changed.emit()

    def update_buttons(self) -> None:
        coders = self._segments().coders(self._hidden())
        if self.coder_ids is None:
            self.coders_button.setText(_("Coders"))
        else:
            shown = sum(1 for coder_id, _name in coders if coder_id in self.coder_ids)
            self.coders_button.setText(
                _("Coders ({shown}/{total})").format(shown=shown, total=len(coders))
            )
        count = len(self.attribute_values)
        self.attributes_button.setText(
            _("Attributes ({count})").format(count=count) if count else _("Attributes")
        )
        self.groups_button.setText(
            _("Group: {name}").format(name=self.group.name) if self.group else _("Group")
        )
        self.groups_button.setToolTip(_("Show the fragments in the documents of one group"))
        self.coders_button.setToolTip(_("Show the fragments of some coders only"))
        self.attributes_button.setToolTip(
            _("Show fragments by attributes of their document or speaker (etappe, wijk, role)")
        )

    # -- menus -----------------------------------------------------------------------------

    def _fill_coders(self, menu: QMenu) -> None:
        menu.clear()
        everyone = menu.addAction(_("All coders"))
        everyone.triggered.connect(lambda: self.set_coders(None))
        menu.addSeparator()
        coders = self._segments().coders(self._hidden())
        for coder_id, name in coders:
            action = menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(self.coder_ids is None or coder_id in self.coder_ids)
            action.toggled.connect(
                lambda on, c=coder_id: self._toggle_coder(c, on, {i for i, _n in coders})
            )
        if not coders:
            menu.addAction(_("No coded fragments")).setEnabled(False)
        hidden = self._hidden_names()
        if hidden:
            menu.addSeparator()
            note = _("Hidden in the transcript: {names}").format(names=", ".join(hidden))
            menu.addAction(note).setEnabled(False)

    def _hidden_names(self) -> list[str]:
        hidden = self._hidden()
        names = {r.coder_id: r.coder_name for r in self._segments().rows if r.coder_id in hidden}
        return sorted(names.values(), key=str.casefold)

    def _toggle_coder(self, coder_id: int, on: bool, everyone: set[int]) -> None:
        chosen = set(everyone if self.coder_ids is None else self.coder_ids)
        if on:
            chosen.add(coder_id)
        else:
            chosen.discard(coder_id)
        self.set_coders(None if chosen >= everyone else frozenset(chosen))

    def _fill_groups(self, menu: QMenu) -> None:
        menu.clear()
        menu.addAction(_("All documents")).triggered.connect(lambda: self.set_group(None))
        menu.addSeparator()
        groups = [g for g in self._groups() if g.kind == GroupKind.DOCUMENT]
        for group in groups:
            action = menu.addAction(group.label)
            action.setCheckable(True)
            action.setChecked(self.group is not None and self.group.id == group.id)
            action.triggered.connect(lambda _checked=False, g=group: self.set_group(g))
        if not groups:
            menu.addAction(_("No document groups yet (Edit > Groups)")).setEnabled(False)

    def _fill_attributes(self, menu: QMenu) -> None:
        menu.clear()
        for old in menu.findChildren(QMenu):
            old.deleteLater()
        if self.attribute_values:
            menu.addAction(_("Show all attributes")).triggered.connect(self._clear_attributes)
            menu.addSeparator()
        segments = self._segments()
        offered = False
        for attribute in segments.attributes:
            options = segments.options(attribute)
            if not [o for o in options if o != NO_VALUE]:
                continue
            offered = True
            self._attribute_menu(menu, attribute, options)
        if not offered:
            menu.addAction(_("These fragments have no attribute values")).setEnabled(False)

    def _attribute_menu(self, menu: QMenu, attribute: AttributeInfo, options: list[str]) -> None:
        title = attribute.name
        if attribute.target == "case":
            title = _("{name} (of the speaker)").format(name=attribute.name)
        chosen = self.attribute_values.get(attribute.id, frozenset())
        if chosen:
            title += " ✓"
        submenu = StickyMenu(title, menu)
        menu.addMenu(submenu)
        for option in options:
            action = submenu.addAction(option if option != NO_VALUE else _("(no value)"))
            action.setCheckable(True)
            action.setChecked(option in chosen)
            action.toggled.connect(
                lambda on, a=attribute.id, o=option: self._toggle_value(a, o, on)
            )

    def _toggle_value(self, attribute_id: int, value: str, on: bool) -> None:
        chosen = set(self.attribute_values.get(attribute_id, frozenset()))
        if on:
            chosen.add(value)
        else:
            chosen.discard(value)
        self.set_attribute(attribute_id, frozenset(chosen))

    def _clear_attributes(self) -> None:
        self.attribute_values = {}
        self._changed()
