"""The README is part of the product: its promises are checked here."""

from __future__ import annotations

import doctest
import re

from tests.conftest import ROOT
from timeline.schema import COLUMNS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_commands():
    first_block = README.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_every_column_is_documented():
    for name in COLUMNS:
        assert f"`{name}`" in README, name


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_readme_examples_run_as_written():
    blocks = re.findall(r"```pycon\n(.*?)```", README, re.S)
    assert blocks, "the README has no runnable example"
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for number, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, {}, f"README block {number}", "README.md", 0))
    assert runner.failures == 0, f"{runner.failures} README example(s) print something else"
