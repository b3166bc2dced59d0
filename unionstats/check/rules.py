"""Validation rules as data (``data/reference/rules.csv``), in the spirit of DHIS2.

A rule compares two expressions over indicator codes: ``left operator right``, where the
operator is one of ``<= < == >= >`` or ``compulsory_pair`` (both sides reported, or
neither). Expressions allow indicator codes, numbers, ``+ - * /``, parentheses and
``round()`` / ``abs()``. ``ANY_COUNT`` and ``ANY_MONEY`` stand for every count (resp. money)
indicator: such a rule is applied to each of them.

``missing``: ``skip_if_any_missing`` skips a unit and period where an indicator the rule
uses was not reported; ``never_skip`` counts it as 0. ``period_types`` restricts the rule
("FY", "H1|FY"); blank means every period. ``importance`` gives the finding's severity
(high = error, medium = warning, low = info).

A malformed row does not stop validation: it is returned as a finding naming its line.
"""

from __future__ import annotations

import ast
import operator as op
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from unionstats.catalogue import Catalogue
from unionstats.findings import Finding, finding
from unionstats.reference import Registry, read_reference_csv

RULE_COLUMNS = (
    "rule_id",
    "left",
    "operator",
    "right",
    "importance",
    "missing",
    "period_types",
    "message_vi",
)
COMPARISONS: dict[str, Callable[[pd.Series, pd.Series], pd.Series]] = {
    "<=": op.le,
    "<": op.lt,
    "==": lambda a, b: np.isclose(a, b, rtol=0, atol=1e-6),
    ">=": op.ge,
    ">": op.gt,
}
OPERATORS = (*COMPARISONS, "compulsory_pair")
SEVERITY = {"high": "error", "medium": "warning", "low": "info"}
MISSING = ("skip_if_any_missing", "never_skip")
WILDCARDS = {"ANY_COUNT": "whole", "ANY_MONEY": "money"}


def _divide(left, right):
    """Division where a zero denominator gives a missing value (the rule is then skipped)."""
    if isinstance(right, pd.Series):
        return left / right.where(right != 0)
    return left / right if right != 0 else np.nan


_BINARY = {ast.Add: op.add, ast.Sub: op.sub, ast.Mult: op.mul, ast.Div: _divide}
_FUNCTIONS = {"round": np.round, "abs": np.abs}


@dataclass(frozen=True)
class Expression:
    """A parsed expression: its text, the indicators it uses, and how to evaluate it."""

    text: str
    indicators: tuple[str, ...]
    tree: ast.expr

    def evaluate(self, wide: pd.DataFrame) -> pd.Series:
        """Evaluate over a wide table (one column per indicator, NaN where missing)."""
        result = _evaluate(self.tree, wide)
        if np.isscalar(result):
            return pd.Series(float(result), index=wide.index)
        return result


@dataclass(frozen=True)
class Rule:
    rule_id: str
    left: Expression
    operator: str
    right: Expression
    severity: str
    missing: str
    period_types: frozenset[str]
    message_vi: str
    line: int

    @property
    def indicators(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.left.indicators + self.right.indicators))


def _evaluate(node: ast.expr, wide: pd.DataFrame) -> pd.Series | float:
    if isinstance(node, ast.Constant):
        return float(node.value)
    if isinstance(node, ast.Name):
        return wide[node.id] if node.id in wide else pd.Series(np.nan, index=wide.index)
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, wide)
    if isinstance(node, ast.BinOp):
        return _BINARY[type(node.op)](_evaluate(node.left, wide), _evaluate(node.right, wide))
    if isinstance(node, ast.Call):
        return _FUNCTIONS[node.func.id](_evaluate(node.args[0], wide))
    raise AssertionError(f"unchecked node {node!r}")  # parse_expression admits no other node


MAX_EXPRESSION_CHARS = 500
MAX_EXPRESSION_DEPTH = 20
MAX_NUMBER = 1e15  # larger than any figure a federation reports, in đồng


def _depth(node: ast.AST) -> int:
    children = list(ast.iter_child_nodes(node))
    return 1 + max((_depth(child) for child in children), default=0)


def parse_expression(text: str, known: set[str]) -> Expression:
    """Parse ``text``; raise ValueError (Vietnamese) when it is not a valid expression.

    Expressions are bounded (length, nesting, size of numbers), so that a mistyped or
    hostile rule becomes a finding instead of exhausting the evaluator.
    """
    shown = text if len(text) <= 60 else text[:57] + "…"
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ValueError(f"biểu thức '{shown}' dài quá {MAX_EXPRESSION_CHARS} ký tự")
    try:
        tree = ast.parse(text.strip(), mode="eval").body
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        raise ValueError(f"biểu thức '{shown}' sai cú pháp") from None
    if _depth(tree) > MAX_EXPRESSION_DEPTH:
        raise ValueError(f"biểu thức '{shown}' lồng nhau quá {MAX_EXPRESSION_DEPTH} tầng")
    text = shown
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id in _FUNCTIONS:
                continue
            if node.id not in known:
                raise ValueError(f"'{node.id}' không phải mã chỉ tiêu trong indicators.csv")
            names.append(node.id)
        elif isinstance(node, ast.Call):
            if not (
                isinstance(node.func, ast.Name)
                and node.func.id in _FUNCTIONS
                and len(node.args) == 1
                and not node.keywords
            ):
                raise ValueError(f"trong '{text}' chỉ dùng được hàm round(x), abs(x)")
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, int | float) or isinstance(node.value, bool):
                raise ValueError(f"'{str(node.value)[:20]}' trong '{text}' không phải số")
            if abs(node.value) > MAX_NUMBER:
                raise ValueError(f"số trong '{text}' lớn quá {MAX_NUMBER:.0e}")
        elif isinstance(node, ast.BinOp):
            if type(node.op) not in _BINARY:
                raise ValueError(f"trong '{text}' chỉ dùng được + - * /")
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, ast.USub):
                raise ValueError(f"trong '{text}' chỉ dùng được dấu trừ trước số")
        elif not isinstance(node, ast.operator | ast.unaryop | ast.expr_context):
            raise ValueError(f"biểu thức '{text}' có phần không được hỗ trợ")
    return Expression(text.strip() if len(text) <= 60 else shown, tuple(dict.fromkeys(names)), tree)


def load_rules(path: Path, registry: Registry) -> tuple[list[Rule], list[Finding]]:
    """Read ``rules.csv``; return the valid rules and one finding per malformed row.

    Raises
    ------
    unionstats.errors.ReferenceDataError
        Only when the file is missing or lacks a required column.
    """
    frame = read_reference_csv(path, RULE_COLUMNS)
    catalogue = registry.catalogue
    known = set(catalogue)
    rules: list[Rule] = []
    problems: list[Finding] = []
    for index, row in frame.iterrows():
        line = int(index) + 2
        try:
            rules.extend(_rules_of_row(row, line, known, catalogue))
        except ValueError as error:
            problems.append(
                finding(
                    "rule_invalid",
                    file=str(path.name),
                    cell=f"dòng {line}",
                    rule_id=row["rule_id"],
                    stage="validate",
                    line=line,
                    rule_label=row["rule_id"] or "không có mã",
                    detail=error,
                )
            )
    return rules, problems


def _rules_of_row(row: pd.Series, line: int, known: set[str], catalogue: Catalogue) -> list[Rule]:
    if not row["rule_id"]:
        raise ValueError("thiếu rule_id")
    if row["operator"] not in OPERATORS:
        raise ValueError(f"phép so sánh '{row['operator']}' không hợp lệ; dùng {', '.join(OPERATORS)}")
    if row["importance"] not in SEVERITY:
        raise ValueError(f"importance '{row['importance']}' không hợp lệ; dùng high, medium, low")
    missing = row["missing"] or "skip_if_any_missing"
    if missing not in MISSING:
        raise ValueError(f"missing '{missing}' không hợp lệ; dùng {', '.join(MISSING)}")
    period_types = frozenset(p.strip().upper() for p in row["period_types"].split("|") if p.strip())
    wildcard = next((w for w in WILDCARDS if w in row["left"] or w in row["right"]), None)
    targets = [c for c, i in catalogue.items() if getattr(i, WILDCARDS[wildcard])] if wildcard else [None]
    rules = []
    for code in targets:
        left_text = row["left"].replace(wildcard, code) if wildcard else row["left"]
        right_text = row["right"].replace(wildcard, code) if wildcard else row["right"]
        rules.append(
            Rule(
                rule_id=row["rule_id"],
                left=parse_expression(left_text, known),
                operator=row["operator"],
                right=parse_expression(right_text, known),
                severity=SEVERITY[row["importance"]],
                missing=missing,
                period_types=period_types,
                message_vi=row["message_vi"] or f"Vi phạm quy tắc {row['rule_id']}",
                line=line,
            )
        )
    return rules


def violations(rule: Rule, wide: pd.DataFrame) -> pd.DataFrame:
    """Rows of ``wide`` (indexed by unit and period) that break ``rule``.

    Returns a frame with the rule's left and right values for each breaking row.
    """
    if rule.period_types:
        types = wide.index.get_level_values("period").str.split("-").str[-1]
        wide = wide[types.isin(rule.period_types)]
    present = pd.DataFrame(
        {code: wide[code].notna() if code in wide else False for code in rule.indicators}, index=wide.index
    )
    if rule.operator == "compulsory_pair":
        left_present = present[list(rule.left.indicators)].all(axis=1)
        right_present = present[list(rule.right.indicators)].all(axis=1)
        broken = left_present != right_present
        return pd.DataFrame(
            {"left": rule.left.evaluate(wide)[broken], "right": rule.right.evaluate(wide)[broken]}
        )
    if rule.missing == "never_skip":
        filled = wide.reindex(columns=sorted(set(wide.columns) | set(rule.indicators))).fillna(0)
        usable = pd.Series(True, index=wide.index)
    else:
        filled = wide
        usable = present.all(axis=1)
    left, right = rule.left.evaluate(filled), rule.right.evaluate(filled)
    holds = pd.Series(np.asarray(COMPARISONS[rule.operator](left, right), dtype=bool), index=wide.index)
    broken = usable & ~holds
    return pd.DataFrame({"left": left[broken], "right": right[broken]})
