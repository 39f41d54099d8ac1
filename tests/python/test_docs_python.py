"""docs/python.md cannot drift (issue 19, as tests/docs/doc_examples_test.cpp does for the CLI):
every code cell of the page — a ```python block right after a `<!-- python -->` marker — runs in
order in one namespace, and the ```text block after it must be what it prints. Run by ctest
python.docs (label docs): `make doc-examples` (DECARBFUND_UPDATE_DOCS=1) rewrites the blocks and
the figures in docs/img; otherwise the figures go to a scratch folder and only the text is checked.
"""

import contextlib
import io
import os
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]
PAGE = SOURCE / "docs" / "python.md"
MARKER = "<!-- python -->"


def cells(lines):
    """(code, first line of the output block or None, its end) for each marked cell."""
    out = []
    i = 0
    while i < len(lines):
        if lines[i].strip() != MARKER:
            i += 1
            continue
        assert lines[i + 1].startswith("```python"), f"python.md:{i + 2}: expected ```python after the marker"
        end = lines.index("```", i + 2)
        code = "\n".join(lines[i + 2:end])
        block = None
        if end + 1 < len(lines) and lines[end + 1].startswith("```text"):
            close = lines.index("```", end + 2)
            block = (end + 1, close)
        out.append((code, end, block))
        i = end + 1
    return out


def test_every_cell_prints_what_the_page_shows(tmp_path, monkeypatch):
    update = os.environ.get("DECARBFUND_UPDATE_DOCS") is not None
    workdir = SOURCE if update else tmp_path
    (workdir / "docs" / "img").mkdir(parents=True, exist_ok=True)
    monkeypatch.chdir(workdir)
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    namespace = {"__name__": "__docs__"}
    replacements = []
    failures = []
    for code, code_end, block in cells(lines):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, str(PAGE), "exec"), namespace)
        printed = buffer.getvalue().rstrip("\n").split("\n") if buffer.getvalue() else []
        shown = lines[block[0] + 1:block[1]] if block else []
        if printed != shown:
            failures.append(f"cell ending at python.md:{code_end + 1} prints\n" + "\n".join(printed) +
                            "\nbut the page shows\n" + "\n".join(shown))
            replacements.append((code_end, block, printed))
    if update and replacements:
        for code_end, block, printed in reversed(replacements):
            new = ["```text", *printed, "```"] if printed else []
            if block:
                lines[block[0]:block[1] + 1] = new
            else:
                lines[code_end + 1:code_end + 1] = new
        PAGE.write_text("\n".join(lines), encoding="utf-8")
        return
    assert not failures, "docs/python.md is not what its code prints (make doc-examples rewrites it):\n" + \
        "\n\n".join(failures)
