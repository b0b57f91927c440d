"""Fonts, sizes and alignment as Word resolves them for a run of Chinese text.

Word builds a run's properties in layers, each overriding the one before:
document defaults (``w:docDefaults``), the paragraph's style and the styles it
is based on (the default paragraph style when the paragraph names none), the
run's character style and its bases, then the run's own properties. A font
given as a theme font (``w:eastAsiaTheme="minorEastAsia"``) is looked up in the
theme's font scheme, in the script of the document's East Asian language
(``w:themeFontLang`` in settings, else ``zh-CN``). Chinese characters take the
East Asian font (``w:eastAsia``); sizes are ``w:sz`` in half-points.

Table styles and numbering formats, which can also carry run properties, are
not read: notices do not set body fonts through them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from gkparse.ooxml.body_xml import w

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_RPR, _PPR, _RFONTS, _SZ = w("rPr"), w("pPr"), w("rFonts"), w("sz")
_VAL, _EAST_ASIA, _EAST_ASIA_THEME = w("val"), w("eastAsia"), w("eastAsiaTheme")
WORD_DEFAULT_SIZE = 10.0  # points, when nothing sets w:sz
_SCRIPTS = {"zh-CN": "Hans", "zh-SG": "Hans", "zh-TW": "Hant", "zh-HK": "Hant", "zh-MO": "Hant",
            "ja-JP": "Jpan", "ko-KR": "Hang"}


@dataclass(frozen=True)
class Resolved:
    """A property's value and the layer it came from (for the message a person reads)."""

    value: str | float | None
    source: str


@dataclass(frozen=True)
class RunFormat:
    font: Resolved  # the East Asian font name, or None when nothing sets one
    size: Resolved  # points

    @property
    def font_name(self) -> str | None:
        return self.font.value if isinstance(self.font.value, str) else None

    @property
    def size_pt(self) -> float:
        return float(self.size.value) if self.size.value is not None else WORD_DEFAULT_SIZE

    def describe(self) -> str:
        font = self.font_name or "no East Asian font"
        return f"{font} {self.size_pt:g}pt (font from {self.font.source}, size from {self.size.source})"


class StyleSheet:
    """A document's styles, defaults and theme fonts, to resolve runs against."""

    def __init__(self, styles: etree._Element | None, theme: etree._Element | None = None,
                 settings: etree._Element | None = None) -> None:
        self._styles: dict[tuple[str, str], etree._Element] = {}
        self._default_paragraph_style: str | None = None
        self._defaults: etree._Element | None = None
        if styles is not None:
            for style in styles.iter(w("style")):
                kind, style_id = style.get(w("type")) or "paragraph", style.get(w("styleId"))
                if style_id is None:
                    continue
                self._styles[(kind, style_id)] = style
                if kind == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
                    self._default_paragraph_style = style_id
            self._defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{_RPR}")
        self._theme_fonts = _theme_fonts(theme, _theme_script(settings))

    def style_name(self, kind: str, style_id: str) -> str:
        style = self._styles.get((kind, style_id))
        name = style.find(w("name")) if style is not None else None
        return (name.get(_VAL) if name is not None else None) or style_id

    def _bases(self, kind: str, style_id: str | None) -> list[tuple[str, etree._Element]]:
        """The style and the styles it is based on, nearest first, with their ids; loops are
        cut."""
        bases: list[tuple[str, etree._Element]] = []
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get((kind, style_id))
            if style is None:
                break
            bases.append((style_id, style))
            based = style.find(w("basedOn"))
            style_id = based.get(_VAL) if based is not None else None
        return bases

    def _chain(self, kind: str, style_id: str | None) -> list[tuple[str, etree._Element]]:
        """The run properties of the style and its bases, nearest first, each with its name."""
        return [(f"the {kind} style '{self.style_name(kind, found)}'", rpr)
                for found, style in self._bases(kind, style_id)
                if (rpr := style.find(_RPR)) is not None]

    def _paragraph_setting(self, paragraph: etree._Element, path: str) -> etree._Element | None:
        """A paragraph property (``path`` under ``w:pPr``): the paragraph's own, else the first
        of its style chain's."""
        own = paragraph.find(f"{_PPR}/{path}")
        if own is not None:
            return own
        pstyle = paragraph.find(f"{_PPR}/{w('pStyle')}")
        style_id = pstyle.get(_VAL) if pstyle is not None else self._default_paragraph_style
        for _, style in self._bases("paragraph", style_id):
            found = style.find(f"{_PPR}/{path}")
            if found is not None:
                return found
        return None

    def layers(self, paragraph: etree._Element, run: etree._Element | None
               ) -> list[tuple[str, etree._Element]]:
        """Run property layers, strongest first."""
        layers: list[tuple[str, etree._Element]] = []
        if run is not None:
            rpr = run.find(_RPR)
            if rpr is not None:
                layers.append(("the run", rpr))
                rstyle = rpr.find(w("rStyle"))
                if rstyle is not None:
                    layers.extend(self._chain("character", rstyle.get(_VAL)))
        pstyle = paragraph.find(f"{_PPR}/{w('pStyle')}")
        style_id = pstyle.get(_VAL) if pstyle is not None else self._default_paragraph_style
        layers.extend(self._chain("paragraph", style_id))
        if self._defaults is not None:
            layers.append(("the document defaults", self._defaults))
        return layers

    def run_format(self, paragraph: etree._Element, run: etree._Element | None) -> RunFormat:
        """The East Asian font and the size Word gives ``run`` (None: the paragraph mark)."""
        font, size = Resolved(None, "nothing (Word's fallback)"), Resolved(None, "Word's default")
        layers = self.layers(paragraph, run)
        for source, rpr in layers:
            fonts = rpr.find(_RFONTS)
            if fonts is None:
                continue
            theme = fonts.get(_EAST_ASIA_THEME)
            if theme is not None:  # a theme font wins over the plain name at the same layer
                font = Resolved(self._theme_fonts.get(theme), f"{source}, theme font {theme}")
                break
            if fonts.get(_EAST_ASIA) is not None:
                font = Resolved(fonts.get(_EAST_ASIA), source)
                break
        for source, rpr in layers:
            sz = rpr.find(_SZ)
            if sz is not None and (sz.get(_VAL) or "").isdigit():
                size = Resolved(int(sz.get(_VAL) or "0") / 2, source)
                break
        return RunFormat(font, size)

    def alignment(self, paragraph: etree._Element) -> str:
        """The paragraph's ``w:jc``: its own, else its style chain's, else ``left``."""
        jc = self._paragraph_setting(paragraph, w("jc"))
        return (jc.get(_VAL) or "left") if jc is not None else "left"

    def is_numbered(self, paragraph: etree._Element) -> bool:
        """Whether Word numbers the paragraph itself (``w:numPr``, its own or its style's):
        the heading number (一、) is then not in the text, only in the numbering part."""
        num = self._paragraph_setting(paragraph, f"{w('numPr')}/{w('numId')}")
        return num is not None and num.get(_VAL) not in (None, "0")

    def default_size(self) -> float:
        """The size of the default paragraph style: what Word's character grid is measured in."""
        for _source, rpr in [*self._chain("paragraph", self._default_paragraph_style),
                             *([("defaults", self._defaults)] if self._defaults is not None
                               else [])]:
            sz = rpr.find(_SZ)
            if sz is not None and (sz.get(_VAL) or "").isdigit():
                return int(sz.get(_VAL) or "0") / 2
        return WORD_DEFAULT_SIZE


def _theme_script(settings: etree._Element | None) -> str:
    lang = settings.find(w("themeFontLang")) if settings is not None else None
    east_asia = lang.get(_EAST_ASIA) if lang is not None else None
    return _SCRIPTS.get(east_asia or "zh-CN", "Hans")


def _theme_fonts(theme: etree._Element | None, script: str) -> dict[str, str | None]:
    """``majorEastAsia`` / ``minorEastAsia`` -> the typeface the theme gives them."""
    out: dict[str, str | None] = {}
    if theme is None:
        return out
    for kind in ("major", "minor"):
        scheme = theme.find(f".//{{{A_NS}}}{kind}Font")
        if scheme is None:
            continue
        ea = scheme.find(f"{{{A_NS}}}ea")
        face = ea.get("typeface") if ea is not None else None
        if not face:  # an empty ea typeface means: the font for the language's script
            scripted = next((f for f in scheme.iter(f"{{{A_NS}}}font")
                             if f.get("script") == script), None)
            face = scripted.get("typeface") if scripted is not None else None
        out[f"{kind}EastAsia"] = face or None
    return out


# Font families of the standard, by the names Windows, WPS, macOS and the 方正 foundry give them.
FAMILIES: dict[str, tuple[str, ...]] = {
    "小标宋": ("小标宋", "xiaobiaosong"),
    "仿宋": ("仿宋", "fangsong"),
    "黑体": ("黑体", "simhei", "heiti"),
    "楷体": ("楷体", "kaiti"),
}


def in_family(font: str | None, family: str) -> bool:
    """``方正仿宋_GBK``, ``仿宋_GB2312``, ``FangSong`` and ``STFangsong`` are all 仿宋.

    >>> in_family("方正小标宋简体", "小标宋"), in_family("宋体", "仿宋")
    (True, False)
    """
    if not font:
        return False
    folded = font.replace(" ", "").replace("-", "").lower()
    return any(name in folded for name in FAMILIES[family])
