"""From blocks to sections: where each section and each activity form starts.

A section starts at a label of the catalogue (a heading, a bold paragraph, a line ending in
a colon, or a two-column table's left cell; a heading's own number is ignored). An
activity form starts at its "Aktivitetsnavn" label, at a heading of its own ("Aktivitet 3:
Lektiecafé"), at a numbered heading under the activities section ("8.2 Lektiecafé" under
"8. Aktiviteter"), at any heading inside the activity forms, or at a short plain line
right before a form's first field (a heading a scan's OCR read as plain text). A heading
that is no label starts a section of its own, kept in `other_sections`: it never merges
into the text of the section before it. An inline label ("Formål: text") splits into label
and value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Block
from .labels import (
    FORM_KEYS,
    HEADING_NUMBER,
    SECTION_KEYS,
    LabelMatch,
    fold,
    forms_header_kind,
    match_activity_heading,
    match_label,
    match_title,
)
from .prose import clean_text

OUTSIDE_FORMS = (*SECTION_KEYS, "name")  # "Aktivitetsnavn" starts the forms
INSIDE_FORMS = (*FORM_KEYS, *SECTION_KEYS)
OTHER = "other:"  # key prefix of a section under a heading that is no label
NAME_WORDS = 10  # an activity's name or a heading is a short line; a longer one is prose
# what OCR leaves of a heading's number when it misreads the digits but keeps the dot, set
# off by spaces: ". Ressourcer", "]eoi . Aktiviteter" (at most 4 characters of debris)
LOST_NUMBER = re.compile(r"^(?:\S{1,4}\s+)?\.\s+(?=[A-ZÆØÅ])")


@dataclass
class Form:
    fields: dict[str, list[Block]] = field(default_factory=dict)
    current: str | None = None
    loose: list[Block] = field(default_factory=list)


@dataclass
class Sections:
    title: str | None = None
    focus_area: str | None = None
    preamble: list[Block] = field(default_factory=list)
    sections: dict[str, list[Block]] = field(default_factory=dict)
    forms: list[Form] = field(default_factory=list)
    forms_intro: list[Block] = field(default_factory=list)
    keys_found: set[str] = field(default_factory=set)
    activity_number: str | None = None  # "8" of "8. Aktiviteter"
    current: str | None = None

    def add(self, block: Block) -> None:
        """Append a block to wherever reading stands."""
        if self.current == "activity_forms" and self.forms:
            form = self.forms[-1]
            if block.table is not None:
                form.fields.setdefault(form.current or "", []).append(block)
            elif form.current is None:
                form.loose.append(block)
            else:
                form.fields[form.current].append(block)
        elif self.current == "activity_forms":
            self.forms_intro.append(block)
        elif self.current is None:
            self.preamble.append(block)
        else:
            self.sections.setdefault(self.current, []).append(block)

    def start_form(self, name: str | None, page: int | None) -> Form:
        self.current = "activity_forms"
        self.sections.setdefault("activity_forms", [])
        form = Form()
        if name is not None:
            form.fields["name"] = [Block("paragraph", name, page=page)]
        self.forms.append(form)
        return form


def _activity_start(block: Block, text: str, found: Sections) -> str | None:
    """The activity's name if this block is a heading of its own that starts a form."""
    if block.kind == "list_item" or block.table is not None:
        return None
    marked = block.kind == "heading" or block.bold
    name = match_activity_heading(text)
    if name is not None and (marked or found.current == "activity_forms"):
        return clean_text(name)
    number = HEADING_NUMBER.match(text)
    # a scan's OCR keeps a numbered heading's number but not its size: a short line will do
    heading_like = block.kind == "heading" or (
        number is not None and len(text.split()) <= NAME_WORDS + 1 and not text.endswith(".")
    )
    if not heading_like:
        return None
    if number and found.activity_number is None and "activity_list" in found.sections:
        # the activities heading lost its number to OCR: the first sub-heading numbered
        # "N.1" after the activity list gives it
        major, _, minor = number.group(1).partition(".")
        if minor == "1":
            found.activity_number = major
    if (
        number
        and found.activity_number
        and "." in number.group(1)
        and number.group(1).split(".")[0] == found.activity_number
    ):
        return clean_text(text[number.end() :])
    if block.kind != "heading":
        return None
    if found.current == "activity_forms" and match_label(text, emphasised=True) is None:
        return clean_text(text)
    return None


def _section_key(match: LabelMatch, text: str, found: Sections) -> str:
    key = match.label.key
    if key in ("activity_list", "activity_forms"):
        if key == "activity_list" or "skema" in fold(match.label.text):
            key = forms_header_kind(text)
        if (
            key == "activity_list"
            and "activity_list" in found.sections
            and found.current in ("municipal", "revision", "staff")
        ):
            key = "activity_forms"
        if match.number:
            found.activity_number = match.number
    return key


def _label(found: Sections, block: Block, match: LabelMatch, text: str) -> None:
    rest = [Block("paragraph", match.rest, page=block.page)] if match.rest else []
    key = _section_key(match, text, found)
    found.keys_found.add(key)
    if key in FORM_KEYS:
        if key == "name" or not found.forms or found.current != "activity_forms":
            found.start_form(None, block.page)
        form = found.forms[-1]
        if key in form.fields and key != "name":
            # a form has each field once: a second "Indhold" is a sub-heading of the text
            found.add(block)
            return
        form.fields[key] = rest
        form.current = key
        return
    found.current = key
    found.sections.setdefault(key, []).extend(rest)


def _name_before_fields(block: Block, text: str, after: Block | None, found: Sections) -> bool:
    """A short plain line inside the activity forms, right before a form's first field
    ("Forældrecaféen" / "Formål: ..."), is the next activity's name: a heading whose size
    and weight a scan's OCR did not keep."""
    if found.current != "activity_forms" or block.kind != "paragraph" or after is None:
        return False
    if len(text.split()) > NAME_WORDS or text.endswith((".", ":", "!", "?", ",")):
        return False
    if match_label(text, emphasised=True) is not None:
        return False
    field = match_label(after.text.strip(), emphasised=after.bold, keys=FORM_KEYS)
    if field is None or field.label.key == "name":
        return False
    # the form it would start must be new: the current one already has this field
    return not found.forms or field.label.key in found.forms[-1].fields


def _numbered_line(text: str) -> bool:
    """A short line under a heading number ("8. Aktiviteter"), or under the dot of one OCR
    half lost or misread (". Ressourcer", "]eoi . Aktiviteter"): the number marks it as a
    heading, as bold would."""
    short = len(text.split()) <= NAME_WORDS and not text.endswith((".", ","))
    return short and (HEADING_NUMBER.match(text) is not None or LOST_NUMBER.match(text) is not None)


def _without_lost_number(text: str) -> str:
    """A short line's text without the remains of its misread number ("]eoi . Aktiviteter")."""
    return LOST_NUMBER.sub("", text, count=1) if _numbered_line(text) else text


def _lone_item(blocks: list[Block], i: int) -> bool:
    """A list item with no list item before or after it: a list of one is a numbered
    heading whose weight a scan's OCR did not keep ("3. Parter og ansvar")."""
    before = blocks[i - 1].kind if i > 0 else None
    after = blocks[i + 1].kind if i + 1 < len(blocks) else None
    return before != "list_item" and after != "list_item"


def sectionise(blocks: list[Block]) -> Sections:
    found = Sections()
    for i, block in enumerate(blocks):
        if block.table is not None:
            found.add(block)
            continue
        text = block.text.strip()
        if found.title is None and found.current is None and block.kind != "list_item":
            focus = match_title(text)
            if focus is not None:
                found.title = clean_text(text)
                found.focus_area = clean_text(focus) or None
                continue
        name = _activity_start(block, text, found)
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        if name is None and _name_before_fields(block, text, after, found):
            name = clean_text(text)
        if name is not None:
            found.start_form(name, block.page)
            found.keys_found.add("activity_forms")
            continue
        if block.kind == "list_item" and block.number:
            # "8. Aktiviteter" over a bullet list: a text layer's numbered line that is a
            # section label as a whole is a heading that lost its size and weight
            match = match_label(f"{block.number} {text}", emphasised=True, keys=SECTION_KEYS)
            if match is not None and not match.rest and ":" not in text:
                _label(found, block, match, text)
                continue
        if block.kind == "list_item" and not block.bold and not _lone_item(blocks, i):
            found.add(block)
            continue
        if block.kind == "list_item":
            # a numbered heading a text layer read as a list item ("9. Ressourcer" after a
            # numbered list): bold, or a list of one, and a section label as a whole
            match = match_label(text, emphasised=True, keys=SECTION_KEYS)
            if match is None or match.rest or ":" in text:
                found.add(block)
            else:
                _label(found, block, match, text)
            continue
        keys = INSIDE_FORMS if found.current == "activity_forms" else OUTSIDE_FORMS
        # inside a form a line of a few words standing alone is as marked as a bold one
        alone_in_form = found.current == "activity_forms" and len(text.split()) <= 4
        emphasised = block.bold or block.kind == "heading" or _numbered_line(text)
        emphasised = emphasised or (alone_in_form and not text.endswith((".", ",")))
        match = match_label(_without_lost_number(text), emphasised=emphasised, keys=keys)
        if match is not None and found.current == "activity_forms":
            form_match = match_label(text, emphasised=emphasised, keys=FORM_KEYS)
            match = form_match or match
        if match is not None:
            _label(found, block, match, text)
        elif block.kind == "heading" and found.current != "activity_forms":
            found.current = OTHER + clean_text(text)
            found.sections.setdefault(found.current, [])
        else:
            found.add(block)
    return found
