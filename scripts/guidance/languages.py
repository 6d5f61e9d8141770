"""The site's languages as mkdocs-static-i18n defines them: codes, addresses, names and folders.

Read from the i18n plugin's configuration (mkdocs.yml) and from the guidance plugin's `docs_dirs`,
so a language's root (`cy/`) and folder (`docs_cy/`) are written down once, in mkdocs.yml.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        """Where a language's pages are published, relative to the site: '' or 'cy/'."""
        return "" if code == self.default else f"{code}/"

    def folder(self, code: str) -> Path:
        return self.folders[code]

    def of_page(self, page, config) -> str:
        # static-i18n tags each file with its locale and sets the theme language for its pass.
        return getattr(page.file, "locale", None) or config.theme.get("language") or self.default
