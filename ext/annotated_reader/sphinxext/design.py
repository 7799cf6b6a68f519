"""sphinx-design where a project uses it: its assets only where needed, its tabs in the EPUB.

* **Assets per page.**  sphinx-design adds its CSS and JavaScript (62 KB, a quarter of a
  text page's budget) to every page.  They stay only on the pages that show one of its
  components (an element with an ``sd-`` class), the JavaScript only where there are tabs.
* **Icons under the safety rules.**  Its icon roles (``{octicon}``, ``{material-…}``) write
  their SVG as a string, the classes given after the second ``;`` unescaped: a class
  ``x"onmouseover="…`` would become an attribute.  Under ``annotated_reader_safe_pages``
  such a role is shown as its source, with a warning; valid classes pass.  (Its other
  directives and roles escape what they write; their links and images go through the
  safety rules like any others: see ``tests/sphinx/test_design.py``.)
* **Valid tab labels.**  sphinx-design 0.8 gives a tab's ``<label>`` an ``aria-controls``,
  which HTML does not allow on a label of an input (the Nu HTML checker's error); the
  label names its radio button, which shows the panel, and the attribute goes.
* **Tabs in the EPUB.**  Its tabs are radio buttons and labels, which EPUB's XHTML does not
  allow where sphinx-design puts them (epubcheck: RSC-005).  The EPUB shows each tab's
  label as a heading over its content, one after the other, as sphinx-design itself does
  for other formats.

Nothing here needs sphinx-design: a project without it has no such pages.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from ..core.problems import ProblemKind
from .config import reader_config
from .report import WARNING_TYPE

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.docutils import SphinxRole

logger = logging.getLogger(__name__)

SPHINX_DESIGN_ASSETS = ("sphinx-design.min.css", "design-tabs.js")
"""sphinx-design's static files (``sphinx_design/static``, checked with 0.8.0)."""
CLASS_PREFIX = "sd-"
TAB_SET_CLASS = "sd-tab-set"
COMPONENT = "design_component"
"""The attribute sphinx-design (``shared.create_component``) names its containers by."""


def uses_sphinx_design(doctree: nodes.document | None) -> tuple[bool, bool]:
    """Whether a page shows a sphinx-design component, and whether one is a tab set."""
    if doctree is None:
        return False, False
    components = False
    for node in doctree.findall(nodes.Element):
        classes: list[str] = node.get("classes", [])
        if any(name.startswith(CLASS_PREFIX) for name in classes):
            if TAB_SET_CLASS in classes:
                return True, True
            components = True
    return components, False


def asset_name(asset: Any) -> str:
    """The file name of a template's asset (``_static/x.css?v=…`` -> ``x.css``)."""
    return posixpath.basename(str(getattr(asset, "filename", asset)).split("?", 1)[0])


def _prune_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    if app.builder.format != "html":
        return
    components, tabs = uses_sphinx_design(doctree)
    drop = set()
    if not components:
        drop.add(SPHINX_DESIGN_ASSETS[0])
    if not tabs:
        drop.add(SPHINX_DESIGN_ASSETS[1])
    for key in ("css_files", "script_files"):
        assets = context.get(key)
        if isinstance(assets, list):
            assets[:] = [asset for asset in assets if asset_name(asset) not in drop]


class TabsAsSections(SphinxPostTransform):
    """In the EPUB, each tab of a tab set as its label (a heading) and its content."""

    builders = ("epub",)
    default_priority = 199  # before sphinx-design's TabSetHtmlTransform (200)

    def run(self, **kwargs: Any) -> None:
        for tab_set in list(self.document.findall(nodes.Element)):
            if _component(tab_set) != "tab-set":
                continue
            flat: list[nodes.Node] = []
            for item in tab_set.children:
                if _component(item) != "tab-item" or len(item.children) != 2:
                    flat.append(item)
                    continue
                label, content = item.children
                heading = nodes.rubric("", "", *label.children, classes=["ar-tab-label"])
                flat.extend([heading, *content.children])
            flattened = nodes.container("", *flat)
            tab_set.replace_self(flattened)
            flattened["classes"] = ["ar-tabs"]  # not sphinx-design's, which replace_self copies


CSS_CLASS = re.compile(r"-?[_a-zA-Z][_a-zA-Z0-9-]*\Z")
ICON_ROLES = (
    "octicon",
    "material-regular",
    "material-outlined",
    "material-round",
    "material-sharp",
    "material-twotone",
)
"""sphinx-design's roles that write their classes into raw SVG (checked with 0.8.0)."""


def icon_classes_are_safe(text: str) -> bool:
    """Whether the classes of an icon role's text (``name;height;classes``) are class names."""
    parts = text.split(";")
    return len(parts) < 3 or all(CSS_CLASS.match(name) for name in parts[2].split())


def _safe_icon_role(role: SphinxRole) -> Any:
    def run(
        name: str,
        rawtext: str,
        text: str,
        lineno: int,
        inliner: Any,
        options: dict[str, Any] | None = None,
        content: Any = (),
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if icon_classes_are_safe(text):
            return role(name, rawtext, text, lineno, inliner, options or {}, content)
        env = inliner.document.settings.env
        logger.warning(
            "the classes of '{%s}' are not CSS class names (letters, digits, '-' and '_'); "
            "the role is shown as written",
            name,
            type=WARNING_TYPE,
            subtype=ProblemKind.SAFETY.value,
            location=(env.docname, lineno),
        )
        return [nodes.literal(rawtext, rawtext, classes=["ar-refused"])], []

    return run


def _guard_icon_roles(app: Sphinx) -> None:
    if "sphinx_design" not in app.extensions or not reader_config(app.config).safe_pages:
        return
    from sphinx_design.icons import MaterialRole, OcticonRole

    app.add_role("octicon", _safe_icon_role(OcticonRole()), override=True)
    for name in ICON_ROLES[1:]:
        style = name.removeprefix("material-")
        app.add_role(name, _safe_icon_role(MaterialRole(style)), override=True)


class TabLabelsWithoutAriaControls(SphinxPostTransform):
    """Drop ``aria-controls`` from sphinx-design's tab labels (not allowed on a label)."""

    formats = ("html",)
    default_priority = 201  # after sphinx-design's TabSetHtmlTransform (200) made them

    def run(self, **kwargs: Any) -> None:
        if "sphinx_design" not in self.config.extensions:
            return
        from sphinx_design.tabs import sd_tab_label

        for node in self.document.findall(sd_tab_label):
            node.attributes.pop("aria_controls", None)


def _component(node: nodes.Node) -> str | None:
    return node.get(COMPONENT) if isinstance(node, nodes.Element) else None


def setup_design(app: Sphinx) -> None:
    """Prune sphinx-design's assets per page; guard its icons; flatten its tabs in the EPUB."""
    app.connect("html-page-context", _prune_assets)
    app.connect("builder-inited", _guard_icon_roles)
    app.add_post_transform(TabsAsSections)
    app.add_post_transform(TabLabelsWithoutAriaControls)
