"""The site's languages as mkdocs-static-i18n defines them: codes, addresses, names and folders.

Read from the i18n plugin's configuration (mkdocs.yml) and from the guidance plugin's `docs_dirs`,
so a language's root (`cy/`) and folder (`docs_cy/`) are written down once, in mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def root_of(code: str, default: str) -> str:
    """Where a language's pages are published, relative to the site: '' for the default, 'cy/'."""
    return "" if code == default else f"{code}/"


def site_roots(settings: dict) -> dict[str, str]:
    """{code: root} from a mkdocs.yml as read (the i18n plugin's `languages:`), the default first."""
    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            entries = [e for e in plugin["i18n"].get("languages") or [] if isinstance(e, dict) and e.get("locale")]
            default = next((e["locale"] for e in entries if e.get("default")), entries[0]["locale"] if entries else "en")
            codes = [default] + [e["locale"] for e in entries if e["locale"] != default]
            return {code: root_of(code, default) for code in codes}
    return {"en": ""}


def docs_dirs(settings: dict) -> dict[str, str]:
    """The guidance plugin's `docs_dirs` (each language's folder but the default's), as in mkdocs.yml."""
    from guidance.plugin.config import GuidanceConfig

    for plugin in settings.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("guidance"), dict):
            return dict(plugin["guidance"].get("docs_dirs") or GuidanceConfig.docs_dirs.default)
    return dict(GuidanceConfig.docs_dirs.default)


@dataclass(frozen=True)
class Languages:
    default: str
    names: dict[str, str]          # code -> its name in itself ("Cymraeg")
    folders: dict[str, Path]       # code -> the folder of its Markdown

    @classmethod
    def of(cls, config, docs_dirs: dict[str, str]) -> "Languages":
        i18n = config.plugins["i18n"]
        root = Path(config.config_file_path).resolve().parent
        names = {lang.locale: lang.name for lang in i18n.config.languages}
        if missing := [code for code in names if code != i18n.default_language and code not in docs_dirs]:
            from mkdocs.exceptions import ConfigurationError
            raise ConfigurationError(f"The 'guidance' plugin's `docs_dirs` in mkdocs.yml names no folder for "
                                     f"{', '.join(repr(c) for c in missing)}: add e.g. `{missing[0]}: docs_{missing[0]}`.")
        folders = {code: Path(config.docs_dir) if code == i18n.default_language else root / docs_dirs[code]
                   for code in names}
        return cls(i18n.default_language, names, folders)

    @property
    def others(self) -> list[str]:
        return [code for code in self.names if code != self.default]

    def root(self, code: str) -> str:
        return root_of(code, self.default)

    def folder(self, code: str) -> Path:
        return self.folders[code]

    def of_page(self, page, config) -> str:
        # static-i18n tags each file with its locale and sets the theme language for its pass.
        return getattr(page.file, "locale", None) or config.theme.get("language") or self.default
