"""The registry: units, clusters, lineage and the indicator catalogue (``data/reference``).

Domain knowledge lives in CSV files an analyst can edit in Excel; this module loads them,
checks them and builds the lookups the readers need (unit key -> unit; the indicator
catalogue as typed objects, :mod:`unionstats.catalogue`). A malformed file raises
:class:`ReferenceDataError` naming the file and line.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from unionstats.catalogue import Catalogue, Derived, catalogue_from_frame, derived_from_frame
from unionstats.errors import ReferenceDataError
from unionstats.periods import Period, parse_code
from unionstats.text import squash, unit_key

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "units.csv": ("unit_code", "name", "kind", "aliases", "valid_from", "valid_to"),
    "clusters.csv": ("year", "cluster_code", "cluster_name", "unit_code", "role"),
    "indicators.csv": ("code", "label_vi", "measure", "kind", "fy_only", "female_code", "aliases"),
    "lineage.csv": ("from_unit", "to_unit", "effective", "kind"),
}


BACKUP_FOLDER = "sao-luu"  # where a reference file is copied before a command rewrites it


def replace_reference_csv(
    folder: Path, name: str, header: list[str], rows: list[dict[str, str]]
) -> Path | None:
    """Write the reference table ``name`` in ``folder`` (its encoding kept: Excel saves CSV
    with a byte-order mark) after copying the current file to ``sao-luu/``; returns that
    copy, or None for a table written the first time."""
    import csv
    import io
    from datetime import datetime

    from unionstats.atomic import write_file

    path = Path(folder) / name
    raw = path.read_bytes() if path.is_file() else b""
    encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    backup = None
    if raw:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = Path(folder) / BACKUP_FOLDER / f"{path.stem}-{stamp}.csv"
        write_file(backup, lambda target: target.write_bytes(raw))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_file(path, lambda target: target.write_text(out.getvalue(), encoding=encoding))
    return backup


def read_reference_csv(path: Path, required: tuple[str, ...] = ()) -> pd.DataFrame:
    """Read one reference CSV as text columns, checking that ``required`` columns exist.

    Excel saves CSV with a byte-order mark; both with and without are accepted.
    """
    if not path.is_file():
        raise ReferenceDataError(
            f"Thiếu tệp danh mục {path.name}: cần có tệp này trong thư mục {path.parent}.",
            file=str(path),
            code="reference_missing",
        )
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except pd.errors.EmptyDataError:
        raise ReferenceDataError(
            f"{path.name} trống, không có cả dòng tiêu đề: dòng đầu phải là "
            f"{', '.join(required) or 'tên các cột'}.",
            file=str(path),
            cell="dòng 1",
        ) from None
    except (UnicodeDecodeError, pd.errors.ParserError, ValueError) as error:
        detail = " ".join(str(error).split())[:150]
        raise ReferenceDataError(
            f"Không đọc được {path.name} ({detail}); lưu lại tệp dạng CSV UTF-8.",
            file=str(path),
        ) from None
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise ReferenceDataError(
            f"{path.name} thiếu cột {', '.join(missing)}; dòng tiêu đề phải có: {', '.join(required)}.",
            file=str(path),
            cell="dòng 1",
        )
    return frame.apply(lambda column: column.str.strip())


@dataclass
class Registry:
    """All reference data of one province, with the lookups built from it."""

    units: pd.DataFrame
    clusters: pd.DataFrame
    indicators: pd.DataFrame
    lineage: pd.DataFrame
    folder: Path
    _extra: dict[str, pd.DataFrame] = field(default_factory=dict)

    @cached_property
    def catalogue(self) -> Catalogue:
        """The indicator catalogue as typed :class:`~unionstats.catalogue.Indicator` objects,
        with the word list of ``wording.csv`` (none if the file is absent)."""
        path = self.folder / "wording.csv"
        wording = ()
        if path.is_file():
            frame = read_reference_csv(path, ("phrase", "means"))
            wording = tuple(zip(frame["phrase"], frame["means"], strict=True))
        return catalogue_from_frame(self.indicators, wording)

    @cached_property
    def derived(self) -> dict[str, Derived]:
        """The ratios of ``derived.csv`` (none if the file is absent)."""
        path = self.folder / "derived.csv"
        if not path.is_file():
            return {}
        frame = read_reference_csv(
            path, ("code", "label_vi", "numerator", "denominator", "multiplier", "measure")
        )
        return derived_from_frame(frame, self.catalogue)

    @cached_property
    def sentence_words(self) -> dict[str, dict[str, str]]:
        """The words reports use around numbers, by role (:mod:`unionstats.report_words`)."""
        from unionstats.report_words import read_sentence_words

        return read_sentence_words(self.folder)

    @cached_property
    def confirmed_figures(self) -> frozenset[tuple[str, str, str, float]]:
        """(file, cell, indicator, value) of the figures read from reports' sentences that an
        analyst confirmed (:mod:`unionstats.report_words`)."""
        from unionstats.report_words import read_confirmed_figures

        return read_confirmed_figures(self.folder)

    def describe(self, code: str) -> tuple[str, str]:
        """(label, measure) of an indicator of the catalogue or a derived one."""
        if code in self.derived:
            return self.derived[code].label, self.derived[code].measure
        return self.catalogue.label(code), self.catalogue[code].measure

    @cached_property
    def unit_by_key(self) -> dict[str, str]:
        """Map squashed unit keys (name and every alias) to unit codes."""
        lookup: dict[str, str] = {}
        for row in self.units.itertuples(index=False):
            for text in (row.name, row.unit_code, *row.aliases.split("|")):
                key = squash(text)
                if not key:
                    continue
                owner = lookup.setdefault(key, row.unit_code)
                if owner != row.unit_code:
                    raise ReferenceDataError(
                        f"Tên '{text}' dùng cho cả {owner} và {row.unit_code} trong units.csv: "
                        "mỗi tên gọi chỉ thuộc một đơn vị.",
                        file=str(self.folder / "units.csv"),
                    )
        return lookup

    @cached_property
    def unit_names(self) -> dict[str, str]:
        return dict(zip(self.units["unit_code"], self.units["name"], strict=True))

    def match_unit(self, text: str) -> str | None:
        """Return the unit code ``text`` names exactly (up to spelling variants), or None."""
        return self.unit_by_key.get(squash(text))

    def units_in_text(self, text: str) -> set[str]:
        """Return the units whose squashed name occurs inside ``text`` (for filenames)."""
        haystack = squash(text)
        found = [(key, code) for key, code in self._long_unit_keys if key in haystack]
        # "CD Vien chuc va Y te" names the Viên chức và Y tế union, not also the Viên chức one
        return {
            code
            for key, code in found
            if not any(key != longer and key in longer and other != code for longer, other in found)
        }

    @cached_property
    def _long_unit_keys(self) -> tuple[tuple[str, str], ...]:
        """Unit keys long enough to be looked for inside a file name (5 letters or more)."""
        return tuple((key, code) for key, code in self.unit_by_key.items() if len(key) >= 5)

    def unit_codes(self, wanted: list[str]) -> set[str]:
        """The codes of units named by code or by any of their names.

        Raises
        ------
        UsageError
            For a name no unit has, with the closest registered names.
        """
        from unionstats.errors import UsageError

        codes = set()
        for text in wanted:
            code = text if text in self.unit_names else self.match_unit(text)
            if code is None:
                suggestions = ", ".join(self.closest_units(text)) or "xem 'unionstats list units'"
                raise UsageError(f"Không có đơn vị '{text}'. Gần nhất: {suggestions}.", code="unknown_unit")
            codes.add(code)
        return codes

    def closest_units(self, text: str, n: int = 3) -> list[str]:
        """Suggest the registered unit names closest to ``text``."""
        names = {unit_key(name): name for name in self.units["name"]}
        for row in self.units.itertuples(index=False):
            for alias in row.aliases.split("|"):
                names.setdefault(unit_key(alias), row.name)
        keys = difflib.get_close_matches(unit_key(text), list(names), n=n * 3, cutoff=0.4)
        suggestions: list[str] = []
        for key in keys:
            if names[key] not in suggestions:
                suggestions.append(names[key])
        return suggestions[:n]

    def cluster_of(self, unit_code: str, year: int) -> str:
        """Return the cluster a unit belonged to in ``year`` ('' if none)."""
        members = self.cluster_table
        return members.get((year, unit_code), "")

    @cached_property
    def cluster_table(self) -> dict[tuple[int, str], str]:
        clusters = self.clusters
        keys = zip(clusters["year"].astype(int).tolist(), clusters["unit_code"].tolist(), strict=True)
        return dict(zip(keys, clusters["cluster_code"].tolist(), strict=True))

    def expected_units(self, period: Period) -> list[str]:
        """Units that should report for ``period`` according to their validity dates."""
        expected = []
        for row in self.units.itertuples(index=False):
            start = parse_code(row.valid_from) if row.valid_from else None
            end = parse_code(row.valid_to) if row.valid_to else None
            if start and period.sort_key() < start.sort_key():
                continue
            if end and period.sort_key() > end.sort_key():
                continue
            expected.append(row.unit_code)
        return expected


def load_registry(folder: Path) -> Registry:
    """Load and check every reference CSV under ``folder``."""
    folder = Path(folder)
    frames = {name: read_reference_csv(folder / name, columns) for name, columns in REQUIRED_COLUMNS.items()}
    registry = Registry(
        units=frames["units.csv"],
        clusters=frames["clusters.csv"],
        indicators=frames["indicators.csv"],
        lineage=frames["lineage.csv"],
        folder=folder,
    )
    _check(registry)
    return registry


def _line_error(name: str, folder: Path, index: int, message: str) -> ReferenceDataError:
    line = int(index) + 2  # the header is line 1
    return ReferenceDataError(
        f"{name} dòng {line}: {message}",
        file=str(folder / name),
        cell=f"dòng {line}",
        code="reference_invalid",
    )


def _check_unique_and_numeric(registry: Registry) -> None:
    """Codes that must be unique, and years that must be numbers."""
    if registry.units.empty:
        raise ReferenceDataError(
            "units.csv không có đơn vị nào: điền sheet 'Đơn vị' của thiet-lap-tinh.xlsx rồi chạy "
            "'unionstats setup' (hoặc thêm mỗi đơn vị một dòng vào units.csv).",
            file=str(registry.folder / "units.csv"),
        )
    for name, frame, columns in (
        ("units.csv", registry.units, ["unit_code"]),
        ("indicators.csv", registry.indicators, ["code"]),
        ("clusters.csv", registry.clusters, ["year", "unit_code"]),
    ):
        repeated = frame.index[frame.duplicated(subset=columns, keep="first")]
        if len(repeated):
            shown = ", ".join(str(frame.at[repeated[0], c]) for c in columns)
            raise _line_error(
                name, registry.folder, repeated[0], f"'{shown}' đã có ở dòng trên: mỗi mã một dòng."
            )
    for index, year in registry.clusters["year"].items():
        if not year.isdigit() or len(year) != 4:
            raise _line_error(
                "clusters.csv", registry.folder, index, f"year = '{year}' không phải năm (ví dụ 2024)."
            )


def _check(registry: Registry) -> None:
    """Fail early, with the line number, on reference rows the readers cannot use."""
    _check_unique_and_numeric(registry)
    for name, frame, column, allowed in (
        ("units.csv", registry.units, "kind", {"district", "sector"}),
        ("indicators.csv", registry.indicators, "kind", {"stock", "flow"}),
        ("clusters.csv", registry.clusters, "role", {"truong", "pho", ""}),
    ):
        bad = frame.index[~frame[column].isin(allowed)]
        if len(bad):
            line = int(bad[0]) + 2
            raise ReferenceDataError(
                f"{name} dòng {line}: cột {column} = '{frame.at[bad[0], column]}' không hợp lệ; "
                f"chỉ dùng {', '.join(sorted(v or '(trống)' for v in allowed))}.",
                file=str(registry.folder / name),
                cell=f"dòng {line}",
            )
    for column in ("valid_from", "valid_to"):
        for index, code in registry.units[column].items():
            if code:
                try:
                    parse_code(code)
                except ValueError:
                    message = f"{column} = '{code}' không phải mã kỳ (ví dụ 2019-H1, 2023-FY)."
                    raise _line_error("units.csv", registry.folder, index, message) from None
    known = set(registry.units["unit_code"])
    unknown = registry.clusters.index[~registry.clusters["unit_code"].isin(known)]
    if len(unknown):
        line = int(unknown[0]) + 2
        raise ReferenceDataError(
            f"clusters.csv dòng {line}: đơn vị '{registry.clusters.at[unknown[0], 'unit_code']}' "
            "không có trong units.csv.",
            file=str(registry.folder / "clusters.csv"),
            cell=f"dòng {line}",
        )
    # Build the unit lookup now so that duplicate names surface at load time.
    registry.unit_by_key  # noqa: B018
    registry.derived  # noqa: B018  (derived.csv names only catalogue codes)


def load_targets(folder: Path) -> pd.DataFrame:
    """``targets.csv``: year, unit_code, indicator, target (chỉ tiêu giao), numbers typed."""
    frame = read_reference_csv(Path(folder) / "targets.csv", ("year", "unit_code", "indicator", "target"))
    try:
        return frame.assign(year=frame["year"].astype(int), target=frame["target"].astype(float))
    except ValueError:
        raise ReferenceDataError(
            "targets.csv có năm hoặc chỉ tiêu không phải số: sửa các dòng đó (năm: 2024; chỉ tiêu: 1500).",
            file=str(Path(folder) / "targets.csv"),
        ) from None


def load_scoring(folder: Path) -> pd.DataFrame:
    """``scoring.csv``: the criteria of the emulation ranking and their weights."""
    frame = read_reference_csv(Path(folder) / "scoring.csv", ("criterion", "weight", "label_vi"))
    try:
        return frame.assign(weight=frame["weight"].astype(float))
    except ValueError:
        raise ReferenceDataError(
            "scoring.csv có trọng số không phải số: sửa cột weight (ví dụ 0.3).",
            file=str(Path(folder) / "scoring.csv"),
        ) from None


ORGANISATION_FIELDS = ("parent_body", "issuing_body", "place", "symbol", "signer_authority", "signer_title")


def load_organisation(folder: Path) -> dict[str, str]:
    """The issuing federation as ``organisation.csv`` names it (``field,value`` rows): its
    name and its parent body's, the place on the date line, the document symbol, the signer
    and the recipients (``|``-separated). Official documents take these from here, never code.

    Raises
    ------
    ReferenceDataError
        When the file or one of :data:`ORGANISATION_FIELDS` is missing.
    """
    frame = read_reference_csv(Path(folder) / "organisation.csv", ("field", "value"))
    fields = dict(zip(frame["field"], frame["value"], strict=True))
    missing = [name for name in ORGANISATION_FIELDS if not fields.get(name)]
    if missing:
        raise ReferenceDataError(
            f"organisation.csv thiếu {', '.join(missing)}: thêm mỗi mục một dòng 'field,value'.",
            file="organisation.csv",
            code="reference_missing",
        )
    return fields
