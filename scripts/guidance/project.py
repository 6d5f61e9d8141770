"""The project a command works on: a folder with a mkdocs.yml, and the files in it, named once.

Every `guidance` command, and every function that reads or writes the project's files, is handed a
Project rather than reaching for the folder this package happens to be installed in: `guidance check
--root COPY` checks COPY's pages against COPY's bibliography, word list and record of addresses.
Where MkDocs defines a path (docs_dir, site_dir, the bibtex plugin's bib_file) it is read from the
project's mkdocs.yml; the rest are this project's conventions, relative to those.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guidance.languages import docs_dirs, site_roots

CONFIG = "mkdocs.yml"


class ProjectError(Exception):
    """No project where one was looked for, or a mkdocs.yml that cannot be read; the message says which."""


@lru_cache(maxsize=1024)
def _root_above(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG).is_file():
            return candidate
    return None


def find_root(start: Path) -> Path | None:
    """The project folder holding START: START itself or the nearest folder above it with a mkdocs.yml."""
    start = start.resolve()
    return _root_above(start if start.is_dir() else start.parent)


@dataclass(frozen=True)
class Project:
    root: Path
    #: mkdocs.yml
    config: Path
    #: English pages: mkdocs.yml's docs_dir.
    docs: Path
    #: Welsh pages: the guidance plugin's docs_dirs (docs_cy/), as the build reads them.
    docs_cy: Path
    #: Every work cited: the bibtex plugin's bib_file.
    bibliography: Path
    #: Where `mkdocs build` writes the site: mkdocs.yml's site_dir (None when not read from mkdocs.yml).
    #: Each language's root in the site, from the i18n plugin's languages: {"en": "", "cy": "cy/"}.
    roots: dict[str, str]
    site_dir: Path | None = None

    @classmethod
    def at(cls, root: Path) -> "Project":
        """The project whose mkdocs.yml is in ROOT; ProjectError if there is none or it cannot be read."""
        root = Path(root).resolve()
        config = root / CONFIG
        if not config.is_file():
            raise ProjectError(f"{root} has no {CONFIG}: give --root the project folder (the one with {CONFIG}).")
        settings = _settings(config)
        bib_file = "bibliography.bib"
        for plugin in settings.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("bibtex"), dict):
                bib_file = plugin["bibtex"].get("bib_file") or bib_file
        roots = site_roots(settings)
        welsh = next((code for code in roots if roots[code]), "cy")
        return cls(root=root, config=config,
                   docs=root / str(settings.get("docs_dir") or "docs"),
                   docs_cy=root / docs_dirs(settings).get(welsh, f"docs_{welsh}"),
                   roots=roots,
                   bibliography=root / str(bib_file),
                   site_dir=root / str(settings.get("site_dir") or "site"))

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
        """The project holding START (default: the current folder), found by looking upwards for mkdocs.yml."""
        start = Path.cwd() if start is None else Path(start)
        root = find_root(start)
        if root is None:
            raise ProjectError(f"no {CONFIG} in {start.resolve()} or any folder above it: run guidance in the "
                               f"project folder, or give --root DIR.")
        return cls.at(root)

    @property
    def published_urls(self) -> Path:
        """Every page address ever published (guidance urls, the published-urls check)."""
        return self.root / "published-urls.txt"

    @property
    def spelling_wordlist(self) -> Path:
        """Words the Welsh dictionaries do not know but this project accepts (the welsh-spelling check)."""
        return self.docs_cy / "spelling-wordlist.txt"

    @property
    def terminology(self) -> Path:
        """The agreed Welsh terms (the terminology check)."""
        return self.docs_cy / "terminology.yml"

    @property
    def build_dir(self) -> Path:
        """Where commands write what is not part of the site (benchmark reports, screenshots); git ignores it."""
        return self.root / "build"

    def sources(self, lang: str) -> Path:
        """The pages of one language: docs for the default language, docs_cy for Welsh."""
        return self.docs if not self.roots.get(lang) else self.docs_cy

    @property
    def welsh_root(self) -> str:
        """The Welsh site's root, as an address from the site root: '/cy/'."""
        return "/" + next(root for root in self.roots.values() if root)

    def rel(self, path: Path) -> str:
        """PATH relative to the project folder (as given when it is outside it)."""
        try:
            return Path(path).resolve().relative_to(self.root).as_posix()
        except ValueError:
            return Path(path).as_posix()


def _settings(config: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (!ENV tags resolved, INHERIT followed)."""
    import yaml
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        with config.open("rb") as fd:
            settings = yaml_load(fd)
    except (OSError, yaml.YAMLError, ConfigurationError) as exc:
        raise ProjectError(f"{config} cannot be read: {exc}") from exc
    return settings if isinstance(settings, dict) else {}
