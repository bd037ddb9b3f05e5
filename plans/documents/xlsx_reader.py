"""Excel (.xlsx) → blocks: one table per sheet, merged ranges marked like Word's."""

from __future__ import annotations

import io
import warnings
import zipfile
from datetime import date, datetime, time
from typing import Any

from plans.documents.errors import DocumentError, Problem
from plans.documents.model import Block, Blocks, Cell, Row, Table

MAX_ROWS = 20_000
MAX_COLS = 60


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return f"{value.day}/{value.month}/{value.year}"
        return f"{value.day}/{value.month}/{value.year} {value.hour:02d}:{value.minute:02d}"
    if isinstance(value, date):
        return f"{value.day}/{value.month}/{value.year}"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:g}"
    return str(value).replace("\r\n", "\n").replace("_x000D_", "")


def read_xlsx(data: bytes) -> Blocks:
    from openpyxl import load_workbook  # heavy import, only when needed

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    except DocumentError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        raise DocumentError(Problem.CORRUPT, ext=".xlsx", detail=repr(exc)) from exc
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise DocumentError(Problem.CORRUPT, ext=".xlsx", detail=repr(exc)) from exc

    blocks: list[Block] = []
    for ws in wb.worksheets:
        max_row = min(ws.max_row or 0, MAX_ROWS)
        max_col = min(ws.max_column or 0, MAX_COLS)
        if max_row == 0 or max_col == 0:
            continue
        covered: dict[tuple[int, int], tuple[int, int]] = {}  # (row, col) → origin
        for rng in ws.merged_cells.ranges:
            r0, c0, r1, c1 = rng.min_row, rng.min_col, rng.max_row, rng.max_col
            if r0 > max_row or c0 > max_col:
                continue
            for r in range(r0, min(r1, max_row) + 1):
                for c in range(c0, min(c1, max_col) + 1):
                    if (r, c) != (r0, c0):
                        covered[(r, c)] = (r0, c0)
        grid: list[list[str]] = []
        for values in ws.iter_rows(min_row=1, max_row=max_row, max_col=max_col, values_only=True):
            grid.append([_text(v) for v in values] + [""] * (max_col - len(values)))
        rows: list[Row] = []
        for r_idx, values in enumerate(grid, start=1):
            cells: list[Cell] = []
            for c_idx, text in enumerate(values, start=1):
                origin = covered.get((r_idx, c_idx))
                if origin is None:
                    cells.append(Cell(text))
                    continue
                r0, c0 = origin
                up = r_idx > r0
                left = c_idx > c0
                shown = grid[r0 - 1][c0 - 1] if up and not left else ""
                cells.append(Cell(shown, merged_up=up, merged_left=left))
            if any(c.text.strip() and not c.merged_up for c in cells):
                rows.append(Row(cells))
        # drop columns empty everywhere
        used = [any(row.cells[c].text.strip() for row in rows) for c in range(max_col)]
        last_used = max((i for i, u in enumerate(used) if u), default=-1)
        rows = [Row(row.cells[: last_used + 1], row.header) for row in rows]
        if rows:
            blocks.append(Table(rows, name=str(ws.title)))
    return Blocks(blocks, "xlsx")
